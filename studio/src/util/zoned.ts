/**
 * Wall-clock time in the county's time zone (Asia/Shanghai unless the config says otherwise),
 * whatever the browser's own zone is: the engine and the runtime count in the county's zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallTime(epochMs: number, timeZone: string): WallTime {
  const parts = Object.fromEntries(partsFormatter(timeZone).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute, second: +parts.second };
}

/** Offset of the zone from UTC at an instant, in milliseconds (+8 h for Asia/Shanghai). */
export function offsetMs(epochMs: number, timeZone: string): number {
  const w = wallTime(epochMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(epochMs / 1000) * 1000;
}

/** The instant of a wall-clock time in the zone. */
export function fromWall(w: Pick<WallTime, 'year' | 'month' | 'day'> & Partial<WallTime>, timeZone: string): number {
  const utc = Date.UTC(w.year, w.month - 1, w.day, w.hour ?? 0, w.minute ?? 0, w.second ?? 0);
  let epoch = utc - offsetMs(utc, timeZone);
  epoch = utc - offsetMs(epoch, timeZone);
  return epoch;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DDTHH:mm`, the value of an `<input type="datetime-local">`. */
export function toLocalInput(epochMs: number, timeZone: string): string {
  const w = wallTime(epochMs, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export function fromLocalInput(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  return fromWall({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] }, timeZone);
}

/** ISO 8601 with the zone's offset, e.g. `2026-06-18T10:00:00+08:00` (the format of test cases). */
export function toIsoWithOffset(epochMs: number, timeZone: string): string {
  const w = wallTime(epochMs, timeZone);
  const off = offsetMs(epochMs, timeZone) / 60_000;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function dateOf(epochMs: number, timeZone: string): string {
  const w = wallTime(epochMs, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Midnight (start of the local day) of the instant's day in the zone. */
export function startOfDay(epochMs: number, timeZone: string): number {
  const w = wallTime(epochMs, timeZone);
  return fromWall({ year: w.year, month: w.month, day: w.day }, timeZone);
}

/** The next local midnight after the start of the instant's day. */
export function nextDay(midnight: number, timeZone: string): number {
  const w = wallTime(midnight + 36 * 3_600_000, timeZone);
  return fromWall({ year: w.year, month: w.month, day: w.day }, timeZone);
}

export function formatDateTime(value: number | string, timeZone: string, language: 'zh' | 'en'): string {
  const epoch = typeof value === 'string' ? Date.parse(value) : value;
  if (!Number.isFinite(epoch)) return String(value);
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).format(new Date(epoch));
}
