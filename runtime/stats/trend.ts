/**
 * The daily trend: per day of the county's zone, the events reported that day and the events
 * closed that day (a closed event changes no more after it closes, so its `updated_at` is when it
 * closed), oldest day first, days without any included as zeros. Grouped in SQL by UTC hour (by
 * quarter hour in a zone whose offset is not whole hours), then summed into local days here, so
 * the database needs no time-zone rules of its own.
 */
import { QueryTypes } from 'sequelize';
import { offsetAt } from '../../engine/sla/zoned-time';
import type { Database } from '../db/open-database';
import { lastDays, type LocalDay } from './calendar-periods';
import { bucketStart, emptyList, hourBucketSql, sqlTrue, timeParam } from './event-sql';
import { scopeReplacements, scopeSql, type StatsScope } from './stats-scope';

export interface TrendDay {
  date: string;
  reported: number;
  closed: number;
}

type Row = { bucket: string; n: unknown };

/** Whether every offset the zone has over the days is whole hours. */
function wholeHours(days: readonly LocalDay[], timeZone: string): boolean {
  return days.every((day) => offsetAt(day.from, timeZone) % 3_600_000 === 0) && offsetAt(days[days.length - 1].to, timeZone) % 3_600_000 === 0;
}

export async function trend(db: Database, opts: { countyId: string; scope: StatsScope; timeZone: string; now: number; days: number }): Promise<TrendDay[]> {
  const d = db.dialect;
  const days = lastDays(opts.now, opts.timeZone, opts.days);
  const quarters = !wholeHours(days, opts.timeZone);
  const where = scopeSql(opts.scope, emptyList(d));
  const replacements = { county: opts.countyId, from: timeParam(d, days[0].from), to: timeParam(d, days[days.length - 1].to), ...scopeReplacements(opts.scope) };
  const grouped = (column: string, extra: string) =>
    db.sequelize.query<Row>(
      `SELECT ${hourBucketSql(d, `e.${column}`, quarters)} AS bucket, COUNT(*) AS n FROM events e
       WHERE e.county_id = :county${extra} AND e.${column} >= :from AND e.${column} < :to${where} GROUP BY 1`,
      { replacements, type: QueryTypes.SELECT },
    );
  const [reported, closed] = await Promise.all([grouped('reported_at', ''), grouped('updated_at', ` AND e.closed = ${sqlTrue(d)}`)]);
  const view = days.map((day) => ({ date: day.date, reported: 0, closed: 0 }));
  // day boundaries fall on bucket boundaries (hours, or quarter hours), so each bucket is in one day
  const dayOf = (at: number) => {
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (days[mid].from <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const row of reported) view[dayOf(bucketStart(row.bucket))].reported += Number(row.n);
  for (const row of closed) view[dayOf(bucketStart(row.bucket))].closed += Number(row.n);
  return view;
}
