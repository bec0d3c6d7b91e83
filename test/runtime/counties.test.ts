/**
 * Counties and the platform administrator over real HTTP, on SQLite and PostgreSQL: creating
 * counties (catalog, overlay, bundled document) and every refusal naming its field; two live
 * counties — `demo` from the first start and `qingxi` created through the API — that never see,
 * change or count anything of each other (events, configs, boundaries, attachments, accounts, Open311
 * requests, counts, ratings and assessments); a disabled county's tokens and Open311 key refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformToken } from '../../runtime/auth/platform-tokens';
import { rotateOpen311Key } from '../../runtime/open311/api-key';
import { catalogCase } from './support/catalog-cases';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';
import { download, phonePhoto, upload } from './support/attachment-fixtures';

const CATALOG = 'zhejiang-four-platforms';

describe.each(dbTargets())('counties and the platform administrator ($name)', (target) => {
  let ts: TestServer;
  let platform: string;
  /** County B, created through the API. */
  let b: { adminToken: string; open311Key: string };
  let demoKey: string;
  const sample = catalogCase('dispute-neighbor-to-village');
  const report = (county: string, token: string) => ts.request('POST', `/api/v1/counties/${county}/events`, { token, body: { category: sample.input.category, data: sample.input.data } });
  const open311Post = (county: string, apiKey: string) =>
    ts.request('POST', `/open311/v2/${county}/requests.json`, {
      rawBody: new URLSearchParams({ api_key: apiKey, service_code: 'env-noise', lat: '28.6951', long: '118.9182', description: '工地夜间施工', 'attribute[grid]': 'qs-fx-v01-g1', 'attribute[noiseSource]': 'construction', 'attribute[decibel]': '78.5', 'attribute[durationDays]': '3' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  beforeAll(async () => {
    ts = await startTestServer(target);
    ts.clock.set(sample.input.at);
    platform = ts.server.platformToken ?? (await createPlatformToken(ts.server.db)).token;
    demoKey = await rotateOpen311Key(ts.server.db, 'demo');
  });
  afterAll(async () => {
    await ts?.close();
  });

  describe('the platform administrator', () => {
    it('the first start made a platform token, bound to no county', async () => {
      expect(ts.server.platformToken).toMatch(/^ptp_[A-Za-z0-9_-]{43}$/);
      const me = await ts.request('GET', '/api/v1/me', { token: platform });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ county: null, role: 'platform_admin' });
    });

    it('lists the counties and the catalogs', async () => {
      const res = await ts.request('GET', '/api/v1/counties', { token: platform });
      expect(res.status).toBe(200);
      expect(res.body.counties).toEqual([expect.objectContaining({ id: 'demo', status: 'active', activeVersion: 1, disabledAt: null })]);
      const catalogs = await ts.request('GET', '/api/v1/catalogs', { token: platform });
      expect(catalogs.body.catalogs.map((c: { id: string }) => c.id)).toEqual(['pilot-whistle', CATALOG]);
    });

    it.each([
      ['GET', '/api/v1/counties', undefined],
      ['POST', '/api/v1/counties', { id: 'sneaky', catalog: CATALOG }],
      ['PATCH', '/api/v1/counties/demo', { status: 'disabled' }],
      ['GET', '/api/v1/catalogs', undefined],
    ] as const)("a county administrator's token gets 403 platform-admin-only for %s %s", async (method, path, body) => {
      const res = await ts.request(method, path, { token: ts.adminToken, body });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('platform-admin-only');
      expect(res.body.error.message).toContain('county_admin of county "demo"');
    });

    it('no token, or an unknown platform token, is 401; a platform token does not act inside a county', async () => {
      expect((await ts.request('GET', '/api/v1/counties')).status).toBe(401);
      expect((await ts.request('GET', '/api/v1/counties', { token: `ptp_${'A'.repeat(43)}` })).status).toBe(401);
      const inside = await ts.request('GET', '/api/v1/counties/demo/events', { token: platform });
      expect(inside.status).toBe(401);
      expect(inside.body.error.message).toContain('platform administrator');
    });
  });

  describe('creating counties', () => {
    it('creates county qingxi from a catalog, with its own admin token and Open311 key shown once', async () => {
      const res = await ts.request('POST', '/api/v1/counties', { token: platform, body: { id: 'qingxi', name: '清溪县', catalog: CATALOG } });
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe('/api/v1/counties/qingxi');
      expect(res.body.county).toMatchObject({ id: 'qingxi', name: '清溪县', status: 'active', activeVersion: 1 });
      expect(res.body.adminToken).toMatch(/^pt_/);
      expect(res.body.open311Key).toMatch(/^o311_/);
      b = { adminToken: res.body.adminToken, open311Key: res.body.open311Key };
      const me = await ts.request('GET', '/api/v1/me', { token: b.adminToken });
      expect(me.body).toMatchObject({ county: 'qingxi', role: 'county_admin' });
      const list = await ts.request('GET', '/api/v1/counties', { token: platform });
      expect(list.body.counties.map((c: { id: string }) => c.id)).toEqual(['demo', 'qingxi']);
    });

    it('creates a county from an overlay on a catalog, and from a bundled document that extends one', async () => {
      const overlay = await ts.request('POST', '/api/v1/counties', { token: platform, body: { id: 'overlaid', catalog: CATALOG, overlay: { county: { name: { zh: '叠加县', en: 'Overlay County' } } } } });
      expect(overlay.status).toBe(201);
      expect(overlay.body.county.name).toBe('叠加县');
      const active = await ts.request('GET', '/api/v1/counties/overlaid/config/active', { token: overlay.body.adminToken });
      expect(active.body.document.county.name.en).toBe('Overlay County');
      const bundled = await ts.request('POST', '/api/v1/counties', { token: platform, body: { id: 'bundled', name: '文档县', document: { extends: CATALOG, county: { name: { zh: '文档县', en: 'Document County' } } } } });
      expect(bundled.status).toBe(201);
      expect(bundled.body.county).toMatchObject({ id: 'bundled', name: '文档县' });
    });

    it.each([
      { name: 'an id with capitals', body: { id: 'Qingxi2', catalog: CATALOG }, status: 400, code: 'bad-county-id', field: 'id' },
      { name: 'an id with a slash', body: { id: 'a/b', catalog: CATALOG }, status: 400, code: 'bad-county-id', field: 'id' },
      { name: 'no id', body: { catalog: CATALOG }, status: 400, code: 'bad-county-id', field: 'id' },
      { name: 'an empty name', body: { id: 'noname', name: ' ', catalog: CATALOG }, status: 400, code: 'bad-county-name', field: 'name' },
      { name: 'a name that is a number', body: { id: 'numname', name: 7, catalog: CATALOG }, status: 400, code: 'bad-county-name', field: 'name' },
      { name: 'no source', body: { id: 'nosource' }, status: 400, code: 'bad-county-source', field: 'catalog' },
      { name: 'both catalog and document', body: { id: 'both', catalog: CATALOG, document: {} }, status: 400, code: 'bad-county-source', field: 'document' },
      { name: 'an unknown field', body: { id: 'extra', catalog: CATALOG, owner: 'x' }, status: 400, code: 'unknown-field', field: 'owner' },
      { name: 'a catalog id with dots', body: { id: 'dots', catalog: '../etc' }, status: 400, code: 'bad-catalog', field: 'catalog' },
      { name: 'an unknown catalog', body: { id: 'nocat', catalog: 'no-such-catalog' }, status: 404, code: 'not-found', field: 'catalog' },
      { name: 'an overlay that is a list', body: { id: 'badov', catalog: CATALOG, overlay: [] }, status: 400, code: 'bad-overlay', field: 'overlay' },
      { name: 'a document that is a list', body: { id: 'baddoc', document: [] }, status: 400, code: 'bad-document', field: 'document' },
      { name: 'a document extending a path', body: { id: 'path', document: { extends: '../../etc' } }, status: 400, code: 'bad-catalog', field: 'document.extends' },
      { name: 'a duplicate id', body: { id: 'demo', catalog: CATALOG }, status: 409, code: 'county-exists', field: 'id' },
    ])('refuses $name with $status naming $field, and creates nothing', async ({ body, status, code, field }) => {
      const before = (await ts.request('GET', '/api/v1/counties', { token: platform })).body.counties.length;
      const res = await ts.request('POST', '/api/v1/counties', { token: platform, body });
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({ code, field });
      expect((await ts.request('GET', '/api/v1/counties', { token: platform })).body.counties.length).toBe(before);
    });

    it('a config that does not compile is 422 with every problem listed', async () => {
      const res = await ts.request('POST', '/api/v1/counties', { token: platform, body: { id: 'broken', catalog: CATALOG, overlay: { county: { calendar: 'no-such-calendar', timeZone: 7 } } } });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'config-invalid', field: 'overlay' });
      expect(res.body.error.issues.length).toBeGreaterThanOrEqual(1);
      expect(res.body.error.issues.map((i: { pointer: string }) => i.pointer)).toContain('/county/timeZone');
      expect((await ts.request('GET', '/api/v1/counties', { token: platform })).body.counties.map((c: { id: string }) => c.id)).not.toContain('broken');
    });
  });

  describe('two live counties: demo and qingxi', () => {
    let aEvent: string;
    let bEvent: string;

    beforeAll(async () => {
      const a = await report('demo', ts.adminToken);
      const bRes = await report('qingxi', b.adminToken);
      expect([a.status, bRes.status]).toEqual([201, 201]);
      aEvent = a.body.event.id;
      bEvent = bRes.body.event.id;
    });

    it("events: each county's worklist holds only its own, and the other's event is 404 to read, comment or act on", async () => {
      const aList = await ts.request('GET', '/api/v1/counties/demo/events', { token: ts.adminToken });
      const bList = await ts.request('GET', '/api/v1/counties/qingxi/events', { token: b.adminToken });
      expect(aList.body.events.map((e: { id: string }) => e.id)).toEqual([aEvent]);
      expect(bList.body.events.map((e: { id: string }) => e.id)).toEqual([bEvent]);
      for (const [token, county, id] of [
        [ts.adminToken, 'qingxi', bEvent],
        [b.adminToken, 'demo', aEvent],
        [ts.adminToken, 'demo', bEvent],
        [b.adminToken, 'qingxi', aEvent],
      ]) {
        expect((await ts.request('GET', `/api/v1/counties/${county}/events/${id}`, { token })).status).toBe(404);
        expect((await ts.request('POST', `/api/v1/counties/${county}/events/${id}/comments`, { token, body: { text: '越界' } })).status).toBe(404);
      }
      expect((await ts.request('GET', '/api/v1/counties/qingxi/events', { token: ts.adminToken })).status).toBe(404);
      expect((await report('qingxi', ts.adminToken)).status).toBe(404);
      const bAfter = await ts.request('GET', `/api/v1/counties/qingxi/events/${bEvent}`, { token: b.adminToken });
      expect(bAfter.body.event.version).toBe(1);
    });

    it("geography: each county's boundaries answer its own tokens only; the other's token is 404", async () => {
      const aWorker = await ts.token({ county: 'demo', role: 'grid_worker', unit: 'qs-fx-v01-g1' });
      for (const [token, county] of [[ts.adminToken, 'qingxi'], [aWorker, 'qingxi'], [b.adminToken, 'demo']]) {
        const res = await ts.request('GET', `/api/v1/counties/${county}/geography?kind=grid`, { token });
        expect(res.status, `${county}`).toBe(404);
        expect(res.body.features).toBeUndefined();
      }
      const own = await ts.request('GET', '/api/v1/counties/qingxi/geography?kind=grid', { token: b.adminToken });
      expect(own.status).toBe(200);
      expect(own.body.features).toHaveLength(20);
    });

    it('configs: a draft of one county is invisible to the other, and version numbers are its own', async () => {
      const draft = await ts.request('POST', '/api/v1/counties/qingxi/configs', { token: b.adminToken, body: { copyOf: 1 } });
      expect(draft.status).toBe(201);
      expect(draft.body.version).toBe(2);
      expect((await ts.request('GET', '/api/v1/counties/qingxi/configs/2', { token: ts.adminToken })).status).toBe(404);
      expect((await ts.request('GET', '/api/v1/counties/demo/configs/2', { token: ts.adminToken })).status).toBe(404);
      expect((await ts.request('PUT', '/api/v1/counties/qingxi/configs/2', { token: ts.adminToken, body: { document: {} } })).status).toBe(404);
      const aDraft = await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { copyOf: 1 } });
      expect(aDraft.body.version).toBe(2);
      const list = await ts.request('GET', '/api/v1/counties/demo/configs', { token: ts.adminToken });
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain('qingxi');
    });

    it("Open311: each county's api key works only for its own county, and its requests list only its own", async () => {
      expect((await open311Post('qingxi', demoKey)).status).toBe(403);
      expect((await open311Post('demo', b.open311Key)).status).toBe(403);
      const bReq = await open311Post('qingxi', b.open311Key);
      expect(bReq.status).toBe(201);
      const aReq = await open311Post('demo', demoKey);
      expect(aReq.status).toBe(201);
      const bId = bReq.body[0].service_request_id ?? bReq.body[0].token;
      const aRequests = await ts.request('GET', '/open311/v2/demo/requests.json');
      const ids = aRequests.body.map((r: { service_request_id: string }) => r.service_request_id);
      expect(ids).not.toContain(bId);
      expect(ids.length).toBe(2);
      expect((await ts.request('GET', `/open311/v2/demo/requests/${bId}.json`)).status).toBe(404);
    });

    it("attachments: one county's photo is 404 to the other, cannot go into its reports, and a citizen's upload stays in its county", async () => {
      const aWorker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
      const bEventsBefore = await ts.server.db.models.Event.count({ where: { countyId: 'qingxi' } });
      const photo = await phonePhoto();
      const aPhoto = await upload(ts.url, '/api/v1/counties/demo/attachments', { token: aWorker, file: photo });
      const bPhoto = await upload(ts.url, '/api/v1/counties/qingxi/attachments', { token: b.adminToken, file: photo });
      expect([aPhoto.status, bPhoto.status]).toEqual([201, 201]);
      // the same bytes, two rows: each county its own
      expect(aPhoto.body.id).not.toBe(bPhoto.body.id);
      for (const [token, path] of [
        [b.adminToken, `/api/v1/counties/qingxi/attachments/${aPhoto.body.id}`],
        [b.adminToken, `/api/v1/counties/demo/attachments/${aPhoto.body.id}`],
        [ts.adminToken, `/api/v1/counties/demo/attachments/${bPhoto.body.id}/thumbnail`],
        [aWorker, `/api/v1/counties/qingxi/attachments/${bPhoto.body.id}`],
      ]) expect((await download(ts.url, path, token)).status, path).toBe(404);
      expect((await upload(ts.url, '/api/v1/counties/qingxi/attachments', { token: aWorker, file: photo })).status).toBe(404);
      const stolen = await ts.request('POST', '/api/v1/counties/qingxi/events', { token: b.adminToken, body: { category: sample.input.category, data: { ...sample.input.data, attachments: [aPhoto.body.ref] } } });
      expect(stolen.status).toBe(422);
      expect(stolen.body.error.code).toBe('unknown-attachment');
      // a citizen's upload to demo's public page is not one qingxi's public page takes
      const key = { 'x-upload-key': 'citizen-key-for-isolation-0001' };
      const citizen = await upload(ts.url, '/api/v1/public/demo/attachments', { file: photo, headers: key });
      expect(citizen.status).toBe(201);
      expect((await download(ts.url, `/api/v1/public/qingxi/attachments/${citizen.body.id}/thumbnail`, key)).status).toBe(404);
      const crossed = await ts.request('POST', '/api/v1/public/qingxi/reports', { headers: key, body: { category: sample.input.category, data: { ...sample.input.data, attachments: [citizen.body.ref] } } });
      expect(crossed.status).toBe(422);
      expect(await ts.server.db.models.Event.count({ where: { countyId: 'qingxi' } })).toBe(bEventsBefore);
    });

    it("accounts: one county's people are not listed, read, edited or signed in through the other", async () => {
      const person = { name: '清溪网格员', phone: '13900000001', role: 'grid_worker', unit: 'qs-fx-v01-g1' };
      const made = await ts.request('POST', '/api/v1/counties/qingxi/accounts', { token: b.adminToken, body: person });
      expect(made.status).toBe(201);
      const id = made.body.account.id as string;
      // the same phone may belong to someone in demo: logins are per county
      expect((await ts.request('POST', '/api/v1/counties/demo/accounts', { token: ts.adminToken, body: { ...person, name: '凤溪网格员' } })).status).toBe(201);
      const aList = await ts.request('GET', '/api/v1/counties/demo/accounts', { token: ts.adminToken });
      expect(aList.body.accounts.map((a: { name: string }) => a.name)).toEqual(['凤溪网格员']);
      expect((await ts.request('GET', '/api/v1/counties/qingxi/accounts', { token: b.adminToken })).body.accounts.map((a: { name: string }) => a.name)).toEqual(['清溪网格员']);
      for (const [method, path, body] of [
        ['GET', `/api/v1/counties/demo/accounts/${id}`, undefined],
        ['PATCH', `/api/v1/counties/demo/accounts/${id}`, { name: '改名' }],
        ['POST', `/api/v1/counties/demo/accounts/${id}/reset-password`, undefined],
        ['GET', '/api/v1/counties/qingxi/accounts', undefined],
        ['GET', '/api/v1/counties/qingxi/tokens', undefined],
      ] as const) expect((await ts.request(method, path, { token: ts.adminToken, body })).status, `${method} ${path}`).toBe(404);
      // qingxi's temporary password signs in to qingxi only
      const wrongCounty = await ts.request('POST', '/api/v1/sign-in', { body: { county: 'demo', login: person.phone, password: made.body.temporaryPassword } });
      expect(wrongCounty.status).toBe(401);
      const right = await ts.request('POST', '/api/v1/sign-in', { body: { county: 'qingxi', login: person.phone, password: made.body.temporaryPassword } });
      expect(right.status).toBe(200);
      const session = right.body.token as string;
      expect((await ts.request('POST', '/api/v1/password', { token: session, body: { currentPassword: made.body.temporaryPassword, newPassword: 'qingxi-grid-2026' } })).status).toBe(200);
      expect((await ts.request('GET', '/api/v1/counties/qingxi/events', { token: session })).status).toBe(200);
      expect((await ts.request('GET', '/api/v1/counties/demo/events', { token: session })).status).toBe(404);
      expect((await ts.request('GET', `/api/v1/counties/qingxi/accounts/${id}`, { token: b.adminToken })).body.account.name).toBe('清溪网格员');
    });

    it('counts: worklists and the open-events gauge count each county alone', async () => {
      const aList = await ts.request('GET', '/api/v1/counties/demo/events', { token: ts.adminToken });
      const bList = await ts.request('GET', '/api/v1/counties/qingxi/events', { token: b.adminToken });
      expect(aList.body.events.length).toBe(2);
      expect(bList.body.events.length).toBe(2);
      expect(bList.body.events.every((e: { county?: string }) => e.county === undefined || e.county === 'qingxi')).toBe(true);
      const metrics = await ts.request('GET', '/metrics');
      expect(metrics.text).toMatch(/^pingtai_open_events\{county="demo"\} 2$/m);
      expect(metrics.text).toMatch(/^pingtai_open_events\{county="qingxi"\} 2$/m);
    });

    it("assessment: each county counts only its own events; the other's assessment, ratings and figures are 404", async () => {
      const before = ts.clock.now;
      ts.clock.set('2026-04-10T10:00:00+08:00');
      try {
        // both counties' events are a month past their deadlines, never accepted: overdue for the units holding them
        for (const [county, token] of [['demo', ts.adminToken], ['qingxi', b.adminToken]]) {
          const res = await ts.request('GET', `/api/v1/counties/${county}/assessment?period=2026-03`, { token });
          expect(res.status).toBe(200);
          const overdue = res.body.units.reduce((n: number, u: { indicators: Array<{ id: string; numerator: number }> }) => n + u.indicators.find((i) => i.id === 'overdue')!.numerator, 0);
          expect(overdue, county).toBe(2);
        }
        for (const [token, county] of [[ts.adminToken, 'qingxi'], [b.adminToken, 'demo']]) {
          expect((await ts.request('GET', `/api/v1/counties/${county}/assessment?period=2026-03`, { token })).status).toBe(404);
          expect((await ts.request('GET', `/api/v1/counties/${county}/assessment/2026-03/units/qs-fx-v01/indicators/overdue/events`, { token })).status).toBe(404);
          expect((await ts.request('PUT', `/api/v1/counties/${county}/assessment/2026-03/ratings`, { token, body: { ratings: [{ unit: 'qs-fx-v01', source: 'command-rating', score: 1 }] } })).status).toBe(404);
          expect((await ts.request('POST', `/api/v1/counties/${county}/assessment/2026-03/revisions`, { token })).status).toBe(404);
        }
      } finally {
        ts.clock.now = before;
      }
    });

    it("disabling qingxi refuses its tokens and api key with a clear error, keeps its data, and leaves demo alone; enabling restores it", async () => {
      const off = await ts.request('PATCH', '/api/v1/counties/qingxi', { token: platform, body: { status: 'disabled' } });
      expect(off.status).toBe(200);
      expect(off.body.county).toMatchObject({ id: 'qingxi', status: 'disabled' });
      expect(off.body.county.disabledAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const refused = await ts.request('GET', '/api/v1/counties/qingxi/events', { token: b.adminToken });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('county-disabled');
      expect(refused.body.error.message).toContain('qingxi');
      expect((await report('qingxi', b.adminToken)).status).toBe(401);
      const o311 = await open311Post('qingxi', b.open311Key);
      expect(o311.status).toBe(403);
      expect(JSON.stringify(o311.body)).toContain('disabled');
      expect((await ts.request('GET', '/api/v1/counties/demo/events', { token: ts.adminToken })).status).toBe(200);
      const on = await ts.request('PATCH', '/api/v1/counties/qingxi', { token: platform, body: { status: 'active' } });
      expect(on.body.county).toMatchObject({ status: 'active', disabledAt: null });
      const back = await ts.request('GET', '/api/v1/counties/qingxi/events', { token: b.adminToken });
      expect(back.status).toBe(200);
      expect(back.body.events.map((e: { id: string }) => e.id)).toContain(bEvent);
    });

    it.each([
      { name: 'an unknown status', path: '/api/v1/counties/qingxi', body: { status: 'paused' }, status: 400, field: 'status' },
      { name: 'another field', path: '/api/v1/counties/qingxi', body: { name: 'x' }, status: 400, field: 'name' },
      { name: 'an unknown county', path: '/api/v1/counties/nowhere', body: { status: 'disabled' }, status: 404, field: undefined },
    ])('PATCH refuses $name with $status', async ({ path, body, status, field }) => {
      const res = await ts.request('PATCH', path, { token: platform, body });
      expect(res.status).toBe(status);
      if (field) expect(res.body.error.field).toBe(field);
      const list = await ts.request('GET', '/api/v1/counties', { token: platform });
      expect(list.body.counties.find((c: { id: string }) => c.id === 'qingxi').status).toBe('active');
    });
  });
});

