/**
 * Contract: the HTTP surface (health, readiness, metrics, authentication and county isolation,
 * hostile request bodies). Runs against any database target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCase } from './catalog-cases';
import type { DbTarget } from './db-targets';
import { startTestServer, type TestServer } from './test-server';

export function httpContract(target: DbTarget): void {
  describe(`HTTP surface (${target.name})`, () => {
    let ts: TestServer;
    let eventId: string;
    const sample = catalogCase('dispute-neighbor-to-village');

    beforeAll(async () => {
      ts = await startTestServer(target);
      ts.clock.set(sample.input.at);
      const created = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: sample.input.category, data: sample.input.data } });
      expect(created.status).toBe(201);
      eventId = created.body.event.id;
      // A second county with the same config, to prove isolation.
      const demo = await ts.server.configs.compiled('demo', 1);
      await ts.server.configs.createCounty({ id: 'other', name: 'Other county', compiled: demo, createdBy: 'test', now: ts.clock.now });
    });
    afterAll(async () => {
      await ts?.close();
    });

    describe('health, readiness, metrics', () => {
      it('GET /healthz answers while the process is up', async () => {
        const res = await ts.request('GET', '/healthz');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ status: 'ok' });
      });

      it('GET /readyz checks the database and the migrations', async () => {
        const res = await ts.request('GET', '/readyz');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ status: 'ready' });
      });

      it('GET /metrics exposes intake, decisions and database gauges in Prometheus format', async () => {
        const res = await ts.request('GET', '/metrics');
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(res.text).toMatch(/^pingtai_intake_total\{county="demo",outcome="created"\} 1$/m);
        expect(res.text).toMatch(/^pingtai_intake_duration_seconds_count\{county="demo"\} 1$/m);
        expect(res.text).toMatch(/^pingtai_decisions_total\{county="demo",type="route",rule="[^"]+"\} 1$/m);
        expect(res.text).toMatch(/^pingtai_open_events\{county="demo"\} 1$/m);
        expect(res.text).toMatch(/^pingtai_red_events\{county="demo"\} 0$/m);
        expect(res.text).toContain('# TYPE pingtai_timers_fired_total counter');
      });

      it('an unknown path is a JSON 404', async () => {
        const res = await ts.request('GET', '/api/v2/nope');
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('not-found');
      });
    });

    describe('authentication and county isolation', () => {
      it.each<{ name: string; headers: Record<string, string> }>([
        { name: 'no Authorization header', headers: {} },
        { name: 'not a bearer scheme', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
        { name: 'malformed token', headers: { authorization: 'Bearer nonsense' } },
        { name: 'well-formed unknown token', headers: { authorization: `Bearer pt_${'A'.repeat(43)}` } },
      ])('401 with $name', async ({ headers }) => {
        const res = await ts.request('GET', `/api/v1/counties/demo/events/${eventId}`, { headers });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      });

      it('401 for a revoked token', async () => {
        const token = await ts.token({ role: 'dispatcher', unit: 'qs-fx-cmd' });
        expect((await ts.request('GET', `/api/v1/counties/demo/events/${eventId}`, { token })).status).toBe(200);
        const { revokeToken, actorForToken } = await import('../../../runtime/auth/tokens');
        const actor = await actorForToken(ts.server.db, token);
        expect(await revokeToken(ts.server.db, { county: 'demo', id: actor!.id })).toBe(true);
        expect((await ts.request('GET', `/api/v1/counties/demo/events/${eventId}`, { token })).status).toBe(401);
      });

      it("another county's token sees 404 for this county's path and for this county's event", async () => {
        const other = await ts.token({ county: 'other', role: 'county_admin' });
        const viaDemoPath = await ts.request('GET', `/api/v1/counties/demo/events/${eventId}`, { token: other });
        const viaOwnPath = await ts.request('GET', `/api/v1/counties/other/events/${eventId}`, { token: other });
        const missing = await ts.request('GET', `/api/v1/counties/demo/events/00000000-0000-7000-8000-000000000000`, { token: ts.adminToken });
        expect(viaDemoPath.status).toBe(404);
        expect(viaOwnPath.status).toBe(404);
        expect(missing.status).toBe(404);
        expect(viaDemoPath.body.error.code).toBe(missing.body.error.code);
        const post = await ts.request('POST', '/api/v1/counties/demo/events', { token: other, body: { category: sample.input.category, data: sample.input.data } });
        expect(post.status).toBe(404);
      });

      it('403 for a role that may not report', async () => {
        const designer = await ts.token({ role: 'policy_designer' });
        const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: designer, body: { category: sample.input.category, data: sample.input.data } });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('role-not-allowed');
      });
    });

    describe('hostile request bodies get a clear 4xx and the server keeps serving', () => {
      const post = (opts: { rawBody?: string; body?: unknown; headers?: Record<string, string> }) =>
        ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, headers: { 'content-type': 'application/json', ...opts.headers }, ...opts });

      const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

      it.each([
        { name: 'malformed JSON', raw: '{"category": "x", "data": {', status: 400, code: 'malformed-json' },
        { name: 'a bare string (strict JSON: objects and arrays only)', raw: '"hello"', status: 400, code: 'malformed-json' },
        { name: '5,000-deep nested JSON', raw: `{"category":"x","data":${nested(5000)}}`, status: 400, code: 'too-deep' },
        { name: 'a __proto__ key', raw: '{"category":"x","data":{"__proto__":{"polluted":true}}}', status: 400, code: 'forbidden-key', field: '/data/__proto__' },
        { name: 'a constructor key', raw: '{"category":"x","data":{"constructor":{"prototype":{"polluted":true}}}}', status: 400, code: 'forbidden-key', field: '/data/constructor' },
        { name: 'a prototype key nested in an array', raw: '{"category":"x","data":{"list":[{"prototype":1}]}}', status: 400, code: 'forbidden-key', field: '/data/list/0/prototype' },
      ])('$name → $status $code', async ({ raw, status, code, field }) => {
        const res = await post({ rawBody: raw });
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
        if (field) expect(res.body.error.field).toBe(field);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect((await ts.request('GET', '/healthz')).status).toBe(200);
      });

      it('a 10 MB body → 413', async () => {
        const big = `{"category":"x","data":{"description":"${'x'.repeat(10 * 1024 * 1024)}"}}`;
        const res = await post({ rawBody: big });
        expect(res.status).toBe(413);
        expect(res.body.error.code).toBe('payload-too-large');
        expect((await ts.request('GET', '/healthz')).status).toBe(200);
      });

      it('a body that is not JSON → 415', async () => {
        const res = await post({ rawBody: 'category=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(res.status).toBe(415);
        expect(res.body.error.code).toBe('unsupported-media-type');
      });

      it('JSON in a charset other than UTF-8 → 415', async () => {
        const res = await post({ rawBody: '{}', headers: { 'content-type': 'application/json; charset=latin1' } });
        expect(res.status).toBe(415);
        expect(res.body.error.code).toBe('unsupported-media-type');
      });

      it('intake answers on the path as express would match it (trailing slash, query string)', async () => {
        // (raw fetch: these spellings are not in the OpenAPI document the test client checks against)
        for (const path of ['/api/v1/counties/demo/events/', '/API/V1/counties/demo/events?x=1']) {
          const res = await fetch(`${ts.url}${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ category: sample.input.category, data: sample.input.data }),
          });
          expect(res.status).toBe(201);
          expect(res.headers.get('x-request-id')).toEqual(expect.any(String));
          expect(((await res.json()) as { event: { id: string } }).event.id).toEqual(expect.any(String));
        }
        const other = await ts.request('POST', '/api/v1/counties/other/events', { token: ts.adminToken, body: { category: sample.input.category, data: sample.input.data } });
        expect(other.status).toBe(404);
        const bad = await fetch(`${ts.url}/api/v1/counties/%E0%A4%A/events`, { method: 'POST', headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json' }, body: '{}' });
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('county');
      });

      it.each([
        { name: 'a NUL character in an event id', path: '/api/v1/counties/demo/events/abc%00def', field: 'path' },
        { name: 'a NUL character in a filter', path: '/api/v1/counties/demo/events?category=%00', field: 'query.category' },
        { name: 'a NUL character in a state list', path: '/api/v1/counties/demo/events?state=dispatched%00', field: 'query.state' },
        { name: 'a path that is not valid percent-encoding', path: '/api/v1/counties/demo/events/%ZZ', field: 'path' },
        { name: 'a county that is not valid percent-encoding', path: '/api/v1/counties/%ZZ/events', field: 'path' },
        { name: 'a cursor with a NUL id', path: `/api/v1/counties/demo/events?cursor=${Buffer.from(JSON.stringify({ at: 1, id: '\u0000' })).toString('base64url')}`, field: 'cursor' },
        { name: 'a cursor with a time no date can hold', path: `/api/v1/counties/demo/events?cursor=${Buffer.from(JSON.stringify({ at: 1e300, id: '01a242c3-7ddf-7051-859c-45575927d651' })).toString('base64url')}`, field: 'cursor' },
      ])('GET with $name → 400 naming the $field', async ({ path, field }) => {
        // (raw fetch: the test client checks answers against the OpenAPI paths, which these are not)
        const res = await fetch(`${ts.url}${path}`, { headers: { authorization: `Bearer ${ts.adminToken}` } });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
        expect((await ts.request('GET', '/healthz')).status).toBe(200);
      });

      it.each([
        ['GET', ''],
        ['POST', '/comments'],
        ['POST', '/actions/accept'],
        ['PUT', '/assist'],
      ])('%s an event id that is no event id (…%s) → 404, on either database', async (method, suffix) => {
        const res = await fetch(`${ts.url}/api/v1/counties/demo/events/not-a-uuid${suffix}`, {
          method,
          headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body: JSON.stringify({ version: 1, text: 'x', units: [] }) }),
        });
        expect(res.status).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-found');
      });

      it('Open311 with a county that is not valid percent-encoding → 400 as an Open311 error', async () => {
        const res = await fetch(`${ts.url}/open311/v2/%ZZ/services.json`);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual([{ code: 400, description: expect.any(String) }]);
      });

      it.each(['gzip', 'deflate', 'br'])('a JSON body that is not %s-encoded as its Content-Encoding says → 400', async (encoding) => {
        for (const path of ['/api/v1/counties/demo/events', `/api/v1/counties/demo/events/${eventId}/comments`]) {
          const res = await fetch(`${ts.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json', 'content-encoding': encoding }, body: '{"text":"x","category":"x","data":{}}' });
          expect(res.status).toBe(400);
          expect(((await res.json()) as { error: { field: string } }).error.field).toBe('body');
        }
      });

      it.each(['reporterId', 'county', 'id'])('a report that names its own %s → 400 naming it, nothing written', async (key) => {
        const before = await ts.server.db.models.Event.count();
        const res = await post({ body: { category: sample.input.category, data: sample.input.data, [key]: 'someone-else' } });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'bad-body', field: key });
        expect(await ts.server.db.models.Event.count()).toBe(before);
      });

      it('a JSON array where an object belongs → 400', async () => {
        const res = await post({ rawBody: '[1,2,3]' });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('bad-body');
      });

      it('still serves real work after all of the above', async () => {
        const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: sample.input.category, data: sample.input.data } });
        expect(res.status).toBe(201);
      });
    });
  });
}
