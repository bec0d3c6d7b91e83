/**
 * Tamper evidence over HTTP on SQLite (and PostgreSQL when PINGTAI_TEST_PG names one): events
 * reported, accepted and escalated, a config published and accounts created and changed all
 * verify; `pingtai audit verify` then names the row edited, inserted or deleted with raw SQL.
 * On PostgreSQL, two server processes' worth of writers (two runtimes on one database) writing
 * for one county at once still leave one chain.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { QueryTypes } from 'sequelize';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCounty } from '../../runtime/audit/chain-verifier';
import { isChainConflict } from '../../runtime/audit/chain-heads';
import * as auditMigration from '../../runtime/db/migrations/0015-audit-chain';
import { startServer, type RunningServer } from '../../runtime/server';
import { compiledCatalog } from '../helpers/catalogs';
import { catalogCase } from './support/catalog-cases';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { request, startTestServer, type TestServer } from './support/test-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

for (const target of dbTargets()) {
  describe(`audit chains (${target.name})`, () => {
    let ts: TestServer;
    let prepared: PreparedDatabase;
    let admin: string;
    const C = 'aud';
    const sql = (text: string, replacements: unknown[] = []) => ts.server.db.sequelize.query(text, { replacements, type: QueryTypes.SELECT, raw: true }) as Promise<Array<Record<string, unknown>>>;
    const exec = (text: string, replacements: unknown[] = []) => ts.server.db.sequelize.query(text, { replacements });
    const verify = async () => Object.fromEntries((await verifyCounty(ts.server.db, C)).map((r) => [r.log, r]));
    const cli = async () => {
      const dbArgs = prepared.databaseUrl ? ['--database-url', prepared.databaseUrl] : ['--data', prepared.dataDir];
      try {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', 'runtime/cli/main.ts', 'audit', 'verify', '--county', C, ...dbArgs], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', PINGTAI_DATA: '' } });
        return { code: 0, stdout };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout + e.stderr };
      }
    };
    const report = async (base = ts.url) => {
      const c = catalogCase('dispute-neighbor-to-village');
      const res = await request(base, 'POST', `/api/v1/counties/${C}/events`, { token: admin, body: { category: c.input.category, data: c.input.data } });
      expect(res.status).toBe(201);
      return res.body.event as { id: string; version: number; handlingUnit: string };
    };

    beforeAll(async () => {
      prepared = await prepareDatabase(target);
      ts = await startTestServer(target, { prepared });
      await ts.server.configs.createCounty({ id: C, name: 'Audited county', compiled: await compiledCatalog('zhejiang-four-platforms'), createdBy: 'test', now: ts.clock.now });
      admin = await ts.token({ county: C, role: 'county_admin' });
    }, 60_000);
    afterAll(async () => {
      await ts?.close();
      await prepared?.cleanup();
    });

    it('events reported, accepted and escalated, a config published, accounts created and changed: every chain verifies', async () => {
      const events = [await report(), await report(), await report()];
      const handler = await ts.token({ county: C, role: 'handler', unit: events[0].handlingUnit });
      expect((await ts.request('POST', `/api/v1/counties/${C}/events/${events[0].id}/actions/accept`, { token: handler, body: { version: events[0].version } })).status).toBe(200);
      const escalated = await ts.request('POST', `/api/v1/counties/${C}/events/${events[1].id}/actions/escalate`, { token: admin, body: { version: events[1].version, input: { reason: '超出村级处置能力' } } });
      expect(escalated.status).toBe(200);
      const draft = await ts.request('POST', `/api/v1/counties/${C}/configs`, { token: admin, body: { catalog: 'zhejiang-four-platforms' } });
      expect(draft.status).toBe(201);
      expect((await ts.request('POST', `/api/v1/counties/${C}/configs/${draft.body.version}/publish`, { token: admin })).status).toBe(200);
      const created = await ts.request('POST', `/api/v1/counties/${C}/accounts`, { token: admin, body: { name: '王芳', phone: '13800001111', role: 'handler', unit: events[0].handlingUnit } });
      expect(created.status).toBe(201);
      const id = created.body.account.id;
      expect((await ts.request('PATCH', `/api/v1/counties/${C}/accounts/${id}`, { token: admin, body: { role: 'policy_designer' } })).status).toBe(200);
      expect((await ts.request('PATCH', `/api/v1/counties/${C}/accounts/${id}`, { token: admin, body: { disabled: true } })).status).toBe(200);
      expect((await ts.request('POST', `/api/v1/counties/${C}/accounts/${id}/reset-password`, { token: admin })).status).toBe(200);

      const historyRows = Number((await sql('SELECT COUNT(*) AS n FROM event_history WHERE county_id = ?', [C]))[0].n);
      const result = await verify();
      expect(result.event).toMatchObject({ verified: historyRows, broken: null });
      expect(result.config).toMatchObject({ verified: 2, broken: null });
      expect(result.account).toMatchObject({ verified: 4, broken: null });
      const changes = await sql('SELECT action, actor_id, detail FROM account_changes WHERE county_id = ? ORDER BY seq', [C]);
      expect(changes.map((c) => c.action)).toEqual(['created', 'changed', 'disabled', 'password-reset']);
      // the log says what changed, never a password or its hash
      const stored = await ts.server.db.models.Account.findOne({ where: { countyId: C, id } });
      expect(JSON.stringify(changes)).not.toContain(stored!.passwordHash);
      expect(JSON.stringify(changes[1].detail)).toContain('policy_designer');

      const ok = await cli();
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(`event history: ${historyRows} verified`);
      expect(ok.stdout).toContain('config versions: 2 verified');
    }, 120_000);

    it('reports and actions arriving at once (intake batches and action transactions interleaved) leave one chain', async () => {
      const first = await Promise.all(Array.from({ length: 20 }, () => report()));
      const escalations = first.slice(0, 8).map((e) => ts.request('POST', `/api/v1/counties/${C}/events/${e.id}/actions/escalate`, { token: admin, body: { version: e.version, input: { reason: 'x' } } }));
      const answers = await Promise.all([...escalations, ...Array.from({ length: 20 }, () => report())]);
      expect(answers.slice(0, 8).every((r) => (r as { status: number }).status === 200)).toBe(true);
      const historyRows = Number((await sql('SELECT COUNT(*) AS n FROM event_history WHERE county_id = ?', [C]))[0].n);
      expect((await verify()).event).toMatchObject({ verified: historyRows, broken: null });
    }, 60_000);

    it('an event history row edited with raw SQL: verify exits 1 naming the event, the entry and "edited"', async () => {
      const [row] = await sql('SELECT event_id, seq, action, chain_seq FROM event_history WHERE county_id = ? ORDER BY chain_seq LIMIT 1 OFFSET 2', [C]);
      await exec("UPDATE event_history SET action = 'close' WHERE county_id = ? AND event_id = ? AND seq = ?", [C, row.event_id, row.seq]);
      const broken = await cli();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`event history: BROKEN after 2 verified: edited: event ${String(row.event_id)} history #${String(row.seq)}`);
      expect(broken.stdout).toContain('config versions: 2 verified');
      // the county administrator sees the same over the API; no one else may ask
      const api = await ts.request('GET', `/api/v1/counties/${C}/audit/verify`, { token: admin });
      expect(api.status).toBe(200);
      expect(api.body.intact).toBe(false);
      expect(api.body.logs.find((l: { log: string }) => l.log === 'event').broken).toMatchObject({ kind: 'edited', entry: `event ${String(row.event_id)} history #${String(row.seq)}`, chainSeq: Number(row.chain_seq) });
      const dispatcher = await ts.token({ county: C, role: 'dispatcher', unit: 'qs-fx-cmd' });
      expect((await ts.request('GET', `/api/v1/counties/${C}/audit/verify`, { token: dispatcher })).status).toBe(403);
      await exec('UPDATE event_history SET action = ? WHERE county_id = ? AND event_id = ? AND seq = ?', [row.action, C, row.event_id, row.seq]);
      expect((await verify()).event.broken).toBeNull();
      expect((await ts.request('GET', `/api/v1/counties/${C}/audit/verify`, { token: admin })).body.intact).toBe(true);
    }, 60_000);

    it('a published version or an account change edited, a history row inserted around the application: each named', async () => {
      await exec("UPDATE config_versions SET created_by = 'mallory' WHERE county_id = ? AND version = 1", [C]);
      const [{ detail }] = await sql('SELECT detail FROM account_changes WHERE county_id = ? AND seq = 2', [C]);
      await exec("UPDATE account_changes SET detail = '{}' WHERE county_id = ? AND seq = 2", [C]);
      const [copy] = await sql('SELECT * FROM event_history WHERE county_id = ? ORDER BY chain_seq LIMIT 1', [C]);
      await exec('INSERT INTO event_history (county_id, event_id, seq, at, actor_id, actor_role, action, from_state, to_state, rule_id, detail) VALUES (?, ?, 99, ?, ?, ?, ?, ?, ?, ?, ?)', [
        C, copy.event_id, copy.at, copy.actor_id, copy.actor_role, 'close', null, 'closed', null, '{}',
      ]);
      const result = await verify();
      expect(result.config.broken).toMatchObject({ kind: 'edited', entry: 'version 1', chainSeq: 1 });
      expect(result.account.broken).toMatchObject({ kind: 'edited', chainSeq: 2 });
      expect(result.account.broken!.entry).toMatch(/^account change #2 \(changed of account /);
      expect(result.event.broken).toMatchObject({ kind: 'inserted', entry: `event ${String(copy.event_id)} history #99` });
      await exec("UPDATE config_versions SET created_by = 'test' WHERE county_id = ? AND version = 1", [C]);
      await exec('DELETE FROM event_history WHERE county_id = ? AND seq = 99', [C]);
      await exec('UPDATE account_changes SET detail = ? WHERE county_id = ? AND seq = 2', [typeof detail === 'string' ? detail : JSON.stringify(detail), C]);
      expect((await verify()).account.broken).toBeNull();
      expect((await verify()).config.broken).toBeNull();
    });

    it('a history row deleted: verify names the gap and the entry after it; the last one deleted: the head names it', async () => {
      const rows = await sql('SELECT event_id, seq, chain_seq FROM event_history WHERE county_id = ? ORDER BY chain_seq', [C]);
      const [gone, next] = [rows[3], rows[4]];
      await exec('DELETE FROM event_history WHERE county_id = ? AND event_id = ? AND seq = ?', [C, gone.event_id, gone.seq]);
      const broken = await cli();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`event history: BROKEN after 3 verified: deleted: event ${String(next.event_id)} history #${String(next.seq)}: entry 4 is missing`);
      const last = rows[rows.length - 1];
      await exec('DELETE FROM account_changes WHERE county_id = ? AND seq = 4', [C]);
      await exec('DELETE FROM event_history WHERE county_id = ? AND chain_seq = ?', [C, last.chain_seq]);
      const result = await verify();
      expect(result.account.broken).toMatchObject({ kind: 'deleted', chainSeq: 4 });
      expect(result.account.broken!.message).toContain('the last entry is missing');
    }, 60_000);

    it('a database from before the chains: migration 0015 chains the rows already there, and they verify', async () => {
      const qi = ts.server.db.sequelize.getQueryInterface();
      await auditMigration.down({ context: qi });
      await auditMigration.up({ context: qi });
      const history = Number((await sql('SELECT COUNT(*) AS n FROM event_history WHERE county_id = ?', [C]))[0].n);
      const accounts = Number((await sql('SELECT COUNT(*) AS n FROM accounts WHERE county_id = ?', [C]))[0].n);
      const result = await verify();
      expect(result.event).toMatchObject({ verified: history, broken: null });
      expect(result.config).toMatchObject({ verified: 2, broken: null });
      expect(result.account).toMatchObject({ verified: accounts, broken: null });
      expect((await sql('SELECT DISTINCT action FROM account_changes WHERE county_id = ?', [C])).map((r) => r.action)).toEqual(['recorded']);
      // and the runtime goes on appending to the chains the migration built
      await report();
      const after = Number((await sql('SELECT COUNT(*) AS n FROM event_history WHERE county_id = ?', [C]))[0].n);
      expect(after).toBeGreaterThan(history);
      expect((await verify()).event).toMatchObject({ verified: after, broken: null });
    }, 60_000);
  });
}

describe.skipIf(!process.env.PINGTAI_TEST_PG)('audit chains under concurrent writers (postgres)', () => {
  let prepared: PreparedDatabase;
  let a: TestServer;
  let b: RunningServer;

  beforeAll(async () => {
    prepared = await prepareDatabase({ name: 'postgres', url: process.env.PINGTAI_TEST_PG! });
    a = await startTestServer({ name: 'postgres', url: process.env.PINGTAI_TEST_PG! }, { prepared });
    // a second runtime on the same database: its own pool, its own intake writer and chain heads
    b = await startServer({ port: 0, dataDir: prepared.dataDir, databaseUrl: prepared.databaseUrl, now: () => a.clock.now, logger: pino({ level: 'silent' }), loops: false, handleSignals: false, print: () => undefined });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await prepared?.cleanup();
  });

  it('a runtime whose remembered head another one moved: its batch is refused at commit, written again after the locked head, and the chain verifies', async () => {
    const c = catalogCase('dispute-neighbor-to-village');
    const body = { category: c.input.category, data: c.input.data };
    const send = (base: string) => request(base, 'POST', '/api/v1/counties/demo/events', { token: a.adminToken, body });
    let conflicts = 0;
    const write = b.db.writeBatch;
    b.db.writeBatch = (async (fn: Parameters<typeof write>[0], opts?: Parameters<typeof write>[1]) => {
      try {
        return await write(fn, opts);
      } catch (err) {
        if (isChainConflict(err)) conflicts++;
        throw err;
      }
    }) as typeof write;
    try {
      expect((await send(b.url)).status).toBe(201); // b learns the head
      expect((await send(a.url)).status).toBe(201); // a moves it
      expect((await send(b.url)).status).toBe(201); // b links after what it remembers: refused, then written after the locked head
      expect(conflicts).toBe(1);
    } finally {
      b.db.writeBatch = write;
    }
    expect((await verifyCounty(a.server.db, 'demo')).find((r) => r.log === 'event')!.broken).toBeNull();
  }, 60_000);

  it('reports and actions sent to two runtimes at once leave one chain per county that verifies', async () => {
    const c = catalogCase('dispute-neighbor-to-village');
    const body = { category: c.input.category, data: c.input.data };
    const send = (base: string) => request(base, 'POST', '/api/v1/counties/demo/events', { token: a.adminToken, body });
    const first = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i % 2 === 0 ? a.url : b.url)));
    expect(first.every((r) => r.status === 201)).toBe(true);
    const escalations = first.slice(0, 10).map((r, i) =>
      request(i % 2 === 0 ? a.url : b.url, 'POST', `/api/v1/counties/demo/events/${r.body.event.id}/actions/escalate`, { token: a.adminToken, body: { version: r.body.event.version, input: { reason: 'x' } } }),
    );
    const more = Array.from({ length: 40 }, (_, i) => send(i % 2 === 0 ? b.url : a.url));
    const answers = await Promise.all([...escalations, ...more]);
    expect(answers.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const [{ n }] = (await a.server.db.sequelize.query("SELECT COUNT(*) AS n FROM event_history WHERE county_id = 'demo'", { type: QueryTypes.SELECT })) as Array<{ n: string }>;
    const result = await verifyCounty(b.db, 'demo');
    expect(result.find((r) => r.log === 'event')).toMatchObject({ verified: Number(n), broken: null });
    expect(Number(n)).toBeGreaterThanOrEqual(80 * 2 + 10);
  }, 120_000);
});
