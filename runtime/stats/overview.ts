/**
 * The dashboard's headline figures for a caller's scope: reports today, this week and this month
 * against the same span of the period before; the events open, red and overdue now; and this
 * month's on-time acceptance and resolution from the assessment's facts (each deadline falling
 * in the month, judged once for the unit holding the event; docs/assessment.md).
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { apiTime } from '../http/api-time';
import { calendarPeriods, monthOf, type Span } from './calendar-periods';
import { emptyList, openEventsIndex, overdueSql, sqlFalse, sqlTrue, timeParam } from './event-sql';
import { scopeReplacements, scopeSql, type StatsScope } from './stats-scope';

export interface PeriodCount {
  count: number;
  previous: number;
}

export interface OnTime {
  onTime: number;
  total: number;
  /** onTime / total, or null when there is nothing to judge. */
  rate: number | null;
}

export interface Overview {
  county: string;
  asOf: string;
  timeZone: string;
  scope: { kind: 'county' | 'unit'; unit: string | null };
  reports: { today: PeriodCount; week: PeriodCount; month: PeriodCount };
  open: number;
  red: number;
  overdue: number;
  onTimeAcceptance: OnTime;
  onTimeResolution: OnTime;
}

type Row = Record<string, unknown>;
const PERIODS = ['today', 'week', 'month'] as const;

export async function overview(db: Database, opts: { countyId: string; scope: StatsScope; timeZone: string; now: number }): Promise<Overview> {
  const d = db.dialect;
  const { countyId, scope, timeZone, now } = opts;
  const periods = calendarPeriods(now, timeZone);
  const where = scopeSql(scope, emptyList(d));
  const replacements: Record<string, unknown> = { county: countyId, now, ...scopeReplacements(scope) };
  // one count per span, each a range of the (county, reported_at) index
  const counts: string[] = [];
  const span = (name: string, s: Span) => {
    replacements[`${name}_from`] = timeParam(d, s.from);
    replacements[`${name}_to`] = timeParam(d, s.to);
    counts.push(`(SELECT COUNT(*) FROM events e WHERE e.county_id = :county AND e.reported_at >= :${name}_from AND e.reported_at < :${name}_to${where}) AS ${name}`);
  };
  for (const p of PERIODS) {
    span(`${p}_now`, periods[p].current);
    span(`${p}_before`, periods[p].previous);
  }
  const month = monthOf(now, timeZone);
  const facts = factsScope(scope, emptyList(d));
  const [reportRows, openRows, factRows] = await Promise.all([
    db.sequelize.query<Row>(`SELECT ${counts.join(', ')}`, { replacements, type: QueryTypes.SELECT }),
    db.sequelize.query<Row>(
      `SELECT COUNT(*) AS open, SUM(CASE WHEN e.red = ${sqlTrue(d)} THEN 1 ELSE 0 END) AS red, SUM(CASE WHEN ${overdueSql(d)} THEN 1 ELSE 0 END) AS overdue
       FROM events e${openEventsIndex(d)} WHERE e.county_id = :county AND e.closed = ${sqlFalse(d)}${where}`,
      { replacements, type: QueryTypes.SELECT },
    ),
    db.sequelize.query<Row>(
      `SELECT f.kind AS kind, SUM(CASE WHEN f.on_time = ${sqlTrue(d)} THEN 1 ELSE 0 END) AS on_time, COUNT(*) AS total
       FROM assessment_facts f WHERE f.county_id = :county AND f.period_at >= :monthFrom AND f.period_at < :monthTo AND f.kind IN ('accept', 'resolve')${facts} GROUP BY f.kind`,
      { replacements: { ...replacements, monthFrom: month.from, monthTo: month.to }, type: QueryTypes.SELECT },
    ),
  ]);
  const r = reportRows[0] ?? {};
  const n = (v: unknown) => Number(v ?? 0);
  const onTime = (kind: string): OnTime => {
    const row = factRows.find((f) => f.kind === kind);
    const total = n(row?.total);
    const hits = n(row?.on_time);
    return { onTime: hits, total, rate: total === 0 ? null : hits / total };
  };
  const o = openRows[0] ?? {};
  return {
    county: countyId,
    asOf: apiTime(now, timeZone),
    timeZone,
    scope: { kind: scope.kind, unit: scope.unit },
    reports: {
      today: { count: n(r.today_now), previous: n(r.today_before) },
      week: { count: n(r.week_now), previous: n(r.week_before) },
      month: { count: n(r.month_now), previous: n(r.month_before) },
    },
    open: n(o.open),
    red: n(o.red),
    overdue: n(o.overdue),
    onTimeAcceptance: onTime('accept'),
    onTimeResolution: onTime('resolve'),
  };
}

/**
 * The facts a scope counts: the whole county's; a handler's, those its unit held; a dispatcher's,
 * those of the events it dispatched (when the fact settled), handled or assists.
 */
function factsScope(scope: StatsScope, empty: string): string {
  if (scope.kind === 'county') return '';
  if (scope.role === 'handler') return ' AND f.unit = :scopeUnit';
  return ` AND (f.dispatcher = :scopeUnit OR f.unit = :scopeUnit OR f.event_id IN (SELECT a.id FROM events a WHERE a.county_id = :county AND a.assist <> ${empty} AND CAST(a.assist AS TEXT) LIKE :scopeAssist))`;
}
