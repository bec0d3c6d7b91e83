/**
 * Citizens' reports over HTTP without sign-in, on SQLite and on PostgreSQL when PINGTAI_TEST_PG
 * names one: the public report kit, a report answered with a tracking code, its progress in plain
 * words (no person's or unit's name), the reporter's confirmation with a rating of the county's
 * satisfaction scale through the secret link (stored for the assessment), bad input refused with
 * nothing written, and the rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { satisfactionOf } from '../../runtime/public/satisfaction-store';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const DATA = {
  reporterName: '王小明',
  reporterPhone: '13957100137',
  location: { grid: 'qs-fx-v01-g1', address: '凤溪村' },
  description: '两户邻居因夜间装修噪音发生口角，需村调委会调解。',
  disputeType: 'noise',
  partiesCount: 2,
  hazard: 'low',
  mediatedOnSite: false,
  mediationAttempts: 0,
};

for (const target of dbTargets()) {
  describe(`public reports (${target.name})`, () => {
    let ts: TestServer;
    beforeAll(async () => {
      ts = await startTestServer(target);
    });
    afterAll(async () => {
      await ts?.close();
    });

    const report = (body: unknown) => ts.request('POST', '/api/v1/public/demo/reports', { body });
    const events = () => ts.server.db.models.Event.count({ where: { countyId: 'demo' } });

    it('serves the report kit without sign-in: categories, forms and only the places of the grid picker', async () => {
      const res = await ts.request('GET', '/api/v1/public/demo/report-kit');
      expect(res.status).toBe(200);
      expect(res.body.categories.length).toBeGreaterThan(5);
      expect(new Set(res.body.units.map((u: { kind: string }) => u.kind))).toEqual(new Set(['township', 'village', 'grid']));
      expect(JSON.stringify(res.body)).not.toContain('"conditions"');
      expect((await ts.request('GET', '/api/v1/public/nowhere/report-kit')).status).toBe(404);
      expect((await ts.request('GET', '/api/v1/public/..%2Fdemo/report-kit')).status).toBe(404);
    });

    it('refuses a bad report with the field named and writes nothing', async () => {
      const before = await events();
      const cases: Array<[unknown, number, string]> = [
        [{ data: DATA }, 400, 'category'],
        [{ category: 'dispute-neighbor' }, 400, 'data'],
        [{ category: 'dispute-neighbor', data: DATA, source: 'hotline' }, 400, 'source'],
        [{ category: 'dispute-neighbor', data: { ...DATA, partiesCount: 'two' } }, 422, ''],
      ];
      for (const [body, status, field] of cases) {
        const res = await report(body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(res.body.error).toBeTruthy();
        if (field) expect(res.body.error.field).toBe(field);
      }
      expect(await events()).toBe(before);
      expect(await ts.server.db.sequelize.query('SELECT * FROM public_reports', { type: 'SELECT' as never })).toHaveLength(0);
    });

    it('answers with a code; the progress reads in plain words; the reporter confirms with a rating through the secret link', async () => {
      const created = await report({ category: 'dispute-neighbor', data: DATA });
      expect(created.status).toBe(201);
      expect(created.body.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      expect(created.body.trackPath).toBe(`/public/demo/track/${created.body.code}`);
      const { code, secret } = created.body as { code: string; secret: string };

      const track = await ts.request('GET', `/api/v1/public/demo/track/${code.toLowerCase()}`);
      expect(track.status).toBe(200);
      expect(track.body).toMatchObject({ code, category: { code: 'dispute-neighbor', name: { zh: '邻里纠纷' } }, awaitingConfirmation: false, rating: null });
      expect(track.body.reportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(track.body.steps.map((s: { name: { zh: string } }) => s.name.zh)).toContain('已分拨');
      // no person, no unit, no internal id
      const text = JSON.stringify(track.body);
      const event = (await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', source: 'citizen' } }))!;
      for (const hidden of ['王小明', '13957100137', event.reporterId, event.handlingUnit!, event.dispatcher!, event.id]) expect(text).not.toContain(hidden);

      // not yet resolved: nothing to confirm
      expect((await ts.request('POST', `/api/v1/public/demo/confirm/${secret}`, { body: { rating: 'satisfied' } })).status).toBe(409);

      // the handling unit accepts, starts and resolves it
      const handler = await ts.token({ role: 'handler', unit: event.handlingUnit! });
      const act = (action: string, version: number, input?: Record<string, string>) =>
        ts.request('POST', `/api/v1/counties/demo/events/${event.id}/actions/${action}`, { token: handler, body: { version, ...(input ? { input } : {}) } });
      expect((await act('accept', 1)).status).toBe(200);
      expect((await act('start', 2)).status).toBe(200);
      expect((await act('resolve', 3, { feedback: '已调解，双方达成谅解' })).status).toBe(200);

      const before = await ts.request('GET', `/api/v1/public/demo/confirm/${secret}`);
      expect(before.body).toMatchObject({ code, awaitingConfirmation: true });
      expect(before.body.satisfactionScale.map((l: { name: { zh: string } }) => l.name.zh)).toEqual(['满意', '基本满意', '不满意']);

      const bad = await ts.request('POST', `/api/v1/public/demo/confirm/${secret}`, { body: { rating: '非常满意' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('rating');
      expect(bad.body.error.message).toContain('basically-satisfied');
      expect((await ts.request('POST', `/api/v1/public/demo/confirm/${'x'.repeat(43)}`, { body: { rating: 'satisfied' } })).status).toBe(404);

      const confirmed = await ts.request('POST', `/api/v1/public/demo/confirm/${secret}`, { body: { rating: 'basically-satisfied', comment: '处理及时' } });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ state: { id: 'closed', closed: true }, rating: 'basically-satisfied', awaitingConfirmation: false });
      expect(await satisfactionOf(ts.server.db, 'demo', event.id)).toMatchObject({ value: 'basically-satisfied', satisfied: true, source: 'reporter', comment: '处理及时' });
      // the history says the reporter confirmed, with the rating
      const history = await ts.request('GET', `/api/v1/counties/demo/events/${event.id}`, { token: ts.adminToken });
      expect(JSON.stringify(history.body)).toContain('basically-satisfied');
      // once closed, the link cannot confirm again
      expect((await ts.request('POST', `/api/v1/public/demo/confirm/${secret}`, { body: { rating: 'unsatisfied' } })).status).toBe(409);
    });

    it("a grid worker confirming for the reporter records the rating too; a rating outside the scale or on another action is refused", async () => {
      const worker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
      const created = await ts.request('POST', '/api/v1/counties/demo/events', { token: worker, body: { category: 'dispute-neighbor', data: DATA } });
      expect(created.status).toBe(201);
      const event = created.body.event as { id: string; handlingUnit: string };
      const handler = await ts.token({ role: 'handler', unit: event.handlingUnit });
      const act = (action: string, token: string, version: number, input?: Record<string, string>) =>
        ts.request('POST', `/api/v1/counties/demo/events/${event.id}/actions/${action}`, { token, body: { version, ...(input ? { input } : {}) } });
      const early = await act('accept', handler, 1, { satisfaction: 'satisfied' });
      expect(early.status).toBe(400);
      expect(early.body.error.field).toBe('input.satisfaction');
      expect((await act('accept', handler, 1)).status).toBe(200);
      expect((await act('start', handler, 2)).status).toBe(200);
      expect((await act('resolve', handler, 3, { feedback: '已调解' })).status).toBe(200);
      const bad = await act('confirm', worker, 4, { satisfaction: '很好' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ field: 'input.satisfaction' });
      expect(bad.body.error.message).toContain('unsatisfied');
      const confirmed = await act('confirm', worker, 4, { satisfaction: 'unsatisfied' });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.event.state).toBe('closed');
      expect(await satisfactionOf(ts.server.db, 'demo', event.id)).toMatchObject({ value: 'unsatisfied', satisfied: false, source: 'grid_worker' });
    });

    it('a disabled county has no public page; enabled again, it has', async () => {
      const { setCountyDisabled } = await import('../../runtime/counties/county-status');
      await setCountyDisabled(ts.server.db, { county: 'demo', disabled: true, now: ts.clock.now });
      expect((await ts.request('GET', '/api/v1/public/demo/report-kit')).status).toBe(404);
      expect((await ts.request('GET', '/api/v1/public/demo/track/ABCD-EFGH')).status).toBe(404);
      await setCountyDisabled(ts.server.db, { county: 'demo', disabled: false, now: ts.clock.now });
      expect((await ts.request('GET', '/api/v1/public/demo/report-kit')).status).toBe(200);
    });

    it('limits reports from one address (429 with Retry-After, in JSON)', async () => {
      let limited: Awaited<ReturnType<typeof report>> | undefined;
      for (let i = 0; i < 12 && !limited; i++) {
        const res = await report({ category: 'dispute-neighbor', data: DATA });
        if (res.status === 429) limited = res;
      }
      expect(limited?.status).toBe(429);
      expect(limited?.body.error.code).toBe('too-many-requests');
      expect(limited?.headers.get('retry-after')).toBeTruthy();
    });
  });
}
