/**
 * The map (一张图): per grid, its open and red events; and the events as points — at the report's
 * own coordinates (`data.location.lat/lng`), else at a point inside its grid's boundary
 * (grid-label-points.ts); events with neither are left out. At most {@link MAX_POINTS} points,
 * newest first, `truncated` saying when there were more. The filters are the worklist's: category,
 * level, state, red, closed, from/to (report time); without `state` or `closed`, the open events.
 */
import { QueryTypes } from 'sequelize';
import type { CompiledConfig } from '../../engine/index';
import type { Database, Dialect } from '../db/open-database';
import { storedBoolean } from '../db/raw-sql';
import { emptyList, openEventsIndex, sqlFalse, sqlTrue, timeParam } from './event-sql';
import { gridLabelPoints } from './grid-label-points';
import { scopeReplacements, scopeSql, type StatsScope } from './stats-scope';

export const MAX_POINTS = 5000;

export interface MapFilter {
  categories?: string[];
  levels?: number[];
  states?: string[];
  red?: boolean;
  closed?: boolean;
  from?: number;
  to?: number;
}

export interface MapPoint {
  id: string;
  lng: number;
  lat: number;
  category: string;
  level: number;
  state: string;
  red: boolean;
  grid: string | null;
  placed: 'report' | 'grid';
}

export interface MapData {
  grids: Array<{ grid: string; open: number; red: number }>;
  points: MapPoint[];
  truncated: boolean;
}

type Row = Record<string, unknown>;

function location(d: Dialect, axis: 'lat' | 'lng'): string {
  return d === 'postgres' ? `CAST(CASE WHEN jsonb_typeof(e.data #> '{location,${axis}}') = 'number' THEN e.data #>> '{location,${axis}}' END AS DOUBLE PRECISION)` : `CASE WHEN json_type(e.data, '$.location.${axis}') IN ('real', 'integer') THEN json_extract(e.data, '$.location.${axis}') END`;
}

/** The `closed` a filter selects: as given, else open events unless states are named. */
const closedOf = (filter: MapFilter) => filter.closed ?? (filter.states ? undefined : false);
const openOnly = (filter: MapFilter) => closedOf(filter) === false;

function filterSql(d: Dialect, filter: MapFilter, replacements: Record<string, unknown>): string {
  const parts: string[] = [];
  const list = (name: string, values: readonly unknown[]) => {
    replacements[name] = values;
    return `:${name}`;
  };
  if (filter.categories) parts.push(`e.category IN (${list('categories', filter.categories)})`);
  if (filter.levels) parts.push(`e.level IN (${list('levels', filter.levels)})`);
  if (filter.states) parts.push(`e.state IN (${list('states', filter.states)})`);
  if (filter.red !== undefined) parts.push(`e.red = ${filter.red ? sqlTrue(d) : sqlFalse(d)}`);
  const closed = closedOf(filter);
  if (closed !== undefined) parts.push(`e.closed = ${closed ? sqlTrue(d) : sqlFalse(d)}`);
  if (filter.from !== undefined) {
    replacements.from = timeParam(d, filter.from);
    parts.push('e.reported_at >= :from');
  }
  if (filter.to !== undefined) {
    replacements.to = timeParam(d, filter.to);
    parts.push('e.reported_at < :to');
  }
  return parts.map((p) => ` AND ${p}`).join('');
}

export async function mapData(db: Database, opts: { countyId: string; scope: StatsScope; compiled: CompiledConfig | undefined; filter: MapFilter }): Promise<MapData> {
  const d = db.dialect;
  const replacements: Record<string, unknown> = { county: opts.countyId, ...scopeReplacements(opts.scope) };
  const where = `e.county_id = :county${filterSql(d, opts.filter, replacements)}${scopeSql(opts.scope, emptyList(d))}`;
  // open events (the default): read through the index of open events
  const from = `events e${openOnly(opts.filter) ? openEventsIndex(d) : ''}`;
  const lat = location(d, 'lat');
  const lng = location(d, 'lng');
  const [gridRows, pointRows] = await Promise.all([
    db.sequelize.query<Row>(
      `SELECT e.grid AS grid, SUM(CASE WHEN e.closed = ${sqlFalse(d)} THEN 1 ELSE 0 END) AS open, SUM(CASE WHEN e.closed = ${sqlFalse(d)} AND e.red = ${sqlTrue(d)} THEN 1 ELSE 0 END) AS red
       FROM ${from} WHERE ${where} AND e.grid IS NOT NULL GROUP BY e.grid`,
      { replacements, type: QueryTypes.SELECT },
    ),
    db.sequelize.query<Row>(
      `SELECT e.id AS id, e.category AS category, e.level AS level, e.state AS state, e.red AS red, e.grid AS grid, ${lat} AS lat, ${lng} AS lng
       FROM ${from} WHERE ${where} AND (e.grid IS NOT NULL OR ${lat} IS NOT NULL)
       ORDER BY e.reported_at DESC, e.id DESC LIMIT ${MAX_POINTS + 1}`,
      { replacements, type: QueryTypes.SELECT },
    ),
  ]);
  const labels = opts.compiled ? gridLabelPoints(opts.compiled) : new Map();
  const points: MapPoint[] = [];
  for (const row of pointRows.slice(0, MAX_POINTS)) {
    const grid = row.grid === null || row.grid === undefined ? null : String(row.grid);
    const own = row.lat !== null && row.lng !== null && row.lat !== undefined && row.lng !== undefined ? { lat: Number(row.lat), lng: Number(row.lng) } : null;
    const at = own && Number.isFinite(own.lat) && Number.isFinite(own.lng) ? own : grid ? labels.get(grid) : undefined;
    if (!at) continue;
    points.push({ id: String(row.id), lng: at.lng, lat: at.lat, category: String(row.category), level: Number(row.level), state: String(row.state), red: storedBoolean(row.red), grid, placed: at === own ? 'report' : 'grid' });
  }
  return {
    grids: gridRows.map((r) => ({ grid: String(r.grid), open: Number(r.open ?? 0), red: Number(r.red ?? 0) })).sort((a, b) => b.open - a.open || (a.grid < b.grid ? -1 : 1)),
    points,
    truncated: pointRows.length > MAX_POINTS,
  };
}
