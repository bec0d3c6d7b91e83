/**
 * A county's assessment of one period, computed now: the items counted in SQL per unit and
 * indicator (assessment-items.ts), the external ratings entered for the period, scored by the
 * engine's `score()` under the active config's assessment section, as the view the API answers
 * with (times in the county's zone). A closed period stores this view as a revision.
 */
import { indicatorKind, indicatorPlan, score, sourcesFor, SYSTEM_SOURCE, UNIT_KINDS, zeroAtOf, type AssessmentPeriod, type CompiledConfig, type I18nText, type UnitKind, type UnitScore } from '../../engine/index';
import type { Database } from '../db/open-database';
import { apiTime } from '../http/api-time';
import { aggregateItems } from './assessment-items';
import { ratingsByUnit, readRatings } from './external-ratings';

export interface IndicatorView {
  id: string;
  name: I18nText;
  measure: string;
  /** A custom indicator: the measure it narrows. */
  of: string | null;
  kind: 'rate' | 'count';
  weight: number;
  target: number | null;
  higherIsBetter: boolean;
  zeroAt: number | null;
}

export interface SourceView {
  id: string;
  name: I18nText;
  weight: number | null;
  appliesTo: string[];
  system: boolean;
}

export interface UnitView extends UnitScore {
  name: I18nText;
  township: string | null;
}

/** What a computation gives; a revision stores exactly this. */
export interface ComputedAssessment {
  period: { id: string; kind: AssessmentPeriod['kind']; from: string; to: string };
  asOf: string;
  /** The instant as epoch ms, for drill-downs of a revision. */
  asOfMs: number;
  /** The period had ended by `asOf`: its deadlines have all passed. */
  ended: boolean;
  configVersion: number;
  indicators: IndicatorView[];
  sources: SourceView[];
  units: UnitView[];
}

const SYSTEM_NAME: I18nText = { zh: '系统考核指标', en: 'System indicators' };

/** The kinds of unit assessed: those some source applies to; without an "indicators" source, also every kind that handles events. */
export function assessedKinds(compiled: CompiledConfig): Set<UnitKind> {
  const { sources } = compiled.config.assessment;
  const kinds = new Set<UnitKind>(sources.flatMap((s) => s.appliesTo));
  if (!sources.some((s) => s.id === SYSTEM_SOURCE)) for (const u of compiled.config.units) if (compiled.units.canHandle(u.id)) kinds.add(u.kind);
  return kinds;
}

function indicatorViews(compiled: CompiledConfig): IndicatorView[] {
  return compiled.config.assessment.indicators.map((i) => ({
    id: i.id,
    name: i.name,
    measure: i.measure,
    of: i.custom?.of ?? null,
    kind: indicatorKind(i),
    weight: i.weight,
    target: i.target ?? null,
    higherIsBetter: i.higherIsBetter,
    zeroAt: i.higherIsBetter ? null : zeroAtOf(i),
  }));
}

function sourceViews(compiled: CompiledConfig): SourceView[] {
  const { sources } = compiled.config.assessment;
  const views: SourceView[] = sources.map((s) => ({ id: s.id, name: s.name, weight: s.weight, appliesTo: [...s.appliesTo], system: s.id === SYSTEM_SOURCE }));
  // without an explicit one, the system score weighs what the ratings leave, kind by kind
  if (!sources.some((s) => s.id === SYSTEM_SOURCE)) views.unshift({ id: SYSTEM_SOURCE, name: SYSTEM_NAME, weight: null, appliesTo: [...assessedKinds(compiled)], system: true });
  return views;
}

const kindOrder = (kind: string) => (UNIT_KINDS as readonly string[]).indexOf(kind);

/** Units by kind, then rank (unranked last), then id: the ranking table's order. */
export function rankingOrder(a: UnitScore, b: UnitScore): number {
  return kindOrder(a.kind) - kindOrder(b.kind) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);
}

export async function computeAssessment(opts: { db: Database; compiled: CompiledConfig; configVersion: number; countyId: string; period: AssessmentPeriod; asOf: number }): Promise<ComputedAssessment> {
  const { db, compiled, period, asOf } = opts;
  const { assessment } = compiled.config;
  const plans = assessment.indicators.map(indicatorPlan);
  const [aggregates, ratings] = await Promise.all([
    aggregateItems(db, compiled, plans, { countyId: opts.countyId, from: period.from, to: period.to, asOf }),
    readRatings(db, opts.countyId, period.id).then(ratingsByUnit),
  ]);
  const kinds = assessedKinds(compiled);
  const units = compiled.config.units.filter((u) => kinds.has(u.kind) && sourcesFor(assessment, u.kind).length > 0);
  const scored = score(assessment, { units: units.map((u) => ({ unit: u.id, kind: u.kind, aggregates: aggregates.get(u.id) ?? {}, ratings: ratings.get(u.id) ?? {} })) });
  const tz = compiled.timeZone;
  return {
    period: { id: period.id, kind: period.kind, from: apiTime(period.from, tz), to: apiTime(period.to, tz) },
    asOf: apiTime(asOf, tz),
    asOfMs: asOf,
    ended: asOf >= period.to,
    configVersion: opts.configVersion,
    indicators: indicatorViews(compiled),
    sources: sourceViews(compiled),
    units: scored.units.sort(rankingOrder).map((u) => ({ ...u, name: compiled.unit(u.unit)!.name, township: compiled.units.townshipOf(u.unit)?.id ?? null })),
  };
}
