/**
 * bench/worklist: worklist queries (`GET /api/v1/counties/:county/events?...`) over HTTP against a
 * runtime whose SQLite database holds 1,000,000 events of one county.
 *
 * Seeding: the runtime's own migrations create the schema and its indexes (`openDatabase` +
 * `migrate`); then the rows go in in time order through raw sqlite3 prepared multi-row INSERTs
 * into a staging table and one INSERT … SELECT per 50,000 rows. Each row is one of ~1,000 sample
 * reports of the baseline catalog (its form data and source), reported at the row's own time
 * (12 months, in order). For bench/backtest (`replayable`) each row is decided by the baseline as
 * intake would have decided it then: `decide` with the report time's facts (working time,
 * holiday, hour, weekday) and the recent-reports count of the rows before it (same category and
 * grid, 7 days, as `RecentReportCounter` rebuilds it), so replaying the history under the
 * unchanged baseline changes nothing. With 20 grids a year of a million reports repeats itself:
 * most such rows count 6+ recent reports of their kind in their grid, and the baseline sends
 * those to the county command centre (`e-repeat-6`). Otherwise (the worklist, dashboard and
 * assessment benches) a row keeps its report's decision at one fixed time with the sample's
 * count, spread over the units as in a county with many more grids. Level, unit (unless
 * escalated since), dispatcher, grid, township and the decision JSON come from that decision.
 * The SLA plan is planned at the report time; the acceptance clock is stopped for events past
 * acceptance and the resolution clock for resolved and closed ones (both on a return or an
 * escalation, as the workflow does), mostly within their deadlines, ~12% after them (so a
 * shortened deadline makes events newly late in a backtest). The states depend on age (old
 * events mostly closed), with red flags, joint handling and reporters. Decisions are memoised by
 * report, time facts and count (capped at 12): a replayable million rows take ~280,000 `decide`
 * calls and hold ~8,000 distinct decisions. SQLite copies the big JSON columns itself: `data` and
 * `explanation` (the report's at one fixed time, not the row's) from a template table, `decision`
 * from a table of the distinct decisions; the SLA plan crosses per row.
 *
 * Then the runtime (`runtime/main.ts`, a child process) starts on that folder; it creates county
 * `demo` (config version 1) as on any first start. Each query kind runs 200+ times, one at a time
 * on one keep-alive connection, and p50/p95 are reported.
 *
 * `node --import tsx bench/worklist.ts [--events 1000000] [--queries 240] [--keep <dir>]`
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import sqlite3 from 'sqlite3';
import { decide, planSla, RecentReportCounter, type CompiledConfig, type EventInput, type SlaClockName, type SlaPlan } from '../engine/index';
import { newId } from '../runtime/db/ids';
import { openDatabase } from '../runtime/db/open-database';
import { asciiJson } from '../runtime/db/sqlite-writer';
import { loadBaseline, sampleEvents } from './catalog-events';
import { runSequential, type LoadRequest, type LoadResult } from './http-load';
import { createTokenCli, startRuntime } from './intake';
import { seeded as rng } from '../test/engine/fixtures/cn-calendar-2026';

const COUNTY = 'demo';
const DAY = 86_400_000;


interface Template {
  k: number;
  /** The sample report (its data and source); decided again at each row's report time. */
  event: EventInput;
  /** The sample's recent-reports count (what the row is decided with unless replayable). */
  recentReports: number;
  category: string;
  /** Its unit and grid at the fixed time (the units the random escalations choose from; the grid its reports are counted at). */
  unit: string;
  grid: string | null;
  source: string;
  data: string;
  explanation: string;
}

/** ~1,000 sample reports and their decisions at one fixed time: the rows are built from these (each decided again at its own time). */
function templates(compiled: CompiledConfig): Template[] {
  const now = Date.parse('2026-06-01T02:00:00Z');
  return sampleEvents(compiled, 24, 11).map((event, k) => {
    const outcome = decide(compiled, { ...event, reportedAt: now }, { recentReports: event.recentReports });
    const d = outcome.decision;
    return {
      k,
      event: { category: event.category, data: event.data, reportedAt: now, source: event.source ?? 'api' },
      recentReports: event.recentReports ?? 0,
      category: event.category,
      unit: d.unit,
      grid: d.grid,
      source: event.source ?? 'api',
      // as the runtime stores JSON on SQLite: non-ASCII characters escaped (runtime/db/sqlite-writer.ts)
      data: asciiJson(event.data),
      explanation: asciiJson(outcome.explanation),
    };
  });
}

