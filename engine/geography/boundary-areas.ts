/**
 * The three measurements the boundary checks make, in m²: how much of a unit lies outside its
 * parent, how much two neighbours share, and how much of a parent its children leave uncovered.
 */
import type { PlanarShape } from './planar-shape';
import { scanLines, sharedLength, spanLength, spansAt, unionOf } from './scan-lines';

/** Scan lines across the unit measured: enough to see a tenth of a percent of a compact shape. */
const LINES = 160;

/** The area of `child` that lies outside `parent`. */
export function areaOutside(child: PlanarShape, parent: PlanarShape, lines = LINES): number {
  const { ys, spacing } = scanLines(child.minY, child.maxY, lines);
  let length = 0;
  for (const y of ys) {
    const inChild = spansAt(child, y);
    if (inChild.length > 0) length += spanLength(inChild) - sharedLength(inChild, spansAt(parent, y));
  }
  return length * spacing;
}

/** The area two shapes have in common. */
export function areaShared(a: PlanarShape, b: PlanarShape, lines = LINES): number {
  const minY = Math.max(a.minY, b.minY);
  const maxY = Math.min(a.maxY, b.maxY);
  if (maxY <= minY || Math.max(a.minX, b.minX) >= Math.min(a.maxX, b.maxX)) return 0;
  const { ys, spacing } = scanLines(minY, maxY, lines);
  let length = 0;
  for (const y of ys) length += sharedLength(spansAt(a, y), spansAt(b, y));
  return length * spacing;
}

/** The area of `parent` that none of `children` covers. */
export function areaUncovered(parent: PlanarShape, children: readonly PlanarShape[], lines = LINES): number {
  const { ys, spacing } = scanLines(parent.minY, parent.maxY, lines);
  let length = 0;
  for (const y of ys) {
    const inParent = spansAt(parent, y);
    if (inParent.length === 0) continue;
    const covered = unionOf(children.filter((c) => c.minY <= y && y <= c.maxY).map((c) => spansAt(c, y)));
    length += spanLength(inParent) - sharedLength(inParent, covered);
  }
  return length * spacing;
}
