/** `pingtai county …` and `pingtai platform token`, run as the real command line in a child process, on SQLite and PostgreSQL. */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForPlatformToken } from '../../../runtime/auth/platform-tokens';
import { actorForToken } from '../../../runtime/auth/tokens';
import { isCountyDisabled } from '../../../runtime/counties/county-status';
import { openDatabase } from '../../../runtime/db/open-database';
import { dbTargets, prepareDatabase, type PreparedDatabase } from '../support/db-targets';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

describe.each(dbTargets())('pingtai county / platform token ($name)', (target) => {
  let prepared: PreparedDatabase;
  const dbArgs = () => (prepared.databaseUrl ? ['--database-url', prepared.databaseUrl] : ['--data', prepared.dataDir]);
  const pingtai = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'runtime/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', PINGTAI_DATA: '' } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const withDb = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> => {
    const db = await openDatabase({ url: prepared.databaseUrl, dataDir: prepared.dataDir, logger: pino({ level: 'silent' }) });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  beforeAll(async () => {
    prepared = await prepareDatabase(target);
  });
  afterAll(async () => {
    await prepared?.cleanup();
  });

  it('county create makes a county from a catalog and prints its admin token and Open311 key once', async () => {
    const res = await pingtai('county', 'create', 'qingxi', '--name', '清溪县', '--catalog', 'zhejiang-four-platforms', ...dbArgs());
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('created county "qingxi" (清溪县), config version 1 active');
    const token = /county-admin token \(shown once\): (pt_\S+)/.exec(res.stdout)?.[1];
    expect(/Open311 api_key \(shown once\): o311_\S+/.test(res.stdout)).toBe(true);
    await withDb(async (db) => expect(await actorForToken(db, token!)).toMatchObject({ countyId: 'qingxi', role: 'county_admin' }));
  });

  it('county create --config takes a bundled file that extends a catalog', async () => {
    const file = join(prepared.dataDir, 'lanxi.json');
    await writeFile(file, JSON.stringify({ extends: 'zhejiang-four-platforms', county: { name: { zh: '兰溪县', en: 'Lanxi County' } } }));
    const res = await pingtai('county', 'create', 'lanxi', '--config', file, ...dbArgs());
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('created county "lanxi" (兰溪县)');
  });

  it.each([
    { name: 'a malformed id', args: ['Bad_Id', '--catalog', 'zhejiang-four-platforms'], says: '"Bad_Id" is not a county id' },
    { name: 'an unknown catalog', args: ['nocat', '--catalog', 'no-such-catalog'], says: 'catalog "no-such-catalog" does not exist (catalog)' },
    { name: 'a taken id', args: ['qingxi', '--catalog', 'zhejiang-four-platforms'], says: 'county "qingxi" already exists (id)' },
    { name: 'neither --catalog nor --config', args: ['nosource'], says: 'give either --catalog CATALOG or --config FILE' },
  ])('county create refuses $name', async ({ args, says }) => {
    const res = await pingtai('county', 'create', ...args, ...dbArgs());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(says);
  });

  it('county create lists every problem of a config that does not compile, and creates nothing', async () => {
    const file = join(prepared.dataDir, 'broken.json');
    await writeFile(file, JSON.stringify({ extends: 'zhejiang-four-platforms', county: { timeZone: 5 }, surprise: true }));
    const res = await pingtai('county', 'create', 'broken', '--config', file, ...dbArgs());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('the config does not compile');
    expect(res.stderr).toContain('/county/timeZone');
    expect((await pingtai('county', 'list', ...dbArgs())).stdout).not.toContain('broken');
  });

  it('county list, disable and enable', async () => {
    const list = await pingtai('county', 'list', ...dbArgs());
    expect(list.stdout).toMatch(/^qingxi\tactive\tv1\t\S+\t清溪县$/m);
    expect(list.stdout).toMatch(/^lanxi\tactive\tv1\t/m);
    expect((await pingtai('county', 'disable', 'qingxi', ...dbArgs())).stdout).toBe('county "qingxi" disabled\n');
    expect((await pingtai('county', 'list', ...dbArgs())).stdout).toMatch(/^qingxi\tdisabled\t/m);
    await withDb(async (db) => expect(await isCountyDisabled(db, 'qingxi')).toBe(true));
    expect((await pingtai('county', 'enable', 'qingxi', ...dbArgs())).code).toBe(0);
    await withDb(async (db) => expect(await isCountyDisabled(db, 'qingxi')).toBe(false));
    const unknown = await pingtai('county', 'disable', 'nowhere', ...dbArgs());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('county "nowhere" does not exist');
  });

  it("platform token prints a platform administrator's token", async () => {
    const res = await pingtai('platform', 'token', '--label', 'city office', ...dbArgs());
    expect(res.code).toBe(0);
    await withDb(async (db) => expect(await actorForPlatformToken(db, res.stdout.trim())).toMatchObject({ role: 'platform_admin' }));
  });
});
