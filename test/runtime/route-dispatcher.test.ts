/**
 * A whistle route that names its dispatcher, over HTTP on SQLite (and PostgreSQL when
 * PINGTAI_TEST_PG names one): in the pilot township a level 2 chemical hazard goes straight to the
 * emergency bureau and the township's command room — not the county command centre — watches it,
 * sees it in its worklist and may reassign it; elsewhere the default dispatcher stays.
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
  describe(`a route that sets the dispatcher (${target.name})`, () => {
    let ts: TestServer;
    let prepared: PreparedDatabase;

    beforeAll(async () => {
      prepared = await prepareDatabase(target);
      ts = await startTestServer(target, { prepared });
      ts.clock.set('2026-03-10T10:00:00+08:00');
      await ts.server.configs.createCounty({ id: 'pilot', name: 'Whistle pilot county', compiled: await compiledCatalog('pilot-whistle'), createdBy: 'test', now: ts.clock.now });
    });
    afterAll(async () => {
      await ts?.close();
      await prepared?.cleanup();
    });

    const report = async (grid: string) => {
      const token = await ts.token({ county: 'pilot', role: 'county_admin' });
      const res = await ts.request('POST', '/api/v1/counties/pilot/events', { token, body: hazard(grid) });
      expect(res.status).toBe(201);
      return res.body.event;
    };
    const worklistIds = async (unit: string) => {
      const token = await ts.token({ county: 'pilot', role: 'dispatcher', unit });
      const res = await ts.request('GET', '/api/v1/counties/pilot/events?limit=100', { token });
      expect(res.status).toBe(200);
      return (res.body.events as Array<{ id: string }>).map((e) => e.id);
    };

    it('the pilot township keeps the event it whistled; the county command centre does not watch it', async () => {
      const whistled = await report('qs-cn-v03-g1');
      expect({ unit: whistled.handlingUnit, dispatcher: whistled.dispatcher, level: whistled.level }).toEqual({ unit: 'dept-emergency', dispatcher: 'qs-cn-cmd', level: 2 });
      const elsewhere = await report('qs-fx-v01-g1');
      expect({ unit: elsewhere.handlingUnit, dispatcher: elsewhere.dispatcher }).toEqual({ unit: 'qs-fx-enf', dispatcher: 'qs-fx-cmd' });

      expect(await worklistIds('qs-cn-cmd')).toContain(whistled.id);
      expect(await worklistIds('county-cmd')).not.toContain(whistled.id);
      expect(await worklistIds('qs-fx-cmd')).not.toContain(whistled.id);
    });

    it('the township command room may reassign it within its township; the county command centre may not', async () => {
      const whistled = await report('qs-cn-v03-g1');
      const county = await ts.token({ county: 'pilot', role: 'dispatcher', unit: 'county-cmd' });
      const refused = await ts.request('POST', `/api/v1/counties/pilot/events/${whistled.id}/actions/reassign`, { token: county, body: { input: { unit: 'qs-cn-enf' }, version: whistled.version } });
      expect(refused.status).toBe(403);
      const township = await ts.token({ county: 'pilot', role: 'dispatcher', unit: 'qs-cn-cmd' });
      const moved = await ts.request('POST', `/api/v1/counties/pilot/events/${whistled.id}/actions/reassign`, { token: township, body: { input: { unit: 'qs-cn-enf' }, version: whistled.version } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect({ unit: moved.body.event.handlingUnit, dispatcher: moved.body.event.dispatcher }).toEqual({ unit: 'qs-cn-enf', dispatcher: 'qs-cn-cmd' });
    });
  });
}
