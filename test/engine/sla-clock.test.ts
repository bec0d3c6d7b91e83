import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../engine/sla/business-calendar';
import { SlaClockError, pauseClock, planSla, resumeClock, startClock, stopClock } from '../../engine/sla/sla-clock';
import type { SlaPolicy } from '../../engine/schema/config-schema';
import type { SlaClockName } from '../../engine/schema/constants';
import type { SlaPlan, SlaTimer } from '../../engine/types';
import { CN_2026, HOUR, TZ, at, seeded, show } from './fixtures/cn-calendar-2026';

const calendar = new BusinessCalendar(CN_2026, TZ);

/** Level 2: accept in 2 working hours, resolve in 40; SMS/app 24 h before; escalate a day after breach. */
const level2: SlaPolicy = {
  id: 'level-2',
  name: { zh: '二级事件', en: 'Level 2' },
  levels: [2],
  accept: { hours: 2, clock: 'working' },
  resolve: { hours: 40, clock: 'working' },
  reminders: [{ of: 'resolve', beforeHours: 24, clock: 'calendar', channels: ['sms', 'app'] }],
  breach: { turnRed: true, supervisionTicket: true, autoEscalateAfterHours: 24, channels: ['app'] },
  pauseWhileAwaitingReporter: true,
};

/** Urgent: calendar hours, a reminder 2 h and another 1 working hour before resolution, no escalation. */
const urgent: SlaPolicy = {
  id: 'urgent',
  name: { zh: '紧急', en: 'Urgent' },
  levels: [4],
  accept: { hours: 1, clock: 'calendar' },
  resolve: { hours: 12, clock: 'calendar' },
  reminders: [
    { of: 'resolve', beforeHours: 2, clock: 'calendar', channels: ['sms'] },
    { of: 'resolve', beforeHours: 1, clock: 'working', channels: ['app'] },
  ],
  breach: { turnRed: true, supervisionTicket: true },
  pauseWhileAwaitingReporter: false,
};

/** Working reminders, a working escalation delay, a reminder of acceptance, and a short resolve clock. */
const quick: SlaPolicy = {
  ...level2,
  id: 'quick',
  accept: { hours: 1, clock: 'working' },
  resolve: { hours: 4, clock: 'working' },
  reminders: [
    { of: 'accept', beforeHours: 0.5, clock: 'working', channels: ['app'] },
    { of: 'resolve', beforeHours: 24, clock: 'calendar', channels: ['sms'] },
  ],
  breach: { turnRed: true, supervisionTicket: false, autoEscalateAfterHours: 8, autoEscalateClock: 'working' },
};