const OPEN_STATES = ['reported', 'triaged', 'dispatched', 'accepted', 'in_progress', 'resolved', 'returned', 'escalated', 'awaiting_reporter', 'reopened'];
const OPEN_WEIGHTS = [2, 2, 25, 20, 30, 10, 3, 3, 3, 2];
const CLOSED_STATES = ['closed', 'self_resolved', 'rejected'];
const CLOSED_WEIGHTS = [85, 10, 5];
/** States whose acceptance clock has stopped (accepted; or returned or escalated, which stop both clocks; or closed). */
const ACCEPT_STOPPED = new Set(['accepted', 'in_progress', 'awaiting_reporter', 'resolved', 'reopened', 'returned', 'escalated', ...CLOSED_STATES]);
/** States whose resolution clock has stopped. */
const RESOLVE_STOPPED = new Set(['resolved', 'reopened', 'returned', 'escalated', ...CLOSED_STATES]);

function pickWeighted<T>(items: readonly T[], weights: readonly number[], r: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

/** The big JSON columns that SQLite copies into each row: from the template (`t`) or the distinct decisions (`d`). */
const COPIED = new Map<string, string>([['data', 't'], ['explanation', 't'], ['decision', 'd']]);
const COLUMNS = ['county_id', 'id', 'config_version', 'category', 'level', 'state', 'closed', 'handling_unit', 'dispatcher', 'assist', 'reporter_id', 'source', 'grid', 'township', 'red', 'data', 'decision', 'explanation', 'sla', 'version', 'reported_at', 'updated_at', 'idempotency_key'] as const;

/** sequelize's SQLite DATE text: `YYYY-MM-DD HH:MM:SS.mmm +00:00`. */
function sqliteDate(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')} +00:00`;
}

function run(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
}
function all<T>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}

export interface SeedSummary {
  events: number;
  seconds: number;
  openEvents: number;
  units: Array<{ unit: string; open: number; total: number }>;
  fileMiB: number;
}

/**
 * Seeds `count` events of county `demo` into the runtime's SQLite database in `dataDir`.
 * `replayable`: each row decided at its own time with its own recent-reports count (a replay of
 * the history under the baseline changes nothing; bench/backtest). Otherwise each row keeps its
 * report's decision at the one fixed time with the sample's count, which spreads the rows over
 * the units as a county with many more grids would (with the 20 grids of the catalog, a year of a
 * million reports repeats itself so often that nearly all of them would go to the county command
 * centre): the shape the worklist, dashboard and assessment benches are measured on.
 */
