/**
 * bench/worklist: worklist queries (`GET /api/v1/counties/:county/events?...`) over HTTP against a
 * runtime whose SQLite database holds 1,000,000 events of one county.
 *
 * Seeding: the runtime's own migrations create the schema and its indexes (`openDatabase` +
 * `migrate`); then the rows go in in time order through raw sqlite3 prepared multi-row INSERTs
 * into a staging table and one INSERT … SELECT per 50,000 rows (SQLite copies the ~3.5 KB of
 * JSON columns of each row from a template table itself). The rows are real
 * decisions of the baseline catalog (`decide` on sample reports: level, unit, dispatcher, grid,
 * township, decision, explanation, SLA plan), spread over 12 months of reported_at, with states
 * that depend on age (old events mostly closed), red flags, joint handling and reporters.
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
import { decide, planSla, type CompiledConfig } from '../engine/index';
import { newId } from '../runtime/db/ids';
import { openDatabase } from '../runtime/db/open-database';
import { loadBaseline, sampleEvents } from './catalog-events';
import { runSequential, type LoadRequest, type LoadResult } from './http-load';
import { createTokenCli, startRuntime } from './intake';
import { seeded as rng } from '../test/engine/fixtures/cn-calendar-2026';

const COUNTY = 'demo';
const DAY = 86_400_000;


interface Template {
  k: number;
  category: string;
  level: number;
  unit: string;
  dispatcher: string;
  grid: string | null;
  township: string | null;
  source: string;
  data: string;
  decision: string;
  explanation: string;
  sla: string;
}

/** Real decisions of the catalog on ~1,000 sample reports: the rows are built from these. */
function templates(compiled: CompiledConfig): Template[] {
  const now = Date.parse('2026-06-01T02:00:00Z');
  return sampleEvents(compiled, 24, 11).map((event, k) => {
    const outcome = decide(compiled, { ...event, reportedAt: now }, { recentReports: event.recentReports });
    const d = outcome.decision;
    const sla = planSla(compiled, { decision: d, startAt: now, clocks: ['accept', 'resolve'] });
    return {
      k,
      category: event.category,
      level: d.level,
      unit: d.unit,
      dispatcher: d.dispatcher,
      grid: d.grid,
      township: d.township,
      source: event.source ?? 'api',
      data: JSON.stringify(event.data),
      decision: JSON.stringify(d),
      explanation: JSON.stringify(outcome.explanation),
      sla: JSON.stringify(sla),
    };
  });
}

const OPEN_STATES = ['reported', 'triaged', 'dispatched', 'accepted', 'in_progress', 'resolved', 'returned', 'escalated', 'awaiting_reporter', 'reopened'];
const OPEN_WEIGHTS = [2, 2, 25, 20, 30, 10, 3, 3, 3, 2];
const CLOSED_STATES = ['closed', 'self_resolved', 'rejected'];
const CLOSED_WEIGHTS = [85, 10, 5];

