/**
 * Synthetic boundaries that tile an area without gaps or overlaps: a lattice of jittered
 * vertices whose edges wiggle, each edge drawn once and shared by the two cells beside it, so
 * neighbouring polygons share their border position for position. A unit's boundary is the
 * outline of a rectangular block of cells (townships, villages and grids nest as blocks in
 * blocks). Used to draw the baseline catalog's boundaries (draw-catalog-boundaries.ts) and the
 * 10,000 grids of bench/geography.ts. Deterministic: the same options draw the same polygons.
 */

export interface LatticeOptions {
  /** Column edges, metres east of the west edge (increasing, from 0). */
  xs: readonly number[];
  /** Row edges, metres south of the north edge (increasing, from 0): row 0 is the northernmost. */
  ys: readonly number[];
  /** The north-west corner, in degrees. */
  origin: { longitude: number; latitude: number };
  /** How far a vertex may move, as a fraction of the smaller neighbouring spacing (< 0.5 keeps the cells apart). */
  jitter?: number;
  /** Points inserted along each edge, moved sideways by up to `wiggle` of the edge's length. */
  segments?: number;
  wiggle?: number;
  seed?: number;
}

/** A block of cells: columns c0 … c1 - 1, rows r0 … r1 - 1. */
export interface Block {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

type Point = [number, number];

const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

/** A small seeded PRNG (mulberry32), so the drawing is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export class BoundaryLattice {
  private readonly vertices: Point[][] = [];
  private readonly edges = new Map<string, Point[]>();

  constructor(private readonly options: LatticeOptions) {
    const { xs, ys, jitter = 0.2, seed = 1 } = options;
    const next = random(seed);
    const spacing = (list: readonly number[], i: number) => Math.min(i > 0 ? list[i] - list[i - 1] : Infinity, i + 1 < list.length ? list[i + 1] - list[i] : Infinity);
    for (let r = 0; r < ys.length; r++) {
      const row: Point[] = [];
      for (let c = 0; c < xs.length; c++) {
        const dx = (next() * 2 - 1) * jitter * spacing(xs, c);
        const dy = (next() * 2 - 1) * jitter * spacing(ys, r);
        row.push(this.toDegrees(xs[c] + dx, ys[r] + dy));
      }
      this.vertices.push(row);
    }
  }

  /** Metres east and south of the origin, in [longitude, latitude] rounded to 6 decimals (about 0.1 m). */
  private toDegrees(east: number, south: number): Point {
    const { longitude, latitude } = this.options.origin;
    const lat = latitude - south / METRES_PER_DEGREE;
    return [round6(longitude + east / (METRES_PER_DEGREE * Math.cos((latitude * Math.PI) / 180))), round6(lat)];
  }

  /** The edge from vertex a to vertex b (a before b in the lattice), with its wiggle points, drawn once. */
  private edge(key: string, a: Point, b: Point): Point[] {
    let points = this.edges.get(key);
    if (!points) {
      const { segments = 4, wiggle = 0.06, seed = 1 } = this.options;
      let hash = seed;
      for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
      const next = random(hash);
      // sideways in degrees, scaled so the wiggle is the same in metres both ways
      const cos = Math.cos((a[1] * Math.PI) / 180);
      const ex = (b[0] - a[0]) * cos;
      const ey = b[1] - a[1];
      points = [a];
      for (let s = 1; s < segments; s++) {
        const t = s / segments;
        const side = (next() * 2 - 1) * wiggle;
        points.push([round6(a[0] + t * (b[0] - a[0]) - (side * ey) / cos), round6(a[1] + t * (b[1] - a[1]) + side * ex)]);
      }
      points.push(b);
      this.edges.set(key, points);
    }
    return points;
  }

  private horizontal(c: number, r: number): Point[] {
    return this.edge(`h${c},${r}`, this.vertices[r][c], this.vertices[r][c + 1]);
  }

  private vertical(c: number, r: number): Point[] {
    return this.edge(`v${c},${r}`, this.vertices[r][c], this.vertices[r + 1][c]);
  }

  /** The outline of a block as a closed GeoJSON ring, counter-clockwise (RFC 7946's right-hand rule). */
  ring(block: Block): Point[] {
    const { c0, c1, r0, r1 } = block;
    const ring: Point[] = [];
    const append = (points: Point[]) => ring.push(...(ring.length > 0 ? points.slice(1) : points));
    for (let c = c0; c < c1; c++) append(this.horizontal(c, r1)); // south side, west to east
    for (let r = r1 - 1; r >= r0; r--) append([...this.vertical(c1, r)].reverse()); // east side, northwards
    for (let c = c1 - 1; c >= c0; c--) append([...this.horizontal(c, r0)].reverse()); // north side, east to west
    for (let r = r0; r < r1; r++) append(this.vertical(c0, r)); // west side, southwards
    return ring;
  }
}
