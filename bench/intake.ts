/**
 * bench/intake: event intake over HTTP on loopback with 50 keep-alive connections, three
 * pipelines in one run, each server in a child process of its own (the load generator never
 * shares an event loop with the server it measures):
 *   (a) the pingtai runtime (`runtime/main.ts`): bearer-token auth, JSON checks, form validation,
 *       decide, system dispatch, SLA plan, one transaction with the event, its history, timers
 *       and outbox messages;
 *   (b) the naive pipeline (bench/naive-intake.ts): express + ajv + one json-rules-engine Engine
 *       holding all rules + one sequelize create;
 *   (c) the ceiling (bench/raw-sqlite-server.ts): node:http + JSON.parse + one prepared insert.
 * On SQLite always; on PostgreSQL too when PINGTAI_BENCH_PG (or PINGTAI_TEST_PG) names a database:
 * the bench creates a fresh database beside it and drops it at the end.
 *
 * Requests are ~1,000 distinct valid reports of all 42 baseline forms (`sampleEvents`), cycled; the
 * runtime gets a real grid-worker token made with `pingtai token create` and, by default, a fresh
 * Idempotency-Key on every request, a random UUID as clients make them (keys in sequence would
 * keep to a few pages of the unique index; random ones measured ~6% fewer intakes/s). Each
 * pipeline gets one request alone first (one-time work such as compiling the county's config),
 * then a warm-up; then the pipelines are measured in interleaved slices of ~2 s each (see runPipelines), and p50/p99 are
 * over the 2xx responses of all slices of a pipeline; non-2xx count as errors.
 *
 * `node --import tsx bench/intake.ts [--seconds 8] [--warmup 2] [--no-pg] [--no-idempotency-key]
 *   [--only runtime,naive,raw] [--runtime-node-args "--cpu-prof --cpu-prof-dir=/tmp/prof"]
 *   [--baseline /path/to/another/checkout]` (its runtime as one more pipeline: before/after a change)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sequelize } from 'sequelize';
import type { CompiledConfig } from '../engine/index';
import { loadBaseline, sampleEvents } from './catalog-events';
import { latencySummary, processCpuSeconds, runLoad, type LoadRequest, type LoadResult } from './http-load';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = ['--import', 'tsx'];


export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  stop(): Promise<void>;
}

/** Spawns `node <args>` in `root` and waits for a stdout line with `http://127.0.0.1:PORT` matching `ready`. */
export async function spawnServer(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, extraNodeArgs: string[] = [], root = ROOT): Promise<ChildServer> {
  const child = spawn(process.execPath, [...extraNodeArgs, ...TSX, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in 60 s; stderr: ${stderr}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      buffered += c.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        const m = ready.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(/http:\/\/127\.0\.0\.1:\d+/.exec(line)![0]);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before it was ready; stderr: ${stderr}`));
    });
  });
  return {
    url,
    child,
    lines,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Runs the pingtai CLI (of the checkout at `root`) with the given database and returns its stdout. */
export function pingtaiCli(args: string[], env: NodeJS.ProcessEnv, root = ROOT): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/pingtai.mjs'), ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pingtai ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Creates a token with the CLI (`pingtai token create`) on the runtime's database and returns it. */
export async function createTokenCli(env: NodeJS.ProcessEnv, opts: { county: string; role: string; unit?: string; label?: string }, root = ROOT): Promise<string> {
  const args = ['token', 'create', '--county', opts.county, '--role', opts.role, '--label', opts.label ?? 'bench', ...(opts.unit ? ['--unit', opts.unit] : [])];
  const out = await pingtaiCli(args, { ...env, LOG_LEVEL: 'silent' }, root);
  const token = /pt_[A-Za-z0-9_-]{43}/.exec(out)?.[0];
  if (!token) throw new Error(`pingtai ${args.join(' ')} printed no token: ${out.slice(0, 300)}`);
  return token;
}

export interface RuntimeServer extends ChildServer {
  /** The county-admin token printed at first start. */
  adminToken: string;
  env: NodeJS.ProcessEnv;
}

/** The node flags `npm start` gives the runtime (package.json), so that benchmarks measure what users run. */
export const START_FLAGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).filter((a) => a.startsWith('--'));

/** Starts the real runtime (`runtime/main.ts` of the checkout at `root`) on an empty database; it creates county `demo`. */
export async function startRuntime(db: { dataDir: string; databaseUrl?: string }, extraNodeArgs: string[] = [], root = ROOT): Promise<RuntimeServer> {
  const env: NodeJS.ProcessEnv = { PORT: '0', HOST: '127.0.0.1', PINGTAI_DATA: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', LOG_LEVEL: 'silent' };
  const server = await spawnServer(['runtime/main.ts'], env, /pingtai listening on http:\/\/127\.0\.0\.1:\d+/, [...START_FLAGS, ...extraNodeArgs], root);
  const tokenLine = server.lines.find((l) => l.includes('county-admin token'));
  const adminToken = tokenLine ? /(pt_[A-Za-z0-9_-]{43})/.exec(tokenLine)?.[1] ?? '' : '';
  return { ...server, adminToken, env };
}

export interface PipelineFigures extends LoadResult {
  pipeline: string;
  database: 'sqlite' | 'postgres';
}

export interface IntakeFigures {
  sqlite: { runtime: PipelineFigures; naive: PipelineFigures; raw: PipelineFigures; baseline?: PipelineFigures };
  postgres?: { runtime: PipelineFigures; naive: PipelineFigures; raw: PipelineFigures; baseline?: PipelineFigures };
  /** runtime rate / naive rate, and runtime rate / raw rate, per database. */
  ratios: { sqlite: { runtimeOverNaive: number; runtimeOverRaw: number }; postgres?: { runtimeOverNaive: number; runtimeOverRaw: number } };
  targets: { rate: boolean; p99: boolean; overNaive: boolean };
}

export interface IntakeOptions {
  seconds?: number;
  warmupSeconds?: number;
  connections?: number;
  /** Send a unique Idempotency-Key with each runtime request (default true: what clients should do). */
  idempotencyKeys?: boolean;
  /** PostgreSQL URL; default PINGTAI_BENCH_PG or PINGTAI_TEST_PG; null to skip. */
  postgresUrl?: string | null;
  /** Extra node flags for the runtime child (e.g. `--cpu-prof`). */
  runtimeNodeArgs?: string[];
  /** Only these pipelines (default all). */
  pipelines?: Array<'runtime' | 'naive' | 'raw'>;
  /**
   * Another checkout of pingtai (with its node_modules): its runtime is measured as one more
   * pipeline, in the same interleaved slices, on a database of its own — a change's figures
   * beside the ones before it, in the same run.
   */
  baselineRoot?: string;
}

function bodies(compiled: CompiledConfig): Array<{ category: string; body: Buffer }> {
  // 24 valid reports of each of the 42 categories: ~1,000 distinct bodies, cycled
  // photos only by address: an `att:` reference names an upload of the reporter's own, which a
  // generated report has none of (the runtime refuses it with 422 unknown-attachment)
  return sampleEvents(compiled, 24, 7).map((e) => {
    const data = { ...e.data } as Record<string, unknown>;
    if (Array.isArray(data.attachments)) data.attachments = data.attachments.filter((a) => typeof a === 'string' && !a.startsWith('att:'));
    return { category: e.category, body: Buffer.from(JSON.stringify({ category: e.category, data })) };
  });
}

/** Waits until a process uses under 5% of a core over 250 ms (at most 5 s). */
async function quiet(pid: number | undefined): Promise<void> {
  const deadline = performance.now() + 5_000;
  while (performance.now() < deadline) {
    const before = processCpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = processCpuSeconds(pid);
    if (before === undefined || after === undefined || (after - before) / 0.25 < 0.05) return;
  }
}

/** One pipeline's figures from its measured slices: rates over the summed time, quantiles over every latency. */
function combine(name: string, database: 'sqlite' | 'postgres', slices: LoadResult[]): PipelineFigures {
  const seconds = slices.reduce((a, r) => a + r.seconds, 0);
  const ok = slices.reduce((a, r) => a + r.ok, 0);
  const all = new Float64Array(ok);
  let at = 0;
  for (const r of slices) {
    all.set(r.sortedLatencies!, at);
    at += r.sortedLatencies!.length;
  }
  all.sort();
  const errorKinds: LoadResult['errorKinds'] = {};
  for (const r of slices) for (const [kind, e] of Object.entries(r.errorKinds)) (errorKinds[kind] ??= { count: 0, sample: e.sample }).count += e.count;
  const weighted = (pick: (r: LoadResult) => number | undefined) =>
    slices.every((r) => pick(r) !== undefined) ? slices.reduce((a, r) => a + pick(r)! * r.seconds, 0) / seconds : undefined;
  return {
    pipeline: name,
    database,
    requests: slices.reduce((a, r) => a + r.requests, 0),
    ok,
    errors: slices.reduce((a, r) => a + r.errors, 0),
    errorKinds,
    seconds,
    rate: ok / seconds,
    ...latencySummary(all),
    clientCores: weighted((r) => r.clientCores),
    serverCores: weighted((r) => r.serverCores),
    serverMainCores: weighted((r) => r.serverMainCores),
  };
}

function report(f: PipelineFigures): void {
  console.log(`  ${f.database.padEnd(8)} ${f.pipeline.padEnd(34)} ${fmtRate(f.rate)} req/s   p50 ${fmtMs(f.p50)}   p99 ${fmtMs(f.p99)}   max ${fmtMs(f.max)}   ${f.ok} ok, ${f.errors} errors   (server ${f.serverCores?.toFixed(2) ?? '?'} cores, ${f.serverMainCores?.toFixed(2) ?? '?'} on its event loop = ${f.serverMainCores ? ((f.serverMainCores / f.rate) * 1e6).toFixed(0) : '?'} µs a request; load generator ${(f.clientCores ?? 0).toFixed(2)})`);
  for (const [kind, e] of Object.entries(f.errorKinds)) console.log(`      ${e.count} × ${kind}: ${e.sample}`);
}

const fmtRate = (n: number) => n.toFixed(0).padStart(6);
const fmtMs = (n: number) => `${n.toFixed(1).padStart(6)} ms`;

async function createPgDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pingtai_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const s = new Sequelize(baseUrl, { dialect: 'postgres', logging: false, pool: { max: 1 } });
    try {
      await s.query(sql);
    } finally {
      await s.close();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

interface Pipeline {
  key: 'runtime' | 'naive' | 'raw' | 'baseline';
  name: string;
  server: ChildServer;
  /** The next request (each pipeline cycles through the reports with a counter of its own). */
  next: () => LoadRequest;
}

/**
 * Runs the pipelines' servers side by side and measures them in interleaved slices (runtime,
 * naive, raw, then the next slice in rotated order), so that the ratios compare the pipelines
 * over the same minutes of a machine whose speed drifts (on this one, ±20% from one minute to the
 * next). Each pipeline is warmed up first; each slice has a short warm-up of its own (new
 * connections) that is not counted, and ends when its server is idle again.
 */
async function runPipelines(
  database: 'sqlite' | 'postgres',
  target: { dataDir: string; databaseUrl?: string },
  compiled: CompiledConfig,
  opts: Required<Omit<IntakeOptions, 'postgresUrl' | 'runtimeNodeArgs' | 'pipelines' | 'baselineRoot'>> & Pick<IntakeOptions, 'runtimeNodeArgs' | 'pipelines' | 'baselineRoot'>,
  baselineTarget?: { dataDir: string; databaseUrl?: string },
): Promise<PipelineSet> {
  const reports = bodies(compiled);
  const want = new Set(opts.pipelines ?? ['runtime', 'naive', 'raw']);
  const empty = (pipeline: string): PipelineFigures => ({ pipeline, database, requests: 0, ok: 0, errors: 0, errorKinds: {}, seconds: 0, rate: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN });
  const figures: PipelineSet = { runtime: empty('runtime'), naive: empty('naive'), raw: empty('raw') };
  const pipelines: Pipeline[] = [];
  const counter = () => {
    let n = 0;
    return () => n++;
  };
  const runtimePipeline = async (key: 'runtime' | 'baseline', on: { dataDir: string; databaseUrl?: string }, root: string, name: string) => {
      const runtime = await startRuntime(on, opts.runtimeNodeArgs, root);
      const grid = compiled.config.units.find((u) => u.kind === 'grid')!.id;
      const auth = `Bearer ${await createTokenCli(runtime.env, { county: 'demo', role: 'grid_worker', unit: grid }, root)}`;
      const path = '/api/v1/counties/demo/events';
      const n = counter();
      pipelines.push({
        key,
        name: `${name}${opts.idempotencyKeys ? ' + Idempotency-Key' : ''}`,
        server: runtime,
        next: () => {
          const i = n();
          const headers: Record<string, string> = { 'content-type': 'application/json', authorization: auth };
          if (opts.idempotencyKeys) headers['idempotency-key'] = randomUUID();
          return { method: 'POST', path, headers, body: reports[i % reports.length].body };
        },
      });
  };
  try {
    if (want.has('runtime')) await runtimePipeline('runtime', target, ROOT, '(a) pingtai runtime');
    if (opts.baselineRoot && baselineTarget) await runtimePipeline('baseline', baselineTarget, opts.baselineRoot, '(a0) baseline runtime');
    if (want.has('naive')) {
      const naive = await spawnServer(['bench/naive-intake.ts'], { PORT: '0', NAIVE_DATA: target.dataDir, NAIVE_DATABASE_URL: target.databaseUrl ?? '' }, /naive listening on/);
      const n = counter();
      pipelines.push({ key: 'naive', name: '(b) naive express+ajv+jre+sequelize', server: naive, next: () => ({ method: 'POST', path: '/api/v1/counties/demo/events', headers: { 'content-type': 'application/json' }, body: reports[n() % reports.length].body }) });
    }
    if (want.has('raw')) {
      const raw = await spawnServer(['bench/raw-sqlite-server.ts'], { PORT: '0', RAW_DATA: target.dataDir, RAW_DATABASE_URL: target.databaseUrl ?? '' }, /raw listening on/);
      const n = counter();
      pipelines.push({ key: 'raw', name: `(c) node:http + one ${database === 'sqlite' ? 'sqlite3' : 'pg'} insert`, server: raw, next: () => ({ method: 'POST', path: '/events', headers: { 'content-type': 'application/json' }, body: reports[n() % reports.length].body }) });
    }
    const load = (p: Pipeline, warmupMs: number, durationMs: number) =>
      runLoad({ baseUrl: p.server.url, next: () => p.next(), connections: opts.connections, warmupMs, durationMs, maxRequests: 500_000, serverPid: p.server.child.pid });
    // warm-up: each pipeline alone (one-time work such as compiling the county's config, JIT)
    for (const p of pipelines) await load(p, 0, opts.warmupSeconds * 1000);
    const slices = new Map<Pipeline, LoadResult[]>(pipelines.map((p) => [p, []]));
    const sliceCount = Math.max(1, Math.round(opts.seconds / 2));
    for (let k = 0; k < sliceCount; k++) {
      for (let j = 0; j < pipelines.length; j++) {
        const p = pipelines[(j + k) % pipelines.length];
        slices.get(p)!.push(await load(p, 300, (opts.seconds * 1000) / sliceCount));
        // the server finishes what the slice left it (the runtime delivers the slice's
        // notifications) before the next pipeline is measured, so no slice pays for another's work
        await quiet(p.server.child.pid);
      }
    }
    for (const p of pipelines) {
      const f = combine(p.name, database, slices.get(p)!);
      figures[p.key] = f;
      report(f);
    }
  } finally {
    for (const p of pipelines) await p.server.stop();
  }
  return figures;
}

type PipelineSet = { runtime: PipelineFigures; naive: PipelineFigures; raw: PipelineFigures; baseline?: PipelineFigures };

export async function benchIntake(options: IntakeOptions = {}): Promise<IntakeFigures> {
  const opts = {
    baselineRoot: options.baselineRoot,
    seconds: options.seconds ?? 8,
    warmupSeconds: options.warmupSeconds ?? 2,
    connections: options.connections ?? 50,
    idempotencyKeys: options.idempotencyKeys ?? true,
    runtimeNodeArgs: options.runtimeNodeArgs,
    pipelines: options.pipelines,
  };
  const pgUrl = options.postgresUrl === null ? undefined : options.postgresUrl ?? (process.env.PINGTAI_BENCH_PG || process.env.PINGTAI_TEST_PG || undefined);
  const compiled = await loadBaseline();
  console.log(`bench/intake  catalog zhejiang-four-platforms (${compiled.categories.size} categories, ${compiled.rules.length} rules); HTTP/1.1 keep-alive on loopback, ${opts.connections} connections, ${opts.warmupSeconds} s warm-up + ${opts.seconds} s measured per pipeline; each server in its own process`);

  const dataDir = await mkdtemp(join(tmpdir(), 'pingtai-bench-intake-'));
  let sqlite: IntakeFigures['sqlite'];
  let postgres: IntakeFigures['postgres'];
  try {
    sqlite = await runPipelines('sqlite', { dataDir }, compiled, opts, { dataDir: join(dataDir, 'baseline') });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  if (pgUrl) {
    const pgDir = await mkdtemp(join(tmpdir(), 'pingtai-bench-intake-pg-'));
    const pgDb = await createPgDatabase(pgUrl);
    const baselineDb = opts.baselineRoot ? await createPgDatabase(pgUrl) : undefined;
    try {
      postgres = await runPipelines('postgres', { dataDir: pgDir, databaseUrl: pgDb.url }, compiled, opts, baselineDb && { dataDir: join(pgDir, 'baseline'), databaseUrl: baselineDb.url });
    } finally {
      await pgDb.drop();
      await baselineDb?.drop();
      await rm(pgDir, { recursive: true, force: true });
    }
  } else console.log('  (PostgreSQL skipped: set PINGTAI_BENCH_PG=postgres://… to measure it too)');

  const ratio = (f: { runtime: PipelineFigures; naive: PipelineFigures; raw: PipelineFigures }) => ({ runtimeOverNaive: f.runtime.rate / f.naive.rate, runtimeOverRaw: f.runtime.rate / f.raw.rate });
  const ratios = { sqlite: ratio(sqlite), ...(postgres ? { postgres: ratio(postgres) } : {}) };
  const targets = { rate: sqlite.runtime.rate >= 1500, p99: sqlite.runtime.p99 < 50, overNaive: ratios.sqlite.runtimeOverNaive >= 4 };

  console.log('');
  console.log('  database  pipeline                                 req/s      p50 ms    p99 ms   errors');
  for (const [db, f] of [['sqlite', sqlite], ['postgres', postgres]] as const) {
    if (!f) continue;
    for (const p of [f.runtime, ...(f.baseline ? [f.baseline] : []), f.naive, f.raw]) {
      console.log(`  ${db.padEnd(9)} ${p.pipeline.padEnd(38)} ${fmtRate(p.rate)}   ${p.p50.toFixed(1).padStart(8)}  ${p.p99.toFixed(1).padStart(8)}   ${String(p.errors).padStart(6)}`);
    }
  }
  for (const [db, r] of Object.entries(ratios)) {
    console.log(`  ${db}: runtime / naive = ${r.runtimeOverNaive.toFixed(2)}×   runtime / raw-insert ceiling = ${r.runtimeOverRaw.toFixed(2)}×`);
  }
  for (const [db, f] of [['sqlite', sqlite], ['postgres', postgres]] as const) {
    if (f?.baseline) console.log(`  ${db}: runtime / baseline (${opts.baselineRoot}) = ${(f.runtime.rate / f.baseline.rate).toFixed(3)}× req/s, p99 ${f.runtime.p99.toFixed(1)} vs ${f.baseline.p99.toFixed(1)} ms`);
  }
  const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`  targets (SQLite): ≥ 1,500 intakes/s ${mark(targets.rate)} (${sqlite.runtime.rate.toFixed(0)}); p99 < 50 ms ${mark(targets.p99)} (${sqlite.runtime.p99.toFixed(1)} ms); ≥ 4× naive ${mark(targets.overNaive)} (${ratios.sqlite.runtimeOverNaive.toFixed(2)}×)`);
  return { sqlite, postgres, ratios, targets };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  await benchIntake({
    seconds: arg('seconds') ? Number(arg('seconds')) : undefined,
    warmupSeconds: arg('warmup') ? Number(arg('warmup')) : undefined,
    idempotencyKeys: argv.includes('--no-idempotency-key') ? false : undefined,
    postgresUrl: argv.includes('--no-pg') ? null : undefined,
    runtimeNodeArgs: arg('runtime-node-args')?.split(' '),
    pipelines: arg('only')?.split(',') as IntakeOptions['pipelines'],
    baselineRoot: arg('baseline'),
  });
}
