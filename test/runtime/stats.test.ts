/**
 * The dashboards' statistics over real HTTP, on SQLite and PostgreSQL: events reported at known
 * times under a test clock (last month, last week, yesterday, today; one by coordinates), some
 * handled and closed, deadlines left to pass — then the overview's counts against the same span
 * before, open/red/overdue and on-time rates, the daily trend, every breakdown, the units with the
 * most overdue events and the map, each checked against the events behind it through the
 * worklist query it drills down to; scope by role; bad parameters refused naming the field; CSV
 * and XLSX exports (the worklist's whole list, the tables) with Chinese headers and real dates;
 * and the worklist's township and grid filters.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCase } from './support/catalog-cases';
import { dbTargets } from './support/db-targets';
import { startTestServer, testClock, type TestServer } from './support/test-server';

const DISPUTE = {
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
const NOISE = catalogCase('noise-by-coordinates-placed-in-grid').input;
const NOW = '2026-11-18T10:00:00+08:00';
const V1 = 'qs-fx-v01';

describe.each(dbTargets())('dashboard statistics ($name)', (target) => {
  let ts: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const at = (iso: string) => ts.clock.set(iso);
  const get = (path: string, token = ts.adminToken) => ts.request('GET', `/api/v1/counties/demo/${path}`, { token });
  const download = (path: string, token = ts.adminToken) => fetch(`${ts.url}/api/v1/counties/demo/${path}`, { headers: { authorization: `Bearer ${token}` } });
  const report = async (name: string, iso: string, body: { category: string; data: unknown }) => {
    at(iso);
    const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: tokens.worker, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[name] = res.body.event.id;
  };
  const act = async (name: string, action: string, token: string, input?: Record<string, unknown>) => {
    const version = (await get(`events/${ids[name]}`)).body.event.version;
    const res = await ts.request('POST', `/api/v1/counties/demo/events/${ids[name]}/actions/${action}`, { token, body: { version, ...(input ? { input } : {}) } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  /** Every event of a worklist query (all pages). */
  const worklist = async (query: string, token = ts.adminToken) => {
    const found: Array<{ id: string }> = [];
    let cursor: string | null = null;
    do {
      const res = await get(`events?limit=200&${query}${cursor ? `&cursor=${cursor}` : ''}`, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      found.push(...res.body.events);
      cursor = res.body.nextCursor;
    } while (cursor);
    return found;
  };
  const drillCount = async (query: string, token = ts.adminToken) => (await worklist(query, token)).length;
  const iso = (s: string) => encodeURIComponent(new Date(s).toISOString());

  beforeAll(async () => {
    ts = await startTestServer(target, { clock: testClock('2026-10-05T08:00:00+08:00') });
    tokens.worker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    tokens.v1 = await ts.token({ role: 'handler', unit: V1 });
    tokens.v2 = await ts.token({ role: 'handler', unit: 'qs-fx-v02' });
    tokens.dispatcher = await ts.token({ role: 'dispatcher', unit: 'qs-fx-cmd' });
    tokens.designer = await ts.token({ role: 'policy_designer' });
    const dispute = { category: 'dispute-neighbor', data: DISPUTE };
    // e1: last month, before the same day of month (closed the same morning); e2: last month after it
    await report('e1', '2026-10-05T09:00:00+08:00', dispute);
    at('2026-10-05T09:10:00+08:00');
    await act('e1', 'accept', tokens.v1);
    await act('e1', 'start', tokens.v1);
    at('2026-10-05T10:00:00+08:00');
    await act('e1', 'resolve', tokens.v1, { feedback: '已调解' });
    await act('e1', 'confirm', tokens.worker, { satisfaction: 'satisfied' });
    await report('e2', '2026-10-25T09:00:00+08:00', dispute);
    // e3: last week, before the same weekday and time; accepted on time
    await report('e3', '2026-11-10T09:00:00+08:00', dispute);
    at('2026-11-10T09:10:00+08:00');
    await act('e3', 'accept', tokens.v1);
    // e4: yesterday before this time of day, closed yesterday; e5: yesterday after it
    await report('e4', '2026-11-17T09:00:00+08:00', dispute);
    at('2026-11-17T09:10:00+08:00');
    await act('e4', 'accept', tokens.v1);
    await act('e4', 'start', tokens.v1);
    at('2026-11-17T09:30:00+08:00');
    await act('e4', 'resolve', tokens.v1, { feedback: '已调解' });
    await act('e4', 'confirm', tokens.worker, { satisfaction: 'satisfied' });
    await report('e5', '2026-11-17T11:00:00+08:00', dispute);
    // today: e6 by grid, e7 by coordinates only (another category, another township)
    await report('e6', '2026-11-18T08:00:00+08:00', dispute);
    await report('e7', '2026-11-18T09:30:00+08:00', { category: NOISE.category, data: NOISE.data });
    at(NOW);
    await ts.server.scheduler.runDueTimers(ts.clock.now);
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('overview: reports today, this week and this month against the same span before', async () => {
    const res = await get('stats/overview');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      county: 'demo',
      asOf: NOW,
      timeZone: 'Asia/Shanghai',
      scope: { kind: 'county', unit: null },
      reports: { today: { count: 2, previous: 1 }, week: { count: 4, previous: 1 }, month: { count: 5, previous: 1 } },
    });
    // each count is the worklist of its span
    expect(await drillCount(`from=${iso('2026-11-18T00:00:00+08:00')}`)).toBe(2);
    expect(await drillCount(`from=${iso('2026-11-16T00:00:00+08:00')}`)).toBe(4);
    expect(await drillCount(`from=${iso('2026-10-01T00:00:00+08:00')}&to=${iso('2026-10-18T10:00:00+08:00')}`)).toBe(1);
  });

  it('overview: open, red and overdue now, each the count of its worklist', async () => {
    const { body } = await get('stats/overview');
    expect(body.open).toBe(5);
    expect(body.open).toBe(await drillCount('closed=false'));
    expect(body.red).toBe(await drillCount('closed=false&red=true'));
    expect(body.overdue).toBe(await drillCount('overdue=true'));
    // e2 (a month old, never accepted) is past its resolution deadline and red; today's are not
    const overdue = (await worklist('overdue=true')).map((e) => e.id);
    expect(overdue).toContain(ids.e2);
    expect(overdue).not.toContain(ids.e7);
    expect(body.red).toBeGreaterThanOrEqual(1);
    // overdue=false is the rest
    expect((await drillCount('overdue=false')) + body.overdue).toBe(7);
  });

  it("overview: this month's on-time acceptance and resolution from the assessment's facts", async () => {
    const { body } = await get('stats/overview');
    const facts = (await ts.server.db.sequelize.query(`SELECT kind, on_time FROM assessment_facts WHERE county_id = 'demo' AND period_at >= ${Date.parse('2026-11-01T00:00:00+08:00')} AND period_at < ${Date.parse('2026-12-01T00:00:00+08:00')}`))[0] as Array<{ kind: string; on_time: unknown }>;
    const expected = (kind: string) => {
      const rows = facts.filter((f) => f.kind === kind);
      const onTime = rows.filter((f) => f.on_time === true || f.on_time === 1).length;
      return { onTime, total: rows.length, rate: rows.length === 0 ? null : onTime / rows.length };
    };
    expect(body.onTimeAcceptance).toEqual(expected('accept'));
    expect(body.onTimeResolution).toEqual(expected('resolve'));
    // e3 and e4 accepted in time, e4 resolved in time
    expect(body.onTimeAcceptance.onTime).toBeGreaterThanOrEqual(2);
    expect(body.onTimeResolution.onTime).toBeGreaterThanOrEqual(1);
    expect(body.onTimeAcceptance.rate).toBeGreaterThan(0);
    expect(body.onTimeAcceptance.rate).toBeLessThanOrEqual(1);
  });

  it('trend: one row per day in the county zone, oldest first, zero days included; reported and closed', async () => {
    const res = await get('stats/trend?days=45');
    expect(res.status).toBe(200);
    const days = res.body.days as Array<{ date: string; reported: number; closed: number }>;
    expect(days).toHaveLength(45);
    expect(days[0].date).toBe('2026-10-05');
    expect(days[44].date).toBe('2026-11-18');
    const byDate = Object.fromEntries(days.map((d) => [d.date, [d.reported, d.closed]]));
    expect(byDate).toMatchObject({ '2026-10-05': [1, 1], '2026-10-25': [1, 0], '2026-11-10': [1, 0], '2026-11-17': [2, 1], '2026-11-18': [2, 0], '2026-11-01': [0, 0] });
    expect(days.reduce((n, d) => n + d.reported, 0)).toBe(7);
    expect((await get('stats/trend')).body.days).toHaveLength(30);
    // a day's figures drill to the worklist of that day
    const day = (d: string) => `${iso(`${d}T00:00:00+08:00`)}`;
    expect(await drillCount(`from=${day('2026-11-17')}&to=${day('2026-11-18')}`)).toBe(2);
    expect(await drillCount(`closedFrom=${day('2026-11-17')}&closedTo=${day('2026-11-18')}`)).toBe(1);
  });

  it.each(['category', 'township', 'unit', 'source'])('breakdown by %s: this month, most reported first, each figure its worklist', async (by) => {
    const res = await get(`stats/breakdown?by=${by}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ by, from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' });
    const rows = res.body.rows as Array<{ key: string | null; name: { zh: string } | null; reported: number; open: number; red: number; overdue: number; closed: number }>;
    expect(rows.reduce((n, r) => n + r.reported, 0)).toBe(5);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].reported).toBeGreaterThanOrEqual(rows[i].reported);
    const param = { category: 'category', township: 'township', unit: 'unit', source: 'source' }[by]!;
    const span = `from=${iso('2026-11-01T00:00:00+08:00')}&to=${iso('2026-12-01T00:00:00+08:00')}`;
    for (const row of rows.filter((r) => r.key !== null)) {
      const base = `${span}&${param}=${row.key}${by === 'unit' ? '&lead=true' : ''}`;
      expect(await drillCount(base)).toBe(row.reported);
      expect(await drillCount(`${base}&closed=false`)).toBe(row.open);
      expect(await drillCount(`${base}&closed=true`)).toBe(row.closed);
      expect(await drillCount(`${base}&red=true`)).toBe(row.red);
      expect(await drillCount(`${base}&overdue=true`)).toBe(row.overdue);
      if (by !== 'source') expect(row.name).not.toBeNull();
    }
    if (by === 'category') {
      expect(rows[0]).toMatchObject({ key: 'dispute-neighbor', reported: 4, closed: 1 });
      expect(rows[1]).toMatchObject({ key: NOISE.category, reported: 1 });
    }
    if (by === 'source') expect(rows.find((r) => r.key === 'grid_worker')?.name).toEqual({ zh: '网格员上报', en: 'Grid worker' });
  });

  it('breakdown of a given span', async () => {
    const res = await get(`stats/breakdown?by=category&from=${iso('2026-10-01T00:00:00+08:00')}&to=${iso('2026-11-01T00:00:00+08:00')}`);
    expect(res.body.rows).toEqual([{ key: 'dispute-neighbor', name: expect.objectContaining({ zh: expect.any(String) }), reported: 2, open: 1, red: expect.any(Number), overdue: 1, closed: 1 }]);
  });

  it('overdue units: most overdue first, each figure its worklist', async () => {
    const res = await get('stats/overdue-units?limit=5');
    expect(res.status).toBe(200);
    const rows = res.body.rows as Array<{ unit: string; name: unknown; overdue: number; red: number; open: number }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].unit).toBe(V1);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].overdue).toBeGreaterThanOrEqual(rows[i].overdue);
    for (const row of rows) {
      expect(await drillCount(`unit=${row.unit}&lead=true&closed=false`)).toBe(row.open);
      expect(await drillCount(`unit=${row.unit}&lead=true&overdue=true`)).toBe(row.overdue);
      expect(await drillCount(`unit=${row.unit}&lead=true&closed=false&red=true`)).toBe(row.red);
    }
    expect((await get('stats/overdue-units?limit=1')).body.rows).toHaveLength(1);
  });

  it("map: grids' open and red events, points at the report's coordinates or inside the grid", async () => {
    const res = await get('stats/map');
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    const points = res.body.points as Array<{ id: string; lng: number; lat: number; placed: string; grid: string }>;
    expect(points).toHaveLength(5);
    const e7 = points.find((p) => p.id === ids.e7)!;
    expect(e7).toMatchObject({ placed: 'report', lat: NOISE.data.location && (NOISE.data.location as { lat: number }).lat, grid: 'qs-cn-v01-g1' });
    const e6 = points.find((p) => p.id === ids.e6)!;
    expect(e6).toMatchObject({ placed: 'grid', grid: 'qs-fx-v01-g1', category: 'dispute-neighbor', state: expect.any(String), red: false });
    const grids = res.body.grids as Array<{ grid: string; open: number; red: number }>;
    const g1 = grids.find((g) => g.grid === 'qs-fx-v01-g1')!;
    expect(g1.open).toBe(await drillCount('grid=qs-fx-v01-g1&closed=false'));
    expect(g1.red).toBe(await drillCount('grid=qs-fx-v01-g1&closed=false&red=true'));
    // newest first, filters as the worklist's
    expect(points[0].id).toBe(ids.e7);
    expect((await get(`stats/map?category=${NOISE.category}`)).body.points.map((p: { id: string }) => p.id)).toEqual([ids.e7]);
    expect((await get(`stats/map?state=closed`)).body.points.length).toBeLessThanOrEqual(2);
    expect((await get(`stats/map?closed=true`)).body.points.map((p: { id: string }) => p.id).sort()).toEqual([ids.e1, ids.e4].sort());
    expect((await get(`stats/map?from=${iso('2026-11-18T00:00:00+08:00')}&level=1`)).body.points).toHaveLength(2);
  });

  it('a grid point is inside its grid (placing a report at it finds that grid)', async () => {
    const { body } = await get('stats/map');
    const e6 = body.points.find((p: { id: string }) => p.id === ids.e6);
    const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: tokens.worker, body: { category: 'dispute-neighbor', data: { ...DISPUTE, location: { lat: e6.lat, lng: e6.lng, address: '凤溪村' } } } });
    expect(res.status).toBe(201);
    expect(res.body.event.grid).toBe('qs-fx-v01-g1');
    await ts.server.db.models.Event.destroy({ where: { countyId: 'demo', id: res.body.event.id } });
  });

  it('scope: a handler counts its unit, a dispatcher its command room, another unit nothing; a grid worker is refused naming its role', async () => {
    const handler = await get('stats/overview', tokens.v1);
    expect(handler.body.scope).toEqual({ kind: 'unit', unit: V1 });
    expect(handler.body.open).toBe(await drillCount('closed=false', tokens.v1));
    expect(handler.body.reports.month.count).toBe(4);
    const other = await get('stats/overview', tokens.v2);
    expect(other.body).toMatchObject({ open: 0, red: 0, overdue: 0, reports: { today: { count: 0 }, month: { count: 0 } } });
    expect((await get('stats/breakdown?by=category', tokens.v2)).body.rows).toEqual([]);
    expect((await get('stats/map', tokens.v2)).body.points).toEqual([]);
    const dispatcher = await get('stats/overview', tokens.dispatcher);
    expect(dispatcher.body.scope).toEqual({ kind: 'unit', unit: 'qs-fx-cmd' });
    expect(dispatcher.body.open).toBe(await drillCount('closed=false', tokens.dispatcher));
    expect((await get('stats/overview', tokens.designer)).body.scope.kind).toBe('county');
    const worker = await get('stats/overview', tokens.worker);
    expect(worker.status).toBe(403);
    expect(worker.body.error).toMatchObject({ code: 'role-not-allowed', message: expect.stringContaining('grid_worker') });
    for (const path of ['stats/trend', 'stats/breakdown?by=unit', 'stats/overdue-units', 'stats/map']) expect((await get(path, tokens.worker)).status).toBe(403);
  });

  it.each([
    ['stats/trend?days=0', 'days'],
    ['stats/trend?days=367', 'days'],
    ['stats/trend?days=abc', 'days'],
    ['stats/breakdown', 'by'],
    ['stats/breakdown?by=colour', 'by'],
    ['stats/breakdown?by=unit&from=yesterday', 'from'],
    ['stats/breakdown?by=unit&from=2026-11-10T00:00:00%2B08:00&to=2026-11-01T00:00:00%2B08:00', 'to'],
    ['stats/breakdown?by=unit&format=pdf', 'format'],
    ['stats/overdue-units?limit=0', 'limit'],
    ['stats/overdue-units?limit=101', 'limit'],
    ['stats/overdue-units?format=doc', 'format'],
    ['stats/map?category=nope', 'category'],
    ['stats/map?level=9', 'level'],
    ['stats/map?state=nowhere', 'state'],
    ['stats/map?red=maybe', 'red'],
    ['stats/map?to=soon', 'to'],
    ['events?township=qs-fx-v01', 'township'],
    ['events?township=nowhere', 'township'],
    ['events?grid=qs-fx', 'grid'],
    ['events?format=pdf', 'format'],
    ['events?lead=true', 'lead'],
    ['events?closedFrom=x', 'closedFrom'],
  ])('%s is 400 naming %s', async (path, field) => {
    const res = await get(path);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('worklist: township and grid filters (comma lists)', async () => {
    const all = await drillCount('');
    const fx = await drillCount('township=qs-fx');
    const cn = await drillCount('township=qs-cn');
    expect(fx).toBe(6);
    expect(cn).toBe(1);
    expect(await drillCount('township=qs-fx,qs-cn')).toBe(all);
    expect(await drillCount('grid=qs-fx-v01-g1')).toBe(6);
    expect((await worklist('grid=qs-cn-v01-g1')).map((e) => e.id)).toEqual([ids.e7]);
  });

  it('worklist export: every page as CSV with a BOM and Chinese headers', async () => {
    const res = await download('events?format=csv&closed=false');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="events-demo-2026-11-18\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(bytes.subarray(3).toString('utf8').trim()).data;
    expect(rows[0].slice(0, 5)).toEqual(['事件编号', '类别编号', '类别', '等级', '状态']);
    expect(rows[0]).toContain('处置单位');
    expect(rows[0]).toContain('上报时间');
    expect(rows).toHaveLength(1 + 5);
    const e6 = rows.find((r) => r[0] === ids.e6)!;
    expect(e6[rows[0].indexOf('上报时间')]).toBe('2026-11-18 08:00:00');
    expect(e6[rows[0].indexOf('处置单位')]).not.toBe('');
  });

  it('worklist export: XLSX with real dates in the county zone, more rows than one export page', async () => {
    // more than one page of the export's keyset reads
    at(NOW);
    const many = 520;
    const { Event } = ts.server.db.models;
    const template = (await Event.findOne({ where: { countyId: 'demo', id: ids.e6 } }))!.get({ plain: true });
    const base = Date.parse('2026-09-01T08:00:00+08:00');
    const rows = Array.from({ length: many }, (_, i) => ({ ...template, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, reportedAt: new Date(base + i * 60_000), idempotencyKey: null }));
    await Event.bulkCreate(rows);
    try {
      const res = await download('events?format=xlsx&township=qs-fx');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/filename="events-demo-2026-11-18\.xlsx"/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).getCell(1).value).toBe('事件编号');
      expect(sheet.rowCount).toBe(1 + 6 + many);
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const reportedCol = header.indexOf('上报时间') + 1;
      const first = sheet.getRow(2);
      expect(first.getCell(1).value).toBe(ids.e6);
      const cell = first.getCell(reportedCol);
      expect(cell.value).toBeInstanceOf(Date);
      // the county's wall-clock time, as Excel has it (no zone)
      expect((cell.value as Date).toISOString()).toBe('2026-11-18T08:00:00.000Z');
      expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      const lastRow = sheet.getRow(sheet.rowCount);
      expect((lastRow.getCell(reportedCol).value as Date).toISOString()).toBe('2026-09-01T08:00:00.000Z');
    } finally {
      await Event.destroy({ where: { countyId: 'demo', id: rows.map((r) => r.id) } });
    }
  });

  it('breakdown and overdue units export as CSV and XLSX', async () => {
    const csv = await download('stats/breakdown?by=category&format=csv');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="breakdown-category-2026-11-01-2026-11-30\.csv"$/);
    const lines = Papa.parse<string[]>(Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8').trim()).data;
    expect(lines[0]).toEqual(['类别编号', '类别', '上报数', '办理中', '红灯', '超期', '已办结', '统计起始', '统计截止']);
    expect(lines[1].slice(0, 3)).toEqual(['dispute-neighbor', expect.any(String), '4']);
    expect(lines[1][7]).toBe('2026-11-01 00:00:00');
    const xlsx = await download('stats/overdue-units?format=xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(2).value).toBe('处置单位编号');
    expect(sheet.getRow(2).getCell(2).value).toBe(V1);
    expect((sheet.getRow(2).getCell(7).value as Date).toISOString()).toBe('2026-11-18T10:00:00.000Z');
  });
});
