/**
 * The SLA section as the time-limits editor edits it: one policy per row, each limit an amount
 * in a unit (minutes, hours, days) on a clock (working or calendar time), reminders before a
 * deadline, what happens at breach. Every edit returns a new section and keeps keys it does not
 * touch in their place, so a policy read and written back is the policy it was.
 */
import type { SlaPolicy } from '../../../../engine/index';
import { freshId, isObject, removeAt, replaceAt, withKey } from './object-edits';

export type SlaClock = 'accept' | 'resolve';
export type ClockKind = 'working' | 'calendar';
export type TimeUnit = 'min' | 'h' | 'd';
export type Reminder = SlaPolicy['reminders'][number];
export type Breach = SlaPolicy['breach'];
export interface SlaSection {
  policies: SlaPolicy[];
}

export const TIME_UNITS: readonly TimeUnit[] = ['min', 'h', 'd'];
const HOURS_PER: Record<TimeUnit, number> = { min: 1 / 60, h: 1, d: 24 };
export const DEFAULT_CHANNELS = ['sms', 'app', 'log', 'webhook'] as const;

/** The section's policies when it has the shape the editor understands, else null (the JSON tab then). */
export function readSla(value: unknown): SlaSection | null {
  if (!isObject(value) || !Array.isArray(value.policies)) return null;
  return value.policies.every((p) => isObject(p) && isObject(p.accept) && isObject(p.resolve) && isObject(p.breach) && Array.isArray(p.reminders)) ? (value as unknown as SlaSection) : null;
}

/**
 * An amount of hours as the editor shows it: whole days for calendar time of 24 h multiples,
 * minutes under an hour, hours otherwise.
 * @example
 * hoursToDisplay(0.5, 'calendar') // { value: 30, unit: 'min' }
 */
export function hoursToDisplay(hours: number, clock: ClockKind): { value: number; unit: TimeUnit } {
  if (hours > 0 && hours < 1) return { value: round(hours * 60), unit: 'min' };
  if (clock === 'calendar' && hours >= 48 && hours % 24 === 0) return { value: hours / 24, unit: 'd' };
  return { value: hours, unit: 'h' };
}

