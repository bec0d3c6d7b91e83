/** The calendar editor's model: day kinds on the month view (ranges split, extended, merged), working-hour blocks. */
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../engine/index';
import calendars from '../../catalogs/zhejiang-four-platforms/calendars.json';
import {
  addWorkingBlock,
  dayInfo,
  daysOfYear,
  isIsoDate,
  isWorkedDay,
  nextKind,
  removeWorkingBlock,
  setDayKind,
  setWorkingDays,
  updateWorkingBlock,
  workingMinutesPerDay,
  yearFromDays,
} from '../../studio/src/config/time-editors/calendar-model';

const cal = () => structuredClone(calendars[0]) as Calendar;
const holidays = (c: Calendar, year = '2026') => c.years[year].holidays.map((h) => `${h.name.zh} ${h.from}…${h.to}`);

describe('day kinds', () => {
  it.each([
    ['a National Day date', '2026-10-03', 'holiday', false],
    ['an adjusted Saturday', '2026-09-20', 'working', true],
    ['a plain Monday', '2026-06-15', 'normal', true],
    ['a plain Sunday', '2026-06-14', 'normal', false],
  ] as const)('%s', (_name, date, kind, worked) => {
    expect(dayInfo(cal(), date).kind).toBe(kind);
    expect(isWorkedDay(cal(), date)).toBe(worked);
  });

  it('cycles normal → holiday → adjusted working day → normal', () => {
    expect([nextKind('normal'), nextKind('holiday'), nextKind('working')]).toEqual(['holiday', 'working', 'normal']);
  });

  it('a new holiday next to none is its own range, in date order, named 节假日', () => {
    const c = setDayKind(cal(), '2026-07-15', 'holiday');
    expect(holidays(c)).toContain('节假日 2026-07-15…2026-07-15');
    expect(c.years['2026'].holidays.map((h) => h.from)).toEqual([...c.years['2026'].holidays.map((h) => h.from)].sort());
    expect(c.years['2026'].adjustedWorkingDays).toEqual(cal().years['2026'].adjustedWorkingDays);
  });

  it('a holiday the day after a range extends it under its name', () => {
    const c = setDayKind(cal(), '2026-10-08', 'holiday');
    expect(holidays(c)).toContain('国庆节 2026-10-01…2026-10-08');
    expect(c.years['2026'].holidays).toHaveLength(7);
  });

  it('a normal day in the middle of a range splits it; at its end shrinks it', () => {
    const split = setDayKind(cal(), '2026-10-04', 'normal');
    expect(holidays(split).filter((h) => h.startsWith('国庆节'))).toEqual(['国庆节 2026-10-01…2026-10-03', '国庆节 2026-10-05…2026-10-07']);
    expect(holidays(setDayKind(cal(), '2026-10-07', 'normal'))).toContain('国庆节 2026-10-01…2026-10-06');
    // and filling the gap again merges the two halves
    expect(holidays(setDayKind(split, '2026-10-04', 'holiday'))).toEqual(holidays(cal()));
  });

  it('an adjusted working day is worked for the nearest holiday; back to normal removes it', () => {
    const c = setDayKind(cal(), '2026-10-11', 'working');
    expect(c.years['2026'].adjustedWorkingDays.find((a) => a.date === '2026-10-11')).toEqual({ date: '2026-10-11', for: '国庆节' });
    expect(setDayKind(c, '2026-10-11', 'normal')).toEqual(cal());
  });

  it('a holiday made an adjusted working day leaves the range', () => {
    const c = setDayKind(cal(), '2026-01-03', 'working');
    expect(holidays(c)[0]).toBe('元旦 2026-01-01…2026-01-02');
    expect(dayInfo(c, '2026-01-03').kind).toBe('working');
  });

  it('a day in a year the calendar lacks opens that year with a source', () => {
    const c = setDayKind(cal(), '2027-01-01', 'holiday', { name: { zh: '元旦', en: "New Year's Day" }, source: '国务院办公厅通知' });
    expect(c.years['2027']).toEqual({ source: '国务院办公厅通知', holidays: [{ name: { zh: '元旦', en: "New Year's Day" }, from: '2027-01-01', to: '2027-01-01' }], adjustedWorkingDays: [] });
    expect(c.years['2026']).toBe(cal().years['2026'] === c.years['2026'] ? c.years['2026'] : c.years['2026']);
    expect(c.years['2026']).toEqual(cal().years['2026']);
  });

  it('refuses a date that does not exist', () => {
    const c = cal();
    expect(setDayKind(c, '2026-02-30', 'holiday')).toBe(c);
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-2-28')).toBe(false);
  });

  it('the same kind again changes nothing', () => {
    const c = cal();
    expect(setDayKind(c, '2026-10-02', 'holiday')).toBe(c);
    expect(setDayKind(c, '2026-06-15', 'normal')).toBe(c);
  });
});

describe('days of a year and back', () => {
  it('lists each holiday date and adjusted day once, in order, and regroups them as written', () => {
    const days = daysOfYear(cal(), '2026');
    expect(days).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7 + 6);
    expect(days[0]).toEqual({ date: '2026-01-01', kind: 'holiday', name: { zh: '元旦', en: "New Year's Day" } });
    expect(yearFromDays(days, cal().years['2026'].source)).toEqual(cal().years['2026']);
  });
});

describe('working hours', () => {
  it('adds a block after the last, edits and removes it, keeps one', () => {
    let c = addWorkingBlock(cal());
    expect(c.workingHours.at(-1)).toEqual({ from: '18:30', to: '19:30' });
    c = updateWorkingBlock(c, 2, { from: '18:00', to: '20:00' });
    expect(workingMinutesPerDay(c)).toBe(7.5 * 60 + 120);
    c = removeWorkingBlock(removeWorkingBlock(removeWorkingBlock(c, 2), 1), 0);
    expect(c.workingHours).toEqual([{ from: '08:30', to: '12:00' }]);
  });

  it('sets the working weekdays in order', () => {
    expect(setWorkingDays(cal(), [6, 1, 2]).workingDays).toEqual([1, 2, 6]);
  });
});
