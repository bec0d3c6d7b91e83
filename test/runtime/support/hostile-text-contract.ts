/**
 * Contract: hostile text at the edge. Text that cannot be stored as it was sent (a NUL, a lone
 * UTF-16 surrogate) in a report, an action's input, a comment, a query parameter, a stored
 * header or an Open311 parameter is a 4xx naming the field, and nothing is stored; every other
 * text — quotes, backslashes, dollar quotes, `?`, comment starts, control characters, CJK,
 * characters beyond the BMP — is stored byte for byte, whether its report was written in a busy
 * batch or alone. Runs against any database target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOpen311Key, rotateOpen311Key } from '../../../runtime/open311/api-key';
import { catalogCase } from './catalog-cases';
import type { DbTarget } from './db-targets';
import { startTestServer, type TestServer } from './test-server';

/** Accepted text that has broken hand-written SQL literals somewhere. */
export const HOSTILE_VALUES = [
  "O'Brien ''; DROP TABLE events; --",
  'back\\slash \\\' \\\\ end\\',
  "E'\\x27' U&'\\0027'",
  '$$ dollar $$ $tag$ quoted $tag$',
  'what? ?? $1 ? :name',
  '-- not a comment /* nor this */ */',
  'control \u0001\u0007\u001b\u001f\u007f tab\tnewline\nreturn\r',
  '占道经营，“引号”＇全角＇',
  '🚧 路面塌陷 𠀀𪚥 👨‍👩‍👧',
  '\u2028\u2029\ufeff\u00a0',
] as const;

