/** The runtime's shadow-run API (docs/pilots.md), as the studio's pilot page uses it. */
import type { ApiClient } from './client';

export interface DiffTotals {
  events: number;
  changed: number;
  failed: number;
  fields: Partial<Record<string, number>>;
  newlyLate: { accept: number; resolve: number; events: number };
}

export interface DiffSummary {
  byCategory: Array<{ category: string | null; events: number; changed: number }>;
  byTownship: Array<{ township: string | null; events: number; changed: number }>;
  loadMoved: Array<{ from: string | null; to: string | null; events: number }>;
  failures: Array<{ code: string; events: number }>;
}

export interface Shadow {
  id: number;
  version: number;
  name: string | null;
  status: 'active' | 'stopped';
  startedAt: string;
  startedBy: string;
  stoppedAt: string | null;
  stoppedBy: string | null;
  decidedUntil: string;
  totals: DiffTotals;
  summary: DiffSummary;
}

export interface DecisionSide {
  level: number;
  unit: string | null;
  dispatcher: string | null;
  slaPolicy: string | null;
  acceptDue: string | null;
  resolveDue: string | null;
}

export interface ShadowChange {
  eventId: string;
  reportedAt: string;
  category: string;
  township: string | null;
  changes: string[];
  newlyLate: string[];
  real: DecisionSide | null;
  shadow: DecisionSide | null;
  shadowTrail: { winners?: Record<string, string> } | null;
  error: { code: string; message: string } | null;
}

const base = (county: string) => `/counties/${encodeURIComponent(county)}/shadows`;

export const shadowsApi = {
  list: (api: ApiClient, county: string) => api.request<{ shadows: Shadow[] }>('GET', base(county)),
  start: (api: ApiClient, county: string, body: { version: number; name?: string }) => api.request<{ shadow: Shadow }>('POST', base(county), body),
  stop: (api: ApiClient, county: string, id: number) => api.request<{ shadow: Shadow }>('POST', `${base(county)}/${id}/stop`, {}),
  changes: (api: ApiClient, county: string, id: number) => api.request<{ changes: ShadowChange[]; nextCursor: string | null }>('GET', `${base(county)}/${id}/changes?limit=100`),
};
