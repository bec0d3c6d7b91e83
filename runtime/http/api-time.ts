/**
 * Times as the API shows them: ISO 8601 with the county's UTC offset (`2026-06-18T12:00:00+08:00`).
 * The database keeps epoch milliseconds (and timestamps); every route turns them into text here,
 * in the zone of the county's active config, so a client never meets epoch numbers beside ISO
 * text, nor a `Z` time it has to move into the county's day itself.
 */
import { formatZoned } from '../../engine/sla/zoned-time';
import type { ConfigRepository } from '../db/config-repository';

/** The zone when a county has no active config yet (the config format's default). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** An instant (epoch ms or a Date) as ISO 8601 with the offset of `timeZone`. */
export function apiTime(at: number | Date, timeZone: string): string {
  return formatZoned(typeof at === 'number' ? at : at.getTime(), timeZone);
}

/** The same, for a value that may be absent (`null` stays `null`). */
export function apiTimeOrNull(at: number | Date | null | undefined, timeZone: string): string | null {
  return at === null || at === undefined ? null : apiTime(at, timeZone);
}

const CLOCK_TIMES = ['startedAt', 'dueAt', 'pausedAt', 'stoppedAt', 'since'] as const;

/**
 * An event's SLA plan as stored (clock times and timer times in epoch ms) with every time as
 * ISO text: `startedAt`, `dueAt`, `pausedAt`, `stoppedAt` of each clock and `at` of each timer.
 * Anything else passes through unchanged.
 */
export function slaView(sla: unknown, timeZone: string): unknown {
  if (typeof sla !== 'object' || sla === null || Array.isArray(sla)) return sla;
  const plan = sla as { clocks?: Record<string, Record<string, unknown>>; timers?: Array<Record<string, unknown>> } & Record<string, unknown>;
  const clocks: Record<string, unknown> = {};
  for (const [name, clock] of Object.entries(plan.clocks ?? {})) {
    const view: Record<string, unknown> = { ...clock };
    for (const key of CLOCK_TIMES) if (typeof clock[key] === 'number') view[key] = apiTime(clock[key], timeZone);
    clocks[name] = view;
  }
  const timers = Array.isArray(plan.timers) ? plan.timers.map((t) => (typeof t.at === 'number' ? { ...t, at: apiTime(t.at, timeZone) } : t)) : plan.timers;
  return { ...plan, ...(plan.clocks ? { clocks } : {}), ...(timers ? { timers } : {}) };
}

/** The time zone of a county: its active config's, or the default before any is published. */
export async function countyTimeZone(configs: Pick<ConfigRepository, 'active'>, countyId: string): Promise<string> {
  return (await configs.active(countyId))?.compiled.timeZone ?? DEFAULT_TIME_ZONE;
}
