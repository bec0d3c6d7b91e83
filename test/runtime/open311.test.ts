/**
 * Open311 GeoReport v2 over real HTTP: a runtime server on SQLite in a temp folder (and on
 * PostgreSQL when PINGTAI_TEST_PG names one), county `demo` from the Zhejiang catalog. JSON responses are checked against the schemas of
 * open311/schema-validation (test/fixtures/open311), XML ones are parsed back and must mirror the
 * JSON (the Spark convention).
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOpen311Key, rotateOpen311Key } from '../../runtime/open311/api-key';
import { OPEN311_POSTS_PER_MINUTE } from '../../runtime/open311/open311-router';
import { OPEN311_ITEM_NAMES } from '../../runtime/open311/xml-serializer';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const BASE = '/open311/v2/demo';
const CATEGORIES = JSON.parse(readFileSync(new URL('../../catalogs/zhejiang-four-platforms/categories.json', import.meta.url), 'utf8')) as Array<{
  code: string;
  name: { zh: string; en: string };
  children: Array<{ code: string; name: { zh: string; en: string } }>;
}>;

// ---- the upstream response schemas ----
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
for (const file of ['request', 'requests', 'service', 'services', 'service-definition']) {
  ajv.addSchema(JSON.parse(readFileSync(new URL(`../fixtures/open311/georeport-v2/${file}.json`, import.meta.url), 'utf8')), `${file}.json`);
}
function expectSchema(schema: string, value: unknown): void {
  const validate = ajv.getSchema(`${schema}.json`)!;
  expect(validate(value) ? [] : validate.errors).toEqual([]);
}

// ---- a crude XML reader: enough to prove well-formedness and to compare XML with JSON ----
interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function parseXml(xml: string): XmlNode {
  const declaration = /^<\?xml version="1\.0" encoding="utf-8"\?>\n/;
  if (!declaration.test(xml)) throw new Error('missing XML declaration');
  const body = xml.replace(declaration, '');
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack = [root];
  for (const [token] of body.matchAll(/<[^>]*>|[^<]+/g)) {
    const top = stack[stack.length - 1];
    if (token.startsWith('</')) {
      const name = token.slice(2, -1);
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else if (token.startsWith('<')) {
      const m = /^<([A-Za-z_][\w.-]*)(\/?)>$/.exec(token);
      if (!m) throw new Error(`bad tag ${token}`);
      const node: XmlNode = { name: m[1], children: [], text: '' };
      top.children.push(node);
      if (!m[2]) stack.push(node);
    } else {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(token)) throw new Error(`unescaped & in ${token}`);
      top.text += token.replace(/&(\w+);/g, (_, e: string) => ENTITIES[e]);
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('unbalanced document');
  return root.children[0];
}
/** The JSON an XML node stands for, every leaf a string (or null when empty). */
function xmlToJson(node: XmlNode): unknown {
  if (node.name in OPEN311_ITEM_NAMES) return node.children.map(xmlToJson);
  if (node.children.length > 0) return Object.fromEntries(node.children.map((c) => [c.name, xmlToJson(c)]));
  return node.text === '' ? null : node.text;
}
/** JSON with every leaf as XML carries it. */
function asXmlLeaves(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asXmlLeaves);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlLeaves(v)]));
  return value === null || value === '' ? null : String(value);
}

/** A valid noise report; `extra` adds or (with '') blanks parameters. */
const noiseReportFor = (apiKey: string, extra: Record<string, string> = {}): Record<string, string> => ({
  api_key: apiKey,
  service_code: 'env-noise',
  lat: '28.6951',
  long: '118.9182',
  address_string: '凤溪村下街 12 号',
  description: '工地夜间施工，噪声很大',
  first_name: '小明',
  last_name: '王',
  phone: '+86 138-0013-8000',
  media_url: 'https://example.org/noise.jpg',
  'attribute[grid]': 'qs-fx-v01-g1',
  'attribute[noiseSource]': 'construction',
  'attribute[decibel]': '78.5',
  'attribute[durationDays]': '3',
  ...extra,
});

