/**
 * The outbox delivery loop. Messages are written in the same transaction as the change that
 * caused them and delivered afterwards, at least once:
 * 1. claim: one guarded UPDATE moves a due message to `sending` with a lease
 *    (`next_attempt_at = now + lease`); only one process wins it;
 * 2. deliver over its channel, outside any transaction (no lock held during network I/O);
 * 3. record `sent`, or `pending` again with exponential backoff and `last_error`, or `failed`
 *    after the last attempt. A process that dies in step 2 leaves a lease that expires, and the
 *    message is claimed again.
 */
import type { Logger } from 'pino';
import { Op, QueryTypes } from 'sequelize';
import type { OutboxMessage } from '../db/models';
import type { Database } from '../db/open-database';
import type { Metrics } from '../metrics/metrics';
import { createPollLoop } from '../poll-loop';
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

export function createOutboxDelivery(opts: OutboxDeliveryOptions): OutboxDelivery {
  const { db, logger } = opts;
  const { Outbox } = db.models;
  const batchSize = opts.batchSize ?? 50;
  const maxAttempts = opts.maxAttempts ?? 8;
  const baseDelayMs = opts.baseDelayMs ?? 5_000;
  const maxDelayMs = opts.maxDelayMs ?? 3_600_000;
  const leaseMs = opts.leaseMs ?? 60_000;
  const concurrency = opts.concurrency ?? 8;

  /**
   * Claims due messages in ONE statement (UPDATE … RETURNING): only the rows still pending (or
   * whose lease ran out) come back, so two processes never deliver the same claim.
   */
  async function claim(due: OutboxMessage[], at: number): Promise<Set<string>> {
    if (due.length === 0) return new Set();
    const uuid = db.dialect === 'postgres' ? '::uuid' : '';
    const keys = due.map((m) => `(${db.sequelize.escape(m.countyId)}, ${db.sequelize.escape(m.id)}${uuid})`).join(', ');
    const rows = await db.sequelize.query<{ county_id: string; id: string }>(
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = :lease
       WHERE (county_id, id) IN (VALUES ${keys}) AND status IN ('pending', 'sending') AND next_attempt_at <= :at
       RETURNING county_id, id`,
      { replacements: { lease: new Date(at + leaseMs), at: new Date(at) }, type: QueryTypes.SELECT },
    );
    return new Set(rows.map((r) => `${r.county_id}\u0000${r.id}`));
  }

  async function deliverOne(message: OutboxMessage, attempt: number, at: number, summary: DeliverySummary): Promise<string | null> {
    const where = { countyId: message.countyId, id: message.id };
    const channel = opts.channels.resolve(message.channel);
    try {
      await channel.deliver({ id: message.id, countyId: message.countyId, eventId: message.eventId, channel: message.channel, targetUnit: message.targetUnit, payload: message.payload, attempt });
      summary.sent++;
      opts.metrics?.outboxDelivered.inc({ channel: message.channel, outcome: 'sent' });
      return message.id;
    } catch (err) {
      const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      const failed = attempt >= maxAttempts;
      await Outbox.update(
        { status: failed ? 'failed' : 'pending', lastError, nextAttemptAt: new Date(at + backoffDelay(attempt, baseDelayMs, maxDelayMs)) },
        { where: { ...where, status: 'sending' } },
      );
      if (failed) {
        summary.failed++;
        logger.error({ outbox: message.id, channel: message.channel, attempts: attempt, lastError }, 'notification failed for good');
      } else {
        summary.retrying++;
        logger.warn({ outbox: message.id, channel: message.channel, attempt, lastError }, 'notification failed; will retry');
      }
      opts.metrics?.outboxDelivered.inc({ channel: message.channel, outcome: failed ? 'failed' : 'retry' });
      return null;
    }
  }

  async function deliverDue(at: number = opts.now()): Promise<DeliverySummary> {
    const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = await Outbox.findAll({
        where: { status: { [Op.in]: ['pending', 'sending'] }, nextAttemptAt: { [Op.lte]: new Date(at) } },
        order: [['nextAttemptAt', 'ASC'], ['id', 'ASC']],
        limit: batchSize,
      });
      const claimedKeys = await claim(due, at);
      const claimed = due.filter((m) => claimedKeys.has(`${m.countyId}\u0000${m.id}`));
      const sent: OutboxMessage[] = [];
      let next = 0;
      const worker = async () => {
        while (next < claimed.length) {
          const message = claimed[next++];
          if (await deliverOne(message, message.attempts + 1, at, summary)) sent.push(message);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
      // one statement marks every delivered message sent
      if (sent.length > 0) {
        await Outbox.update(
          { status: 'sent', sentAt: new Date(opts.now()), lastError: null },
          { where: { [Op.or]: sent.map((m) => ({ countyId: m.countyId, id: m.id })), status: 'sending' } },
        );
      }
      // A full batch may mean more are waiting; an all-taken batch means other processes have them.
      if (due.length < batchSize || claimed.length === 0) break;
    }
    return summary;
  }

  const loop = createPollLoop({ name: 'outbox', intervalMs: opts.intervalMs ?? 1000, logger, tick: () => deliverDue() });
  return { deliverDue, start: loop.start, stop: loop.stop };
}
