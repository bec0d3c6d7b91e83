/**
 * Local dates and times of an IANA time zone, computed with `Intl.DateTimeFormat` only, so the
 * engine runs unchanged in Node and in the browser and never depends on the host's time zone.
 *
 * Two representations are used throughout the SLA code:
 * - an **instant**: epoch milliseconds (UTC), what the engine stores and compares;
 * - a **wall-clock time**: the local date and time written as if it were UTC epoch milliseconds
 *   (`2026-10-01T08:30` local → `Date.UTC(2026, 9, 1, 8, 30)`). Plain integer arithmetic on it
 *   gives calendar days (`Math.floor(wall / DAY_MS)`) and times of day without any `Date` parsing.
 *
 * Date arithmetic uses Howard Hinnant's civil-day algorithms, so no `Date` object is involved.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A calendar date; `month` 1–12, `day` 1–31. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The local reading of an instant in a time zone. */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: IsoWeekday;
  /** Offset from UTC in milliseconds at that instant (+08:00 → 28 800 000). */
  offsetMs: number;
}

/** A local date plus an optional time of day (defaults 0). */
export interface LocalDateTimeInput extends LocalDate {
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** The time zone name is not one `Intl` knows. A misuse the config author can fix. */
export class InvalidTimeZoneError extends Error {
  readonly code = 'invalid-time-zone';
  constructor(readonly timeZone: string, options?: { cause?: unknown }) {
    super(`Unknown time zone "${timeZone}"; use an IANA name such as Asia/Shanghai`, options);
    this.name = 'InvalidTimeZoneError';
  }
}

/** A date string is not `YYYY-MM-DD` or names no real day. */
export class InvalidDateError extends Error {
  readonly code = 'invalid-date';
  constructor(readonly value: string) {
    super(`"${value}" is not a date of the form YYYY-MM-DD`);
    this.name = 'InvalidDateError';
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (cause) {
      throw new InvalidTimeZoneError(timeZone, { cause });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws {@link InvalidTimeZoneError} unless `timeZone` is a zone `Intl` knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`). */
export function dayNumber(date: LocalDate): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date `days` days after 1970-01-01 (Hinnant's `civil_from_days`). */
export function dateOfDayNumber(days: number): LocalDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(days: number): IsoWeekday {
  return ((((days + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` strictly (2026-02-30 is rejected) with {@link InvalidDateError}. */
export function parseIsoDate(value: string): LocalDate {
  const match = ISO_DATE.exec(value);
  if (match === null) throw new InvalidDateError(value);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const back = dateOfDayNumber(dayNumber(date));
  if (back.month !== date.month || back.day !== date.day) throw new InvalidDateError(value);
  return date;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a date. */
export function formatIsoDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * Offset of the zone from UTC at an instant, in milliseconds. One `formatToParts` call; the
 * offset is read at whole-second precision, which is all the tz database has.
 */
export function offsetAt(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  for (const part of formatterFor(timeZone).formatToParts(whole)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value) % 24; break; // some engines print midnight as 24
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      default: break;
    }
  }
  const wall = dayNumber({ year, month, day }) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000;
  return wall - whole;
}

/** The wall-clock time (see the file comment) of an instant in a zone. */
export function epochToWall(epochMs: number, timeZone: string): number {
  return epochMs + offsetAt(epochMs, timeZone);
}

/**
 * The instant at which the zone's clocks show `wallMs`. Resolves like Temporal's
 * `disambiguation: 'compatible'`: a time skipped by a forward jump (02:30 on a spring-forward
 * night) moves forward by the gap; a time shown twice (fall-back night) takes the earlier instant.
 */
export function wallToEpoch(wallMs: number, timeZone: string): number {
  const before = offsetAt(wallMs - DAY_MS, timeZone);
  const after = offsetAt(wallMs + DAY_MS, timeZone);
  // No transition within a day either side (the tz database has no pair of transitions that
  // close together in the years this engine serves), so the offset is unambiguous.
  if (before === after) return wallMs - before;
  const earlier = wallMs - before;
  const later = wallMs - after;
  const earlierValid = offsetAt(earlier, timeZone) === before;
  const laterValid = offsetAt(later, timeZone) === after;
  if (earlierValid && laterValid) return Math.min(earlier, later);
  if (earlierValid) return earlier;
  if (laterValid) return later;
  return wallMs - before; // in a gap: shift forward by the gap's length
}

/** The local date, time, weekday and offset of an instant in a zone. */
export function toZoned(epochMs: number, timeZone: string): LocalDateTime {
  const offsetMs = offsetAt(epochMs, timeZone);
  const wall = epochMs + offsetMs;
  const days = Math.floor(wall / DAY_MS);
  let rest = wall - days * DAY_MS;
  const hour = Math.floor(rest / HOUR_MS);
  rest -= hour * HOUR_MS;
  const minute = Math.floor(rest / MINUTE_MS);
  rest -= minute * MINUTE_MS;
  const second = Math.floor(rest / 1000);
  return {
    ...dateOfDayNumber(days),
    hour,
    minute,
    second,
    millisecond: rest - second * 1000,
    weekday: weekdayOfDayNumber(days),
    offsetMs,
  };
}

/** The instant of a local date and time in a zone (see {@link wallToEpoch} for gaps and overlaps). */
export function fromZoned(local: LocalDateTimeInput, timeZone: string): number {
  const wall =
    dayNumber(local) * DAY_MS +
    (local.hour ?? 0) * HOUR_MS +
    (local.minute ?? 0) * MINUTE_MS +
    (local.second ?? 0) * 1000 +
    (local.millisecond ?? 0);
  return wallToEpoch(wall, timeZone);
}

/**
 * RFC 3339 text of an instant in a zone, e.g. `2026-10-08T08:30:00+08:00` (milliseconds only
 * when non-zero). For explanations, logs and tests.
 */
export function formatZoned(epochMs: number, timeZone: string): string {
  const t = toZoned(epochMs, timeZone);
  const sign = t.offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(t.offsetMs);
  const offH = Math.floor(abs / HOUR_MS);
  const offM = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  const offS = Math.floor((abs % MINUTE_MS) / 1000);
  const ms = t.millisecond === 0 ? '' : `.${pad(t.millisecond, 3)}`;
  return (
    `${formatIsoDate(t)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${ms}` +
    `${sign}${pad(offH)}:${pad(offM)}${offS === 0 ? '' : `:${pad(offS)}`}`
  );
}
