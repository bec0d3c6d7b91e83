import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  InvalidTimeZoneError,
  assertTimeZone,
  dateOfDayNumber,
  dayNumber,
  formatZoned,
  fromZoned,
  parseIsoDate,
  toZoned,
  weekdayOfDayNumber,
  type LocalDateTimeInput,
} from '../../engine/sla/zoned-time';
import { seeded } from './fixtures/cn-calendar-2026';

const H = 3_600_000;

describe('toZoned', () => {
  it.each([
    { name: 'Shanghai: midnight opening National Day', instant: '2026-09-30T16:00:00Z', zone: 'Asia/Shanghai', local: [2026, 10, 1, 0, 0, 0, 0], weekday: 4, offset: 8 * H },
    { name: 'Shanghai: last millisecond of 2026', instant: '2026-12-31T15:59:59.999Z', zone: 'Asia/Shanghai', local: [2026, 12, 31, 23, 59, 59, 999], weekday: 4, offset: 8 * H },
    { name: 'New York in winter (EST)', instant: '2026-01-15T12:00:00Z', zone: 'America/New_York', local: [2026, 1, 15, 7, 0, 0, 0], weekday: 4, offset: -5 * H },
    { name: 'New York in summer (EDT)', instant: '2026-07-04T16:00:00Z', zone: 'America/New_York', local: [2026, 7, 4, 12, 0, 0, 0], weekday: 6, offset: -4 * H },
    { name: 'Los Angeles: previous local day', instant: '2026-03-01T07:59:59Z', zone: 'America/Los_Angeles', local: [2026, 2, 28, 23, 59, 59, 0], weekday: 6, offset: -8 * H },
    { name: 'Kolkata: half-hour offset', instant: '2026-03-10T00:00:00Z', zone: 'Asia/Kolkata', local: [2026, 3, 10, 5, 30, 0, 0], weekday: 2, offset: 5.5 * H },
    { name: 'Kathmandu: quarter-hour offset', instant: '2026-03-10T00:00:00Z', zone: 'Asia/Kathmandu', local: [2026, 3, 10, 5, 45, 0, 0], weekday: 2, offset: 5.75 * H },
    { name: 'Lord Howe in southern summer (+11:00)', instant: '2026-01-15T00:00:00Z', zone: 'Australia/Lord_Howe', local: [2026, 1, 15, 11, 0, 0, 0], weekday: 4, offset: 11 * H },
    { name: 'UTC before 1970', instant: '1969-12-31T23:00:00.5Z', zone: 'UTC', local: [1969, 12, 31, 23, 0, 0, 500], weekday: 3, offset: 0 },
  ])('$name', ({ instant, zone, local, weekday, offset }) => {
    const t = toZoned(Date.parse(instant), zone);
    expect([t.year, t.month, t.day, t.hour, t.minute, t.second, t.millisecond]).toEqual(local);
    expect(t.weekday).toBe(weekday);
    expect(t.offsetMs).toBe(offset);
  });
});

