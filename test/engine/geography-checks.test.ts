/**
 * The geography section at compile: each refusal has its code, its JSON Pointer and a message
 * (English and Chinese) naming the units; valid boundaries compile, within the tolerance too.
 */
import { describe, expect, it } from 'vitest';
import { bundleFiles, compile, type CountyConfig, type Issue } from '../../engine/index';
import { boundary, E, featureOf, MID_X, MID_Y, miniCountyWithGeography, N, rectangle, S, W } from '../fixtures/mini-geography';

type Mutation = (c: CountyConfig) => void;
const ring = (c: CountyConfig, unit: string) => (featureOf(c, unit).geometry.coordinates as number[][][])[0];
const setRing = (c: CountyConfig, unit: string, positions: number[][]) => {
  featureOf(c, unit).geometry = { type: 'Polygon', coordinates: [positions] };
};
const at = (c: CountyConfig, unit: string) => `/geography/features/${c.geography!.features.indexOf(featureOf(c, unit))}`;

function problemsOf(mutate: Mutation): { config: CountyConfig; issues: Issue[] } {
  const config = miniCountyWithGeography();
  mutate(config);
  const result = compile(config);
  return { config, issues: result.ok ? [] : result.issues };
}

describe('geography at compile', () => {
  it('compiles boundaries that nest and tile exactly', () => {
    const result = compile(miniCountyWithGeography());
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  const refusals: Array<{ name: string; mutate: Mutation; code: string; pointer: (c: CountyConfig) => string; says: string[] }> = [
    { name: 'a boundary of a unit that does not exist', mutate: (c) => c.geography!.features.push(boundary('t9-v1-g1', rectangle(E, S, E + 0.01, N))), code: 'unknown-unit', pointer: () => '/geography/features/6/properties/unit', says: ['boundary t9-v1-g1', 'unit "t9-v1-g1" does not exist'] },
    { name: 'a boundary of a platform', mutate: (c) => c.geography!.features.push(boundary('t1-mkt', rectangle(W, S, MID_X, MID_Y))), code: 'boundary-kind', pointer: () => '/geography/features/6/properties/unit', says: ['"t1-mkt" is a platform'] },
    { name: 'two boundaries of one grid', mutate: (c) => c.geography!.features.push(boundary('t1-v1-g1', rectangle(W, S, MID_X, MID_Y))), code: 'duplicate-boundary', pointer: () => '/geography/features/6/properties/unit', says: ['unit "t1-v1-g1" already has a boundary (feature 4)'] },
    { name: 'a ring that is not closed', mutate: (c) => setRing(c, 't1-v1-g1', ring(c, 't1-v1-g1').slice(0, 4).concat([[W, S + 0.001]])), code: 'bad-ring', pointer: (c) => `${at(c, 't1-v1-g1')}/geometry/coordinates/0`, says: ['boundary t1-v1-g1', 'the outer ring is not closed'] },
    { name: 'a ring of three positions', mutate: (c) => setRing(c, 't1-v1-g1', [[W, S], [MID_X, S], [W, S]]), code: 'bad-ring', pointer: (c) => `${at(c, 't1-v1-g1')}/geometry/coordinates/0`, says: ['has 3 positions; a ring needs at least 4'] },
    { name: 'latitude and longitude the wrong way round', mutate: (c) => setRing(c, 't1-v1-g1', ring(c, 't1-v1-g1').map(([x, y]) => [y, x])), code: 'bad-position', pointer: (c) => `${at(c, 't1-v1-g1')}/geometry/coordinates/0/0`, says: ['[30,120], looks like [latitude, longitude]'] },
    { name: 'a latitude out of range', mutate: (c) => { ring(c, 't1-v1-g1')[2] = [MID_X, 95]; }, code: 'bad-position', pointer: (c) => `${at(c, 't1-v1-g1')}/geometry/coordinates/0/2`, says: ['position 3 of the outer ring', 'is not [longitude, latitude]'] },
    { name: 'a ring crossing itself (a bow tie)', mutate: (c) => setRing(c, 't1-v1-g1', [[W, S], [MID_X, MID_Y], [MID_X, S], [W, S + 0.015], [W, S]]), code: 'bad-ring', pointer: (c) => `${at(c, 't1-v1-g1')}/geometry/coordinates/0`, says: ['crosses itself (edges 1 and 3)'] },
    { name: 'a ring doubling back on itself', mutate: (c) => setRing(c, 't1-v1-g1', [[W, S], [MID_X, S], [MID_X, MID_Y], [MID_X, S + 0.002], [W, MID_Y], [W, S]]), code: 'bad-ring', pointer: (c) => `${at(c, 't1-v1-g1')}/geometry/coordinates/0`, says: ['the outer ring crosses itself (edges 2 and'] },
    { name: 'a ring enclosing no area', mutate: (c) => setRing(c, 't1-v1-g1', [[W, S], [MID_X, S], [E, S], [W, S]]), code: 'bad-ring', pointer: (c) => `${at(c, 't1-v1-g1')}/geometry/coordinates/0`, says: ['the outer ring encloses no area'] },
    { name: 'a hole that is not closed, in a multipolygon', mutate: (c) => { featureOf(c, 't1-v2-g1').geometry = { type: 'MultiPolygon', coordinates: [[rectangle(MID_X, S, E, N), rectangle(120.012, 30.012, 120.014, 30.014).slice(0, 4)]] }; }, code: 'bad-ring', pointer: (c) => `${at(c, 't1-v2-g1')}/geometry/coordinates/0/1`, says: ['hole 1 of polygon 1 is not closed'] },
    { name: 'a grid reaching into the next village', mutate: (c) => setRing(c, 't1-v1-g1', rectangle(W, S, MID_X + 0.002, MID_Y)), code: 'boundary-outside', pointer: (c) => at(c, 't1-v1-g1'), says: ['boundary t1-v1-g1: 17% of it', 'lies outside village/community t1-v1 (Village One)'] },
    { name: 'a village reaching out of its township', mutate: (c) => setRing(c, 't1-v2', rectangle(MID_X, S, E + 0.004, N)), code: 'boundary-outside', pointer: (c) => at(c, 't1-v2'), says: ['lies outside township t1 (Town One)'] },
    { name: 'two grids of a village overlapping', mutate: (c) => setRing(c, 't1-v1-g1', rectangle(W, S, MID_X, MID_Y + 0.002)), code: 'boundary-overlap', pointer: (c) => at(c, 't1-v1-g1'), says: ['boundary t1-v1-g1: overlaps grid t1-v1-g2 (Grid 1-2)', '20% of the smaller'] },
    { name: 'two villages overlapping', mutate: (c) => setRing(c, 't1-v2', rectangle(MID_X - 0.003, S, E, N)), code: 'boundary-overlap', pointer: (c) => at(c, 't1-v1'), says: ['overlaps village/community t1-v2 (Village Two)'] },
    { name: 'a village its grids leave half uncovered', mutate: (c) => setRing(c, 't1-v2-g1', rectangle(MID_X, S, E, MID_Y)), code: 'boundary-gap', pointer: (c) => at(c, 't1-v2'), says: ['boundary t1-v2: 50% of it', 'lies in none of the units drawn inside it (t1-v2-g1)'] },
    { name: 'a tolerance above the limit', mutate: (c) => { c.geography!.tolerance = 0.5; }, code: 'schema', pointer: () => '/geography/tolerance', says: [] },
    { name: 'a geometry that is a point', mutate: (c) => { (featureOf(c, 't1') as { geometry: unknown }).geometry = { type: 'Point', coordinates: [W, S] }; }, code: 'schema', pointer: () => '/geography/features/0/geometry/type', says: [] },
    { name: 'a property beside the unit', mutate: (c) => { (featureOf(c, 't1').properties as Record<string, unknown>).colour = 'red'; }, code: 'unknown-key', pointer: () => '/geography/features/0/properties/colour', says: [] },
  ];

  it('publishes a grid without a boundary, with a warning naming it (a county draws new grids later)', () => {
    const config = miniCountyWithGeography();
    const g2 = config.units.find((u) => u.id === 't1-v1-g2')!;
    config.units.push({ ...g2, id: 't1-v1-g3', name: { zh: '一村三格', en: 'Grid 1-3' } });
    const result = compile(config);
    expect(result.ok, JSON.stringify(result.ok ? [] : result.issues)).toBe(true);
    if (!result.ok) return;
    const warning = result.value.warnings.find((w) => w.code === 'missing-boundary');
    expect(warning?.pointer).toBe('/geography/features');
    expect(warning?.message).toContain('grid t1-v1-g3 (Grid 1-3) has no boundary');
    expect(warning?.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(refusals)('refuses $name', ({ mutate, code, pointer, says }) => {
    const { config, issues } = problemsOf(mutate);
    const found = issues.find((i) => i.code === code && i.pointer === pointer(config));
    expect(found, JSON.stringify(issues, null, 1)).toBeDefined();
    for (const words of says) expect(found!.message).toContain(words);
    expect(found!.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says the gap, the overlap and the unit outside in Chinese too, naming the units', () => {
    const { issues } = problemsOf((c) => setRing(c, 't1-v1-g1', rectangle(W, S, MID_X + 0.002, MID_Y + 0.002)));
    const zh = issues.map((i) => i.messageZh).join('\n');
    expect(zh).toContain('边界 t1-v1-g1：有');
    expect(zh).toContain('在村（社区） t1-v1（一村）之外');
    expect(zh).toContain('与网格 t1-v1-g2（一村二格）重叠');
    // a grid reaching into the next village is outside its own; overlaps are measured among siblings
    expect(zh).not.toContain('t1-v2-g1');
  });

  it('lets boundaries be off by less than the tolerance, and refuses the same with a smaller one', () => {
    // t1-v1-g1 reaches 0.0001° (0.5% of its area) into t1-v1-g2
    const nudge: Mutation = (c) => setRing(c, 't1-v1-g1', rectangle(W, S, MID_X, MID_Y + 0.00005));
    expect(problemsOf(nudge).issues).toEqual([]);
    const strict = problemsOf((c) => {
      nudge(c);
      c.geography!.tolerance = 0.001;
    }).issues;
    expect(strict.map((i) => i.code)).toEqual(['boundary-overlap']);
    expect(strict[0].message).toContain('the tolerance is 0.1%');
    expect(strict[0].message).toMatch(/by \d+ m², [\d.]+% of the smaller/);
  });

  it('measures a multipolygon grid with a hole filled by another grid', () => {
    const { issues } = problemsOf((c) => {
      // t1-v2-g1 is the east half with a hole, the hole is t1-v2-g2, and a far piece of t1-v2-g1 is refused as outside
      c.units.push({ ...c.units.find((u) => u.id === 't1-v2-g1')!, id: 't1-v2-g2', name: { zh: '二村二格', en: 'Grid 2-2' } });
      const hole = rectangle(120.012, 30.012, 120.016, 30.016);
      featureOf(c, 't1-v2-g1').geometry = { type: 'MultiPolygon', coordinates: [[rectangle(MID_X, S, E, N), [...hole].reverse()]] };
      c.geography!.features.push(boundary('t1-v2-g2', hole));
    });
    expect(issues).toEqual([]);
  });

  it('bundles geography.json as the geography section of a config folder', () => {
    const config = miniCountyWithGeography();
    const { geography, ...rest } = config;
    const bundled = bundleFiles([{ path: 'config.json', content: rest }, { path: 'geography.json', content: geography }]);
    expect(bundled.ok && bundled.value.config.geography).toEqual(geography);
    expect(bundled.ok && bundled.value.sources['/geography']).toBe('geography.json');
  });
});
