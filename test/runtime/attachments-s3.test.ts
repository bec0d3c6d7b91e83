/**
 * The S3-compatible store, against an s3rver the test starts on 127.0.0.1: uploads land in the
 * bucket (not the data folder), are served back, and a refused upload leaves no object.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../runtime/auth/tokens';
import { startServer, type RunningServer } from '../../runtime/server';
import { download, phonePhoto, storedFiles, upload, ZIP_TAIL } from './support/attachment-fixtures';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';

const BUCKET = 'pingtai-test';

async function objectsIn(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, BUCKET), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('._S3rver_object')).map((e) => join(e.parentPath, e.name));
}

describe.each(dbTargets())('attachments in an S3-compatible store ($name)', (target) => {
  let s3: S3rver;
  let s3Dir: string;
  let prepared: PreparedDatabase;
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'pingtai-s3-'));
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = await s3.run();
    prepared = await prepareDatabase(target);
    server = await startServer({
      port: 0,
      dataDir: prepared.dataDir,
      databaseUrl: prepared.databaseUrl,
      logger: pino({ level: 'silent' }),
      loops: false,
      handleSignals: false,
      webhooks: {},
      print: () => undefined,
      attachments: { s3: { endpoint: `http://127.0.0.1:${port}`, bucket: BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } },
    });
    token = (await createToken(server.db, { county: 'demo', role: 'grid_worker', unit: 'qs-fx-v01-g1' })).token;
  });
  afterAll(async () => {
    await server?.close();
    await s3?.close();
    await prepared?.cleanup();
    await rm(s3Dir, { recursive: true, force: true });
  });

  it('stores the photo and its thumbnail in the bucket, none in the data folder, and serves them back', async () => {
    const res = await upload(server.url, '/api/v1/counties/demo/attachments', { token, file: await phonePhoto() });
    expect(res.status).toBe(201);
    expect(await objectsIn(s3Dir)).toHaveLength(2);
    expect(await storedFiles(prepared.dataDir)).toEqual([]);
    const file = await download(server.url, res.body.url, token);
    expect(file.status).toBe(200);
    expect(file.bytes.length).toBe(res.body.size);
    expect((await sharp(file.bytes).metadata()).exif).toBeUndefined();
    expect((await download(server.url, res.body.thumbnail, token)).status).toBe(200);
  });

  it('a polyglot is refused and leaves no object behind', async () => {
    const before = await objectsIn(s3Dir);
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: 'white' } }).jpeg().toBuffer();
    const res = await upload(server.url, '/api/v1/counties/demo/attachments', { token, file: Buffer.concat([jpeg, ZIP_TAIL]) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('trailing-data');
    expect(await objectsIn(s3Dir)).toEqual(before);
  });
});
