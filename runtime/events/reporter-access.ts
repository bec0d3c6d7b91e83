/**
 * Whether a caller sees an event's reporter in clear, masked, or masked with the right to reveal,
 * under the county's active privacy setting (config `county.privacy`, see engine/config/privacy.ts).
 * The reporter of the event always sees their own name and phone.
 */
import { DEFAULT_PRIVACY, privacyOf, type ReporterPrivacy } from '../../engine/config/privacy';
import type { CompiledConfig, Role } from '../../engine/index';

export type ReporterAccess = 'clear' | 'masked' | 'revealable';

export interface ReporterCaller {
  role: string;
  id: string;
}

/** The privacy setting of a county's active config (the baseline before one is published). */
export function countyPrivacy(compiled: CompiledConfig | undefined): ReporterPrivacy {
  return compiled ? privacyOf(compiled.config) : DEFAULT_PRIVACY;
}

export function reporterAccess(privacy: ReporterPrivacy, caller: ReporterCaller, row: { reporterId: string }): ReporterAccess {
  if (row.reporterId === caller.id) return 'clear';
  if (privacy.showReporter.includes(caller.role as Role)) return 'clear';
  return privacy.revealReporter.includes(caller.role as Role) ? 'revealable' : 'masked';
}