describe('fromZoned', () => {
  it.each<{ name: string; local: LocalDateTimeInput; zone: string; expected: string }>([
    { name: 'Shanghai working-day start', local: { year: 2026, month: 10, day: 8, hour: 8, minute: 30 }, zone: 'Asia/Shanghai', expected: '2026-10-08T00:30:00.000Z' },
    { name: 'Shanghai midnight, time omitted', local: { year: 2027, month: 1, day: 1 }, zone: 'Asia/Shanghai', expected: '2026-12-31T16:00:00.000Z' },
    { name: 'Kathmandu new year', local: { year: 2026, month: 1, day: 1 }, zone: 'Asia/Kathmandu', expected: '2025-12-31T18:15:00.000Z' },
    { name: 'New York just before spring-forward', local: { year: 2026, month: 3, day: 8, hour: 1, minute: 59 }, zone: 'America/New_York', expected: '2026-03-08T06:59:00.000Z' },
    { name: 'New York in the spring-forward gap moves forward', local: { year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, zone: 'America/New_York', expected: '2026-03-08T07:30:00.000Z' },
    { name: 'New York just after spring-forward', local: { year: 2026, month: 3, day: 8, hour: 3 }, zone: 'America/New_York', expected: '2026-03-08T07:00:00.000Z' },
    { name: 'New York fall-back overlap takes the earlier instant', local: { year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, zone: 'America/New_York', expected: '2026-11-01T05:30:00.000Z' },
    { name: 'New York after fall-back', local: { year: 2026, month: 11, day: 1, hour: 2 }, zone: 'America/New_York', expected: '2026-11-01T07:00:00.000Z' },
    { name: 'London in the spring-forward gap', local: { year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, zone: 'Europe/London', expected: '2026-03-29T01:30:00.000Z' },
    { name: 'Lord Howe half-hour fall-back overlap', local: { year: 2026, month: 4, day: 5, hour: 1, minute: 45 }, zone: 'Australia/Lord_Howe', expected: '2026-04-04T14:45:00.000Z' },
    { name: 'milliseconds kept', local: { year: 2026, month: 6, day: 1, hour: 12, second: 5, millisecond: 250 }, zone: 'UTC', expected: '2026-06-01T12:00:05.250Z' },
  ])('$name', ({ local, zone, expected }) => {
    expect(new Date(fromZoned(local, zone)).toISOString()).toBe(expected);
  });

  it.each([
    { name: 'Asia/Shanghai', zone: 'Asia/Shanghai' },
    { name: 'America/New_York', zone: 'America/New_York' },
    { name: 'Europe/London', zone: 'Europe/London' },
    { name: 'Australia/Lord_Howe', zone: 'Australia/Lord_Howe' },
    { name: 'America/Sao_Paulo', zone: 'America/Sao_Paulo' },
  ])('round-trips the local reading of 2,000 seeded instants in $name', ({ zone }) => {
    const random = seeded(20260101);
    const from = Date.parse('2015-01-01T00:00:00Z');
    const span = Date.parse('2030-01-01T00:00:00Z') - from;
    for (let i = 0; i < 2000; i++) {
      const instant = from + Math.floor(random() * span);
      const local = toZoned(instant, zone);
      const back = fromZoned(local, zone);
      // Equal except for the second pass through a fall-back hour, which maps to the first.
      if (back !== instant) expect(instant - back).toBe(toZoned(back, zone).offsetMs - local.offsetMs);
      expect(toZoned(back, zone)).toMatchObject({ year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second });
    }
  });
});

describe('day numbers', () => {
  it.each([
    { name: 'epoch', date: { year: 1970, month: 1, day: 1 }, weekday: 4 },
    { name: 'day before epoch', date: { year: 1969, month: 12, day: 31 }, weekday: 3 },
    { name: 'National Day 2026', date: { year: 2026, month: 10, day: 1 }, weekday: 4 },
    { name: 'leap day 2000', date: { year: 2000, month: 2, day: 29 }, weekday: 2 },
    { name: 'adjusted working Saturday', date: { year: 2026, month: 10, day: 10 }, weekday: 6 },
    { name: 'adjusted working Sunday', date: { year: 2026, month: 9, day: 20 }, weekday: 7 },
  ])('$name', ({ date, weekday }) => {
    const n = dayNumber(date);
    expect(n).toBe(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
    expect(dateOfDayNumber(n)).toEqual(date);
    expect(weekdayOfDayNumber(n)).toBe(weekday);
  });

  it('agrees with Date.UTC on every day from 1900 to 2100', () => {
    const mismatches: number[] = [];
    for (let n = dayNumber({ year: 1900, month: 1, day: 1 }); n <= dayNumber({ year: 2100, month: 12, day: 31 }); n++) {
      const d = new Date(n * 86_400_000);
      const date = dateOfDayNumber(n);
      const same =
        date.year === d.getUTCFullYear() && date.month === d.getUTCMonth() + 1 && date.day === d.getUTCDate() && weekdayOfDayNumber(n) % 7 === d.getUTCDay();
      if (!same || dayNumber(date) !== n) mismatches.push(n);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('parseIsoDate', () => {
  it.each([
    { name: 'ordinary date', value: '2026-10-01', ok: true },
    { name: 'leap day of a leap year', value: '2024-02-29', ok: true },
    { name: 'leap day of a common year', value: '2026-02-29', ok: false },
    { name: 'month 13', value: '2026-13-01', ok: false },
    { name: 'unpadded month', value: '2026-1-01', ok: false },
    { name: 'date and time', value: '2026-10-01T08:00', ok: false },
  ])('$name', ({ value, ok }) => {
    if (ok) {
      expect(parseIsoDate(value)).toEqual({ year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8)) });
    } else {
      expect(() => parseIsoDate(value)).toThrow(InvalidDateError);
      expect(() => parseIsoDate(value)).toThrow(expect.objectContaining({ code: 'invalid-date' }));
    }
  });
});

describe('formatZoned', () => {
  it.each([
    { name: 'Shanghai', instant: '2026-10-08T00:30:00Z', zone: 'Asia/Shanghai', expected: '2026-10-08T08:30:00+08:00' },
    { name: 'New York summer', instant: '2026-07-04T16:00:00Z', zone: 'America/New_York', expected: '2026-07-04T12:00:00-04:00' },
    { name: 'milliseconds when present', instant: '2026-10-08T00:30:00.250Z', zone: 'Asia/Shanghai', expected: '2026-10-08T08:30:00.250+08:00' },
    { name: 'Kathmandu', instant: '2026-03-10T00:00:00Z', zone: 'Asia/Kathmandu', expected: '2026-03-10T05:45:00+05:45' },
    { name: 'UTC', instant: '2026-03-10T00:00:00Z', zone: 'UTC', expected: '2026-03-10T00:00:00+00:00' },
  ])('$name', ({ instant, zone, expected }) => {
    expect(formatZoned(Date.parse(instant), zone)).toBe(expected);
    expect(Date.parse(expected)).toBe(Date.parse(instant));
  });
});

describe('invalid time zones', () => {
  it.each([
    { name: 'assertTimeZone', call: () => assertTimeZone('Mars/Olympus_Mons') },
    { name: 'toZoned', call: () => toZoned(0, 'Not/AZone') },
    { name: 'fromZoned', call: () => fromZoned({ year: 2026, month: 1, day: 1 }, 'Asia/Beijing') },
  ])('$name throws InvalidTimeZoneError', ({ call }) => {
    expect(call).toThrow(InvalidTimeZoneError);
    expect(call).toThrow(expect.objectContaining({ code: 'invalid-time-zone' }));
  });
});
