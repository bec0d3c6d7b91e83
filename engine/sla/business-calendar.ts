/**
 * Working time on a county's business calendar: which days are worked (weekdays, public holidays,
 * adjusted working days 调休) and which hours of them, in the county's time zone.
 */
import type { Calendar } from '../schema/config-schema';
import {
  DAY_MS,
  MINUTE_MS,
  assertTimeZone,
  dateOfDayNumber,
  dayNumber,
  parseIsoDate,
  wallToEpoch,
  weekdayOfDayNumber,
  type LocalDate,
} from './zoned-time';

/** A calendar that cannot be used as given. The config compiler reports these earlier, as issues. */
export class CalendarError extends Error {
  constructor(
    readonly code: 'invalid-working-hours' | 'invalid-holiday-range' | 'no-working-time' | 'invalid-duration',
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

interface Day {
  /** Days since 1970-01-01 of the local date. */
  day: number;
  year: number;
  /** Instants of the local midnight that opens the day and of the one that closes it. */
  start: number;
  end: number;
  /** Working intervals as instants, flat: [from0, to0, from1, to1, ...]. */
  intervals: number[];
  /** Sum of the intervals' lengths. */
  workMs: number;
}

/** A walk that finds no working time at all in this many consecutive days gives up. */
const MAX_IDLE_DAYS = 800;
/** The per-day cache is dropped past this size (about 27 years of days). */
const MAX_CACHED_DAYS = 10_000;

const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

function minutesOf(time: string): number {
  const match = LOCAL_TIME.exec(time);
  const minutes = match === null || Number(match[2]) > 59 ? NaN : Number(match[1]) * 60 + Number(match[2]);
  if (!(minutes >= 0 && minutes <= 1440)) {
    throw new CalendarError('invalid-working-hours', `"${time}" is not a time of day HH:MM (00:00–24:00)`);
  }
  return minutes;
}

function dayNumberOf(date: string | LocalDate): number {
  return dayNumber(typeof date === 'string' ? parseIsoDate(date) : date);
}

/**
 * A county's business calendar in its time zone. Days are computed lazily and cached, so the
 * walks of `addWorking` cost a few map look-ups per day once a day has been seen.
 *
 * Years missing from `calendar.years` are treated as plain weeks (the `workingDays`, no holidays);
 * {@link BusinessCalendar.uncoveredYears} names them so a plan can warn `calendar-year-missing:YYYY`.
 *
 * @example
 * const cal = new BusinessCalendar(calendarConfig, 'Asia/Shanghai');
 * cal.addWorking(Date.parse('2026-09-30T16:30:00+08:00'), 2 * 3_600_000);
 * // → instant of 2026-10-08T09:30:00+08:00 (National Day holiday skipped)
 */
export class BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  /** Working hours as minutes of the day, sorted and merged: [from0, to0, from1, to1, ...]. */
  private readonly hours: number[];
  private readonly workingWeekdays: ReadonlySet<number>;
  private readonly holidays = new Set<number>();
  private readonly adjusted = new Set<number>();
  private readonly coveredYears: ReadonlySet<number>;
  private readonly days = new Map<number, Day>();
  private readonly midnights = new Map<number, number>();
  /** Offset of the day last looked up, to guess the local day of an instant without `Intl`. */
  private lastOffset = 0;

  constructor(calendar: Calendar, timeZone: string) {
    assertTimeZone(timeZone);
    this.id = calendar.id;
    this.timeZone = timeZone;
    this.hours = BusinessCalendar.mergeHours(calendar.workingHours);
    this.workingWeekdays = new Set(calendar.workingDays);
    this.coveredYears = new Set(Object.keys(calendar.years).map(Number));
    for (const year of Object.values(calendar.years)) {
      for (const holiday of year.holidays) {
        const from = dayNumberOf(holiday.from);
        const to = dayNumberOf(holiday.to);
        if (to < from) {
          throw new CalendarError('invalid-holiday-range', `Holiday ${holiday.name.en} ends (${holiday.to}) before it starts (${holiday.from})`);
        }
        for (let d = from; d <= to; d++) this.holidays.add(d);
      }
      for (const adjusted of year.adjustedWorkingDays) this.adjusted.add(dayNumberOf(adjusted.date));
    }
  }

  private static mergeHours(ranges: Calendar['workingHours']): number[] {
    const sorted = ranges
      .map((r) => {
        const from = minutesOf(r.from);
        const to = minutesOf(r.to);
        if (to <= from) throw new CalendarError('invalid-working-hours', `Working hours ${r.from}–${r.to} end before they start`);
        return [from, to] as const;
      })
      .sort((a, b) => a[0] - b[0]);
    const merged: number[] = [];
    for (const [from, to] of sorted) {
      const last = merged.length - 1;
      if (last > 0 && from <= merged[last]) merged[last] = Math.max(merged[last], to);
      else merged.push(from, to);
    }
    return merged;
  }

  /** Whether the calendar lists the year (its holidays and adjusted days are known). */
  coversYear(year: number): boolean {
    return this.coveredYears.has(year);
  }

  /** A public holiday (listed in the calendar), whatever the weekday. */
  isHoliday(date: string | LocalDate): boolean {
    return this.holidays.has(dayNumberOf(date));
  }

  /**
   * Adjusted working days are worked even on a weekend; holidays are not worked even on a
   * weekday; other days follow `workingDays`. A day listed as both counts as adjusted (worked).
   */
  isWorkingDay(date: string | LocalDate): boolean {
    return this.isWorkingDayNumber(dayNumberOf(date));
  }

  private isWorkingDayNumber(day: number): boolean {
    if (this.adjusted.has(day)) return true;
    if (this.holidays.has(day)) return false;
    return this.workingWeekdays.has(weekdayOfDayNumber(day));
  }

  /** Inside working hours of a working day (interval starts inclusive, ends exclusive). */
  isWorkingTime(epochMs: number): boolean {
    const iv = this.dayOf(epochMs).intervals;
    for (let i = 0; i < iv.length; i += 2) if (epochMs >= iv[i] && epochMs < iv[i + 1]) return true;
    return false;
  }

  /**
   * The instant at which `durationMs` of working time has elapsed after `startMs`. A start outside
   * working hours begins counting at the next working interval; a deadline that exhausts an
   * interval exactly is that interval's end (17:30, not 08:30 of the next working day).
   */
  addWorking(startMs: number, durationMs: number): number {
    checkDuration(durationMs);
    if (durationMs === 0) return startMs;
    let remaining = durationMs;
    let t = startMs;
    let day = this.dayOf(startMs);
    for (let idle = 0; ; ) {
      if (t <= day.start && day.workMs < remaining) {
        remaining -= day.workMs;
      } else {
        const iv = day.intervals;
        for (let i = 0; i < iv.length; i += 2) {
          if (iv[i + 1] <= t) continue;
          const from = iv[i] > t ? iv[i] : t;
          const available = iv[i + 1] - from;
          if (remaining <= available) return from + remaining;
          remaining -= available;
        }
      }
      idle = day.workMs > 0 ? 0 : idle + 1;
      if (idle > MAX_IDLE_DAYS) throw noWorkingTime(this.id);
      day = this.dayAt(day.day + 1);
      t = day.start;
    }
  }

  /**
   * The latest instant from which `durationMs` of working time elapses by `endMs`: for reminders
   * "N working hours before the deadline".
   */
  addWorkingBackward(endMs: number, durationMs: number): number {
    checkDuration(durationMs);
    if (durationMs === 0) return endMs;
    let remaining = durationMs;
    let t = endMs;
    let day = this.dayOf(endMs);
    for (let idle = 0; ; ) {
      if (t >= day.end && day.workMs < remaining) {
        remaining -= day.workMs;
      } else {
        const iv = day.intervals;
        for (let i = iv.length - 2; i >= 0; i -= 2) {
          if (iv[i] >= t) continue;
          const to = iv[i + 1] < t ? iv[i + 1] : t;
          const available = to - iv[i];
          if (remaining <= available) return to - remaining;
          remaining -= available;
        }
      }
      idle = day.workMs > 0 ? 0 : idle + 1;
      if (idle > MAX_IDLE_DAYS) throw noWorkingTime(this.id);
      day = this.dayAt(day.day - 1);
      t = day.end;
    }
  }

  /** Working milliseconds between two instants; negative when `bMs` is before `aMs`. */
  workingBetween(aMs: number, bMs: number): number {
    if (bMs < aMs) return -this.workingBetween(bMs, aMs);
    let total = 0;
    for (let day = this.dayOf(aMs); day.start < bMs; day = this.dayAt(day.day + 1)) {
      if (day.start >= aMs && day.end <= bMs) {
        total += day.workMs;
        continue;
      }
      const iv = day.intervals;
      for (let i = 0; i < iv.length; i += 2) {
        const from = iv[i] > aMs ? iv[i] : aMs;
        const to = iv[i + 1] < bMs ? iv[i + 1] : bMs;
        if (to > from) total += to - from;
      }
    }
    return total;
  }

  /**
   * Years between the local dates of two instants (inclusive, in either order) that the calendar
   * does not list: a computation over that span assumed plain weeks there.
   */
  uncoveredYears(aMs: number, bMs: number): number[] {
    const a = this.dayOf(Math.min(aMs, bMs)).year;
    const b = this.dayOf(Math.max(aMs, bMs)).year;
    const missing: number[] = [];
    for (let y = a; y <= b; y++) if (!this.coveredYears.has(y)) missing.push(y);
    return missing;
  }

  /** The local day containing an instant. */
  private dayOf(epochMs: number): Day {
    let day = this.dayAt(Math.floor((epochMs + this.lastOffset) / DAY_MS));
    while (epochMs < day.start) day = this.dayAt(day.day - 1);
    while (epochMs >= day.end) day = this.dayAt(day.day + 1);
    this.lastOffset = day.day * DAY_MS - day.start;
    return day;
  }

  private midnight(day: number): number {
    let at = this.midnights.get(day);
    if (at === undefined) {
      at = wallToEpoch(day * DAY_MS, this.timeZone);
      this.midnights.set(day, at);
    }
    return at;
  }

  private dayAt(dayNo: number): Day {
    const cached = this.days.get(dayNo);
    if (cached !== undefined) return cached;
    if (this.days.size >= MAX_CACHED_DAYS) {
      this.days.clear();
      this.midnights.clear();
    }
    const start = this.midnight(dayNo);
    const end = this.midnight(dayNo + 1);
    const intervals: number[] = [];
    let workMs = 0;
    if (this.isWorkingDayNumber(dayNo)) {
      // Without a clock change that day, local minutes map linearly onto instants.
      const steady = end - start === DAY_MS;
      const wall = dayNo * DAY_MS;
      for (let i = 0; i < this.hours.length; i += 2) {
        const from = steady ? start + this.hours[i] * MINUTE_MS : wallToEpoch(wall + this.hours[i] * MINUTE_MS, this.timeZone);
        const to = steady ? start + this.hours[i + 1] * MINUTE_MS : wallToEpoch(wall + this.hours[i + 1] * MINUTE_MS, this.timeZone);
        if (to > from) {
          intervals.push(from, to);
          workMs += to - from;
        }
      }
    }
    const result: Day = { day: dayNo, year: dateOfDayNumber(dayNo).year, start, end, intervals, workMs };
    this.days.set(dayNo, result);
    return result;
  }
}

function checkDuration(durationMs: number): void {
  if (!(durationMs >= 0) || !Number.isFinite(durationMs)) {
    throw new CalendarError('invalid-duration', `Duration must be a finite number of milliseconds ≥ 0, got ${durationMs}`);
  }
}

function noWorkingTime(id: string): CalendarError {
  return new CalendarError('no-working-time', `Calendar ${id} has no working time in ${MAX_IDLE_DAYS} consecutive days`);
}
