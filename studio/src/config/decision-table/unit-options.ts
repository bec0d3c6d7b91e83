/**
 * The county's units as choices: a tree for TreeSelect (names, only some kinds selectable) and
 * route targets — relative ones (the platform of the township where it happened, the village,
 * the command rooms, a department by domain) and absolute units — as one-string tokens a Select
 * can hold.
 */
import { HANDLING_KINDS, PLATFORMS, type I18nText, type RouteTarget, type Unit } from '../../../../engine/index';

type Label = (text: I18nText | null | undefined, fallback?: string) => string;

export interface UnitNode {
  value: string;
  title: string;
  disabled?: boolean;
  selectable?: boolean;
  children?: UnitNode[];
}

/** The unit tree (parents before children, in config order) with only `selectable` units pickable. */
export function unitTreeData(units: readonly Unit[], label: Label, selectable: (u: Unit) => boolean): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parent && ids.has(u.parent) ? u.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null): UnitNode[] =>
    (children.get(parent) ?? []).filter((u) => !seen.has(u.id) && seen.add(u.id)).map((u) => {
      const kids = build(u.id);
      const pick = selectable(u);
      return { value: u.id, title: label(u.name, u.id), ...(pick ? {} : { selectable: false, disabled: kids.length === 0 }), ...(kids.length ? { children: kids } : {}) };
    });
  return build(null);
}

/** A route target as one string: `unit:<id>`, `platform:<p>`, `department:<domain>`, or the type. */
export function targetToken(target: RouteTarget): string {
  switch (target.type) {
    case 'unit':
      return `unit:${target.unit}`;
    case 'platform':
      return `platform:${target.platform}`;
    case 'department':
      return `department:${target.domain}`;
    case 'village':
    case 'township-command':
    case 'county-command':
      return target.type;
    default: {
      const never: never = target;
      throw new Error(`unknown target ${JSON.stringify(never)}`);
    }
  }
}

export function targetOfToken(token: string): RouteTarget {
  const [type, ...rest] = token.split(':');
  const arg = rest.join(':');
  switch (type) {
    case 'unit':
      return { type: 'unit', unit: arg };
    case 'platform':
      return { type: 'platform', platform: arg as RouteTarget & { type: 'platform' } extends { platform: infer P } ? P : never };
    case 'department':
      return { type: 'department', domain: arg };
    case 'village':
    case 'township-command':
    case 'county-command':
      return { type };
    default:
      throw new Error(`unknown target token "${token}"`);
  }
}

export interface TargetGroups {
  relative: string[];
  platform: string[];
  department: string[];
  unit: Array<{ token: string; unit: Unit }>;
}

/** Every target a rule may name in this county: the relative ones, the four platforms, the departments' domains, the handling units. */
export function targetGroups(units: readonly Unit[]): TargetGroups {
  const domains = [...new Set(units.filter((u) => u.kind === 'county_department').flatMap((u) => u.domains ?? []))];
  return {
    relative: ['village', 'township-command', 'county-command'],
    platform: PLATFORMS.map((p) => `platform:${p}`),
    department: domains.map((d) => `department:${d}`),
    unit: units.filter((u) => HANDLING_KINDS.includes(u.kind)).map((u) => ({ token: `unit:${u.id}`, unit: u })),
  };
}
