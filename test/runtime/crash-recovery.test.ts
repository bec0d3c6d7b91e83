/**
 * Crash safety: a server process killed with SIGKILL in the middle of a stream of intakes loses
 * nothing it acknowledged — every event answered 201 is there after a restart, with its history,
 * timers and notifications (they were written in the same transaction). Then SIGTERM shuts the
 * restarted server down gracefully.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../runtime/db/open-database';
import { catalogCase } from './support/catalog-cases';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { request } from './support/test-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Child {
  proc: ChildProcess;
  url: string;
  token?: string;
  output: () => string;
}

async function spawnServer(prepared: PreparedDatabase): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', PINGTAI_DATA: prepared.dataDir, DATABASE_URL: prepared.databaseUrl ?? '', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (chunk) => (out += chunk));
  proc.stderr!.on('data', (chunk) => (out += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
    if (url) return { proc, url, token: /\(shown once\): (pt_\S+)/.exec(out)?.[1], output: () => out };
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not start:\n${out}`);
}

describe.each(dbTargets())('crash recovery ($name)', (target) => {
  const children: ChildProcess[] = [];
  let prepared: PreparedDatabase | undefined;
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await prepared?.cleanup();
  });

  it('every event acknowledged with 201 survives kill -9 with its history, timers and notifications', async () => {
    prepared = await prepareDatabase(target);
    const first = await spawnServer(prepared);
    children.push(first.proc);
    expect(first.token).toMatch(/^pt_/);
    const token = first.token!;
    const sample = catalogCase('dispute-neighbor-to-village');

    const acknowledged: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const res = await request(first.url, 'POST', '/api/v1/counties/demo/events', { token, body: { category: sample.input.category, data: sample.input.data } });
          if (res.status === 201) acknowledged.push(res.body.event.id);
          else throw new Error(`unexpected ${res.status}: ${res.text}`);
        } catch (err) {
          if (stop || first.proc.exitCode !== null || first.proc.signalCode !== null) return;
          if ((err as Error).message.startsWith('unexpected')) throw err;
          return; // connection reset by the kill
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 20));
    first.proc.kill('SIGKILL');
    await once(first.proc, 'exit');
    stop = true;
    await Promise.all(workers);
    expect(first.proc.signalCode).toBe('SIGKILL');

    const second = await spawnServer(prepared);
    children.push(second.proc);
    expect(second.token).toBeUndefined();
    for (const id of acknowledged) {
      const res = await request(second.url, 'GET', `/api/v1/counties/demo/events/${id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body.timers.length).toBe(res.body.event.sla.timers.length);
      expect(res.body.timers.length).toBeGreaterThan(0);
    }
    const db = await openDatabase({ url: prepared.databaseUrl, dataDir: prepared.dataDir, logger: pino({ level: 'silent' }) });
    try {
      for (const id of acknowledged) {
        expect(await db.models.EventHistory.count({ where: { countyId: 'demo', eventId: id } })).toBe(2);
        expect(await db.models.Outbox.count({ where: { countyId: 'demo', eventId: id } })).toBeGreaterThan(0);
      }
      // Nothing half-written either: every stored event has its two history entries.
      const events = await db.models.Event.count({ where: { countyId: 'demo' } });
      expect(await db.models.EventHistory.count({ where: { countyId: 'demo' } })).toBe(events * 2);
    } finally {
      await db.close();
    }

    second.proc.kill('SIGTERM');
    const [code] = await once(second.proc, 'exit');
    expect(code, second.output()).toBe(0);
  });
});
