/**
 * The organisation tree of a county, indexed once per compiled config: who is whose parent,
 * where an event in a grid belongs (village, township), how relative route targets resolve
 * ("the market platform of the township where it happened") and where each unit escalates.
 */
import { HANDLING_KINDS, type Platform, type UnitKind } from '../schema/constants';
import type { EventEscalation, RouteTarget, Unit } from '../schema/config-schema';

/** What an event's escalation may depend on: its minor and major category, the category's department domain, its level. */
export interface EscalationFacts {
  category?: string | null;
  major?: string | null;
  domain?: string | null;
  level?: number | null;
}
const NO_FACTS: EscalationFacts = {};

/** Where a unit escalates when `escalatesTo` is not set: one tier up. */
const DEFAULT_ESCALATION: Partial<Record<UnitKind, UnitKind>> = {
  grid: 'village',
  village: 'township_command',
  platform: 'township_command',
  township_command: 'county_command',
  county_command: 'county_government',
  county_department: 'county_government',
};

export class UnitTree {
  readonly byId = new Map<string, Unit>();
  private readonly children = new Map<string, Unit[]>();
  private readonly departmentsByDomain = new Map<string, Unit>();
  private countyCommand: Unit | undefined;
  private countyGovernment: Unit | undefined;

  constructor(units: readonly Unit[]) {
    for (const unit of units) {
      if (!this.byId.has(unit.id)) this.byId.set(unit.id, unit);
      if (unit.parent) this.children.set(unit.parent, [...(this.children.get(unit.parent) ?? []), unit]);
      if (unit.kind === 'county_department') for (const domain of unit.domains ?? []) if (!this.departmentsByDomain.has(domain)) this.departmentsByDomain.set(domain, unit);
      if (unit.kind === 'county_command') this.countyCommand ??= unit;
      if (unit.kind === 'county_government') this.countyGovernment ??= unit;
    }
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  childrenOf(id: string): readonly Unit[] {
    return this.children.get(id) ?? [];
  }

  /** The nearest ancestor-or-self of the given kind. Stops on cycles. */
  ancestorOfKind(id: string, kind: UnitKind): Unit | undefined {
    const seen = new Set<string>();
    let unit = this.byId.get(id);
    while (unit && !seen.has(unit.id)) {
      if (unit.kind === kind) return unit;
      seen.add(unit.id);
      unit = unit.parent ? this.byId.get(unit.parent) : undefined;
    }
    return undefined;
  }

  /** Whether `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean {
    const seen = new Set<string>();
    let unit = this.byId.get(id);
    while (unit && !seen.has(unit.id)) {
      if (unit.id === ancestorId) return true;
      seen.add(unit.id);
      unit = unit.parent ? this.byId.get(unit.parent) : undefined;
    }
    return false;
  }

  townshipOf(id: string): Unit | undefined {
    return this.ancestorOfKind(id, 'township');
  }

  commandOfTownship(townshipId: string): Unit | undefined {
    return memo(this.commands, townshipId, () => this.childrenOf(townshipId).find((u) => u.kind === 'township_command'));
  }

  platformOfTownship(townshipId: string, platform: Platform): Unit | undefined {
    let platforms = this.platforms.get(townshipId);
    if (!platforms) this.platforms.set(townshipId, (platforms = new Map()));
    return memo(platforms, platform, () => this.childrenOf(townshipId).find((u) => u.kind === 'platform' && u.platform === platform));
  }

  /**
   * Look-ups on the hot path are memoised (the tree never changes after construction), in a map
   * per kind keyed by the ids themselves: no key string is built per call.
   */
  private readonly commands = new Map<string, Unit | undefined>();
  private readonly platforms = new Map<string, Map<Platform, Unit | undefined>>();
  private readonly dispatchers = new Map<string, string | null>();

  departmentFor(domain: string): Unit | undefined {
    return this.departmentsByDomain.get(domain);
  }

  countyCommandUnit(): Unit | undefined {
    return this.countyCommand;
  }

  countyGovernmentUnit(): Unit | undefined {
    return this.countyGovernment;
  }

  canHandle(id: string): boolean {
    const unit = this.byId.get(id);
    return unit !== undefined && HANDLING_KINDS.includes(unit.kind);
  }

  /**
   * The next tier up for an event held by `id`, or null at the top. A unit's `escalation` may send
   * the event by its category, major category, domain or level (first answer wins, in that order,
   * then `default`); otherwise `escalatesTo`, else one tier up. Without `event`, only `default`
   * applies of the event-dependent part.
   */
  escalationTarget(id: string, event: EscalationFacts = NO_FACTS): string | null {
    const unit = this.byId.get(id);
    if (!unit) return null;
    const byEvent = unit.escalation ? this.eventTarget(unit.escalation, event) : undefined;
    if (byEvent) return byEvent;
    return this.tierAbove(unit);
  }

  private eventTarget(rule: EventEscalation, event: EscalationFacts): string | undefined {
    const pick = (map: Record<string, string> | undefined, key: string | null | undefined) => (map && key != null && Object.hasOwn(map, key) ? map[key] : undefined);
    return (
      pick(rule.byCategory, event.category) ??
      pick(rule.byMajorCategory, event.major) ??
      pick(rule.byDomain, event.domain) ??
      (rule.matchDomain && event.domain ? this.departmentFor(event.domain)?.id : undefined) ??
      pick(rule.byLevel, event.level == null ? null : String(event.level)) ??
      rule.default
    );
  }

  /** Where a unit escalates when nothing about the event decides: `escalatesTo`, else one tier up. */
  private tierAbove(unit: Unit): string | null {
    const id = unit.id;
    if (unit.escalatesTo) return unit.escalatesTo;
    const kind = DEFAULT_ESCALATION[unit.kind];
    if (!kind) return null;
    if (kind === 'county_command') return this.countyCommand?.id ?? null;
    if (kind === 'county_government') return this.countyGovernment?.id ?? null;
    if (kind === 'township_command') {
      const township = this.townshipOf(id);
      return township ? (this.commandOfTownship(township.id)?.id ?? null) : null;
    }
    return this.ancestorOfKind(unit.parent ?? '', kind)?.id ?? null;
  }

  /** The command room that dispatches events handled by `unitId`: its township's, else the county's. */
  dispatcherFor(unitId: string): string | null {
    return memo(this.dispatchers, unitId, () => this.computeDispatcher(unitId));
  }

  private computeDispatcher(unitId: string): string | null {
    const unit = this.byId.get(unitId);
    if (unit && (unit.kind === 'county_command' || unit.kind === 'township_command')) return unit.id;
    const township = this.townshipOf(unitId);
    const command = township ? this.commandOfTownship(township.id) : undefined;
    return command?.id ?? this.countyCommand?.id ?? null;
  }

  /**
   * Resolves a route target for an event that happened in `grid` (may be null when the report
   * has no place). Returns the unit id, or null when the target does not exist for that place.
   */
  resolveTarget(target: RouteTarget, place: { township: string | null; village: string | null }): string | null {
    switch (target.type) {
      case 'unit':
        return this.byId.has(target.unit) ? target.unit : null;
      case 'platform':
        return place.township ? (this.platformOfTownship(place.township, target.platform)?.id ?? null) : null;
      case 'village':
        return place.village;
      case 'township-command':
        return place.township ? (this.commandOfTownship(place.township)?.id ?? null) : null;
      case 'county-command':
        return this.countyCommand?.id ?? null;
      case 'department':
        return this.departmentFor(target.domain)?.id ?? null;
      default: {
        const never: never = target;
        throw new Error(`unknown route target ${JSON.stringify(never)}`);
      }
    }
  }

  /** All townships (units of kind township). */
  townships(): Unit[] {
    return [...this.byId.values()].filter((u) => u.kind === 'township');
  }
}

/** The value of `key` in `cache`, computed and kept on first use (undefined is kept too). */
function memo<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as V;
  const value = compute();
  cache.set(key, value);
  return value;
}