export async function seedWorklistDatabase(dataDir: string, compiled: CompiledConfig, count: number, now = Date.now(), opts: { replayable?: boolean } = {}): Promise<SeedSummary> {
  const started = performance.now();
  const runtimeDb = await openDatabase({ dataDir, logger: pino({ level: 'silent' }) });
  await runtimeDb.migrate();
  await runtimeDb.close();

  const file = join(dataDir, 'pingtai.sqlite');
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d: sqlite3.Database = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  // A private bulk load: no journal, no fsync, a big page cache. WAL again at the end.
  await run(db, 'PRAGMA journal_mode = OFF');
  await run(db, 'PRAGMA synchronous = OFF');
  await run(db, 'PRAGMA cache_size = -2000000');
  await run(db, 'PRAGMA temp_store = MEMORY');
  const indexes = await all<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'`);

  const pool = templates(compiled);
  const random = rng(20260601);
  // Zipf-like popularity: a few categories make most of the reports.
  const weights = pool.map((_, i) => 1 / (1 + (i % 42)) ** 0.8);
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const totalWeight = cumulative[cumulative.length - 1];
  const pickTemplate = () => {
    const x = random() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return pool[lo];
  };
  const handlers = [...new Set(pool.map((t) => t.unit))];
  const reporters = Array.from({ length: 300 }, (_, i) => newId(now - 400 * DAY + i));

  // The big JSON columns are copied by SQLite itself: data and explanation (~3 KB a row) from a
  // template table, the decision from a table of the distinct decisions made (a few thousand).
  // What crosses from JS per row is the small columns, the SLA plan, a template number and a
  // decision number.
  await run(db, 'CREATE TEMP TABLE tpl (k INTEGER PRIMARY KEY, data TEXT, explanation TEXT)');
  await run(db, 'CREATE TEMP TABLE dec (m INTEGER PRIMARY KEY, decision TEXT)');
  await run(db, 'BEGIN');
  for (let k = 0; k < pool.length; k++) await run(db, 'INSERT INTO tpl VALUES (?, ?, ?)', [k, pool[k].data, pool[k].explanation]);
  await run(db, 'COMMIT');
  const STAGED = COLUMNS.filter((c) => !COPIED.has(c));
  await run(db, `CREATE TEMP TABLE stage (${STAGED.join(', ')}, k INTEGER, m INTEGER)`);
  const ROWS = 200;
  const placeholders = `(${[...STAGED, 'k', 'm'].map(() => '?').join(', ')})`;
  const insertMany = db.prepare(`INSERT INTO stage VALUES ${Array.from({ length: ROWS }, () => placeholders).join(', ')}`);
  const insertOne = db.prepare(`INSERT INTO stage VALUES ${placeholders}`);
  const stmtRun = (stmt: sqlite3.Statement, params: unknown[]) => new Promise<void>((resolve, reject) => stmt.run(params, (err: Error | null) => (err ? reject(err) : resolve())));
  const moveStage = `INSERT INTO events (${COLUMNS.join(', ')}) SELECT ${COLUMNS.map((c) => `${COPIED.get(c) ?? 's'}.${c}`).join(', ')} FROM stage s JOIN tpl t ON t.k = s.k JOIN dec d ON d.m = s.m ORDER BY s.rowid`;

  // Each row's decision: the template's report decided at the row's time with the row's
  // recent-reports count, memoised by everything that differs between rows (the count capped at
  // 12, above every recentReports threshold of the baseline catalog, and the time facts).
  interface Decided { m: number; level: number; unit: string; dispatcher: string; grid: string | null; township: string | null; slaPolicy: string }
  const decided = new Map<number, Decided>();
  const distinct = new Map<string, Decided>(); // by JSON: each decision once, numbered
  const newDecisions: unknown[] = []; // [m, JSON] not yet in `dec`
  const counter = new RecentReportCounter();
  const decideAt = (t: Template, rowTime: number): Decided => {
    const reportedAt = opts.replayable ? rowTime : t.event.reportedAt;
    const recentReports = opts.replayable ? counter.next(t.category, t.grid, rowTime) : t.recentReports;
    const f = compiled.timeFacts(reportedAt);
    const key = ((((t.k * 13 + Math.min(recentReports, 12)) * 2 + (f.workingTime ? 1 : 0)) * 2 + (f.holiday ? 1 : 0)) * 24 + f.hourOfDay) * 7 + f.dayOfWeek;
    let hit = decided.get(key);
    if (!hit) {
      const d = decide(compiled, { ...t.event, reportedAt }, { recentReports }, { explain: false }).decision;
      const json = asciiJson(d);
      hit = distinct.get(json);
      if (!hit) {
        hit = { m: distinct.size, level: d.level, unit: d.unit, dispatcher: d.dispatcher, grid: d.grid, township: d.township, slaPolicy: d.slaPolicy };
        distinct.set(json, hit);
        newDecisions.push(hit.m, json);
      }
      decided.set(key, hit);
    }
    return hit;
  };
  const flushDecisions = async () => {
    for (let j = 0; j < newDecisions.length; j += 2 * ROWS) {
      const chunk = newDecisions.slice(j, j + 2 * ROWS);
      await run(db, `INSERT INTO dec VALUES ${Array.from({ length: chunk.length / 2 }, () => '(?, ?)').join(', ')}`, chunk);
    }
    newDecisions.length = 0;
  };
  // Its SLA plan, planned at the report time, with the clocks the state has stopped stopped: within
  // the deadline mostly (anywhere in the budget), after it for ~12% (up to half the budget late).
  // (The plan is fresh: its clocks are stopped in place, as `stopClock` would, without copies.)
  const stopAt = (plan: SlaPlan, clock: SlaClockName, after: number): void => {
    const c = plan.clocks[clock];
    if (!c || c.dueAt === null) return;
    const budget = Math.max(60_000, c.dueAt - c.startedAt);
    const from = Math.max(after, c.startedAt);
    const at = random() < 0.12 ? Math.max(from, c.dueAt) + 60_000 + random() * budget * 0.5 : from + random() * Math.max(0, c.dueAt - from);
    c.stoppedAt = Math.min(now, Math.floor(at));
    plan.timers = plan.timers.filter((timer) => timer.of !== clock);
  };
  const slaOf = (slaPolicy: string, state: string, reportedAt: number): SlaPlan => {
    const plan = planSla(compiled, { decision: { slaPolicy }, startAt: reportedAt, clocks: ['accept', 'resolve'] });
    if (ACCEPT_STOPPED.has(state)) stopAt(plan, 'accept', reportedAt);
    if (RESOLVE_STOPPED.has(state)) stopAt(plan, 'resolve', plan.clocks.accept?.stoppedAt ?? reportedAt);
    return plan;
  };

  const from = now - 365 * DAY;
  const span = 365 * DAY - 60_000;
  let open = 0;
  let last = 0;
  const perUnit = new Map<string, { open: number; total: number }>();
  const row = (i: number): unknown[] => {
    const t = pickTemplate();
    // spread over 12 months, in time order (as they would have arrived), with a daily rhythm;
    // strictly increasing, so the recent-reports counts are those of the (reported_at, id) order
    const reportedAt = (last = Math.max(last + 1, Math.floor(from + (i / count) * span + random() * 30_000)));
    const d = decideAt(t, reportedAt);
    const ageDays = (now - reportedAt) / DAY;
    // open share falls with age: ~70% of today's, ~15% at a week, ~1% after two months
    const openProbability = ageDays < 60 ? Math.max(0.01, 0.7 * Math.exp(-ageDays / 4)) + 0.01 : 0.004;
    const isOpen = random() < openProbability;
    const state = isOpen ? pickWeighted(OPEN_STATES, OPEN_WEIGHTS, random()) : pickWeighted(CLOSED_STATES, CLOSED_WEIGHTS, random());
    const red = isOpen ? random() < (ageDays > 3 ? 0.35 : 0.05) : random() < 0.06;
    const escalated = state === 'escalated' || random() < 0.02;
    const unit = escalated ? handlers[Math.floor(random() * handlers.length)] : d.unit;
    const assist = random() < 0.03 ? JSON.stringify([handlers[Math.floor(random() * handlers.length)]].filter((u) => u !== unit)) : '[]';
    if (isOpen) open++;
    const u = perUnit.get(unit) ?? { open: 0, total: 0 };
    u.total++;
    if (isOpen) u.open++;
    perUnit.set(unit, u);
    const sla = slaOf(d.slaPolicy, state, reportedAt);
    const stopped = Math.max(sla.clocks.accept?.stoppedAt ?? 0, sla.clocks.resolve?.stoppedAt ?? 0);
    const updatedAt = Math.max(stopped, isOpen ? reportedAt + Math.floor(random() * Math.max(1, now - reportedAt)) : reportedAt + Math.floor(random() * 10 * DAY));
    return [
      COUNTY, newId(reportedAt), 1, t.category, d.level, state, CLOSED_STATES.includes(state) ? 1 : 0, unit, d.dispatcher, assist,
      random() < 0.6 ? reporters[Math.floor(random() * reporters.length)] : 'citizen', t.source, d.grid, d.township, red ? 1 : 0,
      JSON.stringify(sla), isOpen ? 2 + Math.floor(random() * 3) : 5 + Math.floor(random() * 3), sqliteDate(reportedAt), sqliteDate(Math.min(updatedAt, now)), null, t.k, d.m,
    ];
  };

  const PER_TRANSACTION = 50_000;
  let i = 0;
  while (i < count) {
    await run(db, 'BEGIN');
    const end = Math.min(count, i + PER_TRANSACTION);
    while (i + ROWS <= end) {
      const params: unknown[] = [];
      for (let k = 0; k < ROWS; k++) params.push(...row(i++));
      await stmtRun(insertMany, params);
    }
    while (i < end) await stmtRun(insertOne, row(i++));
    await flushDecisions();
    await run(db, moveStage);
    await run(db, 'DELETE FROM stage');
    await run(db, 'COMMIT');
  }
  await new Promise<void>((resolve) => insertMany.finalize(() => insertOne.finalize(() => resolve())));
  await run(db, 'PRAGMA journal_mode = WAL');
  await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(file));
  const seconds = (performance.now() - started) / 1000;
  console.log(`  seeded ${count.toLocaleString('en')} events (${open.toLocaleString('en')} open; ${distinct.size.toLocaleString('en')} distinct decisions) in ${seconds.toFixed(1)} s (the ${indexes.length} indexes of the events table maintained as rows go in); file ${(size / 2 ** 20).toFixed(0)} MiB`);
  const units = [...perUnit].map(([unit, v]) => ({ unit, ...v })).sort((a, b) => b.total - a.total);
  return { events: count, seconds, openEvents: open, units, fileMiB: size / 2 ** 20 };
}

