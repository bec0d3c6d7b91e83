/**
 * Where an alert goes and what its area holds. An alert goes to the command room that covers its
 * area: the township's command room (综合信息指挥室) for a grid, a village or a township — the
 * room that dispatches the area's events — and the county command centre when the township has
 * none. Reports are counted by grid (every counted report has one), so an area is its grids.
 */
import type { AlertAreaKind, CompiledConfig } from '../../engine/index';

const grids = new WeakMap<CompiledConfig, Map<string, readonly string[]>>();

/** The grids of a grid, village or township (memoised per compiled config). */
export function gridsOf(compiled: CompiledConfig, area: string): readonly string[] {
  let memo = grids.get(compiled);
  if (!memo) grids.set(compiled, (memo = new Map()));
  let found = memo.get(area);
  if (!found) {
    const out: string[] = [];
    const walk = (id: string) => {
      const unit = compiled.units.get(id);
      if (unit?.kind === 'grid') out.push(id);
      for (const child of compiled.units.childrenOf(id)) walk(child.id);
    };
    walk(area);
    memo.set(area, (found = out));
  }
  return found;
}

/** The command room an alert about `area` goes to. */
export function commandRoomFor(compiled: CompiledConfig, areaKind: AlertAreaKind, area: string): string {
  const township = areaKind === 'township' ? compiled.units.get(area) : compiled.units.townshipOf(area);
  const room = township ? compiled.units.commandOfTownship(township.id) : undefined;
  return room?.id ?? compiled.units.countyCommandUnit()?.id ?? area;
}

/** Every area of a kind in the unit tree. */
export function areasOf(compiled: CompiledConfig, kind: AlertAreaKind): string[] {
  return compiled.config.units.filter((u) => u.kind === kind).map((u) => u.id);
}