/** Hours of an amount in a unit (a day is 24 hours: days exist only for calendar time). */
export function displayToHours(value: number, unit: TimeUnit): number {
  return round(value * HOURS_PER[unit]);
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function updatePolicy(sla: SlaSection, index: number, fn: (policy: SlaPolicy) => SlaPolicy): SlaSection {
  return withKey(sla, 'policies', replaceAt(sla.policies, index, fn));
}

/** Sets a deadline's length in hours, and its clock when given. */
export function setPolicyHours(policy: SlaPolicy, clock: SlaClock, hours: number, kind?: ClockKind): SlaPolicy {
  let limit = withKey(policy[clock], 'hours', hours);
  if (kind) limit = withKey(limit, 'clock', kind);
  return withKey(policy, clock, limit);
}

export function setPolicyClock(policy: SlaPolicy, clock: SlaClock, kind: ClockKind): SlaPolicy {
  return withKey(policy, clock, withKey(policy[clock], 'clock', kind));
}

export function setPolicyName(policy: SlaPolicy, language: 'zh' | 'en', text: string): SlaPolicy {
  return withKey(policy, 'name', withKey(policy.name, language, text));
}

export function setPolicyLevels(policy: SlaPolicy, levels: readonly number[]): SlaPolicy {
  return withKey(policy, 'levels', [...levels].sort((a, b) => a - b));
}

/** Restricts the policy to minor categories; none removes the restriction (every category). */
export function setPolicyCategories(policy: SlaPolicy, categories: readonly string[]): SlaPolicy {
  return withKey(policy, 'categories', categories.length > 0 ? [...categories] : undefined);
}

export function setPauseWhileAwaitingReporter(policy: SlaPolicy, pause: boolean): SlaPolicy {
  return withKey(policy, 'pauseWhileAwaitingReporter', pause);
}

/** A reminder before a deadline: by default a quarter of its length before it, on its clock, by sms and app. */
export function addReminder(policy: SlaPolicy, of: SlaClock, reminder?: Partial<Reminder>): SlaPolicy {
  const limit = policy[of];
  const added: Reminder = { of, beforeHours: round(limit.hours / 4), clock: limit.clock, channels: ['sms', 'app'], ...reminder };
  return withKey(policy, 'reminders', [...policy.reminders, added]);
}

export function updateReminder(policy: SlaPolicy, index: number, patch: Partial<Reminder>): SlaPolicy {
  return withKey(policy, 'reminders', replaceAt(policy.reminders, index, (r) => Object.entries(patch).reduce((acc, [k, v]) => withKey(acc, k, v), r)));
}

export function removeReminder(policy: SlaPolicy, index: number): SlaPolicy {
  return withKey(policy, 'reminders', removeAt(policy.reminders, index));
}

/** Changes what happens at breach; a key patched to undefined is removed. */
export function setBreach(policy: SlaPolicy, patch: Partial<Breach>): SlaPolicy {
  const breach = Object.entries(patch).reduce<Breach>((acc, [k, v]) => withKey(acc, k, v), policy.breach);
  return withKey(policy, 'breach', breach);
}

/** Auto-escalation so many hours after a missed resolve deadline, on a clock; null turns it off. */
export function setAutoEscalation(policy: SlaPolicy, hours: number | null, clock: ClockKind = policy.breach.autoEscalateClock ?? 'calendar'): SlaPolicy {
  return hours === null ? setBreach(policy, { autoEscalateAfterHours: undefined, autoEscalateClock: undefined }) : setBreach(policy, { autoEscalateAfterHours: hours, autoEscalateClock: clock });
}

/** Auto-escalation so many hours after a missed acceptance deadline, on a clock; null turns it off. */
export function setAcceptAutoEscalation(policy: SlaPolicy, hours: number | null, clock: ClockKind = policy.breach.autoEscalateAcceptClock ?? 'calendar'): SlaPolicy {
  return hours === null
    ? setBreach(policy, { autoEscalateAfterAcceptHours: undefined, autoEscalateAcceptClock: undefined })
    : setBreach(policy, { autoEscalateAfterAcceptHours: hours, autoEscalateAcceptClock: clock });
}

/** A new policy for the given levels: 8 working hours to accept, 40 to resolve, red and a ticket at breach. */
export function addPolicy(sla: SlaSection, levels: readonly number[], name: SlaPolicy['name']): SlaSection {
  const id = freshId(`policy-${levels.join('-') || 'new'}`, sla.policies.map((p) => p.id));
  const policy: SlaPolicy = {
    id,
    name,
    levels: [...levels],
    accept: { hours: 8, clock: 'working' },
    resolve: { hours: 40, clock: 'working' },
    reminders: [],
    breach: { turnRed: true, supervisionTicket: true },
    pauseWhileAwaitingReporter: true,
  };
  return withKey(sla, 'policies', [...sla.policies, policy]);
}

/** Removes a policy; the section keeps at least one (the schema wants one). */
export function removePolicy(sla: SlaSection, index: number): SlaSection {
  return sla.policies.length <= 1 ? sla : withKey(sla, 'policies', removeAt(sla.policies, index));
}

export function duplicatePolicy(sla: SlaSection, index: number): SlaSection {
  const source = sla.policies[index];
  if (!source) return sla;
  const copy = { ...structuredClone(source), id: freshId(`${source.id}-copy`, sla.policies.map((p) => p.id)) };
  return withKey(sla, 'policies', [...sla.policies.slice(0, index + 1), copy, ...sla.policies.slice(index + 1)]);
}

/** The policy that holds exactly this level alone (the level's own policy), if any. */
export function policyIndexOfLevel(sla: SlaSection, level: number): number {
  const own = sla.policies.findIndex((p) => p.levels.length === 1 && p.levels[0] === level && !p.categories);
  return own >= 0 ? own : sla.policies.findIndex((p) => p.levels.includes(level) && !p.categories);
}

/**
 * The policy as the editor's rows read it and written back through its setters: used by the
 * round-trip test to show the editor loses nothing it reads.
 */
export function rewritePolicy(policy: SlaPolicy): SlaPolicy {
  const shown = (clock: SlaClock) => hoursToDisplay(policy[clock].hours, policy[clock].clock);
  let p = setPolicyHours(policy, 'accept', displayToHours(shown('accept').value, shown('accept').unit), policy.accept.clock);
  p = setPolicyHours(p, 'resolve', displayToHours(shown('resolve').value, shown('resolve').unit), policy.resolve.clock);
  p = setPolicyLevels(p, policy.levels);
  if (policy.categories) p = setPolicyCategories(p, policy.categories);
  policy.reminders.forEach((r, i) => (p = updateReminder(p, i, { ...r })));
  p = setBreach(p, { ...policy.breach });
  return setPauseWhileAwaitingReporter(p, policy.pauseWhileAwaitingReporter);
}

