/**
 * Scoring an assessment period: each unit's indicators from its aggregates (numerator and
 * denominator per indicator), the weighted system score, its total with the ratings entered from
 * outside the system, and a ranking. Pure: the runtime counts, this scores (docs/assessment.md
 * has the formulas and a worked example).
 *
 * - An indicator's value: a rate numerator / denominator, a count its numerator. Either is not
 *   applicable when its denominator is 0 (no item to judge the unit on): it gets no score and its
 *   weight goes to the others in proportion to theirs.
 * - Its score (0–100): higher is better → min(1, value / target) × 100 (a rate without a target
 *   aims at 1; a target of 0 is always met); lower is better → 100 up to the target (default 0),
 *   falling linearly to 0 at `zeroAt` (default target + 10 for a count, target + 0.25 for a rate).
 * - The system score: Σ weight × score / Σ weight over the applicable indicators.
 * - The total: the same weighted mean over the unit's sources — the system score (source id
 *   "indicators", or, when the config has none, what the ratings that apply leave of 1) and each
 *   rating source that applies to its kind. A source without a score (a rating not entered, no
 *   applicable indicator) is left out and its weight goes to the others; the unit is then marked
 *   incomplete and those sources are listed as missing.
 * - Ranking: by total, highest first, within each kind of unit; equal totals (to 2 decimals)
 *   share a rank and the next rank skips (1, 2, 2, 4); a unit without a total is not ranked.
 */
import type { Assessment } from '../schema/config-schema';
import type { UnitKind } from '../schema/constants';
import { indicatorKind, type IndicatorKind } from './indicator-plan';

/** The id of the source that stands for the indicators themselves. */
export const SYSTEM_SOURCE = 'indicators';

/** Default distance from the target to the value that scores 0, for lower-is-better indicators. */
export const DEFAULT_ZERO_DISTANCE: Record<IndicatorKind, number> = { count: 10, rate: 0.25 };

export interface Aggregate {
  numerator: number;
  denominator: number;
}

export interface UnitInput {
  unit: string;
  kind: UnitKind;
  /** By indicator id; an indicator without one counts as 0 of 0. */
  aggregates: Readonly<Record<string, Aggregate>>;
  /** Ratings from outside the system by source id, each 0–100. */
  ratings: Readonly<Record<string, number>>;
}

export interface IndicatorScore {
  id: string;
  kind: IndicatorKind;
  numerator: number;
  denominator: number;
  /** Rate (0–1) or count; null when not applicable. */
  value: number | null;
  target: number;
  score: number | null;
  applicable: boolean;
  weight: number;
  /** Its share of the system score once the weights of inapplicable indicators are spread (0 when not applicable). */
  effectiveWeight: number;
}

export interface SourceScore {
  id: string;
  system: boolean;
  weight: number;
  score: number | null;
  effectiveWeight: number;
}

export interface UnitScore {
  unit: string;
  kind: UnitKind;
  indicators: IndicatorScore[];
  systemScore: number | null;
  sources: SourceScore[];
  total: number | null;
  /** Every source that applies has a score. */
  complete: boolean;
  /** Sources without a score: ratings not entered, or "indicators" when no indicator applies. */
  missing: string[];
  /** Within the unit's kind; null without a total. */
  rank: number | null;
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f + Math.sign(x) * Number.EPSILON * f) / f;
};

type Indicator = Assessment['indicators'][number];

/** The target an indicator aims at (see the file comment). */
export function targetOf(indicator: Indicator): number {
  if (indicator.target !== undefined) return indicator.target;
  return indicator.higherIsBetter && indicatorKind(indicator) === 'rate' ? 1 : 0;
}

/** The value at which a lower-is-better indicator scores 0. */
export function zeroAtOf(indicator: Indicator): number {
  const kind = indicatorKind(indicator);
  const target = targetOf(indicator);
  return indicator.zeroAt ?? (kind === 'rate' ? Math.min(1, target + DEFAULT_ZERO_DISTANCE.rate) : target + DEFAULT_ZERO_DISTANCE.count);
}

/**
 * An indicator's score for a value, 0–100 (unrounded).
 * @example
 * indicatorScore({ measure: 'onTimeResolveRate', target: 0.95, higherIsBetter: true, ... }, 0.76) // 80
 * indicatorScore({ measure: 'overdueCount', target: 0, higherIsBetter: false, ... }, 3)          // 70
 */
export function indicatorScore(indicator: Indicator, value: number): number {
  const target = targetOf(indicator);
  if (indicator.higherIsBetter) return target <= 0 ? 100 : Math.min(1, value / target) * 100;
  if (value <= target) return 100;
  const zeroAt = zeroAtOf(indicator);
  if (value >= zeroAt || zeroAt <= target) return 0;
  return ((zeroAt - value) / (zeroAt - target)) * 100;
}

