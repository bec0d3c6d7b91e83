/**
 * Early warning over real HTTP, on SQLite and PostgreSQL: a count threshold raised at the Nth
 * report (and not again at the N+1th) to the township's command room and through the outbox;
 * who sees and who acknowledges which alert; the acknowledgement audited, a second one a 409; bad
 * parameters refused naming the field; and the daily aberration test on generated data — a steady
 * series stays within 1 false alarm per 100 area-days, a tripling is caught on its day, and two
 * jobs run a county's day once.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAberrationJob } from '../../runtime/alerts/aberration-job';
import { insertRows } from '../../runtime/db/raw-sql';
import { newId } from '../../runtime/db/ids';
import type { Model, ModelStatic } from 'sequelize';
import { seeded } from '../fixtures/seeded';
import { dbTargets } from './support/db-targets';
import { startTestServer, testClock, type TestServer } from './support/test-server';

const DATA = {
  reporterName: '网格员',
  reporterPhone: '13957100137',
  location: { grid: 'qs-fx-v01-g1', address: '凤溪村' },
  description: '两户邻居因夜间装修噪音发生口角，需村调委会调解。',
  disputeType: 'noise',
  partiesCount: 2,
  hazard: 'low',
  mediatedOnSite: false,
  mediationAttempts: 0,
};
const GRID_RULE = 'grid-same-category-24h';
const DAY = 86_400_000;

/** Poisson(λ) by inversion (λ ≤ ~30). */
function poisson(random: () => number, lambda: number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const u = random();
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

describe.each(dbTargets())('alerts ($name)', (target) => {
  let ts: TestServer;
  const tokens: Record<string, string> = {};
  const alerts = (query = '', token = ts.adminToken, county = 'demo') => ts.request('GET', `/api/v1/counties/${county}/alerts${query}`, { token });
  const report = async (data: unknown = DATA, category = 'dispute-neighbor') => {
    const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: tokens.worker, body: { category, data } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ts.clock.advanceHours(0.1);
    return res.body.event.id as string;
  };

  beforeAll(async () => {
    ts = await startTestServer(target, { clock: testClock('2026-03-10T10:00:00+08:00') });
    tokens.worker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    tokens.fx = await ts.token({ role: 'dispatcher', unit: 'qs-fx-cmd' });
    tokens.cn = await ts.token({ role: 'dispatcher', unit: 'qs-cn-cmd' });
    tokens.county = await ts.token({ role: 'dispatcher', unit: 'county-cmd' });
    tokens.designer = await ts.token({ role: 'policy_designer' });
    tokens.handler = await ts.token({ role: 'handler', unit: 'qs-fx-v01' });
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('raises a threshold alert at the Nth report, not again at the N+1th, to the command room and the outbox', async () => {
    const ids = [await report(), await report()];
    expect((await alerts()).body.alerts).toEqual([]);
    ids.push(await report());
    const after3 = (await alerts()).body.alerts;
    expect(after3).toHaveLength(1);
    expect(after3[0]).toMatchObject({
      kind: 'threshold', rule: GRID_RULE, category: 'dispute-neighbor', categoryName: { zh: '邻里纠纷' }, area: 'qs-fx-v01-g1', areaKind: 'grid',
      commandRoom: 'qs-fx-cmd', count: 3, expected: null, status: 'open', acknowledgedAt: null, acknowledgedBy: null, note: null,
    });
    expect(after3[0].windowFrom).toMatch(/\+08:00$/);
    expect(after3[0].name.zh).toContain('3起');
    await report();
    expect((await alerts()).body.alerts).toHaveLength(1);
    const detail = await ts.request('GET', `/api/v1/counties/demo/alerts/${after3[0].id}`, { token: ts.adminToken });
    expect(detail.status).toBe(200);
    expect(detail.body.events.map((e: { id: string }) => e.id).sort()).toEqual([...ids].sort());
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['raise']);
    const outbox = await ts.server.db.models.Outbox.findAll({ raw: true });
    const raised = outbox.filter((m) => (typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload).type === 'alert.raised');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ targetUnit: 'qs-fx-cmd', eventId: null });
  });

  it('shows alerts to those who may see them, and pages newest first', async () => {
    // three reports of another category in grid qs-fx-v01-g2: a second alert
    const data = { ...DATA, location: { grid: 'qs-fx-v01-g2', address: '凤溪村' } };
    for (let i = 0; i < 3; i++) await report({ ...data, disputeType: 'other' });
    const all = (await alerts('?status=all')).body.alerts;
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(Date.parse(all[0].raisedAt)).toBeGreaterThanOrEqual(Date.parse(all[1].raisedAt));
    const first = await alerts('?status=all&limit=1');
    expect(first.body.alerts).toHaveLength(1);
    const second = await alerts(`?status=all&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.alerts[0].id).toBe(all[1].id);
    expect((await alerts('?status=all', tokens.fx)).body.alerts).toHaveLength(all.length);
    expect((await alerts('?status=all', tokens.county)).body.alerts).toHaveLength(all.length);
    expect((await alerts('?status=all', tokens.designer)).body.alerts).toHaveLength(all.length);
    expect((await alerts('?status=all', tokens.cn)).body.alerts).toEqual([]);
    expect((await ts.request('GET', `/api/v1/counties/demo/alerts/${all[0].id}`, { token: tokens.cn })).status).toBe(404);
    expect((await alerts('', tokens.handler)).status).toBe(403);
    expect((await alerts('', tokens.worker)).status).toBe(403);
  });

  it('is acknowledged by the command room once, audited; others are refused', async () => {
    const [alert] = (await alerts()).body.alerts.filter((a: { rule: string }) => a.rule === GRID_RULE);
    const ack = (token: string, body: unknown = { note: '已安排网格长核查' }) => ts.request('POST', `/api/v1/counties/demo/alerts/${alert.id}/acknowledge`, { token, body });
    expect((await ack(tokens.cn)).status).toBe(404);
    expect((await ack(tokens.county)).status).toBe(403);
    expect((await ack(tokens.designer)).status).toBe(403);
    const long = await ack(tokens.fx, { note: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.field).toBe('note');
    const done = await ack(tokens.fx);
    expect(done.status).toBe(200);
    expect(done.body.alert).toMatchObject({ status: 'acknowledged', note: '已安排网格长核查', acknowledgedAt: expect.stringMatching(/\+08:00$/) });
    expect(done.body.alert.acknowledgedBy).toBeTruthy();
    expect((await ack(tokens.fx)).status).toBe(409);
    expect((await ack(ts.adminToken)).status).toBe(409);
    const history = (await ts.request('GET', `/api/v1/counties/demo/alerts/${alert.id}`, { token: tokens.fx })).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'acknowledge', actorRole: 'dispatcher', note: '已安排网格长核查' });
    expect((await alerts('?status=acknowledged')).body.alerts.map((a: { id: string }) => a.id)).toContain(alert.id);
    expect((await alerts('?status=open')).body.alerts.map((a: { id: string }) => a.id)).not.toContain(alert.id);
  });

  it.each([
    ['status', '?status=closed'],
    ['limit', '?limit=0'],
    ['limit', '?limit=201'],
    ['cursor', '?cursor=not-a-cursor!'],
    ['status', '?status=open&status=all'],
  ])('refuses a bad %s (%s) naming it', async (field, query) => {
    const res = await alerts(query);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('judges each day: a steady series stays within 1 false alarm per 100 area-days and a tripling is caught on its day', async () => {
    const created = await ts.request('POST', '/api/v1/counties', { token: ts.server.platformToken!, body: { id: 'steady', name: '稳定县', catalog: 'zhejiang-four-platforms' } });
    expect(created.status).toBe(201);
    const active = (await ts.server.configs.active('steady'))!;
    const townships = ['qs-fx', 'qs-cn', 'qs-ht'];
    const gridOf: Record<string, string> = { 'qs-fx': 'qs-fx-v01-g1', 'qs-cn': 'qs-cn-v01-g1', 'qs-ht': 'qs-ht-v01-g1' };
    for (const t of townships) expect(active.compiled.unit(gridOf[t])?.kind).toBe('grid');
    const majors = active.compiled.config.categories;
    const random = seeded(42);
    const start = Date.parse('2026-01-01T00:00:00+08:00');
    const days = 50;
    const spike = { township: 'qs-cn', major: 'environment', day: days - 1 };
    const rows: Array<Record<string, unknown>> = [];
    for (let d = 0; d < days; d++) {
      for (const township of townships) {
        for (const major of majors) {
          const lambda = 8;
          const n = township === spike.township && major.code === spike.major && d === spike.day ? 3 * lambda : poisson(random, lambda);
          for (let i = 0; i < n; i++) {
            const at = start + d * DAY + Math.floor(random() * DAY);
            rows.push({
              countyId: 'steady', id: newId(at), configVersion: active.version, category: major.children[i % major.children.length].code, level: 1, state: 'closed', closed: true,
              handlingUnit: null, dispatcher: `${township}-cmd`, assist: [], reporterId: 'seed', source: 'grid_worker', grid: gridOf[township], township, red: false,
              data: {}, decision: {}, explanation: {}, sla: {}, version: 1, reportedAt: new Date(at), updatedAt: new Date(at), idempotencyKey: null,
            });
          }
        }
      }
    }
    const { db } = ts.server;
    await db.writeBatch(async (sql) => {
      for (let i = 0; i < rows.length; i += 2000) await insertRows(sql, db.dialect, db.models.Event as unknown as ModelStatic<Model>, rows.slice(i, i + 2000));
    });
    // judged at 01:30 on each day after the baseline fills: days 30 … 49
    let ran = 0;
    for (let d = 31; d <= days; d++) {
      const summary = await ts.server.alertJob.runDue(start + d * DAY + 90 * 60_000);
      ran += summary.ran.filter((r) => r.county === 'steady').length;
    }
    expect(ran).toBe(days - 30);
    const raised = (await alerts('?status=all&limit=200', created.body.adminToken, 'steady')).body.alerts;
    const spikeDay = new Date(start + spike.day * DAY).toISOString();
    const caught = raised.filter((a: { area: string; category: string; windowFrom: string }) => a.area === spike.township && a.category === spike.major && Date.parse(a.windowFrom) === Date.parse(spikeDay));
    expect(caught).toHaveLength(1);
    expect(caught[0]).toMatchObject({ kind: 'aberration', areaKind: 'township', commandRoom: 'qs-cn-cmd', count: 24 });
    expect(caught[0].expected).toBeGreaterThan(6);
    const areaDays = townships.length * majors.length * (days - 30);
    const falseAlarms = raised.length - caught.length;
    expect(falseAlarms / areaDays).toBeLessThanOrEqual(0.01);
    // a second run of a judged day does nothing; two jobs take a new day once between them
    expect((await ts.server.alertJob.runDue(start + days * DAY + 90 * 60_000)).ran.filter((r) => r.county === 'steady')).toEqual([]);
    const logger = pino({ level: 'silent' });
    const jobs = ['a', 'b'].map((p) => createAberrationJob({ db, configs: ts.server.configs, logger, now: () => 0, processId: p }));
    const at = start + (days + 1) * DAY + 90 * 60_000;
    const [a, b] = await Promise.all(jobs.map((j) => j.runDue(at)));
    const steady = (s: { ran: Array<{ county: string }> }) => s.ran.filter((r) => r.county === 'steady').length;
    // the other found the day claimed (skipped) or, when it looked after the first had finished, judged already
    expect(steady(a) + steady(b)).toBe(1);
  });
});
