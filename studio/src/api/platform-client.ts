/**
 * The platform administrator's calls (`/api/v1/counties`, `/api/v1/catalogs`): same-origin fetch
 * with the signed-in platform token; non-2xx answers become ApiError with the server's message.
 */
import type { I18nText } from '../../../engine/index';
import { ApiError } from './api-error';

export interface CountySummary {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  createdAt: string;
  disabledAt: string | null;
  activeVersion: number | null;
  requireApproval: boolean;
}

export interface PlatformCatalog {
  id: string;
  name: I18nText | null;
}

export interface CreatedCounty {
  county: CountySummary;
  adminToken: string;
  open311Key: string;
}

export class PlatformClient {
  constructor(private readonly token: string) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: { Accept: 'application/json', Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; field?: string } } | undefined;
    if (!response.ok) throw new ApiError(response.status, json?.error?.code ?? `http-${response.status}`, json?.error?.message ?? response.statusText, { field: json?.error?.field });
    return json as T;
  }

  counties(): Promise<{ counties: CountySummary[] }> {
    return this.request('GET', '/counties');
  }
  catalogs(): Promise<{ catalogs: PlatformCatalog[] }> {
    return this.request('GET', '/catalogs');
  }
  createCounty(body: { id: string; name: string; catalog: string }): Promise<CreatedCounty> {
    return this.request('POST', '/counties', body);
  }
  setStatus(id: string, status: CountySummary['status']): Promise<{ county: CountySummary }> {
    return this.request('PATCH', `/counties/${encodeURIComponent(id)}`, { status });
  }
  /** Whether the county's publishing and activating need a second county administrator (docs/approvals.md). */
  setRequireApproval(id: string, requireApproval: boolean): Promise<{ county: CountySummary; requireApproval: boolean }> {
    return this.request('PATCH', `/counties/${encodeURIComponent(id)}`, { requireApproval });
  }
}
