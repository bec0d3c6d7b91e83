/**
 * A pilot's comparison: the pilot's townships against the county's other townships, in the span
 * since the pilot started and in a span as long just before it — reports, on-time acceptance and
 * resolution, closure and reopen rates (the assessment's facts, runtime/assessment) and the mean
 * time from report to resolution. The same definitions as the assessment (docs/assessment.md):
 * a deadline counts in the span its due time falls in, a resolution in the span it happened in.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { sqlTrue, timeParam } from '../stats/event-sql';
import type { Pilot } from './pilot-store';

export interface Rate {
  hits: number;
  total: number;
  /** hits / total, or null when there is nothing to judge. */
  rate: number | null;
}

export interface GroupFigures {
  reported: number;
  /** Reports per day of the span (spans of different lengths compare by it). */
  reportedPerDay: number;
  onTimeAcceptance: Rate;
  onTimeResolution: Rate;
  /** Resolutions the reporter confirmed (closed), of all resolutions. */
  closure: Rate;
  /** Resolutions reopened, of all resolutions. */
  reopen: Rate;
  /** Mean hours from report to resolution, of the resolutions in the span; null without any. */
  meanHoursToResolve: number | null;
}

export interface PilotComparison {
  before: { from: number; to: number };
  since: { from: number; to: number };
  pilot: { before: GroupFigures; since: GroupFigures };
  others: { before: GroupFigures; since: GroupFigures };
}

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const rate = (hits: number, total: number): Rate => ({ hits, total, rate: total === 0 ? null : hits / total });
/** The longest span compared on each side (a long pilot compares its last year with the year before it). */
const MAX_SPAN_MS = 366 * 86_400_000;

/**
 * `baselineDays`: the length of the span before the start (default: as long as the span since,
 * at most a year) — a young pilot compares with a longer past.
 */
export async function comparePilot(db: Database, opts: { countyId: string; pilot: Pilot; now: number; baselineDays?: number }): Promise<PilotComparison> {
  const d = db.dialect;
  const { pilot } = opts;
  const end = pilot.endedAt ?? opts.now;
  const sinceFrom = Math.max(pilot.startedAt, end - MAX_SPAN_MS);
  const span = Math.max(end - sinceFrom, 1);
  const since = { from: sinceFrom, to: end };
  const before = { from: pilot.startedAt - (opts.baselineDays !== undefined ? opts.baselineDays * 86_400_000 : span), to: pilot.startedAt };
  // townships as bound parameters: `IN (:townships)` expands the list
  const replacements = { county: opts.countyId, townships: pilot.townships, bFrom: before.from, bTo: before.to, sFrom: since.from, sTo: since.to };
  const group = (column: string) => `CASE WHEN ${column} IN (:townships) THEN 'pilot' ELSE 'others' END`;
  const side = (column: string) => `CASE WHEN ${column} < :sFrom THEN 'before' ELSE 'since' END`;
  const reportedMs = d === 'postgres' ? '(EXTRACT(EPOCH FROM e.reported_at) * 1000)' : "((julianday(substr(e.reported_at, 1, 23)) - 2440587.5) * 86400000)";
  const [facts, reports, resolutions] = await Promise.all([
    db.sequelize.query<Row>(
      `SELECT ${group('f.township')} AS g, ${side('f.period_at')} AS s, f.kind AS kind, COUNT(*) AS total, SUM(CASE WHEN f.on_time = ${sqlTrue(d)} THEN 1 ELSE 0 END) AS hits
       FROM assessment_facts f WHERE f.county_id = :county AND f.period_at >= :bFrom AND f.period_at < :sTo AND f.township IS NOT NULL
       GROUP BY ${group('f.township')}, ${side('f.period_at')}, f.kind`,
      { replacements, type: QueryTypes.SELECT },
    ),
    db.sequelize.query<Row>(
      `SELECT ${group('e.township')} AS g, CASE WHEN e.reported_at < :sFromAt THEN 'before' ELSE 'since' END AS s, COUNT(*) AS total
       FROM events e WHERE e.county_id = :county AND e.reported_at >= :bFromAt AND e.reported_at < :sToAt AND e.township IS NOT NULL
       GROUP BY ${group('e.township')}, CASE WHEN e.reported_at < :sFromAt THEN 'before' ELSE 'since' END`,
      { replacements: { ...replacements, bFromAt: timeParam(d, before.from), sFromAt: timeParam(d, since.from), sToAt: timeParam(d, since.to) }, type: QueryTypes.SELECT },
    ),
    db.sequelize.query<Row>(
      `SELECT ${group('f.township')} AS g, ${side('f.period_at')} AS s, AVG(f.since - ${reportedMs}) AS ms
       FROM assessment_facts f JOIN events e ON e.county_id = f.county_id AND e.id = f.event_id
       WHERE f.county_id = :county AND f.kind = 'resolution' AND f.period_at >= :bFrom AND f.period_at < :sTo AND f.township IS NOT NULL
       GROUP BY ${group('f.township')}, ${side('f.period_at')}`,
      { replacements, type: QueryTypes.SELECT },
    ),
  ]);
  const figures = (g: string, s: string): GroupFigures => {
    const fact = (kind: string) => facts.find((r) => r.g === g && r.s === s && r.kind === kind);
    const resolved = n(fact('resolution')?.total);
    const mean = resolutions.find((r) => r.g === g && r.s === s)?.ms;
    const reported = n(reports.find((r) => r.g === g && r.s === s)?.total);
    const days = ((s === 'before' ? before.to - before.from : since.to - since.from) || 1) / 86_400_000;
    return {
      reported,
      reportedPerDay: Math.round((reported / days) * 100) / 100,
      onTimeAcceptance: rate(n(fact('accept')?.hits), n(fact('accept')?.total)),
      onTimeResolution: rate(n(fact('resolve')?.hits), n(fact('resolve')?.total)),
      closure: rate(n(fact('closure')?.total), resolved),
      reopen: rate(n(fact('reopen')?.total), resolved),
      meanHoursToResolve: mean === null || mean === undefined ? null : Math.round((Number(mean) / 3_600_000) * 100) / 100,
    };
  };
  return {
    before,
    since,
    pilot: { before: figures('pilot', 'before'), since: figures('pilot', 'since') },
    others: { before: figures('others', 'before'), since: figures('others', 'since') },
  };
}
