/**
 * The reference semantics: the same rules run by json-rules-engine itself. One Engine per phase
 * per compiled config (built on first use, never per event). Each rule's scope becomes a leading
 * condition on the `category`/`majorCategory` fact, so the reference engine holds every rule and
 * needs no index. Used by the differential test, the benchmark baseline and `decide --reference`.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Rule } from '../schema/config-schema';
import type { DecideContext, DecideOutcome, EventInput } from '../types';
import { buildFacts, assembleDecision, levelFrom, plainFacts, COMBINATION_RULE } from './decide';
import type { CategoryIndex, CompiledRule } from './rule-index';
import type { DecisionHost } from './decision-host';

/** json-rules-engine form of a rule, scope included as a condition. */
export function toEngineRule(compiled: CompiledRule): RuleProperties {
  const { rule } = compiled;
  const scope = rule.scope
    ? 'category' in rule.scope
      ? [{ fact: 'category', operator: 'equal', value: rule.scope.category }]
      : [{ fact: 'majorCategory', operator: 'equal', value: rule.scope.major }]
    : [];
  const conditions = (scope.length > 0 ? { all: [...scope, rule.conditions] } : 'fact' in rule.conditions ? { all: [rule.conditions] } : rule.conditions) as TopLevelCondition;
  return { name: rule.id, priority: rule.priority, conditions, event: { type: rule.event.type, params: { ruleId: rule.id } } };
}

/**
 * Stock json-rules-engine: undefined facts allowed, and its own JSONPath for `path` (safe here:
 * compile refuses every path but plain `$.a.b` steps, so no filter or script ever reaches it).
 */
export function createReferenceEngine(rules: readonly CompiledRule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of rules) engine.addRule(toEngineRule(rule));
  return engine;
}

export interface ReferenceEngines {
  grade: Engine;
  other: Engine;
  byId: Map<string, CompiledRule>;
}

export function createReferenceEngines(rules: readonly CompiledRule[]): ReferenceEngines {
  return {
    grade: createReferenceEngine(rules.filter((r) => r.rule.event.type === 'grade')),
    other: createReferenceEngine(rules.filter((r) => r.rule.event.type !== 'grade')),
    byId: new Map(rules.map((r) => [r.rule.id, r])),
  };
}

async function firedIn(engine: Engine, facts: Record<string, unknown>, byId: Map<string, CompiledRule>): Promise<CompiledRule[]> {
  const { events } = await engine.run({ ...facts });
  return events.map((e) => byId.get((e.params as { ruleId: string }).ruleId)!).sort((a, b) => a.index - b.index);
}

/** Decides through json-rules-engine. Same combination, same decision shape as the compiled path. */
export async function decideReference(host: DecisionHost, engines: ReferenceEngines, index: CategoryIndex, event: EventInput, context: DecideContext): Promise<DecideOutcome> {
  const facts = buildFacts(host, index, event, context);
  const grades = await firedIn(engines.grade, facts, engines.byId);
  const level = levelFrom(index, grades);
  facts.level = level;
  const others = await firedIn(engines.other, facts, engines.byId);
  const fired = [...grades, ...others];
  const { decision, winners } = assembleDecision(host, index, event, level, fired);
  return {
    decision,
    explanation: {
      facts: { ...facts },
      fired: fired.map((r) => ({ ruleId: r.rule.id, priority: r.rule.priority, type: r.rule.event.type, params: r.rule.event.params as Record<string, unknown>, conditions: [] })),
      winners,
      combination: COMBINATION_RULE,
    },
    trail: { facts: plainFacts(facts), fired: fired.map((r) => r.rule.id), winners },
  };
}

export type { Rule };
