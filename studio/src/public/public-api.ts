/** The citizens' API (`/api/v1/public/{county}`): no token, JSON in and out, errors as ApiError. */
import type { I18nText, Unit } from '../../../engine/index';
import { ApiError } from '../api/api-error';
import type { ReportKit } from '../api/types';

export interface PublicProgress {
  code: string;
  category: { code: string; name: I18nText };
  reportedAt: string;
  state: { id: string; name: I18nText; closed: boolean };
  awaitingConfirmation: boolean;
  steps: Array<{ at: string; name: I18nText }>;
  satisfactionScale: Array<{ value: string; name: I18nText }>;
  rating: string | null;
}

export interface PublicReceipt {
  code: string;
  secret: string;
  trackPath: string;
  confirmPath: string;
}

async function call<T>(county: string, path: string, init?: { method: string; body: unknown; headers?: Record<string, string> }): Promise<T> {
  const response = await fetch(`/api/v1/public/${encodeURIComponent(county)}${path}`, {
    method: init?.method ?? 'GET',
    headers: init ? { 'content-type': 'application/json', ...init.headers } : {},
    body: init ? JSON.stringify(init.body) : undefined,
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; field?: string; issues?: never } };
  if (!response.ok) throw new ApiError(response.status, body.error?.code ?? 'error', body.error?.message ?? response.statusText, { field: body.error?.field, issues: body.error?.issues });
  return body as T;
}

export const publicApi = {
  kit: (county: string) => call<ReportKit & { units: Unit[] }>(county, '/report-kit'),
  /** A report; `uploadKey` is the key its photos were uploaded with. */
  report: (county: string, body: { category: string; data: Record<string, unknown> }, uploadKey: string) => call<PublicReceipt>(county, '/reports', { method: 'POST', body, headers: { 'X-Upload-Key': uploadKey } }),
  track: (county: string, code: string) => call<PublicProgress>(county, `/track/${encodeURIComponent(code)}`),
  confirmation: (county: string, secret: string) => call<PublicProgress>(county, `/confirm/${encodeURIComponent(secret)}`),
  confirm: (county: string, secret: string, body: { rating: string; comment?: string }) => call<PublicProgress>(county, `/confirm/${encodeURIComponent(secret)}`, { method: 'POST', body }),
};
