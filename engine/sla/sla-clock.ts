/**
 * The SLA clock: deadlines and timers for an event's `accept` and `resolve` clocks, and what
 * pausing, resuming, stopping and restarting a clock does to them. Pure functions over plain
 * data: time is passed in, plans are never mutated (each function returns a new plan), and the
 * runtime persists the timers and fires them.
 */
import type { SlaPolicy } from '../schema/config-schema';
import { SLA_CLOCKS, type SlaClockName } from '../schema/constants';
import type { SlaClockPlan, SlaPlan, SlaTimer } from '../types';
import type { BusinessCalendar } from './business-calendar';
import { HOUR_MS } from './zoned-time';

type ClockKind = SlaClockPlan['clock'];

/** A clock operation asked to go back in time (e.g. a pause before the clock started). A bug of the caller. */
export class SlaClockError extends Error {
  readonly code = 'time-reversed';
  constructor(message: string) {
    super(message);
    this.name = 'SlaClockError';
  }
}

export interface PlanSlaOptions {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  /** When the clocks start, epoch ms (usually when the event was dispatched or reported). */
  startAt: number;
  /** Which clocks to start; both by default. */
  clocks?: readonly SlaClockName[];
}

/** The prefix of the warning a plan carries when it relied on a year the calendar does not list. */
export const CALENDAR_YEAR_MISSING = 'calendar-year-missing';

const KIND_ORDER: Record<SlaTimer['kind'], number> = { reminder: 0, breach: 1, 'auto-escalate': 2 };

/** `from` moved forward (or, for a negative duration, back) by `ms` of the given kind of time. */
function shift(kind: ClockKind, calendar: BusinessCalendar, from: number, ms: number): number {
  if (kind === 'calendar') return from + ms;
  return ms >= 0 ? calendar.addWorking(from, ms) : calendar.addWorkingBackward(from, -ms);
}

function elapsed(kind: ClockKind, calendar: BusinessCalendar, from: number, to: number): number {
  return kind === 'calendar' ? to - from : calendar.workingBetween(from, to);
}

/** Adds a warning for each calendar year a working-time computation over [a, b] assumed. */
function noteYears(kind: ClockKind, calendar: BusinessCalendar, a: number, b: number, warnings: Set<string>): void {
  if (kind !== 'working') return;
  for (const year of calendar.uncoveredYears(a, b)) warnings.add(`${CALENDAR_YEAR_MISSING}:${year}`);
}

interface RunClock {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  clock: SlaClockName;
  kind: ClockKind;
  hours: number;
  startedAt: number;
  consumedMs: number;
  /** A resumed run: when it first started. */
  since?: number;
  warnings: Set<string>;
}

/**
 * How long after a clock's deadline the event escalates by itself, if the policy says so:
 * `autoEscalateAfterAcceptHours` / `autoEscalateAcceptClock` follow the accept deadline,
 * `autoEscalateAfterHours` / `autoEscalateClock` the resolve deadline (calendar time by default).
 */
function autoEscalation(policy: SlaPolicy, clock: SlaClockName): { afterHours: number; kind: ClockKind } | undefined {
  switch (clock) {
    case 'accept': {
      const afterHours = policy.breach.autoEscalateAfterAcceptHours;
      return afterHours === undefined ? undefined : { afterHours, kind: policy.breach.autoEscalateAcceptClock ?? 'calendar' };
    }
    case 'resolve': {
      const afterHours = policy.breach.autoEscalateAfterHours;
      return afterHours === undefined ? undefined : { afterHours, kind: policy.breach.autoEscalateClock ?? 'calendar' };
    }
    default: {
      const never: never = clock;
      throw new Error(`Unknown SLA clock: ${String(never)}`);
    }
  }
}

/**
 * A running clock's record and timers. Every timer earlier than `startedAt` is dropped: a
 * reminder that would precede the start, or, after resuming a clock that was already overdue,
 * the breach that has fired before the pause.
 */
