/**
 * Moving an event through its workflow: one action by one actor, checked by the engine, applied
 * with its SLA clock effects, timers, audit entry, notifications and the facts it settles for the
 * assessment in ONE transaction, under an
 * optimistic version check (a client acting on a stale view gets 409, never a lost update).
 */
import type { Transaction } from 'sequelize';
import { applyClockEffects, transition, transitionFacts, type Actor, type CompiledConfig, type SlaClockName, type TransitionInput, type TransitionOutcome } from '../../engine/index';
import type { ConfigRepository } from '../db/config-repository';
import type { Database } from '../db/open-database';
import { ConflictError, NotFoundError } from '../http/errors';
import type { Metrics } from '../metrics/metrics';
import { DEFAULT_CHANNELS, assignedMessage, notificationDrafts } from '../outbox/messages';
import { eventStateOf, isTerminal, slaPlanOf, type EventAttributes } from './event-record';
import { appendHistory, cancelTimers, enqueueOutbox, replaceClockTimers } from './event-writes';
import { recordFacts } from '../assessment/fact-writes';

export interface ApplyActionOptions {
  db: Database;
  t: Transaction;
  compiled: CompiledConfig;
  /** The event as read inside `t` (locked on PostgreSQL). */
  row: EventAttributes;
  action: string;
  actor: Actor;
  input?: TransitionInput;
  now: number;
  /** Extra audit detail, e.g. the timer that triggered an automatic escalation. */
  detail?: Record<string, unknown>;
}

/**
 * Applies one workflow action inside the caller's transaction. Throws WorkflowError (before any
 * write) when the workflow forbids it, and ConflictError when the row changed since it was read.
 */
export async function applyAction(opts: ApplyActionOptions): Promise<{ row: EventAttributes; outcome: TransitionOutcome }> {
  const { db, t, compiled, row, actor, now } = opts;
  const outcome = transition(compiled, { state: eventStateOf(row), action: opts.action, actor, now, input: opts.input });
  const sla = applyClockEffects(compiled, slaPlanOf(row), outcome.effects, now);
  const next: EventAttributes = {
    ...row,
    state: outcome.to,
    handlingUnit: outcome.state.handlingUnit,
    dispatcher: outcome.state.dispatcher,
    assist: outcome.state.assist,
    closed: isTerminal(compiled, outcome.to),
    sla: sla as unknown as Record<string, unknown>,
    version: row.version + 1,
    updatedAt: new Date(now),
  };
  const [updated] = await db.models.Event.update(
    { state: next.state, handlingUnit: next.handlingUnit, dispatcher: next.dispatcher, assist: next.assist, closed: next.closed, sla: next.sla, version: next.version, updatedAt: next.updatedAt },
    { where: { countyId: row.countyId, id: row.id, version: row.version }, transaction: t },
  );
  if (updated !== 1) throw staleVersion(row.id);

  const ids = { countyId: row.countyId, eventId: row.id };
  if (next.closed) {
    await cancelTimers(db, t, ids);
  } else {
    const clocks = [...new Set(outcome.effects.map((e) => e.clock))] as SlaClockName[];
    await replaceClockTimers(db, t, { ...ids, clocks, timers: sla.timers, now });
  }
  await appendHistory(db, t, [
    { ...ids, at: now, actor, action: opts.action, from: outcome.from, to: outcome.to, detail: { ...(opts.input ? { input: opts.input } : {}), effects: outcome.effects, ...opts.detail } },
  ]);
  const facts = transitionFacts({ workflow: compiled.config.workflow, before: { ...row, sla: slaPlanOf(row) }, after: { ...next, sla }, actor, now });
  await recordFacts(db, t, { event: row, facts, now });
  if (next.handlingUnit !== null && next.handlingUnit !== row.handlingUnit && !next.closed) {
    const categoryName = compiled.category(row.category)?.minor.name ?? { zh: row.category, en: row.category };
    await enqueueOutbox(
      db,
      t,
      notificationDrafts({ ...ids, unit: next.handlingUnit, channels: DEFAULT_CHANNELS, type: 'assigned', at: now, message: assignedMessage({ categoryName, level: row.level, action: opts.action }), detail: { category: row.category, level: row.level, action: opts.action } }),
      now,
    );
  }
  return { row: next, outcome };
}

/** Reads an event inside a transaction, locking its row on PostgreSQL. */
export async function loadEventForUpdate(db: Database, t: Transaction, opts: { countyId: string; eventId: string }): Promise<EventAttributes | null> {
  const row = await db.models.Event.findOne({
    where: { countyId: opts.countyId, id: opts.eventId },
    transaction: t,
    ...(db.dialect === 'postgres' ? { lock: t.LOCK.UPDATE } : {}),
  });
  return row ? row.get({ plain: true }) : null;
}

export interface ActOnEventOptions {
  db: Database;
  configs: ConfigRepository;
  countyId: string;
  eventId: string;
  action: string;
  actor: Actor;
  /** The `version` the client last saw; a different current version is a 409. */
  expectedVersion?: number;
  input?: TransitionInput;
  now: number;
  metrics?: Metrics;
  /** Extra audit detail, e.g. the attachment references of a resolution's result photos. */
  detail?: Record<string, unknown>;
}

export async function actOnEvent(opts: ActOnEventOptions): Promise<{ event: EventAttributes; outcome: TransitionOutcome }> {
  const { db, countyId, eventId } = opts;
  const current = await db.models.Event.findOne({ where: { countyId, id: eventId }, attributes: ['configVersion'] });
  if (!current) throw new NotFoundError(`event "${eventId}" not found`);
  const compiled = await opts.configs.compiled(countyId, current.configVersion);
  const result = await db.transaction(async (t) => {
    const row = await loadEventForUpdate(db, t, { countyId, eventId });
    if (!row) throw new NotFoundError(`event "${eventId}" not found`);
    if (opts.expectedVersion !== undefined && row.version !== opts.expectedVersion) throw staleVersion(eventId, row.version);
    return applyAction({ db, t, compiled, row, action: opts.action, actor: opts.actor, input: opts.input, now: opts.now, detail: opts.detail });
  });
  opts.metrics?.transitions.inc({ county: countyId, action: opts.action });
  return { event: result.row, outcome: result.outcome };
}

function staleVersion(eventId: string, current?: number): ConflictError {
  return new ConflictError('stale-version', `event "${eventId}" has changed since you read it${current === undefined ? '' : ` (now version ${current})`}; reload and try again`, { field: 'version' });
}