function pickWeighted<T>(items: readonly T[], weights: readonly number[], r: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

const JSON_COLUMNS = new Set<string>(['data', 'decision', 'explanation', 'sla']);
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

/** Seeds `count` events of county `demo` into the runtime's SQLite database in `dataDir`. */
export async function seedWorklistDatabase(dataDir: string, compiled: CompiledConfig, count: number, now = Date.now()): Promise<SeedSummary> {
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

  // The JSON columns (~3.5 KB a row) are copied by SQLite itself from a template table: the rows
  // that cross from JS are the small columns plus a template number.
  await run(db, 'CREATE TEMP TABLE tpl (k INTEGER PRIMARY KEY, data TEXT, decision TEXT, explanation TEXT, sla TEXT)');
  await run(db, 'BEGIN');
  for (let k = 0; k < pool.length; k++) await run(db, 'INSERT INTO tpl VALUES (?, ?, ?, ?, ?)', [k, pool[k].data, pool[k].decision, pool[k].explanation, pool[k].sla]);
  await run(db, 'COMMIT');
  const SMALL = COLUMNS.filter((c) => !JSON_COLUMNS.has(c));
  await run(db, `CREATE TEMP TABLE stage (${SMALL.join(', ')}, k INTEGER)`);
  const ROWS = 200;
  const placeholders = `(${[...SMALL, 'k'].map(() => '?').join(', ')})`;
  const insertMany = db.prepare(`INSERT INTO stage VALUES ${Array.from({ length: ROWS }, () => placeholders).join(', ')}`);
  const insertOne = db.prepare(`INSERT INTO stage VALUES ${placeholders}`);
  const stmtRun = (stmt: sqlite3.Statement, params: unknown[]) => new Promise<void>((resolve, reject) => stmt.run(params, (err: Error | null) => (err ? reject(err) : resolve())));
  const moveStage = `INSERT INTO events (${COLUMNS.join(', ')}) SELECT ${COLUMNS.map((c) => (JSON_COLUMNS.has(c) ? `t.${c}` : `s.${c}`)).join(', ')} FROM stage s JOIN tpl t ON t.k = s.k ORDER BY s.rowid`;

  const from = now - 365 * DAY;
  const span = 365 * DAY - 60_000;
  let open = 0;
  const perUnit = new Map<string, { open: number; total: number }>();
  const row = (i: number): unknown[] => {
    const t = pickTemplate();
    // spread over 12 months, in time order (as they would have arrived), with a daily rhythm
    const reportedAt = Math.floor(from + (i / count) * span + random() * 30_000);
    const ageDays = (now - reportedAt) / DAY;
    // open share falls with age: ~70% of today's, ~15% at a week, ~1% after two months
    const openProbability = ageDays < 60 ? Math.max(0.01, 0.7 * Math.exp(-ageDays / 4)) + 0.01 : 0.004;
    const isOpen = random() < openProbability;
    const state = isOpen ? pickWeighted(OPEN_STATES, OPEN_WEIGHTS, random()) : pickWeighted(CLOSED_STATES, CLOSED_WEIGHTS, random());
    const red = isOpen ? random() < (ageDays > 3 ? 0.35 : 0.05) : random() < 0.06;
    const escalated = state === 'escalated' || random() < 0.02;
    const unit = escalated ? handlers[Math.floor(random() * handlers.length)] : t.unit;
    const assist = random() < 0.03 ? JSON.stringify([handlers[Math.floor(random() * handlers.length)]].filter((u) => u !== unit)) : '[]';
    if (isOpen) open++;
    const u = perUnit.get(unit) ?? { open: 0, total: 0 };
    u.total++;
    if (isOpen) u.open++;
    perUnit.set(unit, u);
    const updatedAt = isOpen ? reportedAt + Math.floor(random() * Math.max(1, now - reportedAt)) : reportedAt + Math.floor(random() * 10 * DAY);
    return [
      COUNTY, newId(reportedAt), 1, t.category, t.level, state, CLOSED_STATES.includes(state) ? 1 : 0, unit, t.dispatcher, assist,
      random() < 0.6 ? reporters[Math.floor(random() * reporters.length)] : 'citizen', t.source, t.grid, t.township, red ? 1 : 0,
      isOpen ? 2 + Math.floor(random() * 3) : 5 + Math.floor(random() * 3), sqliteDate(reportedAt), sqliteDate(Math.min(updatedAt, now)), null, t.k,
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
    await run(db, moveStage);
    await run(db, 'DELETE FROM stage');
    await run(db, 'COMMIT');
  }
  await new Promise<void>((resolve) => insertMany.finalize(() => insertOne.finalize(() => resolve())));
  await run(db, 'PRAGMA journal_mode = WAL');
  await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(file));
  const seconds = (performance.now() - started) / 1000;
  console.log(`  seeded ${count.toLocaleString('en')} events (${open.toLocaleString('en')} open) in ${seconds.toFixed(1)} s (the ${indexes.length} indexes of the events table maintained as rows go in); file ${(size / 2 ** 20).toFixed(0)} MiB`);
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
