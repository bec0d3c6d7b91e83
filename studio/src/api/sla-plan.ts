/**
 * An event's SLA plan as the API sends it (every time ISO 8601 with the county's offset) and
 * its reading back into the engine's plan (epoch ms), which the timeline and the worklist order
 * compute with.
 */
import type { SlaClockName, SlaClockPlan, SlaPlan, SlaTimer } from '../../../engine/index';

export interface ApiSlaClock extends Omit<SlaClockPlan, 'startedAt' | 'dueAt' | 'pausedAt' | 'stoppedAt'> {
  startedAt: string;
  dueAt: string | null;
  pausedAt: string | null;
  stoppedAt?: string;
}

export interface ApiSlaPlan {
  policy: string;
  clocks: Partial<Record<SlaClockName, ApiSlaClock>>;
  timers: Array<Omit<SlaTimer, 'at'> & { at: string }>;
  warnings: string[];
}

/** ISO text as epoch ms; a number (a plan from an older server) as it is. */
function ms(value: string | number): number {
  return typeof value === 'number' ? value : Date.parse(value);
}

/** The API's plan as the engine's: the same clocks and timers, times in epoch ms. */
export function slaPlanFromApi(plan: ApiSlaPlan): SlaPlan {
  const clocks: SlaPlan['clocks'] = {};
  for (const [name, c] of Object.entries(plan.clocks) as Array<[SlaClockName, ApiSlaClock]>) {
    const { stoppedAt, ...rest } = c;
    clocks[name] = {
      ...rest,
      startedAt: ms(c.startedAt),
      dueAt: c.dueAt === null ? null : ms(c.dueAt),
      pausedAt: c.pausedAt === null ? null : ms(c.pausedAt),
      ...(stoppedAt !== undefined ? { stoppedAt: ms(stoppedAt) } : {}),
    };
  }
  return { ...plan, clocks, timers: plan.timers.map((t) => ({ ...t, at: ms(t.at) })) };
}
