/**
 * A unit's event-dependent escalation as rows of a small table ("when the category / major
 * category / domain / level is … escalate to …"), a department-by-domain switch and a default,
 * and back: pure functions for the unit editor.
 */
import type { EventEscalation, I18nText, Unit, UnitKind } from '../../../engine/index';

export const ESCALATION_WHEN = ['category', 'major', 'domain', 'level'] as const;
export type EscalationWhen = (typeof ESCALATION_WHEN)[number];

/** One row of the table: when the event's `when` is `key`, escalate to `unit`. */
export interface EscalationRow {
  when: EscalationWhen;
  key: string;
  unit: string;
}

/** The table form of an `escalation`: rows in lookup order, the domain switch, the default ('' when none). */
export interface EscalationTable {
  rows: EscalationRow[];
  matchDomain: boolean;
  fallback: string;
}

const MAP_OF: Record<EscalationWhen, 'byCategory' | 'byMajorCategory' | 'byDomain' | 'byLevel'> = {
  category: 'byCategory',
  major: 'byMajorCategory',
  domain: 'byDomain',
  level: 'byLevel',
};

/** Units that may take escalated events (the kinds compile accepts as targets). */
const TARGET_KINDS: readonly UnitKind[] = ['county_government', 'county_command', 'county_department', 'township_command', 'platform', 'village'];

export function tableOf(escalation: EventEscalation | undefined): EscalationTable {
  const rows = ESCALATION_WHEN.flatMap((when) => Object.entries(escalation?.[MAP_OF[when]] ?? {}).map(([key, unit]) => ({ when, key, unit })));
  return { rows, matchDomain: escalation?.matchDomain === true, fallback: escalation?.default ?? '' };
}

/**
 * The `escalation` a table stands for, or undefined when it says nothing (the unit then escalates
 * by `escalatesTo` or one tier up). Rows without a key or a unit are left out; of two rows with
 * the same condition, the later wins.
 */
export function escalationOf(table: EscalationTable): EventEscalation | undefined {
  const out: EventEscalation = {};
  for (const row of table.rows) {
    const key = row.key.trim();
    if (!key || !row.unit) continue;
    const map = MAP_OF[row.when];
    out[map] = { ...(out[map] ?? {}), [key]: row.unit };
  }
  if (table.matchDomain) out.matchDomain = true;
  if (table.fallback) out.default = table.fallback;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The units with `id`'s escalation replaced (or removed when `escalation` is undefined). */
export function setUnitEscalation(units: readonly Unit[], id: string, escalation: EventEscalation | undefined): Unit[] {
  return units.map((u) => {
    if (u.id !== id) return u;
    const { escalation: _old, ...rest } = u;
    return escalation ? { ...rest, escalation } : rest;
  });
}

/** Units an administrator may pick as a target from `from`: those that handle events, except `from` itself. */
export function escalationTargets(units: readonly Unit[], from: string): Unit[] {
  return units.filter((u) => u.id !== from && TARGET_KINDS.includes(u.kind));
}

export interface KeyChoice {
  value: string;
  name?: I18nText;
}

/** What each kind of condition may name: minor and major categories, department domains, levels. */
export function keyChoices(when: EscalationWhen, sources: { categories: unknown; units: readonly Unit[]; levels: ReadonlyArray<{ level: number; name: I18nText }> }): KeyChoice[] {
  const majors = Array.isArray(sources.categories) ? (sources.categories as Array<{ code?: string; name?: I18nText; children?: Array<{ code?: string; name?: I18nText }> }>) : [];
  switch (when) {
    case 'category':
      return majors.flatMap((m) => (Array.isArray(m.children) ? m.children : [])).filter((c) => typeof c.code === 'string').map((c) => ({ value: c.code!, name: c.name }));
    case 'major':
      return majors.filter((m) => typeof m.code === 'string').map((m) => ({ value: m.code!, name: m.name }));
    case 'domain':
      return [...new Set(sources.units.filter((u) => u.kind === 'county_department').flatMap((u) => u.domains ?? []))].map((d) => ({ value: d }));
    case 'level':
      return sources.levels.map((l) => ({ value: String(l.level), name: l.name }));
    default: {
      const never: never = when;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}
