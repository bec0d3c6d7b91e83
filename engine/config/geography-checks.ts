/**
 * The geography section's checks: every boundary belongs to a township, village/community or grid
 * of the unit tree, once; every grid has one; each polygon is valid (boundary-validity.ts); and,
 * among the valid ones, each unit lies inside the nearest unit above it that has a boundary,
 * neighbours under the same parent do not overlap, and a parent is covered by the units drawn
 * inside it — each beyond a tolerance (a fraction of an area, 1% by default), naming the units.
 */
import { DEFAULT_BOUNDARY_TOLERANCE, type Boundary, type CountyConfig, type Unit } from '../schema/config-schema';
import type { Issue } from '../types';
import { areaOutside, areaShared, areaUncovered } from '../geography/boundary-areas';
import { centreOf, localProjection, planarShape, type PlanarShape } from '../geography/planar-shape';
import { checkBoundaryGeometry } from './boundary-validity';
import type { CheckContext } from './cross-checks';
import { problem, word, type MessageParam } from './messages';

const PLACE_KINDS: ReadonlySet<string> = new Set(['township', 'village', 'grid']);
/** Units a gap message lists before "…". */
const LISTED = 8;

interface Drawn {
  unit: Unit;
  shape: PlanarShape;
  pointer: string;
  /** Its place among the features. */
  index: number;
}

/** A fraction as a percentage: one decimal below 10% (0.5%, 1%, 17%). */
const share = (fraction: number): string => `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0).replace(/\.0$/, '')}%`;

/** An area in words: m² below a hectare, hectares below a square kilometre, else km². */
export function areaWords(m2: number): MessageParam {
  if (m2 < 10_000) return { en: `${Math.round(m2)} m²`, zh: `${Math.round(m2)} 平方米` };
  if (m2 < 1_000_000) return { en: `${(m2 / 10_000).toFixed(1)} ha`, zh: `${(m2 / 10_000).toFixed(1)} 公顷` };
  return { en: `${(m2 / 1_000_000).toFixed(2)} km²`, zh: `${(m2 / 1_000_000).toFixed(2)} 平方公里` };
}

/** Checks `config.geography`, appending its problems (see the module comment). */
export function checkGeography(ctx: CheckContext, issues: Issue[]): void {
  const geography = ctx.config.geography;
  if (!geography) return;
  const unitsKnown = ctx.sound('units');
  const tolerance = geography.tolerance ?? DEFAULT_BOUNDARY_TOLERANCE;
  const valid: Array<{ feature: Boundary; unit: Unit; pointer: string; index: number }> = [];
  const first = new Map<string, number>();
  geography.features.forEach((feature, i) => {
    const at = `/geography/features/${i}`;
    const id = feature.properties.unit;
    let usable = checkBoundaryGeometry(feature.geometry, `${at}/geometry`, issues);
    if (first.has(id)) {
      issues.push(problem('duplicate-boundary', `${at}/properties/unit`, { id, first: first.get(id)! + 1 }));
      usable = false;
    } else first.set(id, i);
    const unit = unitsKnown ? ctx.units.get(id) : undefined;
    if (unitsKnown && !unit) issues.push(problem('unknown-unit', `${at}/properties/unit`, { id }));
    else if (unit && !PLACE_KINDS.has(unit.kind)) issues.push(problem('boundary-kind', `${at}/properties/unit`, { id, kind: word(unit.kind) }));
    else if (unit && usable) valid.push({ feature, unit, pointer: at, index: i });
  });
  if (!unitsKnown) return;
  checkCoverage(ctx, valid, tolerance, issues);
}

/**
 * A warning per grid without a boundary: the config still publishes (a county importing new grids
 * draws them later), and a report by coordinates alone cannot land in such a grid until it has one.
 */
export function warnMissingBoundaries(config: CountyConfig, warnings: Issue[]): void {
  if (!config.geography) return;
  const drawn = new Set(config.geography.features.map((f) => f.properties.unit));
  for (const unit of config.units) {
    if (unit.kind === 'grid' && !drawn.has(unit.id)) warnings.push(problem('missing-boundary', '/geography/features', { id: unit.id, name: unit.name }));
  }
}

/** Containment, overlaps and gaps among the valid boundaries. */
function checkCoverage(ctx: CheckContext, valid: ReadonlyArray<{ feature: Boundary; unit: Unit; pointer: string; index: number }>, tolerance: number, issues: Issue[]): void {
  const centre = centreOf(valid.map((v) => v.feature.geometry));
  const projection = localProjection(centre.longitude, centre.latitude);
  const drawn = new Map<string, Drawn>();
  for (const v of valid) drawn.set(v.unit.id, { unit: v.unit, shape: planarShape(v.unit.id, v.feature.geometry, projection), pointer: v.pointer, index: v.index });
  // each drawn unit's nearest drawn ancestor ('' for none): its parent for these checks
  const groups = new Map<string, Drawn[]>();
  for (const d of drawn.values()) {
    const parent = drawnAncestor(ctx, d.unit, drawn);
    if (parent) {
      const outside = areaOutside(d.shape, parent.shape);
      if (outside > tolerance * d.shape.area) {
        issues.push(problem('boundary-outside', d.pointer, { share: share(outside / d.shape.area), area: areaWords(outside), parentKind: word(parent.unit.kind), parent: parent.unit.id, parentName: parent.unit.name, tolerance: share(tolerance) }));
      }
    }
    const key = parent?.unit.id ?? '';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [parentId, children] of groups) {
    checkOverlaps(children, tolerance, issues);
    const parent = parentId ? drawn.get(parentId) : undefined;
    if (!parent) continue;
    const uncovered = areaUncovered(parent.shape, children.map((c) => c.shape));
    if (uncovered > tolerance * parent.shape.area) {
      const ids = children.map((c) => c.unit.id);
      const listed = ids.length > LISTED ? `${ids.slice(0, LISTED).join(', ')}, …` : ids.join(', ');
      issues.push(problem('boundary-gap', parent.pointer, { share: share(uncovered / parent.shape.area), area: areaWords(uncovered), children: listed, tolerance: share(tolerance) }));
    }
  }
}

function drawnAncestor(ctx: CheckContext, unit: Unit, drawn: ReadonlyMap<string, Drawn>): Drawn | undefined {
  const seen = new Set<string>([unit.id]);
  let parentId = unit.parent;
  while (parentId !== undefined && !seen.has(parentId)) {
    const found = drawn.get(parentId);
    if (found) return found;
    seen.add(parentId);
    parentId = ctx.units.get(parentId)?.parent;
  }
  return undefined;
}

/** Overlaps among siblings: pairs whose boxes meet, found by a sweep along x. */
function checkOverlaps(siblings: readonly Drawn[], tolerance: number, issues: Issue[]): void {
  const sorted = [...siblings].sort((a, b) => a.shape.minX - b.shape.minX);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].shape.minX < a.shape.maxX; j++) {
      const b = sorted[j];
      if (b.shape.minY >= a.shape.maxY || a.shape.minY >= b.shape.maxY) continue;
      const shared = areaShared(a.shape, b.shape);
      const smaller = Math.min(a.shape.area, b.shape.area);
      if (shared <= tolerance * smaller) continue;
      // said at the one listed first, naming the other
      const [at, other] = a.index < b.index ? [a, b] : [b, a];
      issues.push(problem('boundary-overlap', at.pointer, { other: other.unit.id, otherKind: word(other.unit.kind), otherName: other.unit.name, area: areaWords(shared), share: share(shared / smaller), tolerance: share(tolerance) }));
    }
  }
}
