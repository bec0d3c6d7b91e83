/**
 * score(): indicator scores, the system score with inapplicable weights spread, totals with the
 * ratings from outside, missing ratings and the ranking — every expectation worked out by hand
 * from the baseline's weights (accept 0.2, resolve 0.25, closure 0.15, reopen 0.1, satisfaction
 * 0.2, overdue 0.1; indicators 40% beside a 60% rating).
 */
import { describe, expect, it } from 'vitest';
import { indicatorScore, score, sourcesFor, type Assessment, type UnitInput } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';
import { compiledCatalog } from '../helpers/catalogs';

const baseline = async (): Promise<Assessment> => (await compiledCatalog('zhejiang-four-platforms')).config.assessment;

const aggregates = (a: Record<string, [number, number]>) => Object.fromEntries(Object.entries(a).map(([id, [numerator, denominator]]) => [id, { numerator, denominator }]));

type Indicator = Assessment['indicators'][number];
const indicator = (over: Partial<Indicator>): Indicator => ({ id: 'x', name: { zh: 'x', en: 'x' }, measure: 'onTimeAcceptRate', weight: 1, higherIsBetter: true, ...over });

describe('indicatorScore', () => {
  it.each([
    { name: 'a rate at its target', ind: indicator({ target: 0.95 }), value: 0.95, expected: 100 },
    { name: 'a rate above its target (capped)', ind: indicator({ target: 0.9 }), value: 1, expected: 100 },
    { name: 'a rate below its target: value / target', ind: indicator({ target: 0.95 }), value: 0.76, expected: 80 },
    { name: 'a rate without a target aims at 1', ind: indicator({}), value: 0.7, expected: 70 },
    { name: 'a zero target is always met', ind: indicator({ target: 0 }), value: 0, expected: 100 },
    { name: 'lower is better, at or under the target', ind: indicator({ measure: 'reopenRate', higherIsBetter: false, target: 0.05 }), value: 0.05, expected: 100 },
    { name: 'lower-is-better rate: zero at target + 0.25 by default', ind: indicator({ measure: 'reopenRate', higherIsBetter: false, target: 0.05 }), value: 0.175, expected: 50 },
    { name: 'lower-is-better rate past its zero point', ind: indicator({ measure: 'reopenRate', higherIsBetter: false, target: 0.05 }), value: 0.4, expected: 0 },
    { name: 'lower-is-better count: zero at target + 10 by default', ind: indicator({ measure: 'overdueCount', higherIsBetter: false, target: 0 }), value: 3, expected: 70 },
    { name: 'lower-is-better count with its own zero point', ind: indicator({ measure: 'overdueCount', higherIsBetter: false, target: 2, zeroAt: 6 }), value: 5, expected: 25 },
    { name: 'a count at its zero point', ind: indicator({ measure: 'overdueCount', higherIsBetter: false, target: 0 }), value: 10, expected: 0 },
  ])('$name', ({ ind, value, expected }) => {
    expect(indicatorScore(ind, value)).toBeCloseTo(expected, 9);
  });
});

