/**
 * Where a dashboard number leads: the worklist narrowed to the events behind it, as a studio
 * address (`/worklist?township=…&from=…`), and the calendar spans the figures count in (today,
 * this week from Monday, this month) in the county's time zone.
 */
import { fromZoned, toZoned } from '../../../engine/sla/zoned-time';
import { queryString, type Query } from '../api/command-client';
import { nextDay, startOfDay, toIsoWithOffset } from '../util/zoned';

export const worklistHref = (query: Query): string => `/worklist${queryString(query)}`;

export type Span = { from: string; to: string };

const span = (from: number, to: number, timeZone: string): Span => ({ from: toIsoWithOffset(from, timeZone), to: toIsoWithOffset(to, timeZone) });

/** Today, this week (Monday on) and this month, each up to the end of its period. */
export function periodSpans(now: number, timeZone: string): { today: Span; week: Span; month: Span } {
  const today = startOfDay(now, timeZone);
  const w = toZoned(today, timeZone);
  const monday = fromZoned({ year: w.year, month: w.month, day: w.day - (w.weekday - 1) }, timeZone);
  const monthStart = fromZoned({ year: w.year, month: w.month, day: 1 }, timeZone);
  const nextMonth = fromZoned({ year: w.month === 12 ? w.year + 1 : w.year, month: w.month === 12 ? 1 : w.month + 1, day: 1 }, timeZone);
  return {
    today: span(today, nextDay(today, timeZone), timeZone),
    week: span(monday, fromZoned({ year: w.year, month: w.month, day: w.day - (w.weekday - 1) + 7 }, timeZone), timeZone),
    month: span(monthStart, nextMonth, timeZone),
  };
}

/** One local day `YYYY-MM-DD` as a span. */
export function daySpan(date: string, timeZone: string): Span {
  const [year, month, day] = date.split('-').map(Number);
  const start = fromZoned({ year, month, day }, timeZone);
  return span(start, nextDay(start, timeZone), timeZone);
}

/** The worklist query of one breakdown row: its key under the dimension's filter. */
export function breakdownQuery(by: 'category' | 'township' | 'unit' | 'source', key: string): Query {
  return { [by]: key };
}
