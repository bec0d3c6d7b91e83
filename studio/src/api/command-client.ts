/**
 * What the command room reads: the dashboards' figures (`stats/*`), the map's events, the
 * assessment's ranking and the events behind a figure, and the early-warning alerts with their
 * acknowledgement. Thin typed calls over {@link ApiClient.request}; shapes as docs/api.md gives them.
 */
import type { IndicatorScore, UnitScore as EngineUnitScore } from '../../../engine/index';
import type { ApiClient } from './client';

export type { IndicatorScore };

export type I18n = { zh: string; en: string };

export interface PeriodCount {
  count: number;
  /** The same span of the period before (yesterday up to this time of day, ...). */
  previous: number;
}

export interface OnTime {
  onTime: number;
  total: number;
  rate: number | null;
}

export interface Overview {
  county: string;
  asOf: string;
  timeZone: string;
  scope: { kind: 'county' | 'unit'; unit: string | null };
  reports: { today: PeriodCount; week: PeriodCount; month: PeriodCount };
  open: number;
  red: number;
  overdue: number;
  onTimeAcceptance: OnTime;
  onTimeResolution: OnTime;
}

export interface TrendDay {
  date: string;
  reported: number;
  closed: number;
}

export const BREAKDOWNS = ['category', 'township', 'unit', 'source'] as const;
export type BreakdownBy = (typeof BREAKDOWNS)[number];

export interface BreakdownRow {
  /** null: events with no handling unit yet (by unit) or placed in no township (by township). */
  key: string | null;
  name: I18n | null;
  reported: number;
  open: number;
  red: number;
  overdue: number;
  closed: number;
}

export interface OverdueUnit {
  unit: string;
  name: I18n | null;
  overdue: number;
  red: number;
  open: number;
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

export type Query = Record<string, string | number | boolean | undefined>;

/** `?a=1&b=2` of the values given (empty strings, false and undefined left out), or ''. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '' && value !== false) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

const enc = encodeURIComponent;
const base = (county: string) => `/counties/${enc(county)}`;

export const statsApi = {
  overview: (api: ApiClient, county: string) => api.request<Overview>('GET', `${base(county)}/stats/overview`),
  trend: (api: ApiClient, county: string, days: number) => api.request<{ days: TrendDay[] }>('GET', `${base(county)}/stats/trend?days=${days}`),
  breakdown: (api: ApiClient, county: string, by: BreakdownBy, from: string, to: string) =>
    api.request<{ by: BreakdownBy; from: string; to: string; rows: BreakdownRow[] }>('GET', `${base(county)}/stats/breakdown${queryString({ by, from, to })}`),
  overdueUnits: (api: ApiClient, county: string, limit = 10) => api.request<{ rows: OverdueUnit[] }>('GET', `${base(county)}/stats/overdue-units?limit=${limit}`),
  map: (api: ApiClient, county: string, filter: Query) => api.request<MapData>('GET', `${base(county)}/stats/map${queryString(filter)}`),
};

// --- assessment ---

/** A unit's row of the ranking: the engine's score with the unit's name and township. */
export interface UnitScore extends Omit<EngineUnitScore, 'kind'> {
  name: I18n;
  kind: string;
  township: string | null;
}

export interface Assessment {
  county: string;
  period: { id: string; kind: 'month' | 'quarter' | 'year'; from: string; to: string };
  asOf: string;
  ended: boolean;
  indicators: Array<{ id: string; name: I18n; kind: 'rate' | 'count'; weight: number; target: number | null; higherIsBetter: boolean }>;
  sources: Array<{ id: string; name: I18n; weight: number | null; appliesTo: string[]; system: boolean }>;
  units: UnitScore[];
  status: 'open' | 'closed';
  revision: number | null;
}

export interface DrillItem {
  eventId: string;
  fact: string;
  dueAt: string | null;
  settledAt: string | null;
  counted: boolean;
  event: { category: string; level: number; state: string; reportedAt: string } | null;
}

export interface Drill {
  period: string;
  unit: string;
  indicator: string;
  figure: { value: number | null; numerator: number; denominator: number; score: number | null };
  total: number;
  items: DrillItem[];
}

export interface RatingChange {
  unit: string;
  source: string;
  /** 0–100, or null to take a rating back. */
  score: number | null;
}

export const assessmentApi = {
  putRatings: (api: ApiClient, county: string, period: string, ratings: RatingChange[]) => api.request<{ period: string; changed: number }>('PUT', `${base(county)}/assessment/${enc(period)}/ratings`, { ratings }),
  get: (api: ApiClient, county: string, period: string) => api.request<Assessment>('GET', `${base(county)}/assessment?period=${enc(period)}`),
  drill: (api: ApiClient, county: string, period: string, unit: string, indicator: string) =>
    api.request<Drill>('GET', `${base(county)}/assessment/${enc(period)}/units/${enc(unit)}/indicators/${enc(indicator)}/events?limit=200`),
};

// --- alerts ---

export interface Alert {
  id: string;
  kind: 'threshold' | 'aberration';
  rule: string;
  name: I18n;
  category: string | null;
  categoryName: I18n | null;
  area: string;
  areaKind: string;
  areaName: I18n | null;
  commandRoom: string | null;
  commandRoomName: I18n | null;
  count: number;
  expected: number | null;
  windowFrom: string;
  windowTo: string;
  raisedAt: string;
  status: 'open' | 'acknowledged';
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  note: string | null;
}

export interface AlertEvent {
  id: string;
  category: string;
  level: number;
  state: string;
  reportedAt: string;
  grid: string | null;
}

export const alertsApi = {
  list: (api: ApiClient, county: string, status: 'open' | 'acknowledged' | 'all') => api.request<{ alerts: Alert[]; nextCursor: string | null }>('GET', `${base(county)}/alerts?status=${status}&limit=100`),
  get: (api: ApiClient, county: string, id: string) => api.request<{ alert: Alert; events: AlertEvent[] }>('GET', `${base(county)}/alerts/${enc(id)}`),
  acknowledge: (api: ApiClient, county: string, id: string, note: string) => api.request<{ alert: Alert }>('POST', `${base(county)}/alerts/${enc(id)}/acknowledge`, note ? { note } : {}),
};
