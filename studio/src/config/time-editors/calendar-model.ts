/**
 * A working calendar as the calendar editor edits it: the weekdays worked, the working-hour
 * blocks of a working day, and per year the public holidays (named date ranges) and adjusted
 * working days (调休: a weekend day worked for a holiday). A day is one of three kinds on the
 * month view; clicking cycles normal → holiday → adjusted working day → normal, and the ranges
 * are split, extended and merged so the section stays as a person would write it.
 */
import type { Calendar, I18nText } from '../../../../engine/index';
import { isObject, removeAt, replaceAt, withKey } from './object-edits';

export type DayKind = 'normal' | 'holiday' | 'working';
export type CalendarYear = Calendar['years'][string];
export type Holiday = CalendarYear['holidays'][number];
export type AdjustedDay = CalendarYear['adjustedWorkingDays'][number];
export type WorkingBlock = Calendar['workingHours'][number];

export const DAY_KINDS: readonly DayKind[] = ['normal', 'holiday', 'working'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendars when the section has the shape the editor understands, else null. */
export function readCalendars(value: unknown): Calendar[] | null {
  if (!Array.isArray(value)) return null;
  const ok = value.every((c) => isObject(c) && Array.isArray(c.workingDays) && Array.isArray(c.workingHours) && isObject(c.years) && Object.values(c.years).every((y) => isObject(y) && Array.isArray(y.holidays) && Array.isArray(y.adjustedWorkingDays)));
  return ok ? (value as Calendar[]) : null;
}

/** Whether `text` is a real date YYYY-MM-DD (no 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The date `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

export interface DayInfo {
  kind: DayKind;
  /** The holiday's name, or for an adjusted working day the holiday it is worked for. */
  holiday?: Holiday;
  adjusted?: AdjustedDay;
  /** Whether the weekday is a working day of the calendar (before holidays and adjustments). */
  weekdayWorked: boolean;
}

/** What a date is on the calendar. */
export function dayInfo(calendar: Calendar, date: string): DayInfo {
  const weekdayWorked = calendar.workingDays.includes(isoWeekday(date));
  for (const year of Object.values(calendar.years)) {
    const holiday = year.holidays.find((h) => h.from <= date && date <= h.to);
    if (holiday) return { kind: 'holiday', holiday, weekdayWorked };
  }
  for (const year of Object.values(calendar.years)) {
    const adjusted = year.adjustedWorkingDays.find((a) => a.date === date);
    if (adjusted) return { kind: 'working', adjusted, weekdayWorked };
  }
  return { kind: 'normal', weekdayWorked };
}

/** Whether people work on that date: a working weekday that is no holiday, or an adjusted working day. */
export function isWorkedDay(calendar: Calendar, date: string): boolean {
  const info = dayInfo(calendar, date);
  return info.kind === 'working' || (info.kind === 'normal' && info.weekdayWorked);
}

/** The kind a click on a day of this kind gives. */
export function nextKind(kind: DayKind): DayKind {
  return DAY_KINDS[(DAY_KINDS.indexOf(kind) + 1) % DAY_KINDS.length];
}

export interface DayKindOptions {
  /** A new holiday's name; by default the name of an adjacent holiday, else 节假日 / Holiday. */
  name?: I18nText;
  /** What an adjusted working day is worked for; by default the nearest holiday's Chinese name. */
  for?: string;
  /** The source of a year the calendar does not have yet. */
  source?: string;
}

export const DEFAULT_HOLIDAY_NAME: I18nText = { zh: '节假日', en: 'Holiday' };
export const MANUAL_SOURCE = '手工录入 (entered by hand)';

/**
 * The calendar with `date` made a holiday, an adjusted working day, or a normal day.
 * @example
 * setDayKind(calendar, '2026-10-08', 'holiday') // National Day's range extended to 10-08
 */