function runClock(run: RunClock): { record: SlaClockPlan; timers: SlaTimer[] } {
  const { policy, calendar, clock, kind, startedAt, warnings } = run;
  const dueAt = shift(kind, calendar, startedAt, run.hours * HOUR_MS - run.consumedMs);
  noteYears(kind, calendar, startedAt, dueAt, warnings);
  const timers: SlaTimer[] = [];
  for (const reminder of policy.reminders) {
    if (reminder.of !== clock) continue;
    const at = shift(reminder.clock, calendar, dueAt, -reminder.beforeHours * HOUR_MS);
    if (at < startedAt) continue;
    noteYears(reminder.clock, calendar, at, dueAt, warnings);
    timers.push({ kind: 'reminder', of: clock, at, channels: [...reminder.channels] });
  }
  const channels = policy.breach.channels ?? [];
  if (dueAt >= startedAt) timers.push({ kind: 'breach', of: clock, at: dueAt, channels: [...channels] });
  const escalation = autoEscalation(policy, clock);
  if (escalation !== undefined) {
    const at = shift(escalation.kind, calendar, dueAt, escalation.afterHours * HOUR_MS);
    if (at >= startedAt) {
      noteYears(escalation.kind, calendar, dueAt, at, warnings);
      timers.push({ kind: 'auto-escalate', of: clock, at, channels: [...channels] });
    }
  }
  const record: SlaClockPlan = { clock: kind, hours: run.hours, startedAt, consumedMs: run.consumedMs, dueAt, pausedAt: null, ...(run.since !== undefined ? { since: run.since } : {}) };
  return { record, timers };
}

