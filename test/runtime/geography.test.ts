/**
 * Geography over HTTP, on SQLite and on PostgreSQL when PINGTAI_TEST_PG names one: the county's
 * boundaries as GeoJSON (all, or some kinds; 304 while unchanged), and reports with coordinates
 * and no grid — through the API, the citizens' page and Open311 — placed in their grid and routed
 * by it, or refused (422 / Open311 400) with nothing written when the point is outside every grid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateOpen311Key } from '../../runtime/open311/api-key';
import { catalogCase } from './support/catalog-cases';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

/** The catalog's case: env-noise by a citizen with the phone's coordinates only, in Chengnan. */
const byCoordinates = catalogCase('noise-by-coordinates-placed-in-grid');
const SHANGHAI = { lat: 31.2304, lng: 121.4737 };

describe.each(dbTargets())('geography ($name)', (target) => {
  let ts: TestServer;
  let worker: string;
  let apiKey: string;
  const events = () => ts.server.db.models.Event.count({ where: { countyId: 'demo' } });
  const report = (data: unknown) => ts.request('POST', '/api/v1/counties/demo/events', { token: worker, body: { category: byCoordinates.input.category, data } });
  const open311 = (params: Record<string, string>) =>
    ts.request('POST', '/open311/v2/demo/requests.json', {
      rawBody: new URLSearchParams({ api_key: apiKey, service_code: 'env-noise', description: '工地夜间施工', 'attribute[noiseSource]': 'construction', 'attribute[durationDays]': '3', ...params }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  beforeAll(async () => {
    ts = await startTestServer(target);
    ts.clock.set(byCoordinates.input.at);
    worker = await ts.token({ role: 'grid_worker', unit: 'qs-cn-v01-g1' });
    apiKey = await rotateOpen311Key(ts.server.db, 'demo');
  });
  afterAll(async () => {
    await ts?.close();
  });

  describe('GET /counties/{county}/geography', () => {
    it("answers the active config's boundaries as GeoJSON, each naming its unit, kind, names and parent", async () => {
      const res = await ts.request('GET', '/api/v1/counties/demo/geography', { token: ts.adminToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.body).toMatchObject({ type: 'FeatureCollection', version: 1 });
      expect(res.body.features).toHaveLength(33);
      expect(res.body.features.find((f: any) => f.properties.unit === 'qs-fx-v01-g1')).toEqual({
        type: 'Feature',
        properties: { unit: 'qs-fx-v01-g1', kind: 'grid', name: { zh: '凤溪村第一网格', en: 'Fengxi Village Grid 1' }, parent: 'qs-fx-v01' },
        geometry: { type: 'Polygon', coordinates: [expect.any(Array)] },
      });
      expect(res.body.features.find((f: any) => f.properties.unit === 'qs-cn').properties).toMatchObject({ kind: 'township', parent: 'county-gov' });
    });

    it('keeps only the kinds asked for; a grid worker (the report page) may read them', async () => {
      const grids = await ts.request('GET', '/api/v1/counties/demo/geography?kind=grid', { token: worker });
      expect(grids.status).toBe(200);
      expect(grids.body.features).toHaveLength(20);
      expect(new Set(grids.body.features.map((f: any) => f.properties.kind))).toEqual(new Set(['grid']));
      const two = await ts.request('GET', '/api/v1/counties/demo/geography?kind=township,village', { token: worker });
      expect(two.body.features).toHaveLength(13);
    });

    it('refuses an unknown kind with 400 naming the field and the kinds allowed', async () => {
      const res = await ts.request('GET', '/api/v1/counties/demo/geography?kind=street', { token: ts.adminToken });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'bad-query', field: 'kind', allowed: ['township', 'village', 'grid'], refused: ['street'] });
    });

    it('answers 304 to the ETag it gave while the boundaries are unchanged', async () => {
      const first = await ts.request('GET', '/api/v1/counties/demo/geography?kind=grid', { token: worker });
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"1-[0-9a-f]{16}-grid"$/);
      const again = await ts.request('GET', '/api/v1/counties/demo/geography?kind=grid', { token: worker, headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      const other = await ts.request('GET', '/api/v1/counties/demo/geography', { token: worker, headers: { 'if-none-match': etag } });
      expect(other.status).toBe(200);
    });

    it('needs a token: 401 without one', async () => {
      expect((await ts.request('GET', '/api/v1/counties/demo/geography')).status).toBe(401);
    });
  });

  describe('reports with coordinates and no grid', () => {
    it('API: placed in the grid the point lies in, routed by it, the history saying so', async () => {
      const res = await report(byCoordinates.input.data);
      expect(res.status).toBe(201);
      const { event } = res.body;
      expect(event).toMatchObject({ grid: 'qs-cn-v01-g1', township: 'qs-cn', handlingUnit: byCoordinates.expected.unit, level: byCoordinates.expected.level });
      expect(event.data.location).toEqual({ ...(byCoordinates.input.data.location as object), grid: 'qs-cn-v01-g1' });
      const detail = await ts.request('GET', `/api/v1/counties/demo/events/${event.id}`, { token: ts.adminToken });
      expect(detail.body.history[0]).toMatchObject({ action: 'report', detail: { placedBy: 'coordinates' } });
    });

    it('API: a point outside every grid is 422 naming the location, and nothing is written', async () => {
      const before = await events();
      const res = await report({ ...byCoordinates.input.data, location: { ...SHANGHAI, address: '外滩' } });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'invalid-report', field: 'data.location' });
      expect(res.body.error.message).toContain('lies outside every grid');
      expect(res.body.error.issues).toEqual([expect.objectContaining({ code: 'outside-grids', pointer: '/location', params: { lat: 31.2304, lng: 121.4737 } })]);
      expect(await events()).toBe(before);
    });

    it("the citizens' page: placed the same way, and refused the same way outside", async () => {
      const placed = await ts.request('POST', '/api/v1/public/demo/reports', { body: { category: byCoordinates.input.category, data: byCoordinates.input.data } });
      expect(placed.status).toBe(201);
      const latest = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', source: 'citizen' }, order: [['reportedAt', 'DESC'], ['id', 'DESC']] });
      expect(latest?.grid).toBe('qs-cn-v01-g1');
      const before = await events();
      const outside = await ts.request('POST', '/api/v1/public/demo/reports', { body: { category: byCoordinates.input.category, data: { ...byCoordinates.input.data, location: SHANGHAI } } });
      expect(outside.status).toBe(422);
      expect(outside.body.error.field).toBe('data.location');
      expect(await events()).toBe(before);
    });

    it('Open311: lat/long without a grid place the request in its grid', async () => {
      const res = await open311({ lat: '28.6951', long: '118.9182' });
      expect(res.status).toBe(201);
      const event = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: res.body[0].service_request_id } });
      expect(event?.grid).toBe('qs-fx-v01-g1');
      expect(event?.data).toMatchObject({ location: { grid: 'qs-fx-v01-g1', lat: 28.6951, lng: 118.9182 } });
      const request = await ts.request('GET', `/open311/v2/demo/requests/${event!.id}.json`);
      expect(request.body[0]).toMatchObject({ address_id: 'qs-fx-v01-g1', lat: 28.6951, long: 118.9182 });
    });

    it('Open311: lat/long outside every grid is 400 naming them, and nothing is written', async () => {
      const before = await events();
      const res = await open311({ lat: String(SHANGHAI.lat), long: String(SHANGHAI.lng) });
      expect(res.status).toBe(400);
      expect(res.body).toEqual([{ code: 400, description: expect.stringMatching(/^lat 31\.2304, long 121\.4737 lies outside every grid of this county/) }]);
      expect(await events()).toBe(before);
    });
  });
});
