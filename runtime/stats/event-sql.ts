/**
 * SQL fragments the dashboards share, written once for SQLite and PostgreSQL: booleans, the
 * empty assist list, times as the events table stores them, an open event past its resolution
 * deadline, and the UTC hour (or quarter hour) of a stored time for grouping by the county's days.
 */
import type { Dialect } from '../db/open-database';
import { sqlDate } from '../db/raw-sql';

export const sqlTrue = (d: Dialect) => (d === 'postgres' ? 'TRUE' : '1');
export const sqlFalse = (d: Dialect) => (d === 'postgres' ? 'FALSE' : '0');
export const emptyList = (d: Dialect) => (d === 'postgres' ? "'[]'::jsonb" : "'[]'");

/**
 * SQLite: read open events through the partial index that holds every open event (migration
 * 0006's `events_open_unit_state`). Without statistics SQLite's planner prefers any index that
 * starts with county_id and tests `closed` on each of the county's rows (1.3 s on a million
 * events, against 50 ms through the partial index). PostgreSQL's planner chooses by itself.
 */
export const openEventsIndex = (d: Dialect) => (d === 'sqlite' ? ' INDEXED BY events_open_unit_state' : '');

/** A point in time as a replacement compared with a DATE column. */
export const timeParam = (d: Dialect, ms: number) => sqlDate(d, ms);

/** A number inside an event's SLA plan, e.g. clocks.resolve.dueAt (column `sla` of `alias`). */
function planValue(d: Dialect, alias: string, path: readonly string[]): string {
  const column = alias ? `${alias}.sla` : 'sla';
  return d === 'postgres' ? `CAST(${column} #>> '{${path.join(',')}}' AS NUMERIC)` : `json_extract(${column}, '$.${path.join('.')}')`;
}

/**
 * Open, its resolution clock running and its deadline before `:now` (epoch ms): overdue. A paused
 * clock has no deadline (null) and is not overdue; a stopped one (resolved) neither.
 */
export function overdueSql(d: Dialect, alias = 'e', now = ':now'): string {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  return `(${col('closed')} = ${sqlFalse(d)} AND ${planValue(d, alias, ['clocks', 'resolve', 'dueAt'])} < ${now} AND ${planValue(d, alias, ['clocks', 'resolve', 'stoppedAt'])} IS NULL)`;
}

/**
 * The UTC hour of a stored time as text `YYYY-MM-DD HH`, with the quarter of the hour (0–3)
 * appended as `:q` when `quarters` (zones whose offset is not whole hours).
 */
export function hourBucketSql(d: Dialect, column: string, quarters: boolean): string {
  if (d === 'postgres') {
    const hour = `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')`;
    return quarters ? `${hour} || ':' || CAST(CAST(EXTRACT(MINUTE FROM ${column} AT TIME ZONE 'UTC') AS INTEGER) / 15 AS TEXT)` : hour;
  }
  const hour = `substr(${column}, 1, 13)`;
  return quarters ? `${hour} || ':' || CAST(CAST(substr(${column}, 15, 2) AS INTEGER) / 15 AS TEXT)` : hour;
}

/** The instant (epoch ms) a bucket of {@link hourBucketSql} starts at. */
export function bucketStart(bucket: string): number {
  const [hour, quarter] = bucket.split(':');
  return Date.parse(`${hour.replace(' ', 'T')}:00:00Z`) + Number(quarter ?? 0) * 15 * 60_000;
}
