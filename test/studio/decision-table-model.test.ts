/** The decision table model: rules of a scope and type as rows, cells and outputs, and its edits. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECISION_TYPES, type CountyConfig, type Rule } from '../../engine/index';
import { CATALOGS_DIR, loadConfigPath } from '../../runtime/config-loader';
import { factCatalog } from '../../studio/src/config/decision-table/fact-catalog';
import { addColumn, buildTable, ruleOfRow, unreadableRules } from '../../studio/src/config/decision-table/table-model';
import { addRow, deleteRow, duplicateRow, moveRow, newRuleId, setCell, setName, setOutput, TableEditError } from '../../studio/src/config/decision-table/table-edits';
import { scopeOfRule, type TableScope } from '../../studio/src/config/decision-table/table-scope';
import { DEFAULT_LEVELS } from '../../studio/src/config/level-names';

const configs: Record<string, CountyConfig> = {};
beforeAll(async () => {
  for (const name of ['zhejiang-four-platforms', 'pilot-whistle']) {
    const loaded = await loadConfigPath(path.join(CATALOGS_DIR, name));
    if (!loaded.ok) throw new Error(`${name} does not load`);
    configs[name] = loaded.value.config as unknown as CountyConfig;
  }
});

/** JSON with object keys sorted: equal documents compare equal whatever their key order. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalised((value as Record<string, unknown>)[k])]));
}

const scopesOf = (config: CountyConfig): TableScope[] => [
  { kind: 'all' },
  ...config.categories.map((m) => ({ kind: 'major' as const, code: m.code })),
  ...config.categories.flatMap((m) => m.children.map((c) => ({ kind: 'category' as const, code: c.code }))),
];

/** Every rule through the tables' model and back, in config order. */
function throughTables(config: CountyConfig): Rule[] {
  const rebuilt: Array<{ index: number; rule: Rule }> = [];
  for (const scope of scopesOf(config)) {
    for (const type of DECISION_TYPES) for (const row of buildTable(config.rules, scope, type).rows) rebuilt.push({ index: row.index, rule: ruleOfRow(row) });
  }
  return rebuilt.sort((a, b) => a.index - b.index).map((r) => r.rule);
}

const rulesOf = (name: string) => configs[name].rules;
const routeTable = (rules: readonly unknown[], code = 'env-waste') => buildTable(rules, { kind: 'category', code }, 'route');

