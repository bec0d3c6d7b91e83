import { describe, expect, it } from 'vitest';
import { compile, decide, explainRules, type CompiledConfig, type TestCase } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';
import { compiledCatalog } from '../helpers/catalogs';

const mini = (() => {
  const r = compile(miniCounty());
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
})() as CompiledConfig;

const weekday10 = Date.parse('2026-06-18T10:00:00+08:00');
const base = (grid: string) => ({ description: '情况说明', location: { grid } });

function explained(compiled: CompiledConfig, event: Parameters<typeof explainRules>[1], recentReports = 0) {
  const r = explainRules(compiled, event, { recentReports });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('explainRules', () => {
  it('lists every rule of the scope, fired or not, with the failing condition and the fact value', () => {
    const event = { category: 'A01', data: { ...base('t1-v1-g1'), peopleAffected: 1 }, reportedAt: weekday10 };
    const x = explained(mini, event);
    const inScope = mini.category('A01')!;
    expect(x.rules.map((r) => r.ruleId)).toEqual([...inScope.gradeRules, ...inScope.otherRules].map((r) => r.rule.id));
    const crowd = x.rules.find((r) => r.ruleId === 'g-crowd')!;
    expect(crowd.passed).toBe(false);
    const failed = crowd.leaves.filter((l) => !l.passed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ fact: 'peopleAffected', actual: 1 });
    expect(x.facts.level).toBe(1);
  });

  it('marks the winners exactly as decide reports them', () => {
    const event = { category: 'A02', data: { ...base('t1-v1-g1'), amount: 500000, peopleAffected: 20 }, reportedAt: weekday10 };
    const x = explained(mini, event);
    const { explanation } = decide(mini, event, { recentReports: 0 });
    expect(x.winners).toEqual(explanation.winners);
    for (const [type, id] of Object.entries(explanation.winners)) {
      if (id === 'default' || type === 'tag' || type === 'notify') continue;
      expect(x.rules.find((r) => r.ruleId === id)?.winner).toBe(true);
    }
    expect(x.rules.filter((r) => r.winner && r.type === 'grade').map((r) => r.ruleId)).toEqual(['g-wage']);
  });

  it('an unknown category is a problem, not a throw', () => {
    const r = explainRules(mini, { category: 'nope', data: {}, reportedAt: weekday10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].code).toBe('unknown-category');
  });

  it('reads a path into an object fact as decide does', () => {
    const x = explained(mini, { category: 'B01', data: { ...base('t1-v2-g1'), area: 300 }, reportedAt: weekday10 });
    for (const rule of x.rules) for (const leaf of rule.leaves) if (leaf.path) expect(leaf.actual).not.toBeTypeOf('object');
  });

  describe.each(['zhejiang-four-platforms', 'pilot-whistle'])('over the test cases of %s', (catalog) => {
    it('decide fired rule X ⇔ explain says X passed, and the winners agree', async () => {
      const compiled = await compiledCatalog(catalog);
      const tests = (compiled.config.tests ?? []) as TestCase[];
      expect(tests.length).toBeGreaterThan(10);
      for (const test of tests) {
        const event = { category: test.input.category, data: test.input.data, reportedAt: Date.parse(test.input.at), source: test.input.source };
        const context = test.input.context ?? {};
        const { explanation } = decide(compiled, event, context);
        const x = explained(compiled, event, context.recentReports ?? 0);
        const fired = explanation.fired.map((f) => f.ruleId).sort();
        expect(x.rules.filter((r) => r.passed).map((r) => r.ruleId).sort(), test.id).toEqual(fired);
        expect(x.winners, test.id).toEqual(explanation.winners);
        expect(x.facts, test.id).toEqual(explanation.facts);
        // every rule that did not fire names at least one failing condition
        for (const miss of x.rules.filter((r) => !r.passed)) expect(miss.leaves.some((l) => !l.passed), `${test.id} ${miss.ruleId}`).toBe(true);
      }
    });
  });
});
