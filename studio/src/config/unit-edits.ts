/** Edits of the organisation tree (the `units` section) as pure functions. */
import type { I18nText, Unit, UnitKind } from '../../../engine/index';

/** Kinds a unit of each kind usually has below it (the first is the suggestion). */
export const CHILD_KINDS: Record<UnitKind, UnitKind[]> = {
  county_government: ['township', 'county_department', 'county_command'],
  county_command: [],
  county_department: [],
  township: ['village', 'platform', 'township_command'],
  township_command: [],
  platform: [],
  village: ['grid'],
  grid: [],
};

export function childrenByParent(units: readonly Unit[]): Map<string | null, Unit[]> {
  const ids = new Set(units.map((u) => u.id));
  const map = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parent && ids.has(unit.parent) ? unit.parent : null;
    map.set(parent, [...(map.get(parent) ?? []), unit]);
  }
  return map;
}

export function renameUnit(units: readonly Unit[], id: string, name: I18nText): Unit[] {
  return units.map((u) => (u.id === id ? { ...u, name } : u));
}

export function addUnit(units: readonly Unit[], unit: Unit): Unit[] {
  return [...units, unit];
}
