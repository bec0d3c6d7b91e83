/**
 * bench/backtest: a year of 1,000,000 events of one county (SQLite, bench/worklist's generator)
 * decided again under a changed config — categories moved to another platform and an SLA policy
 * shortened — by the backtest job: worker threads each read and decide their own stretches of
 * the period, the job's thread adds up the counts and writes the changed events with the new
 * explanation. Prints events/s, peak RSS, and, in the same run, json-rules-engine alone (the
 * reference path, `decideReference`) on the first events of the same period, as events/s and the
 * ratio. Target: 1,000,000 events in ≤ 20 s and ≤ 1 GB RSS on this 2-core machine. The history is
 * seeded by a child process (the peak RSS is the replay's own). `--unchanged` replays under the
 * baseline itself: nothing changes and nothing is written, the replay alone.
 *
 * `node --import tsx bench/backtest.ts [--events 1000000] [--threads 2] [--sample 5000] [--page <events per page>] [--unchanged] [--keep <dir>]`
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { compile, decideReference, type CountyConfig } from '../engine/index';
import { startBacktest } from '../runtime/backtest/backtest-job';
import { getRun } from '../runtime/backtest/backtest-store';
import { fullEventPages, pageReader } from '../runtime/backtest/event-pages';
import { openDatabase } from '../runtime/db/open-database';
import { loadBaseline } from './catalog-events';
import { seedWorklistDatabase } from './worklist';

const COUNTY = 'demo';
const DAY = 86_400_000;
const TARGET_SECONDS = 20;
const TARGET_RSS_MIB = 1024;

export interface BacktestFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  changed: number;
  peakRssMiB: number;
  referencePerSecond: number;
  ratio: number;
  target: boolean;
}

/** The baseline with three categories on another platform and the level-3 policy's acceptance halved (2 → 1 hour). */
function changedDocument(base: CountyConfig): CountyConfig {
  const config = structuredClone(base);
  let moved = 0;
  for (const major of config.categories) {
    for (const minor of major.children ?? []) {
      if (moved < 3 && minor.platform === 'governance') {
        minor.platform = 'service';
        moved++;
      }
    }
  }
  const policy = config.sla.policies.find((p) => p.id === 'level-3') ?? config.sla.policies[0];
  policy.accept = { ...policy.accept, hours: policy.accept.hours / 2 };
  // an acceptance reminder must still come before the new deadline
  policy.reminders = policy.reminders?.filter((r) => r.of !== 'accept' || r.beforeHours < policy.accept.hours);
  return config;
}

export async function benchBacktest(options: { events?: number; threads?: number; sample?: number; keepDir?: string; pageSize?: number; unchanged?: boolean } = {}): Promise<BacktestFigures> {
  const count = options.events ?? 1_000_000;
  const threads = options.threads ?? Math.min(2, availableParallelism());
  const sample = options.sample ?? 5_000;
  const compiled = await loadBaseline();
  console.log(`bench/backtest  ${count.toLocaleString('en')} events of one county (SQLite) decided again under ${options.unchanged ? 'the unchanged baseline' : 'a changed config'}, ${threads} worker threads`);
  const dataDir = options.keepDir ?? (await mkdtemp(join(tmpdir(), 'pingtai-bench-backtest-')));
  const file = join(dataDir, 'pingtai.sqlite');
  const now = Date.now();
  try {
    if (options.keepDir !== undefined && existsSync(file)) console.log(`  reusing the seeded database in ${dataDir}`);
    // seeded by a process of its own, so that this one's memory is the replay's alone
    else execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--seed-only', String(count), '--keep', dataDir, '--now', String(now)], { stdio: 'inherit' });
    const db = await openDatabase({ dataDir, logger: pino({ level: 'silent' }) });
    try {
      await db.migrate();
      // `unchanged`: the baseline itself (nothing changes, nothing is written: the replay alone)
      const document = options.unchanged ? compiled.config : changedDocument(compiled.config);
      const changed = compile(document);
      if (!changed.ok) throw new Error(JSON.stringify(changed.issues.slice(0, 3)));
      const from = now - 366 * DAY;
      const to = now + DAY;

      let peak = process.memoryUsage.rss();
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
      const t0 = performance.now();
      const handle = await startBacktest(db, { countyId: COUNTY, source: { kind: 'file', version: null, label: 'bench' }, document, from, to, createdBy: 'bench', now: Date.now, threads, pageSize: options.pageSize });
      const status = await handle.finished;
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage.rss());
      const run = await getRun(db, COUNTY, handle.id, Date.now());
      if (status !== 'done') throw new Error(`the backtest ended ${status}: ${run.error ?? ''}`);
      const events = run.totals?.events ?? 0;
      const perSecond = events / seconds;

      // json-rules-engine alone on the first events of the same period, same config, same facts
      const rows = [];
      for await (const page of fullEventPages(pageReader(db), { countyId: COUNTY, from, to })) {
        for (let i = 0; i < page.length; i++) rows.push(page.row(i));
        if (rows.length >= sample) break;
      }
      const inputs = rows.slice(0, sample).map((r) => ({ category: r.category, data: r.data, reportedAt: r.reportedAt, source: r.source }));
      for (const e of inputs.slice(0, 200)) await decideReference(changed.value, e, { recentReports: 0 });
      const r0 = performance.now();
      for (const e of inputs) await decideReference(changed.value, e, { recentReports: 0 });
      const referencePerSecond = inputs.length / ((performance.now() - r0) / 1000);

      const peakMiB = peak / 2 ** 20;
      const target = events >= count && seconds <= TARGET_SECONDS * (count / 1_000_000) && peakMiB <= TARGET_RSS_MIB;
      console.log(`  backtest: ${events.toLocaleString('en')} events in ${seconds.toFixed(1)} s = ${Math.round(perSecond).toLocaleString('en')} events/s; ${run.totals?.changed.toLocaleString('en')} changed (${JSON.stringify(run.totals?.fields)}), ${run.totals?.newlyLate.events.toLocaleString('en')} newly late; peak RSS ${peakMiB.toFixed(0)} MiB`);
      console.log(`  json-rules-engine alone (decideReference, ${inputs.length.toLocaleString('en')} of the same events): ${Math.round(referencePerSecond).toLocaleString('en')} events/s — the backtest ×${(perSecond / referencePerSecond).toFixed(1)}`);
      console.log(`  (machine load average: ${loadavg().map((l) => l.toFixed(1)).join(', ')})`);
      console.log(`  target 1,000,000 events ≤ ${TARGET_SECONDS} s and ≤ ${TARGET_RSS_MIB} MiB RSS: ${target ? 'met' : 'MISSED'}`);
      return { events, seconds, eventsPerSecond: perSecond, changed: run.totals?.changed ?? 0, peakRssMiB: peakMiB, referencePerSecond, ratio: perSecond / referencePerSecond, target };
    } finally {
      await db.close();
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
  const num = (name: string) => (arg(name) ? Number(arg(name)) : undefined);
  if (arg('seed-only') !== undefined) await seedWorklistDatabase(arg('keep')!, await loadBaseline(), num('seed-only')!, num('now'), { replayable: true });
  else await benchBacktest({ events: num('events'), threads: num('threads'), sample: num('sample'), keepDir: arg('keep'), pageSize: num('page'), unchanged: argv.includes('--unchanged') });
}
