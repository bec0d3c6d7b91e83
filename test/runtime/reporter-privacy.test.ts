/**
 * Reporter privacy on both databases: the reporter's name and phone are masked for roles that do
 * not need them (config `county.privacy`), and revealing them needs a role allowed to, a reason,
 * and leaves an entry in the event's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCase } from './support/catalog-cases';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const NAME = '张三丰';
const PHONE = '13957100137';

for (const target of dbTargets()) {
  describe(`reporter privacy (${target.name})`, () => {
    let ts: TestServer;
    let event: { id: string; handlingUnit: string; dispatcher: string; grid: string; version: number };
    const tokens: Record<string, string> = {};
    beforeAll(async () => {
      ts = await startTestServer(target);
      const c = catalogCase('dispute-neighbor-to-village');
      ts.clock.set(c.input.at);
      const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: { ...c.input.data, reporterName: NAME, reporterPhone: PHONE } } });
      expect(res.status).toBe(201);
      event = res.body.event;
      tokens.county_admin = ts.adminToken;
      tokens.dispatcher = await ts.token({ role: 'dispatcher', unit: event.dispatcher });
      tokens.handler = await ts.token({ role: 'handler', unit: event.handlingUnit });
      tokens.grid_worker = await ts.token({ role: 'grid_worker', unit: event.grid });
    });
    afterAll(async () => {
      await ts?.close();
    });

    const detail = (role: string) => ts.request('GET', `/api/v1/counties/demo/events/${event.id}`, { token: tokens[role] });
    const reveal = (role: string, body: unknown) => ts.request('POST', `/api/v1/counties/demo/events/${event.id}/reveal-reporter`, { token: tokens[role], body });
    const reveals = async () => (await detail('county_admin')).body.history.filter((h: { action: string }) => h.action === 'reveal-reporter');

    it.each([
      { role: 'county_admin', access: 'clear', name: NAME, phone: PHONE },
      { role: 'dispatcher', access: 'clear', name: NAME, phone: PHONE },
      { role: 'handler', access: 'revealable', name: '张**', phone: '139****0137' },
      { role: 'grid_worker', access: 'masked', name: '张**', phone: '139****0137' },
    ])('the baseline: $role sees the reporter $access', async ({ role, access, name, phone }) => {
      const res = await detail(role);
      expect(res.status).toBe(200);
      expect(res.body.reporterAccess).toBe(access);
      expect(res.body.event.data.reporterName).toBe(name);
      expect(res.body.event.data.reporterPhone).toBe(phone);
      // nowhere else in the answer either (the explanation's facts, say)
      if (access !== 'clear') expect(res.text).not.toContain(PHONE);
      if (access !== 'clear') expect(res.text).not.toContain(NAME);
    });

    it("an action's answer is masked for a handler too", async () => {
      const accepted = await ts.request('POST', `/api/v1/counties/demo/events/${event.id}/actions/accept`, { token: tokens.handler, body: { version: event.version } });
      expect(accepted.status).toBe(200);
      expect(accepted.body.event.data.reporterPhone).toBe('139****0137');
    });

    it('a grid worker may not reveal (403 naming the role); nothing is written', async () => {
      const res = await reveal('grid_worker', { reason: '想知道' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('reveal-not-allowed');
      expect(res.body.error.field).toBe('role');
      expect(await reveals()).toEqual([]);
    });

    it.each([
      { name: 'no reason', body: {} },
      { name: 'a blank reason', body: { reason: '   ' } },
      { name: 'a reason that is not text', body: { reason: 42 } },
      { name: 'a reason too long', body: { reason: '理'.repeat(501) } },
    ])('a handler revealing with $name gets 422 naming "reason"; nothing is written', async ({ body }) => {
      const res = await reveal('handler', body);
      expect(res.status).toBe(422);
      expect(res.body.error.field).toBe('reason');
      expect(await reveals()).toEqual([]);
    });

    it('a handler revealing with a reason gets the clear values, and the history says who, when and why', async () => {
      ts.clock.advanceHours(1);
      const res = await reveal('handler', { reason: '需要电话联系当事人核实' });
      expect(res.status).toBe(200);
      expect(res.body.reporter).toEqual({ reporterName: NAME, reporterPhone: PHONE });
      expect(Date.parse(res.body.entry.at)).toBe(ts.clock.now);
      const entries = await reveals();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'reveal-reporter', actor: { role: 'handler' }, detail: { reason: '需要电话联系当事人核实', fields: ['reporterName', 'reporterPhone'], unit: event.handlingUnit } });
      expect(Date.parse(entries[0].at)).toBe(ts.clock.now);
      // the detail stays masked for the handler afterwards: each look is its own audited reveal
      expect((await detail('handler')).body.event.data.reporterPhone).toBe('139****0137');
    });

    it("a handler of another unit cannot reveal an event it cannot see (404)", async () => {
      const other = await ts.token({ role: 'handler', unit: event.dispatcher === event.handlingUnit ? 'qs-fx-cmd' : event.dispatcher });
      const res = await ts.request('POST', `/api/v1/counties/demo/events/${event.id}/reveal-reporter`, { token: other, body: { reason: '看看' } });
      expect([403, 404]).toContain(res.status);
      expect(await reveals()).toHaveLength(1);
    });

    it('a config names roles unknown to pingtai: the draft has issues at the pointer', async () => {
      const v = (await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { copyOf: 1 } })).body.version;
      const doc = (await ts.request('GET', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken })).body.document;
      doc.county.privacy = { showReporter: ['county_admin', 'mayor'] };
      const put = await ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken, body: { document: doc } });
      expect(put.status).toBe(200);
      expect(put.body.issues.map((i: { pointer: string }) => i.pointer)).toContain('/county/privacy/showReporter/1');
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: ts.adminToken })).status).toBe(422);
    });

    it("the county's own setting: dispatchers masked, nobody may reveal", async () => {
      const v = (await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { copyOf: 1 } })).body.version;
      const doc = (await ts.request('GET', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken })).body.document;
      doc.county.privacy = { showReporter: ['county_admin'], revealReporter: [] };
      expect((await ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken, body: { document: doc } })).status).toBe(200);
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: ts.adminToken })).status).toBe(200);
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/activate`, { token: ts.adminToken })).status).toBe(200);
      const dispatcher = await detail('dispatcher');
      expect(dispatcher.body.reporterAccess).toBe('masked');
      expect(dispatcher.body.event.data.reporterName).toBe('张**');
      expect((await detail('county_admin')).body.event.data.reporterName).toBe(NAME);
      expect((await reveal('handler', { reason: '需要联系' })).status).toBe(403);
      expect(await reveals()).toHaveLength(1);
    });
  });
}
