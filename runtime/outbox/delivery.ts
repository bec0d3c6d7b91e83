/**
 * The outbox delivery loop. Messages are written in the same transaction as the change that
 * caused them and delivered afterwards, at least once:
 * 1. claim a batch of due messages, oldest first:
 *    - PostgreSQL (several processes): ONE statement (UPDATE … WHERE key IN (SELECT … LIMIT n
 *      FOR UPDATE SKIP LOCKED) RETURNING) moves the batch to `sending` with a lease
 *      (`next_attempt_at = now + lease`), so processes take disjoint batches; a process that dies
 *      while delivering leaves a lease that expires, and the message is claimed again;
 *    - SQLite (one process): a read on the read-only connection, and the claim is kept in this
 *      process's memory until the outcome is written. Nothing is written to claim, so delivery
 *      never holds up intake's writes; a process that dies while delivering left the message
 *      `pending`, and it is delivered again after the restart;
 * 2. deliver over its channel, outside any transaction (no lock held during network I/O);
 * 3. record `sent`, or `pending` again with exponential backoff and `last_error`, or `failed`
 *    after the last attempt, with the number of attempts. On SQLite these writes join intake's
 *    pipelined scripts (they only write).
 */
import type { Logger } from 'pino';
import type { Database } from '../db/open-database';
import { sqlDate, storedJson } from '../db/raw-sql';
import type { Metrics } from '../metrics/metrics';
import { createPollLoop } from '../poll-loop';
import type { SqliteReader } from '../db/sqlite-reader';
import type { ChannelRegistry } from './channels';

export interface OutboxDeliveryOptions {
  db: Database;
  channels: ChannelRegistry;
  logger: Logger;
  now: () => number;
  metrics?: Metrics;
  batchSize?: number;
  intervalMs?: number;
  /** Attempts before a message is set aside as `failed` (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxDelayMs` (defaults 5 s and 1 h). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim lasts before another process may retry the message (default 60 s). */
  leaseMs?: number;
  /** Deliveries in flight at once (default 8). */
  concurrency?: number;
}

/** Batches per `deliverDue` call, so one call cannot run forever under a flood. */
const MAX_ROUNDS = 20;

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
}

export interface OutboxDelivery {
  deliverDue(at?: number): Promise<DeliverySummary>;
  start(): void;
  stop(): Promise<void>;
}

/** The delay before retry number `attempt` (1-based): base · 2^(attempt−1), capped. */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** A claimed message, as the claim returns it. */
interface Claimed {
  countyId: string;
  id: string;
  eventId: string | null;
  channel: string;
  targetUnit: string | null;
  payload: Record<string, unknown>;
  /** Attempts including this one. */
  attempts: number;
}

interface ClaimedRow {
  county_id: string;
  id: string;
  event_id: string | null;
  channel: string;
  target_unit: string | null;
  payload: string | Record<string, unknown>;
  attempts: number | string;
}

/**
 * SQLite claims, per database, shared by every delivery loop on it in this process: the
 * `county \0 id` of the messages being delivered, and the claim read in progress.
 */
interface Claims {
  delivering: Set<string>;
  reading: Promise<unknown>;
}

const claimsByDb = new WeakMap<Database, Claims>();

function claimsIn(db: Database): Claims {
  let claims = claimsByDb.get(db);
  if (!claims) claimsByDb.set(db, (claims = { delivering: new Set(), reading: Promise.resolve() }));
  return claims;
}

function toClaimed(r: ClaimedRow, attempts: number): Claimed {
  return {
    countyId: r.county_id,
    id: r.id,
    eventId: r.event_id,
    channel: r.channel,
    targetUnit: r.target_unit,
    payload: storedJson<Record<string, unknown>>(r.payload),
    attempts,
  };
}

