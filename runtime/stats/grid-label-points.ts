/**
 * A point inside each grid's boundary, where the map shows events that carry no coordinates of
 * their own: the centre of the grid's bounding box when it lies inside the grid, else the average
 * of its vertices, else the middle of the widest span of a horizontal line through the grid
 * (which lies inside it by construction). "Inside" is asked of the config's own grid locator, so
 * a label point is in the grid that reports at that point would be placed in. Computed once per
 * compiled config.
 */
import type { CompiledConfig } from '../../engine/index';

export interface LabelPoint {
  lng: number;
  lat: number;
}

type Ring = ReadonlyArray<ReadonlyArray<number>>;
type Polygon = ReadonlyArray<Ring>;

const cache = new WeakMap<CompiledConfig, Map<string, LabelPoint>>();

/** The middle of the widest inside span of the line y = `lat` across the rings (even-odd). */
function spanMiddle(rings: readonly Ring[], lat: number): LabelPoint | null {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[i + 1];
      if ((ay <= lat && by > lat) || (by <= lat && ay > lat)) xs.push(ax + ((lat - ay) / (by - ay)) * (bx - ax));
    }
  }
  xs.sort((a, b) => a - b);
  let best: LabelPoint | null = null;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      best = { lng: (xs[i] + xs[i + 1]) / 2, lat };
    }
  }
  return best;
}

function labelPoint(compiled: CompiledConfig, grid: string, polygons: readonly Polygon[]): LabelPoint | null {
  const outer = polygons.flatMap((p) => p[0] ?? []);
  if (outer.length === 0) return null;
  const lngs = outer.map((p) => p[0]);
  const lats = outer.map((p) => p[1]);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const candidates: LabelPoint[] = [
    { lng: (Math.min(...lngs) + Math.max(...lngs)) / 2, lat: (minLat + maxLat) / 2 },
    { lng: lngs.reduce((a, b) => a + b, 0) / lngs.length, lat: lats.reduce((a, b) => a + b, 0) / lats.length },
  ];
  // lines a little off the middle too, in case the middle one runs along an edge
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75]) {
    const point = spanMiddle(polygons.flat(), minLat + (maxLat - minLat) * f);
    if (point) candidates.push(point);
  }
  const locator = compiled.gridLocator;
  return candidates.find((c) => locator?.locate(c.lng, c.lat) === grid) ?? candidates[candidates.length - 1] ?? null;
}

/** Each grid's label point, by grid id (grids without a boundary have none). */
export function gridLabelPoints(compiled: CompiledConfig): Map<string, LabelPoint> {
  let points = cache.get(compiled);
  if (points) return points;
  points = new Map();
  for (const feature of compiled.config.geography?.features ?? []) {
    const unit = compiled.unit(feature.properties.unit);
    if (unit?.kind !== 'grid') continue;
    const geometry = feature.geometry;
    const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as unknown as Polygon[];
    const point = labelPoint(compiled, unit.id, polygons);
    if (point) points.set(unit.id, point);
  }
  cache.set(compiled, points);
  return points;
}
