/**
 * Count thresholds at intake: once a report is written, each threshold it takes part in counts
 * the area's reports of its categories within the window, and at `count` raises an alert to the
 * command room (docs/early-warning.md). An alert is not raised again for the same rule, area and
 * category while one raised within the last window stands for it; the dedupe key (rule, area,
 * category, window bucket from local midnight) makes two processes raise it once.
 *
 * The counts: on SQLite this process writes every event, so it keeps each (rule, area, category)'s
 * recent reports per (rule, area) in memory, by category — read from the database the first time,
 * then added to as reports are written; on PostgreSQL (several processes) a count over the `events_grid_time` index.
 */
import { offsetAt, thresholdBucketStart, thresholdChecks, type CompiledConfig, type ThresholdCheck } from '../../engine/index';
import type { Database } from '../db/open-database';
import { sqliteDate } from '../db/sqlite-reader';
import { storedTime } from '../db/raw-sql';
import { QueryTypes } from 'sequelize';
import type { EventAttributes } from '../events/event-record';
import { commandRoomFor, gridsOf } from './alert-areas';
import { lastRaisedAt, raiseAlert, raisedSince, type StoredAlert } from './alert-store';

const HOUR = 3_600_000;

interface Window {
  /** Reports are known from here on (exclusive). */
  since: number;
  /** Per minor category: event ids → report time, in the window. */
  byCategory: Map<string, Map<string, number>>;
  /** Per alert category: when this process last saw an alert raised (or 0). */
  lastRaised: Map<string, number>;
}

/** What is counted: a threshold's area and categories in one county. */
interface Counted {
  countyId: string;
  check: ThresholdCheck;
  compiled: CompiledConfig;
}

/**
 * The recent reports of each (county, rule, area) on SQLite, by category: one read per area
 * (every category the threshold covers), then kept up to date by the reports written.
 */
class ThresholdCounts {
  private readonly windows = new Map<string, Window>();
  private readonly loading = new Map<string, Promise<Window>>();

  constructor(private readonly db: Database) {}

  /** The area's window, counting `event` (just written) once: the reports of the check's categories in (since, event.at]. */
  async count(key: string, counted: Counted, event: { id: string; category: string; at: number }, since: number): Promise<{ count: number; window: Window }> {
    let window = this.windows.get(key);
    if (!window || since < window.since) window = await this.load(key, counted, since);
    let own = window.byCategory.get(event.category);
    if (!own) window.byCategory.set(event.category, (own = new Map()));
    own.set(event.id, event.at);
    let n = 0;
    for (const category of counted.check.counted) {
      const reports = window.byCategory.get(category);
      if (!reports) continue;
      for (const [id, at] of reports) {
        if (at <= since) reports.delete(id);
        else if (at <= event.at) n++;
      }
    }
    return { count: n, window };
  }

