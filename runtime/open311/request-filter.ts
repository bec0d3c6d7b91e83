/**
 * The filters of `GET requests`: `service_request_id` (a comma list that overrides everything
 * else), `service_code` and `status` (comma lists, or repeated), `start_date`/`end_date` (W3C,
 * at most 90 days apart; by default the last 90 days), and the `page`/`page_size` extension
 * (at most 1,000 a page, the spec's default limit).
 *
 * A bare date as `end_date` (`end_date=2026-12-05`) includes that whole day: the window ends at
 * the next midnight in the county's zone, exclusive. Read as its own midnight, it would leave out
 * the very day the client named. A bare `start_date` is its midnight, the start of that day.
 */
import { Open311Error } from './open311-error';
import { parseW3cSpan, type W3cSpan } from './w3c-datetime';

export const MAX_SPAN_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const REQUEST_STATUSES = ['open', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type RequestFilter =
  | { type: 'ids'; ids: string[] }
  | {
      type: 'search';
      codes: string[] | null;
      statuses: RequestStatus[] | null;
      /** Requested at or after (epoch ms). */
      from: number;
      /** Requested at or before (epoch ms); before, when `toExclusive` (a bare end_date: the next midnight). */
      to: number;
      toExclusive: boolean;
      page: number;
      pageSize: number;
    };

type Query = Record<string, unknown>;

/** A parameter's comma-separated values over all its occurrences; empty means absent. */
function listParam(query: Query, name: string): string[] | null {
  const raw = query[name];
  if (raw === undefined) return null;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [])).map((v) => v.trim()).filter((v) => v !== '');
  return parts.length > 0 ? [...new Set(parts)] : null;
}

function singleParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw Open311Error.badRequest(`${name} must be given once`);
  return raw.trim() === '' ? undefined : raw.trim();
}

function positiveInt(query: Query, name: string, fallback: number, max: number): number {
  const text = singleParam(query, name);
  if (text === undefined) return fallback;
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw Open311Error.badRequest(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

function dateParam(query: Query, name: string, timeZone: string): W3cSpan | undefined {
  const text = singleParam(query, name);
  if (text === undefined) return undefined;
  const span = parseW3cSpan(text, timeZone);
  if (span === null) throw Open311Error.badRequest(`${name} must be a W3C datetime with a zone offset, e.g. 2026-06-18T00:00:00+08:00, or a date, e.g. 2026-06-18`);
  return span;
}

/** The filter of a `GET requests` query. Throws {@link Open311Error} (400) for a malformed one. */
export function parseRequestFilter(query: Query, opts: { now: number; timeZone: string }): RequestFilter {
  const ids = listParam(query, 'service_request_id');
  if (ids) {
    if (ids.length > MAX_PAGE_SIZE) throw Open311Error.badRequest(`service_request_id may list at most ${MAX_PAGE_SIZE} ids`);
    // An id that cannot exist is simply not found (and never reaches a UUID column).
    return { type: 'ids', ids: ids.filter((id) => ID.test(id)).map((id) => id.toLowerCase()) };
  }
  const codes = listParam(query, 'service_code');
  const bad = codes?.find((c) => !CODE.test(c));
  if (bad !== undefined) throw Open311Error.badRequest(`service_code "${bad}" is not a service code`);
  const statuses = listParam(query, 'status');
  const badStatus = statuses?.find((s) => !(REQUEST_STATUSES as readonly string[]).includes(s));
  if (badStatus !== undefined) throw Open311Error.badRequest(`status "${badStatus}" is neither open nor closed`);

  const start = dateParam(query, 'start_date', opts.timeZone)?.start;
  const end = dateParam(query, 'end_date', opts.timeZone);
  const span = MAX_SPAN_DAYS * DAY_MS;
  const toExclusive = end?.wholeDay ?? false;
  const to = end !== undefined ? (end.wholeDay ? end.end : end.start) : start !== undefined ? start + span : opts.now;
  const from = start ?? to - span;
  if (toExclusive ? from >= to : from > to) throw Open311Error.badRequest('start_date must not be after end_date');
  // a bare end_date names a day that is included whole: start_date=01-01&end_date=04-01 stays the 90 days it always was
  if (to - from > span + (toExclusive ? DAY_MS : 0)) throw Open311Error.badRequest(`start_date and end_date may span at most ${MAX_SPAN_DAYS} days`);
  return {
    type: 'search',
    codes,
    statuses: statuses as RequestStatus[] | null,
    from,
    to,
    toExclusive,
    page: positiveInt(query, 'page', 1, 1_000_000),
    pageSize: positiveInt(query, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}
