/**
 * Draws the baseline catalog's boundaries (catalogs/zhejiang-four-platforms/geography.json):
 * synthetic, for the fictional Qingshan County — Huangtang Town in the west, Chengnan Subdistrict
 * (the county seat, smaller urban grids) in the middle, Fengxi Town in the east — its townships
 * cut into villages/communities and those into grids, every border shared by the polygons on
 * either side. Grid qs-fx-v01-g1 holds the point the catalog's examples and tests report from
 * (latitude 28.6951, longitude 118.9182). Rerun after changing the units:
 *
 * `node --import tsx runtime/tools/draw-catalog-boundaries.ts`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { GridLocator, type Boundary, type Unit } from '../../engine/index';
import { BoundaryLattice, type Block } from './boundary-lattice';

const folder = new URL('../../catalogs/zhejiang-four-platforms/', import.meta.url);
/** The example point of the catalog, which must lie in qs-fx-v01-g1. */
const EXAMPLE = { grid: 'qs-fx-v01-g1', longitude: 118.9182, latitude: 28.6951 };

/** Column widths (m) of each township, west to east, and its villages: rows and grid columns. */
const TOWNSHIPS: Array<{ id: string; columns: number[]; villages: Array<{ id: string; rows: [number, number]; grids: number[] }> }> = [
  { id: 'qs-ht', columns: [1800, 1900, 1700, 1800, 1900, 1700], villages: [
    { id: 'qs-ht-v01', rows: [0, 2], grids: [3, 3] },
    { id: 'qs-ht-v02', rows: [2, 4], grids: [6] },
    { id: 'qs-ht-v03', rows: [4, 6], grids: [3, 3] },
  ] },
  { id: 'qs-cn', columns: [900, 850, 950, 900], villages: [
    { id: 'qs-cn-v01', rows: [0, 2], grids: [1, 1, 2] },
    { id: 'qs-cn-v02', rows: [2, 3], grids: [2, 2] },
    { id: 'qs-cn-v03', rows: [3, 5], grids: [2, 2] },
    { id: 'qs-cn-v04', rows: [5, 6], grids: [4] },
  ] },
  { id: 'qs-fx', columns: [1700, 1600, 1800, 1700, 1600, 1800], villages: [
    { id: 'qs-fx-v01', rows: [0, 2], grids: [2, 2, 2] },
    { id: 'qs-fx-v02', rows: [2, 4], grids: [3, 3] },
    { id: 'qs-fx-v03', rows: [4, 6], grids: [3, 3] },
  ] },
];
const ROW_HEIGHTS = [2400, 2600, 2500, 2500, 2600, 2400];

const cumulative = (sizes: number[]) => sizes.reduce<number[]>((edges, size) => [...edges, edges[edges.length - 1] + size], [0]);
const xs = cumulative(TOWNSHIPS.flatMap((t) => t.columns));
const ys = cumulative(ROW_HEIGHTS);

/** Every township, village and grid as a block of lattice cells. */
function blocks(): Map<string, Block> {
  const out = new Map<string, Block>();
  let column = 0;
  for (const township of TOWNSHIPS) {
    const c0 = column;
    const c1 = column + township.columns.length;
    out.set(township.id, { c0, c1, r0: 0, r1: ROW_HEIGHTS.length });
    for (const village of township.villages) {
      const [r0, r1] = village.rows;
      out.set(village.id, { c0, c1, r0, r1 });
      if (village.grids.reduce((a, b) => a + b, 0) !== township.columns.length) throw new Error(`${village.id}: its grids must span the township's ${township.columns.length} columns`);
      let g = c0;
      village.grids.forEach((width, i) => {
        out.set(`${village.id}-g${i + 1}`, { c0: g, c1: g + width, r0, r1 });
        g += width;
      });
    }
    column = c1;
  }
  return out;
}

/** The lattice placed so that the example grid's block is centred on the example point. */
function lattice(layout: Map<string, Block>): BoundaryLattice {
  const block = layout.get(EXAMPLE.grid)!;
  const east = (xs[block.c0] + xs[block.c1]) / 2;
  const south = (ys[block.r0] + ys[block.r1]) / 2;
  const metresPerDegree = (Math.PI / 180) * 6_371_008.8;
  const latitude = EXAMPLE.latitude + south / metresPerDegree;
  const longitude = EXAMPLE.longitude - east / (metresPerDegree * Math.cos((latitude * Math.PI) / 180));
  return new BoundaryLattice({ xs, ys, origin: { longitude, latitude }, jitter: 0.18, segments: 5, wiggle: 0.05, seed: 20260618 });
}

/** One feature a line, so a redrawn unit is one changed line in a diff. */
function serialize(features: Boundary[]): string {
  const lines = features.map((f) => `    ${JSON.stringify(f)}`);
  return `{\n  "type": "FeatureCollection",\n  "features": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** The catalog's geography.json, drawn for `units` (the catalog's units.json). */
export function drawCatalogBoundaries(units: readonly Unit[]): string {
  const layout = blocks();
  const drawn = lattice(layout);
  const features: Boundary[] = [];
  for (const unit of units) {
    if (unit.kind !== 'township' && unit.kind !== 'village' && unit.kind !== 'grid') continue;
    const block = layout.get(unit.id);
    if (!block) throw new Error(`${unit.id} (${unit.kind}) has no place in the layout: add it to TOWNSHIPS`);
    features.push({ type: 'Feature', properties: { unit: unit.id }, geometry: { type: 'Polygon', coordinates: [drawn.ring(block)] } });
  }
  for (const id of layout.keys()) if (!units.some((u) => u.id === id)) throw new Error(`${id} is in the layout but not a unit of the catalog`);
  const grids = features.filter((f) => units.find((u) => u.id === f.properties.unit)?.kind === 'grid');
  const placed = new GridLocator(grids).locate(EXAMPLE.longitude, EXAMPLE.latitude);
  if (placed !== EXAMPLE.grid) throw new Error(`the example point lies in ${placed}, not ${EXAMPLE.grid}`);
  return serialize(features);
}

export const CATALOG_GEOGRAPHY = new URL('geography.json', folder);

if (import.meta.url === `file://${process.argv[1]}`) {
  const units = JSON.parse(readFileSync(new URL('units.json', folder), 'utf8')) as Unit[];
  const text = drawCatalogBoundaries(units);
  writeFileSync(CATALOG_GEOGRAPHY, text);
  console.log(`wrote ${CATALOG_GEOGRAPHY.pathname}: ${(JSON.parse(text) as { features: unknown[] }).features.length} boundaries`);
}
