/**
 * One county's aberration test for one day (docs/early-warning.md): the daily counts of each area
 * (the config's `aberration.area`: townships by default) and major category over the history the
 * method needs, read with ONE grouped query over `events_reported`, judged with the engine's
 * `judgeDay`; each day that alarms raises an alert to the area's command room. Days are the
 * county's local days; a day's bounds use the zone's offset on that day (a DST change inside the
 * history shifts the earlier days' bounds by the hour it moves).
 */
import { QueryTypes } from 'sequelize';
import { aberrationPlan, historyNeeded, judgeDay, offsetAt, wallToEpoch, type CompiledConfig } from '../../engine/index';
import type { Database } from '../db/open-database';
import { raiseAlert } from './alert-store';
import { areasOf, commandRoomFor } from './alert-areas';

export const DAY_MS = 86_400_000;

export const ABERRATION_NAME = { zh: '统计预警：事件数异常增多', en: 'Aberration: an unusual number of reports' };

/** A local day as its day number (days since 1970-01-01 on the wall clock) and ISO date. */
export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The county's local day number at an instant. */
export const localDay = (at: number, timeZone: string) => Math.floor((at + offsetAt(at, timeZone)) / DAY_MS);

export interface AberrationRunOptions {
  db: Database;
  countyId: string;
  compiled: CompiledConfig;
  configVersion: number;
  /** The local day judged (day number). */
  day: number;
  /** When the alerts are raised. */
  now: number;
}

/** Per area, per major category: counts per day, oldest first, the last being the day judged. */
export async function dailyCounts(opts: Omit<AberrationRunOptions, 'now' | 'configVersion'>, days: number, areaKind: 'grid' | 'village' | 'township'): Promise<Map<string, Map<string, number[]>>> {
  const { db, compiled, countyId, day } = opts;
  const tz = compiled.timeZone;
  const firstDay = day - days + 1;
  const from = wallToEpoch(firstDay * DAY_MS, tz);
  const to = wallToEpoch((day + 1) * DAY_MS, tz);
  const offset = offsetAt(to - 1, tz);
  const ms = db.dialect === 'postgres' ? '(EXTRACT(EPOCH FROM reported_at) * 1000)' : "((julianday(substr(reported_at, 1, 23)) - 2440587.5) * 86400000)";
  // epoch milliseconds are positive: SQLite's CAST truncates, which is the floor here (PostgreSQL's rounds)
  const dayExpr = db.dialect === 'postgres' ? `FLOOR((${ms} + :offset) / ${DAY_MS})` : `CAST((${ms} + :offset) / ${DAY_MS} AS INTEGER)`;
  const place = areaKind === 'township' ? 'township' : 'grid';
  const rows = await db.sequelize.query<{ place: string | null; category: string; day: unknown; n: unknown }>(
    `SELECT ${place} AS place, category, ${dayExpr} AS day, COUNT(*) AS n FROM events
     WHERE county_id = :county AND reported_at >= :from AND reported_at < :to AND ${place} IS NOT NULL
     GROUP BY ${place}, category, ${dayExpr}`,
    { replacements: { county: countyId, from: db.dialect === 'postgres' ? new Date(from) : sqliteText(from), to: db.dialect === 'postgres' ? new Date(to) : sqliteText(to), offset }, type: QueryTypes.SELECT },
  );
  const byArea = new Map<string, Map<string, number[]>>();
  for (const area of areasOf(compiled, areaKind)) {
    byArea.set(area, new Map(compiled.config.categories.map((major) => [major.code, new Array<number>(days).fill(0)])));
  }
  for (const row of rows) {
    const index = Number(row.day) - firstDay;
    if (index < 0 || index >= days || row.place === null) continue;
    const area = areaKind === 'village' ? compiled.units.ancestorOfKind(row.place, 'village')?.id : row.place;
    const major = compiled.category(row.category)?.major.code;
    const series = area && major ? byArea.get(area)?.get(major) : undefined;
    if (series) series[index] += Number(row.n);
  }
  return byArea;
}

/** sequelize's SQLite DATE text, which `reported_at` is compared in. */
const sqliteText = (at: number) => {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} +00:00`;
};

/** Judges the day for every area and major category; returns how many alerts were raised. */
export async function runAberration(opts: AberrationRunOptions): Promise<number> {
  const plan = aberrationPlan(opts.compiled.config);
  if (!plan) return 0;
  const days = historyNeeded(plan.settings) + 1;
  const counts = await dailyCounts(opts, days, plan.areaKind);
  const tz = opts.compiled.timeZone;
  const windowFrom = wallToEpoch(opts.day * DAY_MS, tz);
  const windowTo = wallToEpoch((opts.day + 1) * DAY_MS, tz);
  let raised = 0;
  for (const [area, byMajor] of counts) {
    for (const [major, series] of byMajor) {
      if (series[days - 1] < plan.settings.minCount) continue;
      const result = judgeDay(series, plan.settings);
      if (!result.alarm) continue;
      const counted = opts.compiled.config.categories.find((c) => c.code === major)!.children.map((c) => c.code);
      const alert = await raiseAlert(opts.db, {
        countyId: opts.countyId, kind: 'aberration', rule: 'aberration', name: ABERRATION_NAME, category: major, counted,
        area, areaKind: plan.areaKind, commandRoom: commandRoomFor(opts.compiled, plan.areaKind, area),
        windowFrom, windowTo, count: result.observed, expected: Math.round(result.expected * 100) / 100, configVersion: opts.configVersion, raisedAt: opts.now,
        dedupeKey: `aberration|${area}|${major}|${isoDay(opts.day)}`,
      });
      if (alert) raised++;
    }
  }
  return raised;
}
