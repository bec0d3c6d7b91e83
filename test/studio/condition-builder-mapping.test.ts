/** json-rules-engine conditions ⇄ react-querybuilder queries, without loss. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CountyConfig } from '../../engine/index';
import { CATALOGS_DIR, loadConfigPath } from '../../runtime/config-loader';
import { fromQuery, toQuery, type ConditionQuery } from '../../studio/src/config/decision-table/condition-query';

const configs: CountyConfig[] = [];
beforeAll(async () => {
  for (const name of ['zhejiang-four-platforms', 'pilot-whistle']) {
    const loaded = await loadConfigPath(path.join(CATALOGS_DIR, name));
    if (!loaded.ok) throw new Error(`${name} does not load`);
    configs.push(loaded.value.config as unknown as CountyConfig);
  }
});

function roundTrip(conditions: unknown): unknown {
  const q = toQuery(conditions);
  if (!q.ok) throw new Error(q.reason);
  // what the builder hands back: a copy, with ids on every rule and group as react-querybuilder adds them
  let n = 0;
  const withIds = (g: ConditionQuery): ConditionQuery => ({ ...g, id: `g${n++}`, rules: g.rules.map((r) => ('rules' in r ? withIds(r as ConditionQuery) : { ...r, id: `r${n++}` })) });
  return fromQuery(withIds(structuredClone(q.query)));
}

describe('condition builder mapping', () => {
  it('round-trips every catalog rule\'s conditions exactly (same JSON text)', () => {
    let count = 0;
    for (const config of configs) {
      for (const rule of config.rules) {
        expect(JSON.stringify(roundTrip(rule.conditions)), rule.id).toBe(JSON.stringify(rule.conditions));
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it.each([
    ['any', { any: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'b', operator: 'equal', value: true }] }],
    ['nested all/any', { all: [{ fact: 'a', operator: 'in', value: ['x', 'y'] }, { any: [{ fact: 'b', operator: 'lessThan', value: 3 }, { all: [] }] }] }],
    ['not of a group', { not: { any: [{ fact: 'a', operator: 'equal', value: null }] } }],
    ['not of a leaf', { not: { fact: 'workingTime', operator: 'equal', value: true } }],
    ['not of not', { not: { not: { all: [{ fact: 'a', operator: 'equal', value: 1 }] } } }],
    ['a leaf at the root', { fact: 'a', operator: 'notEqual', value: 'x' }],
    ['a path', { all: [{ fact: 'location', operator: 'in', value: ['g1'], path: '$.grid' }] }],
    ['priorities', { all: [{ fact: 'a', operator: 'equal', value: 1, priority: 2 }], priority: 5 }],
    ['priorities on not and its group', { not: { any: [], priority: 1 }, priority: 3 }],
    ['empty any', { any: [] }],
  ])('%s', (_name, conditions) => {
    expect(JSON.stringify(roundTrip(conditions))).toBe(JSON.stringify(conditions));
  });

  it('maps all/any to and/or groups and a path to a dotted field', () => {
    const q = toQuery({ all: [{ fact: 'location', operator: 'in', value: ['g1'], path: '$.grid' }, { any: [] }] });
    expect(q.ok && q.query).toMatchObject({ combinator: 'and', rules: [{ field: 'location.grid', operator: 'in', value: ['g1'] }, { combinator: 'or', rules: [] }] });
  });

  it.each([
    ['an unknown key', { all: [{ fact: 'a', operator: 'equal', value: 1, extra: 1 }] }],
    ['no value', { all: [{ fact: 'a', operator: 'equal' }] }],
    ['an unknown operator', { fact: 'a', operator: 'like', value: 'x' }],
    ['a list that is not one', { any: 'a' }],
    ['an object value', { fact: 'a', operator: 'equal', value: { x: 1 } }],
    ['not an object', 'all'],
  ])('has no query for %s, and says why', (_name, conditions) => {
    const q = toQuery(conditions);
    expect(q.ok).toBe(false);
    if (!q.ok) expect(q.reason.length).toBeGreaterThan(5);
  });
});
