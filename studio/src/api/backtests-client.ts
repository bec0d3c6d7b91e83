/** The runtime's backtest API (docs/backtest.md), as the studio's replay page uses it. */
import type { ApiClient } from './client';
import type { DiffSummary, DiffTotals } from './shadows-client';

export type BacktestStatus = 'running' | 'done' | 'cancelled' | 'interrupted' | 'failed';

export interface Backtest {
  id: string;
  county: string;
  config: { kind: 'draft' | 'version' | 'file'; version: number | null; label: string };
  from: string;
  /** Exclusive. */
  to: string;
  status: BacktestStatus;
  cancelRequested: boolean;
  progress: { done: number; total: number; fraction: number };
  totals: DiffTotals | null;
  summary: DiffSummary | null;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface BacktestSide {
  level: number;
  unit: string | null;
  dispatcher: string | null;
  slaPolicy: string | null;
  acceptDue: string | null;
  resolveDue: string | null;
  late: { accept: boolean; resolve: boolean };
}

/** An explanation as events store it: facts other than the report's own fields, the fired rules' ids in order, the winner per decision type. */
export interface StoredTrail {
  facts?: Record<string, unknown>;
  dataFields?: string[];
  fired?: unknown[];
  winners?: Record<string, string>;
}

export interface BacktestChange {
  eventId: string;
  reportedAt: string;
  category: string;
  township: string | null;
  changes: string[];
  newlyLate: Array<'accept' | 'resolve'>;
  before: BacktestSide;
  after: BacktestSide;
  explanation: { before: StoredTrail | null; after: StoredTrail | null };
}

export interface ChangesFilter {
  category?: string;
  township?: string;
  newlyLate?: boolean;
  limit?: number;
  after?: string;
}

const base = (county: string) => `/counties/${encodeURIComponent(county)}/backtests`;

function changesQuery(filter: ChangesFilter): string {
  const q = new URLSearchParams();
  if (filter.category) q.set('category', filter.category);
  if (filter.township) q.set('township', filter.township);
  if (filter.newlyLate) q.set('newlyLate', 'true');
  if (filter.limit) q.set('limit', String(filter.limit));
  if (filter.after) q.set('after', filter.after);
  const text = q.toString();
  return text ? `?${text}` : '';
}

export const backtestsApi = {
  list: (api: ApiClient, county: string) => api.request<{ backtests: Backtest[] }>('GET', base(county)),
  get: (api: ApiClient, county: string, id: string) => api.request<{ backtest: Backtest }>('GET', `${base(county)}/${encodeURIComponent(id)}`),
  start: (api: ApiClient, county: string, body: ({ draft: number } | { version: number }) & { from: string; to: string }) => api.request<{ backtest: Backtest }>('POST', base(county), body),
  cancel: (api: ApiClient, county: string, id: string) => api.request<{ backtest: Backtest }>('POST', `${base(county)}/${encodeURIComponent(id)}/cancel`, {}),
  changes: (api: ApiClient, county: string, id: string, filter: ChangesFilter) =>
    api.request<{ items: BacktestChange[]; next: string | null }>('GET', `${base(county)}/${encodeURIComponent(id)}/changes${changesQuery(filter)}`),
};
