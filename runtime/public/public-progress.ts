/**
 * A citizen's view of their report: its category, when it was reported, where it stands and each
 * step so far in the workflow's own words (已分拨, 已受理, 已办结 …) — never a person's or a
 * unit's name, never an internal note.
 */
import { satisfactionScaleOf, type CompiledConfig, type I18nText } from '../../engine/index';
import type { Database } from '../db/open-database';
import { formatZoned } from '../../engine/sla/zoned-time';

/** ISO 8601 with the county's offset, to the second. */
const formatZonedIso = (epochMs: number, timeZone: string): string => formatZoned(Math.floor(epochMs / 1000) * 1000, timeZone);

export interface PublicProgress {
  code: string;
  category: { code: string; name: I18nText };
  reportedAt: string;
  state: { id: string; name: I18nText; closed: boolean };
  /** True while the reporter may confirm the closure (the event is resolved). */
  awaitingConfirmation: boolean;
  steps: Array<{ at: string; name: I18nText }>;
  satisfactionScale: Array<{ value: string; name: I18nText }>;
  rating: string | null;
}

export async function publicProgress(db: Database, compiled: CompiledConfig, opts: { countyId: string; code: string; eventId: string; rating: string | null }): Promise<PublicProgress | null> {
  const event = await db.models.Event.findOne({ where: { countyId: opts.countyId, id: opts.eventId }, attributes: ['category', 'state', 'closed', 'reportedAt'] });
  if (!event) return null;
  const history = await db.models.EventHistory.findAll({ where: { countyId: opts.countyId, eventId: opts.eventId }, attributes: ['at', 'toState', 'fromState'], order: [['seq', 'ASC']] });
  const tz = compiled.timeZone;
  const stateName = (id: string): I18nText => compiled.config.workflow.states.find((s) => s.id === id)?.name ?? { zh: id, en: id };
  const steps = history
    .filter((h) => h.toState !== null && h.toState !== h.fromState)
    .map((h) => ({ at: formatZonedIso(h.at.getTime(), tz), name: stateName(h.toState as string) }));
  const minor = compiled.category(event.category)?.minor;
  return {
    code: opts.code,
    category: { code: event.category, name: minor?.name ?? { zh: event.category, en: event.category } },
    reportedAt: formatZonedIso(event.reportedAt.getTime(), tz),
    state: { id: event.state, name: stateName(event.state), closed: event.closed },
    awaitingConfirmation: event.state === 'resolved',
    steps,
    satisfactionScale: satisfactionScaleOf(compiled.config).map((l) => ({ value: l.value, name: l.name })),
    rating: opts.rating,
  };
}