/** The weighted mean of the parts that have a score, with each part's share; null when none has one or their weights add to 0. */
function weightedMean(parts: ReadonlyArray<{ weight: number; score: number | null }>): { mean: number | null; shares: number[] } {
  const scored = parts.filter((p) => p.score !== null);
  const sum = scored.reduce((s, p) => s + p.weight, 0);
  if (scored.length === 0 || sum <= 0) return { mean: null, shares: parts.map(() => 0) };
  return {
    mean: scored.reduce((s, p) => s + p.weight * (p.score as number), 0) / sum,
    shares: parts.map((p) => (p.score === null ? 0 : p.weight / sum)),
  };
}

/** The sources of a unit of `kind`: the system score's and the rating sources that apply to it. */
export function sourcesFor(assessment: Assessment, kind: UnitKind): Array<{ id: string; weight: number; system: boolean }> {
  const ratings = assessment.sources.filter((s) => s.id !== SYSTEM_SOURCE && s.appliesTo.includes(kind)).map((s) => ({ id: s.id, weight: s.weight, system: false }));
  const explicit = assessment.sources.find((s) => s.id === SYSTEM_SOURCE);
  const systemWeight = explicit ? (explicit.appliesTo.includes(kind) ? explicit.weight : null) : Math.max(0, 1 - ratings.reduce((s, r) => s + r.weight, 0));
  return systemWeight === null ? ratings : [{ id: SYSTEM_SOURCE, weight: systemWeight, system: true }, ...ratings];
}

function scoreUnit(assessment: Assessment, input: UnitInput): UnitScore {
  const indicators: IndicatorScore[] = assessment.indicators.map((indicator) => {
    const kind = indicatorKind(indicator);
    const { numerator, denominator } = input.aggregates[indicator.id] ?? { numerator: 0, denominator: 0 };
    const applicable = denominator > 0;
    const value = applicable ? (kind === 'rate' ? numerator / denominator : numerator) : null;
    return { id: indicator.id, kind, numerator, denominator, value, target: targetOf(indicator), score: value === null ? null : indicatorScore(indicator, value), applicable, weight: indicator.weight, effectiveWeight: 0 };
  });
  const system = weightedMean(indicators);
  indicators.forEach((i, k) => (i.effectiveWeight = system.shares[k]));
  const sources: SourceScore[] = sourcesFor(assessment, input.kind).map((s) => {
    const rating = input.ratings[s.id];
    return { ...s, score: s.system ? system.mean : rating === undefined ? null : rating, effectiveWeight: 0 };
  });
  const total = weightedMean(sources);
  sources.forEach((s, k) => (s.effectiveWeight = total.shares[k]));
  const missing = sources.filter((s) => s.score === null).map((s) => s.id);
  return {
    unit: input.unit,
    kind: input.kind,
    indicators: indicators.map((i) => ({ ...i, value: i.value === null ? null : round(i.value, 6), score: i.score === null ? null : round(i.score, 2), effectiveWeight: round(i.effectiveWeight, 6) })),
    systemScore: system.mean === null ? null : round(system.mean, 2),
    sources: sources.map((s) => ({ ...s, score: s.score === null ? null : round(s.score, 2), effectiveWeight: round(s.effectiveWeight, 6) })),
    total: total.mean === null ? null : round(total.mean, 2),
    complete: missing.length === 0,
    missing,
    rank: null,
  };
}

/** Ranks units by total within each kind (1, 2, 2, 4); units without a total keep rank null. */
export function rankUnits(units: UnitScore[]): UnitScore[] {
  const byKind = new Map<UnitKind, UnitScore[]>();
  for (const u of units) if (u.total !== null) byKind.set(u.kind, [...(byKind.get(u.kind) ?? []), u]);
  const ranks = new Map<UnitScore, number>();
  for (const list of byKind.values()) {
    list.sort((a, b) => (b.total as number) - (a.total as number));
    list.forEach((u, i) => ranks.set(u, i > 0 && list[i - 1].total === u.total ? ranks.get(list[i - 1])! : i + 1));
  }
  return units.map((u) => ({ ...u, rank: ranks.get(u) ?? null }));
}

/**
 * Scores every unit of a period: indicators, system score, total and rank within its kind.
 * Scores are rounded to 2 decimals (values to 6) after the whole computation.
 * @example
 * const scored = score(config.assessment, { units: [{ unit: 'qs-fx-mkt', kind: 'platform', aggregates: { 'on-time-accept': { numerator: 9, denominator: 10 } }, ratings: { 'command-rating': 90 } }] });
 * scored.units[0].total // 0.4 × system score + 0.6 × 90
 */
export function score(assessment: Assessment, input: { units: readonly UnitInput[] }): { units: UnitScore[] } {
  return { units: rankUnits(input.units.map((u) => scoreUnit(assessment, u))) };
}
