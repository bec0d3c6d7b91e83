/**
 * The dashboards' tables: the events reported in a span broken down by category, township,
 * handling unit or report channel — reported, still open, red, overdue now and closed — with each
 * key's name from the active config; and the units with the most overdue open events.
 */
import { QueryTypes } from 'sequelize';
import type { CompiledConfig, I18nText } from '../../engine/index';
import type { Database } from '../db/open-database';
import { emptyList, openEventsIndex, overdueSql, sqlFalse, sqlTrue, timeParam } from './event-sql';
import { sourceName } from './source-names';
import { scopeReplacements, scopeSql, type StatsScope } from './stats-scope';

export const BREAKDOWNS = ['category', 'township', 'unit', 'source'] as const;
export type BreakdownBy = (typeof BREAKDOWNS)[number];

const COLUMN: Record<BreakdownBy, string> = { category: 'category', township: 'township', unit: 'handling_unit', source: 'source' };

export interface BreakdownRow {
  /** The category code, township id, handling unit id or channel; null for events without one (not yet dispatched, no township). */
  key: string | null;
  name: I18nText | null;
  reported: number;
  open: number;
  red: number;
  overdue: number;
  closed: number;
}

export interface OverdueUnitRow {
  unit: string;
  name: I18nText | null;
  overdue: number;
  red: number;
  open: number;
}

type Row = Record<string, unknown>;

/** The name of a key of a breakdown under the active config. */
export function keyName(compiled: CompiledConfig | undefined, by: BreakdownBy, key: string | null): I18nText | null {
  if (key === null) return null;
  switch (by) {
    case 'category':
      return compiled?.category(key)?.minor.name ?? null;
    case 'township':
    case 'unit':
      return compiled?.unit(key)?.name ?? null;
    case 'source':
      return sourceName(key);
    default: {
      const never: never = by;
      throw new Error(`unknown breakdown ${String(never)}`);
    }
  }
}

const byCount = (a: { key: string | null }, b: { key: string | null }) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0);

export async function breakdown(db: Database, opts: { countyId: string; scope: StatsScope; compiled: CompiledConfig | undefined; by: BreakdownBy; from: number; to: number; now: number }): Promise<BreakdownRow[]> {
  const d = db.dialect;
  const column = `e.${COLUMN[opts.by]}`;
  const where = `e.county_id = :county AND e.reported_at >= :from AND e.reported_at < :to${scopeSql(opts.scope, emptyList(d))}`;
  const replacements = { county: opts.countyId, from: timeParam(d, opts.from), to: timeParam(d, opts.to), now: opts.now, ...scopeReplacements(opts.scope) };
  // the counts from the covering (county, reported_at, …) index alone; overdue (the SLA plan of
  // each open event) from the open events only
  const [rows, late] = await Promise.all([
    db.sequelize.query<Row>(
      `SELECT ${column} AS k, COUNT(*) AS reported,
         SUM(CASE WHEN e.closed = ${sqlFalse(d)} THEN 1 ELSE 0 END) AS open,
         SUM(CASE WHEN e.red = ${sqlTrue(d)} THEN 1 ELSE 0 END) AS red,
         SUM(CASE WHEN e.closed = ${sqlTrue(d)} THEN 1 ELSE 0 END) AS closed
       FROM events e WHERE ${where} GROUP BY ${column}`,
      { replacements, type: QueryTypes.SELECT },
    ),
    db.sequelize.query<Row>(`SELECT ${column} AS k, COUNT(*) AS overdue FROM events e${openEventsIndex(d)} WHERE ${where} AND e.closed = ${sqlFalse(d)} AND ${overdueSql(d)} GROUP BY ${column}`, { replacements, type: QueryTypes.SELECT }),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const keyOf = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const overdue = new Map(late.map((r) => [keyOf(r.k), n(r.overdue)]));
  return rows
    .map((r) => {
      const key = keyOf(r.k);
      return { key, name: keyName(opts.compiled, opts.by, key), reported: n(r.reported), open: n(r.open), red: n(r.red), overdue: overdue.get(key) ?? 0, closed: n(r.closed) };
    })
    .sort((a, b) => b.reported - a.reported || byCount(a, b));
}

/** Handling units by their overdue open events, then red, then open; at most `limit`. */
export async function overdueUnits(db: Database, opts: { countyId: string; scope: StatsScope; compiled: CompiledConfig | undefined; limit: number; now: number }): Promise<OverdueUnitRow[]> {
  const d = db.dialect;
  const rows = await db.sequelize.query<Row>(
    `SELECT e.handling_unit AS unit, COUNT(*) AS open, SUM(CASE WHEN e.red = ${sqlTrue(d)} THEN 1 ELSE 0 END) AS red, SUM(CASE WHEN ${overdueSql(d)} THEN 1 ELSE 0 END) AS overdue
     FROM events e${openEventsIndex(d)}
     WHERE e.county_id = :county AND e.closed = ${sqlFalse(d)} AND e.handling_unit IS NOT NULL${scopeSql(opts.scope, emptyList(d))}
     GROUP BY e.handling_unit`,
    { replacements: { county: opts.countyId, now: opts.now, ...scopeReplacements(opts.scope) }, type: QueryTypes.SELECT },
  );
  const n = (v: unknown) => Number(v ?? 0);
  return rows
    .map((r) => ({ unit: String(r.unit), name: opts.compiled?.unit(String(r.unit))?.name ?? null, overdue: n(r.overdue), red: n(r.red), open: n(r.open) }))
    .sort((a, b) => b.overdue - a.overdue || b.red - a.red || b.open - a.open || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
    .slice(0, opts.limit);
}
