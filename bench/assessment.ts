/**
 * bench/assessment: a county's assessment of one month (`GET /api/v1/counties/demo/assessment
 * ?period=YYYY-MM`), computed now over HTTP, against a runtime whose SQLite database holds
 * 1,000,000 events of one county over 12 months with their assessment facts and ratings; a
 * quarter, the year and one figure's drill-down are timed too. Target: a month ≤ 2 s.
 *
 * Seeding: the worklist bench's events (bench/worklist.ts: real decisions of the baseline catalog,
 * states by age), then, in SQL from those rows, the facts the runtime would have stored: an accept
 * deadline (92% met) for every dispatched event, a resolve deadline (88% met) and a resolution for
 * those past acceptance, a closure for the closed ones (a reopening for the reopened), and a
 * satisfaction rating for 60% of the closures. Open events keep the SLA plans the worklist bench
 * gave them, so the query also reads the running clocks from the events.
 *
 * `node --import tsx bench/assessment.ts [--events 1000000] [--keep <dir>]`
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { parsePeriod } from '../engine/index';
import { loadBaseline } from './catalog-events';
import { runSequential, type LoadResult } from './http-load';
import { createTokenCli, startRuntime } from './intake';
import { seedWorklistDatabase } from './worklist';

const COUNTY = 'demo';
const HOUR = 3_600_000;

function run(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, (err) => (err ? reject(err) : resolve())));
}
function one<T>(db: sqlite3.Database, sql: string): Promise<T> {
  return new Promise((resolve, reject) => db.get(sql, (err, row) => (err ? reject(err) : resolve(row as T))));
}

/** The facts of the seeded events, written by SQLite from the events themselves. */
async function seedFacts(file: string): Promise<{ facts: number; ratings: number; seconds: number }> {
  const started = performance.now();
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d: sqlite3.Database = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  await run(db, 'PRAGMA synchronous = OFF');
  await run(db, 'PRAGMA cache_size = -1000000');
  const ms = "CAST((julianday(substr(e.reported_at, 1, 23)) - 2440587.5) * 86400000 AS INTEGER)";
  const dims = "e.category, e.level, e.source, e.township, e.grid, COALESCE(json_extract(e.decision, '$.tags'), '[]'), e.dispatcher";
  const columns = 'county_id, event_id, kind, since, unit, period_at, due_at, on_time, recorded_at, category, level, source, township, grid, tags, dispatcher';
  const held = `e.county_id = '${COUNTY}' AND e.handling_unit IS NOT NULL`;
  const past = (states: string) => `e.state IN (${states.split(',').map((s) => `'${s}'`).join(', ')})`;
  const statements = [
    // accept deadlines: 8 h after the report, met by 92%
    `INSERT INTO assessment_facts (${columns}) SELECT e.county_id, e.id, 'accept', ${ms}, e.handling_unit, ${ms} + ${8 * HOUR}, ${ms} + ${8 * HOUR}, abs(random()) % 100 < 92, ${ms} + ${HOUR}, ${dims} FROM events e WHERE ${held} AND ${past('accepted,in_progress,resolved,closed,reopened,awaiting_reporter')}`,
    // resolve deadlines: 5 days after the report, met by 88%
    `INSERT INTO assessment_facts (${columns}) SELECT e.county_id, e.id, 'resolve', ${ms}, e.handling_unit, ${ms} + ${120 * HOUR}, ${ms} + ${120 * HOUR}, abs(random()) % 100 < 88, ${ms} + ${48 * HOUR}, ${dims} FROM events e WHERE ${held} AND ${past('resolved,closed,reopened')}`,
    `INSERT INTO assessment_facts (${columns}) SELECT e.county_id, e.id, 'resolution', ${ms} + ${48 * HOUR}, e.handling_unit, ${ms} + ${48 * HOUR}, ${ms} + ${120 * HOUR}, 1, ${ms} + ${48 * HOUR}, ${dims} FROM events e WHERE ${held} AND ${past('resolved,closed,reopened')}`,
    `INSERT INTO assessment_facts (${columns}) SELECT e.county_id, e.id, 'closure', ${ms} + ${48 * HOUR}, e.handling_unit, ${ms} + ${48 * HOUR}, NULL, NULL, ${ms} + ${72 * HOUR}, ${dims} FROM events e WHERE ${held} AND ${past('closed')}`,
    `INSERT INTO assessment_facts (${columns}) SELECT e.county_id, e.id, 'reopen', ${ms} + ${48 * HOUR}, e.handling_unit, ${ms} + ${48 * HOUR}, NULL, NULL, ${ms} + ${72 * HOUR}, ${dims} FROM events e WHERE ${held} AND ${past('reopened')}`,
    `INSERT INTO satisfaction_ratings (county_id, event_id, value, satisfied, source, actor_id, comment, rated_at) SELECT f.county_id, f.event_id, CASE WHEN abs(random()) % 10 < 9 THEN 'satisfied' ELSE 'unsatisfied' END, 0, 'reporter', 'bench', NULL, f.recorded_at FROM assessment_facts f WHERE f.kind = 'closure' AND abs(random()) % 10 < 6`,
    "UPDATE satisfaction_ratings SET satisfied = (value = 'satisfied')",
  ];
  for (const sql of statements) await run(db, sql);
  const facts = (await one<{ n: number }>(db, 'SELECT count(*) AS n FROM assessment_facts')).n;
  const ratings = (await one<{ n: number }>(db, 'SELECT count(*) AS n FROM satisfaction_ratings')).n;
  await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  return { facts, ratings, seconds: (performance.now() - started) / 1000 };
}

