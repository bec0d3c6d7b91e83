/**
 * The judge of the conformance suite: stock json-rules-engine, as its users run it — undefined
 * facts allowed, its own JSONPath for `path`, nothing of pingtai's in between.
 */
import { Engine, type TopLevelCondition } from 'json-rules-engine';

/** A condition as json-rules-engine wants it at the root of a rule (`all`, `any` or `not`). */
export function asRootCondition(conditions: unknown): TopLevelCondition {
  const node = conditions as Record<string, unknown>;
  return ('all' in node || 'any' in node || 'not' in node ? node : { all: [node] }) as TopLevelCondition;
}

/** One stock engine per condition, holding one rule with it; run once per set of facts. */
export function stockJudge(conditions: unknown): (facts: Record<string, unknown>) => Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: asRootCondition(conditions), event: { type: 'hit' } });
  return async (facts) => (await engine.run({ ...facts })).events.length > 0;
}
