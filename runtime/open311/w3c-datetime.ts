/**
 * Open311 datetimes: the W3C profile of ISO 8601, always with a zone offset. Responses are written
 * in the county's time zone (`2026-06-18T10:00:00+08:00`); requests may use any offset or `Z`, and a
 * bare date means midnight in the county's zone.
 */
import { formatZoned, fromZoned } from '../../engine/sla/zoned-time';

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The instant as a W3C datetime in `timeZone`, to the second. */
export function formatW3c(epochMs: number, timeZone: string): string {
  return formatZoned(Math.floor(epochMs / 1000) * 1000, timeZone);
}

/** Epoch ms of a W3C date or datetime (a time needs an offset), or null when the text is not one. */
export function parseW3c(text: string, timeZone: string): number | null {
  const m = W3C.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, , zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (h === undefined) return fromZoned({ year, month, day }, timeZone);
  if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return null;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return null;
  const parsed = Date.parse(text.trim());
  return Number.isFinite(parsed) ? parsed : null;
}
