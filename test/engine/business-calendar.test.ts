import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, CalendarError } from '../../engine/sla/business-calendar';
import type { Calendar } from '../../engine/schema/config-schema';
import { CN_2026, HOUR, TZ, at, seeded, show } from './fixtures/cn-calendar-2026';

const cal = new BusinessCalendar(CN_2026, TZ);
const CATALOG_CALENDAR = new URL('../../catalogs/zhejiang-four-platforms/calendars.json', import.meta.url);

describe('fixture', () => {
  it("agrees with the baseline catalog's 2026 calendar (the State Council notice)", () => {
    const data = (JSON.parse(readFileSync(CATALOG_CALENDAR, 'utf8')) as Calendar[])[0].years['2026'];
    expect(CN_2026.years['2026'].holidays).toEqual(data.holidays);
    expect(CN_2026.years['2026'].adjustedWorkingDays).toEqual(data.adjustedWorkingDays);
  });
});

describe('working days', () => {
  it.each([
    { name: 'ordinary Tuesday', date: '2026-03-10', working: true, holiday: false },
    { name: 'ordinary Saturday', date: '2026-03-14', working: false, holiday: false },
    { name: 'National Day, a Thursday', date: '2026-10-01', working: false, holiday: true },
    { name: 'last day of National Day, a Wednesday', date: '2026-10-07', working: false, holiday: true },
    { name: 'first day back after National Day', date: '2026-10-08', working: true, holiday: false },
    { name: 'adjusted working Saturday 2026-10-10', date: '2026-10-10', working: true, holiday: false },
    { name: 'adjusted working Sunday 2026-09-20', date: '2026-09-20', working: true, holiday: false },
    { name: 'adjusted working Saturday before Spring Festival', date: '2026-02-14', working: true, holiday: false },
    { name: 'Spring Festival Monday 2026-02-23', date: '2026-02-23', working: false, holiday: true },
    { name: 'first day back after Spring Festival', date: '2026-02-24', working: true, holiday: false },
    { name: 'adjusted working Saturday 2026-02-28', date: '2026-02-28', working: true, holiday: false },
    { name: 'adjusted working Sunday 2026-01-04', date: '2026-01-04', working: true, holiday: false },
    { name: 'Labour Day Tuesday 2026-05-05', date: '2026-05-05', working: false, holiday: true },
    { name: 'uncovered 2027-01-01 is a plain Friday', date: '2027-01-01', working: true, holiday: false },
    { name: 'uncovered 2027-01-02 is a plain Saturday', date: '2027-01-02', working: false, holiday: false },
  ])('$name', ({ date, working, holiday }) => {
    expect(cal.isWorkingDay(date)).toBe(working);
    expect(cal.isHoliday(date)).toBe(holiday);
    const [year, month, day] = date.split('-').map(Number);
    expect(cal.isWorkingDay({ year, month, day })).toBe(working);
  });

  it.each([
    { name: '2026 is listed', year: 2026, covered: true },
    { name: '2027 is not', year: 2027, covered: false },
    { name: '2025 is not', year: 2025, covered: false },
  ])('coversYear: $name', ({ year, covered }) => {
    expect(cal.coversYear(year)).toBe(covered);
  });
});

describe('isWorkingTime', () => {
  it.each([
    { name: 'a minute before the morning opens', local: '2026-03-10T08:29:59', working: false },
    { name: 'the morning opens', local: '2026-03-10T08:30', working: true },
    { name: 'the last instant before lunch', local: '2026-03-10T11:59:59.999', working: true },
    { name: 'lunch starts (end exclusive)', local: '2026-03-10T12:00', working: false },
    { name: 'afternoon opens', local: '2026-03-10T13:30', working: true },
    { name: 'closing time', local: '2026-03-10T17:30', working: false },
    { name: 'night', local: '2026-03-10T22:00', working: false },
    { name: 'Saturday morning', local: '2026-03-14T10:00', working: false },
    { name: 'adjusted working Saturday morning', local: '2026-10-10T10:00', working: true },
    { name: 'National Day morning', local: '2026-10-01T10:00', working: false },
  ])('$name', ({ local, working }) => {
    const ms = local.length > 19 ? Date.parse(`${local}+08:00`) : at(local);
    expect(cal.isWorkingTime(ms)).toBe(working);
  });
});