export function setDayKind(calendar: Calendar, date: string, kind: DayKind, options: DayKindOptions = {}): Calendar {
  if (!isIsoDate(date)) return calendar;
  const before = dayInfo(calendar, date);
  const sameName = (a: I18nText, b: I18nText) => a.zh === b.zh && a.en === b.en;
  if (kind === before.kind && (kind !== 'holiday' || !options.name || sameName(options.name, before.holiday!.name))) return calendar;
  let years = Object.fromEntries(Object.entries(calendar.years).map(([key, year]) => [key, clearDay(year, date)]));
  // keep years that were untouched identical (same object) so nothing but the day changes
  years = Object.fromEntries(Object.entries(years).map(([key, year]) => [key, sameYear(year, calendar.years[key]) ? calendar.years[key] : year]));
  if (kind !== 'normal') {
    const key = date.slice(0, 4);
    const year = years[key] ?? { source: options.source ?? MANUAL_SOURCE, holidays: [], adjustedWorkingDays: [] };
    years = { ...years, [key]: kind === 'holiday' ? addHoliday(year, date, options.name ?? nearHolidayName(calendar, date) ?? DEFAULT_HOLIDAY_NAME) : addAdjusted(year, date, options.for ?? nearestHoliday(calendar, date)?.name.zh ?? '') };
  }
  return withKey(calendar, 'years', years);
}

