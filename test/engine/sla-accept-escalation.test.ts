import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../engine/sla/business-calendar';
import { pauseClock, planSla, resumeClock, startClock, stopClock } from '../../engine/sla/sla-clock';
import { planTimes } from '../../engine/sla/plan-times';
import type { SlaPolicy } from '../../engine/schema/config-schema';
import type { SlaPlan } from '../../engine/types';
import { CN_2026, TZ, at, show } from './fixtures/cn-calendar-2026';

const calendar = new BusinessCalendar(CN_2026, TZ);

/** Accept in 1 calendar hour, resolve in 48; escalate 2 h after a missed acceptance and 24 h after a missed resolution. */
const policy: SlaPolicy = {
  id: 'accept-escalates',
  name: { zh: '受理超时上报', en: 'Escalate on late acceptance' },
  levels: [3],
  accept: { hours: 1, clock: 'calendar' },
  resolve: { hours: 48, clock: 'calendar' },
  reminders: [],
  breach: { turnRed: true, supervisionTicket: true, autoEscalateAfterHours: 24, autoEscalateAfterAcceptHours: 2, channels: ['app'] },
  pauseWhileAwaitingReporter: false,
};

const escalations = (plan: SlaPlan): string[] => plan.timers.filter((t) => t.kind === 'auto-escalate').map((t) => `${show(t.at)} ${t.of}`);

describe('auto-escalation after a missed acceptance', () => {
  // Tuesday 2026-03-10 16:00: accept due 17:00; working hours end 17:30 and start again 08:30.
  const start = at('2026-03-10T16:00');

  it.each([
    ['calendar time by default', {}, ['2026-03-10T19:00 accept', '2026-03-13T16:00 resolve']],
    ['calendar time when said', { autoEscalateAcceptClock: 'calendar' as const }, ['2026-03-10T19:00 accept', '2026-03-13T16:00 resolve']],
    ['working time: half an hour tonight, an hour and a half tomorrow', { autoEscalateAcceptClock: 'working' as const }, ['2026-03-11T10:00 accept', '2026-03-13T16:00 resolve']],
    ['only the resolve escalation when the accept pair is absent', { autoEscalateAfterAcceptHours: undefined }, ['2026-03-13T16:00 resolve']],
    ['only the accept escalation when the resolve pair is absent', { autoEscalateAfterHours: undefined }, ['2026-03-10T19:00 accept']],
  ])('plans the timers: %s', (_name, breach, expected) => {
    const plan = planSla({ policy: { ...policy, breach: { ...policy.breach, ...breach } }, calendar, startAt: start });
    expect(escalations(plan)).toEqual(expected);
    expect(plan.timers.find((t) => t.kind === 'auto-escalate' && t.of === 'accept')?.channels ?? ['app']).toEqual(['app']);
  });

  it('orders the accept escalation after the accept breach', () => {
    const plan = planSla({ policy, calendar, startAt: start });
    expect(plan.timers.map((t) => `${show(t.at)} ${t.of} ${t.kind}`)).toEqual([
      '2026-03-10T17:00 accept breach',
      '2026-03-10T19:00 accept auto-escalate',
      '2026-03-12T16:00 resolve breach',
      '2026-03-13T16:00 resolve auto-escalate',
    ]);
  });

  it('drops the accept escalation when the event is accepted, keeping the resolve one', () => {
    const plan = planSla({ policy, calendar, startAt: start });
    const accepted = stopClock(plan, 'accept', at('2026-03-10T16:30'));
    expect(escalations(accepted)).toEqual(['2026-03-13T16:00 resolve']);
    const lateAccepted = stopClock(plan, 'accept', at('2026-03-10T18:00'));
    expect(escalations(lateAccepted)).toEqual(['2026-03-13T16:00 resolve']);
  });

  it('drops it while the accept clock is paused and plans it again on resume, moved by the pause', () => {
    const paused = pauseClock(planSla({ policy, calendar, startAt: start }), 'accept', at('2026-03-10T16:30'), calendar);
    expect(escalations(paused)).toEqual(['2026-03-13T16:00 resolve']);
    const resumed = resumeClock(paused, 'accept', at('2026-03-10T17:30'), policy, calendar);
    expect(escalations(resumed)).toEqual(['2026-03-10T20:00 accept', '2026-03-13T16:00 resolve']);
  });

  it('plans it again when the accept clock restarts (a new dispatch)', () => {
    const accepted = stopClock(planSla({ policy, calendar, startAt: start }), 'accept', at('2026-03-10T16:30'));
    const again = startClock(accepted, 'accept', at('2026-03-11T09:00'), policy, calendar);
    expect(escalations(again)).toEqual(['2026-03-11T12:00 accept', '2026-03-13T16:00 resolve']);
  });

  it('drops a resumed accept escalation whose time has already passed', () => {
    const paused = pauseClock(planSla({ policy, calendar, startAt: start }), 'accept', at('2026-03-10T19:30'), calendar);
    const resumed = resumeClock(paused, 'accept', at('2026-03-10T20:00'), policy, calendar);
    expect(escalations(resumed)).toEqual(['2026-03-13T16:00 resolve']);
  });

  it('reports the earliest pending auto-escalation as autoEscalateAt', () => {
    const plan = planSla({ policy, calendar, startAt: start });
    expect(planTimes(plan, TZ).autoEscalateAt).toBe('2026-03-10T19:00:00+08:00');
    expect(planTimes(stopClock(plan, 'accept', at('2026-03-10T16:30')), TZ).autoEscalateAt).toBe('2026-03-13T16:00:00+08:00');
  });
});
