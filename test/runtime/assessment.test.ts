/**
 * The assessment over real HTTP, on SQLite and PostgreSQL: a month of events reported and handled
 * through the API under a test clock — on time, late, never accepted (one deadline settled by its
 * breach timer, one still running), reassigned, confirmed with ratings, reopened — counted for the
 * unit holding each event; every figure's events count exactly to it; external ratings with their
 * audit trail; closing a period freezes it as revision 1 and recomputing adds revision 2 beside it;
 * CSV and XLSX; roles and units; bad input refused naming the field; and a second county whose
 * events never count in the first, and whose token sees none of it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const V1 = 'qs-fx-v01';
const V2 = 'qs-fx-v02';
const PERIOD = '2026-11';

interface Figure {
  id: string;
  numerator: number;
  denominator: number;
  value: number | null;
  score: number | null;
}

describe.each(dbTargets())('assessment ($name)', (target) => {
  let ts: TestServer;
  const tokens: Record<string, string> = {};
  const events: Record<string, { id: string; version: number }> = {};
  let qingxiAdmin: string;

  const at = (iso: string) => ts.clock.set(iso);
  const report = async (county: string, token: string) => {
    const res = await ts.request('POST', `/api/v1/counties/${county}/events`, { token, body: { category: 'dispute-neighbor', data: DATA } });
    expect(res.status).toBe(201);
    return { id: res.body.event.id as string, version: res.body.event.version as number };
  };
  const act = async (name: string, action: string, token: string, input?: Record<string, unknown>) => {
    const e = events[name];
    // timers (a breach turning the event red) move the version too
    e.version = (await ts.request('GET', `/api/v1/counties/demo/events/${e.id}`, { token: ts.adminToken })).body.event.version;
    const res = await ts.request('POST', `/api/v1/counties/demo/events/${e.id}/actions/${action}`, { token, body: { version: e.version, ...(input ? { input } : {}) } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    e.version = res.body.event.version;
    return res.body.event;
  };
  const dueOf = async (name: string, clock: 'accept' | 'resolve') => (await ts.request('GET', `/api/v1/counties/demo/events/${events[name].id}`, { token: ts.adminToken })).body.event.sla.clocks[clock].dueAt as string;
  const plusHours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
  const assessment = (query: string, token = ts.adminToken, county = 'demo') => ts.request('GET', `/api/v1/counties/${county}/assessment?${query}`, { token });
  const unitOf = (body: { units: Array<{ unit: string }> }, unit: string) => body.units.find((u) => u.unit === unit) as unknown as { indicators: Figure[]; total: number | null; systemScore: number | null; rank: number | null; complete: boolean; missing: string[]; sources: Array<{ id: string; score: number | null }> };
  const figures = (body: { units: Array<{ unit: string }> }, unit: string) => Object.fromEntries(unitOf(body, unit).indicators.map((i) => [i.id, [i.numerator, i.denominator]]));
  const drill = (unit: string, indicator: string, query = '', token = ts.adminToken, county = 'demo') => ts.request('GET', `/api/v1/counties/${county}/assessment/${PERIOD}/units/${unit}/indicators/${indicator}/events${query}`, { token });
  const download = (path: string, token = ts.adminToken) => fetch(`${ts.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    ts = await startTestServer(target, { clock: testClock('2026-11-02T09:00:00+08:00') });
    tokens.worker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    tokens.v1 = await ts.token({ role: 'handler', unit: V1 });
    tokens.v2 = await ts.token({ role: 'handler', unit: V2 });
    tokens.dispatcher = await ts.token({ role: 'dispatcher', unit: 'qs-fx-cmd' });
    tokens.designer = await ts.token({ role: 'policy_designer' });
    const created = await ts.request('POST', '/api/v1/counties', { token: ts.server.platformToken!, body: { id: 'qingxi', name: '清溪县', catalog: 'zhejiang-four-platforms' } });
    expect(created.status).toBe(201);
    qingxiAdmin = created.body.adminToken;

    // Monday 2 November, 09:00: four reports to village qs-fx-v01 in demo, one in qingxi
    for (const name of ['e1', 'e2', 'e3', 'e4']) events[name] = await report('demo', tokens.worker);
    await report('qingxi', await ts.token({ county: 'qingxi', role: 'grid_worker', unit: 'qs-fx-v01-g1' }));
    // e1: accepted, resolved and confirmed on time, rated satisfied
    at('2026-11-02T09:10:00+08:00');
    await act('e1', 'accept', tokens.v1);
    await act('e1', 'start', tokens.v1);
    at('2026-11-02T10:00:00+08:00');
    await act('e1', 'resolve', tokens.v1, { feedback: '已调解' });
    await act('e1', 'confirm', tokens.worker, { satisfaction: 'satisfied' });
    // e4: reassigned to qs-fx-v02 before its deadline, handled there, rated unsatisfied
    at('2026-11-02T09:30:00+08:00');
    await act('e4', 'reassign', tokens.dispatcher, { unit: V2, reason: '属二村' });
    at('2026-11-02T09:40:00+08:00');
    await act('e4', 'accept', tokens.v2);
    await act('e4', 'start', tokens.v2);
    at('2026-11-02T10:30:00+08:00');
    await act('e4', 'resolve', tokens.v2, { feedback: '已处理' });
    await act('e4', 'confirm', tokens.worker, { satisfaction: 'unsatisfied' });
    // e2: accepted after its accept deadline, resolved after its resolve deadline, then reopened
    const e2accept = await dueOf('e2', 'accept');
    const e2resolve = await dueOf('e2', 'resolve');
    // e3: its accept deadline passes and the breach timer settles it; its resolve deadline passes unnoticed
    at(plusHours(e2accept, 0.5));
    await ts.server.scheduler.runDueTimers(ts.clock.now);
    await act('e2', 'accept', tokens.v1);
    await act('e2', 'start', tokens.v1);
    at(plusHours(e2resolve, 1));
    await act('e2', 'resolve', tokens.v1, { feedback: '已处理' });
    await act('e2', 'reopen', tokens.worker, { reason: '噪音仍在' });
    at('2026-12-01T10:00:00+08:00');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('counts each deadline, resolution, closure, reopening and rating for the unit holding the event', async () => {
    const res = await assessment(`period=${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ county: 'demo', status: 'open', revision: null, revisions: [], ended: true, period: { id: PERIOD, kind: 'month', from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' } });
    expect(figures(res.body, V1)).toEqual({ 'on-time-accept': [1, 3], 'on-time-resolve': [1, 3], closure: [1, 2], reopen: [1, 2], satisfaction: [1, 1], overdue: [2, 3] });
    expect(figures(res.body, V2)).toEqual({ 'on-time-accept': [1, 1], 'on-time-resolve': [1, 1], closure: [1, 1], reopen: [0, 1], satisfaction: [0, 1], overdue: [0, 1] });
    // a unit with no events: nothing applies, no score, not ranked
    expect(unitOf(res.body, 'qs-fx-v03')).toMatchObject({ systemScore: null, total: null, rank: null });
    expect(unitOf(res.body, V2).rank).toBe(1);
    expect(unitOf(res.body, V1).rank).toBe(2);
  });

  it.each(['on-time-accept', 'on-time-resolve', 'closure', 'reopen', 'satisfaction', 'overdue'])('the events behind %s count exactly to the figure', async (indicator) => {
    const summary = unitOf((await assessment(`period=${PERIOD}`)).body, V1).indicators.find((i) => i.id === indicator)!;
    const res = await drill(V1, indicator);
    expect(res.status).toBe(200);
    expect(res.body.figure).toMatchObject({ numerator: summary.numerator, denominator: summary.denominator, value: summary.value, score: summary.score });
    expect(res.body.items).toHaveLength(summary.denominator);
    expect(res.body.items.filter((i: { counted: boolean }) => i.counted)).toHaveLength(summary.numerator);
    const counted = await drill(V1, indicator, '?counted=true');
    expect(counted.body.total).toBe(summary.numerator);
    for (const item of res.body.items) expect(item.event).toMatchObject({ category: 'dispute-neighbor', level: 1 });
  });

  it('names the events: e1 accepted on time, e2 late, e3 late (its breach timer), e4 not counted for the unit it was taken from', async () => {
    const accept = (await drill(V1, 'on-time-accept')).body.items as Array<{ eventId: string; counted: boolean }>;
    expect(Object.fromEntries(accept.map((i) => [i.eventId, i.counted]))).toEqual({ [events.e1.id]: true, [events.e2.id]: false, [events.e3.id]: false });
    const overdue = (await drill(V1, 'overdue', '?counted=true')).body.items as Array<{ eventId: string; deadlines: Array<{ fact: string; onTime: boolean }> }>;
    expect(overdue.map((i) => i.eventId).sort()).toEqual([events.e2.id, events.e3.id].sort());
    expect(overdue.find((i) => i.eventId === events.e3.id)!.deadlines.map((d) => `${d.fact}:${d.onTime}`).sort()).toEqual(['accept:false', 'resolve:false']);
    const v2resolve = (await drill(V2, 'on-time-resolve')).body.items as Array<{ eventId: string; counted: boolean }>;
    expect(v2resolve).toEqual([expect.objectContaining({ eventId: events.e4.id, counted: true })]);
  });

  describe('ratings from outside the system', () => {
    const put = (ratings: unknown, token = ts.adminToken) => ts.request('PUT', `/api/v1/counties/demo/assessment/${PERIOD}/ratings`, { token, body: { ratings } });

    it.each([
      { name: 'a unit the config lacks', ratings: [{ unit: 'nowhere', source: 'command-rating', score: 80 }], field: 'ratings[0].unit' },
      { name: 'a source that does not rate villages', ratings: [{ unit: V1, source: 'township-rating', score: 80 }], field: 'ratings[0].source' },
      { name: 'the system indicators as a source', ratings: [{ unit: V1, source: 'indicators', score: 80 }], field: 'ratings[0].source' },
      { name: 'a score above 100', ratings: [{ unit: V1, source: 'command-rating', score: 101 }], field: 'ratings[0].score' },
      { name: 'a score as text', ratings: [{ unit: V1, source: 'command-rating', score: '80' }], field: 'ratings[0].score' },
      { name: 'an unknown field', ratings: [{ unit: V1, source: 'command-rating', score: 80, weight: 1 }], field: 'ratings[0].weight' },
      { name: 'the same rating twice', ratings: [{ unit: V1, source: 'command-rating', score: 80 }, { unit: V1, source: 'command-rating', score: 81 }], field: 'ratings[1]' },
      { name: 'no ratings', ratings: [], field: 'ratings' },
    ])('refuses $name naming $field, and changes nothing', async ({ ratings, field }) => {
      const res = await put(ratings);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe(field);
      expect((await ts.request('GET', `/api/v1/counties/demo/assessment/${PERIOD}/ratings`, { token: ts.adminToken })).body.ratings).toEqual([]);
    });

    it('only county administrators enter them', async () => {
      for (const token of [tokens.v1, tokens.dispatcher, tokens.designer]) expect((await put([{ unit: V1, source: 'command-rating', score: 80 }], token)).status).toBe(403);
    });

    it('enters, changes and takes back ratings, each change in the audit trail with who, when, before and after', async () => {
      at('2026-12-01T11:00:00+08:00');
      const first = await put([{ unit: V1, source: 'command-rating', score: 80, comment: '月度评价' }, { unit: V2, source: 'command-rating', score: 60 }]);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ period: PERIOD, changed: 2 });
      at('2026-12-01T11:05:00+08:00');
      expect((await put([{ unit: V1, source: 'command-rating', score: 85 }, { unit: V2, source: 'command-rating', score: 60 }])).body.changed).toBe(1);
      await put([{ unit: V2, source: 'command-rating', score: null }]);
      const ratings = (await ts.request('GET', `/api/v1/counties/demo/assessment/${PERIOD}/ratings`, { token: tokens.designer })).body.ratings;
      expect(ratings).toEqual([expect.objectContaining({ unit: V1, source: 'command-rating', score: 85, updatedAt: '2026-12-01T11:05:00+08:00' })]);
      const audit = await ts.request('GET', `/api/v1/counties/demo/assessment/${PERIOD}/ratings/audit`, { token: ts.adminToken });
      expect(audit.status).toBe(200);
      expect(audit.body.entries.map((e: { unit: string; oldScore: number | null; newScore: number | null; at: string; actorRole: string }) => [e.unit, e.oldScore, e.newScore, e.at, e.actorRole])).toEqual([
        [V1, null, 80, '2026-12-01T11:00:00+08:00', 'county_admin'],
        [V2, null, 60, '2026-12-01T11:00:00+08:00', 'county_admin'],
        [V1, 80, 85, '2026-12-01T11:05:00+08:00', 'county_admin'],
        [V2, 60, null, '2026-12-01T11:05:00+08:00', 'county_admin'],
      ]);
      expect(audit.body.entries[0].comment).toBe('月度评价');
      expect((await ts.request('GET', `/api/v1/counties/demo/assessment/${PERIOD}/ratings/audit`, { token: tokens.v1 })).status).toBe(403);
    });

    it('a rating weighs 60% of the total; a unit without one is totalled on its system score and marked incomplete', async () => {
      const body = (await assessment(`period=${PERIOD}`)).body;
      const v1 = unitOf(body, V1);
      expect(v1.sources).toEqual([expect.objectContaining({ id: 'indicators', score: v1.systemScore }), expect.objectContaining({ id: 'command-rating', score: 85 })]);
      expect(v1.total).toBeCloseTo(0.4 * v1.systemScore! + 0.6 * 85, 1);
      expect(v1.complete).toBe(true);
      expect(unitOf(body, V2)).toMatchObject({ complete: false, missing: ['command-rating'], total: unitOf(body, V2).systemScore });
    });
  });

  describe('closing a period', () => {
    it('an open period cannot be closed before it ends', async () => {
      const res = await ts.request('POST', '/api/v1/counties/demo/assessment/2026-12/revisions', { token: ts.adminToken });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'period-not-ended', field: 'period' });
      expect((await ts.request('POST', `/api/v1/counties/demo/assessment/${PERIOD}/revisions`, { token: tokens.dispatcher })).status).toBe(403);
    });

    it('freezes the results as revision 1; later changes leave it as it was; recomputing adds revision 2 beside it', async () => {
      at('2026-12-02T09:00:00+08:00');
      const closed = await ts.request('POST', `/api/v1/counties/demo/assessment/${PERIOD}/revisions`, { token: ts.adminToken, body: { note: '月度考核' } });
      expect(closed.status).toBe(201);
      expect(closed.body).toMatchObject({ status: 'closed', revision: 1, revisions: [{ revision: 1, note: '月度考核', computedAt: '2026-12-02T09:00:00+08:00', configVersion: 1 }] });
      const frozen = closed.body;

      // a day later: e3 is finally accepted (late: nothing changes for November), the rating changes
      at('2026-12-03T09:00:00+08:00');
      await act('e3', 'accept', tokens.v1);
      await ts.request('PUT', `/api/v1/counties/demo/assessment/${PERIOD}/ratings`, { token: ts.adminToken, body: { ratings: [{ unit: V1, source: 'command-rating', score: 95 }] } });
      const again = (await assessment(`period=${PERIOD}`)).body;
      expect(again.revision).toBe(1);
      expect(unitOf(again, V1)).toEqual(unitOf(frozen, V1));

      at('2026-12-04T09:00:00+08:00');
      const second = await ts.request('POST', `/api/v1/counties/demo/assessment/${PERIOD}/revisions`, { token: ts.adminToken });
      expect(second.status).toBe(201);
      expect(second.body.revision).toBe(2);
      const latest = (await assessment(`period=${PERIOD}`)).body;
      expect(latest.revision).toBe(2);
      expect(latest.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
      // the deadlines of November are as they were; the new rating counts in revision 2 only
      expect(figures(latest, V1)).toEqual(figures(frozen, V1));
      expect(unitOf(latest, V1).sources.find((s) => s.id === 'command-rating')!.score).toBe(95);
      const first = (await assessment(`period=${PERIOD}&revision=1`)).body;
      expect(first.revision).toBe(1);
      expect(unitOf(first, V1).sources.find((s) => s.id === 'command-rating')!.score).toBe(85);
    });

    it("a revision's figures drill down to the same events", async () => {
      for (const revision of [1, 2]) {
        const body = (await assessment(`period=${PERIOD}&revision=${revision}`)).body;
        for (const figure of unitOf(body, V1).indicators) {
          const res = await drill(V1, figure.id, `?revision=${revision}`);
          expect(res.body.revision).toBe(revision);
          expect([res.body.items.length, res.body.items.filter((i: { counted: boolean }) => i.counted).length]).toEqual([figure.denominator, figure.numerator]);
        }
      }
    });
  });

  describe('files', () => {
    it('the ranking as CSV and XLSX with Chinese headers', async () => {
      const csv = await download(`/api/v1/counties/demo/assessment?period=${PERIOD}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = await csv.text();
      expect(text.split('\r\n')[0]).toContain('排名');
      expect(text).toContain('按时受理率（值）');
      expect(text).toContain('凤溪村');
      const xlsx = await download(`/api/v1/counties/demo/assessment?period=${PERIOD}&format=xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).getCell(1).text).toBe('排名');
      expect(sheet.rowCount).toBeGreaterThan(10);
    });

    it("a figure's events as CSV", async () => {
      const csv = await download(`/api/v1/counties/demo/assessment/${PERIOD}/units/${V1}/indicators/on-time-accept/events?format=csv`);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toContain('事件编号');
      expect(lines).toHaveLength(4);
    });
  });

  describe('who sees what', () => {
    it('a handler sees its own unit only; a command room and a policy designer see every unit; a grid worker nothing', async () => {
      const own = await assessment(`period=${PERIOD}`, tokens.v2);
      expect(own.status).toBe(200);
      expect(own.body.units.map((u: { unit: string }) => u.unit)).toEqual([V2]);
      expect((await drill(V2, 'closure', '', tokens.v2)).status).toBe(200);
      const other = await drill(V1, 'closure', '', tokens.v2);
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('unit-not-allowed');
      const every = (await assessment(`period=${PERIOD}`)).body.units.length;
      expect(every).toBeGreaterThan(40);
      for (const token of [tokens.dispatcher, tokens.designer]) expect((await assessment(`period=${PERIOD}`, token)).body.units).toHaveLength(every);
      expect((await assessment(`period=${PERIOD}`, tokens.worker)).status).toBe(403);
      expect((await assessment(`period=${PERIOD}&kind=village`)).body.units.every((u: { kind: string }) => u.kind === 'village')).toBe(true);
    });

    it("another county's token gets 404 everywhere; its events never count here, its own assessment counts only its own", async () => {
      for (const res of [
        await assessment(`period=${PERIOD}`, qingxiAdmin),
        await drill(V1, 'on-time-accept', '', qingxiAdmin),
        await ts.request('GET', `/api/v1/counties/demo/assessment/${PERIOD}/ratings`, { token: qingxiAdmin }),
        await ts.request('PUT', `/api/v1/counties/demo/assessment/${PERIOD}/ratings`, { token: qingxiAdmin, body: { ratings: [{ unit: V1, source: 'command-rating', score: 1 }] } }),
        await ts.request('POST', `/api/v1/counties/demo/assessment/${PERIOD}/revisions`, { token: qingxiAdmin }),
      ]) expect(res.status).toBe(404);
      const theirs = (await assessment(`period=${PERIOD}`, qingxiAdmin, 'qingxi')).body;
      expect(theirs.status).toBe('open');
      expect(figures(theirs, V1)).toMatchObject({ 'on-time-accept': [0, 1], 'on-time-resolve': [0, 1], overdue: [1, 1] });
      expect(unitOf(theirs, V1).sources.find((s) => s.id === 'command-rating')!.score).toBeNull();
      const mine = (await assessment(`period=${PERIOD}&revision=1`)).body;
      expect(figures(mine, V1)['on-time-accept']).toEqual([1, 3]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['no period', '', 'period'],
      ['a month 13', 'period=2026-13', 'period'],
      ['a fifth quarter', 'period=2026-Q5', 'period'],
      ['a day', 'period=2026-11-01', 'period'],
      ['a revision that is no number', `period=${PERIOD}&revision=latest`, 'revision'],
      ['a format that is no list format', `period=${PERIOD}&format=pdf`, 'format'],
      ['a kind of unit that does not exist', `period=${PERIOD}&kind=street`, 'kind'],
    ])('refuses %s with 400 naming the field', async (_name, query, field) => {
      const res = await assessment(query);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe(field);
    });

    it.each([
      ['a period in the path', `/api/v1/counties/demo/assessment/november/units/${V1}/indicators/closure/events`, 400, 'period'],
      ['counted', `/api/v1/counties/demo/assessment/${PERIOD}/units/${V1}/indicators/closure/events?counted=maybe`, 400, 'counted'],
      ['limit', `/api/v1/counties/demo/assessment/${PERIOD}/units/${V1}/indicators/closure/events?limit=0`, 400, 'limit'],
      ['a ratings period', '/api/v1/counties/demo/assessment/2026-Q9/ratings', 400, 'period'],
    ])('refuses a bad %s naming it', async (_name, path, status, field) => {
      const res = await ts.request('GET', path, { token: ts.adminToken });
      expect(res.status).toBe(status);
      expect(res.body.error.field).toBe(field);
    });

    it('a revision, unit or indicator that does not exist is 404', async () => {
      expect((await assessment(`period=${PERIOD}&revision=9`)).status).toBe(404);
      expect((await drill('qs-fx-v01-g1', 'closure')).status).toBe(404);
      expect((await drill(V1, 'no-such-indicator')).status).toBe(404);
    });
  });
});
