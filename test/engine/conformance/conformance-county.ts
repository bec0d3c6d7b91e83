/**
 * A county config around one condition, so that a conformance case goes through the product's
 * whole path: `compile` (the schema, the fact and field checks, the condition checks) and
 * `decide` (the facts object, the compiled closures) — and `decideReference` beside it.
 */
import { compile, decide, decideReference, type CompiledConfig, type Issue } from '../../../engine/index';
import { miniCounty } from '../../fixtures/mini-county';

export const CASE_CATEGORY = 'A01';
const REPORTED_AT = Date.parse('2026-06-18T10:00:00+08:00');

/** Compiles the mini county with a form of `fields` (any JSON each) and one tag rule `hit` on `conditions`. */
export function conformanceCounty(conditions: unknown, fields: readonly string[]): { ok: true; compiled: CompiledConfig } | { ok: false; issues: Issue[] } {
  const config = miniCounty();
  config.tests = [];
  const form = config.forms.find((f) => f.id === 'f-a01')!;
  delete form.include;
  form.schema = { type: 'object', properties: Object.fromEntries(fields.map((f) => [f, {}])) };
  config.rules = [{ id: 'case', name: { zh: '用例', en: 'Case' }, priority: 1, conditions: conditions as never, event: { type: 'tag', params: { tags: ['hit'] } } }];
  const result = compile(config);
  return result.ok ? { ok: true, compiled: result.value } : { ok: false, issues: result.issues };
}

/** Whether the case's rule fires for `facts` (the report's data), on the compiled path and through the product's reference engine. */
export async function firesInProduct(compiled: CompiledConfig, facts: Record<string, unknown>): Promise<{ compiled: boolean; reference: boolean }> {
  const event = { category: CASE_CATEGORY, data: facts, reportedAt: REPORTED_AT };
  const fast = decide(compiled, event, {}, { explain: false });
  const reference = await decideReference(compiled, event, {});
  return { compiled: fast.decision.tags.includes('hit'), reference: reference.decision.tags.includes('hit') };
}
