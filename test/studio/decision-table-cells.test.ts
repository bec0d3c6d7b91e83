/** What the decision table's cells show and produce: route targets as tokens, nested summaries, typed default values. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conditionTypeProblem, operatorsFor } from '../../engine/rules/fact-types';
import type { CountyConfig, RouteTarget, Rule } from '../../engine/index';
import { CATALOGS_DIR, loadConfigPath } from '../../runtime/config-loader';
import { summarizeConditions } from '../../studio/src/config/decision-table/condition-summary';
import { factCatalog } from '../../studio/src/config/decision-table/fact-catalog';
import { targetGroups, targetOfToken, targetToken, unitTreeData } from '../../studio/src/config/decision-table/unit-options';
import { defaultValue, valueForOperator } from '../../studio/src/config/decision-table/typed-values';
import { DEFAULT_LEVELS } from '../../studio/src/config/level-names';

let config: CountyConfig;
beforeAll(async () => {
  const loaded = await loadConfigPath(path.join(CATALOGS_DIR, 'zhejiang-four-platforms'));
  if (!loaded.ok) throw new Error('catalog does not load');
  config = loaded.value.config as unknown as CountyConfig;
});

describe('decision table cells', () => {
  it('every route target of the catalog survives the token a select holds, and the pickers offer it', () => {
    const targets: RouteTarget[] = config.rules.flatMap((r: Rule) => {
      const p = r.event.params as { target?: RouteTarget; to?: RouteTarget; assist?: RouteTarget[] };
      return [p.target, p.to, ...(p.assist ?? [])].filter((t): t is RouteTarget => t !== undefined);
    });
    expect(targets.length).toBeGreaterThan(20);
    const groups = targetGroups(config.units);
    const offered = new Set([...groups.relative, ...groups.platform, ...groups.department, ...groups.unit.map((u) => u.token)]);
    for (const target of targets) {
      expect(targetOfToken(targetToken(target))).toEqual(target);
      expect(offered.has(targetToken(target)), targetToken(target)).toBe(true);
    }
    expect(() => targetOfToken('nowhere:x')).toThrow(/unknown target/);
  });

  it('the unit tree lets only the asked kind be picked', () => {
    const tree = unitTreeData(config.units, (t, f) => t?.zh ?? f ?? '', (u) => u.kind === 'township');
    const flat = (nodes: typeof tree): typeof tree => nodes.flatMap((n) => [n, ...flat(n.children ?? [])]);
    const all = flat(tree);
    expect(all.length).toBe(config.units.length);
    const pickable = all.filter((n) => n.selectable !== false).map((n) => n.value);
    expect(pickable.sort()).toEqual(config.units.filter((u) => u.kind === 'township').map((u) => u.id).sort());
  });

  it('a new condition starts with a value of its fact\'s type, for every fact and operator offered', () => {
    for (const scope of [{ kind: 'all' as const }, { kind: 'category' as const, code: 'env-water' }]) {
      const facts = factCatalog({ categories: config.categories, forms: config.forms, units: config.units, levels: DEFAULT_LEVELS }, scope, 'route');
      for (const info of facts.values()) {
        for (const operator of operatorsFor(info.type) ?? []) {
          const value = defaultValue(info, operator, config.units);
          expect(conditionTypeProblem(info.fact, info.type, operator, value), `${info.fact} ${operator} ${JSON.stringify(value)}`).toBeNull();
        }
      }
    }
  });

  it.each([
    ['to a list', 'x', 'in', ['x']],
    ['from a list', ['x', 'y'], 'equal', 'x'],
    ['an empty list', [], 'equal', null],
  ] as const)('the value follows the operator: %s', (_name, value, operator, expected) => {
    expect(valueForOperator(value, operator)).toEqual(expected);
  });

  it('a nested condition reads as one line of words', () => {
    const words = { and: 'and', or: 'or', not: 'not', fact: (f: string) => f.toUpperCase(), value: (_f: string, v: unknown) => (v === true ? 'yes' : JSON.stringify(v)) };
    const text = summarizeConditions({ all: [{ fact: 'noise', operator: 'equal', value: true }, { any: [{ fact: 'hour', operator: 'greaterThanInclusive', value: 22 }, { not: { fact: 'hour', operator: 'in', value: [1, 2] } }] }] }, words);
    expect(text).toBe('NOISE = yes and (HOUR ≥ 22 or not HOUR ∈ {1, 2})');
    expect(summarizeConditions({ fact: 'location', path: '$.grid', operator: 'equal', value: 'g1' }, words)).toBe('LOCATION.grid = "g1"');
  });
});
