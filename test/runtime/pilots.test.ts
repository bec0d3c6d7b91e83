/**
 * Pilots over HTTP on SQLite (and PostgreSQL when PINGTAI_TEST_PG names one): a published version
 * active for some townships while the rest of the county stays on its main version — each event
 * records the version that decided it; widen, end, promote; the comparison of pilot and other
 * townships before and since the start; bad requests refused, naming the field, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledCatalog } from '../helpers/catalogs';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-10T10:00:00+08:00');
const hazard = (grid: string) => ({
  category: 'safety-hazchem',
  source: 'grid_worker',
  data: { location: { grid }, description: '仓库甲醇桶轻微渗漏。', chemicalName: '甲醇', incidentType: 'leak', quantityKg: 20, leaking: false, peopleAffected: 0, injuries: 0, hazard: 'medium' },
});

for (const target of dbTargets()) {
  describe(`pilots (${target.name})`, () => {
    let ts: TestServer;
    let prepared: PreparedDatabase;
    let admin: string;
    const url = (path = '') => `/api/v1/counties/pil/pilots${path}`;

    beforeAll(async () => {
      prepared = await prepareDatabase(target);
      ts = await startTestServer(target, { prepared });
      ts.clock.now = START - 2 * HOUR;
      await ts.server.configs.createCounty({ id: 'pil', name: 'Pilot county', compiled: await compiledCatalog('zhejiang-four-platforms'), createdBy: 'test', now: ts.clock.now });
      admin = await ts.token({ county: 'pil', role: 'county_admin' });
      // version 2: the whistle pilot, published (not activated)
      const draft = await ts.request('POST', '/api/v1/counties/pil/configs', { token: admin, body: { catalog: 'pilot-whistle' } });
      expect(draft.status).toBe(201);
      expect((await ts.request('POST', `/api/v1/counties/pil/configs/${draft.body.version}/publish`, { token: admin })).status).toBe(200);
    });
    afterAll(async () => {
      await ts?.close();
      await prepared?.cleanup();
    });

    const report = async (grid: string) => {
      const res = await ts.request('POST', '/api/v1/counties/pil/events', { token: admin, body: hazard(grid) });
      expect(res.status).toBe(201);
      return res.body.event;
    };
    const act = async (event: { id: string; handlingUnit: string }, action: string, input?: Record<string, string>) => {
      const token = await ts.token({ county: 'pil', role: 'handler', unit: event.handlingUnit });
      const detail = await ts.request('GET', `/api/v1/counties/pil/events/${event.id}`, { token: admin });
      const res = await ts.request('POST', `/api/v1/counties/pil/events/${event.id}/actions/${action}`, { token, body: { version: detail.body.event.version, ...(input ? { input } : {}) } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };

    it('refuses bad pilots, naming the field, and starts none', async () => {
      const cases: Array<[unknown, number, string]> = [
        [{ version: 2 }, 400, 'townships'],
        [{ version: 2, townships: [] }, 400, 'townships'],
        [{ version: 2, townships: ['qs-cn-v03'] }, 400, 'townships/0'],
        [{ version: 2, townships: ['nowhere'] }, 400, 'townships/0'],
        [{ version: '2', townships: ['qs-cn'] }, 400, 'version'],
        [{ version: 1, townships: ['qs-cn'] }, 409, 'version'],
        [{ version: 99, townships: ['qs-cn'] }, 409, 'version'],
        [{ version: 2, townships: ['qs-cn'], colour: 'red' }, 400, 'colour'],
      ];
      for (const [body, status, field] of cases) {
        const res = await ts.request('POST', url(), { token: admin, body });
        expect({ body, status: res.status, field: res.body.error?.field }).toEqual({ body, status, field });
      }
      const handler = await ts.token({ county: 'pil', role: 'dispatcher', unit: 'qs-cn-cmd' });
      expect((await ts.request('POST', url(), { token: handler, body: { version: 2, townships: ['qs-cn'] } })).status).toBe(403);
      expect((await ts.request('GET', url(), { token: admin })).body).toEqual({ mainVersion: 1, pilots: [] });
    });

    it('events in the pilot township are decided by the pilot version, the others by the main one', async () => {
      // before the pilot: two reports in Chengnan, decided by version 1
      ts.clock.now = START - HOUR;
      const before = await report('qs-cn-v03-g1');
      expect({ version: before.configVersion, unit: before.handlingUnit }).toEqual({ version: 1, unit: 'qs-cn-enf' });
      await report('qs-cn-v03-g1');

      ts.clock.now = START;
      const started = await ts.request('POST', url(), { token: admin, body: { version: 2, townships: ['qs-cn'], name: '城南吹哨试点', note: '三个月' } });
      expect(started.status).toBe(201);
      expect(started.body.pilot).toMatchObject({ id: 1, version: 2, townships: ['qs-cn'], status: 'active', name: '城南吹哨试点' });
      expect(started.body.pilot.changes).toMatchObject([{ seq: 1, action: 'start', townships: ['qs-cn'], note: '三个月' }]);

      ts.clock.now = START + HOUR;
      const piloted = await report('qs-cn-v03-g1');
      expect({ version: piloted.configVersion, unit: piloted.handlingUnit, dispatcher: piloted.dispatcher }).toEqual({ version: 2, unit: 'dept-emergency', dispatcher: 'qs-cn-cmd' });
      const other = await report('qs-fx-v01-g1');
      expect({ version: other.configVersion, unit: other.handlingUnit }).toEqual({ version: 1, unit: 'qs-fx-enf' });
      const history = await ts.request('GET', `/api/v1/counties/pil/events/${piloted.id}`, { token: admin });
      expect(history.body.history[0].detail).toMatchObject({ pilot: 1, configVersion: 2 });

      // the piloted event, accepted and resolved 1.5 h after its report
      await act(piloted, 'accept');
      ts.clock.now = START + 2.5 * HOUR;
      await act(piloted, 'resolve', { feedback: '已处置' });

      // a township already in a pilot cannot join another
      const overlap = await ts.request('POST', url(), { token: admin, body: { version: 2, townships: ['qs-fx', 'qs-cn'] } });
      expect({ status: overlap.status, code: overlap.body.error.code }).toEqual({ status: 409, code: 'township-in-pilot' });
    });

    it('compares the pilot township with the others, before and since the start', async () => {
      ts.clock.now = START + 3 * HOUR;
      const res = await ts.request('GET', url('/1/comparison'), { token: admin });
      expect(res.status).toBe(200);
      expect(Date.parse(res.body.before.from)).toBe(START - 3 * HOUR);
      expect(Date.parse(res.body.since.from)).toBe(START);
      const { pilot, others } = res.body.groups;
      expect(pilot.before.reported).toBe(2);
      expect(pilot.since.reported).toBe(1);
      expect(others.since.reported).toBe(1);
      expect(others.before.reported).toBe(0);
      expect(pilot.since.meanHoursToResolve).toBe(1.5);
      // resolved, not yet confirmed: one resolution, no closure yet (deadlines count in the span they fall due in)
      expect(pilot.since.closure).toEqual({ hits: 0, total: 1, rate: 0 });
      expect(others.since.meanHoursToResolve).toBeNull();
      const longer = (await ts.request('GET', url('/1/comparison?baselineDays=1'), { token: admin })).body;
      expect(Date.parse(longer.before.from)).toBe(START - 24 * HOUR);
      expect(longer.groups.pilot.before).toMatchObject({ reported: 2, reportedPerDay: 2 });
      expect((await ts.request('GET', url('/1/comparison?baselineDays=400'), { token: admin })).body.error.field).toBe('baselineDays');
      expect((await ts.request('GET', url('/7/comparison'), { token: admin })).status).toBe(404);
      expect((await ts.request('GET', url('/x/comparison'), { token: admin })).body.error.field).toBe('id');
    });

    it('widens the pilot, ends it, and promotes another to the main version', async () => {
      const widened = await ts.request('POST', url('/1/widen'), { token: admin, body: { townships: ['qs-fx'], note: '扩大到凤溪' } });
      expect(widened.status).toBe(200);
      expect(widened.body.pilot.townships).toEqual(['qs-cn', 'qs-fx']);
      expect((await report('qs-fx-v01-g1')).configVersion).toBe(2);

      const ended = await ts.request('POST', url('/1/end'), { token: admin, body: { note: '试点结束' } });
      expect(ended.body.pilot).toMatchObject({ status: 'ended' });
      expect(ended.body.pilot.changes.map((c: { action: string }) => c.action)).toEqual(['start', 'widen', 'end']);
      expect((await report('qs-cn-v03-g1')).configVersion).toBe(1);
      const again = await ts.request('POST', url('/1/widen'), { token: admin, body: { townships: ['qs-cn'] } });
      expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'pilot-not-active' });

      const second = await ts.request('POST', url(), { token: admin, body: { version: 2, townships: ['qs-cn'] } });
      expect(second.status).toBe(201);
      const promoted = await ts.request('POST', url(`/${second.body.pilot.id}/promote`), { token: admin });
      expect(promoted.body.pilot.status).toBe('promoted');
      const list = await ts.request('GET', url(), { token: admin });
      expect(list.body.mainVersion).toBe(2);
      expect(list.body.pilots.map((p: { id: number; status: string }) => [p.id, p.status])).toEqual([[2, 'promoted'], [1, 'ended']]);
      expect((await report('qs-fx-v01-g1')).configVersion).toBe(2);
    });

    it("goes through approvals: a policy designer's proposal waits for a county administrator, and so does everyone's when the county requires it", async () => {
      // a county administrator signed in as a person (API tokens may not approve)
      const made = await ts.request('POST', '/api/v1/counties/pil/accounts', { token: admin, body: { name: '管理员乙', phone: '13800000202', role: 'county_admin' } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const first = await ts.request('POST', '/api/v1/sign-in', { body: { county: 'pil', login: '13800000202', password: made.body.temporaryPassword } });
      await ts.request('POST', '/api/v1/password', { token: first.body.token, body: { currentPassword: made.body.temporaryPassword, newPassword: 'county-admin-2026' } });
      const person = first.body.token as string;

      const designer = await ts.token({ county: 'pil', role: 'policy_designer' });
      const proposed = await ts.request('POST', url(), { token: designer, body: { version: 1, townships: ['qs-ht'], name: '黄塘回退对照', comment: '请批准试点' } });
      expect(proposed.status).toBe(202);
      expect(proposed.body.approval).toMatchObject({ status: 'pending', action: { type: 'pilot-start', version: 1, townships: ['qs-ht'] }, comment: '请批准试点' });
      expect((await ts.request('GET', url(), { token: admin })).body.pilots.filter((p: { status: string }) => p.status === 'active')).toEqual([]);
      expect((await ts.request('POST', url('/2/end'), { token: designer })).status).toBe(403);

      const approved = await ts.request('POST', `/api/v1/counties/pil/approvals/${proposed.body.approval.id}/approve`, { token: person, body: { comment: '同意' } });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      const started = (await ts.request('GET', url(), { token: admin })).body.pilots[0];
      expect(started).toMatchObject({ version: 1, townships: ['qs-ht'], status: 'active', name: '黄塘回退对照' });
      expect((await report('qs-ht-v01-g1')).configVersion).toBe(1);

      // the county requires approval: the administrator's own promotion waits too
      expect((await ts.request('PUT', '/api/v1/counties/pil/settings/approval', { token: admin, body: { requireApproval: true } })).status).toBe(200);
      const promote = await ts.request('POST', url(`/${started.id}/promote`), { token: admin, body: { comment: '推广' } });
      expect(promote.status).toBe(202);
      expect(promote.body.approval.action).toMatchObject({ type: 'pilot-promote', pilot: started.id });
      expect((await ts.request('GET', url(), { token: admin })).body.mainVersion).toBe(2);
    });
  });
}
