/** `pingtai backtest`, run as the real command line on SQLite: a run under a file, its summary and id, reopened with `show`; bad input named. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../engine/index';
import { miniCounty } from '../../fixtures/mini-county';
import { prepareDatabase, type PreparedDatabase } from '../support/db-targets';
import { startTestServer } from '../support/test-server';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);
const MONDAY = Date.parse('2026-06-15T10:00:00+08:00');

describe('pingtai backtest (sqlite)', () => {
  let prepared: PreparedDatabase;
  let dir: string;
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
    prepared = await prepareDatabase({ name: 'sqlite' });
    dir = await mkdtemp(path.join(tmpdir(), 'pingtai-backtest-'));
    const ts = await startTestServer({ name: 'sqlite' }, { prepared });
    ts.clock.now = MONDAY - 86_400_000;
    const compiled = compile(miniCounty());
    if (!compiled.ok) throw new Error('mini county does not compile');
    await ts.server.configs.createCounty({ id: 'bt', name: 'Backtest county', compiled: compiled.value, createdBy: 'test', now: ts.clock.now });
    const admin = await ts.token({ county: 'bt', role: 'county_admin' });
    for (let i = 0; i < 3; i++) {
      ts.clock.now = MONDAY + i * 3_600_000;
      const res = await ts.request('POST', '/api/v1/counties/bt/events', { token: admin, body: { category: 'A01', source: 'grid_worker', data: { description: '噪音', location: { grid: 't1-v1-g1' }, peopleAffected: 2 } } });
      expect(res.status).toBe(201);
    }
    await ts.close();
    // the same county with neighbour disputes routed to the governance platform
    const config = miniCounty();
    config.rules.find((r) => r.id === 'r-village')!.event = { type: 'route', params: { target: { type: 'platform', platform: 'governance' } } };
    await writeFile(path.join(dir, 'changed.json'), JSON.stringify(config));
    await writeFile(path.join(dir, 'broken.json'), JSON.stringify({ ...config, rules: [{ id: 'x' }] }));
  }, 60_000);
  afterAll(async () => {
    await prepared?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('replays the period under a file, prints the summary and the id, and shows the saved run again', async () => {
    const out = await pingtai('backtest', '--county', 'bt', '--file', path.join(dir, 'changed.json'), '--from', '2026-06-15', '--to', '2026-06-15', '--db', prepared.dataDir);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('events: 3 of 3; changed 3; could not decide 0');
    expect(out.stdout).toContain('t1-v1 -> t1-gov: 3');
    expect(out.stderr).toMatch(/backtest: 100% 3 \/ 3 events, 3 changed/);
    const id = /run id: (\S+)/.exec(out.stdout)?.[1];
    expect(id).toBeDefined();
    const shown = await pingtai('backtest', 'show', id!, '--county', 'bt', '--changes', '1', '--db', prepared.dataDir);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`backtest ${id}: done`);
    expect(shown.stdout).toContain('t1-v1 -> t1-gov: 3');
    expect(shown.stdout).toMatch(/A01 t1: unit\n  before: level 1, t1-v1, /);
  });

  it('names the option or the file and pointer of bad input, and starts nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--version', '1', '--from', '2026-06-20', '--to', '2026-06-15'], /--to: "from" must come before "to"/],
      [['--version', '7', '--from', '2026-06-15', '--to', '2026-06-15'], /--version: published config version 7 not found/],
      [['--from', '2026-06-15', '--to', '2026-06-15'], /exactly one of --config DRAFT, --version N or --file PATH/],
      [['--file', path.join(dir, 'broken.json'), '--from', '2026-06-15', '--to', '2026-06-15'], /--file: the config does not compile:\n.*broken\.json: \/rules\/0: /],
    ];
    for (const [args, message] of cases) {
      const out = await pingtai('backtest', '--county', 'bt', ...args, '--db', prepared.dataDir);
      expect({ args, code: out.code, stderr: out.stderr }).toMatchObject({ args, code: 2, stderr: expect.stringMatching(message) });
    }
  });
});
