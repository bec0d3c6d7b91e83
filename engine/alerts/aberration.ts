/**
 * Statistical early warning (预警) on daily counts of one category in one area, against that
 * area's own recent baseline. Pure: the runtime hands in the counts, oldest first, the last being
 * the day judged.
 *
 * Methods (parameters in the config's `alerts` section, defaults below):
 * - `poisson` (default): the baseline rate λ is the mean of the `baselineDays` days before a guard
 *   band of `guardDays`; the day alarms when P(X ≥ today | λ) < `alpha` and today ≥ `minCount`.
 *   λ is floored at `minRate` so that a quiet area's first few reports do not alarm by themselves.
 * - `ears-c1`, `ears-c2`, `ears-c3`: the CDC's Early Aberration Reporting System. C1: baseline the
 *   7 days just before, statistic (today − mean) / sd, alarm above `threshold` (3). C2: the same
 *   with a 2-day guard band. C3: Σ max(0, C2 − 1) over today and the two days before, alarm
 *   above `threshold` (2). sd is floored at `minSd` (0.5)
 *   so that a flat baseline does not turn every one-report day into an alarm.
 *
 * See docs/early-warning.md for the reasoning behind the defaults and the measured false-alarm
 * and detection rates.
 */

export type AberrationMethod = 'poisson' | 'ears-c1' | 'ears-c2' | 'ears-c3';

export interface AberrationSettings {
  method: AberrationMethod;
  /** poisson: days of baseline (default 28). */
  baselineDays: number;
  /** poisson: days skipped between the baseline and the day judged (default 2). */
  guardDays: number;
  /** poisson: the tail probability below which a day alarms (default 0.001). */
  alpha: number;
  /** poisson: the lowest baseline rate per day assumed (default 0.5). */
  minRate: number;
  /** every method: a day with fewer reports never alarms (default 3). */
  minCount: number;
  /** EARS: the statistic above which a day alarms (default 3 for C1/C2, 2 for C3). */
  threshold: number;
  /** EARS: the lowest standard deviation assumed (default 0.5). */
  minSd: number;
}

export const DEFAULT_ABERRATION: AberrationSettings = { method: 'poisson', baselineDays: 28, guardDays: 2, alpha: 0.001, minRate: 0.5, minCount: 3, threshold: 3, minSd: 0.5 };

export interface AberrationResult {
  alarm: boolean;
  /** The day's count. */
  observed: number;
  /** The baseline's mean per day. */
  expected: number;
  /** poisson: P(X ≥ observed | expected); EARS: the C statistic. */
  statistic: number;
  /** Days of history the judgement needs and did not have (then no alarm). */
  missingDays: number;
}

/** The settings with defaults filled in; C3's default threshold is 2. */
export function aberrationSettings(partial: Partial<AberrationSettings> = {}): AberrationSettings {
  const method = partial.method ?? DEFAULT_ABERRATION.method;
  return { ...DEFAULT_ABERRATION, threshold: method === 'ears-c3' ? 2 : DEFAULT_ABERRATION.threshold, ...partial, method };
}

/** The days of history a method needs before the day judged. */
export function historyNeeded(settings: AberrationSettings): number {
  switch (settings.method) {
    case 'poisson':
      return settings.baselineDays + settings.guardDays;
    case 'ears-c1':
      return 7;
    case 'ears-c2':
      return 9;
    case 'ears-c3':
      return 11;
  }
}

/** Judges the last of `counts` (daily counts, oldest first) against the days before it. */
export function judgeDay(counts: readonly number[], partial: Partial<AberrationSettings> = {}): AberrationResult {
  const settings = aberrationSettings(partial);
  const observed = counts.at(-1) ?? 0;
  const missingDays = Math.max(0, historyNeeded(settings) - (counts.length - 1));
  if (missingDays > 0) return { alarm: false, observed, expected: 0, statistic: 0, missingDays };
  if (settings.method === 'poisson') {
    const end = counts.length - 1 - settings.guardDays;
    const expected = mean(counts.slice(end - settings.baselineDays, end));
    const p = poissonUpperTail(observed, Math.max(expected, settings.minRate));
    return { alarm: observed >= settings.minCount && p < settings.alpha, observed, expected, statistic: p, missingDays: 0 };
  }
  const guard = settings.method === 'ears-c1' ? 0 : 2;
  const c = (offset: number) => earsStatistic(counts, counts.length - 1 - offset, guard, settings.minSd);
  const today = c(0);
  const statistic = settings.method === 'ears-c3' ? [0, 1, 2].reduce((sum, o) => sum + Math.max(0, c(o).value - 1), 0) : today.value;
  return { alarm: observed >= settings.minCount && statistic > settings.threshold, observed, expected: today.mean, statistic, missingDays: 0 };
}

/** The EARS statistic of day `at`: its count against the 7 days ending `guard` days before it. */
function earsStatistic(counts: readonly number[], at: number, guard: number, minSd: number): { value: number; mean: number } {
  const end = at - guard;
  const baseline = counts.slice(end - 7, end);
  const m = mean(baseline);
  const sd = Math.max(minSd, Math.sqrt(baseline.reduce((sum, x) => sum + (x - m) ** 2, 0) / Math.max(1, baseline.length - 1)));
  return { value: (counts[at] - m) / sd, mean: m };
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** P(X ≥ k) for X ~ Poisson(λ), summed from the lower side in a stable way. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X ≤ k−1) by terms e^{−λ} λ^i / i!, in logs to stay finite for large λ
  let term = Math.exp(-lambda);
  let below = term;
  if (term === 0) {
    // λ so large that e^{−λ} underflows: the normal approximation with continuity correction
    const z = (k - 0.5 - lambda) / Math.sqrt(lambda);
    return 0.5 * erfc(z / Math.SQRT2);
  }
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/** The complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + z / 2);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851638 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
