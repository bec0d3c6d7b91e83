/**
 * Contract: migrations are idempotent, readiness waits for them, and a restart on the same
 * database keeps every row and does not seed again.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigRepository } from '../../../runtime/db/config-repository';
import { openDatabase } from '../../../runtime/db/open-database';
import { createApp } from '../../../runtime/http/app';
import { createMetrics } from '../../../runtime/metrics/metrics';
import { catalogCase } from './catalog-cases';
import { prepareDatabase, type DbTarget, type PreparedDatabase } from './db-targets';
import { request, startTestServer } from './test-server';
import { MIGRATIONS } from '../../../runtime/db/migrations/index';

/** Every migration's name, in order. */
const ALL_MIGRATIONS = MIGRATIONS.map((m) => m.name);

const silent = pino({ level: 'silent' });

export function lifecycleContract(target: DbTarget): void {
  describe(`migrations and restarts (${target.name})`, () => {
    let prepared: PreparedDatabase;
    beforeAll(async () => {
      prepared = await prepareDatabase(target);
    });
    afterAll(async () => {
      await prepared?.cleanup();
    });

    it('/readyz is 503 until the migrations ran, then 200; migrating again changes nothing', async () => {
      const db = await openDatabase({ url: prepared.databaseUrl, dataDir: prepared.dataDir, logger: silent });
      const app = createApp({ db, configs: new ConfigRepository(db), metrics: createMetrics({ db, defaultMetrics: false }), logger: silent, now: Date.now });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      try {
        const before = await request(base, 'GET', '/readyz');
        expect(before.status).toBe(503);
        expect(before.body).toMatchObject({ status: 'not-ready', pending: ALL_MIGRATIONS });
        expect(await db.migrate()).toEqual(ALL_MIGRATIONS);
        expect(await db.migrate()).toEqual([]);
        expect(await db.pendingMigrations()).toEqual([]);
        expect((await request(base, 'GET', '/readyz')).status).toBe(200);
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await db.close();
      }
    });

    it('a restart keeps events and tokens and does not seed the demo county again', async () => {
      const first = await startTestServer(target, { prepared });
      const c = catalogCase('fraud-default');
      first.clock.set(c.input.at);
      const created = await first.request('POST', '/api/v1/counties/demo/events', { token: first.adminToken, body: { category: c.input.category, data: c.input.data } });
      expect(created.status).toBe(201);
      expect(first.server.demoToken).toBeDefined();
      await first.close();

      const second = await startTestServer(target, { prepared });
      try {
        expect(second.server.demoToken).toBeUndefined();
        expect(await second.server.db.models.County.count()).toBe(1);
        const fetched = await second.request('GET', `/api/v1/counties/demo/events/${created.body.event.id}`, { token: first.adminToken });
        expect(fetched.status).toBe(200);
        expect({ ...fetched.body.event, explanation: undefined }).toEqual(created.body.event);
      } finally {
        await second.close();
      }
    });
  });
}
