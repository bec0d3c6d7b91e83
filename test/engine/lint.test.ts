/**
 * lintConfig: coverage per category × township × level, rules that never fire or never decide,
 * and conflicts of equal priority — on small configs that have each kind of finding, and on the
 * baseline catalog. Every conflict example is checked by deciding an event with those facts.
 */
import { describe, expect, it } from 'vitest';
import { compile, decide, lintConfig, type CompiledConfig, type CountyConfig, type LintFinding } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';
import { compiledCatalog } from '../helpers/catalogs';

const n = (s: string) => ({ zh: `规则${s}`, en: s });
type RuleSpec = { id: string; priority: number; scope?: Record<string, string>; conditions: unknown; event: unknown };
const rule = ({ id, priority, scope, conditions, event }: RuleSpec) => ({ id, name: n(id), priority, ...(scope ? { scope } : {}), conditions, event }) as never;
const route = (domain: string) => ({ type: 'route', params: { target: { type: 'department', domain } } });
const sla = (policy: string) => ({ type: 'sla', params: { policy } });

function compiledWith(...rules: RuleSpec[]): CompiledConfig {
  const config: CountyConfig = miniCounty();
  config.rules.push(...rules.map(rule));
  const result = compile(config);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.pointer}: ${i.message}`).join('\n'));
  return result.value;
}

const pointerOf = (compiled: CompiledConfig, id: string) => `/rules/${compiled.config.rules.findIndex((r) => r.id === id)}`;
const DERIVED = new Set(['category', 'township', 'level', 'recentReports']);

/** Decides an event with the example's facts (in a grid of its township) and returns the ids of the fired rules. */
function firedFor(compiled: CompiledConfig, example: Record<string, unknown>): string[] {
  const grid = compiled.config.units.find((u) => u.kind === 'grid' && compiled.units.townshipOf(u.id)?.id === example.township)!;
  const data: Record<string, unknown> = { location: { grid: grid.id } };
  for (const [key, value] of Object.entries(example)) if (!DERIVED.has(key)) data[key] = value;
  const { explanation } = decide(compiled, { category: String(example.category), data, reportedAt: Date.parse('2026-03-10T02:00:00Z') }, { recentReports: Number(example.recentReports ?? 0) });
  return explanation.fired.map((f) => f.ruleId);
}

describe('lint: rules that can never fire', () => {
  const cases: Array<[string, RuleSpec, LintFinding['code']]> = [
    ['x > 5 and x < 3', { id: 'x-range', priority: 3, scope: { category: 'A02' }, conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 5 }, { fact: 'amount', operator: 'lessThan', value: 3 }] }, event: route('land') }, 'never-fires.contradiction'],
    ['equal to two different constants', { id: 'x-two', priority: 3, scope: { category: 'B01' }, conditions: { all: [{ fact: 'hazard', operator: 'equal', value: 'low' }, { any: [{ fact: 'hazard', operator: 'equal', value: 'high' }] }] }, event: route('land') }, 'never-fires.contradiction'],
    ['equal and not equal to the same value', { id: 'x-not', priority: 3, conditions: { all: [{ fact: 'recentReports', operator: 'equal', value: 2 }, { not: { fact: 'recentReports', operator: 'in', value: [1, 2] } }] }, event: sla('l2') }, 'never-fires.contradiction'],
    ['a level outside the levels', { id: 'x-level', priority: 3, conditions: { all: [{ fact: 'level', operator: 'greaterThan', value: 4 }] }, event: route('land') }, 'never-fires.cells'],
    ['a category outside its scope', { id: 'x-scope', priority: 3, scope: { major: 'A' }, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'B01' }] }, event: route('land') }, 'never-fires.cells'],
    ['a field none of its forms has', { id: 'x-field', priority: 3, conditions: { all: [{ fact: 'majorCategory', operator: 'equal', value: 'A' }, { fact: 'area', operator: 'greaterThan', value: 10 }] }, event: route('land') }, 'never-fires.cells'],
    ['a number beyond the field\'s maximum', { id: 'x-max', priority: 3, scope: { category: 'A01' }, conditions: { all: [{ fact: 'peopleAffected', operator: 'greaterThan', value: 20000 }] }, event: route('land') }, 'never-fires.cells'],
    ['an hour of the day past 23', { id: 'x-hour', priority: 3, conditions: { all: [{ fact: 'hourOfDay', operator: 'greaterThanInclusive', value: 24 }] }, event: { type: 'tag', params: { tags: ['never'] } } }, 'never-fires.cells'],
  ];

  it.each(cases)('%s', (_name, spec, code) => {
    const compiled = compiledWith(spec);
    const { neverFiring, summary } = lintConfig(compiled);
    const finding = neverFiring.find((f) => f.ruleId === spec.id);
    expect(finding).toMatchObject({ code, pointer: pointerOf(compiled, spec.id) });
    expect(finding!.message).toContain(`rule "${spec.id}"`);
    expect(finding!.messageZh).toContain(`规则「规则${spec.id}」`);
    expect(summary.neverFiring).toBe(neverFiring.length);
  });

  it('a rule that may fire is not reported: a free text field, a value inside the range', () => {
    const compiled = compiledWith(
      { id: 'ok-text', priority: 3, scope: { category: 'B01' }, conditions: { all: [{ fact: 'description', operator: 'equal', value: '塌了' }] }, event: route('land') },
      { id: 'ok-range', priority: 3, scope: { category: 'A02' }, conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 3 }, { fact: 'amount', operator: 'lessThan', value: 5 }] }, event: sla('l34') },
    );
    const { neverFiring } = lintConfig(compiled);
    expect(neverFiring.map((f) => f.ruleId)).toEqual([]);
  });
});

describe('lint: rules that fire but never decide', () => {
  it('always cut off by a rule that wins before it and always fires there', () => {
    const compiled = compiledWith(
      { id: 'r-a01-all', priority: 50, scope: { category: 'A01' }, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'A01' }] }, event: route('land') },
      { id: 'r-a01-crowd', priority: 40, scope: { category: 'A01' }, conditions: { all: [{ fact: 'peopleAffected', operator: 'greaterThan', value: 3 }] }, event: { type: 'route', params: { target: { type: 'village' } } } },
    );
    const found = lintConfig(compiled).neverFiring.find((f) => f.ruleId === 'r-a01-crowd');
    expect(found).toMatchObject({ code: 'never-decides.shadowed', other: { ruleId: 'r-a01-all', pointer: pointerOf(compiled, 'r-a01-all') } });
  });

  it('implied by a rule that wins before it (its conditions are a subset)', () => {
    const compiled = compiledWith(
      { id: 's-crowd', priority: 30, conditions: { all: [{ fact: 'peopleAffected', operator: 'greaterThan', value: 3 }] }, event: sla('l34') },
      { id: 's-crowd-repeat', priority: 20, scope: { major: 'A' }, conditions: { all: [{ fact: 'peopleAffected', operator: 'greaterThan', value: 3 }, { fact: 'recentReports', operator: 'greaterThan', value: 1 }] }, event: sla('l2') },
    );
    const found = lintConfig(compiled).neverFiring.find((f) => f.ruleId === 's-crowd-repeat');
    expect(found).toMatchObject({ code: 'never-decides.shadowed', other: { ruleId: 's-crowd' } });
  });

  it('a lower-priority rule that decides where the higher one does not is not reported', () => {
    const compiled = compiledWith(
      { id: 's-crowd', priority: 30, conditions: { all: [{ fact: 'peopleAffected', operator: 'greaterThan', value: 3 }] }, event: sla('l34') },
      { id: 's-repeat', priority: 20, conditions: { all: [{ fact: 'recentReports', operator: 'greaterThan', value: 1 }] }, event: sla('l2') },
    );
    expect(lintConfig(compiled).neverFiring).toEqual([]);
  });
});

describe('lint: conflicts of equal priority', () => {
  it('two SLA rules of equal priority that can fire together: both named, with facts where both fire', () => {
    const compiled = compiledWith(
      { id: 's-many', priority: 7, scope: { category: 'A01' }, conditions: { all: [{ fact: 'peopleAffected', operator: 'greaterThanInclusive', value: 5 }] }, event: sla('l34') },
      { id: 's-few', priority: 7, scope: { major: 'A' }, conditions: { all: [{ fact: 'peopleAffected', operator: 'lessThanInclusive', value: 8 }] }, event: sla('l2') },
    );
    const report = lintConfig(compiled);
    // the mini county's own g-crowd and g-repeat (priority 10, levels 3 and 2) conflict too
    expect(report.conflicts.map((c) => c.ruleId).sort()).toEqual(['g-repeat', 's-few']);
    const conflicts = report.conflicts.filter((c) => c.ruleId === 's-few');
    const [conflict] = conflicts;
    // the earlier rule wins the tie; the finding points at the one that loses it
    expect(conflict).toMatchObject({ code: 'conflict', ruleId: 's-few', pointer: pointerOf(compiled, 's-few'), other: { ruleId: 's-many' } });
    expect(conflict.example).toMatchObject({ category: 'A01', township: 't1' });
    expect(conflict.example!.peopleAffected).toBeGreaterThanOrEqual(5);
    expect(conflict.example!.peopleAffected).toBeLessThanOrEqual(8);
    expect(firedFor(compiled, conflict.example!)).toEqual(expect.arrayContaining(['s-many', 's-few']));
    expect(conflict.messageZh).toContain('优先级相同（7）');
    expect(report.summary.conflicts).toBe(2);
  });

  it.each([
    ['conditions that cannot hold together', [{ fact: 'peopleAffected', operator: 'greaterThanInclusive', value: 10 }], [{ fact: 'peopleAffected', operator: 'lessThan', value: 5 }], 'l2'],
    ['the same outcome', [{ fact: 'peopleAffected', operator: 'greaterThanInclusive', value: 10 }], [{ fact: 'recentReports', operator: 'greaterThan', value: 1 }], 'l34'],
    ['different categories', [{ fact: 'category', operator: 'equal', value: 'A01' }], [{ fact: 'category', operator: 'equal', value: 'A02' }], 'l2'],
  ])('no conflict: %s', (_name, first, second, policy) => {
    const compiled = compiledWith(
      { id: 's-one', priority: 7, scope: { major: 'A' }, conditions: { all: first }, event: sla('l34') },
      { id: 's-two', priority: 7, scope: { major: 'A' }, conditions: { all: second }, event: sla(policy) },
    );
    expect(lintConfig(compiled).conflicts.map((c) => c.ruleId)).toEqual(['g-repeat']);
  });
});

describe('lint: coverage', () => {
  it('names the rule that decides each cell, a conditional rule, or the default', () => {
    const compiled = compiledWith({ id: 'r-text', priority: 9, scope: { category: 'B01' }, conditions: { all: [{ fact: 'description', operator: 'equal', value: '塌了' }] }, event: route('land') });
    const { coverage, summary } = lintConfig(compiled);
    const cell = (category: string, township: string | null, level: number) => coverage.find((c) => c.category === category && c.township === township && c.level === level)!;
    // A01 at level 1: r-village always fires (it reads only the level)
    expect(cell('A01', 't1', 1).decisions.route).toMatchObject({ decidedBy: 'rule', defaultApplies: false, rules: [{ id: 'r-village', always: true }] });
    // B01: a free text condition and r-land's form fields are conditional; the default platform otherwise
    expect(cell('B01', 't1', 1).decisions.route).toMatchObject({ decidedBy: 'conditional', defaultApplies: true, defaultValue: 't1-enf', rules: [{ id: 'r-text', always: false }, { id: 'r-land', always: false }] });
    // a report with no place goes to the county command centre by default
    expect(cell('B01', null, 1).decisions.route.defaultValue).toBe('cmd');
    // levels the category can get: A02's default 2, g-crowd's 3, g-repeat's 2, g-wage's 4
    expect(coverage.filter((c) => c.category === 'A02' && c.township === 't1').map((c) => c.level)).toEqual([2, 3, 4]);
    expect(cell('A02', 't1', 4).decisions.grade).toMatchObject({ decidedBy: 'conditional', defaultApplies: false, rules: [{ id: 'g-wage' }] });
    expect(cell('A02', 't1', 2).decisions.grade).toMatchObject({ decidedBy: 'conditional', defaultApplies: true, defaultValue: 2, rules: [{ id: 'g-repeat' }] });
    expect(cell('A02', 't1', 4).decisions.sla).toMatchObject({ decidedBy: 'default', defaultValue: 'l34' });
    expect(cell('A02', 't1', 4).decisions.escalate).toMatchObject({ decidedBy: 'rule', rules: [{ id: 'e-l4', outcome: 'cmd' }] });
    expect(summary.cells).toBe(coverage.length);
    expect(summary.decidedBy.route.rule + summary.decidedBy.route.conditional + summary.decidedBy.route.default).toBe(coverage.length - summary.unreachableCells);
  });
});

describe('lint: the baseline catalog', () => {
  it('has no rule that never fires; its two equal-priority conflicts are real, and their examples fire both rules', async () => {
    const compiled = await compiledCatalog('zhejiang-four-platforms');
    const report = lintConfig(compiled);
    expect(report.neverFiring).toEqual([]);
    expect(report.conflicts.map((c) => [c.ruleId, c.other!.ruleId]).sort()).toEqual([
      ['g-dispute-repeat', 'g-dispute-hazard-high'],
      ['r-road-police', 'r-road-transport'],
    ]);
    for (const conflict of report.conflicts) expect(firedFor(compiled, conflict.example!)).toEqual(expect.arrayContaining([conflict.ruleId, conflict.other!.ruleId]));
    // 42 categories × (3 townships + no place) × their levels
    expect(new Set(report.coverage.map((c) => c.category)).size).toBe(42);
    const poisoning = report.coverage.find((c) => c.category === 'food-poisoning' && c.township === 'qs-fx' && c.level === 3)!;
    expect(poisoning.decisions.route).toMatchObject({ decidedBy: 'rule', rules: [{ id: 'r-poisoning-market-dept', always: true }] });
    expect(poisoning.decisions.sla).toMatchObject({ decidedBy: 'default', defaultValue: 'food-poisoning' });
    // with no place the township's command room has no unit: the rule fires, the default unit takes the event
    const nowhere = report.coverage.find((c) => c.category === 'dispute-neighbor' && c.township === null && c.level === 3)!;
    expect(nowhere.decisions.route).toMatchObject({ decidedBy: 'conditional', defaultApplies: true, rules: [{ id: 'r-l3-township-command', always: true, outcome: null }] });
    expect(decide(compiled, { category: 'dispute-neighbor', data: { hazard: 'high' }, reportedAt: Date.parse('2026-03-10T02:00:00Z') }).decision.unit).toBe(nowhere.decisions.route.defaultValue);
  });
});

describe('lint: coverage agrees with deciding', () => {
  it('for every test case of the baseline, each winner is listed in its cell (or the cell lets the default apply), and a rule listed as always firing fires', async () => {
    const compiled = await compiledCatalog('zhejiang-four-platforms');
    const { coverage } = lintConfig(compiled);
    const checked = { winners: 0, always: 0 };
    for (const test of compiled.config.tests ?? []) {
      const { category, data, at, source, context } = test.input as { category: string; data: Record<string, unknown>; at: string; source?: string; context?: { recentReports?: number } };
      const { decision, explanation } = decide(compiled, { category, data, reportedAt: Date.parse(at), source }, context ?? {});
      const cell = coverage.find((c) => c.category === category && c.township === decision.township && c.level === decision.level);
      expect(cell, `${test.id}: a cell for ${category} ${decision.township} L${decision.level}`).toBeDefined();
      expect(cell!.reachable).toBe(true);
      for (const type of ['grade', 'route', 'sla'] as const) {
        const winner = explanation.winners[type];
        const listed = cell!.decisions[type];
        if (winner === 'default' || winner === undefined) expect(listed.defaultApplies, `${test.id} ${type}: default`).toBe(true);
        else expect(listed.rules.map((r) => r.id), `${test.id} ${type}`).toContain(winner);
        checked.winners += 1;
        for (const rule of listed.rules.filter((r) => r.always)) {
          expect(explanation.fired.map((f) => f.ruleId), `${test.id}: ${rule.id} always fires`).toContain(rule.id);
          checked.always += 1;
        }
      }
    }
    expect(checked.winners).toBeGreaterThan(150);
    expect(checked.always).toBeGreaterThan(10);
  });
});

