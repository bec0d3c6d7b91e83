/** `pingtai account create`, run as the real command line: a county's first administrator with a temporary password printed once. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../runtime/auth/passwords';
import { openDatabase } from '../../../runtime/db/open-database';
import { startServer } from '../../../runtime/server';
import { dbTargets, prepareDatabase, type PreparedDatabase } from '../support/db-targets';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

describe.each(dbTargets())('pingtai account create ($name)', (target) => {
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
    const server = await startServer({ port: 0, dataDir: prepared.dataDir, databaseUrl: prepared.databaseUrl, logger: pino({ level: 'silent' }), loops: false, handleSignals: false, print: () => undefined });
    await server.close();
  }, 60_000);
  afterAll(async () => {
    await prepared?.cleanup();
  });

  it('creates the administrator and prints a temporary password that the stored hash accepts', async () => {
    const created = await pingtai('account', 'create', '--county', 'demo', '--name', '县管理员 王芳', '--phone', '138-0000-0099', '--role', 'county_admin', ...dbArgs());
    expect(created.code).toBe(0);
    const password = /temporary password: (\S+)/.exec(created.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    const db = await openDatabase({ url: prepared.databaseUrl, dataDir: prepared.dataDir, logger: pino({ level: 'silent' }) });
    try {
      const row = await db.models.Account.findOne({ where: { countyId: 'demo', phone: '13800000099' } });
      expect(row).toMatchObject({ name: '县管理员 王芳', role: 'county_admin', passwordChangeRequired: true });
      expect(await verifyPassword(password!, row!.passwordHash)).toBe(true);
      expect(row!.passwordHash).not.toContain(password!);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('refuses an unknown county, a bad role, a grid worker without a grid and a phone already used, naming the option', async () => {
    const county = await pingtai('account', 'create', '--county', 'nowhere', '--name', 'A', '--phone', '13800000100', '--role', 'county_admin', ...dbArgs());
    expect(county).toMatchObject({ code: 1 });
    expect(county.stderr).toContain('county "nowhere" not found');
    const role = await pingtai('account', 'create', '--county', 'demo', '--name', 'A', '--phone', '13800000100', '--role', 'mayor', ...dbArgs());
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('--role');
    const grid = await pingtai('account', 'create', '--county', 'demo', '--name', 'A', '--phone', '13800000100', '--role', 'grid_worker', ...dbArgs());
    expect(grid.stderr).toContain('--unit');
    const again = await pingtai('account', 'create', '--county', 'demo', '--name', 'B', '--phone', '13800000099', '--role', 'policy_designer', ...dbArgs());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--phone');
  }, 60_000);
});
