/**
 * Hostile uploads, on SQLite and PostgreSQL: each is refused with a 4xx JSON error naming what is
 * wrong, and leaves nothing behind — no file in the store, no row in the database.
 */
import { QueryTypes } from 'sequelize';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';
import { HTML_TAIL, ZIP_TAIL, pngBomb, storedFiles, tinyMp4, upload } from './support/attachment-fixtures';

const MiB = 1024 * 1024;

describe.each(dbTargets())('hostile attachments ($name)', (target) => {
  let ts: TestServer;
  let prepared: PreparedDatabase;
  let gridWorker: string;
  let jpeg: Buffer;
  let pngImage: Buffer;
  beforeAll(async () => {
    prepared = await prepareDatabase(target);
    ts = await startTestServer(target, { prepared });
    gridWorker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    jpeg = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 10, g: 200, b: 90 } } }).jpeg().toBuffer();
    pngImage = await sharp({ create: { width: 50, height: 50, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
  });
  afterAll(async () => {
    await ts?.close();
    await prepared?.cleanup();
  });

  const rows = async () => (await ts.server.db.sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM attachments', { type: QueryTypes.SELECT }))[0].n;

  const cases: Array<{ name: string; file: () => Buffer; status: number; code: string; type?: string; name2?: string }> = [
    { name: 'larger than the per-file limit (20 MiB by default)', file: () => Buffer.concat([jpeg, Buffer.alloc(21 * MiB)]), status: 413, code: 'payload-too-large' },
    { name: 'an HTML page named photo.jpg and sent as image/jpeg', file: () => HTML_TAIL, status: 415, code: 'type-not-allowed' },
    { name: 'a ZIP archive', file: () => ZIP_TAIL, status: 415, code: 'type-not-allowed' },
    { name: 'a PDF', file: () => Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), status: 415, code: 'type-not-allowed' },
    { name: 'an SVG (script-capable image)', file: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), status: 415, code: 'type-not-allowed' },
    { name: 'a GIF (not an allowed type)', file: () => Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'), status: 415, code: 'type-not-allowed' },
    { name: 'an empty file', file: () => Buffer.alloc(0), status: 422, code: 'empty-file' },
    { name: 'a truncated JPEG (cut in the middle)', file: () => jpeg.subarray(0, Math.floor(jpeg.length / 2)), status: 422, code: 'truncated' },
    { name: 'a truncated PNG (no IEND)', file: () => pngImage.subarray(0, pngImage.length - 12), status: 422, code: 'truncated' },
    { name: 'a JPEG with a ZIP appended (polyglot)', file: () => Buffer.concat([jpeg, ZIP_TAIL]), status: 422, code: 'trailing-data' },
    { name: 'a JPEG with an HTML page appended (polyglot)', file: () => Buffer.concat([jpeg, HTML_TAIL]), status: 422, code: 'trailing-data' },
    { name: 'a JPEG followed by a second JPEG', file: () => Buffer.concat([jpeg, jpeg]), status: 422, code: 'trailing-data' },
    { name: 'a PNG with a ZIP appended (polyglot)', file: () => Buffer.concat([pngImage, ZIP_TAIL]), status: 422, code: 'trailing-data' },
    { name: 'an MP4 with HTML appended (polyglot)', file: () => Buffer.concat([tinyMp4(), HTML_TAIL]), status: 422, code: 'trailing-data' },
    { name: 'an MP4 whose last box runs past the end (truncated)', file: () => tinyMp4().subarray(0, 200), status: 422, code: 'truncated' },
    { name: 'a tiny PNG declaring 50000×50000 pixels (decompression bomb)', file: () => pngBomb(50_000), status: 422, code: 'too-many-pixels' },
  ];

  it.each(cases)('refuses $name with $status $code, storing nothing', async ({ file, status, code }) => {
    const res = await upload(ts.url, '/api/v1/counties/demo/attachments', { token: gridWorker, file: file(), name: 'photo.jpg', type: 'image/jpeg' });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, field: expect.any(String), message: expect.any(String) });
    expect(Number(await rows())).toBe(0);
    expect(await storedFiles(prepared.dataDir)).toEqual([]);
  });

  it.each([
    { name: 'a JSON body', send: () => fetch(`${ts.url}/api/v1/counties/demo/attachments`, { method: 'POST', headers: { authorization: `Bearer ${gridWorker}`, 'content-type': 'application/json' }, body: '{"file":"x"}' }), status: 415, code: 'unsupported-media-type' },
    { name: 'a multipart body without a boundary', send: () => fetch(`${ts.url}/api/v1/counties/demo/attachments`, { method: 'POST', headers: { authorization: `Bearer ${gridWorker}`, 'content-type': 'multipart/form-data' }, body: 'x' }), status: 400, code: 'bad-multipart' },
    { name: 'a multipart body cut short', send: () => fetch(`${ts.url}/api/v1/counties/demo/attachments`, { method: 'POST', headers: { authorization: `Bearer ${gridWorker}`, 'content-type': 'multipart/form-data; boundary=XyZ' }, body: '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8\xff' }), status: 400, code: 'bad-multipart' },
    { name: 'no file part', send: () => upload(ts.url, '/api/v1/counties/demo/attachments', { token: gridWorker }), status: 422, code: 'missing-file' },
    { name: 'the file in another part', send: () => upload(ts.url, '/api/v1/counties/demo/attachments', { token: gridWorker, file: jpeg, field: 'photo' }), status: 400, code: 'unexpected-file' },
    { name: 'two files', send: () => upload(ts.url, '/api/v1/counties/demo/attachments', { token: gridWorker, file: jpeg, extra: [['file', jpeg]] }), status: 400, code: 'unexpected-file' },
  ])('refuses $name with $status $code, storing nothing', async ({ send, status, code }) => {
    const res = await send();
    const body = res instanceof Response ? await res.json() : res.body;
    expect(res.status).toBe(status);
    expect(body.error.code).toBe(code);
    expect(Number(await rows())).toBe(0);
    expect(await storedFiles(prepared.dataDir)).toEqual([]);
  });

  it('refuses an upload without a token (401), by a policy designer (403) and into another county (404), storing nothing', async () => {
    expect((await upload(ts.url, '/api/v1/counties/demo/attachments', { token: 'pt_nonsense', file: jpeg })).status).toBe(401);
    const designer = await ts.token({ role: 'policy_designer' });
    expect((await upload(ts.url, '/api/v1/counties/demo/attachments', { token: designer, file: jpeg })).status).toBe(403);
    expect((await upload(ts.url, '/api/v1/counties/elsewhere/attachments', { token: gridWorker, file: jpeg })).status).toBe(404);
    expect(Number(await rows())).toBe(0);
    expect(await storedFiles(prepared.dataDir)).toEqual([]);
  });

  it('the server still takes a good photo afterwards', async () => {
    const res = await upload(ts.url, '/api/v1/counties/demo/attachments', { token: gridWorker, file: jpeg });
    expect(res.status).toBe(201);
    expect(Number(await rows())).toBe(1);
  });
});