export function createOutboxDelivery(opts: OutboxDeliveryOptions): OutboxDelivery {
  const { db, logger } = opts;
  const batchSize = opts.batchSize ?? 200;
  const maxAttempts = opts.maxAttempts ?? 8;
  const baseDelayMs = opts.baseDelayMs ?? 5_000;
  const maxDelayMs = opts.maxDelayMs ?? 3_600_000;
  const leaseMs = opts.leaseMs ?? 60_000;
  const concurrency = opts.concurrency ?? 8;
  const date = (ms: number) => sqlDate(db.dialect, ms);
  const skipLocked = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';

  /** Claims up to `batchSize` due messages, oldest first. */
  function claim(at: number): Promise<Claimed[]> {
    return db.reader ? claimInMemory(db.reader, at) : claimWithLease(at);
  }

  /** PostgreSQL: one statement takes the batch with a lease (see the file's comment). */
  async function claimWithLease(at: number): Promise<Claimed[]> {
    const rows = await db.writeBatch((sql) =>
      sql.all<ClaimedRow>(
        `UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?
         WHERE (county_id, id) IN (
           SELECT county_id, id FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?
           ORDER BY next_attempt_at, id LIMIT ${batchSize}${skipLocked})
         RETURNING county_id, id, event_id, channel, target_unit, payload, attempts`,
        [date(at + leaseMs), date(at)],
      ),
    );
    return rows.map((r) => toClaimed(r, Number(r.attempts)));
  }

  /**
   * SQLite: the due messages not already being delivered by this process, read without a write;
   * they stay claimed (in `delivering`) until their outcome is written and committed.
   */
  function claimInMemory(reader: SqliteReader, at: number): Promise<Claimed[]> {
    const state = claimsIn(db);
    // one claim read at a time, so each one skips what the one before took
    const run = state.reading.then(async () => {
      const rows = await reader.all<ClaimedRow>(
        `SELECT county_id, id, event_id, channel, target_unit, payload, attempts FROM outbox
         WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
        [date(at), batchSize + state.delivering.size],
      );
      const batch: Claimed[] = [];
      for (const r of rows) {
        const key = `${r.county_id}\u0000${r.id}`;
        if (state.delivering.has(key) || batch.length >= batchSize) continue;
        let message: Claimed;
        try {
          message = toClaimed(r, Number(r.attempts) + 1);
        } catch (err) {
          logger.error({ err, outbox: r.id }, 'notification payload is not JSON; skipped');
          continue;
        }
        state.delivering.add(key);
        batch.push(message);
      }
      return batch;
    });
    state.reading = run.catch(() => undefined);
    return run;
  }

  /**
   * Ends this process's claim on messages whose outcome is committed (SQLite), once the claim read
   * under way (if any) is done: that read may have begun before the commit, and would see the
   * messages still pending and claim them again (a second delivery). Reads queued behind it begin
   * after the commit and see them sent.
   */
  function release(messages: readonly Claimed[]): void {
    if (!db.reader) return;
    const state = claimsIn(db);
    state.reading = state.reading.then(() => {
      for (const m of messages) state.delivering.delete(`${m.countyId}\u0000${m.id}`);
    });
  }

  /**
   * An outcome could not be written: SQLite keeps the claim for a lease's length, as PostgreSQL's
   * lease does, so a database that refuses writes does not get the same messages sent every tick.
   */
  function hold(messages: readonly Claimed[], err: unknown): void {
    logger.error({ err, messages: messages.length }, 'could not record notification outcomes; they will be delivered again');
    if (!db.reader || messages.length === 0) return;
    setTimeout(() => release(messages), leaseMs).unref();
  }

  /**
   * The guard of an outcome write: the message is still as this claim left it (same number of
   * attempts, not settled), so a late outcome of an expired lease cannot overwrite a newer one.
   * The row's attempts: PostgreSQL counted this one at the claim, SQLite counts it now.
   */
  const storedAttempts = (m: Claimed) => (db.reader ? m.attempts - 1 : m.attempts);

  /**
   * Delivers one message: 'sent' (its outcome is written with the batch's), 'settled' (a failure,
   * written: retry later or failed for good) or 'held' (a failure that could not be written).
   */
  async function deliverOne(message: Claimed, at: number, summary: DeliverySummary): Promise<'sent' | 'settled' | 'held'> {
    const attempt = message.attempts;
    try {
      const channel = opts.channels.resolve(message.channel);
      await channel.deliver({ id: message.id, countyId: message.countyId, eventId: message.eventId, channel: message.channel, targetUnit: message.targetUnit, payload: message.payload, attempt });
      summary.sent++;
      opts.metrics?.outboxDelivered.inc({ channel: message.channel, outcome: 'sent' });
      return 'sent';
    } catch (err) {
      const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      const failed = attempt >= maxAttempts;
      try {
        await db.writeBatch(
          (sql) =>
            sql.run(`UPDATE outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE county_id = ? AND id = ? AND status IN ('pending', 'sending') AND attempts = ?`, [
              failed ? 'failed' : 'pending', attempt, lastError, date(at + backoffDelay(attempt, baseDelayMs, maxDelayMs)), message.countyId, message.id, storedAttempts(message),
            ]),
          { pipelined: true },
        );
      } catch (writeError) {
        hold([message], writeError);
        return 'held';
      }
      release([message]);
      if (failed) {
        summary.failed++;
        logger.error({ outbox: message.id, channel: message.channel, attempts: attempt, lastError }, 'notification failed for good');
      } else {
        summary.retrying++;
        logger.warn({ outbox: message.id, channel: message.channel, attempt, lastError }, 'notification failed; will retry');
      }
      opts.metrics?.outboxDelivered.inc({ channel: message.channel, outcome: failed ? 'failed' : 'retry' });
      return 'settled';
    }
  }

  /** One statement per county (and number of attempts) marks delivered messages sent. */
  async function markSent(sent: readonly Claimed[]): Promise<void> {
    const groups = new Map<string, { countyId: string; attempts: number; stored: number; ids: string[] }>();
    for (const m of sent) {
      const key = `${m.countyId}\u0000${m.attempts}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { countyId: m.countyId, attempts: m.attempts, stored: storedAttempts(m), ids: [] }));
      group.ids.push(m.id);
    }
    const sentAt = date(opts.now());
    try {
      await db.writeBatch(
        async (sql) => {
          for (const { countyId, attempts, stored, ids } of groups.values()) {
            await sql.run(
              `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = ?, last_error = NULL WHERE county_id = ? AND id IN (${ids.map(() => '?').join(', ')}) AND status IN ('pending', 'sending') AND attempts = ?`,
              [sentAt, attempts, countyId, ...ids, stored],
            );
          }
        },
        { pipelined: true },
      );
    } catch (err) {
      hold(sent, err);
      return;
    }
    release(sent);
  }

  async function deliverDue(at: number = opts.now()): Promise<DeliverySummary> {
    const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const claimed = await claim(at);
      const sent: Claimed[] = [];
      let next = 0;
      // deliverOne never throws: every worker runs to its end before the outcomes are written
      const worker = async () => {
        while (next < claimed.length) {
          const message = claimed[next++];
          if ((await deliverOne(message, at, summary)) === 'sent') sent.push(message);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
      if (sent.length > 0) await markSent(sent);
      // a full batch may mean more are waiting
      if (claimed.length < batchSize) break;
    }
    return summary;
  }

  const loop = createPollLoop({ name: 'outbox', intervalMs: opts.intervalMs ?? 1000, logger, tick: () => deliverDue() });
  return { deliverDue, start: loop.start, stop: loop.stop };
}
