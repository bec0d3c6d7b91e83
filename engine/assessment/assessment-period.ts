/**
 * Assessment periods: a month (`2026-11`), a quarter (`2026-Q4`) or a year (`2026`), as the
 * instants they span in the county's time zone — from local midnight of their first day up to
 * (not including) local midnight of the day after their last.
 */
import { fromZoned } from '../sla/zoned-time';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface AssessmentPeriod {
  /** As written: `2026-11`, `2026-Q4`, `2026`. */
  id: string;
  kind: PeriodKind;
  year: number;
  /** First instant, epoch ms. */
  from: number;
  /** First instant after the period, epoch ms. */
  to: number;
}

/** Years a period may fall in. */
export const PERIOD_YEARS = { min: 2000, max: 2100 } as const;

const PATTERN = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$/;

/** What a period is written like, for messages. */
export const PERIOD_FORMAT = 'a month 2026-11, a quarter 2026-Q4 or a year 2026';

/**
 * The period written as `text` in `timeZone`, or null when the text is no period (or its year is
 * outside 2000–2100).
 * @example
 * parsePeriod('2026-Q4', 'Asia/Shanghai')
 * // { id: '2026-Q4', kind: 'quarter', year: 2026, from: Date.parse('2026-10-01T00:00:00+08:00'), to: Date.parse('2027-01-01T00:00:00+08:00') }
 */
export function parsePeriod(text: string, timeZone: string): AssessmentPeriod | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < PERIOD_YEARS.min || year > PERIOD_YEARS.max) return null;
  const [kind, firstMonth, months]: [PeriodKind, number, number] = match[2] ? ['month', Number(match[2]), 1] : match[3] ? ['quarter', (Number(match[3]) - 1) * 3 + 1, 3] : ['year', 1, 12];
  const start = (y: number, m: number) => fromZoned({ year: y + Math.floor((m - 1) / 12), month: ((m - 1) % 12) + 1, day: 1 }, timeZone);
  return { id: text, kind, year, from: start(year, firstMonth), to: start(year, firstMonth + months) };
}
