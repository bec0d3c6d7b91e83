/**
 * What each assessment indicator counts, as data the runtime turns into SQL and the engine into
 * predicates: which facts of a unit make its denominator (the items it is judged on) and which its
 * numerator, and the condition narrowing a custom indicator to some events.
 *
 * The facts (docs/assessment.md): `accept` and `resolve` — one per run of an SLA clock that the
 * unit held at its deadline or stopped before it, on time or not; `resolution` — the unit resolved
 * the event; `closure` / `reopen` — that resolution was confirmed (closed) or reopened; `rating` —
 * the reporter's rating of a closure.
 */
import type { Assessment } from '../schema/config-schema';
import type { AssessmentMeasure, ConditionNode } from '../schema/constants';
import { compileCondition } from '../rules/condition';

export const FACT_FAMILIES = ['accept', 'resolve', 'resolution', 'closure', 'reopen', 'rating'] as const;
export type FactFamily = (typeof FACT_FAMILIES)[number];

export type AssessmentIndicator = Assessment['indicators'][number];
export type IndicatorKind = 'rate' | 'count';

/** One side of an indicator: items of these families, and, for `hit`, only those on time (1) or not (0). */
export interface ItemSelection {
  families: readonly FactFamily[];
  hit?: 0 | 1;
}

export interface IndicatorPlan {
  id: string;
  measure: AssessmentMeasure;
  kind: IndicatorKind;
  denominator: ItemSelection;
  numerator: ItemSelection;
  /** Count distinct events rather than items (overdue events). */
  distinctEvents: boolean;
  /** Only items of events matching this (custom indicators). */
  where?: ConditionNode;
}

const DEADLINES = ['accept', 'resolve'] as const;

/** The standard measures. */
export const MEASURE_PLANS: Record<AssessmentMeasure, Omit<IndicatorPlan, 'id' | 'measure' | 'where'>> = {
  onTimeAcceptRate: { kind: 'rate', denominator: { families: ['accept'] }, numerator: { families: ['accept'], hit: 1 }, distinctEvents: false },
  onTimeResolveRate: { kind: 'rate', denominator: { families: ['resolve'] }, numerator: { families: ['resolve'], hit: 1 }, distinctEvents: false },
  closureRate: { kind: 'rate', denominator: { families: ['resolution'] }, numerator: { families: ['closure'] }, distinctEvents: false },
  reopenRate: { kind: 'rate', denominator: { families: ['resolution'] }, numerator: { families: ['reopen'] }, distinctEvents: false },
  satisfaction: { kind: 'rate', denominator: { families: ['rating'] }, numerator: { families: ['rating'], hit: 1 }, distinctEvents: false },
  overdueCount: { kind: 'count', denominator: { families: DEADLINES }, numerator: { families: DEADLINES, hit: 0 }, distinctEvents: true },
};

/**
 * The plan of an indicator of a compiled config (its `custom` object is there when its measure
 * is custom: compile refuses it otherwise).
 * @example
 * indicatorPlan({ id: 'serious-on-time', measure: 'custom', custom: { of: 'onTimeResolveRate', where: { fact: 'level', operator: 'greaterThanInclusive', value: 3 } }, ... })
 * // { kind: 'rate', denominator: { families: ['resolve'] }, numerator: { families: ['resolve'], hit: 1 }, where: {...} }
 */
export function indicatorPlan(indicator: AssessmentIndicator): IndicatorPlan {
  if (indicator.measure !== 'custom') return { id: indicator.id, measure: indicator.measure, ...MEASURE_PLANS[indicator.measure] };
  const custom = indicator.custom;
  if (!custom) throw new Error(`indicator "${indicator.id}" has measure custom but no custom object`);
  const base = MEASURE_PLANS[custom.of];
  return { id: indicator.id, measure: custom.of, ...base, kind: custom.kind ?? base.kind, where: custom.where };
}

/** Whether an indicator is a rate or a count. */
export function indicatorKind(indicator: AssessmentIndicator): IndicatorKind {
  return indicator.measure === 'custom' ? (indicator.custom?.kind ?? MEASURE_PLANS[indicator.custom?.of ?? 'onTimeAcceptRate'].kind) : MEASURE_PLANS[indicator.measure].kind;
}

/** The facts of one event a custom indicator's condition reads. */
export interface EventFacts {
  category: string;
  majorCategory: string | null;
  level: number;
  source: string;
  township: string | null;
  grid: string | null;
  tags: readonly string[];
}

/**
 * Whether an event's facts match a custom indicator's condition (the same meaning the runtime's
 * SQL gives it; a plan without a condition matches every event).
 */
export function eventMatches(plan: Pick<IndicatorPlan, 'where'>, facts: EventFacts): boolean {
  if (!plan.where) return true;
  return compileCondition(plan.where)({ ...facts, tags: [...facts.tags] });
}