function byTime(a: SlaTimer, b: SlaTimer): number {
  return a.at - b.at || SLA_CLOCKS.indexOf(a.of) - SLA_CLOCKS.indexOf(b.of) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

/** The plan with one clock's record and timers replaced. */
function withClock(
  plan: SlaPlan,
  clock: SlaClockName,
  change: { record: SlaClockPlan; timers?: SlaTimer[]; warnings?: Set<string>; policy?: string },
): SlaPlan {
  const timers = plan.timers.filter((t) => t.of !== clock).concat(change.timers ?? []);
  const warnings = new Set(plan.warnings);
  for (const w of change.warnings ?? []) warnings.add(w);
  return {
    policy: change.policy ?? plan.policy,
    clocks: { ...plan.clocks, [clock]: change.record },
    timers: timers.sort(byTime),
    warnings: [...warnings].sort(),
  };
}

/** The deadline of `clock` under `policy` for a run started at `startAt` with its full budget: `planSla`'s `dueAt`, without the timers. */
export function dueAtOf(policy: SlaPolicy, calendar: BusinessCalendar, clock: SlaClockName, startAt: number): number {
  const limit = policy[clock];
  return shift(limit.clock, calendar, startAt, limit.hours * HOUR_MS);
}

/** When a clock's current run first started: its `since`, else its `startedAt` (a run is one start, however often paused). */
export function clockRunStart(clock: Pick<SlaClockPlan, 'since' | 'startedAt'>): number {
  return clock.since ?? clock.startedAt;
}

function assertNotBefore(at: number, since: number, what: string): void {
  if (at < since) throw new SlaClockError(`Cannot ${what} at ${at}: earlier than ${since}`);
}

/**
 * Plans the deadlines and timers of an event's SLA clocks. Each clock's deadline is `startAt`
 * plus its `hours`, in working time on the business calendar or in plain elapsed time. Timers:
 * each reminder of the policy `beforeHours` before its clock's deadline (in the reminder's own
 * kind of time; skipped when that falls before `startAt`), a breach at each deadline, and an
 * auto-escalation `autoEscalateAfterHours` after the resolve deadline and one
 * `autoEscalateAfterAcceptHours` after the accept deadline, when the policy sets them (an
 * `of: 'accept'` escalation goes with the accept clock's other timers when the event is accepted).
 * Working-time computations
 * that ran through a year the calendar does not list add `calendar-year-missing:YYYY` to `warnings`.
 *
 * @example
 * const plan = planSla({ policy, calendar, startAt: Date.parse('2026-09-30T16:30:00+08:00') });
 * // policy.accept = { hours: 2, clock: 'working' } →
 * // plan.clocks.accept.dueAt is 2026-10-08T09:30:00+08:00 (National Day holiday skipped)
 */
export function planSla(opts: PlanSlaOptions): SlaPlan {
  const { policy, calendar, startAt } = opts;
  const warnings = new Set<string>();
  const clocks: SlaPlan['clocks'] = {};
  const timers: SlaTimer[] = [];
  for (const clock of SLA_CLOCKS) {
    if (opts.clocks !== undefined && !opts.clocks.includes(clock)) continue;
    const limit = policy[clock];
    const run = runClock({ policy, calendar, clock, kind: limit.clock, hours: limit.hours, startedAt: startAt, consumedMs: 0, warnings });
    clocks[clock] = run.record;
    timers.push(...run.timers);
  }
  return { policy: policy.id, clocks, timers: timers.sort(byTime), warnings: [...warnings].sort() };
}

/**
 * (Re)starts one clock from scratch at `at` with the full budget of `policy`, replacing its
 * record and timers: used when an event is dispatched again after a return or a reopening. The
 * plan takes `policy`'s id (a regraded event may restart under another policy).
 *
 * @example
 * const again = startClock(plan, 'accept', redispatchedAt, policy, calendar);
 */
export function startClock(plan: SlaPlan, clock: SlaClockName, at: number, policy: SlaPolicy, calendar: BusinessCalendar): SlaPlan {
  const warnings = new Set<string>();
  const limit = policy[clock];
  const run = runClock({ policy, calendar, clock, kind: limit.clock, hours: limit.hours, startedAt: at, consumedMs: 0, warnings });
  return withClock(plan, clock, { ...run, warnings, policy: policy.id });
}

/**
 * Pauses a running clock at `at` (e.g. while waiting for the reporter): the budget used since it
 * last started is added to `consumedMs`, the deadline becomes null and the clock's timers go.
 * Pausing a clock that is absent, paused or stopped returns the plan unchanged.
 *
 * @example
 * const paused = pauseClock(plan, 'resolve', Date.parse('2026-03-10T10:00:00+08:00'), calendar);
 * // paused.clocks.resolve: { consumedMs: 1.5 h if started 08:30 that day, dueAt: null, pausedAt: … }
 */
export function pauseClock(plan: SlaPlan, clock: SlaClockName, at: number, calendar: BusinessCalendar): SlaPlan {
  const record = plan.clocks[clock];
  if (record === undefined || record.pausedAt !== null || record.stoppedAt !== undefined) return plan;
  assertNotBefore(at, record.startedAt, `pause the ${clock} clock`);
  const warnings = new Set<string>();
  noteYears(record.clock, calendar, record.startedAt, at, warnings);
  const consumedMs = record.consumedMs + elapsed(record.clock, calendar, record.startedAt, at);
  return withClock(plan, clock, { record: { ...record, consumedMs, dueAt: null, pausedAt: at }, timers: [], warnings });
}

/**
 * Resumes a paused clock at `at`: it restarts with what is left of its budget, so the deadline
 * moves by exactly the paused time (working time for a working clock), and its timers are
 * planned again by the rules of {@link planSla}. The record keeps when the run first started
 * (`since`). A clock that ran past its deadline before the
 * pause gets a deadline in the past and no new breach timer. Resuming a clock that is not paused
 * returns the plan unchanged.
 *
 * @example
 * const resumed = resumeClock(paused, 'resolve', Date.parse('2026-03-13T09:00:00+08:00'), policy, calendar);
 */
export function resumeClock(plan: SlaPlan, clock: SlaClockName, at: number, policy: SlaPolicy, calendar: BusinessCalendar): SlaPlan {
  const record = plan.clocks[clock];
  if (record === undefined || record.pausedAt === null || record.stoppedAt !== undefined) return plan;
  assertNotBefore(at, record.pausedAt, `resume the ${clock} clock`);
  const warnings = new Set<string>();
  const run = runClock({
    policy,
    calendar,
    clock,
    kind: record.clock,
    hours: record.hours,
    startedAt: at,
    consumedMs: record.consumedMs,
    since: record.since ?? record.startedAt,
    warnings,
  });
  return withClock(plan, clock, { ...run, warnings });
}

/**
 * Stops a clock for good at `at` (the event was accepted, resolved or closed): its timers go, its
 * record keeps the deadline it had (so on-time handling can be judged: `stoppedAt <= dueAt`) and
 * gains `stoppedAt`. Stopping a clock that is absent or already stopped returns the plan unchanged.
 *
 * @example
 * const done = stopClock(plan, 'accept', Date.parse('2026-03-10T09:10:00+08:00'));
 */
export function stopClock(plan: SlaPlan, clock: SlaClockName, at: number): SlaPlan {
  const record = plan.clocks[clock];
  if (record === undefined || record.stoppedAt !== undefined) return plan;
  assertNotBefore(at, record.pausedAt ?? record.startedAt, `stop the ${clock} clock`);
  return withClock(plan, clock, { record: { ...record, stoppedAt: at }, timers: [] });
}