export function hostileTextContract(target: DbTarget): void {
  describe(`hostile text (${target.name})`, () => {
    let ts: TestServer;
    let apiKey: string;
    const sample = catalogCase('dispute-neighbor-to-village');
    const eventCount = () => ts.server.db.models.Event.count({ where: { countyId: 'demo' } });
    const report = (data: Record<string, unknown>, headers: Record<string, string> = {}) =>
      ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: sample.input.category, data: { ...sample.input.data, ...data } }, headers });
    const open311 = (params: Record<string, string>) =>
      ts.request('POST', '/open311/v2/demo/requests.json', {
        rawBody: new URLSearchParams({ api_key: apiKey, service_code: 'env-noise', 'attribute[grid]': 'qs-fx-v01-g1', 'attribute[noiseSource]': 'construction', address_string: '凤溪村', description: '夜间施工', ...params }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });

    beforeAll(async () => {
      ts = await startTestServer(target);
      ts.clock.set(sample.input.at);
      apiKey = (await ensureOpen311Key(ts.server.db, 'demo')) ?? (await rotateOpen311Key(ts.server.db, 'demo'));
    });
    afterAll(async () => {
      await ts?.close();
    });

    describe('refused, naming the field, nothing stored', () => {
      it.each([
        ['a NUL in a field', { description: 'before\u0000after' }, '/data/description'],
        ['a lone high surrogate', { description: 'half \ud800 a character' }, '/data/description'],
        ['a lone low surrogate, nested', { location: { grid: 'qs-fx-v01-g1', address: 'x\udc00' } }, '/data/location/address'],
        ['a NUL in a key', { ['bad\u0000key']: 'x' }, '/data/bad\u0000key'],
        ['a lone surrogate in a key', { ['k\ud83d']: 'x' }, '/data/k\ud83d'],
      ])('a report with %s → 400 bad-text', async (_name, data, field) => {
        const before = await eventCount();
        const res = await report(data);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'bad-text', field });
        expect(await eventCount()).toBe(before);
      });

      it('an action input or a comment with a NUL or a lone surrogate → 400, the event unchanged', async () => {
        const created = (await report({})).body.event;
        const before = (await ts.request('GET', `/api/v1/counties/demo/events/${created.id}`, { token: ts.adminToken })).body;
        const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
        const actions = [
          { path: `/actions/accept`, token: handler, body: { version: 1, comment: 'ok\u0000' }, field: '/comment' },
          { path: `/actions/request_info`, token: handler, body: { version: 1, input: { reason: '\udfff请补充' } }, field: '/input/reason' },
          { path: `/comments`, token: ts.adminToken, body: { text: 'nul \u0000 here' }, field: '/text' },
        ];
        for (const a of actions) {
          const res = await ts.request('POST', `/api/v1/counties/demo/events/${created.id}${a.path}`, { token: a.token, body: a.body });
          expect(res.status, a.path).toBe(400);
          expect(res.body.error, a.path).toMatchObject({ code: 'bad-text', field: a.field });
        }
        const after = (await ts.request('GET', `/api/v1/counties/demo/events/${created.id}`, { token: ts.adminToken })).body;
        expect(after.event.version).toBe(before.event.version);
        expect(after.history).toEqual(before.history);
      });

      it('a query parameter with a NUL → 400 naming the parameter', async () => {
        const res = await fetch(`${ts.url}/api/v1/counties/demo/events?unit=qs%00x`, { headers: { authorization: `Bearer ${ts.adminToken}` } });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: { code: 'bad-text', field: 'query.unit' } });
      });

      it('an Idempotency-Key that is not visible ASCII → 400, nothing stored', async () => {
        const before = await eventCount();
        const res = await report({}, { 'Idempotency-Key': 'clé-é' });
        expect(res.status).toBe(400);
        expect(res.body.error.field).toBe('Idempotency-Key');
        expect(await eventCount()).toBe(before);
      });

      it.each([
        ['account_id', { account_id: 'acct\u0000evil' }],
        ['description', { description: '噪声\u0000' }],
        ['attribute[noiseSource]', { 'attribute[noiseSource]': 'construction\u0000' }],
        ['first_name', { first_name: '\u0000' }],
      ])('an Open311 POST with a NUL in %s → 400 naming it (code 400), nothing stored', async (param, params) => {
        const before = await eventCount();
        const res = await open311(params);
        expect(res.status).toBe(400);
        expect(res.body).toEqual([{ code: 400, description: expect.stringContaining(param) }]);
        expect(await eventCount()).toBe(before);
      });

      it('an Open311 GET with a NUL in a parameter → 400 naming it', async () => {
        const res = await fetch(`${ts.url}/open311/v2/demo/requests.json?service_code=env%00noise`);
        expect(res.status).toBe(400);
        expect(JSON.stringify(await res.json())).toContain('service_code');
      });
    });

    describe('accepted text is stored byte for byte', () => {
      it('in a busy batch and alone, read back through the API and from the table', async () => {
        // many reports at once: they share intake batches (pipelined scripts); then one alone
        const busy = await Promise.all(
          Array.from({ length: 60 }, (_, i) => report({ description: `${HOSTILE_VALUES[i % HOSTILE_VALUES.length]} #${i}`, reporterName: HOSTILE_VALUES[(i + 3) % HOSTILE_VALUES.length].slice(0, 50) })),
        );
        const alone = await report({ description: HOSTILE_VALUES.join(' | '), location: { grid: 'qs-fx-v01-g1', address: HOSTILE_VALUES[1] } });
        const sent = [
          ...busy.map((_, i) => ({ description: `${HOSTILE_VALUES[i % HOSTILE_VALUES.length]} #${i}`, reporterName: HOSTILE_VALUES[(i + 3) % HOSTILE_VALUES.length].slice(0, 50), address: (sample.input.data.location as { address: string }).address })),
          { description: HOSTILE_VALUES.join(' | '), reporterName: sample.input.data.reporterName, address: HOSTILE_VALUES[1] },
        ];
        const answers = [...busy, alone];
        for (const [i, res] of answers.entries()) {
          expect(res.status, `report ${i}`).toBe(201);
          const got = (await ts.request('GET', `/api/v1/counties/demo/events/${res.body.event.id}`, { token: ts.adminToken })).body.event.data;
          expect({ description: got.description, reporterName: got.reporterName, address: got.location.address }, `report ${i}`).toEqual(sent[i]);
          const row = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: res.body.event.id } });
          expect(row!.data.description, `report ${i}`).toBe(sent[i].description);
        }
      });

      it('Open311 parameters in a busy batch and alone', async () => {
        // (Open311 parameters are trimmed, as form fields are: each value is bracketed to keep its ends)
        const values = HOSTILE_VALUES.filter((v) => !/[\u0000-\u001f\u007f]/.test(v));
        const busy = await Promise.all(values.map((v, i) => open311({ description: `[${v}] #${i}`, account_id: `acct[${v}]` })));
        for (const [i, res] of busy.entries()) {
          expect(res.status, `request ${i}`).toBe(201);
          expect(res.body[0].account_id).toBe(`acct[${values[i]}]`);
          const row = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: res.body[0].service_request_id } });
          expect(row!.data.description, `request ${i}`).toBe(`[${values[i]}] #${i}`);
          expect(row!.reporterId, `request ${i}`).toBe(`open311:account:acct[${values[i]}]`);
        }
      });

      it('an action input and a comment', async () => {
        const created = (await report({})).body.event;
        const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
        const comment = HOSTILE_VALUES.join('\n');
        expect((await ts.request('POST', `/api/v1/counties/demo/events/${created.id}/comments`, { token: ts.adminToken, body: { text: comment } })).status).toBe(201);
        expect((await ts.request('POST', `/api/v1/counties/demo/events/${created.id}/actions/accept`, { token: handler, body: { version: 1 } })).status).toBe(200);
        expect((await ts.request('POST', `/api/v1/counties/demo/events/${created.id}/actions/request_info`, { token: handler, body: { version: 2, input: { reason: HOSTILE_VALUES[0] + HOSTILE_VALUES[8] } } })).status).toBe(200);
        const history = (await ts.request('GET', `/api/v1/counties/demo/events/${created.id}`, { token: ts.adminToken })).body.history as Array<{ action: string; detail: any }>;
        expect(history.find((h) => h.action === 'comment')!.detail.text).toBe(comment);
        expect(JSON.stringify(history.find((h) => h.action === 'request_info')!.detail)).toContain(JSON.stringify(HOSTILE_VALUES[0] + HOSTILE_VALUES[8]).slice(1, -1));
      });
    });
  });
}