export interface WorklistQueryFigures {
  query: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** Mean number of events per page returned. */
  rows: number;
}

export interface WorklistFigures {
  events: number;
  seedSeconds: number;
  queries: WorklistQueryFigures[];
  /** p95 of the worst query kind. */
  worstP95: number;
  target: boolean;
}

export interface WorklistOptions {
  events?: number;
  /** Queries per kind (default 240). */
  queries?: number;
  /** Time bound per query kind (default 10 s): a slow kind reports fewer than `queries` samples. */
  maxSecondsPerKind?: number;
  /** Reuse (or keep) a seeded folder instead of a temp one. */
  keepDir?: string;
}

export async function benchWorklist(options: WorklistOptions = {}): Promise<WorklistFigures> {
  const count = options.events ?? 1_000_000;
  const perKind = options.queries ?? 240;
  const compiled = await loadBaseline();
  console.log(`bench/worklist  ${count.toLocaleString('en')} events of one county in the runtime's SQLite schema; GET /api/v1/counties/demo/events over HTTP on loopback, one query at a time, ${perKind} per kind`);
  const dataDir = options.keepDir ?? (await mkdtemp(join(tmpdir(), 'pingtai-bench-worklist-')));
  let seed: SeedSummary | undefined;
  let seedSeconds = 0;
  const reuse = options.keepDir !== undefined && existsSync(join(dataDir, 'pingtai.sqlite'));
  try {
    if (!reuse) {
      seed = await seedWorklistDatabase(dataDir, compiled, count);
      seedSeconds = seed.seconds;
    } else console.log(`  reusing the seeded database in ${dataDir}`);
    const runtime = await startRuntime({ dataDir });
    try {
      let adminToken = runtime.adminToken;
      if (!adminToken) adminToken = await createTokenCli(runtime.env, { county: COUNTY, role: 'county_admin' });
      const units = seed?.units.map((u) => u.unit) ?? [...new Set(templates(compiled).map((t) => t.unit))];
      const busiest = units.slice(0, 12);
      const handlerUnit = busiest[0];
      const handlerToken = await createTokenCli(runtime.env, { county: COUNTY, role: 'handler', unit: handlerUnit });
      const dispatcherUnit = compiled.config.units.find((u) => u.kind === 'township_command')!.id;
      const dispatcherToken = await createTokenCli(runtime.env, { county: COUNTY, role: 'dispatcher', unit: dispatcherUnit });
      const categories = [...compiled.categories.keys()];
      const random = rng(7);
      const base = `/api/v1/counties/${COUNTY}/events`;
      const as = (token: string) => ({ authorization: `Bearer ${token}` });
      const q = (params: Record<string, string>) => `${base}?${new URLSearchParams(params).toString()}`;
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();

      const kinds: Array<{ name: string; requests: () => LoadRequest[] }> = [
        {
          name: "a unit's open events, newest first (admin, unit=)",
          requests: () => Array.from({ length: perKind }, (_, i) => ({ method: 'GET', path: q({ unit: busiest[i % busiest.length], closed: 'false', limit: '50' }), headers: as(adminToken) })),
        },
        {
          name: 'my open events, newest first (handler token)',
          requests: () => Array.from({ length: perKind }, () => ({ method: 'GET', path: q({ closed: 'false', limit: '50' }), headers: as(handlerToken) })),
        },
        {
          name: "a unit's open events, red/overdue first",
          requests: () => Array.from({ length: perKind }, (_, i) => ({ method: 'GET', path: q({ unit: busiest[i % busiest.length], closed: 'false', order: 'red-first', limit: '50' }), headers: as(adminToken) })),
        },
        {
          name: 'overdue (red) open events of the county',
          requests: () => Array.from({ length: perKind }, () => ({ method: 'GET', path: q({ red: 'true', closed: 'false', limit: '50' }), headers: as(adminToken) })),
        },
        {
          name: 'by category and level (levels 3,4), newest first',
          requests: () => Array.from({ length: perKind }, (_, i) => ({ method: 'GET', path: q({ category: categories[i % categories.length], level: '3,4', limit: '50' }), headers: as(adminToken) })),
        },
        {
          name: 'by category, one month (from/to)',
          requests: () =>
            Array.from({ length: perKind }, (_, i) => {
              const start = now - Math.floor(random() * 330) * DAY;
              return { method: 'GET', path: q({ category: categories[i % categories.length], from: iso(start), to: iso(start + 30 * DAY), limit: '50' }), headers: as(adminToken) };
            }),
        },
        {
          name: "dispatcher's worklist: state=reported,triaged,returned",
          requests: () => Array.from({ length: perKind }, () => ({ method: 'GET', path: q({ state: 'reported,triaged,returned', limit: '50' }), headers: as(dispatcherToken) })),
        },
      ];

      const results: WorklistQueryFigures[] = [];
      const record = (name: string, r: LoadResult, rows: number) => {
        const f = { query: name, n: r.requests, p50: r.p50, p95: r.p95, p99: r.p99, max: r.max, errors: r.errors, rows };
        results.push(f);
        console.log(`  ${name.padEnd(58)} n ${String(r.requests).padStart(3)}   p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   max ${r.max.toFixed(0).padStart(5)} ms   ${rows.toFixed(0).padStart(3)} rows/page  ${r.errors ? `${r.errors} ERRORS ${JSON.stringify(r.errorKinds).slice(0, 300)}` : ''}`);
      };
      const cursors: Array<{ path: string; token: string }> = [];
      for (const kind of kinds) {
        let rows = 0;
        const requests = kind.requests();
        const r = await runSequential({
          baseUrl: runtime.url,
          requests,
          warmup: 5,
          maxMs: options.maxSecondsPerKind === undefined ? 10_000 : options.maxSecondsPerKind * 1000,
          onResponse: (_status, body, req) => {
            const parsed = JSON.parse(body.toString('utf8')) as { events?: unknown[]; nextCursor?: string | null };
            rows += parsed.events?.length ?? 0;
            if (kind === kinds[0] && parsed.nextCursor && cursors.length < perKind) cursors.push({ path: `${req.path}&cursor=${encodeURIComponent(parsed.nextCursor)}`, token: adminToken });
          },
        });
        record(kind.name, r, rows / Math.max(1, r.ok));
      }
      if (cursors.length > 0) {
        let rows = 0;
        const requests: LoadRequest[] = Array.from({ length: perKind }, (_, i) => ({ method: 'GET', path: cursors[i % cursors.length].path, headers: as(cursors[i % cursors.length].token) }));
        const r = await runSequential({
          baseUrl: runtime.url,
          requests,
          warmup: 5,
          maxMs: options.maxSecondsPerKind === undefined ? 10_000 : options.maxSecondsPerKind * 1000,
          onResponse: (_s, body) => (rows += (JSON.parse(body.toString('utf8')) as { events?: unknown[] }).events?.length ?? 0),
        });
        record("second page via cursor (a unit's open events)", r, rows / Math.max(1, r.ok));
      } else console.log('  (no cursor came back from the first query kind: second pages not measured)');

      const worstP95 = Math.max(...results.map((r) => r.p95));
      const target = worstP95 < 20 && results.every((r) => r.errors === 0);
      console.log(`  target p95 < 20 ms for every query kind: ${target ? 'met' : 'MISSED'} (worst p95 ${worstP95.toFixed(1)} ms)`);
      return { events: count, seedSeconds, queries: results, worstP95, target };
    } finally {
      await runtime.stop();
    }
  } finally {
    if (options.keepDir === undefined) await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  await benchWorklist({ events: arg('events') ? Number(arg('events')) : undefined, queries: arg('queries') ? Number(arg('queries')) : undefined, keepDir: arg('keep') });
}
