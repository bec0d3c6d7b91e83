/**
 * Placing a report by its coordinates: report data whose `location` has `lat` and `lng` (WGS84
 * degrees, as the base form keeps them) but no `grid` gets the grid whose boundary holds the
 * point, before its form is checked and its rules decide, so routing by place works for a report
 * that only knows where it is. A grid the reporter chose is kept as chosen.
 */
import type { Issue } from '../types';
import type { GridLocator } from './grid-locator';

export type Placement =
  /** `grid`: the grid the point placed it in (null: nothing to place, `data` unchanged). */
  | { ok: true; data: unknown; grid: string | null }
  | { ok: false; issue: Issue };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCoordinate = (v: unknown, limit: number): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;

/**
 * The report data with `location.grid` filled in from `location.lat` / `location.lng`, or the
 * issue `outside-grids` at `/location` when the point lies in no grid. Data without coordinates,
 * with a grid already, or a county without boundaries (`locator` null) is left as it is.
 * @example
 * placeByPoint(compiled.gridLocator, { location: { lat: 28.6951, lng: 118.9182 } })
 * // { ok: true, grid: 'qs-fx-v01-g1', data: { location: { lat: 28.6951, lng: 118.9182, grid: 'qs-fx-v01-g1' } } }
 */
export function placeByPoint(locator: GridLocator | null, data: unknown): Placement {
  const location = isRecord(data) ? data.location : undefined;
  if (!locator || !isRecord(data) || !isRecord(location)) return { ok: true, data, grid: null };
  if (location.grid !== undefined && location.grid !== '') return { ok: true, data, grid: null };
  const { lat, lng } = location;
  if (!isCoordinate(lat, 90) || !isCoordinate(lng, 180)) return { ok: true, data, grid: null };
  const grid = locator.locate(lng, lat);
  if (grid === null) {
    return {
      ok: false,
      issue: {
        code: 'outside-grids',
        pointer: '/location',
        message: `the point at latitude ${lat}, longitude ${lng} lies outside every grid of the county: choose the grid, or check the coordinates`,
        messageZh: `纬度 ${lat}、经度 ${lng} 处不在本县任何网格之内：请选择所属网格，或核对坐标`,
        params: { lat, lng },
      },
    };
  }
  return { ok: true, data: { ...data, location: { ...location, grid } }, grid };
}