const timeline = (plan: SlaPlan): string[] => plan.timers.map((t) => `${show(t.at)} ${t.of} ${t.kind} ${t.channels.join('+')}`.trim());
const dues = (plan: SlaPlan) => ({ accept: show(plan.clocks.accept?.dueAt), resolve: show(plan.clocks.resolve?.dueAt) });

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('planSla', () => {
  it.each([
    {
      name: 'ordinary Tuesday: 24 h reminder, breaches, auto-escalation a day later',
      policy: level2,
      start: '2026-03-10T09:00',
      due: { accept: '2026-03-10T11:00', resolve: '2026-03-17T11:30' },
      timers: [
        '2026-03-10T11:00 accept breach app',
        '2026-03-16T11:30 resolve reminder sms+app',
        '2026-03-17T11:30 resolve breach app',
        '2026-03-18T11:30 resolve auto-escalate app',
      ],
      warnings: [],
    },
    {
      name: 'reported at 22:00: counting starts 08:30 next working day',
      policy: level2,
      start: '2026-03-10T22:00',
      due: { accept: '2026-03-11T10:30', resolve: '2026-03-18T11:00' },
      timers: [
        '2026-03-11T10:30 accept breach app',
        '2026-03-17T11:00 resolve reminder sms+app',
        '2026-03-18T11:00 resolve breach app',
        '2026-03-19T11:00 resolve auto-escalate app',
      ],
      warnings: [],
    },
    {
      name: 'before National Day, over the adjusted working Saturday 10-10',
      policy: level2,
      start: '2026-09-30T16:30',
      due: { accept: '2026-10-08T09:30', resolve: '2026-10-14T10:00' },
      timers: [
        '2026-10-08T09:30 accept breach app',
        '2026-10-13T10:00 resolve reminder sms+app',
        '2026-10-14T10:00 resolve breach app',
        '2026-10-15T10:00 resolve auto-escalate app',
      ],
      warnings: [],
    },
    {
      name: 'before Spring Festival, over adjusted Saturday 02-14, ending 17:30 exactly',
      policy: level2,
      start: '2026-02-13T15:00',
      due: { accept: '2026-02-13T17:00', resolve: '2026-02-27T17:30' },
      timers: [
        '2026-02-13T17:00 accept breach app',
        '2026-02-26T17:30 resolve reminder sms+app',
        '2026-02-27T17:30 resolve breach app',
        '2026-02-28T17:30 resolve auto-escalate app',
      ],
      warnings: [],
    },
    {
      name: 'year end: 2027 assumed plain weeks, with a warning',
      policy: level2,
      start: '2026-12-31T16:00',
      due: { accept: '2027-01-01T09:00', resolve: '2027-01-08T09:30' },
      timers: [
        '2027-01-01T09:00 accept breach app',
        '2027-01-07T09:30 resolve reminder sms+app',
        '2027-01-08T09:30 resolve breach app',
        '2027-01-09T09:30 resolve auto-escalate app',
      ],
      warnings: ['calendar-year-missing:2027'],
    },
    {
      name: 'calendar hours across midnight; a working reminder before the start is skipped',
      policy: urgent,
      start: '2026-10-01T22:30',
      due: { accept: '2026-10-01T23:30', resolve: '2026-10-02T10:30' },
      timers: ['2026-10-01T23:30 accept breach', '2026-10-02T08:30 resolve reminder sms', '2026-10-02T10:30 resolve breach'],
      warnings: [],
    },
    {
      name: 'calendar hours on a working day: the working reminder is kept',
      policy: urgent,
      start: '2026-03-10T06:00',
      due: { accept: '2026-03-10T07:00', resolve: '2026-03-10T18:00' },
      timers: ['2026-03-10T07:00 accept breach', '2026-03-10T16:00 resolve reminder sms', '2026-03-10T16:30 resolve reminder app', '2026-03-10T18:00 resolve breach'],
      warnings: [],
    },
    {
      name: 'a 24 h reminder before a 4 h deadline is skipped; working auto-escalation',
      policy: quick,
      start: '2026-03-10T09:00',
      due: { accept: '2026-03-10T10:00', resolve: '2026-03-10T14:30' },
      timers: [
        '2026-03-10T09:30 accept reminder app',
        '2026-03-10T10:00 accept breach',
        '2026-03-10T14:30 resolve breach',
        '2026-03-11T15:00 resolve auto-escalate',
      ],
      warnings: [],
    },
  ])('$name', ({ policy, start, due, timers, warnings }) => {
    const plan = planSla({ policy, calendar, startAt: at(start) });
    expect(plan.policy).toBe(policy.id);
    expect(dues(plan)).toEqual(due);
    expect(timeline(plan)).toEqual(timers);
    expect(plan.warnings).toEqual(warnings);
    expect(plan.clocks.resolve).toMatchObject({ clock: policy.resolve.clock, hours: policy.resolve.hours, startedAt: at(start), consumedMs: 0, pausedAt: null });
  });

  it.each<{ name: string; clocks: readonly SlaClockName[]; expected: SlaClockName[] }>([
    { name: 'accept only', clocks: ['accept'], expected: ['accept'] },
    { name: 'resolve only', clocks: ['resolve'], expected: ['resolve'] },
    { name: 'none', clocks: [], expected: [] },
  ])('starts only the clocks asked for: $name', ({ clocks, expected }) => {
    const plan = planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00'), clocks });
    expect(Object.keys(plan.clocks)).toEqual(expected);
    expect(new Set(plan.timers.map((t) => t.of))).toEqual(new Set(expected));
  });
});

