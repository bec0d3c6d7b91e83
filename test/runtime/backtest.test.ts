/**
 * Backtests over HTTP on SQLite (and PostgreSQL when PINGTAI_TEST_PG names one): a week of
 * events decided again under a draft that routes neighbour disputes to the governance platform
 * and shortens the serious policy's acceptance deadline — exact counts, load moved, newly late
 * events, both explanations; reopened; cancelled with partial results; a run whose process died
 * is interrupted; bad requests refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../engine/index';
import { startBacktest } from '../../runtime/backtest/backtest-job';
import { insertRun } from '../../runtime/backtest/backtest-store';
import { miniCounty } from '../fixtures/mini-county';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const HOUR = 3_600_000;
const MONDAY = Date.parse('2026-06-15T10:00:00+08:00');
const DAY = 86_400_000;

function changedConfig() {
  const config = miniCounty();
  const rule = config.rules.find((r) => r.id === 'r-village')!;
  rule.event = { type: 'route', params: { target: { type: 'platform', platform: 'governance' } } };
  config.sla.policies.find((p) => p.id === 'l2')!.accept = { hours: 1, clock: 'calendar' };
  return config;
}

for (const target of dbTargets()) {
  describe(`backtest (${target.name})`, () => {
    let ts: TestServer;
    let prepared: PreparedDatabase;
    let admin: string;
    let draft: number;
    const url = (path = '') => `/api/v1/counties/bt/backtests${path}`;

    const report = async (at: number, category: string, grid: string, extra: Record<string, unknown>) => {
      ts.clock.now = at;
      const res = await ts.request('POST', '/api/v1/counties/bt/events', { token: admin, body: { category, source: 'grid_worker', data: { description: '测试', location: { grid }, ...extra } } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.event as { id: string; handlingUnit: string; version: number };
    };
    const accept = async (event: { id: string; handlingUnit: string }, at: number) => {
      ts.clock.now = at;
      const token = await ts.token({ county: 'bt', role: 'handler', unit: event.handlingUnit });
      const detail = await ts.request('GET', `/api/v1/counties/bt/events/${event.id}`, { token: admin });
      const res = await ts.request('POST', `/api/v1/counties/bt/events/${event.id}/actions/accept`, { token, body: { version: detail.body.event.version } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };

    beforeAll(async () => {
      prepared = await prepareDatabase(target);
      ts = await startTestServer(target, { prepared });
      ts.clock.now = MONDAY - DAY;
      const compiled = compile(miniCounty());
      if (!compiled.ok) throw new Error('mini county does not compile');
      await ts.server.configs.createCounty({ id: 'bt', name: 'Backtest county', compiled: compiled.value, createdBy: 'test', now: ts.clock.now });
      admin = await ts.token({ county: 'bt', role: 'county_admin' });
      const saved = await ts.request('POST', '/api/v1/counties/bt/configs', { token: admin, body: { document: changedConfig() } });
      expect(saved.status).toBe(201);
      draft = saved.body.version;
      // three neighbour disputes at one grid (recent reports 0, 1, 2: all level 1, to the village)
      for (let d = 0; d < 3; d++) await report(MONDAY + d * DAY, 'A01', 't1-v1-g1', { peopleAffected: 2 });
      await report(MONDAY + 2 * DAY + HOUR, 'A01', 't1-v2-g1', { peopleAffected: 1 });
      // two wage disputes (level 2, policy l2: 4 working hours to accept; 1 hour under the draft)
      const late = await report(MONDAY + 3 * DAY, 'A02', 't1-v1-g1', { amount: 1000 });
      const quick = await report(MONDAY + 3 * DAY + HOUR, 'A02', 't1-v1-g1', { amount: 1000 });
      await accept(late, MONDAY + 3 * DAY + 2 * HOUR);
      await accept(quick, MONDAY + 3 * DAY + HOUR + HOUR / 2);
      // an unauthorised building: the draft changes nothing for it
      await report(MONDAY + 4 * DAY, 'B01', 't1-v1-g1', { area: 50 });
      // outside the period
      await report(MONDAY + 9 * DAY, 'B01', 't1-v1-g1', { area: 50 });
      ts.clock.now = MONDAY + 10 * DAY;
    });
    afterAll(async () => {
      await ts?.close();
      await prepared?.cleanup();
    });

    const finished = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        const res = await ts.request('GET', url(`/${id}`), { token: admin });
        expect(res.status).toBe(200);
        if (res.body.backtest.status !== 'running') return res.body.backtest;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the backtest did not end');
    };

    it('refuses bad requests naming the field, and starts nothing', async () => {
      const cases: Array<[unknown, number, string]> = [
        [{ draft, from: '2026-06-15' }, 400, 'to'],
        [{ draft, from: '2026-06-31', to: '2026-07-01' }, 400, 'from'],
        [{ draft, from: 'yesterday', to: '2026-07-01' }, 400, 'from'],
        [{ draft, from: '2026-06-20', to: '2026-06-15' }, 400, 'to'],
        [{ draft, from: '2024-01-01', to: '2026-06-15' }, 400, 'to'],
        [{ from: '2026-06-15', to: '2026-06-21' }, 400, 'version'],
        [{ draft, version: 1, from: '2026-06-15', to: '2026-06-21' }, 400, 'version'],
        [{ draft: 99, from: '2026-06-15', to: '2026-06-21' }, 404, 'draft'],
        [{ version: draft, from: '2026-06-15', to: '2026-06-21' }, 404, 'version'],
        [{ draft: 'x', from: '2026-06-15', to: '2026-06-21' }, 400, 'draft'],
        [{ draft, from: '2026-06-15', to: '2026-06-21', colour: 1 }, 400, 'colour'],
      ];
      for (const [body, status, field] of cases) {
        const res = await ts.request('POST', url(), { token: admin, body });
        expect({ body, status: res.status, field: res.body.error?.field }).toEqual({ body, status, field });
      }
      const handler = await ts.token({ county: 'bt', role: 'handler', unit: 't1-gov' });
      expect((await ts.request('POST', url(), { token: handler, body: { draft, from: '2026-06-15', to: '2026-06-21' } })).status).toBe(403);
      expect((await ts.request('GET', url(), { token: admin })).body).toEqual({ backtests: [] });
    });

    it('a draft that moves a category and shortens a deadline: exact counts, load moved, newly late events, both explanations', async () => {
      const started = await ts.request('POST', url(), { token: admin, body: { draft, from: '2026-06-15', to: '2026-06-21' } });
      expect(started.status).toBe(202);
      expect(started.headers.get('location')).toBe(`/api/v1/counties/bt/backtests/${started.body.backtest.id}`);
      const run = await finished(started.body.backtest.id);
      expect(run).toMatchObject({ status: 'done', config: { kind: 'draft', version: draft }, progress: { done: 7, total: 7, fraction: 1 }, from: '2026-06-15T00:00:00+08:00', to: '2026-06-22T00:00:00+08:00' });
      expect(run.totals).toEqual({ events: 7, changed: 6, failed: 0, fields: { unit: 4, acceptDue: 2 }, newlyLate: { accept: 1, resolve: 0, events: 1 } });
      expect(run.summary.byCategory).toEqual([
        { category: 'A01', events: 4, changed: 4 },
        { category: 'A02', events: 2, changed: 2 },
        { category: 'B01', events: 1, changed: 0 },
      ]);
      expect(run.summary.byTownship).toEqual([{ township: 't1', events: 7, changed: 6 }]);
      expect(run.summary.loadMoved).toEqual([{ from: 't1-v1', to: 't1-gov', events: 3 }, { from: 't1-v2', to: 't1-gov', events: 1 }]);

      const late = await ts.request('GET', url(`/${run.id}/changes?newlyLate=true`), { token: admin });
      expect(late.status).toBe(200);
      expect(late.body.items).toHaveLength(1);
      const item = late.body.items[0];
      expect(item).toMatchObject({ category: 'A02', changes: ['acceptDue'], newlyLate: ['accept'], before: { slaPolicy: 'l2', late: { accept: false } }, after: { slaPolicy: 'l2', acceptDue: '2026-06-18T11:00:00+08:00', late: { accept: true } } });
      expect(item.explanation.before.winners).toEqual(item.explanation.after.winners);

      // paged, filtered by category
      const first = await ts.request('GET', url(`/${run.id}/changes?category=A01&limit=3`), { token: admin });
      expect(first.body.items.map((i: { after: { unit: string } }) => i.after.unit)).toEqual(['t1-gov', 't1-gov', 't1-gov']);
      expect(first.body.items[0].explanation.after.winners.route).toBe('r-village');
      const second = await ts.request('GET', url(`/${run.id}/changes?category=A01&limit=3&after=${encodeURIComponent(first.body.next)}`), { token: admin });
      expect({ n: second.body.items.length, next: second.body.next, from: second.body.items[0].before.unit }).toEqual({ n: 1, next: null, from: 't1-v2' });
      for (const [query, field] of [['limit=0', 'limit'], ['after=zz', 'after'], ['newlyLate=yes', 'newlyLate'], ['colour=red', 'colour']]) {
        const bad = await ts.request('GET', url(`/${run.id}/changes?${query}`), { token: admin });
        expect({ status: bad.status, field: bad.body.error?.field }).toEqual({ status: 400, field });
      }

      // reopened: the same run, listed
      const again = await ts.request('GET', url(`/${run.id}`), { token: admin });
      expect(again.body.backtest).toEqual(run);
      expect((await ts.request('GET', url(), { token: admin })).body.backtests.map((b: { id: string }) => b.id)).toContain(run.id);
      expect((await ts.request('GET', url('/not-a-run'), { token: admin })).status).toBe(400);
      expect((await ts.request('GET', url('/00000000-0000-7000-8000-000000000000'), { token: admin })).status).toBe(404);
    });

    it('worker threads replaying stretches of the period side by side, each with its own connection, find exactly what one thread finds', async () => {
      // repeat reports grade up from the third at one grid in a week: the third neighbour dispute
      const document = changedConfig();
      const repeat = document.rules.find((r) => r.id === 'g-repeat')!;
      repeat.conditions = { all: [{ fact: 'recentReports', operator: 'greaterThanInclusive', value: 2 }] };
      const replayed = async (threads: number) => {
        const handle = await startBacktest(ts.server.db, {
          countyId: 'bt', source: { kind: 'draft', version: draft, label: `draft ${draft}` }, document, from: MONDAY - DAY, to: MONDAY + 7 * DAY, createdBy: 'test', now: () => ts.clock.now, threads, pageSize: 2,
        });
        expect(await handle.finished).toBe('done');
        const run = (await ts.request('GET', url(`/${handle.id}`), { token: admin })).body.backtest;
        const changes = (await ts.request('GET', url(`/${handle.id}/changes?limit=100`), { token: admin })).body.items;
        return { totals: run.totals, summary: run.summary, changes: changes.map(({ id, ...rest }: { id: string }) => rest) };
      };
      const one = await replayed(0);
      // two threads: the eight days cut into eight stretches; the three reports at one grid on
      // consecutive days fall in three of them, so each stretch rebuilds the counts from the week before it
      const two = await replayed(2);
      expect(one.totals).toMatchObject({ events: 7, changed: 6, fields: { level: 1 } });
      expect(two).toEqual(one);
      // the new explanation is made when the change is read, from the recent-reports count the run kept
      const graded = one.changes.filter((c: { changes: string[] }) => c.changes.includes('level'));
      expect(graded).toHaveLength(1);
      expect(graded[0].explanation.after).toMatchObject({ facts: { recentReports: 2 }, winners: { grade: 'g-repeat' } });
      expect(graded[0].explanation.after.fired).toContain('g-repeat');
      expect(graded[0].explanation.before.winners.grade).not.toBe('g-repeat');
    });

    it.each([0, 2])('a cancelled run is saved as cancelled with what it found (%i worker threads)', async (threads) => {
      const compiled = compile(changedConfig());
      if (!compiled.ok) throw new Error('draft does not compile');
      let handle: Awaited<ReturnType<typeof startBacktest>> | undefined;
      let calls = 0;
      handle = await startBacktest(ts.server.db, {
        countyId: 'bt', source: { kind: 'draft', version: draft, label: `draft ${draft}` }, document: changedConfig(), from: MONDAY - DAY, to: MONDAY + 7 * DAY, createdBy: 'test', now: () => ts.clock.now, threads, pageSize: 2,
        onProgress: () => {
          if (++calls === 1) handle?.cancel();
        },
      });
      expect(await handle.finished).toBe('cancelled');
      const run = (await ts.request('GET', url(`/${handle.id}`), { token: admin })).body.backtest;
      expect(run.status).toBe('cancelled');
      expect(run.progress.done).toBeLessThan(7);
      expect(run.totals.events).toBe(run.progress.done);
      const changes = await ts.request('GET', url(`/${handle.id}/changes`), { token: admin });
      expect(changes.body.items).toHaveLength(run.totals.changed);
      // cancelling an ended run changes nothing
      const cancel = await ts.request('POST', url(`/${handle.id}/cancel`), { token: admin });
      expect({ status: cancel.status, run: cancel.body.backtest.status }).toEqual({ status: 200, run: 'cancelled' });
    });

    it('a change stored with its new explanation (before they were made when read) is listed with it', async () => {
      const id = '00000000-0000-7000-8000-0000000000a2';
      await insertRun(ts.server.db, { id, countyId: 'bt', source: { kind: 'version', version: 1, label: 'version 1' }, document: {}, from: MONDAY, to: MONDAY + DAY, total: 1, createdBy: 'test', now: ts.clock.now });
      const side = (unit: string) => JSON.stringify({ level: 1, unit, dispatcher: 't1-cmd', slaPolicy: 'l1', acceptDue: null, resolveDue: null, late: { accept: false, resolve: false } });
      const stored = { facts: { recentReports: 0 }, dataFields: [], fired: ['r-old'], winners: { grade: 'default', route: 'r-old', sla: 'default' } };
      await ts.server.db.sequelize.query(
        'INSERT INTO backtest_changes (county_id, run_id, event_id, reported_at, category, township, changes, newly_late, before_side, after_side, explanation_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        { replacements: ['bt', id, '00000000-0000-7000-8000-0000000000b1', MONDAY, 'A01', 't1', '["unit"]', '', side('t1-v1'), side('t1-gov'), JSON.stringify(stored)] },
      );
      const res = await ts.request('GET', url(`/${id}/changes`), { token: admin });
      expect(res.body.items.map((i: { explanation: unknown }) => i.explanation)).toEqual([{ before: null, after: stored }]);
    });

    it('a run left running by a process that stopped is interrupted when read', async () => {
      const id = '00000000-0000-7000-8000-0000000000a1';
      await insertRun(ts.server.db, { id, countyId: 'bt', source: { kind: 'version', version: 1, label: 'version 1' }, document: {}, from: MONDAY, to: MONDAY + DAY, total: 3, createdBy: 'test', now: ts.clock.now - HOUR });
      const res = await ts.request('GET', url(`/${id}`), { token: admin });
      expect(res.body.backtest.status).toBe('interrupted');
    });
  });
}
