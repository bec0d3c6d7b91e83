/**
 * A real runtime server on 127.0.0.1 and a random port, over a fresh database, with a clock the
 * test moves by hand and background loops off (tests fire timers and deliver the outbox
 * themselves). Plus a small HTTP client for it.
 */
import { pino } from 'pino';
import { createToken } from '../../../runtime/auth/tokens';
import { startServer, type RunningServer } from '../../../runtime/server';
import { prepareDatabase, type DbTarget, type PreparedDatabase } from './db-targets';
import { checkApiResponse } from './openapi-check';

export interface TestClock {
  now: number;
  set(iso: string): void;
  advanceHours(hours: number): void;
}

export function testClock(iso = '2026-03-10T10:00:00+08:00'): TestClock {
  return {
    now: Date.parse(iso),
    set(at) {
      this.now = Date.parse(at);
    },
    advanceHours(hours) {
      this.now += hours * 3600_000;
    },
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed bodies). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  server: RunningServer;
  url: string;
  clock: TestClock;
  /** The county-admin token of county `demo`. */
  adminToken: string;
  request(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse>;
  token(opts: { county?: string; role: string; unit?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function request(base: string, method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const problem = checkApiResponse(method, path, response.status, parsed);
  if (problem) throw new Error(problem);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function startTestServer(target: DbTarget, opts: { clock?: TestClock; prepared?: PreparedDatabase; webhooks?: Record<string, string>; metricsToken?: string; publicUrl?: string } = {}): Promise<TestServer> {
  const prepared = opts.prepared ?? (await prepareDatabase(target));
  const clock = opts.clock ?? testClock();
  const server = await startServer({
    port: 0,
    dataDir: prepared.dataDir,
    databaseUrl: prepared.databaseUrl,
    now: () => clock.now,
    logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }),
    loops: false,
    handleSignals: false,
    webhooks: opts.webhooks ?? {},
    metricsToken: opts.metricsToken,
    publicUrl: opts.publicUrl,
    print: () => undefined,
  });
  const adminToken = server.demoToken ?? (await createToken(server.db, { county: 'demo', role: 'county_admin', label: 'test admin' })).token;
  return {
    server,
    url: server.url,
    clock,
    adminToken,
    request: (method, path, o) => request(server.url, method, path, o),
    token: async (o) => (await createToken(server.db, { county: o.county ?? 'demo', role: o.role, unit: o.unit })).token,
    async close() {
      await server.close();
      if (!opts.prepared) await prepared.cleanup();
    },
  };
}