describe.each(dbTargets())('Open311 GeoReport v2 ($name)', (target) => {
  let ts: TestServer;
  let apiKey: string;
  let created: string;

  const get = (path: string, headers: Record<string, string> = {}) => ts.request('GET', path, { headers });
  const post = (path: string, params: Array<[string, string]> | Record<string, string>, headers: Record<string, string> = {}) =>
    ts.request('POST', path, { rawBody: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const noiseReport = (extra: Record<string, string> = {}) => noiseReportFor(apiKey, extra);

  beforeAll(async () => {
    ts = await startTestServer(target);
    apiKey = (await ensureOpen311Key(ts.server.db, 'demo')) ?? (await rotateOpen311Key(ts.server.db, 'demo'));
    const demo = await ts.server.configs.compiled('demo', 1);
    await ts.server.configs.createCounty({ id: 'other', name: 'Other county', compiled: demo, createdBy: 'test', now: ts.clock.now });
  });
  afterAll(async () => {
    await ts?.close();
  });

  describe('api keys', () => {
    it('ensureOpen311Key returns a key only when it creates one, and stores only its hash', async () => {
      expect(await ensureOpen311Key(ts.server.db, 'demo')).toBeUndefined();
      const county = await ts.server.db.models.County.findOne({ where: { id: 'demo' } });
      expect(county!.open311KeyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(county!.open311KeyHash).not.toContain(apiKey);
    });

    it('ensureOpen311Key refuses an unknown county', async () => {
      await expect(ensureOpen311Key(ts.server.db, 'nowhere')).rejects.toMatchObject({ name: 'Open311KeyError', code: 'unknown-county' });
    });
  });

  describe('discovery', () => {
    it('discovery.json names the GeoReport v2 endpoint and both formats', async () => {
      const res = await get(`${BASE}/discovery.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.body).toMatchObject({ changeset: expect.stringMatching(/\+08:00$/), contact: expect.any(String), key_service: expect.any(String) });
      expect(res.body.endpoints).toEqual([
        { specification: 'http://wiki.open311.org/GeoReport_v2', url: `${ts.url}${BASE}`, changeset: res.body.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
      ]);
    });

    it('discovery.xml is well-formed and mirrors the JSON', async () => {
      const [xml, json] = await Promise.all([get(`${BASE}/discovery.xml`), get(`${BASE}/discovery.json`)]);
      expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      const root = parseXml(xml.text);
      expect(root.name).toBe('discovery');
      expect(xmlToJson(root)).toEqual(asXmlLeaves(json.body));
    });
  });

  describe('services', () => {
    it('lists one realtime service per minor category, grouped by its major category', async () => {
      const res = await get(`${BASE}/services.json`);
      expect(res.status).toBe(200);
      expectSchema('services', res.body);
      expect(res.body).toHaveLength(42);
      const expected = CATEGORIES.flatMap((major) => major.children.map((minor) => ({ code: minor.code, name: minor.name.zh, group: major.name.zh })));
      expect(res.body.map((s: any) => ({ code: s.service_code, name: s.service_name, group: s.group }))).toEqual(expected);
      expect(new Set(res.body.map((s: any) => s.group)).size).toBe(10);
      for (const service of res.body) expect(service).toMatchObject({ metadata: true, type: 'realtime', description: expect.any(String) });
      expect(res.body.find((s: any) => s.service_code === 'env-noise').keywords).toMatch(/^[^,]+(,[^,]+)+$/);
    });

    it.each<{ name: string; path: string; headers: Record<string, string> }>([
      { name: '?locale=en', path: `${BASE}/services.json?locale=en`, headers: {} },
      { name: 'Accept-Language: en', path: `${BASE}/services.json`, headers: { 'accept-language': 'en-GB,en;q=0.9' } },
    ])('names services in English with $name', async ({ path, headers }) => {
      const res = await get(path, headers);
      const noise = res.body.find((s: any) => s.service_code === 'env-noise');
      const env = CATEGORIES.find((m) => m.children.some((c) => c.code === 'env-noise'))!;
      expect(noise.service_name).toBe(env.children.find((c) => c.code === 'env-noise')!.name.en);
      expect(noise.group).toBe(env.name.en);
    });

    it('services.xml is well-formed and mirrors the JSON', async () => {
      const [xml, json] = await Promise.all([get(`${BASE}/services.xml`), get(`${BASE}/services.json`)]);
      const root = parseXml(xml.text);
      expect(root.name).toBe('services');
      expect(root.children).toHaveLength(42);
      expect(xmlToJson(root)).toEqual(asXmlLeaves(json.body));
    });
  });

  describe('service definitions', () => {
    it('maps an enum field to a singlevaluelist with its values, in order 1..n', async () => {
      const res = await get(`${BASE}/services/env-noise.json`);
      expect(res.status).toBe(200);
      expectSchema('service-definition', res.body);
      expect(res.body.service_code).toBe('env-noise');
      const attributes = res.body.attributes as any[];
      expect(attributes.map((a) => a.order)).toEqual(attributes.map((_, i) => i + 1));
      // the county has boundaries: lat/long place a request without a grid (open311-placement.test.ts)
      expect(attributes[0]).toMatchObject({ code: 'grid', datatype: 'singlevaluelist', required: false, variable: true });
      expect(attributes[0].values).toContainEqual({ key: 'qs-fx-v01-g1', name: '凤溪村第一网格' });
      expect(attributes.find((a) => a.code === 'noiseSource')).toEqual({
        variable: true,
        code: 'noiseSource',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: expect.any(String),
        order: 2,
        description: '噪声来源',
        values: [
          { key: 'construction', name: '建筑施工' },
          { key: 'industrial', name: '工业生产' },
          { key: 'commercial', name: '商业经营' },
          { key: 'social_life', name: '社会生活' },
          { key: 'traffic', name: '交通' },
        ],
      });
      // Standard parameters carry the base fields; they are no attributes.
      for (const code of ['description', 'reporterName', 'reporterPhone', 'location', 'attachments']) expect(attributes.map((a) => a.code)).not.toContain(code);
    });

    it('shows the county\'s level names in a display-only attribute, with the service\'s default level (zh and en)', async () => {
      const [zh, en] = await Promise.all([get(`${BASE}/services/env-noise.json`), get(`${BASE}/services/env-noise.json?locale=en`)]);
      expectSchema('service-definition', zh.body);
      const level = (body: any) => body.attributes.find((a: any) => a.code === 'level');
      expect(level(zh.body)).toEqual({
        variable: false,
        code: 'level',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: expect.stringMatching(/^由县里按规则判定，不必填写；本类默认 \d (一般|较大|重大|特别重大)$/),
        order: zh.body.attributes.length,
        description: '事件等级',
        values: [{ key: '1', name: '一般' }, { key: '2', name: '较大' }, { key: '3', name: '重大' }, { key: '4', name: '特别重大' }],
      });
      expect(level(en.body)).toMatchObject({ description: 'Event level', values: [{ key: '1', name: 'General' }, { key: '2', name: 'Serious' }, { key: '3', name: 'Major' }, { key: '4', name: 'Extraordinary' }] });
      expect(level(en.body).datatype_description).toMatch(/this service's default is \d (General|Serious|Major|Extraordinary)$/);
    });

    it.each([
      { service: 'env-noise', code: 'decibel', datatype: 'number', required: false },
      { service: 'env-noise', code: 'durationDays', datatype: 'number', required: false },
      { service: 'env-water', code: 'phenomenon', datatype: 'multivaluelist', required: true },
      { service: 'fire-ebike', code: 'residentialBuilding', datatype: 'singlevaluelist', required: false },
      { service: 'safety-gas', code: 'placeType', datatype: 'singlevaluelist', required: false },
      { service: 'order-gathering', code: 'appeal', datatype: 'text', required: false },
      { service: 'order-gathering', code: 'startedAt', datatype: 'datetime', required: false },
      { service: 'env-water', code: 'suspectedSource', datatype: 'string', required: false },
      { service: 'env-noise', code: 'occurredAt', datatype: 'datetime', required: false },
    ])('$service: $code is a $datatype', async ({ service, code, datatype, required }) => {
      const res = await get(`${BASE}/services/${service}.json`);
      expectSchema('service-definition', res.body);
      expect(res.body.attributes.find((a: any) => a.code === code)).toMatchObject({ datatype, required });
    });

    it('lists booleans as true/false and enums with their display names', async () => {
      const ebike = await get(`${BASE}/services/fire-ebike.json`);
      expect(ebike.body.attributes.find((a: any) => a.code === 'residentialBuilding').values).toEqual([{ key: 'true', name: '是' }, { key: 'false', name: '否' }]);
      const gas = await get(`${BASE}/services/safety-gas.json`);
      expect(gas.body.attributes.find((a: any) => a.code === 'placeType').values).toEqual([
        { key: 'household', name: '居民户' }, { key: 'catering', name: '餐饮场所' }, { key: 'enterprise', name: '企业' }, { key: 'other', name: '其他' },
      ]);
    });

    it.each<{ name: string; path: string; headers: Record<string, string> }>([
      { name: '?locale=en', path: `${BASE}/services/env-noise.json?locale=en`, headers: {} },
      { name: 'Accept-Language: en', path: `${BASE}/services/env-noise.json`, headers: { 'accept-language': 'en-GB,en;q=0.9' } },
    ])('gives attribute descriptions (field titles) in English with $name, from the form\'s ui:title', async ({ path, headers }) => {
      const res = await get(path, headers);
      expectSchema('service-definition', res.body);
      const description = (code: string) => res.body.attributes.find((a: any) => a.code === code).description;
      expect(description('grid')).toBe('Grid');
      expect(description('noiseSource')).toBe('Noise source');
      expect(description('decibel')).toBe('Measured decibels (if any)');
      expect(description('occurredAt')).toBe('Time of occurrence');
      const zh = await get(`${BASE}/services/env-noise.json`);
      expect(zh.body.attributes.find((a: any) => a.code === 'grid').description).toBe('所属网格');
    });

    it.each([
      { name: 'discovery', path: `${BASE}/discovery.json` },
      { name: 'services', path: `${BASE}/services.xml` },
      { name: 'a service definition', path: `${BASE}/services/env-noise.json` },
      { name: 'requests', path: `${BASE}/requests.json` },
    ])('$name says Vary: Accept-Language when that header chooses the language, not when ?locale= does', async ({ path }) => {
      const byHeader = await get(path, { 'accept-language': 'en' });
      expect(byHeader.status).toBe(200);
      expect(byHeader.headers.get('vary') ?? '').toMatch(/accept-language/i);
      const byQuery = await get(`${path}${path.includes('?') ? '&' : '?'}locale=en`, { 'accept-language': 'zh' });
      expect(byQuery.headers.get('vary') ?? '').not.toMatch(/accept-language/i);
      // Errors are in English whatever the client asks for.
      const error = await get(`${BASE}/services/no-such-service.json`, { 'accept-language': 'en' });
      expect(error.headers.get('vary') ?? '').not.toMatch(/accept-language/i);
    });

    it('the XML definition has the root <service_definition> and mirrors the JSON', async () => {
      const [xml, json] = await Promise.all([get(`${BASE}/services/env-water.xml`), get(`${BASE}/services/env-water.json`)]);
      const root = parseXml(xml.text);
      expect(root.name).toBe('service_definition');
      expect(xmlToJson(root)).toEqual(asXmlLeaves(json.body));
    });

    it.each([
      { name: 'json', path: `${BASE}/services/no-such-service.json`, body: (r: any) => r.body[0] },
      { name: 'xml', path: `${BASE}/services/no-such-service.xml`, body: (r: any) => ({ code: Number(parseXml(r.text).children[0].children[0].text) }) },
    ])('an unknown service code is 404 ($name)', async ({ path, body }) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(body(res)).toMatchObject({ code: 404 });
    });
  });

  describe('POST requests', () => {
    it('creates the event through the intake and answers [{service_request_id, service_notice, account_id}]', async () => {
      const res = await post(`${BASE}/requests.json`, noiseReport({ account_id: 'citizen-42' }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), service_notice: expect.any(String), account_id: 'citizen-42' }]);
      created = res.body[0].service_request_id;
      const event = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: created } });
      expect(event).not.toBeNull();
      expect(event!.source).toBe('open311');
      expect(event!.reporterId).toBe('open311:account:citizen-42');
      expect(event!.category).toBe('env-noise');
      expect(event!.data).toEqual({
        location: { grid: 'qs-fx-v01-g1', address: '凤溪村下街 12 号', lat: 28.6951, lng: 118.9182 },
        description: '工地夜间施工，噪声很大',
        reporterName: '王小明',
        reporterPhone: '13800138000',
        attachments: ['https://example.org/noise.jpg'],
        noiseSource: 'construction',
        decibel: 78.5,
        durationDays: 3,
      });
    });

    it('GET requests/{id} returns it open, with the handling unit as agency_responsible', async () => {
      const res = await get(`${BASE}/requests/${created}.json`);
      expect(res.status).toBe(200);
      expectSchema('requests', res.body);
      expect(res.body).toHaveLength(1);
      const event = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: created } });
      const unit = (await ts.server.configs.compiled('demo', 1)).unit(event!.handlingUnit!)!;
      expect(res.body[0]).toMatchObject({
        service_request_id: created,
        status: 'open',
        status_notes: '已分拨',
        service_name: '噪声扰民',
        service_code: 'env-noise',
        description: '工地夜间施工，噪声很大',
        agency_responsible: unit.name.zh,
        requested_datetime: '2026-03-10T10:00:00+08:00',
        updated_datetime: '2026-03-10T10:00:00+08:00',
        expected_datetime: expect.stringMatching(/^2026-03-\d\dT\d\d:\d\d:\d\d\+08:00$/),
        address: expect.stringContaining('凤溪村下街 12 号'),
        address_id: 'qs-fx-v01-g1',
        zipcode: null,
        lat: 28.6951,
        long: 118.9182,
        media_url: 'https://example.org/noise.jpg',
      });
      expect(res.body[0].service_notice).toContain(unit.name.zh);
    });

    it('the XML request is well-formed and mirrors the JSON', async () => {
      const [xml, json] = await Promise.all([get(`${BASE}/requests/${created}.xml?extensions=true`), get(`${BASE}/requests/${created}.json?extensions=true`)]);
      const root = parseXml(xml.text);
      expect(root.name).toBe('service_requests');
      expect(root.children.map((c) => c.name)).toEqual(['request']);
      expect(xmlToJson(root)).toEqual(asXmlLeaves(json.body));
    });

    it('POST requests.xml answers in XML', async () => {
      const res = await post(`${BASE}/requests.xml`, noiseReport());
      expect(res.status).toBe(201);
      const root = parseXml(res.text);
      expect(root.name).toBe('service_requests');
      expect((xmlToJson(root) as any[])[0]).toEqual({ service_request_id: expect.any(String), service_notice: expect.any(String), account_id: null });
    });

    it('converts multivalue lists, booleans and defaults, and takes the grid from address_id', async () => {
      const params: Array<[string, string]> = [
        ['api_key', apiKey], ['service_code', 'env-water'], ['address_id', 'qs-fx-v02-g1'], ['description', '河水发黑发臭'],
        ['attribute[waterBody]', 'river'], ['attribute[phenomenon][]', 'odor'], ['attribute[phenomenon][]', 'dead_fish'], ['attribute[hazard]', 'medium'],
        ['attribute[peopleAffected]', '120'], ['attribute[occurredAt]', '2026-03-10T01:30:00Z'],
      ];
      const res = await post(`${BASE}/requests.json`, params);
      expect(res.status).toBe(201);
      const event = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: res.body[0].service_request_id } });
      expect(event!.data).toMatchObject({
        location: { grid: 'qs-fx-v02-g1' },
        phenomenon: ['odor', 'dead_fish'],
        drinkingWaterSource: false,
        peopleAffected: 120,
        occurredAt: '2026-03-10T09:30:00+08:00',
      });
      const ebike = await post(`${BASE}/requests.json`, {
        api_key: apiKey, service_code: 'fire-ebike', address_string: '南门社区 3 幢', description: '楼道充电', 'attribute[grid]': 'qs-cn-v01-g1',
        'attribute[chargingPlace]': 'stairwell', 'attribute[residentialBuilding]': 'true',
      });
      expect(ebike.status).toBe(201);
      const row = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: ebike.body[0].service_request_id } });
      expect(row!.data.residentialBuilding).toBe(true);
    });

    it.each([
      { name: 'no api_key', params: { api_key: '' }, format: 'json' },
      { name: 'a wrong api_key', params: { api_key: `o311_${'A'.repeat(43)}` }, format: 'json' },
      { name: 'garbage as api_key', params: { api_key: 'letmein' }, format: 'xml' },
    ])('403 with $name', async ({ params, format }) => {
      const res = await post(`${BASE}/requests.${format}`, noiseReport(params));
      expect(res.status).toBe(403);
      if (format === 'json') expect(res.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
      else expect(xmlToJson(parseXml(res.text))).toEqual([{ code: '403', description: expect.stringContaining('api_key') }]);
    });

    it('an unknown service_code is 404, a missing one 400', async () => {
      const unknown = await post(`${BASE}/requests.json`, noiseReport({ service_code: 'no-such-service' }));
      expect(unknown.status).toBe(404);
      expect(unknown.body[0].description).toContain('no-such-service');
      const missing = await post(`${BASE}/requests.json`, noiseReport({ service_code: '' }));
      expect(missing.status).toBe(400);
      expect(missing.body[0].description).toContain('service_code');
    });

    it('400 lists every invalid attribute by name', async () => {
      const res = await post(`${BASE}/requests.json`, noiseReport({ 'attribute[noiseSource]': 'fireworks', 'attribute[durationDays]': '2.5', 'attribute[colour]': 'red' }));
      expect(res.status).toBe(400);
      const descriptions = res.body.map((e: any) => e.description) as string[];
      expect(res.body.every((e: any) => e.code === 400)).toBe(true);
      expect(descriptions).toEqual(expect.arrayContaining([
        expect.stringMatching(/^attribute\[noiseSource\]: .*construction/),
        expect.stringMatching(/^attribute\[durationDays\]: /),
        expect.stringMatching(/^attribute\[colour\] is not an attribute/),
      ]));
      expect(await ts.server.db.models.Event.count({ where: { countyId: 'demo' } })).toBe(4);
    });

    it.each<{ name: string; params: Record<string, string>; names: string }>([
      { name: 'a value out of the form range', params: { 'attribute[decibel]': '500' }, names: 'attribute[decibel]' },
      { name: 'a missing required attribute', params: { 'attribute[noiseSource]': '' }, names: 'attribute[noiseSource] is required' },
      { name: 'no grid and no lat/long', params: { 'attribute[grid]': '', lat: '', long: '' }, names: 'attribute[grid] is required when lat and long are not sent' },
      { name: 'no grid and a point outside every grid', params: { 'attribute[grid]': '', lat: '31.2304', long: '121.4737' }, names: 'lat 31.2304, long 121.4737 lies outside every grid' },
      { name: 'an unknown grid', params: { 'attribute[grid]': 'nowhere-g9' }, names: 'attribute[grid]' },
      { name: 'an address_id that is not a grid', params: { 'attribute[grid]': '', address_id: 'A-1024' }, names: 'address_id' },
      { name: 'no location', params: { lat: '', long: '', address_string: '' }, names: 'a location is required' },
      { name: 'lat without long', params: { long: '' }, names: 'lat and long' },
      { name: 'a phone the form refuses', params: { phone: '12345' }, names: 'phone' },
      { name: 'HTML in the description', params: { description: '<script>alert(1)</script>' }, names: 'description must be plain text' },
      { name: 'a multivalue key on a single-value attribute', params: { 'attribute[noiseSource][]': 'traffic' }, names: 'attribute[noiseSource] takes one value' },
    ])('400 for $name, naming the parameter', async ({ params, names }) => {
      const res = await post(`${BASE}/requests.json`, noiseReport(params));
      expect(res.status).toBe(400);
      expect(res.body.map((e: any) => e.description).join('\n')).toContain(names);
    });

    it('400 (code 413) for a body with too many parameters', async () => {
      const params = { ...noiseReport(), ...Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`x${i}`, '1'])) };
      const res = await post(`${BASE}/requests.json`, params);
      expect(res.status).toBe(400);
      expect(res.body).toEqual([{ code: 413, description: expect.any(String) }]);
    });

    it('400 for a body that is not form-encoded', async () => {
      const res = await ts.request('POST', `${BASE}/requests.json`, { body: { api_key: apiKey, service_code: 'env-noise' } });
      expect(res.status).toBe(400);
      expect(res.body[0].description).toContain('x-www-form-urlencoded');
    });
  });

  describe('GET requests', () => {
    let older: string;
    let closed: string;
    let dispute: string;

    beforeAll(async () => {
      // One report 100 days back (outside the default window), one of another service, one closed.
      const now = ts.clock.now;
      ts.clock.now = now - 100 * 86_400_000;
      older = (await post(`${BASE}/requests.json`, noiseReport())).body[0].service_request_id;
      ts.clock.now = now;
      dispute = (await post(`${BASE}/requests.json`, {
        api_key: apiKey, service_code: 'dispute-neighbor', address_id: 'qs-fx-v01-g2', description: '邻居漏水纠纷',
        'attribute[disputeType]': 'leak', 'attribute[partiesCount]': '2', 'attribute[hazard]': 'low',
      })).body[0].service_request_id;
      closed = (await post(`${BASE}/requests.json`, noiseReport())).body[0].service_request_id;
      await ts.server.db.models.Event.update({ state: 'rejected', closed: true }, { where: { countyId: 'demo', id: closed } });
    });

    it('the fixtures were created', () => {
      expect([older, dispute, closed].every((id) => typeof id === 'string')).toBe(true);
    });

    it('defaults to the last 90 days, newest first, and validates against the schema', async () => {
      const res = await get(`${BASE}/requests.json`);
      expect(res.status).toBe(200);
      expectSchema('requests', res.body);
      const ids = res.body.map((r: any) => r.service_request_id);
      expect(ids).toContain(created);
      expect(ids).not.toContain(older);
      const times = res.body.map((r: any) => Date.parse(r.requested_datetime));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it.each([
      { name: 'open', query: 'status=open', has: ['created'], hasNot: ['closed'] },
      { name: 'closed', query: 'status=closed', has: ['closed'], hasNot: ['created', 'dispute'] },
      { name: 'open,closed', query: 'status=open,closed', has: ['created', 'closed'], hasNot: [] },
      { name: 'empty status = absent', query: 'status=', has: ['created', 'closed'], hasNot: [] },
    ])('filters by status=$name', async ({ query, has, hasNot }) => {
      const res = await get(`${BASE}/requests.json?${query}`);
      expect(res.status).toBe(200);
      const byName: Record<string, string> = { created, closed, dispute };
      const ids = res.body.map((r: any) => r.service_request_id);
      for (const n of has) expect(ids).toContain(byName[n]);
      for (const n of hasNot) expect(ids).not.toContain(byName[n]);
      if (query === 'status=closed') expect(res.body.every((r: any) => r.status === 'closed')).toBe(true);
    });

    it('a closed request says so, with its internal state in status_notes', async () => {
      const res = await get(`${BASE}/requests/${closed}.json`);
      expect(res.body[0]).toMatchObject({ status: 'closed', status_notes: '已作废' });
    });

    it('a resolved request is closed (also for status=closed) and announces no deadline; reopened, it is open again', async () => {
      const row = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: dispute } });
      const before = row!.state;
      const ids = async (query: string) => (await get(`${BASE}/requests.json?${query}`)).body.map((r: any) => r.service_request_id) as string[];
      try {
        await ts.server.db.models.Event.update({ state: 'resolved', closed: false }, { where: { countyId: 'demo', id: dispute } });
        const zh = await get(`${BASE}/requests/${dispute}.json`);
        expect(zh.body[0]).toMatchObject({ status: 'closed', status_notes: '已办结', service_notice: '已完结：已办结' });
        const en = await get(`${BASE}/requests/${dispute}.json?locale=en`);
        expect(en.body[0].service_notice).toBe('Finished: Resolved');
        expect(await ids('status=closed')).toContain(dispute);
        expect(await ids('status=open')).not.toContain(dispute);

        await ts.server.db.models.Event.update({ state: 'reopened' }, { where: { countyId: 'demo', id: dispute } });
        const reopened = await get(`${BASE}/requests/${dispute}.json`);
        expect(reopened.body[0]).toMatchObject({ status: 'open', status_notes: '已重新打开' });
        expect(reopened.body[0].service_notice).not.toMatch(/^已完结/);
        expect(await ids('status=open')).toContain(dispute);
        expect(await ids('status=closed')).not.toContain(dispute);
      } finally {
        await ts.server.db.models.Event.update({ state: before }, { where: { countyId: 'demo', id: dispute } });
      }
    });

    it('status_notes tells red and supervised apart, in the asked language', async () => {
      await ts.server.db.models.Event.update({ red: true }, { where: { countyId: 'demo', id: created } });
      await ts.server.db.models.SupervisionTicket.create({ countyId: 'demo', id: '01900000-0000-7000-8000-000000000001', eventId: created, unit: 'qs-fx-cmd', issuedAt: new Date(ts.clock.now), reason: 'test', timerId: null });
      const zh = await get(`${BASE}/requests/${created}.json`);
      expect(zh.body[0]).toMatchObject({ status: 'open', status_notes: '已分拨；已超时（红灯）；已督办 1 次' });
      const en = await get(`${BASE}/requests/${created}.json?locale=en`);
      expect(en.body[0].status_notes).toBe('Dispatched; overdue (red); supervised (1 ticket)');
      await ts.server.db.models.Event.update({ red: false }, { where: { countyId: 'demo', id: created } });
    });

    it.each([
      { name: 'one code', query: 'service_code=dispute-neighbor', expected: (ids: string[]) => ids.length === 1 && ids[0] === dispute },
      { name: 'a comma list', query: 'service_code=dispute-neighbor,env-noise', expected: (ids: string[]) => ids.includes(dispute) && ids.includes(created) },
      { name: 'a repeated parameter', query: 'service_code=dispute-neighbor&service_code=env-water', expected: (ids: string[]) => ids.includes(dispute) && !ids.includes(created) },
      { name: 'a code no request has', query: 'service_code=svc-elderly', expected: (ids: string[]) => ids.length === 0 },
    ])('filters by service_code: $name', async ({ query, expected }) => {
      const res = await get(`${BASE}/requests.json?${query}`);
      expect(res.status).toBe(200);
      expect(expected(res.body.map((r: any) => r.service_request_id))).toBe(true);
    });

    it('service_request_id overrides every other filter', async () => {
      const res = await get(`${BASE}/requests.json?service_request_id=${older},${dispute},not-an-id&status=closed&service_code=svc-elderly`);
      expect(res.status).toBe(200);
      expect(res.body.map((r: any) => r.service_request_id).sort()).toEqual([older, dispute].sort());
    });

    it('start_date/end_date select by requested_datetime and may span 90 days', async () => {
      const start = encodeURIComponent('2025-11-25T00:00:00+08:00');
      const end = encodeURIComponent('2026-02-23T00:00:00+08:00');
      const res = await get(`${BASE}/requests.json?start_date=${start}&end_date=${end}`);
      expect(res.status).toBe(200);
      expect(res.body.map((r: any) => r.service_request_id)).toEqual([older]);
      const onlyStart = await get(`${BASE}/requests.json?start_date=${start}`);
      expect(onlyStart.body.map((r: any) => r.service_request_id)).toEqual([older]);
    });

    it.each([
      { name: 'the same day as start_date and end_date', query: 'start_date=2026-03-10&end_date=2026-03-10', has: ['created', 'dispute'], hasNot: ['older'] },
      { name: 'only end_date', query: 'end_date=2026-03-10', has: ['created', 'dispute', 'closed'], hasNot: ['older'] },
      { name: 'the day before', query: 'start_date=2026-03-09&end_date=2026-03-09', has: [], hasNot: ['created', 'dispute'] },
    ])('a bare-date end_date includes that whole day: $name', async ({ query, has, hasNot }) => {
      const res = await get(`${BASE}/requests.json?${query}`);
      expect(res.status).toBe(200);
      const byName: Record<string, string> = { created, closed, dispute, older };
      const ids = res.body.map((r: any) => r.service_request_id);
      for (const n of has) expect(ids).toContain(byName[n]);
      for (const n of hasNot) expect(ids).not.toContain(byName[n]);
    });

    it.each([
      { name: 'a span over 90 days', query: 'start_date=2025-11-01T00:00:00Z&end_date=2026-03-01T00:00:00Z', says: '90 days' },
      { name: 'bare dates 91 days apart', query: 'start_date=2026-01-01&end_date=2026-04-02', says: '90 days' },
      { name: 'end before start', query: 'start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z', says: 'start_date' },
      { name: 'a datetime without a zone', query: 'start_date=2026-03-01T00:00:00', says: 'start_date' },
      { name: 'a status that is not open or closed', query: 'status=pending', says: 'status' },
      { name: 'a bad page_size', query: 'page_size=5000', says: 'page_size' },
    ])('400 for $name', async ({ query, says }) => {
      const res = await get(`${BASE}/requests.json?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual([{ code: 400, description: expect.stringContaining(says) }]);
    });

    it('pages with page and page_size', async () => {
      const all = (await get(`${BASE}/requests.json`)).body.map((r: any) => r.service_request_id);
      expect(all.length).toBeGreaterThanOrEqual(4);
      const first = await get(`${BASE}/requests.json?page_size=2`);
      const second = await get(`${BASE}/requests.json?page_size=2&page=2`);
      expect([...first.body, ...second.body].map((r: any) => r.service_request_id)).toEqual(all.slice(0, 4));
    });

    it('extensions=true adds attributes, extended_attributes and notes', async () => {
      const res = await get(`${BASE}/requests/${created}.json?extensions=true`);
      const [request] = res.body;
      expectSchema('request', request);
      expect(request.attributes).toContainEqual({ code: 'noiseSource', label: '噪声来源', value: 'construction', name: '建筑施工' });
      expect(request.extended_attributes).toMatchObject({ state: 'dispatched', source: 'open311', grid: 'qs-fx-v01-g1', supervision_tickets: 1 });
      expect(request.extended_attributes.level_name).toBe(`${request.extended_attributes.level} ${['一般', '较大', '重大', '特别重大'][request.extended_attributes.level - 1]}`);
      expect(request.notes.map((n: any) => n.type)).toEqual(['report', 'dispatch']);
      expect(request.notes[0]).toEqual({ datetime: '2026-03-10T10:00:00+08:00', description: expect.stringContaining('open311'), type: 'report' });
      const plain = await get(`${BASE}/requests/${created}.json`);
      expect(plain.body[0]).not.toHaveProperty('notes');
    });

    it.each([
      { name: 'an unknown id', path: () => `${BASE}/requests/01900000-0000-7000-8000-00000000ffff.json` },
      { name: 'an id that is no UUID', path: () => `${BASE}/requests/42.json` },
      { name: "another county's request", path: () => `/open311/v2/other/requests/${created}.json` },
    ])('GET requests/{id} is 404 for $name', async ({ path }) => {
      const res = await get(path());
      expect(res.status).toBe(404);
      expect(res.body[0].code).toBe(404);
    });
  });

  describe('tokens, counties, jurisdictions, unknown paths', () => {
    it('tokens are never issued: GET tokens/{token} is 404', async () => {
      const res = await get(`${BASE}/tokens/12345.json`);
      expect(res.status).toBe(404);
      expect(res.body[0].description).toContain('realtime');
    });

    it.each([
      { name: 'json', path: '/open311/v2/atlantis/services.json' },
      { name: 'xml', path: '/open311/v2/atlantis/discovery.xml' },
    ])('an unknown county is 404 ($name)', async ({ name, path }) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      if (name === 'json') expect(res.body).toEqual([{ code: 404, description: expect.stringContaining('atlantis') }]);
      else expect(parseXml(res.text).name).toBe('errors');
    });

    it('jurisdiction_id is optional, but an unknown one is 404', async () => {
      expect((await get(`${BASE}/services.json?jurisdiction_id=demo`)).status).toBe(200);
      expect((await get(`${BASE}/services.json?jurisdiction_id=`)).status).toBe(200);
      expect((await get(`${BASE}/services.json?jurisdiction_id=sfgov.org`)).status).toBe(404);
    });

    it.each([
      { name: 'an unknown resource', path: `${BASE}/widgets.json` },
      { name: 'an unknown format', path: `${BASE}/services.html` },
      { name: 'no format', path: `${BASE}/services` },
    ])('404 for $name', async ({ path }) => {
      const res = await get(path);
      expect(res.status).toBe(404);
    });
  });

  describe('rate limiting', () => {
    it(`allows ${OPEN311_POSTS_PER_MINUTE} POSTs a minute per county and address, then 400 with code 429, Retry-After and RateLimit`, async () => {
      for (let i = 0; i < OPEN311_POSTS_PER_MINUTE; i++) {
        const res = await post('/open311/v2/other/requests.json', { service_code: 'env-noise' });
        expect(res.status).toBe(403);
      }
      const limited = await post('/open311/v2/other/requests.json', { service_code: 'env-noise' });
      // The spec knows 400, 403 and 404 only; the body's code says what it is.
      expect(limited.status).toBe(400);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('ratelimit')).toMatch(new RegExp(`limit=${OPEN311_POSTS_PER_MINUTE}, remaining=0`));
      expect(limited.body).toEqual([{ code: 429, description: expect.any(String) }]);
      const xml = await post('/open311/v2/other/requests.xml', { service_code: 'env-noise' });
      expect(xml.status).toBe(400);
      expect(xmlToJson(parseXml(xml.text))).toEqual([{ code: '429', description: expect.any(String) }]);
      // Reading is not limited, and another county keeps its own budget.
      expect((await get('/open311/v2/other/services.json')).status).toBe(200);
      expect((await post(`${BASE}/requests.json`, noiseReport())).status).toBe(201);
    });
  });
});

describe.each(dbTargets().filter((t) => t.name === 'postgres'))('Open311 rate limit across runtime processes ($name)', (target) => {
  let prepared: PreparedDatabase;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    prepared = await prepareDatabase(target);
    servers.push(await startTestServer(target, { prepared }));
    servers.push(await startTestServer(target, { prepared }));
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await prepared?.cleanup();
  });

  const post = (server: TestServer) =>
    server.request('POST', '/open311/v2/demo/requests.json', { rawBody: 'api_key=wrong&service_code=env-noise', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it(`two processes on one database share one budget of ${OPEN311_POSTS_PER_MINUTE} POSTs a minute, also with a process started later`, async () => {
    const [a, b] = servers;
    for (let i = 0; i < OPEN311_POSTS_PER_MINUTE - 1; i++) expect((await post(i % 2 === 0 ? a : b)).status).toBe(403);
    // a process started now sees the hits of the others
    servers.push(await startTestServer(target, { prepared }));
    expect((await post(servers[2])).status).toBe(403);
    for (const server of servers) {
      const limited = await post(server);
      expect(limited.status).toBe(400);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body).toEqual([{ code: 429, description: expect.any(String) }]);
    }
  });
});

describe.each(dbTargets())('Open311 POST requests: optional description, landline phones ($name)', (target) => {
  // A server of its own: the main suite's POSTs already use most of the per-minute budget.
  let ts: TestServer;
  let apiKey: string;
  beforeAll(async () => {
    ts = await startTestServer(target);
    apiKey = (await ensureOpen311Key(ts.server.db, 'demo')) ?? (await rotateOpen311Key(ts.server.db, 'demo'));
  });
  afterAll(async () => {
    await ts?.close();
  });

  const post = (params: Record<string, string>) =>
    ts.request('POST', `${BASE}/requests.json`, { rawBody: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const dataOf = async (id: string) => (await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id } }))!.data as Record<string, unknown>;
  const without = (params: Record<string, string>, name: string) => Object.fromEntries(Object.entries(params).filter(([k]) => k !== name));

  it.each([
    { name: 'absent', params: () => without(noiseReportFor(apiKey), 'description') },
    { name: 'empty', params: () => noiseReportFor(apiKey, { description: '' }) },
    { name: 'blank', params: () => noiseReportFor(apiKey, { description: '   ' }) },
  ])('a request without a description ($name) is taken, described by its service name', async ({ params }) => {
    const res = await post(params());
    expect(res.status).toBe(201);
    expect((await dataOf(res.body[0].service_request_id)).description).toBe('噪声扰民（Open311 上报，未附描述）');
    const view = await ts.request('GET', `${BASE}/requests/${res.body[0].service_request_id}.json`);
    expect(view.body[0].description).toBe('噪声扰民（Open311 上报，未附描述）');
  });

  it('takes a description of 4,000 characters and refuses 4,001, naming description', async () => {
    const long = '噪'.repeat(4000);
    const ok = await post(noiseReportFor(apiKey, { description: long }));
    expect(ok.status).toBe(201);
    expect((await dataOf(ok.body[0].service_request_id)).description).toBe(long);
    const tooLong = await post(noiseReportFor(apiKey, { description: `${long}噪` }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual([{ code: 400, description: 'description must be at most 4000 characters' }]);
  });

  it.each([
    { phone: '0571-88888888', stored: '0571-88888888' },
    { phone: '0571 8888 8888', stored: '0571-88888888' },
    { phone: '+86 571 8888 8888', stored: '0571-88888888' },
    { phone: '(010) 1234-5678 转', stored: null },
    { phone: '010-12345678-123', stored: '010-12345678-123' },
    { phone: '0570-1234567', stored: '0570-1234567' },
    { phone: '0571-123', stored: null },
  ])('phone $phone is stored as $stored (null: refused, naming phone)', async ({ phone, stored }) => {
    const res = await post(noiseReportFor(apiKey, { phone }));
    if (stored === null) {
      expect(res.status).toBe(400);
      expect(res.body.map((e: any) => e.description).join('\n')).toMatch(/^phone: /m);
      return;
    }
    expect(res.status).toBe(201);
    expect((await dataOf(res.body[0].service_request_id)).reporterPhone).toBe(stored);
  });
});

describe.each(dbTargets())('Open311 discovery: changeset and public url ($name)', (target) => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(target, { publicUrl: 'https://311.example.gov.cn' });
  });
  afterAll(async () => {
    await ts?.close();
  });
  const changeset = async () => Date.parse((await ts.request('GET', `${BASE}/discovery.json`)).body.changeset);

  it('the changeset moves forward when a version is activated, a roll-back to an older one included', async () => {
    const first = await changeset();
    ts.clock.advanceHours(1);
    const v = (await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { copyOf: 1 } })).body.version;
    expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: ts.adminToken })).status).toBe(200);
    ts.clock.advanceHours(1);
    expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/activate`, { token: ts.adminToken })).status).toBe(200);
    const second = await changeset();
    expect(second).toBeGreaterThan(first);
    ts.clock.advanceHours(1);
    expect((await ts.request('POST', '/api/v1/counties/demo/configs/1/activate', { token: ts.adminToken })).status).toBe(200);
    // version 1 was published first of all, but the service list changed back just now
    expect(await changeset()).toBe(ts.clock.now - (ts.clock.now % 1000));
    expect(await changeset()).toBeGreaterThan(second);
  });

  it('the endpoint url is the configured public url, whatever Host the client sends', async () => {
    const res = await fetch(`${ts.url}${BASE}/discovery.json`, { headers: { host: 'evil.example', 'x-forwarded-proto': 'http' } });
    const body = (await res.json()) as { endpoints: Array<{ url: string }> };
    expect(body.endpoints[0].url).toBe(`https://311.example.gov.cn${BASE}`);
  });
});