describe('score', () => {
  it("a platform: each indicator, the system score and 40% of it beside 60% of the command room's rating", async () => {
    const unit: UnitInput = {
      unit: 'p1',
      kind: 'platform',
      aggregates: aggregates({ 'on-time-accept': [49, 50], 'on-time-resolve': [36, 40], closure: [30, 40], reopen: [4, 40], satisfaction: [27, 30], overdue: [3, 45] }),
      ratings: { 'command-rating': 80 },
    };
    const [p1] = score(await baseline(), { units: [unit] }).units;
    expect(p1.indicators.map((i) => [i.id, i.value, i.score])).toEqual([
      ['on-time-accept', 0.98, 100],
      ['on-time-resolve', 0.9, 94.74], // 0.9 / 0.95
      ['closure', 0.75, 78.95], // 0.75 / 0.95
      ['reopen', 0.1, 80], // (0.30 − 0.10) / (0.30 − 0.05)
      ['satisfaction', 0.9, 100],
      ['overdue', 3, 70], // (10 − 3) / 10
    ]);
    // 0.2·100 + 0.25·94.7368 + 0.15·78.9474 + 0.1·80 + 0.2·100 + 0.1·70 = 90.5263
    expect(p1.systemScore).toBe(90.53);
    expect(p1.sources.map((s) => [s.id, s.score, s.effectiveWeight])).toEqual([
      ['indicators', 90.53, 0.4],
      ['command-rating', 80, 0.6],
    ]);
    // 0.4·90.5263 + 0.6·80 = 84.2105
    expect(p1.total).toBe(84.21);
    expect(p1).toMatchObject({ complete: true, missing: [], rank: 1 });
  });

  it('an indicator without items is not applicable: its weight goes to the others; a missing rating leaves the total to the system score', async () => {
    const [v1] = score(await baseline(), {
      units: [{ unit: 'v1', kind: 'village', aggregates: aggregates({ 'on-time-accept': [10, 10], 'on-time-resolve': [8, 10], closure: [8, 8], reopen: [0, 8], overdue: [2, 10] }), ratings: {} }],
    }).units;
    const satisfaction = v1.indicators.find((i) => i.id === 'satisfaction')!;
    expect(satisfaction).toMatchObject({ applicable: false, value: null, score: null, effectiveWeight: 0, numerator: 0, denominator: 0 });
    // (0.2·100 + 0.25·84.2105 + 0.15·100 + 0.1·100 + 0.1·80) / 0.8 = 92.5658
    expect(v1.systemScore).toBe(92.57);
    expect(v1.indicators.find((i) => i.id === 'on-time-resolve')!.effectiveWeight).toBe(0.3125);
    expect(v1).toMatchObject({ total: 92.57, complete: false, missing: ['command-rating'] });
  });

  it('ranks within each kind of unit by total: equal totals share a rank, a unit without any score is not ranked', async () => {
    const none = aggregates({});
    const perfect = aggregates({ 'on-time-accept': [5, 5] });
    const units: UnitInput[] = [
      { unit: 'v1', kind: 'village', aggregates: perfect, ratings: { 'command-rating': 80 } }, // 0.4·100 + 0.6·80 = 88
      { unit: 'v2', kind: 'village', aggregates: none, ratings: { 'command-rating': 95 } }, // no system score: 95
      { unit: 'v3', kind: 'village', aggregates: perfect, ratings: { 'command-rating': 95 } }, // 97
      { unit: 'v4', kind: 'village', aggregates: none, ratings: { 'command-rating': 95 } }, // 95
      { unit: 'v5', kind: 'village', aggregates: none, ratings: {} },
      { unit: 'p1', kind: 'platform', aggregates: perfect, ratings: { 'command-rating': 10 } }, // 46, first among platforms
    ];
    const scored = score(await baseline(), { units });
    expect(scored.units.map((u) => [u.unit, u.total, u.rank])).toEqual([
      ['v1', 88, 4],
      ['v2', 95, 2],
      ['v3', 97, 1],
      ['v4', 95, 2],
      ['v5', null, null],
      ['p1', 46, 1],
    ]);
    expect(scored.units[1]).toMatchObject({ systemScore: null, complete: false, missing: ['indicators'] });
  });

  it('a county department: the township rating of posted stations weighs 60%', async () => {
    const [d] = score(await baseline(), { units: [{ unit: 'd', kind: 'county_department', aggregates: aggregates({ 'on-time-accept': [1, 2] }), ratings: { 'township-rating': 90, 'command-rating': 10 } }] }).units;
    // accept 0.5 / 0.98 → 51.0204; the command room's rating does not apply to a department
    expect(d.systemScore).toBe(51.02);
    expect(d.sources.map((s) => s.id)).toEqual(['indicators', 'township-rating']);
    expect(d.total).toBe(74.41); // 0.4·51.0204 + 0.6·90 = 74.408
  });

  it('without an "indicators" source the system score weighs what the ratings that apply leave of 1', () => {
    const mini = miniCounty().assessment;
    expect(sourcesFor(mini, 'county_department')).toEqual([
      { id: 'indicators', weight: 0.4, system: true },
      { id: 'rating', weight: 0.6, system: false },
    ]);
    expect(sourcesFor(mini, 'village')).toEqual([{ id: 'indicators', weight: 1, system: true }]);
    const [v] = score(mini, { units: [{ unit: 'v', kind: 'village', aggregates: aggregates({ accept: [3, 4], resolve: [1, 1] }), ratings: {} }] }).units;
    expect(v).toMatchObject({ systemScore: 87.5, total: 87.5, complete: true }); // 0.5·75 + 0.5·100
  });
});
