/**
 * The county's calendar periods for the dashboards: today, this week (from Monday) and this month
 * in the county's time zone, each with the same span of the period before (yesterday from 00:00
 * up to the same time of day, last week up to the same weekday and time, last month up to the
 * same day and time, or its end when it is shorter), and the days of a trend.
 */
import { dateOfDayNumber, dayNumber, DAY_MS, epochToWall, formatIsoDate, wallToEpoch, weekdayOfDayNumber } from '../../engine/sla/zoned-time';

export interface Span {
  from: number;
  /** The first instant after the span. */
  to: number;
}

export interface PeriodSpans {
  current: Span;
  previous: Span;
}

/** Local midnight of a day number, as an instant. */
const midnight = (day: number, timeZone: string) => wallToEpoch(day * DAY_MS, timeZone);

function monthStartDay(day: number, monthsBack: number): number {
  const { year, month } = dateOfDayNumber(day);
  const index = year * 12 + (month - 1) - monthsBack;
  return dayNumber({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 });
}

/**
 * The spans of today, this week and this month up to `now` (inclusive), and the same spans of
 * the periods before, measured in local wall-clock time from their starts.
 */
export function calendarPeriods(now: number, timeZone: string): Record<'today' | 'week' | 'month', PeriodSpans> {
  const wall = epochToWall(now, timeZone);
  const today = Math.floor(wall / DAY_MS);
  // up to and including `now` (a report of this very millisecond counts), and the same elapsed wall time before
  const elapsed = (startDay: number) => wall - startDay * DAY_MS + 1;
  const spans = (startDay: number, previousStartDay: number, previousEndDay: number): PeriodSpans => {
    const previousWallEnd = Math.min(previousStartDay * DAY_MS + elapsed(startDay), previousEndDay * DAY_MS);
    return { current: { from: midnight(startDay, timeZone), to: now + 1 }, previous: { from: midnight(previousStartDay, timeZone), to: wallToEpoch(previousWallEnd, timeZone) } };
  };
  const monday = today - (weekdayOfDayNumber(today) - 1);
  const monthStart = monthStartDay(today, 0);
  return {
    today: spans(today, today - 1, today),
    week: spans(monday, monday - 7, monday),
    month: spans(monthStart, monthStartDay(today, 1), monthStart),
  };
}

/** This month in the zone: its first instant and the first instant of the next. */
export function monthOf(now: number, timeZone: string): Span {
  const today = Math.floor(epochToWall(now, timeZone) / DAY_MS);
  const start = monthStartDay(today, 0);
  const { year, month } = dateOfDayNumber(start);
  const next = dayNumber({ year: month === 12 ? year + 1 : year, month: month === 12 ? 1 : month + 1, day: 1 });
  return { from: midnight(start, timeZone), to: midnight(next, timeZone) };
}

export interface LocalDay extends Span {
  date: string;
}

/** The last `count` days up to and including today in the zone, oldest first. */
export function lastDays(now: number, timeZone: string, count: number): LocalDay[] {
  const today = Math.floor(epochToWall(now, timeZone) / DAY_MS);
  return Array.from({ length: count }, (_, i) => {
    const day = today - count + 1 + i;
    return { date: formatIsoDate(dateOfDayNumber(day)), from: midnight(day, timeZone), to: midnight(day + 1, timeZone) };
  });
}
