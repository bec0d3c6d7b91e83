/**
 * What a due SLA timer does, inside the transaction that also marks it fired:
 * - reminder: notifications to the handling unit on the reminder's channels;
 * - breach: the event turns red, a supervision ticket goes to the handling unit, an audit entry
 *   and notifications (each as the SLA policy says), and the missed deadline is counted for the
 *   assessment;
 * - auto-escalate (after the accept or the resolve deadline): the workflow's `escalate` action
 *   by the `system` actor, its history entry naming the missed deadline; when the workflow
 *   refuses (no higher tier, a state that cannot escalate) the refusal is recorded and the timer
 *   is done.
 * A timer whose clock no longer runs (stopped, paused, restarted) or whose event is finished does
 * nothing.
 */
import type { Transaction } from 'sequelize';
import { breachFacts, WorkflowError, type CompiledConfig, type SlaClockName } from '../../engine/index';
import type { TimerRow } from '../db/models';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { applyAction, loadEventForUpdate } from '../events/act-on-event';
import { SYSTEM_ACTOR, slaPlanOf, type EventAttributes } from '../events/event-record';
import { appendHistory, enqueueOutbox } from '../events/event-writes';
import { DEFAULT_CHANNELS, breachMessage, notificationDrafts, reminderMessage } from '../outbox/messages';
import { recordFacts } from '../assessment/fact-writes';

export type TimerOutcome = 'reminded' | 'breached' | 'escalated' | 'escalation-refused' | 'obsolete';

export interface FireTimerOptions {
  db: Database;
  t: Transaction;
  timer: Pick<TimerRow, 'countyId' | 'id' | 'eventId' | 'kind' | 'clock' | 'dueAt' | 'channels'>;
  /** The compiled config of the event's version. */
  compiledFor: (event: EventAttributes) => Promise<CompiledConfig>;
  now: number;
}

export async function fireTimer(opts: FireTimerOptions): Promise<TimerOutcome> {
  const { db, t, timer, now } = opts;
  const event = await loadEventForUpdate(db, t, { countyId: timer.countyId, eventId: timer.eventId });
  if (!event || event.closed) return 'obsolete';
  const clock = slaPlanOf(event).clocks[timer.clock as SlaClockName];
  // Timers are rewritten whenever a clock changes; this guards against any that were not.
  if (!clock || clock.dueAt === null || clock.stoppedAt !== undefined) return 'obsolete';
  const compiled = await opts.compiledFor(event);
  const ids = { countyId: event.countyId, eventId: event.id };
  const unit = event.handlingUnit ?? event.dispatcher;

  switch (timer.kind) {
    case 'reminder': {
      await enqueueOutbox(db, t, notificationDrafts({ ...ids, unit, channels: timer.channels, type: 'reminder', at: now, message: reminderMessage({ clock: timer.clock, dueAt: clock.dueAt }), detail: { clock: timer.clock, dueAt: new Date(clock.dueAt).toISOString() } }), now);
      return 'reminded';
    }
    case 'breach': {
      const policy = compiled.policies.get(slaPlanOf(event).policy);
      const turnRed = policy?.breach.turnRed ?? true;
      const ticket = policy?.breach.supervisionTicket ?? false;
      let ticketId: string | null = null;
      if (ticket) {
        ticketId = newId(now);
        await db.models.SupervisionTicket.create(
          { countyId: event.countyId, id: ticketId, eventId: event.id, unit, issuedAt: new Date(now), reason: `${timer.clock} deadline ${new Date(clock.dueAt).toISOString()} missed`, timerId: timer.id },
          { transaction: t },
        );
      }
      if (turnRed && !event.red) {
        await db.models.Event.update({ red: true, version: event.version + 1, updatedAt: new Date(now) }, { where: { countyId: event.countyId, id: event.id, version: event.version }, transaction: t });
      }
      await appendHistory(db, t, [
        { ...ids, at: now, actor: SYSTEM_ACTOR, action: 'breach', from: event.state, to: event.state, detail: { clock: timer.clock, dueAt: new Date(clock.dueAt).toISOString(), red: turnRed, supervisionTicket: ticketId, timer: timer.id } },
      ]);
      // the deadline is missed: counted late for the unit holding the event now
      await recordFacts(db, t, { event, facts: breachFacts({ event: { ...event, sla: slaPlanOf(event) }, clock: timer.clock as SlaClockName, now }), now });
      const channels = timer.channels.length > 0 ? timer.channels : DEFAULT_CHANNELS;
      const message = breachMessage({ clock: timer.clock, red: turnRed, ticket });
      const detail = { clock: timer.clock, dueAt: new Date(clock.dueAt).toISOString(), supervisionTicket: ticketId };
      const drafts = notificationDrafts({ ...ids, unit, channels, type: ticket ? 'supervision-ticket' : 'breach', at: now, message, detail });
      if (event.dispatcher !== unit) drafts.push(...notificationDrafts({ ...ids, unit: event.dispatcher, channels, type: 'breach', at: now, message, detail }));
      await enqueueOutbox(db, t, drafts, now);
      return 'breached';
    }
    case 'auto-escalate': {
      try {
        await applyAction({
          db, t, compiled, row: event, action: 'escalate', actor: SYSTEM_ACTOR, now,
          input: { reason: `automatic escalation: the ${timer.clock} deadline passed without ${timer.clock === 'accept' ? 'acceptance' : 'resolution'}` },
          detail: { timer: timer.id, automatic: true, clock: timer.clock, dueAt: new Date(clock.dueAt).toISOString() },
        });
        return 'escalated';
      } catch (err) {
        if (!(err instanceof WorkflowError)) throw err;
        await appendHistory(db, t, [
          { ...ids, at: now, actor: SYSTEM_ACTOR, action: 'auto-escalate-refused', from: event.state, to: event.state, detail: { code: err.code, message: err.message, timer: timer.id } },
        ]);
        return 'escalation-refused';
      }
    }
    default: {
      const never: never = timer.kind;
      throw new Error(`unknown timer kind "${String(never)}"`);
    }
  }
}
