/**
 * The SLA timer scheduler: polls the timers table for due timers and fires each in ONE
 * transaction together with its effect, so a timer takes effect exactly once across processes
 * and crashes:
 * - the transaction first flips the timer from `pending` to `fired` under a guard
 *   (`WHERE status = 'pending'`); a process that loses the race updates nothing and moves on;
 * - on PostgreSQL the event row and then the timer row are selected `FOR UPDATE SKIP LOCKED`, so
 *   several processes share the due timers without waiting on each other (or on a user's action);
 * - a crash before commit rolls back both the flip and the effect: the timer fires again later.
 * The clock is injected; tests drive `runDueTimers(now)` directly.
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { Op } from 'sequelize';
import type { ConfigRepository } from '../db/config-repository';
import type { Database } from '../db/open-database';
import type { Metrics } from '../metrics/metrics';
import { createPollLoop } from '../poll-loop';
import { fireTimer, type TimerOutcome } from './fire-timer';

/** After this many failed attempts a timer is set aside as `failed` (and logged) instead of retried forever. */
export const TIMER_MAX_ATTEMPTS = 5;

export interface SchedulerOptions {
  db: Database;
  configs: ConfigRepository;
  logger: Logger;
  now: () => number;
  metrics?: Metrics;
  /** Due timers fetched per query (default 100). */
  batchSize?: number;
  /** Poll interval (default 1 s). */
  intervalMs?: number;
  /** Names this process in `claimed_by` (default host:pid). */
  processId?: string;
}

export interface TimerRunSummary {
  fired: number;
  /** Claimed by another process (or already handled) between the scan and the claim. */
  skipped: number;
  failed: number;
  outcomes: Partial<Record<TimerOutcome, number>>;
}

export interface Scheduler {
  /** Fires every timer due at `at` (default: the injected clock's now) and returns what happened. */
  runDueTimers(at?: number): Promise<TimerRunSummary>;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { db, logger } = opts;
  const { Timer } = db.models;
  const batchSize = opts.batchSize ?? 100;
  const processId = opts.processId ?? `${hostname()}:${process.pid}`;

  async function fireOne(key: { countyId: string; id: string }, at: number): Promise<{ kind: string; outcome: TimerOutcome } | 'skipped'> {
    return db.transaction(async (t) => {
      const pg = db.dialect === 'postgres';
      const found = await Timer.findOne({ where: { countyId: key.countyId, id: key.id, status: 'pending' }, attributes: ['eventId'], transaction: t });
      if (!found) return 'skipped';
      if (pg) {
        // Lock order everywhere is event, then its timers (actions lock the event before rewriting
        // timers), so a scheduler and an action never deadlock. A locked event is skipped now and
        // retried at the next poll.
        const event = await db.models.Event.findOne({ where: { countyId: key.countyId, id: found.eventId }, attributes: ['id'], transaction: t, lock: t.LOCK.UPDATE, skipLocked: true });
        if (!event && (await db.models.Event.count({ where: { countyId: key.countyId, id: found.eventId }, transaction: t })) > 0) return 'skipped';
      }
      const timer = await Timer.findOne({
        where: { countyId: key.countyId, id: key.id, status: 'pending' },
        transaction: t,
        ...(pg ? { lock: t.LOCK.UPDATE, skipLocked: true } : {}),
      });
      if (!timer) return 'skipped';
      const [claimed] = await Timer.update(
        { status: 'fired', claimedBy: processId, claimedAt: new Date(at), attempts: timer.attempts + 1 },
        { where: { countyId: key.countyId, id: key.id, status: 'pending' }, transaction: t },
      );
      if (claimed !== 1) return 'skipped';
      const outcome = await fireTimer({
        db,
        t,
        timer,
        now: at,
        compiledFor: (event) => opts.configs.compiled(event.countyId, event.configVersion),
      });
      if (outcome === 'obsolete') await Timer.update({ status: 'cancelled' }, { where: { countyId: key.countyId, id: key.id }, transaction: t });
      return { kind: timer.kind, outcome };
    });
  }

  async function recordFailure(key: { countyId: string; id: string }, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    await db.transaction(async (t) => {
      const timer = await Timer.findOne({ where: { countyId: key.countyId, id: key.id, status: 'pending' }, transaction: t });
      if (!timer) return;
      const attempts = timer.attempts + 1;
      await Timer.update(
        { attempts, lastError: message.slice(0, 2000), status: attempts >= TIMER_MAX_ATTEMPTS ? 'failed' : 'pending' },
        { where: { countyId: key.countyId, id: key.id, status: 'pending' }, transaction: t },
      );
      if (attempts >= TIMER_MAX_ATTEMPTS) logger.error({ err, timer: key }, 'timer failed for good');
    });
  }

  async function runDueTimers(at: number = opts.now()): Promise<TimerRunSummary> {
    const summary: TimerRunSummary = { fired: 0, skipped: 0, failed: 0, outcomes: {} };
    const failedNow = new Set<string>();
    for (;;) {
      const limit = batchSize + failedNow.size;
      const due = await Timer.findAll({
        attributes: ['countyId', 'id'],
        where: { status: 'pending', dueAt: { [Op.lte]: new Date(at) } },
        order: [['dueAt', 'ASC'], ['id', 'ASC']],
        limit,
        raw: true,
      });
      const batch = due.filter((k) => !failedNow.has(`${k.countyId}/${k.id}`));
      let progressed = false;
      for (const key of batch) {
        try {
          const result = await fireOne(key, at);
          if (result === 'skipped') {
            summary.skipped++;
            continue;
          }
          progressed = true;
          summary.fired++;
          summary.outcomes[result.outcome] = (summary.outcomes[result.outcome] ?? 0) + 1;
          opts.metrics?.timersFired.inc({ kind: result.kind, outcome: result.outcome });
        } catch (err) {
          summary.failed++;
          failedNow.add(`${key.countyId}/${key.id}`);
          logger.warn({ err, timer: key }, 'timer could not fire; will retry');
          opts.metrics?.timersFired.inc({ kind: 'unknown', outcome: 'error' });
          await recordFailure(key, err).catch((e: unknown) => logger.error({ err: e }, 'could not record timer failure'));
        }
      }
      // Done when the scan came back short; also when a full batch was all taken by other
      // processes (rescanning at once would only find the rows they still hold).
      if (due.length < limit || !progressed) break;
    }
    return summary;
  }

  const loop = createPollLoop({ name: 'timers', intervalMs: opts.intervalMs ?? 1000, logger, tick: () => runDueTimers() });
  return { runDueTimers, start: loop.start, stop: loop.stop };
}
