/**
 * Citizens' photos on the public report page, on SQLite and PostgreSQL: an upload needs the page's
 * upload key, is inspected like every upload (a polyglot is refused and nothing stored), is read
 * back only with that key, and is taken by a report sent with the same key, after which the
 * handling unit sees it and the key reads it no more. Without the key, or with another, the
 * report is refused naming the field and nothing is written.
 */
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';
import { download, HTML_TAIL, phonePhoto, upload } from './support/attachment-fixtures';

const DATA = {
  location: { grid: 'qs-fx-v01-g1', address: '凤溪村' },
  description: '村口道路旁堆放建筑垃圾，影响通行。',
  disputeType: 'noise',
  partiesCount: 2,
  hazard: 'low',
  mediatedOnSite: false,
  mediationAttempts: 0,
};
const KEY = 'k'.repeat(10) + 'PublicUploadKey-1';
const OTHER_KEY = 'o'.repeat(10) + 'PublicUploadKey-2';

describe.each(dbTargets())('public uploads ($name)', (target) => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(target);
  });
  afterAll(async () => {
    await ts?.close();
  });

  const rows = async () => Number((await ts.server.db.sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM attachments', { type: QueryTypes.SELECT }))[0].n);
  const send = (file: Buffer, key?: string) => upload(ts.url, '/api/v1/public/demo/attachments', { file, headers: key ? { 'x-upload-key': key } : {} });
  const report = (attachments: string[], key?: string) =>
    ts.request('POST', '/api/v1/public/demo/reports', { body: { category: 'dispute-neighbor', data: { ...DATA, attachments } }, headers: key ? { 'x-upload-key': key } : {} });

  it('refuses an upload without a well-formed key, and a hostile file, storing nothing', async () => {
    const photo = await phonePhoto();
    const none = await send(photo);
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 'missing-upload-key', field: 'X-Upload-Key' });
    const short = await send(photo, 'abc');
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('X-Upload-Key');
    const polyglot = await send(Buffer.concat([photo, HTML_TAIL]), KEY);
    expect(polyglot.status).toBeGreaterThanOrEqual(400);
    expect(polyglot.status).toBeLessThan(500);
    expect(polyglot.body.error.code).toBeTruthy();
    expect(await rows()).toBe(0);
    expect((await upload(ts.url, '/api/v1/public/nowhere/attachments', { file: photo, headers: { 'x-upload-key': KEY } })).status).toBe(404);
  });

  it('a report takes the photos uploaded with its key; the handling unit sees them, the key no longer reads them', async () => {
    const uploaded = await send(await phonePhoto(), KEY);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ ref: `att:${uploaded.body.id}`, type: 'image/jpeg', url: `/api/v1/public/demo/attachments/${uploaded.body.id}` });
    const ref = uploaded.body.ref as string;
    // the page shows its own upload with the key; nobody else reads it
    expect((await download(ts.url, uploaded.body.thumbnail, { 'x-upload-key': KEY })).status).toBe(200);
    expect((await download(ts.url, uploaded.body.url, { 'x-upload-key': KEY })).type).toBe('image/jpeg');
    expect((await download(ts.url, uploaded.body.thumbnail, { 'x-upload-key': OTHER_KEY })).status).toBe(404);
    expect((await download(ts.url, uploaded.body.thumbnail, {})).status).toBe(400);
    expect((await download(ts.url, `/api/v1/counties/demo/attachments/${uploaded.body.id}`, ts.adminToken)).status).toBe(404);

    const events = () => ts.server.db.models.Event.count({ where: { countyId: 'demo' } });
    const before = await events();
    for (const key of [undefined, OTHER_KEY]) {
      const refused = await report([ref], key);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('unknown-attachment');
      expect(refused.body.error.field).toMatch(/^data\/attachments/);
    }
    expect(await events()).toBe(before);

    const created = await report([ref], KEY);
    expect(created.status).toBe(201);
    const event = (await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', source: 'citizen' } }))!;
    expect((event.data as { attachments: string[] }).attachments).toEqual([ref]);
    const [row] = await ts.server.db.sequelize.query<{ event_id: string }>('SELECT event_id FROM attachments WHERE id = ?', { replacements: [uploaded.body.id], type: QueryTypes.SELECT });
    expect(row.event_id).toBe(event.id);
    // now the event's readers see it, and the key reads it no more
    const handler = await ts.token({ role: 'handler', unit: event.handlingUnit! });
    expect((await download(ts.url, `/api/v1/counties/demo/attachments/${uploaded.body.id}`, handler)).status).toBe(200);
    expect((await download(ts.url, uploaded.body.url, { 'x-upload-key': KEY })).status).toBe(404);
    // and a second report cannot take it again
    expect((await report([ref], KEY)).status).toBe(422);
  });
});