describe('addWorking', () => {
  it.each([
    { name: 'inside the morning', start: '2026-03-10T09:00', hours: 1, due: '2026-03-10T10:00' },
    { name: 'night report starts counting 08:30 next working day', start: '2026-03-10T22:00', hours: 1, due: '2026-03-11T09:30' },
    { name: 'early-morning report', start: '2026-03-11T06:00', hours: 0.5, due: '2026-03-11T09:00' },
    { name: 'across the lunch break', start: '2026-03-10T11:30', hours: 1, due: '2026-03-10T14:00' },
    { name: 'reported during lunch', start: '2026-03-10T12:45', hours: 1, due: '2026-03-10T14:30' },
    { name: 'reported at 12:00 exactly', start: '2026-03-10T12:00', hours: 1, due: '2026-03-10T14:30' },
    { name: 'a morning exactly: ends 12:00, not 13:30', start: '2026-03-10T08:30', hours: 3.5, due: '2026-03-10T12:00' },
    { name: 'a working day exactly: ends 17:30, not next 08:30', start: '2026-03-10T08:30', hours: 7.5, due: '2026-03-10T17:30' },
    { name: 'reported at closing time', start: '2026-03-10T17:30', hours: 0.5, due: '2026-03-11T09:00' },
    { name: 'over a weekend', start: '2026-03-13T17:00', hours: 1, due: '2026-03-16T09:00' },
    { name: 'reported on Saturday', start: '2026-03-14T10:00', hours: 2, due: '2026-03-16T10:30' },
    { name: 'into National Day, resumes 2026-10-08', start: '2026-09-30T16:30', hours: 2, due: '2026-10-08T09:30' },
    { name: 'reported during National Day', start: '2026-10-03T09:00', hours: 1, due: '2026-10-08T09:30' },
    { name: '40 h over the adjusted working Saturday 2026-10-10', start: '2026-10-09T08:30', hours: 40, due: '2026-10-15T11:00' },
    { name: 'adjusted working Sunday 2026-09-20', start: '2026-09-19T10:00', hours: 4, due: '2026-09-20T14:00' },
    { name: 'over Mid-Autumn Festival (Fri 09-25 – Sun 09-27)', start: '2026-09-24T17:00', hours: 1, due: '2026-09-28T09:00' },
    { name: 'Friday before Spring Festival runs into adjusted Saturday 02-14', start: '2026-02-13T17:00', hours: 1, due: '2026-02-14T09:00' },
    { name: 'adjusted Saturday 02-14 over Spring Festival to 02-24', start: '2026-02-14T17:00', hours: 1, due: '2026-02-24T09:00' },
    { name: 'reported during Spring Festival', start: '2026-02-21T10:00', hours: 8, due: '2026-02-25T09:00' },
    { name: 'into adjusted working Saturday 02-28', start: '2026-02-27T17:00', hours: 1, due: '2026-02-28T09:00' },
    { name: 'New Year holiday to adjusted Sunday 01-04', start: '2026-01-01T09:00', hours: 1, due: '2026-01-04T09:30' },
    { name: 'year end into 2027 (plain Friday assumed)', start: '2026-12-31T16:00', hours: 4, due: '2027-01-01T11:00' },
    { name: 'year end, 20 h, ends at 12:00 on 2027-01-05', start: '2026-12-31T16:00', hours: 20, due: '2027-01-05T12:00' },
    { name: 'zero duration', start: '2026-03-14T10:00', hours: 0, due: '2026-03-14T10:00' },
  ])('$name', ({ start, hours, due }) => {
    expect(show(cal.addWorking(at(start), hours * HOUR))).toBe(due);
  });
});

