import type { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../runtime/http/openapi';
import { apiRouter } from '../../runtime/http/routes/api-router';
import { startTestServer, type TestServer } from './support/test-server';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route an express router registers, with nested routers mounted without a path. */
function routesOf(router: { stack: Layer[] }): Array<{ method: string; path: string }> {
  return router.stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((method) => ({ method, path: layer.route!.path }));
    if (layer.handle?.stack) return routesOf(layer.handle as { stack: Layer[] });
    return [];
  });
}

describe('OpenAPI document', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({ name: 'sqlite' });
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('is served at /api/v1/openapi.json as OpenAPI 3.1', async () => {
    const res = await ts.request('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('describes every route the API registers', () => {
    const router = apiRouter({ db: ts.server.db, configs: ts.server.configs, metrics: ts.server.metrics, logger: pino({ level: 'silent' }), now: () => 0 }) as unknown as Router & { stack: Layer[] };
    const routes = routesOf(router);
    expect(routes.length).toBeGreaterThan(15);
    const paths = openApiDocument.paths as Record<string, Record<string, unknown>>;
    const missing = routes.filter(({ method, path }) => !paths[path.replace(/:(\w+)/g, '{$1}')]?.[method]).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('GET /me names the caller', async () => {
    const handler = await ts.token({ role: 'handler', unit: 'qs-fx-mkt' });
    const res = await ts.request('GET', '/api/v1/me', { token: handler });
    expect(res.body).toMatchObject({ county: 'demo', role: 'handler', unit: 'qs-fx-mkt' });
  });

  it('the response check catches a response outside the document', async () => {
    const { checkApiResponse } = await import('./support/openapi-check');
    expect(checkApiResponse('GET', '/api/v1/me', 200, { county: 'demo' })).toMatch(/does not match/);
    expect(checkApiResponse('DELETE', '/api/v1/me', 200, {})).toMatch(/not in the OpenAPI document/);
    expect(checkApiResponse('GET', '/api/v1/me', 200, { county: 'demo', role: 'handler', unit: null, id: 'x' })).toBeNull();
  });
});