function sameYear(a: CalendarYear, b: CalendarYear | undefined): boolean {
  return b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** The year without `date` in any holiday range (split or shrunk) or adjusted day. */
function clearDay(year: CalendarYear, date: string): CalendarYear {
  const holidays = year.holidays.flatMap((h): Holiday[] => {
    if (date < h.from || date > h.to) return [h];
    const parts: Holiday[] = [];
    if (h.from < date) parts.push({ ...h, to: addDays(date, -1) });
    if (date < h.to) parts.push({ ...h, from: addDays(date, 1) });
    return parts;
  });
  const adjusted = year.adjustedWorkingDays.filter((a) => a.date !== date);
  let out = year;
  if (holidays.length !== year.holidays.length || holidays.some((h, i) => h !== year.holidays[i])) out = withKey(out, 'holidays', holidays);
  if (adjusted.length !== year.adjustedWorkingDays.length) out = withKey(out, 'adjustedWorkingDays', adjusted);
  return out;
}

function addHoliday(year: CalendarYear, date: string, name: I18nText): CalendarYear {
  const same = (h: Holiday) => h.name.zh === name.zh && h.name.en === name.en;
  const before = year.holidays.findIndex((h) => same(h) && h.to === addDays(date, -1));
  const after = year.holidays.findIndex((h) => same(h) && h.from === addDays(date, 1));
  let holidays = year.holidays;
  if (before >= 0 && after >= 0) {
    const merged = { ...holidays[before], to: holidays[after].to };
    holidays = removeAt(replaceAt(holidays, before, () => merged), after);
  } else if (before >= 0) holidays = replaceAt(holidays, before, (h) => ({ ...h, to: date }));
  else if (after >= 0) holidays = replaceAt(holidays, after, (h) => ({ ...h, from: date }));
  else {
    const at = holidays.findIndex((h) => h.from > date);
    const added: Holiday = { name, from: date, to: date };
    holidays = at < 0 ? [...holidays, added] : [...holidays.slice(0, at), added, ...holidays.slice(at)];
  }
  return withKey(year, 'holidays', holidays);
}

function addAdjusted(year: CalendarYear, date: string, forHoliday: string): CalendarYear {
  const list = year.adjustedWorkingDays;
  const at = list.findIndex((a) => a.date > date);
  const added: AdjustedDay = { date, for: forHoliday };
  return withKey(year, 'adjustedWorkingDays', at < 0 ? [...list, added] : [...list.slice(0, at), added, ...list.slice(at)]);
}

/** The name of a holiday that ends the day before or starts the day after `date`. */
function nearHolidayName(calendar: Calendar, date: string): I18nText | undefined {
  const prev = dayInfo(calendar, addDays(date, -1)).holiday;
  return (prev ?? dayInfo(calendar, addDays(date, 1)).holiday)?.name;
}

/** The holiday closest in time to `date` (for what an adjusted working day is worked for). */
export function nearestHoliday(calendar: Calendar, date: string): Holiday | undefined {
  const distance = (h: Holiday) => (date < h.from ? daysBetween(date, h.from) : date > h.to ? daysBetween(h.to, date) : 0);
  let best: Holiday | undefined;
  for (const year of Object.values(calendar.years)) for (const h of year.holidays) if (!best || distance(h) < distance(best)) best = h;
  return best && distance(best) <= 31 ? best : undefined;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** One day of a year, in date order: what the month view shows and what an import brings. */
export interface CalendarDay {
  date: string;
  kind: Exclude<DayKind, 'normal'>;
  /** Holiday name; for a working day, the holiday it is worked for (`for`). */
  name: I18nText;
}

/** Every holiday and adjusted working day listed under `year`, one entry per date, in date order. */
export function daysOfYear(calendar: Calendar, year: string): CalendarDay[] {
  const entry = calendar.years[year];
  if (!entry) return [];
  const days: CalendarDay[] = [];
  for (const h of entry.holidays) for (let d = h.from; d <= h.to && days.length < 4000; d = addDays(d, 1)) days.push({ date: d, kind: 'holiday', name: h.name });
  for (const a of entry.adjustedWorkingDays) days.push({ date: a.date, kind: 'working', name: { zh: a.for, en: a.for } });
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** A year built from its days: consecutive holidays of one name become one range. */
export function yearFromDays(days: readonly CalendarDay[], source: string): CalendarYear {
  let calendar: Calendar = { id: 'x', name: DEFAULT_HOLIDAY_NAME, workingDays: [], workingHours: [], years: {} };
  for (const day of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    calendar = setDayKind(calendar, day.date, day.kind, { name: day.name, for: day.name.zh, source });
  }
  const year = Object.values(calendar.years)[0] ?? { source, holidays: [], adjustedWorkingDays: [] };
  return { ...year, source };
}

export function setWorkingDays(calendar: Calendar, weekdays: readonly number[]): Calendar {
  return withKey(calendar, 'workingDays', [...weekdays].sort((a, b) => a - b));
}

/** Adds a working-hour block after the last one (an hour after it ends, an hour long, within the day). */
export function addWorkingBlock(calendar: Calendar): Calendar {
  const last = calendar.workingHours.at(-1);
  const start = last ? Math.min(minutes(last.to) + 60, 22 * 60) : 9 * 60;
  return withKey(calendar, 'workingHours', [...calendar.workingHours, { from: clock(start), to: clock(Math.min(start + 60, 24 * 60)) }]);
}

export function updateWorkingBlock(calendar: Calendar, index: number, block: WorkingBlock): Calendar {
  return withKey(calendar, 'workingHours', replaceAt(calendar.workingHours, index, (b) => ({ ...b, ...block })));
}

/** Removes a block; a calendar keeps at least one (the schema wants one). */
export function removeWorkingBlock(calendar: Calendar, index: number): Calendar {
  return calendar.workingHours.length <= 1 ? calendar : withKey(calendar, 'workingHours', removeAt(calendar.workingHours, index));
}

/** Working minutes of a working day; the editor shows it as hours a day. */
export function workingMinutesPerDay(calendar: Calendar): number {
  return calendar.workingHours.reduce((sum, b) => sum + Math.max(0, minutes(b.to) - minutes(b.from)), 0);
}

const minutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
};
const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

export function setYearSource(calendar: Calendar, year: string, source: string): Calendar {
  const entry = calendar.years[year];
  return entry ? withKey(calendar, 'years', { ...calendar.years, [year]: withKey(entry, 'source', source) }) : calendar;
}

export function updateHoliday(calendar: Calendar, year: string, index: number, patch: Partial<Holiday>): Calendar {
  const entry = calendar.years[year];
  if (!entry) return calendar;
  return withKey(calendar, 'years', { ...calendar.years, [year]: withKey(entry, 'holidays', replaceAt(entry.holidays, index, (h) => ({ ...h, ...patch }))) });
}

export function removeHoliday(calendar: Calendar, year: string, index: number): Calendar {
  const entry = calendar.years[year];
  return entry ? withKey(calendar, 'years', { ...calendar.years, [year]: withKey(entry, 'holidays', removeAt(entry.holidays, index)) }) : calendar;
}

export function updateAdjusted(calendar: Calendar, year: string, index: number, patch: Partial<AdjustedDay>): Calendar {
  const entry = calendar.years[year];
  if (!entry) return calendar;
  return withKey(calendar, 'years', { ...calendar.years, [year]: withKey(entry, 'adjustedWorkingDays', replaceAt(entry.adjustedWorkingDays, index, (a) => ({ ...a, ...patch }))) });
}

export function removeAdjusted(calendar: Calendar, year: string, index: number): Calendar {
  const entry = calendar.years[year];
  return entry ? withKey(calendar, 'years', { ...calendar.years, [year]: withKey(entry, 'adjustedWorkingDays', removeAt(entry.adjustedWorkingDays, index)) }) : calendar;
}