describe('addWorkingBackward', () => {
  it.each([
    { name: 'inside the morning', end: '2026-03-10T10:00', hours: 1, from: '2026-03-10T09:00' },
    { name: 'back over lunch', end: '2026-03-10T14:00', hours: 1, from: '2026-03-10T11:30' },
    { name: 'back over National Day', end: '2026-10-08T09:30', hours: 2, from: '2026-09-30T16:30' },
    { name: 'back over a weekend, 24 h', end: '2026-03-16T09:00', hours: 24, from: '2026-03-10T16:30' },
    { name: 'an afternoon exactly: the latest instant, 13:30', end: '2026-03-10T17:30', hours: 4, from: '2026-03-10T13:30' },
    { name: 'a day exactly over midnight', end: '2026-03-11T12:00', hours: 7.5, from: '2026-03-10T13:30' },
    { name: 'from a Sunday night', end: '2026-03-15T23:00', hours: 1, from: '2026-03-13T16:30' },
    { name: 'back over Spring Festival to adjusted 02-14', end: '2026-02-24T09:00', hours: 1, from: '2026-02-14T17:00' },
  ])('$name', ({ end, hours, from }) => {
    expect(show(cal.addWorkingBackward(at(end), hours * HOUR))).toBe(from);
  });
});

describe('workingBetween', () => {
  it.each([
    { name: 'over a weekend', a: '2026-03-13T17:00', b: '2026-03-16T09:00', hours: 1 },
    { name: 'a night', a: '2026-03-10T22:00', b: '2026-03-11T08:00', hours: 0 },
    { name: 'across lunch', a: '2026-03-10T11:00', b: '2026-03-10T14:00', hours: 1.5 },
    { name: 'National Day week: 09-30 and 10-08 only', a: '2026-09-30T00:00', b: '2026-10-09T00:00', hours: 15 },
    { name: 'Spring Festival fortnight: 7 working days', a: '2026-02-13T00:00', b: '2026-03-01T00:00', hours: 52.5 },
    { name: 'reversed order is negative', a: '2026-03-16T09:00', b: '2026-03-13T17:00', hours: -1 },
    { name: 'empty span', a: '2026-03-10T09:00', b: '2026-03-10T09:00', hours: 0 },
  ])('$name', ({ a, b, hours }) => {
    expect(cal.workingBetween(at(a), at(b))).toBe(hours * HOUR);
  });

  it('counts 2026 as 248 working days of 7.5 h', () => {
    // 2026 starts on a Thursday: 52 × 5 + 1 = 261 weekdays. Weekday holidays, counted by hand:
    // weekday holidays: 01-01,01-02 (2), 02-16..02-20,02-23 (6), 04-06 (1), 05-01,05-04,05-05 (3),
    // 06-19 (1), 09-25 (1), 10-01,10-02,10-05,10-06,10-07 (5) = 19; 261 − 19 + 6 = 248.
    expect(cal.workingBetween(at('2026-01-01T00:00'), at('2027-01-01T00:00'))).toBe(248 * 7.5 * HOUR);
  });
});

describe('uncoveredYears', () => {
  it.each([
    { name: 'within 2026', a: '2026-03-01T00:00', b: '2026-12-31T23:59', years: [] },
    { name: 'into 2027', a: '2026-12-31T16:00', b: '2027-01-01T11:00', years: [2027] },
    { name: 'reversed order', a: '2027-01-01T11:00', b: '2026-12-31T16:00', years: [2027] },
    { name: 'from 2025 to 2028', a: '2025-12-31T09:00', b: '2028-01-01T09:00', years: [2025, 2027, 2028] },
    { name: 'local midnight of 2027 (still 2026 in UTC)', a: '2027-01-01T00:00', b: '2027-01-01T00:00', years: [2027] },
  ])('$name', ({ a, b, years }) => {
    expect(cal.uncoveredYears(at(a), at(b))).toEqual(years);
  });
});

