/** The runtime's pilots API (docs/pilots.md), as the studio's pilot page uses it. */
import type { ApiClient } from './client';

export type PilotStatus = 'active' | 'ended' | 'promoted';

export interface PilotChange {
  seq: number;
  at: string;
  action: 'start' | 'widen' | 'promote' | 'end';
  townships: string[];
  actorId: string;
  actorRole: string;
  actorName: string | null;
  note: string | null;
}

export interface Pilot {
  id: number;
  version: number;
  townships: string[];
  status: PilotStatus;
  name: string | null;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  endedBy: string | null;
  changes: PilotChange[];
}

export interface Rate {
  hits: number;
  total: number;
  rate: number | null;
}

export interface GroupFigures {
  reported: number;
  reportedPerDay: number;
  onTimeAcceptance: Rate;
  onTimeResolution: Rate;
  closure: Rate;
  reopen: Rate;
  meanHoursToResolve: number | null;
}

export interface PilotComparison {
  pilot: Pilot;
  before: { from: string; to: string };
  since: { from: string; to: string };
  groups: Record<'pilot' | 'others', { before: GroupFigures; since: GroupFigures }>;
}

/** Started, widened or promoted at once, or submitted for a county administrator's approval (docs/approvals.md). */
export type PilotOutcome = { pilot: Pilot } | { status: 'pending-approval'; approval: { id: number } };

const base = (county: string) => `/counties/${encodeURIComponent(county)}/pilots`;

export const pilotsApi = {
  list: (api: ApiClient, county: string) => api.request<{ mainVersion: number | null; pilots: Pilot[] }>('GET', base(county)),
  start: (api: ApiClient, county: string, body: { version: number; townships: string[]; name?: string; note?: string }) => api.request<PilotOutcome>('POST', base(county), body),
  widen: (api: ApiClient, county: string, id: number, body: { townships: string[]; note?: string }) => api.request<PilotOutcome>('POST', `${base(county)}/${id}/widen`, body),
  close: (api: ApiClient, county: string, id: number, action: 'promote' | 'end', note?: string) => api.request<PilotOutcome>('POST', `${base(county)}/${id}/${action}`, note ? { note } : {}),
  comparison: (api: ApiClient, county: string, id: number, baselineDays?: number) => api.request<PilotComparison>('GET', `${base(county)}/${id}/comparison${baselineDays ? `?baselineDays=${baselineDays}` : ''}`),
};
