/**
 * The one test both the grid locator and the boundary checks use to ask "is this point inside":
 * even-odd crossings of a horizontal line with a polygon's rings. An edge is always measured
 * from its lower end, so an edge two neighbouring grids share gives both the same crossing to
 * the last bit: a point on a shared edge lies in exactly one of them, and a scan line meets the
 * two at the same x (no sliver of overlap or gap appears where none was drawn).
 */

/**
 * Where the horizontal line at `y` crosses the edge (ax, ay)–(bx, by). The caller has checked
 * that it does: `(ay <= y) !== (by <= y)`.
 */
export function crossingX(ax: number, ay: number, bx: number, by: number, y: number): number {
  return ay < by ? ax + ((y - ay) * (bx - ax)) / (by - ay) : bx + ((y - by) * (ax - bx)) / (ay - by);
}

/**
 * Whether (x, y) lies inside the rings `first` … `end - 1` of a flat shape (even-odd: holes and
 * the pieces of a multipolygon need no special case). `coords` holds x, y pairs; ring r runs
 * over the positions `starts[r]` … `starts[r + 1] - 1`, closed (its last position repeats its
 * first).
 */
export function insideRings(coords: Float64Array, starts: Uint32Array, first: number, end: number, x: number, y: number): boolean {
  let inside = false;
  for (let r = first; r < end; r++) {
    const stop = starts[r + 1] * 2 - 2;
    for (let i = starts[r] * 2; i < stop; i += 2) {
      const ay = coords[i + 1];
      const by = coords[i + 3];
      if (ay <= y !== by <= y && x < crossingX(coords[i], ay, coords[i + 2], by, y)) inside = !inside;
    }
  }
  return inside;
}