  private load(key: string, counted: Counted, since: number): Promise<Window> {
    let pending = this.loading.get(key);
    if (!pending) {
      pending = readReports(this.db, counted, since)
        .then((rows) => {
          const byCategory = new Map<string, Map<string, number>>();
          for (const r of rows) {
            let reports = byCategory.get(r.category);
            if (!reports) byCategory.set(r.category, (reports = new Map()));
            reports.set(r.id, r.at);
          }
          const window: Window = { since, byCategory, lastRaised: this.windows.get(key)?.lastRaised ?? new Map() };
          this.windows.set(key, window);
          return window;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }
}

/** Every minor category a threshold counts (null: all). */
function coveredBy(counted: Counted): string[] | null {
  const listed = counted.check.threshold.categories;
  if (!listed) return null;
  return listed.flatMap((code) => counted.compiled.config.categories.find((m) => m.code === code)?.children.map((c) => c.code) ?? [code]);
}

/** SQLite: the reports (id, category, time) of a check's area after `since`, every category the threshold covers, on the reader. */
async function readReports(db: Database, counted: Counted, since: number): Promise<Array<{ id: string; category: string; at: number }>> {
  const grids = gridsOf(counted.compiled, counted.check.area);
  const categories = coveredBy(counted);
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const rows = await db.reader!.all<{ id: string; category: string; at: string }>(
    `SELECT id, category, reported_at AS at FROM events WHERE county_id = ? AND grid IN (${list(grids.length)})${categories ? ` AND category IN (${list(categories.length)})` : ''} AND reported_at > ?`,
    [counted.countyId, ...grids, ...(categories ?? []), sqliteDate(since)],
  );
  return rows.map((r) => ({ id: r.id, category: r.category, at: storedTime(r.at) }));
}

/** The WHERE clause of a check's area and categories (every counted report has a grid). */
function areaWhere({ countyId, check, compiled }: Counted): { sql: string; params: unknown[] } {
  const grids = gridsOf(compiled, check.area);
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  return { sql: `county_id = ? AND grid IN (${list(grids.length)}) AND category IN (${list(check.counted.length)})`, params: [countyId, ...grids, ...check.counted] };
}

/** PostgreSQL: the count of a check's area and categories in (since, until]. */
async function countReports(db: Database, counted: Counted, since: number, until: number): Promise<number> {
  const where = areaWhere(counted);
  let n = 0;
  const sql = `SELECT count(*) AS n FROM events WHERE ${where.sql} AND reported_at > ? AND reported_at <= ?`.replace(/\?/g, () => `$${++n}`);
  const [row] = await db.sequelize.query<{ n: string | number }>(sql, { bind: [...where.params, new Date(since), new Date(until)], type: QueryTypes.SELECT, raw: true });
  return Number(row?.n ?? 0);
}

const counts = new WeakMap<Database, ThresholdCounts>();

export interface ThresholdIntake {
  db: Database;
  compiled: CompiledConfig;
  configVersion: number;
  event: Pick<EventAttributes, 'countyId' | 'id' | 'category' | 'grid' | 'reportedAt'>;
}

/** Evaluates the thresholds a written report takes part in; returns the alerts it raised. */
export async function raiseThresholdAlerts({ db, compiled, configVersion, event }: ThresholdIntake): Promise<StoredAlert[]> {
  if (!compiled.config.alerts?.thresholds?.length || event.grid === null) return [];
  const index = compiled.category(event.category);
  if (!index) return [];
  const at = event.reportedAt.getTime();
  const checks = thresholdChecks(compiled.config, { major: index.major, minor: event.category, place: compiled.placeOf({ location: { grid: event.grid } }) });
  const raised: StoredAlert[] = [];
  for (const check of checks) {
    const { threshold } = check;
    const windowMs = threshold.windowHours * HOUR;
    const since = at - windowMs;
    const counted: Counted = { countyId: event.countyId, check, compiled };
    const key = `${event.countyId}\u0000${threshold.id}\u0000${check.area}`;
    let count: number;
    let window: Window | null = null;
    if (db.reader) {
      let memo = counts.get(db);
      if (!memo) counts.set(db, (memo = new ThresholdCounts(db)));
      ({ count, window } = await memo.count(key, counted, { id: event.id, category: event.category, at }, since));
    } else {
      count = await countReports(db, counted, since, at);
    }
    if (count < threshold.count) continue;
    // one alert per window: not again while an alert raised within the last window stands for it
    // (on SQLite this process raises them all: the database is asked once per area and category)
    if (window) {
      let last = window.lastRaised.get(check.category);
      if (last === undefined) window.lastRaised.set(check.category, (last = await lastRaisedAt(db, { countyId: event.countyId, rule: threshold.id, area: check.area, category: check.category })));
      if (last > since) continue;
    } else if (await raisedSince(db, { countyId: event.countyId, rule: threshold.id, area: check.area, category: check.category, since })) continue;
    const bucket = thresholdBucketStart(at, threshold.windowHours, offsetAt(at, compiled.timeZone));
    const alert = await raiseAlert(db, {
      countyId: event.countyId, kind: 'threshold', rule: threshold.id, name: threshold.name, category: check.category, counted: check.counted,
      area: check.area, areaKind: check.areaKind, commandRoom: commandRoomFor(compiled, check.areaKind, check.area),
      windowFrom: since, windowTo: at, count, expected: null, configVersion, raisedAt: at,
      dedupeKey: `threshold|${threshold.id}|${check.area}|${check.category}|${bucket}`,
    });
    window?.lastRaised.set(check.category, at);
    if (alert) raised.push(alert);
  }
  return raised;
}
