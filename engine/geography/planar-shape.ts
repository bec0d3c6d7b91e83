/**
 * Boundaries in local metres, for measuring areas: longitude and latitude projected
 * equirectangularly around one reference latitude (on a sphere of the Earth's mean radius), which
 * across a county is true to well under a percent — plenty for tolerances of a percent.
 */
import type { BoundaryGeometry } from '../schema/config-schema';

const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

/** A unit's boundary in metres, flat: every ring's x, y pairs one after the other (even-odd). */
export interface PlanarShape {
  unit: string;
  coords: Float64Array;
  /** Ring r spans positions starts[r] … starts[r + 1] - 1 (closed). */
  starts: Uint32Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** m²: the outer rings' areas less their holes'. */
  area: number;
}

export interface Projection {
  /** Degrees of longitude to metres east of the reference. */
  x(longitude: number): number;
  /** Degrees of latitude to metres north of the reference. */
  y(latitude: number): number;
}

export function localProjection(longitude0: number, latitude0: number): Projection {
  const east = METRES_PER_DEGREE * Math.cos((latitude0 * Math.PI) / 180);
  return { x: (lng) => (lng - longitude0) * east, y: (lat) => (lat - latitude0) * METRES_PER_DEGREE };
}

const polygonsOf = (geometry: BoundaryGeometry): number[][][][] => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

/** Twice the signed area of ring r (shoelace). */
function ringArea2(coords: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from * 2; i < to * 2 - 2; i += 2) sum += coords[i] * coords[i + 3] - coords[i + 2] * coords[i + 1];
  return sum;
}

/** A valid boundary geometry (see polygon-validity.ts) in metres. */
export function planarShape(unit: string, geometry: BoundaryGeometry, projection: Projection): PlanarShape {
  const polygons = polygonsOf(geometry);
  const ringCount = polygons.reduce((n, p) => n + p.length, 0);
  const positionCount = polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
  const coords = new Float64Array(positionCount * 2);
  const starts = new Uint32Array(ringCount + 1);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let area = 0;
  let at = 0;
  let ring = 0;
  for (const polygon of polygons) {
    polygon.forEach((positions, r) => {
      starts[ring++] = at;
      const from = at;
      for (const position of positions) {
        const x = projection.x(position[0]);
        const y = projection.y(position[1]);
        coords[at * 2] = x;
        coords[at * 2 + 1] = y;
        at += 1;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      const ringArea = Math.abs(ringArea2(coords, from, at)) / 2;
      area += r === 0 ? ringArea : -ringArea;
    });
  }
  starts[ring] = at;
  return { unit, coords, starts, minX, minY, maxX, maxY, area };
}

/** The centre of the bounding box of some geometries, in degrees: the reference of their projection. */
export function centreOf(geometries: readonly BoundaryGeometry[]): { longitude: number; latitude: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const [x, y] of polygon[0] ?? []) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return Number.isFinite(minX) ? { longitude: (minX + maxX) / 2, latitude: (minY + maxY) / 2 } : { longitude: 0, latitude: 0 };
}
