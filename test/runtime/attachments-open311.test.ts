/**
 * Open311 `media` (GeoReport v2): a `POST requests` sent as multipart with a photo in `media`
 * stores it as an attachment of the event, and the answers carry its `media_url`; a hostile
 * media file is refused (400 with the HTTP code in the body) and nothing is stored or created.
 */
import { QueryTypes } from 'sequelize';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOpen311Key, rotateOpen311Key } from '../../runtime/open311/api-key';
import { download, phonePhoto, storedFiles, ZIP_TAIL } from './support/attachment-fixtures';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const noise = (apiKey: string): Record<string, string> => ({
  api_key: apiKey,
  service_code: 'env-noise',
  lat: '28.6951',
  long: '118.9182',
  address_string: '凤溪村下街 12 号',
  description: '工地夜间施工，噪声很大',
  'attribute[grid]': 'qs-fx-v01-g1',
  'attribute[noiseSource]': 'construction',
  'attribute[decibel]': '78.5',
  'attribute[durationDays]': '3',
});

describe.each(dbTargets())('Open311 media ($name)', (target) => {
  let ts: TestServer;
  let prepared: PreparedDatabase;
  let apiKey: string;
  beforeAll(async () => {
    prepared = await prepareDatabase(target);
    ts = await startTestServer(target, { prepared });
    apiKey = (await ensureOpen311Key(ts.server.db, 'demo')) ?? (await rotateOpen311Key(ts.server.db, 'demo'));
  });
  afterAll(async () => {
    await ts?.close();
    await prepared?.cleanup();
  });

  const post = (fields: Record<string, string>, media?: Buffer) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (media) form.append('media', new Blob([new Uint8Array(media)], { type: 'image/jpeg' }), 'photo.jpg');
    return fetch(`${ts.url}/open311/v2/demo/requests.json`, { method: 'POST', body: form });
  };
  const counts = async () => ({
    rows: Number((await ts.server.db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM attachments', { type: QueryTypes.SELECT }))[0].n),
    events: await ts.server.db.models.Event.count({ where: { countyId: 'demo' } }),
    files: (await storedFiles(prepared.dataDir)).length,
  });

  it('a refused media file (a polyglot) is a 400 naming it, and creates nothing', async () => {
    const before = await counts();
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: 'white' } }).jpeg().toBuffer();
    const res = await post(noise(apiKey), Buffer.concat([jpeg, ZIP_TAIL]));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual([{ code: 422, description: expect.stringContaining('appended') }]);
    expect(await counts()).toEqual(before);
  });

  it('a wrong api_key with media stores nothing', async () => {
    const before = await counts();
    const res = await post(noise('wrong-key'), await phonePhoto());
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('stores the photo without EXIF, links it to the event, and answers carry media_url', async () => {
    const res = await post(noise(apiKey), await phonePhoto());
    expect(res.status).toBe(201);
    const [created] = await res.json();
    const event = await ts.server.db.models.Event.findOne({ where: { countyId: 'demo', id: created.service_request_id } });
    const ref = (event!.data as { attachments: string[] }).attachments[0];
    expect(ref).toMatch(/^att:/);
    const view = await (await fetch(`${ts.url}/open311/v2/demo/requests/${created.service_request_id}.json`)).json();
    const id = ref.slice(4);
    expect(view[0].media_url).toBe(`/api/v1/counties/demo/attachments/${id}`);
    const file = await download(ts.url, view[0].media_url, ts.adminToken);
    expect(file.status).toBe(200);
    expect((await sharp(file.bytes).metadata()).exif).toBeUndefined();
    const handler = await ts.token({ role: 'handler', unit: 'qs-ht-mkt' });
    expect((await download(ts.url, view[0].media_url, handler)).status).toBe(event!.handlingUnit === 'qs-ht-mkt' ? 200 : 404);
  });
});