export interface AssessmentFigures {
  events: number;
  facts: number;
  month: LoadResult;
  target: boolean;
}

export async function benchAssessment(options: { events?: number; keepDir?: string } = {}): Promise<AssessmentFigures> {
  const count = options.events ?? 1_000_000;
  const compiled = await loadBaseline();
  console.log(`bench/assessment  ${count.toLocaleString('en')} events of one county with their assessment facts (SQLite); GET /api/v1/counties/demo/assessment over HTTP, computed now (no stored revision)`);
  const dataDir = options.keepDir ?? (await mkdtemp(join(tmpdir(), 'pingtai-bench-assessment-')));
  const file = join(dataDir, 'pingtai.sqlite');
  try {
    let facts: number;
    if (options.keepDir !== undefined && existsSync(file)) {
      const db = new sqlite3.Database(file);
      facts = (await one<{ n: number }>(db, 'SELECT count(*) AS n FROM assessment_facts')).n;
      db.close();
      console.log(`  reusing the seeded database in ${dataDir} (${facts.toLocaleString('en')} facts)`);
    } else {
      await seedWorklistDatabase(dataDir, compiled, count);
      const seeded = await seedFacts(file);
      facts = seeded.facts;
      console.log(`  facts: ${seeded.facts.toLocaleString('en')} rows and ${seeded.ratings.toLocaleString('en')} ratings in ${seeded.seconds.toFixed(1)} s; file ${((await stat(file)).size / 2 ** 20).toFixed(0)} MiB`);
    }
    const runtime = await startRuntime({ dataDir });
    try {
      const token = runtime.adminToken || (await createTokenCli(runtime.env, { county: COUNTY, role: 'county_admin' }));
      const headers = { authorization: `Bearer ${token}` };
      // the last full month, its quarter and its year
      const now = new Date();
      const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
      const month = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
      const quarter = `${last.getUTCFullYear()}-Q${Math.floor(last.getUTCMonth() / 3) + 1}`;
      const year = `${last.getUTCFullYear()}`;
      let busiest = '';
      const time = async (label: string, path: string, n: number, onBody?: (body: Buffer) => void): Promise<LoadResult> => {
        const r = await runSequential({ baseUrl: runtime.url, requests: Array.from({ length: n }, () => ({ method: 'GET', path, headers })), warmup: 1, onResponse: (_s, body) => onBody?.(body) }).catch((err: Error) => {
          // a request over the load generator's 30 s limit
          console.log(`  ${label.padEnd(46)} ${err.message}`);
          return null;
        });
        if (!r) return { requests: 0, ok: 0, errors: 1, errorKinds: { timeout: { count: 1, sample: '' } }, seconds: 0, rate: 0, p50: Infinity, p95: Infinity, p99: Infinity, max: Infinity, mean: Infinity } as LoadResult;
        console.log(`  ${label.padEnd(46)} n ${String(r.requests).padStart(2)}   p50 ${r.p50.toFixed(0).padStart(6)} ms   max ${r.max.toFixed(0).padStart(6)} ms${r.errors ? `   ${r.errors} ERRORS ${JSON.stringify(r.errorKinds).slice(0, 200)}` : ''}`);
        return r;
      };
      const monthFigures = await time(`a month (${month})`, `/api/v1/counties/${COUNTY}/assessment?period=${month}`, 10, (body) => {
        const parsed = JSON.parse(body.toString('utf8')) as { units: Array<{ unit: string; indicators: Array<{ denominator: number }> }> };
        busiest = parsed.units.sort((a, b) => b.indicators[0].denominator - a.indicators[0].denominator)[0]?.unit ?? '';
      });
      const monthItems = parsePeriod(month, compiled.timeZone)!;
      await time(`a quarter (${quarter})`, `/api/v1/counties/${COUNTY}/assessment?period=${quarter}`, 3);
      await time(`the year (${year})`, `/api/v1/counties/${COUNTY}/assessment?period=${year}`, 2);
      await time(`a month as XLSX`, `/api/v1/counties/${COUNTY}/assessment?period=${month}&format=xlsx`, 3);
      if (busiest) await time(`drill-down: ${busiest}, on-time resolution`, `/api/v1/counties/${COUNTY}/assessment/${month}/units/${busiest}/indicators/on-time-resolve/events`, 5);
      const target = monthFigures.p50 <= 2000 && monthFigures.errors === 0;
      console.log(`  (machine load average over the last minutes: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${(await import('node:os')).cpus().length} cores)`);
      console.log(`  target a month ≤ 2 s (${month}, ${((monthItems.to - monthItems.from) / 86_400_000).toFixed(0)} days): ${target ? 'met' : 'MISSED'} (p50 ${monthFigures.p50.toFixed(0)} ms)`);
      return { events: count, facts, month: monthFigures, target };
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
  await benchAssessment({ events: arg('events') ? Number(arg('events')) : undefined, keepDir: arg('keep') });
}
