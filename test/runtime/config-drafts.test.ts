/**
 * Deleting config drafts and listing catalogs over HTTP, on SQLite and on PostgreSQL when
 * PINGTAI_TEST_PG names one: a deleted draft is gone for every reader and its number is never
 * given again; a published version cannot be deleted; catalogs come with their names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

for (const target of dbTargets()) {
  describe(`config drafts and catalogs (${target.name})`, () => {
    let ts: TestServer;
    let designer: string;
    let worker: string;
    beforeAll(async () => {
      ts = await startTestServer(target);
      designer = await ts.token({ role: 'policy_designer' });
      worker = await ts.token({ role: 'grid_worker', unit: 'qs-cn-v04-g1' });
    });
    afterAll(async () => {
      await ts?.close();
    });

    const versions = async () => (await ts.request('GET', '/api/v1/counties/demo/configs', { token: designer })).body.versions as Array<{ version: number; status: string; name: unknown }>;

    it('deletes a draft: gone from the list, 404 to read, write, publish or diff, and its number not given again', async () => {
      const draft = (await ts.request('POST', '/api/v1/counties/demo/configs', { token: designer, body: { copyOf: 1 } })).body.version as number;
      expect((await versions()).map((v) => v.version)).toContain(draft);
      const removed = await ts.request('DELETE', `/api/v1/counties/demo/configs/${draft}`, { token: designer });
      expect(removed.status).toBe(200);
      expect(removed.body).toEqual({ version: draft, status: 'deleted' });
      expect((await versions()).map((v) => v.version)).not.toContain(draft);
      expect((await ts.request('GET', `/api/v1/counties/demo/configs/${draft}`, { token: designer })).status).toBe(404);
      expect((await ts.request('PUT', `/api/v1/counties/demo/configs/${draft}`, { token: designer, body: { document: { id: 'x' } } })).status).toBe(404);
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${draft}/publish`, { token: ts.adminToken })).status).toBe(404);
      expect((await ts.request('GET', `/api/v1/counties/demo/configs/diff?from=1&to=${draft}`, { token: designer })).status).toBe(404);
      expect((await ts.request('DELETE', `/api/v1/counties/demo/configs/${draft}`, { token: designer })).status).toBe(404);
      const next = (await ts.request('POST', '/api/v1/counties/demo/configs', { token: designer, body: { copyOf: 1 } })).body.version as number;
      expect(next).toBe(draft + 1);
    });

    it('refuses to delete a published version, a bad version number, or for a role that may not author', async () => {
      const published = await ts.request('DELETE', '/api/v1/counties/demo/configs/1', { token: designer });
      expect(published.status).toBe(409);
      expect(published.body.error.code).toBe('version-immutable');
      expect((await versions()).find((v) => v.version === 1)?.status).toBe('published');
      const bad = await ts.request('DELETE', '/api/v1/counties/demo/configs/0x1', { token: designer });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('version');
      const draft = (await ts.request('POST', '/api/v1/counties/demo/configs', { token: designer, body: { copyOf: 1 } })).body.version as number;
      expect((await ts.request('DELETE', `/api/v1/counties/demo/configs/${draft}`, { token: worker })).status).toBe(403);
      expect((await versions()).map((v) => v.version)).toContain(draft);
    });

    it('lists the catalogs with their names, and versions with their config names', async () => {
      const res = await ts.request('GET', '/api/v1/counties/demo/catalogs', { token: designer });
      expect(res.status).toBe(200);
      const ids = res.body.catalogs.map((c: { id: string }) => c.id);
      expect(ids).toEqual(expect.arrayContaining(['zhejiang-four-platforms', 'pilot-whistle']));
      const zj = res.body.catalogs.find((c: { id: string }) => c.id === 'zhejiang-four-platforms');
      expect(zj.name.zh).toMatch(/\S/);
      expect(zj.name.en).toMatch(/\S/);
      expect((await versions()).find((v) => v.version === 1)?.name).toEqual(expect.objectContaining({ zh: expect.any(String) }));
      expect((await ts.request('GET', '/api/v1/counties/demo/catalogs', { token: worker })).status).toBe(403);
      expect((await ts.request('GET', '/api/v1/counties/elsewhere/catalogs', { token: designer })).status).toBe(404);
    });
  });
}
