/**
 * The daily aberration test as a background job: every county whose config turns it on is judged
 * once a day, at `aberration.runAt` in the county's time zone, for the local day before; a day
 * missed while no process ran (up to a week back) is judged when one starts again. Each county
 * and day is claimed in `alert_runs` like a timer: the process whose insert of the (county, day)
 * row lands runs it; the others skip it. A claim left unfinished (a crash mid-run) is taken over
 * after {@link STALE_CLAIM_MS}; the alerts' dedupe keys keep a second run from raising twice.
 * The clock is injected; tests drive `runDue(now)` directly.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { QueryTypes } from 'sequelize';
import { aberrationPlan, offsetAt } from '../../engine/index';
import type { ConfigRepository } from '../db/config-repository';
import type { Database } from '../db/open-database';
import { createPollLoop } from '../poll-loop';
import { DAY_MS, isoDay, runAberration } from './aberration-run';

/** An unfinished claim older than this is another process's crash: the day is run again. */
export const STALE_CLAIM_MS = 30 * 60_000;
/** Days missed while no process ran that are still judged. */
export const CATCH_UP_DAYS = 7;

export interface AberrationJobOptions {
  db: Database;
  configs: ConfigRepository;
  logger: Logger;
  now: () => number;
  /** Poll interval (default 60 s). */
  intervalMs?: number;
  /** Names this process in `claimed_by` (default host:pid plus a random suffix). */
  processId?: string;
}

export interface AberrationRunSummary {
  /** County/day pairs this process ran. */
  ran: Array<{ county: string; day: string; alerts: number }>;
  /** Pairs claimed by another process. */
  skipped: number;
}

export interface AberrationJob {
  /** Runs every county's due days at `at` (default: now). */
  runDue(at?: number): Promise<AberrationRunSummary>;
  start(): void;
  stop(): Promise<void>;
}

export function createAberrationJob(opts: AberrationJobOptions): AberrationJob {
  const { db, logger } = opts;
  const processId = opts.processId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  /** Claims (county, day) for this process; false when another process holds it. */
  async function claim(county: string, day: string, at: number): Promise<boolean> {
    const key = { county, day, me: processId, at, stale: at - STALE_CLAIM_MS };
    await db.sequelize.query('INSERT INTO alert_runs (county_id, day, claimed_by, claimed_at) VALUES (:county, :day, :me, :at) ON CONFLICT (county_id, day) DO NOTHING', { replacements: key });
    // an unfinished claim gone stale is taken over
    await db.sequelize.query('UPDATE alert_runs SET claimed_by = :me, claimed_at = :at WHERE county_id = :county AND day = :day AND finished_at IS NULL AND claimed_at < :stale', { replacements: key });
    const [row] = await db.sequelize.query<{ claimed_by: string; claimed_at: unknown; finished_at: unknown }>('SELECT claimed_by, claimed_at, finished_at FROM alert_runs WHERE county_id = :county AND day = :day', { replacements: key, type: QueryTypes.SELECT });
    return row !== undefined && row.claimed_by === processId && Number(row.claimed_at) === at && row.finished_at === null;
  }

  /**
   * The days of a county to run at `lastDue`, oldest first: those after its last run (at most
   * CATCH_UP_DAYS back), or just `lastDue` for a county that never ran.
   */
  async function dueDays(county: string, lastDue: number): Promise<number[]> {
    const [row] = await db.sequelize.query<{ day: string | null }>('SELECT MAX(day) AS day FROM alert_runs WHERE county_id = :county', { replacements: { county }, type: QueryTypes.SELECT });
    const last = row?.day ? Math.round(Date.parse(`${row.day}T00:00:00Z`) / DAY_MS) : lastDue - 1;
    const days: number[] = [];
    for (let d = Math.max(last + 1, lastDue - CATCH_UP_DAYS + 1); d <= lastDue; d++) days.push(d);
    return days;
  }

  async function runDue(at: number = opts.now()): Promise<AberrationRunSummary> {
    const summary: AberrationRunSummary = { ran: [], skipped: 0 };
    const counties = await db.models.County.findAll({ attributes: ['id'], raw: true });
    for (const { id: county } of counties) {
      try {
        const active = await opts.configs.active(county);
        const plan = active ? aberrationPlan(active.compiled.config) : null;
        if (!active || !plan) continue;
        const tz = active.compiled.timeZone;
        const wall = at + offsetAt(at, tz);
        const today = Math.floor(wall / DAY_MS);
        // the day before is judged once runAt has passed today
        const lastDue = wall - today * DAY_MS >= plan.runAtMinutes * 60_000 ? today - 1 : today - 2;
        for (const day of await dueDays(county, lastDue)) {
          if (!(await claim(county, isoDay(day), at))) {
            summary.skipped++;
            continue;
          }
          const alerts = await runAberration({ db, countyId: county, compiled: active.compiled, configVersion: active.version, day, now: at });
          await db.sequelize.query('UPDATE alert_runs SET finished_at = :at, alerts = :alerts WHERE county_id = :county AND day = :day AND claimed_by = :me', { replacements: { at, alerts, county, day: isoDay(day), me: processId } });
          summary.ran.push({ county, day: isoDay(day), alerts });
          if (alerts > 0) logger.info({ county, day: isoDay(day), alerts }, 'aberration alerts raised');
        }
      } catch (err) {
        logger.error({ err, county }, 'aberration run failed; retried at the next poll');
      }
    }
    return summary;
  }

  const loop = createPollLoop({ name: 'aberration', intervalMs: opts.intervalMs ?? 60_000, logger, tick: () => runDue() });
  return { runDue, start: loop.start, stop: loop.stop };
}
