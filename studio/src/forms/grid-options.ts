import type { Unit } from '../../../engine/index';

export interface GridGroup {
  township: Unit | null;
  village: Unit | null;
  grids: Unit[];
}

/** Grids grouped by village (and its township), in config order, for pickers. */
export function gridGroups(units: readonly Unit[]): GridGroup[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const groups = new Map<string, GridGroup>();
  for (const unit of units) {
    if (unit.kind !== 'grid') continue;
    const village = unit.parent ? (byId.get(unit.parent) ?? null) : null;
    let township: Unit | null = null;
    let cursor = village;
    const seen = new Set<string>();
    while (cursor && !seen.has(cursor.id)) {
      seen.add(cursor.id);
      if (cursor.kind === 'township') {
        township = cursor;
        break;
      }
      cursor = cursor.parent ? (byId.get(cursor.parent) ?? null) : null;
    }
    const key = village?.id ?? '';
    const group = groups.get(key) ?? { township, village, grids: [] };
    group.grids.push(unit);
    groups.set(key, group);
  }
  return [...groups.values()];
}
