/**
 * Early warning on generated daily counts: a steady Poisson series raises at most 1 false alarm
 * per 100 area-days with the default settings, and a spike to 3× the baseline is caught on the
 * day it happens; the EARS methods catch most of the same spikes; too short a history never alarms.
 */
import { describe, expect, it } from 'vitest';
import { seeded } from '../fixtures/seeded';
import { judgeDay, poissonUpperTail, historyNeeded, aberrationSettings, type AberrationMethod } from '../../engine/alerts/aberration';

/** Poisson draws by inversion, from the tests' seeded generator (mulberry32). */
const rng = seeded;
function poisson(random: () => number, lambda: number): number {
  // inversion: walk the cumulative distribution from 0
  const u = random();
  let k = 0;
  let p = Math.exp(-lambda);
  let cumulative = p;
  while (u > cumulative && k < 10_000) {
    k++;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}
const series = (random: () => number, lambda: number, days: number) => Array.from({ length: days }, () => poisson(random, lambda));

describe('early warning on daily counts', () => {
  it('computes the Poisson tail', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(12, 4)).toBeCloseTo(0.000915, 5);
    // far in the tail of a large rate (normal approximation): small, not negative
    const tail = poissonUpperTail(1200, 1000);
    expect(tail).toBeGreaterThan(0);
    expect(tail).toBeLessThan(1e-8);
  });

  it('raises at most 1 false alarm per 100 area-days on steady series (default settings)', () => {
    const random = rng(20261206);
    const warmUp = historyNeeded(aberrationSettings());
    let days = 0;
    let alarms = 0;
    for (const lambda of [0.2, 1, 3, 8, 20, 60]) {
      for (let area = 0; area < 40; area++) {
        const counts = series(random, lambda, warmUp + 100);
        for (let day = warmUp; day < counts.length; day++) {
          days++;
          if (judgeDay(counts.slice(0, day + 1)).alarm) alarms++;
        }
      }
    }
    expect(days).toBe(24_000);
    expect(alarms / (days / 100)).toBeLessThanOrEqual(1);
  });

  it.each([8, 15, 40, 100])('catches a spike to 3× a baseline of %d a day on the day it happens, every time', (lambda) => {
    const random = rng(lambda * 7919);
    const warmUp = historyNeeded(aberrationSettings());
    for (let trial = 0; trial < 200; trial++) {
      const counts = series(random, lambda, warmUp);
      counts.push(Math.round(3 * lambda));
      const result = judgeDay(counts);
      expect(result, `trial ${trial}: ${counts.join(',')}`).toMatchObject({ alarm: true, observed: Math.round(3 * lambda) });
    }
  });

  // EARS judges against only 7 days, whose spread varies: it catches most such spikes, not all
  it.each(['ears-c1', 'ears-c2', 'ears-c3'] as AberrationMethod[])('%s catches at least 95%% of the same spikes', (method) => {
    const random = rng(method.length * 104729);
    for (const lambda of [8, 40]) {
      let caught = 0;
      for (let trial = 0; trial < 200; trial++) {
        const counts = series(random, lambda, 30);
        counts.push(Math.round(3 * lambda));
        if (judgeDay(counts, { method }).alarm) caught++;
      }
      expect(caught / 200, `${method} λ=${lambda}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('never alarms without the history it needs, nor below the minimum count', () => {
    const short = judgeDay([0, 0, 0, 50]);
    expect(short).toMatchObject({ alarm: false, missingDays: 27 });
    const quiet = [...Array(30).fill(0), 2];
    expect(judgeDay(quiet).alarm).toBe(false);
    // a quiet area's first handful of reports: the rate floor keeps one busy day from alarming alone…
    expect(judgeDay([...Array(30).fill(0), 3]).alarm).toBe(false);
    // …but a burst does
    expect(judgeDay([...Array(30).fill(0), 7]).alarm).toBe(true);
  });
});
