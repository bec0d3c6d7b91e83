/** The runtime's CLI commands, run as the real `pingtai` command line in a child process. */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForToken } from '../../../runtime/auth/tokens';
import { DataDirInUseError, PID_FILE } from '../../../runtime/db/data-lock';
import { openDatabase } from '../../../runtime/db/open-database';
import { startServer } from '../../../runtime/server';
import { dbTargets, prepareDatabase, type PreparedDatabase } from '../support/db-targets';
import { MIGRATIONS } from '../../../runtime/db/migrations/index';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

describe.each(dbTargets())('pingtai migrate / token create ($name)', (target) => {
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
  beforeAll(async () => {
    prepared = await prepareDatabase(target);
  });
  afterAll(async () => {
    await prepared?.cleanup();
  });

  it('migrate applies the migrations once, then reports the database up to date', async () => {
    expect(await pingtai('migrate', ...dbArgs())).toMatchObject({ code: 0, stdout: `applied: ${MIGRATIONS.map((m) => m.name).join(', ')}\n` });
    expect(await pingtai('migrate', ...dbArgs())).toMatchObject({ code: 0, stdout: 'database is up to date\n' });
  });

  it('token create refuses an unknown county and an unknown role', async () => {
    const county = await pingtai('token', 'create', '--county', 'nowhere', '--role', 'handler', ...dbArgs());
    expect(county.code).toBe(1);
    expect(county.stderr).toContain('county "nowhere" does not exist');
    const role = await pingtai('token', 'create', '--county', 'nowhere', '--role', 'mayor', ...dbArgs());
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('role "mayor"');
  });

  it('token create prints a token bound to the county, role and unit', async () => {
    const server = await startServer({ port: 0, dataDir: prepared.dataDir, databaseUrl: prepared.databaseUrl, logger: pino({ level: 'silent' }), loops: false, handleSignals: false, print: () => undefined });
    await server.close();
    const created = await pingtai('token', 'create', '--county', 'demo', '--role', 'handler', '--unit', 'qs-fx-v01', '--label', 'village tablet', ...dbArgs());
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
    const db = await openDatabase({ url: prepared.databaseUrl, dataDir: prepared.dataDir, logger: pino({ level: 'silent' }) });
    try {
      expect(await actorForToken(db, token)).toMatchObject({ countyId: 'demo', role: 'handler', unit: 'qs-fx-v01' });
    } finally {
      await db.close();
    }
  });

  it.each([
    { name: 'a handler without a unit', args: ['--role', 'handler'], says: 'a handler token needs --unit' },
    { name: 'a grid worker without a grid', args: ['--role', 'grid_worker'], says: 'a grid_worker token needs --unit: the grid' },
    { name: 'a unit the county does not have', args: ['--role', 'dispatcher', '--unit', 'no-such-unit'], says: 'unit "no-such-unit" is not a unit of county "demo"' },
    { name: "a grid worker whose unit is not a grid", args: ['--role', 'grid_worker', '--unit', 'qs-fx-v01'], says: "a grid worker's unit must be a grid" },
  ])('token create refuses $name (the county exists from the test before)', async ({ args, says }) => {
    const res = await pingtai('token', 'create', '--county', 'demo', ...args, ...dbArgs());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(says);
    expect(res.stdout).toBe('');
  });
});

describe('one server per SQLite data folder', () => {
  const quiet = { port: 0, logger: pino({ level: 'silent' }), loops: false, handleSignals: false, print: () => undefined } as const;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pingtai-lock-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a second server on the folder is refused, by the API and by `pingtai serve`, until the first stops', async () => {
    const first = await startServer({ ...quiet, dataDir: dir });
    try {
      expect(readFileSync(join(dir, PID_FILE), 'utf8')).toBe(`${process.pid}\n`);
      await expect(startServer({ ...quiet, dataDir: dir })).rejects.toThrow(new DataDirInUseError(dir, process.pid).message);
      const { code, stderr } = await run(process.execPath, ['--import', 'tsx', 'runtime/cli/main.ts', 'serve', '--data', dir, '--port', '0'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '' } }).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => err,
      );
      expect(code).toBe(1);
      expect(stderr).toBe(`error: the data folder ${dir} is already served by pingtai process ${process.pid}: SQLite serves one process (stop that one, or use PostgreSQL with DATABASE_URL for several)\n`);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, PID_FILE))).toBe(false);
    const again = await startServer({ ...quiet, dataDir: dir });
    await again.close();
  });

  it('the lock of a server killed with SIGKILL is free: the next server starts', async () => {
    const env = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', PINGTAI_DATA: dir, PORT: '0', HOST: '127.0.0.1' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        if (out.includes('pingtai listening on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the server exited with ${code} before it listened`)));
    });
    await expect(startServer({ ...quiet, dataDir: dir })).rejects.toThrow(new DataDirInUseError(dir, child.pid!).message);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // the killed server's pid file is still there; the lock is not
    expect(readFileSync(join(dir, PID_FILE), 'utf8')).toBe(`${child.pid}\n`);
    const server = await startServer({ ...quiet, dataDir: dir });
    try {
      expect(readFileSync(join(dir, PID_FILE), 'utf8')).toBe(`${process.pid}\n`);
    } finally {
      await server.close();
    }
  });
});
