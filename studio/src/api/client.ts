/**
 * The one way the studio talks to the runtime: same-origin fetch under `/api/v1` with the
 * signed-in token. Non-2xx answers become ApiError; a 401 signs the user out.
 */
import type { Boundary, CountyConfig, Issue } from '../../../engine/index';
import { ApiError } from './api-error';
import type { ActionInput, CatalogSummary, ReportKit, ConfigVersionDetail, ConfigVersionSummary, EventDetail, EventRecord, Me, TestRun } from './types';
import { i18next } from '../i18n/i18n';

export interface EventQuery {
  state?: string;
  unit?: string;
  category?: string;
  level?: string;
  red?: boolean;
  /** `red-first` puts red events first across pages (the runtime's extension of the list). */
  order?: 'newest' | 'red-first';
  overdue?: boolean | string;
  /** The dashboards' drill-down filters (docs/dashboards.md). */
  township?: string;
  grid?: string;
  source?: string;
  from?: string;
  to?: string;
  closed?: string;
  closedFrom?: string;
  closedTo?: string;
  lead?: string;
  limit?: number;
  cursor?: string;
}

export type DraftSource = { document: CountyConfig } | { catalog: string } | { copyOf: number } | { overlay: Record<string, unknown> };

export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  /** One call of the JSON API under `/api/v1`; the typed methods below and the feature clients (command-client.ts) use it. */
  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      const error = (json as { error?: { code?: string; message?: string; field?: string; issues?: Issue[]; results?: never } } | undefined)?.error;
      const code = error?.code ?? `http-${response.status}`;
      const serverMessage = error?.message ?? (text.slice(0, 200) || response.statusText);
      // the runtime's messages are English; a known code reads in the page's language, the server's words after it
      const known = i18next.exists(`apiError.${code}`) ? i18next.t(`apiError.${code}`) : null;
      const message = known ? (i18next.language === 'en' && !/^http-/.test(code) ? `${known} (${serverMessage})` : known) : serverMessage;
      throw new ApiError(response.status, code, message, {
        field: error?.field,
        issues: error?.issues,
        results: error?.results,
      });
    }
    return json as T;
  }

  /**
   * A file the API makes (`?format=csv|xlsx`), fetched with the token and handed to the browser
   * as a download named as the runtime names it (or `fallbackName`).
   */
  async download(path: string, fallbackName: string): Promise<void> {
    const response = await fetch(`/api/v1${path}`, { headers: { Authorization: `Bearer ${this.token}` } });
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      const text = await response.text();
      let message = text.slice(0, 200) || response.statusText;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not JSON: the text itself
      }
      throw new ApiError(response.status, `http-${response.status}`, message);
    }
    const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get('Content-Disposition') ?? '');
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = named ? decodeURIComponent(named[1]) : fallbackName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  me(): Promise<Me> {
    return this.request('GET', '/me');
  }

  // --- configs ---
  listConfigs(county: string): Promise<{ versions: ConfigVersionSummary[] }> {
    return this.request('GET', `/counties/${enc(county)}/configs`);
  }
  getConfig(county: string, version: number): Promise<ConfigVersionDetail> {
    return this.request('GET', `/counties/${enc(county)}/configs/${version}`);
  }
  activeConfig(county: string): Promise<{ version: number; document: CountyConfig }> {
    return this.request('GET', `/counties/${enc(county)}/config/active`);
  }
  createDraft(county: string, source: DraftSource): Promise<{ version: number; status: string; issues: Issue[] }> {
    return this.request('POST', `/counties/${enc(county)}/configs`, source);
  }
  saveDraft(county: string, version: number, document: unknown): Promise<{ version: number; issues: Issue[] }> {
    return this.request('PUT', `/counties/${enc(county)}/configs/${version}`, { document });
  }
  testConfig(county: string, version: number): Promise<TestRun> {
    return this.request('POST', `/counties/${enc(county)}/configs/${version}/test`, {});
  }
  publish(county: string, version: number): Promise<{ version: number; status: string }> {
    return this.request('POST', `/counties/${enc(county)}/configs/${version}/publish`, {});
  }
  deleteDraft(county: string, version: number): Promise<{ version: number; status: 'deleted' }> {
    return this.request('DELETE', `/counties/${enc(county)}/configs/${version}`);
  }
  listCatalogs(county: string): Promise<{ catalogs: CatalogSummary[] }> {
    return this.request('GET', `/counties/${enc(county)}/catalogs`);
  }
  activate(county: string, version: number): Promise<{ active: number }> {
    return this.request('POST', `/counties/${enc(county)}/configs/${version}/activate`, {});
  }

  reportKit(county: string): Promise<ReportKit> {
    return this.request('GET', `/counties/${enc(county)}/report-kit`);
  }
  /** The county's boundaries (GeoJSON) of some kinds, e.g. `grid`. */
  geography(county: string, kind: string): Promise<{ features: Array<Pick<Boundary, 'properties' | 'geometry'>> }> {
    return this.request('GET', `/counties/${enc(county)}/geography?kind=${enc(kind)}`);
  }

  // --- events ---
  reportEvent(county: string, body: { category: string; data: unknown; source?: string }, idempotencyKey: string): Promise<{ event: EventRecord }> {
    return this.request('POST', `/counties/${enc(county)}/events`, body, { 'Idempotency-Key': idempotencyKey });
  }
  listEvents(county: string, query: EventQuery): Promise<{ events: EventRecord[]; nextCursor: string | null }> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '' && value !== false) params.set(key, String(value));
    const qs = params.toString();
    return this.request('GET', `/counties/${enc(county)}/events${qs ? `?${qs}` : ''}`);
  }
  getEvent(county: string, id: string): Promise<EventDetail> {
    return this.request('GET', `/counties/${enc(county)}/events/${enc(id)}`);
  }
  act(county: string, id: string, action: string, { version, ...input }: ActionInput): Promise<{ event: EventRecord }> {
    const body = Object.keys(input).length ? { version, input } : { version };
    return this.request('POST', `/counties/${enc(county)}/events/${enc(id)}/actions/${enc(action)}`, body);
  }
  comment(county: string, id: string, text: string): Promise<unknown> {
    return this.request('POST', `/counties/${enc(county)}/events/${enc(id)}/comments`, { text });
  }
}

const enc = encodeURIComponent;
