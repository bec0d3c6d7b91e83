/**
 * The writes that accompany every change of an event, always inside the caller's transaction:
 * its audit entry, its timers and its outbox messages. The event row itself is written by the
 * caller (intake inserts it; actions update it under a version guard that also serialises
 * concurrent writers of one event, which makes `seq` below safe). Audit entries are linked into
 * the county's event-history hash chain (runtime/audit/history-chain.ts).
 */
import type { Transaction } from 'sequelize';
import type { SlaClockName, SlaTimer } from '../../engine/index';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { chainHistoryInTransaction } from '../audit/history-chain';

export interface HistoryEntry {
  countyId: string;
  eventId: string;
  at: number;
  actor: { id: string; role: string };
  action: string;
  from: string | null;
  to: string | null;
  ruleId?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends audit entries to an event's history, numbering them after the last one. */
export async function appendHistory(db: Database, t: Transaction, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { countyId, eventId } = entries[0];
  const last = (await db.models.EventHistory.max('seq', { where: { countyId, eventId }, transaction: t })) as number | null;
  let seq = last ?? 0;
  const rows = entries.map((e) => ({
    countyId: e.countyId,
    eventId: e.eventId,
    seq: ++seq,
    at: new Date(e.at),
    actorId: e.actor.id,
    actorRole: e.actor.role,
    action: e.action,
    fromState: e.from,
    toState: e.to,
    ruleId: e.ruleId ?? null,
    detail: e.detail ?? {},
  }));
  await chainHistoryInTransaction(db, t, countyId, rows);
  await db.models.EventHistory.bulkCreate(rows, { transaction: t });
}

/** Inserts pending timers for the planned SLA timers. */
export async function insertTimers(db: Database, t: Transaction, opts: { countyId: string; eventId: string; timers: readonly SlaTimer[]; now: number }): Promise<void> {
  if (opts.timers.length === 0) return;
  await db.models.Timer.bulkCreate(
    opts.timers.map((timer) => ({
      countyId: opts.countyId,
      id: newId(opts.now),
      eventId: opts.eventId,
      kind: timer.kind,
      clock: timer.of,
      dueAt: new Date(timer.at),
      status: 'pending' as const,
      channels: [...timer.channels],
      createdAt: new Date(opts.now),
    })),
    { transaction: t },
  );
}

/**
 * Replaces the pending timers of the given clocks by those the new plan has for them. Only the
 * clocks a transition touched are rewritten: the others keep their pending timers, and timers
 * that already fired are never planned twice.
 */
export async function replaceClockTimers(
  db: Database,
  t: Transaction,
  opts: { countyId: string; eventId: string; clocks: readonly SlaClockName[]; timers: readonly SlaTimer[]; now: number },
): Promise<void> {
  if (opts.clocks.length === 0) return;
  await db.models.Timer.update(
    { status: 'cancelled' },
    { where: { countyId: opts.countyId, eventId: opts.eventId, status: 'pending', clock: [...opts.clocks] }, transaction: t },
  );
  await insertTimers(db, t, { ...opts, timers: opts.timers.filter((timer) => opts.clocks.includes(timer.of)) });
}

/** Cancels every pending timer of an event (it reached a terminal state). */
export async function cancelTimers(db: Database, t: Transaction, opts: { countyId: string; eventId: string }): Promise<void> {
  await db.models.Timer.update({ status: 'cancelled' }, { where: { countyId: opts.countyId, eventId: opts.eventId, status: 'pending' }, transaction: t });
}

export interface OutboxDraft {
  countyId: string;
  eventId: string | null;
  channel: string;
  targetUnit: string | null;
  payload: Record<string, unknown>;
}

/** Queues notifications; the outbox loop delivers them after the transaction commits. */
export async function enqueueOutbox(db: Database, t: Transaction, drafts: readonly OutboxDraft[], now: number): Promise<void> {
  if (drafts.length === 0) return;
  await db.models.Outbox.bulkCreate(
    drafts.map((d) => ({ ...d, id: newId(now), status: 'pending' as const, nextAttemptAt: new Date(now), createdAt: new Date(now) })),
    { transaction: t },
  );
}
