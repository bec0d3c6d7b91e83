/**
 * Wall-clock time in the county's time zone (Asia/Shanghai unless the config says otherwise),
 * whatever the browser's own zone is: the engine and the runtime count in the county's zone.
 * Built on the engine's zoned-time module, so the page and the server agree to the minute.
 */
import { formatIsoDate, formatZoned, fromZoned, toZoned, type LocalDateTime } from '../../../engine/sla/zoned-time';

export type WallTime = LocalDateTime;

export const wallTime = (epochMs: number, timeZone: string): WallTime => toZoned(epochMs, timeZone);

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm`, the value of an `<input type="datetime-local">`. */
export function toLocalInput(epochMs: number, timeZone: string): string {
  const w = toZoned(epochMs, timeZone);
  return `${formatIsoDate(w)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export function fromLocalInput(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  return fromZoned({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] }, timeZone);
}

/** ISO 8601 with the zone's offset, e.g. `2026-06-18T10:00:00+08:00` (the format of test cases). */
export const toIsoWithOffset = (epochMs: number, timeZone: string): string => formatZoned(Math.floor(epochMs / 1000) * 1000, timeZone);

/** `YYYY-MM-DD` of the instant in the zone. */
export const dateOf = (epochMs: number, timeZone: string): string => formatIsoDate(toZoned(epochMs, timeZone));

/** Midnight (start of the local day) of the instant's day in the zone. */
export function startOfDay(epochMs: number, timeZone: string): number {
  const w = toZoned(epochMs, timeZone);
  return fromZoned({ year: w.year, month: w.month, day: w.day }, timeZone);
}

/** The next local midnight after the start of the instant's day. */
export function nextDay(midnight: number, timeZone: string): number {
  return startOfDay(midnight + 36 * 3_600_000, timeZone);
}

export function formatDateTime(value: number | string, timeZone: string, language: 'zh' | 'en'): string {
  const epoch = typeof value === 'string' ? Date.parse(value) : value;
  if (!Number.isFinite(epoch)) return String(value);
  if (language === 'zh') return new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).format(new Date(epoch));
  // English: "Sat 5 Dec 2026, 04:33" — a numeric 05/12/2026 reads as May to half the world
  return new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).format(new Date(epoch));
}
