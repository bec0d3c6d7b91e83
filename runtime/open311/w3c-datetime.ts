/**
 * Open311 datetimes: the W3C profile of ISO 8601, always with a zone offset. Responses are written
 * in the county's time zone (`2026-06-18T10:00:00+08:00`); requests may use any offset or `Z`, and a
 * bare date (`2026-06-18`) means that whole day in the county's zone: it starts at that midnight
 * and ends at the next one (exclusive). So `start_date=2026-06-18` is read as its midnight, and
 * `end_date=2026-06-18` includes the whole of the 18th, as a person reading the query expects.
 */
import { dateOfDayNumber, dayNumber, formatZoned, fromZoned } from '../../engine/sla/zoned-time';

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The instant as a W3C datetime in `timeZone`, to the second. */
export function formatW3c(epochMs: number, timeZone: string): string {
  return formatZoned(Math.floor(epochMs / 1000) * 1000, timeZone);
}

/**
 * What a W3C date or datetime covers: a datetime is one instant (`start === end`,
 * `wholeDay: false`); a bare date is its day in `timeZone`, from its midnight (`start`) to the
 * next midnight (`end`, exclusive).
 */
export interface W3cSpan {
  start: number;
  end: number;
  wholeDay: boolean;
}

/** The span of a W3C date or datetime (a time needs an offset), or null when the text is not one. */
export function parseW3cSpan(text: string, timeZone: string): W3cSpan | null {
  const m = W3C.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, , zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (h === undefined) {
    // Midnight to midnight in the zone: not always 24 hours where the clocks change.
    const start = fromZoned({ year, month, day }, timeZone);
    const end = fromZoned(dateOfDayNumber(dayNumber({ year, month, day }) + 1), timeZone);
    return { start, end, wholeDay: true };
  }
  if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return null;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return null;
  const parsed = Date.parse(text.trim());
  return Number.isFinite(parsed) ? { start: parsed, end: parsed, wholeDay: false } : null;
}

/** Epoch ms of a W3C date (its midnight in `timeZone`) or datetime, or null when the text is not one. */
export function parseW3c(text: string, timeZone: string): number | null {
  return parseW3cSpan(text, timeZone)?.start ?? null;
}
