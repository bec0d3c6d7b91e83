/**
 * Whether a ring crosses or touches itself: its edges swept in order of their leftmost x, each
 * compared only with the edges whose x-range it overlaps (a ring of n edges costs about n log n,
 * not n²). Rings of a boundary must be simple, or "inside" stops meaning anything.
 */

type Position = ReadonlyArray<number>;

const orient = (a: Position, b: Position, c: Position) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** c lies on the segment a–b, given the three are collinear. */
const within = (a: Position, b: Position, c: Position) =>
  Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);

/** Whether the segments p1–p2 and q1–q2 meet (touching counts). */
export function segmentsMeet(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const d1 = sign(orient(q1, q2, p1));
  const d2 = sign(orient(q1, q2, p2));
  const d3 = sign(orient(p1, p2, q1));
  const d4 = sign(orient(p1, p2, q2));
  if (d1 !== d2 && d3 !== d4 && d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) return true;
  return (d1 === 0 && within(q1, q2, p1)) || (d2 === 0 && within(q1, q2, p2)) || (d3 === 0 && within(p1, p2, q1)) || (d4 === 0 && within(p1, p2, q2));
}

/**
 * The first pair of edges (1-based: edge k runs from position k to k + 1) where a closed ring
 * crosses or touches itself, or null for a simple ring. Repeated consecutive positions are not a
 * crossing; an edge that doubles back along the one before it (a spike) is.
 */
export function selfCrossing(ring: readonly Position[]): [number, number] | null {
  const edges: Array<{ k: number; a: Position; b: Position; minX: number; maxX: number }> = [];
  for (let k = 0; k + 1 < ring.length; k++) {
    const a = ring[k];
    const b = ring[k + 1];
    if (a[0] === b[0] && a[1] === b[1]) continue;
    edges.push({ k, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
  }
  const n = edges.length;
  // neighbours along the ring (after dropping repeated positions) share an end: only a spike counts
  const adjacent = (i: number, j: number) => Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1;
  const order = edges.map((_, i) => i).sort((i, j) => edges[i].minX - edges[j].minX);
  const active: number[] = [];
  for (const i of order) {
    const e = edges[i];
    for (let w = active.length - 1; w >= 0; w--) if (edges[active[w]].maxX < e.minX) active.splice(w, 1);
    for (const j of active) {
      const f = edges[j];
      if (adjacent(i, j)) {
        // sharing an end is expected; lying back along each other is not
        if (orient(e.a, e.b, f.a) === 0 && orient(e.a, e.b, f.b) === 0 && overlapsAlong(e.a, e.b, f.a, f.b)) return pair(e.k, f.k);
      } else if (segmentsMeet(e.a, e.b, f.a, f.b)) return pair(e.k, f.k);
    }
    active.push(i);
  }
  return null;
}

const pair = (a: number, b: number): [number, number] => (a < b ? [a + 1, b + 1] : [b + 1, a + 1]);

/** Two collinear segments sharing an end overlap in more than that end. */
function overlapsAlong(a1: Position, a2: Position, b1: Position, b2: Position): boolean {
  const axis = Math.abs(a2[0] - a1[0]) >= Math.abs(a2[1] - a1[1]) ? 0 : 1;
  const [lo1, hi1] = [Math.min(a1[axis], a2[axis]), Math.max(a1[axis], a2[axis])];
  const [lo2, hi2] = [Math.min(b1[axis], b2[axis]), Math.max(b1[axis], b2[axis])];
  return Math.min(hi1, hi2) - Math.max(lo1, lo2) > 0;
}
