/**
 * An SLA plan's times as a test case states them: deadlines, reminders, breaches and the
 * auto-escalation, each as ISO 8601 local time with its offset in the county's time zone
 * (`2026-03-02T11:00:00+08:00`), never epoch milliseconds. What a saved test case records, and
 * what a failing one shows.
 */
import type { SlaClockName } from '../schema/constants';
import type { SlaPlan } from '../types';
import { formatZoned } from './zoned-time';

export interface PlanTimer {
  of: SlaClockName;
  at: string;
}

export interface PlanTimes {
  acceptDue?: string;
  resolveDue?: string;
  reminders: PlanTimer[];
  breaches: PlanTimer[];
  /**
   * The earliest pending auto-escalation, whichever deadline it follows (an accept-deadline one
   * usually comes first, and goes when the event is accepted); null when none is pending.
   */
  autoEscalateAt: string | null;
}

/** The times of a plan in a time zone, timers in time order. */
export function planTimes(plan: SlaPlan, timeZone: string): PlanTimes {
  const local = (ms: number) => formatZoned(ms, timeZone);
  const timers = (kind: 'reminder' | 'breach') => plan.timers.filter((t) => t.kind === kind).map((t) => ({ of: t.of, at: local(t.at) }));
  const escalation = plan.timers.find((t) => t.kind === 'auto-escalate');
  const accept = plan.clocks.accept?.dueAt;
  const resolve = plan.clocks.resolve?.dueAt;
  return {
    ...(accept != null ? { acceptDue: local(accept) } : {}),
    ...(resolve != null ? { resolveDue: local(resolve) } : {}),
    reminders: timers('reminder'),
    breaches: timers('breach'),
    autoEscalateAt: escalation ? local(escalation.at) : null,
  };
}

/** An ISO 8601 time with offset as the same instant in the county's zone (the text unchanged when it is not a time). */
export function inZone(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatZoned(ms, timeZone);
}
