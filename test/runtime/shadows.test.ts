/**
 * Shadow runs over HTTP on SQLite (and PostgreSQL when PINGTAI_TEST_PG names one): the whistle
 * version decides every new report again beside the real decision; the events it would decide
 * differently are recorded with both sides, the counts add up like a backtest's, nothing is acted
 * on, no event is decided twice, and a stopped shadow decides no more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledCatalog } from '../helpers/catalogs';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const hazard = (grid: string) => ({
  category: 'safety-hazchem',
  source: 'grid_worker',
  data: { location: { grid }, description: '仓库甲醇桶轻微渗漏。', chemicalName: '甲醇', incidentType: 'leak', quantityKg: 20, leaking: false, peopleAffected: 0, injuries: 0, hazard: 'medium' },
});

for (const target of dbTargets()) {
  describe(`shadow runs (${target.name})`, () => {
    let ts: TestServer;
    let prepared: PreparedDatabase;
    let admin: string;
    const url = (path = '') => `/api/v1/counties/shd/shadows${path}`;

    beforeAll(async () => {
      prepared = await prepareDatabase(target);
      ts = await startTestServer(target, { prepared });
      ts.clock.set('2026-03-10T09:00:00+08:00');
      await ts.server.configs.createCounty({ id: 'shd', name: 'Shadow county', compiled: await compiledCatalog('zhejiang-four-platforms'), createdBy: 'test', now: ts.clock.now });
      admin = await ts.token({ county: 'shd', role: 'county_admin' });
      const draft = await ts.request('POST', '/api/v1/counties/shd/configs', { token: admin, body: { catalog: 'pilot-whistle' } });
      expect((await ts.request('POST', `/api/v1/counties/shd/configs/${draft.body.version}/publish`, { token: admin })).status).toBe(200);
    });
    afterAll(async () => {
      await ts?.close();
      await prepared?.cleanup();
    });

    const report = async (grid: string) => {
      const res = await ts.request('POST', '/api/v1/counties/shd/events', { token: admin, body: hazard(grid) });
      expect(res.status).toBe(201);
      return res.body.event;
    };

    it('refuses bad shadow runs, naming the field', async () => {
      for (const [body, status, field] of [[{}, 400, 'version'], [{ version: 'two' }, 400, 'version'], [{ version: 99 }, 409, 'version'], [{ version: 2, colour: 1 }, 400, 'colour']] as const) {
        const res = await ts.request('POST', url(), { token: admin, body });
        expect({ body, status: res.status, field: res.body.error?.field }).toEqual({ body, status, field });
      }
      const designer = await ts.token({ county: 'shd', role: 'policy_designer' });
      expect((await ts.request('POST', url(), { token: designer, body: { version: 2 } })).status).toBe(403);
      expect((await ts.request('GET', url(), { token: designer })).body).toEqual({ shadows: [] });
    });

    it('decides new reports again under the shadow version, records the differences and acts on nothing', async () => {
      const before = await report('qs-cn-v03-g1');
      ts.clock.now += 60_000;
      const started = await ts.request('POST', url(), { token: admin, body: { version: 2, name: '吹哨影子运行' } });
      expect(started.status).toBe(201);
      expect(started.body.shadow).toMatchObject({ id: 1, version: 2, status: 'active', totals: { events: 0 } });
      expect((await ts.request('POST', url(), { token: admin, body: { version: 2 } })).body.error.code).toBe('shadow-running');

      ts.clock.now += 60_000;
      const changed = await report('qs-cn-v03-g1');
      const same = await report('qs-fx-v01-g1');
      expect((await ts.server.shadowJob.runDue(ts.clock.now)).decided).toBe(2);
      expect((await ts.server.shadowJob.runDue(ts.clock.now)).decided).toBe(0);

      const shadow = (await ts.request('GET', url('/1'), { token: admin })).body.shadow;
      expect(shadow.totals).toMatchObject({ events: 2, changed: 1, failed: 0, fields: { unit: 1 } });
      expect(shadow.summary.loadMoved).toEqual([{ from: 'qs-cn-enf', to: 'dept-emergency', events: 1 }]);
      expect(shadow.summary.byTownship).toEqual(expect.arrayContaining([{ township: 'qs-cn', events: 1, changed: 1 }, { township: 'qs-fx', events: 1, changed: 0 }]));
      expect(Date.parse(shadow.decidedUntil)).toBeGreaterThanOrEqual(Date.parse(same.reportedAt));

      const changes = (await ts.request('GET', url('/1/changes'), { token: admin })).body;
      expect(changes.changes.map((c: { eventId: string }) => c.eventId)).toEqual([changed.id]);
      const c = changes.changes[0];
      expect({ changes: c.changes, real: c.real.unit, shadow: c.shadow.unit, dispatcher: c.shadow.dispatcher, winner: c.shadowTrail.winners.route }).toEqual({ changes: ['unit'], real: 'qs-cn-enf', shadow: 'dept-emergency', dispatcher: 'qs-cn-cmd', winner: 'w-route-hazchem-dept' });
      expect(changes.nextCursor).toBeNull();
      expect(changes.changes.some((x: { eventId: string }) => x.eventId === before.id)).toBe(false);

      // never acted on: the real event keeps its unit, version and history
      const detail = (await ts.request('GET', `/api/v1/counties/shd/events/${changed.id}`, { token: admin })).body;
      expect({ unit: detail.event.handlingUnit, version: detail.event.configVersion }).toEqual({ unit: 'qs-cn-enf', version: 1 });
      expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['report', 'dispatch']);
      expect((await ts.request('GET', url('/1/changes?limit=0'), { token: admin })).body.error.field).toBe('limit');
      expect((await ts.request('GET', url('/1/changes?cursor=nope'), { token: admin })).body.error.field).toBe('cursor');
    });

    it('a stopped shadow decides no more; another may start', async () => {
      const stopped = await ts.request('POST', url('/1/stop'), { token: admin });
      expect(stopped.body.shadow.status).toBe('stopped');
      expect((await ts.request('POST', url('/1/stop'), { token: admin })).status).toBe(409);
      ts.clock.now += 60_000;
      await report('qs-cn-v03-g1');
      expect((await ts.server.shadowJob.runDue(ts.clock.now)).decided).toBe(0);
      expect((await ts.request('GET', url('/1'), { token: admin })).body.shadow.totals.events).toBe(2);
      expect((await ts.request('POST', url(), { token: admin, body: { version: 2 } })).status).toBe(201);
    });
  });
}
