/**
 * The events behind one figure: a unit's items of one indicator in a period, as the aggregate
 * counted them (same items, same condition, same `asOf`), each marked `counted` when it is in the
 * numerator. So the items are the figure's denominator and the counted ones its numerator; for
 * overdue events (counted per event), one item per event with its deadlines.
 */
import { QueryTypes } from 'sequelize';
import { indicatorPlan, type AssessmentPeriod, type CompiledConfig, type IndicatorPlan } from '../../engine/index';
import type { Database } from '../db/open-database';
import { storedTime } from '../db/raw-sql';
import { listItems, type ItemRow } from './assessment-items';

export interface Deadline {
  fact: 'accept' | 'resolve';
  dueAt: number | null;
  onTime: boolean;
}

export interface DrillItem {
  eventId: string;
  /** accept, resolve, resolution, rating — or event, for counts of events. */
  fact: string;
  /** The run's first start, the resolution's time. */
  since: number | null;
  dueAt: number | null;
  settledAt: number | null;
  counted: boolean;
  deadlines?: Deadline[];
}

export interface EventSummary {
  category: string;
  level: number;
  state: string;
  reportedAt: number;
}

const sameFamilies = (plan: IndicatorPlan) => plan.numerator.families.join() === plan.denominator.families.join();

/** The items of a plan from its rows (see the file comment). */
export function drillItems(plan: IndicatorPlan, rows: readonly ItemRow[]): DrillItem[] {
  const inDenominator = (r: ItemRow) => plan.denominator.families.includes(r.family) && (plan.denominator.hit === undefined || r.hit === plan.denominator.hit);
  const inNumerator = (r: ItemRow) => plan.numerator.families.includes(r.family) && (plan.numerator.hit === undefined || r.hit === plan.numerator.hit);
  if (plan.distinctEvents) {
    const byEvent = new Map<string, ItemRow[]>();
    for (const r of rows) if (inDenominator(r)) byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), r]);
    return [...byEvent].map(([eventId, list]) => ({
      eventId,
      fact: 'event',
      since: null,
      dueAt: list.reduce<number | null>((first, r) => (r.dueAt !== null && (first === null || r.dueAt < first) ? r.dueAt : first), null),
      settledAt: null,
      counted: list.some(inNumerator),
      deadlines: list.map((r) => ({ fact: r.family as Deadline['fact'], dueAt: r.dueAt, onTime: r.hit === 1 })),
    }));
  }
  const item = (r: ItemRow, counted: boolean): DrillItem => ({ eventId: r.eventId, fact: r.family, since: r.since, dueAt: r.dueAt, settledAt: r.endedAt, counted });
  if (sameFamilies(plan)) return rows.filter(inDenominator).map((r) => item(r, inNumerator(r)));
  // closures and reopenings count resolutions: the resolution (event, since) they are of
  const hits = new Set(rows.filter(inNumerator).map((r) => `${r.eventId}|${r.since}`));
  return rows.filter(inDenominator).map((r) => item(r, hits.has(`${r.eventId}|${r.since}`)));
}

export async function drillDown(opts: { db: Database; compiled: CompiledConfig; countyId: string; period: AssessmentPeriod; asOf: number; unit: string; indicator: string }): Promise<DrillItem[]> {
  const indicator = opts.compiled.config.assessment.indicators.find((i) => i.id === opts.indicator);
  if (!indicator) throw new Error(`no indicator "${opts.indicator}"`);
  const plan = indicatorPlan(indicator);
  const rows = await listItems(opts.db, opts.compiled, plan, { countyId: opts.countyId, from: opts.period.from, to: opts.period.to, asOf: opts.asOf, unit: opts.unit });
  return drillItems(plan, rows);
}

/** Category, level, state and report time of the events named, read in chunks. */
export async function eventSummaries(db: Database, countyId: string, ids: readonly string[]): Promise<Map<string, EventSummary>> {
  const found = new Map<string, EventSummary>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.sequelize.query<Record<string, unknown>>('SELECT id, category, level, state, reported_at FROM events WHERE county_id = :county AND id IN (:ids)', {
      replacements: { county: countyId, ids: unique.slice(i, i + 500) },
      type: QueryTypes.SELECT,
    });
    for (const r of rows) found.set(String(r.id), { category: String(r.category), level: Number(r.level), state: String(r.state), reportedAt: storedTime(r.reported_at) });
  }
  return found;
}