describe('clock changes (Europe/Berlin, round-the-clock working hours)', () => {
  const berlin = new BusinessCalendar(
    { ...CN_2026, id: 'always', workingDays: [1, 2, 3, 4, 5, 6, 7], workingHours: [{ from: '00:00', to: '24:00' }], years: {} },
    'Europe/Berlin',
  );
  it.each([
    { name: 'spring-forward Sunday has 23 h', a: '2026-03-29T00:00:00+01:00', b: '2026-03-30T00:00:00+02:00', hours: 23 },
    { name: 'fall-back Sunday has 25 h', a: '2026-10-25T00:00:00+02:00', b: '2026-10-26T00:00:00+01:00', hours: 25 },
  ])('$name', ({ a, b, hours }) => {
    expect(berlin.workingBetween(Date.parse(a), Date.parse(b))).toBe(hours * HOUR);
  });

  it('adds elapsed hours across the change', () => {
    expect(berlin.addWorking(Date.parse('2026-03-28T12:00:00+01:00'), 24 * HOUR)).toBe(Date.parse('2026-03-29T13:00:00+02:00'));
  });
});

describe('misuse', () => {
  it.each<{ name: string; make: () => unknown; code: string }>([
    { name: 'working hours ending before they start', make: () => new BusinessCalendar({ ...CN_2026, workingHours: [{ from: '17:30', to: '08:30' }] }, TZ), code: 'invalid-working-hours' },
    { name: 'a minute 75', make: () => new BusinessCalendar({ ...CN_2026, workingHours: [{ from: '08:75', to: '12:00' }] }, TZ), code: 'invalid-working-hours' },
    {
      name: 'a holiday ending before it starts',
      make: () => new BusinessCalendar({ ...CN_2026, years: { '2026': { source: 'x', holidays: [{ name: { zh: '错', en: 'Wrong' }, from: '2026-10-07', to: '2026-10-01' }], adjustedWorkingDays: [] } } }, TZ),
      code: 'invalid-holiday-range',
    },
    { name: 'a calendar with no working days', make: () => new BusinessCalendar({ ...CN_2026, workingDays: [], years: {} }, TZ).addWorking(at('2026-03-10T09:00'), HOUR), code: 'no-working-time' },
    { name: 'a negative duration', make: () => cal.addWorking(at('2026-03-10T09:00'), -HOUR), code: 'invalid-duration' },
    { name: 'a NaN duration', make: () => cal.addWorkingBackward(at('2026-03-10T09:00'), Number.NaN), code: 'invalid-duration' },
  ])('$name', ({ make, code }) => {
    expect(make).toThrow(CalendarError);
    expect(make).toThrow(expect.objectContaining({ code }));
  });

  it('a calendar without working weekdays still works its adjusted days', () => {
    const adjustedOnly = new BusinessCalendar({ ...CN_2026, workingDays: [] }, TZ);
    expect(show(adjustedOnly.addWorking(at('2026-03-10T09:00'), HOUR))).toBe('2026-05-09T09:30');
  });

  it('rejects an unknown time zone', () => {
    expect(() => new BusinessCalendar(CN_2026, 'Asia/Beijing')).toThrow(expect.objectContaining({ code: 'invalid-time-zone' }));
  });
});

describe('properties over 3,000 seeded instants of 2026', () => {
  it('addWorking, addWorkingBackward and workingBetween agree', () => {
    const random = seeded(42);
    const from = at('2026-01-01T00:00');
    const span = at('2027-01-01T00:00') - from;
    for (let i = 0; i < 3000; i++) {
      const start = from + Math.floor(random() * span);
      const d = (1 + Math.floor(random() * 80 * 60)) * 60_000; // 1 min … 80 h, whole minutes
      const due = cal.addWorking(start, d);
      expect(due).toBeGreaterThan(start);
      expect(cal.workingBetween(start, due)).toBe(d);
      expect(cal.workingBetween(start, due - 1)).toBeLessThan(d); // the earliest such instant
      expect(cal.isWorkingTime(due - 1)).toBe(true);
      const back = cal.addWorkingBackward(start, d);
      expect(back).toBeLessThan(start);
      expect(cal.workingBetween(back, start)).toBe(d);
      expect(cal.workingBetween(back + 1, start)).toBeLessThan(d); // the latest such instant
    }
  });
});
