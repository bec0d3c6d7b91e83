/** The SLA timeline rendered to HTML (react-dom/server), as the event page shows it. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SlaPlan } from '../../engine/index';
import '../../studio/src/i18n/i18n';
import { SlaTimeline, type CalendarView } from '../../studio/src/sla/sla-timeline';

const everyHourWorks: CalendarView = { isWorkingTime: () => true, isHoliday: () => false, isWorkingDay: () => true };
const start = Date.parse('2026-06-18T09:00:00+08:00');

describe('SLA timeline', () => {
  it('says a paused clock is paused, since when and how much of its budget is used, instead of dropping it', () => {
    const plan = {
      policy: 'p',
      clocks: {
        accept: { clock: 'working', hours: 8, startedAt: start, consumedMs: 0, dueAt: start + 8 * 3_600_000, pausedAt: null, stoppedAt: start + 3_600_000 },
        resolve: { clock: 'working', hours: 40, startedAt: start, consumedMs: 5 * 3_600_000, dueAt: null, pausedAt: start + 5 * 3_600_000 },
      },
      timers: [],
      warnings: [],
    } as unknown as SlaPlan;
    const html = renderToStaticMarkup(createElement(SlaTimeline, { plan, start, calendar: everyHourWorks, timeZone: 'Asia/Shanghai' }));
    expect(html).toContain('data-testid="clock-paused"');
    expect(html).toMatch(/暂停.*已用 5 \/ 40 小时/);
  });
});