describe('decision table model', () => {
  it.each(['zhejiang-four-platforms', 'pilot-whistle'])('every rule of %s → model → rules is the original', (name) => {
    const config = configs[name];
    expect(unreadableRules(config.rules)).toEqual([]);
    const back = throughTables(config);
    expect(back.length).toBe(config.rules.length);
    expect(normalised(back)).toEqual(normalised(config.rules));
  });

  it('rows come in engine order: priority, then level for grade, then config order', () => {
    const rules = rulesOf('zhejiang-four-platforms');
    for (const scope of scopesOf(configs['zhejiang-four-platforms'])) {
      for (const type of DECISION_TYPES) {
        const rows = buildTable(rules, scope, type).rows;
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1], rows[i]];
          expect(a.priority).toBeGreaterThanOrEqual(b.priority);
          if (a.priority === b.priority && type !== 'grade') expect(a.index).toBeLessThan(b.index);
        }
      }
    }
  });

  it('flat rows fit the table, nested ones do not, and columns are the facts tested', () => {
    const rules = rulesOf('zhejiang-four-platforms');
    const tags = buildTable(rules, { kind: 'all' }, 'tag');
    const byId = Object.fromEntries(tags.rows.map((r) => [r.ruleId, r]));
    expect(byId['t-night'].shape).toBe('nested'); // an any of two hour conditions
    expect(byId['t-key-area'].shape).toBe('nested'); // a path into the location
    const flat = tags.rows.filter((r) => r.shape === 'table');
    expect(flat.length).toBeGreaterThan(0);
    for (const row of flat) for (const leaf of row.leaves) expect(tags.columns).toContain(leaf.fact);
    const grade = buildTable(rules, { kind: 'category', code: 'dispute-neighbor' }, 'grade');
    expect(grade.outputs).toEqual(['level']);
  });

  it('a range of two bounds on one fact fits one cell; two equals do not', () => {
    const rule = (all: unknown[]): Rule => ({ id: 'x', name: { zh: 'x', en: 'x' }, priority: 5, conditions: { all } as Rule['conditions'], event: { type: 'tag', params: { tags: ['t'] } } });
    const range = buildTable([rule([{ fact: 'hourOfDay', operator: 'greaterThanInclusive', value: 8 }, { fact: 'hourOfDay', operator: 'lessThan', value: 12 }])], { kind: 'all' }, 'tag');
    expect(range.rows[0].shape).toBe('table');
    expect(range.rows[0].cells.hourOfDay).toHaveLength(2);
    const twice = buildTable([rule([{ fact: 'hourOfDay', operator: 'equal', value: 8 }, { fact: 'hourOfDay', operator: 'equal', value: 9 }])], { kind: 'all' }, 'tag');
    expect(twice.rows[0].shape).toBe('nested');
    const broken = buildTable([rule([{ fact: 'hourOfDay', operator: 'equal' }])], { kind: 'all' }, 'tag');
    expect(broken.rows[0].shape).toBe('json');
  });

  it('setCell replaces, adds and clears a fact\'s condition, leaving other rules untouched', () => {
    const rules = rulesOf('zhejiang-four-platforms');
    const table = routeTable(rules);
    const row = table.rows.find((r) => r.shape === 'table' && r.leaves.length > 0)!;
    const fact = row.leaves[0].fact;
    const edited = setCell(rules, row.ruleId, 'recentReports', { operator: 'greaterThanInclusive', value: 3 });
    const after = routeTable(edited).rows.find((r) => r.ruleId === row.ruleId)!;
    expect(after.cells.recentReports).toEqual([{ fact: 'recentReports', operator: 'greaterThanInclusive', value: 3 }]);
    expect(after.leaves.at(-1)?.fact).toBe('recentReports');
    edited.forEach((r, i) => i !== row.index && expect(r).toBe(rules[i]));
    const cleared = setCell(edited, row.ruleId, fact, null);
    expect(routeTable(cleared).rows.find((r) => r.ruleId === row.ruleId)!.cells[fact]).toBeUndefined();
    const ranged = setCell(rules, row.ruleId, 'hourOfDay', [{ operator: 'greaterThanInclusive', value: 8 }, { operator: 'lessThan', value: 18 }]);
    expect(routeTable(ranged).rows.find((r) => r.ruleId === row.ruleId)!.cells.hourOfDay).toHaveLength(2);
    expect(() => setCell(rules, row.ruleId, 'hourOfDay', [{ operator: 'equal', value: 8 }, { operator: 'equal', value: 9 }])).toThrow(TableEditError);
    const nested = buildTable(rules, { kind: 'all' }, 'tag').rows.find((r) => r.ruleId === 't-night')!;
    expect(() => setCell(rules, nested.ruleId, 'hourOfDay', null)).toThrowError(expect.objectContaining({ code: 'not-a-table-row' }));
  });

  it('addColumn adds an empty column without touching the rules', () => {
    const table = routeTable(rulesOf('zhejiang-four-platforms'));
    const wider = addColumn(table, 'workingTime');
    expect(wider.columns.at(-1)).toBe('workingTime');
    expect(addColumn(wider, 'workingTime').columns).toEqual(wider.columns);
  });

  it('setOutput and setName change one rule', () => {
    const rules = rulesOf('zhejiang-four-platforms');
    const row = routeTable(rules).rows[0];
    const target = { type: 'unit', unit: 'qs-fx-enf' };
    const edited = setOutput(rules, row.ruleId, 'target', target);
    expect((edited[row.index] as Rule).event.params).toMatchObject({ target });
    const noAssist = setOutput(edited, row.ruleId, 'assist', undefined);
    expect('assist' in ((noAssist[row.index] as Rule).event.params as object)).toBe(false);
    const renamed = setName(rules, row.ruleId, { zh: '新名', en: 'New name' });
    expect((renamed[row.index] as Rule).name).toEqual({ zh: '新名', en: 'New name' });
    expect(Object.keys(renamed[row.index] as object)).toEqual(Object.keys(rules[row.index] as object));
  });

  it("a route's dispatcher is an output column of its own: shown, set and cleared", () => {
    const rules = rulesOf('pilot-whistle');
    const table = buildTable(rules, { kind: 'all' }, 'route');
    expect(table.outputs).toEqual(['target', 'assist', 'dispatcher']);
    const whistle = table.rows.find((r) => r.ruleId === 'w-route-hazchem-dept')!;
    expect(whistle.shape).toBe('table');
    expect((whistle.rule.event.params as Record<string, unknown>).dispatcher).toEqual({ type: 'township-command' });
    const county = setOutput(rules, whistle.ruleId, 'dispatcher', { type: 'county-command' });
    expect((county[whistle.index] as Rule).event.params).toEqual({ target: { type: 'department', domain: 'emergency' }, dispatcher: { type: 'county-command' } });
    const cleared = setOutput(county, whistle.ruleId, 'dispatcher', undefined);
    expect((cleared[whistle.index] as Rule).event.params).toEqual({ target: { type: 'department', domain: 'emergency' } });
  });

  it('addRow puts a new rule at the bottom of its table with the table\'s scope; duplicate and delete', () => {
    const rules = rulesOf('zhejiang-four-platforms');
    const table = routeTable(rules);
    const id = newRuleId(rules, 'route');
    const added = addRow(rules, table, { id, name: { zh: '新规则', en: 'New rule' }, event: { type: 'route', params: { target: { type: 'township-command' } } } });
    const after = routeTable(added);
    expect(after.rows.at(-1)?.ruleId).toBe(id);
    expect(after.rows.at(-1)?.rule.scope).toEqual({ category: 'env-waste' });
    expect(() => addRow(added, table, { id, name: { zh: 'a', en: 'a' }, event: { type: 'route', params: { target: { type: 'village' } } } })).toThrowError(expect.objectContaining({ code: 'id-taken' }));
    const first = after.rows[0];
    const copied = duplicateRow(added, first.ruleId, { id: 'copy-1', name: { zh: '副本', en: 'Copy' } });
    const withCopy = routeTable(copied);
    expect(withCopy.rows.map((r) => r.ruleId).slice(0, 2)).toEqual([first.ruleId, 'copy-1']);
    expect(routeTable(deleteRow(copied, 'copy-1')).rows.map((r) => r.ruleId)).toEqual(after.rows.map((r) => r.ruleId));
  });

  describe('moveRow', () => {
    const rule = (id: string, priority: number, scope?: Rule['scope'], level?: number): Rule => ({
      id, name: { zh: id, en: id }, priority, ...(scope ? { scope } : {}), conditions: { all: [] },
      event: level ? { type: 'grade', params: { level: level as 1 } } : { type: 'route', params: { target: { type: 'village' } } },
    });
    const scope: TableScope = { kind: 'category', code: 'c1' };
    const ids = (rules: readonly unknown[], type: 'route' | 'grade' = 'route') => buildTable(rules, scope, type).rows.map((r) => r.ruleId);

    it.each([
      ['down, distinct priorities', [rule('a', 30, { category: 'c1' }), rule('b', 20, { category: 'c1' }), rule('c', 10, { category: 'c1' })], 0, 2, ['b', 'c', 'a']],
      ['up, distinct priorities', [rule('a', 30, { category: 'c1' }), rule('b', 20, { category: 'c1' }), rule('c', 10, { category: 'c1' })], 2, 0, ['c', 'a', 'b']],
      ['equal priorities: config order follows', [rule('a', 10, { category: 'c1' }), rule('b', 10, { category: 'c1' })], 1, 0, ['b', 'a']],
    ] as const)('%s', (_name, rules, from, to, expected) => {
      const moved = moveRow(rules, buildTable(rules, scope, 'route'), from, to);
      expect(ids(moved)).toEqual(expected);
      // the table keeps the priority values it had
      expect(buildTable(moved, scope, 'route').rows.map((r) => r.priority).sort()).toEqual(rules.map((r) => r.priority).sort());
    });

    it('rules outside the table keep their priority and place', () => {
      const rules = [rule('g', 15), rule('a', 30, { category: 'c1' }), rule('x', 25, { category: 'c2' }), rule('b', 20, { category: 'c1' })];
      const moved = moveRow(rules, buildTable(rules, scope, 'route'), 1, 0);
      expect(moved[0]).toBe(rules[0]);
      expect(moved[2]).toBe(rules[2]);
      expect(ids(moved)).toEqual(['b', 'a']);
    });

    it('grade ties break by level: a lower level moved above the higher one gets a higher priority', () => {
      const rules = [rule('high', 10, { category: 'c1' }, 3), rule('low', 10, { category: 'c1' }, 1)];
      expect(ids(rules, 'grade')).toEqual(['high', 'low']);
      const moved = moveRow(rules, buildTable(rules, scope, 'grade'), 1, 0);
      expect(ids(moved, 'grade')).toEqual(['low', 'high']);
    });

    it('refuses a move outside the table', () => {
      const rules = [rule('a', 30, { category: 'c1' })];
      expect(() => moveRow(rules, buildTable(rules, scope, 'route'), 0, 3)).toThrowError(expect.objectContaining({ code: 'bad-move' }));
    });

    it('keeps the whole catalog deciding the same when nothing moves, and in order after a move', () => {
      const all = rulesOf('zhejiang-four-platforms');
      const table = buildTable(all, { kind: 'all' }, 'route');
      const moved = moveRow(all, table, table.rows.length - 1, 0);
      const after = buildTable(moved, { kind: 'all' }, 'route').rows.map((r) => r.ruleId);
      const before = table.rows.map((r) => r.ruleId);
      expect(after).toEqual([before.at(-1), ...before.slice(0, -1)]);
      for (let i = 0; i < all.length; i++) if (scopeOfRule(all[i])?.kind !== 'all' || (all[i] as Rule).event.type !== 'route') expect(moved[i]).toBe(all[i]);
    });
  });

  it('the fact catalog types the scope\'s fields and the derived facts', () => {
    const config = configs['zhejiang-four-platforms'];
    const facts = factCatalog({ categories: config.categories, forms: config.forms, units: config.units, levels: DEFAULT_LEVELS }, { kind: 'category', code: 'urban-sanitation' }, 'route');
    expect(facts.get('issueType')).toMatchObject({ editor: 'select', label: { zh: '问题类型', en: 'Problem' } });
    expect(facts.get('issueType')?.options?.[0]).toEqual({ value: 'garbage_pile', label: { zh: '垃圾堆积', en: 'Piled-up rubbish' } });
    expect(facts.get('areaSqm')?.type).toMatchObject({ kind: 'number', minimum: 0, maximum: 1000000 });
    expect(facts.get('township')).toMatchObject({ editor: 'unit', unitKind: 'township' });
    expect(facts.get('level')?.options?.map((o) => o.value)).toEqual([1, 2, 3, 4]);
    expect(facts.get('dayOfWeek')?.options).toHaveLength(7);
    expect(factCatalog({ categories: config.categories, forms: config.forms, units: config.units, levels: DEFAULT_LEVELS }, { kind: 'all' }, 'grade').has('level')).toBe(false);
  });
});
