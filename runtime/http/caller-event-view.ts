/**
 * An event as one caller sees it: times in the county's zone, and the reporter's name and phone
 * in clear or masked by the county's privacy setting and the caller's role.
 */
import type { CompiledConfig } from '../../engine/index';
import type { ConfigRepository } from '../db/config-repository';
import { eventView, type EventAttributes } from '../events/event-record';
import { countyPrivacy, reporterAccess, type ReporterAccess, type ReporterCaller } from '../events/reporter-access';
import { DEFAULT_TIME_ZONE } from './api-time';

export interface CallerEventView {
  event: Record<string, unknown>;
  /** `clear`, `masked`, or `revealable` (masked, and the caller may reveal it with a reason). */
  reporterAccess: ReporterAccess;
  timeZone: string;
}

export async function callerEventView(
  configs: Pick<ConfigRepository, 'active'>,
  caller: ReporterCaller & { countyId: string },
  row: EventAttributes,
  opts: { explanation?: boolean; compiled?: CompiledConfig } = {},
): Promise<CallerEventView> {
  const active = (await configs.active(caller.countyId))?.compiled;
  const access = reporterAccess(countyPrivacy(active), caller, row);
  const timeZone = active?.timeZone ?? DEFAULT_TIME_ZONE;
  return { event: eventView(row, { ...opts, timeZone, maskReporter: access !== 'clear' }), reporterAccess: access, timeZone };
}
