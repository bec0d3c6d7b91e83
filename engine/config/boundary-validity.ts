/**
 * Whether a boundary's geometry is a polygon the locator and the area checks can trust: every
 * position a WGS84 [longitude, latitude] (a pair the wrong way round is called so), every ring
 * closed with at least 4 positions, enclosing some area and not crossing itself. A hole lying
 * outside its outer ring, or two rings crossing each other, is not checked.
 */
import type { BoundaryGeometry } from '../schema/config-schema';
import type { Issue } from '../types';
import { selfCrossing } from '../geography/ring-simplicity';
import { problem, type MessageParam } from './messages';

type Ring = ReadonlyArray<ReadonlyArray<number>>;

/** How a ring is named: the outer ring, hole 2; with the polygon's number in a multipolygon. */
function ringName(polygon: number | null, ring: number): MessageParam {
  const en = ring === 0 ? 'the outer ring' : `hole ${ring}`;
  const zh = ring === 0 ? '外环' : `第 ${ring} 个内环`;
  return polygon === null ? { en, zh } : { en: `${en} of polygon ${polygon + 1}`, zh: `第 ${polygon + 1} 个多边形的${zh}` };
}

const inRange = (lng: unknown, lat: unknown) => typeof lng === 'number' && typeof lat === 'number' && Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;

/** Twice the signed area of a closed ring, in square degrees. */
function ringArea2(ring: Ring): number {
  let sum = 0;
  for (let k = 0; k + 1 < ring.length; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return sum;
}

function checkRing(ring: Ring, pointer: string, name: MessageParam, issues: Issue[]): boolean {
  const bad = ring.findIndex((position) => !inRange(position[0], position[1]));
  if (bad >= 0) {
    const [lng, lat] = ring[bad];
    const value = JSON.stringify(ring[bad]);
    const swapped = inRange(lat, lng);
    issues.push(problem(swapped ? 'bad-position.swapped' : 'bad-position', `${pointer}/${bad}`, { position: bad + 1, ring: name, value }));
    return false;
  }
  if (ring.length < 4) {
    issues.push(problem('bad-ring.short', pointer, { ring: name, count: ring.length }));
    return false;
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    issues.push(problem('bad-ring.open', pointer, { ring: name }));
    return false;
  }
  if (ringArea2(ring) === 0) {
    issues.push(problem('bad-ring.empty', pointer, { ring: name }));
    return false;
  }
  const crossing = selfCrossing(ring);
  if (crossing) {
    issues.push(problem('bad-ring.crossing', pointer, { ring: name, first: crossing[0], second: crossing[1] }));
    return false;
  }
  return true;
}

/** Checks a boundary's geometry (at `pointer`), appending its problems; true when it has none. */
export function checkBoundaryGeometry(geometry: BoundaryGeometry, pointer: string, issues: Issue[]): boolean {
  const polygons: Array<[Ring[], string, number | null]> =
    geometry.type === 'Polygon'
      ? [[geometry.coordinates, `${pointer}/coordinates`, null]]
      : geometry.coordinates.map((rings, p) => [rings, `${pointer}/coordinates/${p}`, p]);
  let ok = true;
  for (const [rings, at, p] of polygons) {
    rings.forEach((ring, r) => {
      if (!checkRing(ring, `${at}/${r}`, ringName(p, r), issues)) ok = false;
    });
  }
  return ok;
}
