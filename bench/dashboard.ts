/**
 * bench/dashboard: the dashboards' queries (`GET /api/v1/counties/demo/stats/*`) over HTTP on
 * loopback against a runtime whose SQLite database holds 1,000,000 events of one county (seeded
 * by bench/worklist's generator; a folder seeded by bench/assessment, with its 3.4 million
 * assessment facts, can be reused with --keep). Each kind runs one query at a time on one
 * keep-alive connection; p50 and p95 are printed beside two baselines measured in the same run:
 * a plain `SELECT count(*)` over the month's events straight on the SQLite file (the cheapest
 * read of a month), and `GET /api/v1/me` (the HTTP and authentication floor). Target: every
 * dashboard query p95 ≤ 300 ms.
 *
 * `node --import tsx bench/dashboard.ts [--events 1000000] [--queries 40] [--keep <dir>]`
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { quantile, runSequential, type LoadResult } from './http-load';
import { loadBaseline } from './catalog-events';
import { createTokenCli, startRuntime } from './intake';
import { seedWorklistDatabase } from './worklist';
import { monthOf } from '../runtime/stats/calendar-periods';
import { sqliteDate } from '../runtime/db/sqlite-reader';

const COUNTY = 'demo';
const TARGET_P95_MS = 300;

export interface DashboardFigures {
  events: number;
  baseline: { p50: number; p95: number };
  queries: Array<{ query: string; p50: number; p95: number; errors: number }>;
  worstP95: number;
  target: boolean;
}

/** p50/p95 of `count(*)` over a month of events, read straight from the file (no HTTP, no server). */
async function baselineCount(file: string, from: number, to: number, n: number): Promise<{ p50: number; p95: number; rows: number }> {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  const one = () => new Promise<number>((resolve, reject) => db.get('SELECT count(*) AS n FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ?', [COUNTY, sqliteDate(from), sqliteDate(to)], (err: Error | null, row: { n: number }) => (err ? reject(err) : resolve(row.n))));
  let rows = await one();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    rows = await one();
    times.push(performance.now() - t0);
  }
  await new Promise<void>((resolve) => db.close(() => resolve()));
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), rows };
}

export async function benchDashboard(options: { events?: number; queries?: number; keepDir?: string } = {}): Promise<DashboardFigures> {
  const count = options.events ?? 1_000_000;
  const n = options.queries ?? 40;
  const compiled = await loadBaseline();
  console.log(`bench/dashboard  ${count.toLocaleString('en')} events of one county (SQLite); GET /api/v1/counties/demo/stats/* over HTTP on loopback, one at a time, ${n} per kind`);
  const dataDir = options.keepDir ?? (await mkdtemp(join(tmpdir(), 'pingtai-bench-dashboard-')));
  const file = join(dataDir, 'pingtai.sqlite');
  try {
    if (options.keepDir !== undefined && existsSync(file)) console.log(`  reusing the seeded database in ${dataDir}`);
    else await seedWorklistDatabase(dataDir, compiled, count);
    const runtime = await startRuntime({ dataDir });
    try {
      const admin = runtime.adminToken || (await createTokenCli(runtime.env, { county: COUNTY, role: 'county_admin' }));
      const dispatcherUnit = compiled.config.units.find((u) => u.kind === 'township_command')!.id;
      const dispatcher = await createTokenCli(runtime.env, { county: COUNTY, role: 'dispatcher', unit: dispatcherUnit });
      const now = Date.now();
      // the last full month, as the county's zone has it
      const thisMonth = monthOf(now, compiled.timeZone);
      const lastMonth = monthOf(thisMonth.from - 1, compiled.timeZone);
      const span = `from=${encodeURIComponent(new Date(lastMonth.from).toISOString())}&to=${encodeURIComponent(new Date(lastMonth.to).toISOString())}`;
      const base = `/api/v1/counties/${COUNTY}/stats`;
      const baseline = await baselineCount(file, lastMonth.from, lastMonth.to, n);
      const time = async (label: string, path: string, token = admin): Promise<LoadResult> => {
        const headers = { authorization: `Bearer ${token}` };
        const r = await runSequential({ baseUrl: runtime.url, requests: Array.from({ length: n }, () => ({ method: 'GET', path, headers })), warmup: 2 });
        console.log(`  ${label.padEnd(44)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   ×${(r.p95 / Math.max(baseline.p95, 0.01)).toFixed(1).padStart(6)} the baseline's p95${r.errors ? `   ${r.errors} ERRORS ${JSON.stringify(r.errorKinds).slice(0, 200)}` : ''}`);
        return r;
      };
      console.log(`  baseline: SELECT count(*) of last month's events (${baseline.rows.toLocaleString('en')}) on the file   p50 ${baseline.p50.toFixed(1).padStart(7)} ms   p95 ${baseline.p95.toFixed(1).padStart(7)} ms`);
      await time('floor: GET /me', '/api/v1/me');
      const kinds: Array<[string, string, string?]> = [
        ['overview (county)', `${base}/overview`],
        ['overview (dispatcher of a township)', `${base}/overview`, dispatcher],
        ['trend, 30 days', `${base}/trend?days=30`],
        ['breakdown by category, last month', `${base}/breakdown?by=category&${span}`],
        ['breakdown by township, last month', `${base}/breakdown?by=township&${span}`],
        ['breakdown by unit, last month', `${base}/breakdown?by=unit&${span}`],
        ['breakdown by source, last month', `${base}/breakdown?by=source&${span}`],
        ['overdue units (top 10)', `${base}/overdue-units?limit=10`],
        ['map: open events', `${base}/map`],
        ['map: last month, every state', `${base}/map?closed=true&${span}`],
      ];
      const queries: DashboardFigures['queries'] = [];
      for (const [label, path, token] of kinds) {
        const r = await time(label, path, token);
        queries.push({ query: label, p50: r.p50, p95: r.p95, errors: r.errors });
      }
      const worstP95 = Math.max(...queries.map((q) => q.p95));
      const target = worstP95 <= TARGET_P95_MS && queries.every((q) => q.errors === 0);
      console.log(`  (machine load average: ${loadavg().map((l) => l.toFixed(1)).join(', ')})`);
      console.log(`  target every dashboard query p95 ≤ ${TARGET_P95_MS} ms: ${target ? 'met' : 'MISSED'} (worst p95 ${worstP95.toFixed(0)} ms)`);
      return { events: count, baseline: { p50: baseline.p50, p95: baseline.p95 }, queries, worstP95, target };
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
  await benchDashboard({ events: arg('events') ? Number(arg('events')) : undefined, queries: arg('queries') ? Number(arg('queries')) : undefined, keepDir: arg('keep') });
}
