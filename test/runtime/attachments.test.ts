/**
 * Photos on reports and resolutions, on SQLite and PostgreSQL: an upload answers with its
 * reference, the stored image has no EXIF (no location) and a thumbnail, report data and a
 * resolution carry references, and a file is served only to those who may see its event.
 */
import { QueryTypes } from 'sequelize';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCase } from './support/catalog-cases';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';
import { download, phonePhoto, png, storedFiles, tinyMp4, upload } from './support/attachment-fixtures';

describe.each(dbTargets())('attachments ($name)', (target) => {
  let ts: TestServer;
  let prepared: PreparedDatabase;
  let gridWorker: string;
  beforeAll(async () => {
    prepared = await prepareDatabase(target);
    ts = await startTestServer(target, { prepared });
    gridWorker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
  });
  afterAll(async () => {
    await ts?.close();
    await prepared?.cleanup();
  });

  const post = (file: Buffer, token = gridWorker, name = 'photo.jpg') => upload(ts.url, '/api/v1/counties/demo/attachments', { token, file, name });
  const report = (token: string, attachments: string[]) => {
    const c = catalogCase('dispute-neighbor-to-village');
    ts.clock.set(c.input.at);
    return ts.request('POST', '/api/v1/counties/demo/events', { token, body: { category: c.input.category, data: { ...c.input.data, attachments } } });
  };

  it('stores a phone photo re-encoded without its EXIF location, turned upright, with a thumbnail', async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await post(original);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ref: `att:${res.body.id}`, type: 'image/jpeg', width: 480, height: 640, url: `/api/v1/counties/demo/attachments/${res.body.id}`, thumbnail: `/api/v1/counties/demo/attachments/${res.body.id}/thumbnail` });
    const file = await download(ts.url, res.body.url, gridWorker);
    expect(file.status).toBe(200);
    expect(file.type).toBe('image/jpeg');
    expect(file.bytes.length).toBe(res.body.size);
    const meta = await sharp(file.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(file.bytes.includes(Buffer.from('TestPhone'))).toBe(false);
    expect([meta.width, meta.height]).toEqual([480, 640]);
    const thumb = await download(ts.url, res.body.thumbnail, gridWorker);
    expect(thumb.status).toBe(200);
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(thumbMeta.format).toBe('jpeg');
    expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBe(320);
  });

  it('detects the type from the bytes, not the name: a PNG called .jpg is a PNG; a short MP4 is kept as sent, without thumbnail', async () => {
    const pic = await post(await png(), gridWorker, 'looks-like.jpg');
    expect(pic.status).toBe(201);
    expect(pic.body.type).toBe('image/png');
    const video = await post(tinyMp4(), gridWorker, 'clip.jpg');
    expect(video.status).toBe(201);
    expect(video.body.type).toBe('video/mp4');
    expect(video.body.thumbnail).toBeUndefined();
    expect((await download(ts.url, video.body.url, gridWorker)).bytes.equals(tinyMp4())).toBe(true);
  });

  it('the same bytes are stored once (content-addressed under the data folder)', async () => {
    const before = (await storedFiles(prepared.dataDir)).length;
    const bytes = await png(30, 30);
    const a = await post(bytes);
    const b = await post(bytes);
    expect(a.body.sha256).toBe(b.body.sha256);
    expect(a.body.id).not.toBe(b.body.id);
    const files = await storedFiles(prepared.dataDir);
    expect(files.length).toBe(before + 2); // the image and its thumbnail, once
    expect(files.some((f) => f.endsWith(`/${a.body.sha256.slice(0, 2)}/${a.body.sha256.slice(2, 4)}/${a.body.sha256}`))).toBe(true);
  });

  it('before it is attached, only the uploader may read a file; then whoever may see the event; another county never', async () => {
    const up = await post(await phonePhoto());
    const admin = ts.adminToken;
    expect((await download(ts.url, up.body.url, admin)).status).toBe(404);
    const created = await report(gridWorker, [up.body.ref]);
    expect(created.status).toBe(201);
    expect(created.body.event.data.attachments).toEqual([up.body.ref]);
    expect((await download(ts.url, up.body.url, admin)).status).toBe(200);
    const handler = await ts.token({ role: 'handler', unit: created.body.event.handlingUnit });
    expect((await download(ts.url, up.body.thumbnail, handler)).status).toBe(200);
    const otherGrid = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v02-g1' });
    expect((await download(ts.url, up.body.url, otherGrid)).status).toBe(404);
    const otherUnit = await ts.token({ role: 'handler', unit: 'qs-ht-mkt' });
    expect((await download(ts.url, up.body.url, otherUnit)).status).toBe(404);
    await ts.server.configs.createCounty({ id: 'other', name: '另一县', compiled: await ts.server.configs.compiled('demo', 1), createdBy: 'test', now: ts.clock.now });
    const otherCounty = await ts.token({ county: 'other', role: 'county_admin' });
    const cross = await download(ts.url, up.body.url, otherCounty);
    expect(cross.status).toBe(404);
    expect((await download(ts.url, up.body.url.replace('/demo/', '/other/'), otherCounty)).status).toBe(404);
  });

  it("a report may name only its reporter's own uploads (422 naming the field), never another's or an unknown one", async () => {
    const mine = await post(await png(20, 20));
    const someoneElse = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    const theirs = await report(someoneElse, [mine.body.ref]);
    expect(theirs.status).toBe(422);
    expect(theirs.body.error).toMatchObject({ code: 'unknown-attachment', field: 'data/attachments/0' });
    const unknown = await report(gridWorker, ['att:00000000-0000-7000-8000-000000000000']);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown-attachment');
    const notRef = await report(gridWorker, ['javascript:alert(1)']);
    expect(notRef.status).toBe(422);
  });

  it('a report naming more attachments than the per-report limit (9 by default) is 422 too-many-attachments, and attaches none', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 10; i++) refs.push((await post(await png(8 + i, 8))).body.ref);
    const res = await report(gridWorker, refs);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'too-many-attachments', field: 'data/attachments' });
    const attached = await ts.server.db.sequelize.query(`SELECT COUNT(*) AS n FROM attachments WHERE event_id IS NOT NULL AND id IN (${refs.map(() => '?').join(', ')})`, { replacements: refs.map((r) => r.slice(4)), type: QueryTypes.SELECT });
    expect(Number((attached[0] as { n: number }).n)).toBe(0);
  });

  it('the handler resolves with result photos, which the reporter then sees; a resolution may not take another person\u2019s upload', async () => {
    const scene = await post(await phonePhoto());
    const created = (await report(gridWorker, [scene.body.ref])).body.event;
    const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
    const act = (action: string, token: string, body: unknown) => ts.request('POST', `/api/v1/counties/demo/events/${created.id}/actions/${action}`, { token, body });
    expect((await act('accept', handler, { version: 1 })).status).toBe(200);
    const stranger = await post(await png(10, 10));
    const refused = await act('resolve', handler, { version: 2, input: { feedback: '已调解', attachments: [stranger.body.ref] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('input/attachments/0');
    const result = await post(await png(40, 40), handler);
    const bad = await act('resolve', handler, { version: 2, input: { feedback: '已调解', attachments: 'not-a-list' } });
    expect(bad.status).toBe(400);
    const resolved = await act('resolve', handler, { version: 2, input: { feedback: '已调解', attachments: [result.body.ref] } });
    expect(resolved.status).toBe(200);
    const detail = await ts.request('GET', `/api/v1/counties/demo/events/${created.id}`, { token: gridWorker });
    const entry = detail.body.history.find((h: { action: string }) => h.action === 'resolve');
    expect(entry.detail.attachments).toEqual([result.body.ref]);
    expect(entry.detail.input).toEqual({ feedback: '已调解' });
    expect((await download(ts.url, result.body.url, gridWorker)).status).toBe(200);
  });
});
