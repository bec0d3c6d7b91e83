/**
 * The report kit (what the report page needs from the active config) and /me's unit name over
 * HTTP, on SQLite and on PostgreSQL when PINGTAI_TEST_PG names one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

for (const target of dbTargets()) {
  describe(`report kit (${target.name})`, () => {
    let ts: TestServer;
    let worker: string;
    beforeAll(async () => {
      ts = await startTestServer(target);
      worker = await ts.token({ role: 'grid_worker', unit: 'qs-cn-v04-g1' });
    });
    afterAll(async () => {
      await ts?.close();
    });

    it('gives categories by name, the composed form of every minor category and the places, no rules', async () => {
      const res = await ts.request('GET', '/api/v1/counties/demo/report-kit', { token: worker });
      expect(res.status).toBe(200);
      const kit = res.body;
      expect(kit.version).toBe(1);
      const minors = kit.categories.flatMap((m: { children: Array<{ code: string; form: string; name: { zh: string } }> }) => m.children);
      expect(minors.length).toBeGreaterThan(10);
      for (const minor of minors) {
        expect(minor.name.zh).toMatch(/\S/);
        // composed: the base fields (place, description) come with the category's own
        expect(Object.keys(kit.forms[minor.form].schema.properties)).toEqual(expect.arrayContaining(['location', 'description']));
      }
      // the places of the grid picker, and the handling units by name (where a report went)
      const kinds = new Set(kit.units.map((u: { kind: string }) => u.kind));
      for (const kind of ['township', 'village', 'grid', 'platform']) expect(kinds.has(kind), kind).toBe(true);
      expect(kit.units.find((u: { id: string }) => u.id === 'qs-cn-v04-g1')).toBeTruthy();
      expect(kit.units.find((u: { id: string }) => u.id === 'qs-fx-enf').name.zh).toBe('凤溪镇综合执法平台');
      // units by name only: no members, no escalation chain
      expect(JSON.stringify(kit.units)).not.toMatch(/"members"|"escalatesTo"/);
      expect(kit.levels.map((l: { level: number; name: { zh: string } }) => `${l.level} ${l.name.zh}`)).toEqual(['1 一般', '2 较大', '3 重大', '4 特别重大']);
      expect(JSON.stringify(kit)).not.toContain('"conditions"');
    });

    it("/me names the caller's unit from the active config", async () => {
      const me = await ts.request('GET', '/api/v1/me', { token: worker });
      expect(me.body.unit).toBe('qs-cn-v04-g1');
      expect(me.body.unitName.zh).toMatch(/网格/);
      expect((await ts.request('GET', '/api/v1/me', { token: ts.adminToken })).body.unitName).toBeNull();
    });

    it('is 404 for another county', async () => {
      expect((await ts.request('GET', '/api/v1/counties/elsewhere/report-kit', { token: worker })).status).toBe(404);
    });
  });
}
