/**
 * bench/geography: placing points in grids — the engine's locator (flatbush over the grids'
 * boxes, then an even-odd test of the candidates) against 10,000 synthetic grids that tile a
 * county (each a wiggly quadrilateral of 25 positions sharing its edges with its neighbours),
 * beside the baseline of testing every grid's box and polygon in turn, in the same run. Also
 * how long building the index and compile's boundary checks take on those grids. Target:
 * ≥ 200,000 look-ups/s.
 *
 * `node --import tsx bench/geography.ts [--grids 10000]`
 */
import { GridLocator, type Boundary, type Unit } from '../engine/index';
import { checkGeography } from '../engine/config/geography-checks';
import type { CheckContext } from '../engine/config/cross-checks';
import { UnitTree } from '../engine/config/unit-tree';
import { BoundaryLattice } from '../runtime/tools/boundary-lattice';

const CELL_M = 400;

/** `side` × `side` grids, a village a row of them, all in one township, with the village and township outlines. */
function county(side: number): { grids: Boundary[]; all: Boundary[]; units: Unit[] } {
  const edges = Array.from({ length: side + 1 }, (_, i) => i * CELL_M);
  const lattice = new BoundaryLattice({ xs: edges, ys: edges, origin: { longitude: 118.7, latitude: 28.9 }, jitter: 0.2, segments: 6, wiggle: 0.05, seed: 7 });
  const name = { zh: '网格', en: 'Grid' };
  const units: Unit[] = [{ id: 't', kind: 'township', name, parent: 'gov' }];
  const grids: Boundary[] = [];
  const all: Boundary[] = [{ type: 'Feature', properties: { unit: 't' }, geometry: { type: 'Polygon', coordinates: [lattice.ring({ c0: 0, c1: side, r0: 0, r1: side })] } }];
  for (let r = 0; r < side; r++) {
    units.push({ id: `v${r}`, kind: 'village', name, parent: 't' });
    all.push({ type: 'Feature', properties: { unit: `v${r}` }, geometry: { type: 'Polygon', coordinates: [lattice.ring({ c0: 0, c1: side, r0: r, r1: r + 1 })] } });
    for (let c = 0; c < side; c++) {
      units.push({ id: `v${r}-g${c}`, kind: 'grid', name, parent: `v${r}` });
      grids.push({ type: 'Feature', properties: { unit: `v${r}-g${c}` }, geometry: { type: 'Polygon', coordinates: [lattice.ring({ c0: c, c1: c + 1, r0: r, r1: r + 1 })] } });
    }
  }
  return { grids, all: [...all, ...grids], units };
}

/** The baseline: every grid's box, then its polygon, until one holds the point. */
function scanEvery(grids: Boundary[]): (lng: number, lat: number) => string | null {
  const boxes = grids.map((g) => {
    const ring = (g.geometry.coordinates as number[][][])[0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    return { unit: g.properties.unit, one: new GridLocator([g]), minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
  });
  return (lng, lat) => {
    for (const b of boxes) if (lng >= b.minX && lng <= b.maxX && lat >= b.minY && lat <= b.maxY && b.one.locate(lng, lat) !== null) return b.unit;
    return null;
  };
}

function points(count: number, grids: Boundary[]): Float64Array {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const g of grids) {
    for (const [x, y] of (g.geometry.coordinates as number[][][])[0]) {
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
  }
  let seed = 42;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[i * 2] = minX + next() * (maxX - minX);
    out[i * 2 + 1] = minY + next() * (maxY - minY);
  }
  return out;
}

/** Look-ups per second over `pts`, the median of `runs`, and how many landed in a grid. */
function rate(locate: (lng: number, lat: number) => string | null, pts: Float64Array, runs: number): { perSecond: number; found: number } {
  const rates: number[] = [];
  let found = 0;
  for (let run = 0; run < runs; run++) {
    found = 0;
    const start = performance.now();
    for (let i = 0; i < pts.length; i += 2) if (locate(pts[i], pts[i + 1]) !== null) found += 1;
    rates.push((pts.length / 2 / (performance.now() - start)) * 1000);
  }
  return { perSecond: rates.sort((a, b) => a - b)[Math.floor(runs / 2)], found };
}

export async function benchGeography(options: { grids?: number } = {}): Promise<{ grids: number; lookupsPerSecond: number; ratio: number }> {
  const side = Math.round(Math.sqrt(options.grids ?? 10_000));
  const { grids, all, units } = county(side);
  const positions = grids.reduce((n, g) => n + (g.geometry.coordinates as number[][][])[0].length, 0);
  console.log(`bench/geography  ${grids.length.toLocaleString('en')} grids (${(positions / grids.length).toFixed(0)} positions each) tiling ${((side * CELL_M) / 1000).toFixed(0)} × ${((side * CELL_M) / 1000).toFixed(0)} km, in ${side} villages`);

  let started = performance.now();
  const locator = new GridLocator(grids);
  const buildMs = performance.now() - started;
  const baseline = scanEvery(grids);

  const many = points(1_000_000, grids);
  const few = points(2_000, grids);
  rate((x, y) => locator.locate(x, y), points(100_000, grids), 1); // warm-up
  rate(baseline, points(200, grids), 1);
  const indexed = rate((x, y) => locator.locate(x, y), many, 5);
  const scanned = rate(baseline, few, 3);
  // both agree on the points the baseline saw
  for (let i = 0; i < few.length; i += 2) if (locator.locate(few[i], few[i + 1]) !== baseline(few[i], few[i + 1])) throw new Error(`the locator and the scan disagree at ${few[i]}, ${few[i + 1]}`);

  const ctx = { config: { units, geography: { type: 'FeatureCollection', features: all } }, sound: () => true, units: new UnitTree(units) } as unknown as CheckContext;
  started = performance.now();
  const issues: never[] = [];
  checkGeography(ctx, issues);
  const checkMs = performance.now() - started;
  if (issues.length > 0) throw new Error(`the bench county does not pass the checks: ${JSON.stringify(issues[0])}`);

  const ratio = indexed.perSecond / scanned.perSecond;
  console.log(`  scan every grid (baseline):      ${scanned.perSecond.toFixed(0).padStart(10)} look-ups/s`);
  console.log(`  GridLocator (flatbush + test):   ${indexed.perSecond.toFixed(0).padStart(10)} look-ups/s  (${((indexed.found / (many.length / 2)) * 100).toFixed(1)}% of 1,000,000 random points in a grid)`);
  console.log(`  ratio locator / scan: ${ratio.toFixed(0)}×;  target ≥ 200,000 look-ups/s: ${indexed.perSecond >= 200_000 ? 'met' : 'MISSED'}`);
  console.log(`  building the index: ${buildMs.toFixed(0)} ms;  compile's boundary checks of the ${all.length.toLocaleString('en')} boundaries: ${(checkMs / 1000).toFixed(2)} s`);
  return { grids: grids.length, lookupsPerSecond: indexed.perSecond, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--grids');
  await benchGeography({ grids: at > 0 ? Number(process.argv[at + 1]) : undefined });
}