describe.each(dbTargets())('two counties: the dashboards count only their own county ($name)', (target) => {
  let ts: TestServer;
  let qingxiAdmin: string;
  const sample = catalogCase('dispute-neighbor-to-village');
  const report = (county: string, token: string) => ts.request('POST', `/api/v1/counties/${county}/events`, { token, body: { category: sample.input.category, data: sample.input.data } });
  const stats = (county: string, path: string, token: string) => ts.request('GET', `/api/v1/counties/${county}/stats/${path}`, { token });

  beforeAll(async () => {
    ts = await startTestServer(target);
    ts.clock.set(sample.input.at);
    const platform = ts.server.platformToken ?? (await createPlatformToken(ts.server.db)).token;
    const created = await ts.request('POST', '/api/v1/counties', { token: platform, body: { id: 'qingxi', name: '清溪县', catalog: CATALOG } });
    expect(created.status).toBe(201);
    qingxiAdmin = created.body.adminToken;
    // two reports in demo, one in qingxi, in the same grid ids of the same catalog
    for (const [county, token, n] of [['demo', ts.adminToken, 2], ['qingxi', qingxiAdmin, 1]] as const) {
      for (let i = 0; i < n; i++) expect((await report(county, token)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await ts?.close();
  });

  it.each([
    ['demo', 2],
    ['qingxi', 1],
  ] as const)('%s: overview, trend, breakdowns, overdue units and map count its own %i events', async (county, n) => {
    const token = county === 'demo' ? ts.adminToken : qingxiAdmin;
    const overview = await stats(county, 'overview', token);
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ county, open: n, reports: { today: { count: n } } });
    const trend = await stats(county, 'trend?days=1', token);
    expect(trend.body.days).toEqual([expect.objectContaining({ reported: n })]);
    for (const by of ['category', 'township', 'unit', 'source']) {
      const rows = (await stats(county, `breakdown?by=${by}`, token)).body.rows as Array<{ reported: number }>;
      expect(rows.reduce((s, r) => s + r.reported, 0), by).toBe(n);
    }
    const units = (await stats(county, 'overdue-units', token)).body.rows as Array<{ open: number }>;
    expect(units.reduce((s, r) => s + r.open, 0)).toBe(n);
    const map = await stats(county, 'map', token);
    expect(map.body.points).toHaveLength(n);
    expect(map.body.grids.reduce((s: number, g: { open: number }) => s + g.open, 0)).toBe(n);
    const csv = await fetch(`${ts.url}/api/v1/counties/${county}/events?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(1 + n);
  });

  it.each(['overview', 'trend', 'breakdown?by=unit', 'overdue-units', 'map', 'breakdown?by=unit&format=csv'])("the other county's stats/%s is 404", async (path) => {
    expect((await stats('qingxi', path, ts.adminToken)).status).toBe(404);
    expect((await stats('demo', path, qingxiAdmin)).status).toBe(404);
  });
});

describe.each(dbTargets())('two counties: each sees only its own alerts ($name)', (target) => {
  let ts: TestServer;
  let qingxiAdmin: string;
  const sample = catalogCase('dispute-neighbor-to-village');
  const report = (county: string, token: string) => ts.request('POST', `/api/v1/counties/${county}/events`, { token, body: { category: sample.input.category, data: sample.input.data } });
  const alerts = (county: string, path: string, token: string, body?: unknown) => ts.request(body === undefined ? 'GET' : 'POST', `/api/v1/counties/${county}/alerts${path}`, { token, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    ts = await startTestServer(target);
    ts.clock.set(sample.input.at);
    const platform = ts.server.platformToken ?? (await createPlatformToken(ts.server.db)).token;
    const created = await ts.request('POST', '/api/v1/counties', { token: platform, body: { id: 'qingxi', name: '清溪县', catalog: CATALOG } });
    expect(created.status).toBe(201);
    qingxiAdmin = created.body.adminToken;
    // three reports of one category in one grid raise the baseline's grid threshold in demo; two in qingxi do not
    for (const [county, token, n] of [['demo', ts.adminToken, 3], ['qingxi', qingxiAdmin, 2]] as const) {
      for (let i = 0; i < n; i++) {
        expect((await report(county, token)).status).toBe(201);
        ts.clock.advanceHours(0.1);
      }
    }
  });
  afterAll(async () => {
    await ts?.close();
  });

  it("counts each county's reports apart: an alert in demo only", async () => {
    expect((await alerts('demo', '', ts.adminToken)).body.alerts).toHaveLength(1);
    expect((await alerts('qingxi', '', qingxiAdmin)).body.alerts).toEqual([]);
  });

  it("the other county's alerts, alert and acknowledgement are 404", async () => {
    const [alert] = (await alerts('demo', '', ts.adminToken)).body.alerts;
    expect((await alerts('demo', '', qingxiAdmin)).status).toBe(404);
    expect((await alerts('qingxi', '', ts.adminToken)).status).toBe(404);
    expect((await alerts('demo', `/${alert.id}`, qingxiAdmin)).status).toBe(404);
    expect((await alerts('qingxi', `/${alert.id}`, qingxiAdmin)).status).toBe(404);
    expect((await alerts('qingxi', `/${alert.id}/acknowledge`, qingxiAdmin, {})).status).toBe(404);
    expect((await alerts('demo', `/${alert.id}`, ts.adminToken)).body.alert.status).toBe('open');
  });
});
