/**
 * Reporter privacy: who sees the reporter's name and phone (the base form's `reporterName` and
 * `reporterPhone`) in clear, who sees them masked (张** / 139****0137), and who may reveal them
 * for one event, giving a reason the runtime audits. Set by the config's `county.privacy`; the
 * baseline: county administrators and dispatchers see them, handlers and grid workers see them
 * masked, handlers may reveal them.
 *
 * @example
 * maskReporterData({ reporterName: '张三', reporterPhone: '13957100137', description: '…' })
 * // → { reporterName: '张**', reporterPhone: '139****0137', description: '…' }
 */
import type { CountyConfig } from '../schema/config-schema';
import type { Role } from '../schema/constants';

/** The fields of report data that name and reach the reporter. */
export const REPORTER_FIELDS = ['reporterName', 'reporterPhone'] as const;
export type ReporterField = (typeof REPORTER_FIELDS)[number];

export interface ReporterPrivacy {
  /** Roles that see the reporter's name and phone in clear. */
  showReporter: readonly Role[];
  /** Roles that see them masked but may reveal them for one event, with a reason (audited). */
  revealReporter: readonly Role[];
}

export const DEFAULT_PRIVACY: ReporterPrivacy = Object.freeze({
  showReporter: Object.freeze(['county_admin', 'dispatcher'] as Role[]),
  revealReporter: Object.freeze(['handler'] as Role[]),
});

/** The config's privacy setting, each list falling back to the baseline's when absent. */
export function privacyOf(config: Pick<CountyConfig, 'county'>): ReporterPrivacy {
  const set = config.county.privacy;
  return { showReporter: set?.showReporter ?? DEFAULT_PRIVACY.showReporter, revealReporter: set?.revealReporter ?? DEFAULT_PRIVACY.revealReporter };
}

/** A name as its first character and `**`: the length of the name is not told either. */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '' : `${first}**`;
}

/** A phone number with its middle hidden: the first 3 and last 4 digits of a mobile number (139****0137); shorter numbers keep only their last 2. */
export function maskPhone(phone: string): string {
  const chars = [...phone.trim()];
  if (chars.length >= 11) return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
  if (chars.length >= 5) return `${'*'.repeat(chars.length - 2)}${chars.slice(-2).join('')}`;
  return '*'.repeat(chars.length);
}

/** `data` with the reporter's name and phone masked (a copy; other fields untouched, a non-string left out). */
export function maskReporterData(data: Record<string, unknown>): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...data };
  if ('reporterName' in data) masked.reporterName = typeof data.reporterName === 'string' ? maskName(data.reporterName) : null;
  if ('reporterPhone' in data) masked.reporterPhone = typeof data.reporterPhone === 'string' ? maskPhone(data.reporterPhone) : null;
  return masked;
}

/** The reporter's own fields from `data` (those present). */
export function reporterFieldsOf(data: Record<string, unknown>): Partial<Record<ReporterField, unknown>> {
  const out: Partial<Record<ReporterField, unknown>> = {};
  for (const field of REPORTER_FIELDS) if (field in data) out[field] = data[field];
  return out;
}