describe('pause and resume', () => {
  it.each([
    {
      name: 'calendar clock: the deadline moves by exactly the paused time',
      policy: { ...urgent, resolve: { hours: 48, clock: 'calendar' as const }, reminders: [] },
      start: '2026-03-10T09:00',
      pause: '2026-03-11T09:00',
      consumedHours: 24,
      resume: '2026-03-14T15:00',
      due: '2026-03-15T15:00',
      timers: ['2026-03-15T15:00 resolve breach'],
    },
    {
      name: 'working clock paused Friday 16:00, resumed Monday 08:00',
      policy: level2,
      start: '2026-03-10T09:00',
      pause: '2026-03-13T16:00',
      consumedHours: 28,
      resume: '2026-03-16T08:00',
      due: '2026-03-17T14:30',
      timers: ['2026-03-16T14:30 resolve reminder sms+app', '2026-03-17T14:30 resolve breach app', '2026-03-18T14:30 resolve auto-escalate app'],
    },
    {
      name: 'working clock paused Wednesday, resumed 13 days later',
      policy: level2,
      start: '2026-03-10T09:00',
      pause: '2026-03-11T10:00',
      consumedHours: 8.5,
      resume: '2026-03-24T10:00',
      due: '2026-03-30T11:30',
      timers: ['2026-03-29T11:30 resolve reminder sms+app', '2026-03-30T11:30 resolve breach app', '2026-03-31T11:30 resolve auto-escalate app'],
    },
    {
      name: 'paused over National Day, resumed on the adjusted Saturday',
      policy: level2,
      start: '2026-09-28T08:30',
      pause: '2026-09-30T12:00',
      consumedHours: 18.5,
      resume: '2026-10-10T08:30',
      due: '2026-10-13T16:30',
      timers: ['2026-10-12T16:30 resolve reminder sms+app', '2026-10-13T16:30 resolve breach app', '2026-10-14T16:30 resolve auto-escalate app'],
    },
  ])('$name', ({ policy, start, pause, consumedHours, resume, due, timers }) => {
    const plan = deepFreeze(planSla({ policy, calendar, startAt: at(start) }));
    const paused = deepFreeze(pauseClock(plan, 'resolve', at(pause), calendar));
    expect(paused.clocks.resolve).toMatchObject({ consumedMs: consumedHours * HOUR, dueAt: null, pausedAt: at(pause), startedAt: at(start) });
    expect(paused.timers.filter((t) => t.of === 'resolve')).toEqual([]);
    expect(paused.timers.filter((t) => t.of === 'accept')).toEqual(plan.timers.filter((t) => t.of === 'accept'));
    expect(paused.clocks.accept).toEqual(plan.clocks.accept);

    const resumed = resumeClock(paused, 'resolve', at(resume), policy, calendar);
    const clock = resumed.clocks.resolve!;
    expect(clock).toMatchObject({ startedAt: at(resume), consumedMs: consumedHours * HOUR, pausedAt: null });
    expect(show(clock.dueAt)).toBe(due);
    expect(timeline(resumed).filter((line) => line.includes(' resolve '))).toEqual(timers);
    // the remaining budget, measured in the clock's own kind of time
    const remaining = policy.resolve.hours * HOUR - consumedHours * HOUR;
    const used = policy.resolve.clock === 'working' ? calendar.workingBetween(at(resume), clock.dueAt!) : clock.dueAt! - at(resume);
    expect(used).toBe(remaining);
  });

  it('pausing twice accumulates the consumed budget', () => {
    let plan = planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00') });
    plan = pauseClock(plan, 'resolve', at('2026-03-10T10:00'), calendar); // 1 h
    plan = resumeClock(plan, 'resolve', at('2026-03-12T16:00'), level2, calendar);
    plan = pauseClock(plan, 'resolve', at('2026-03-13T09:00'), calendar); // 1.5 + 0.5 h
    expect(plan.clocks.resolve!.consumedMs).toBe(3 * HOUR);
    plan = resumeClock(plan, 'resolve', at('2026-03-16T08:30'), level2, calendar);
    // 37 h from Monday 08:30: four full days (30 h) to Thursday 17:30, then 7 h on Friday → 17:00
    expect(show(plan.clocks.resolve!.dueAt)).toBe('2026-03-20T17:00');
  });

  it('a clock resumed after running past its deadline gets a past deadline and no second breach', () => {
    const policy: SlaPolicy = { ...urgent, resolve: { hours: 2, clock: 'calendar' }, reminders: [], breach: { turnRed: true, supervisionTicket: true, autoEscalateAfterHours: 24 } };
    let plan = planSla({ policy, calendar, startAt: at('2026-03-10T09:00'), clocks: ['resolve'] });
    plan = pauseClock(plan, 'resolve', at('2026-03-10T12:00'), calendar);
    plan = resumeClock(plan, 'resolve', at('2026-03-10T15:00'), policy, calendar);
    expect(show(plan.clocks.resolve!.dueAt)).toBe('2026-03-10T14:00');
    expect(timeline(plan)).toEqual(['2026-03-11T14:00 resolve auto-escalate']);
  });

  const running = () => planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00') });
  it.each<{ name: string; before: () => SlaPlan; op: (plan: SlaPlan) => SlaPlan }>([
    { name: 'pausing a paused clock', before: () => pauseClock(running(), 'resolve', at('2026-03-10T10:00'), calendar), op: (p) => pauseClock(p, 'resolve', at('2026-03-10T11:00'), calendar) },
    { name: 'resuming a running clock', before: running, op: (p) => resumeClock(p, 'resolve', at('2026-03-10T10:00'), level2, calendar) },
    { name: 'resuming a stopped clock', before: () => stopClock(running(), 'accept', at('2026-03-10T09:30')), op: (p) => resumeClock(p, 'accept', at('2026-03-10T10:00'), level2, calendar) },
    { name: 'pausing a stopped clock', before: () => stopClock(running(), 'accept', at('2026-03-10T09:30')), op: (p) => pauseClock(p, 'accept', at('2026-03-10T10:00'), calendar) },
    { name: 'stopping a stopped clock', before: () => stopClock(running(), 'accept', at('2026-03-10T09:30')), op: (p) => stopClock(p, 'accept', at('2026-03-10T10:00')) },
    { name: 'pausing an absent clock', before: () => planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00'), clocks: ['accept'] }), op: (p) => pauseClock(p, 'resolve', at('2026-03-10T10:00'), calendar) },
    { name: 'stopping an absent clock', before: () => planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00'), clocks: ['accept'] }), op: (p) => stopClock(p, 'resolve', at('2026-03-10T10:00')) },
  ])('no-op, same plan back: $name', ({ before, op }) => {
    const plan = deepFreeze(before());
    expect(op(plan)).toBe(plan);
  });

  it.each<{ name: string; op: () => unknown }>([
    { name: 'pause before the start', op: () => pauseClock(planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00') }), 'resolve', at('2026-03-10T08:00'), calendar) },
    {
      name: 'resume before the pause',
      op: () => {
        const paused = pauseClock(planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00') }), 'resolve', at('2026-03-10T10:00'), calendar);
        return resumeClock(paused, 'resolve', at('2026-03-10T09:59'), level2, calendar);
      },
    },
    { name: 'stop before the start', op: () => stopClock(planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00') }), 'accept', at('2026-03-10T08:59')) },
  ])('refuses to go back in time: $name', ({ op }) => {
    expect(op).toThrow(SlaClockError);
    expect(op).toThrow(expect.objectContaining({ code: 'time-reversed' }));
  });
});

describe('stopClock and startClock', () => {
  it('stopping keeps the deadline, records stoppedAt and drops only that clock’s timers', () => {
    const plan = deepFreeze(planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00') }));
    const stopped = stopClock(plan, 'accept', at('2026-03-10T10:15'));
    expect(stopped.clocks.accept).toEqual({ ...plan.clocks.accept, stoppedAt: at('2026-03-10T10:15') });
    expect(stopped.timers).toEqual(plan.timers.filter((t) => t.of === 'resolve'));
    expect(stopped.clocks.accept!.stoppedAt! <= stopped.clocks.accept!.dueAt!).toBe(true); // accepted on time
  });

  it('restarting after a return starts from scratch with the full budget', () => {
    let plan = planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00'), clocks: ['accept'] });
    plan = stopClock(plan, 'accept', at('2026-03-10T10:00'));
    plan = startClock(plan, 'accept', at('2026-03-11T16:00'), level2, calendar);
    expect(plan.clocks.accept).toEqual({ clock: 'working', hours: 2, startedAt: at('2026-03-11T16:00'), consumedMs: 0, dueAt: at('2026-03-12T09:00'), pausedAt: null });
    expect(timeline(plan)).toEqual(['2026-03-12T09:00 accept breach app']);
  });

  it('restarting a paused clock discards the pause', () => {
    let plan = planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00') });
    plan = pauseClock(plan, 'resolve', at('2026-03-11T09:00'), calendar);
    plan = startClock(plan, 'resolve', at('2026-03-16T08:30'), level2, calendar);
    // 40 h from Monday 08:30: five full days are 37.5 h, so 2.5 h into the next Monday
    expect(plan.clocks.resolve).toMatchObject({ consumedMs: 0, pausedAt: null, dueAt: at('2026-03-23T11:00') });
    expect(plan.timers.filter((t) => t.of === 'resolve').map((t) => t.kind)).toEqual(['reminder', 'breach', 'auto-escalate']);
  });

  it('restarting under another policy adopts it', () => {
    const plan = planSla({ policy: level2, calendar, startAt: at('2026-03-10T09:00') });
    const regraded = startClock(plan, 'resolve', at('2026-03-10T10:00'), quick, calendar);
    expect(regraded.policy).toBe('quick');
    expect(show(regraded.clocks.resolve!.dueAt)).toBe('2026-03-10T15:30');
  });
});

describe('properties over 3,000 seeded starts in 2026', () => {
  const sorted = (timers: SlaTimer[]) => timers.every((t, i) => i === 0 || timers[i - 1].at <= t.at);

  it.each([
    { name: 'level 2 (working, calendar reminder)', policy: level2, seed: 7 },
    { name: 'quick (working reminders and escalation)', policy: quick, seed: 11 },
    { name: 'urgent (calendar clocks)', policy: urgent, seed: 13 },
  ])('$name', ({ policy, seed }) => {
    const random = seeded(seed);
    const from = at('2026-01-01T00:00');
    const span = at('2026-12-31T00:00') - from;
    for (let i = 0; i < 3000; i++) {
      const startAt = from + Math.floor(random() * span);
      const plan = planSla({ policy, calendar, startAt });
      expect(sorted(plan.timers)).toBe(true);
      for (const name of ['accept', 'resolve'] as const) {
        const clock = plan.clocks[name]!;
        expect(clock.dueAt!).toBeGreaterThan(startAt);
        const budget = policy[name].hours * HOUR;
        expect(clock.clock === 'working' ? calendar.workingBetween(startAt, clock.dueAt!) : clock.dueAt! - startAt).toBe(budget);
        for (const timer of plan.timers.filter((t) => t.of === name)) {
          expect(timer.at).toBeGreaterThanOrEqual(startAt);
          if (timer.kind === 'auto-escalate') expect(timer.at).toBeGreaterThan(clock.dueAt!);
          else expect(timer.at).toBeLessThanOrEqual(clock.dueAt!);
        }
      }
      // pause somewhere before the deadline, resume up to ten days later: budget is conserved
      const resolve = plan.clocks.resolve!;
      const pauseAt = startAt + Math.floor(random() * (resolve.dueAt! - startAt));
      const resumeAt = pauseAt + Math.floor(random() * 10 * 24 * HOUR);
      const resumed = resumeClock(pauseClock(plan, 'resolve', pauseAt, calendar), 'resolve', resumeAt, policy, calendar).clocks.resolve!;
      const measure = (a: number, b: number) => (resolve.clock === 'working' ? calendar.workingBetween(a, b) : b - a);
      expect(measure(startAt, pauseAt) + measure(resumeAt, resumed.dueAt!)).toBe(policy.resolve.hours * HOUR);
    }
  });
});
