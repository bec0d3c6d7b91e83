/**
 * A small closed-loop HTTP load generator for the benches (no autocannon): `connections` workers,
 * each with its own keep-alive socket from one node:http Agent, send a request, wait for the whole
 * response, record its latency and send the next. A warm-up period runs first and is not counted;
 * the measured period is bounded by time AND by a request count, so a run always stops by itself.
 * Loopback only: any other host is refused.
 */
import { readFileSync } from 'node:fs';
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: OutgoingHttpHeaders;
  /** Pre-serialised body (serialise once, outside the timed loop). */
  body?: Buffer;
}

export interface LoadOptions {
  /** `http://127.0.0.1:PORT` (loopback only). */
  baseUrl: string;
  /** The i-th request (i counts from 0 across warm-up and measurement). */
  next: (i: number) => LoadRequest;
  connections?: number;
  warmupMs?: number;
  durationMs?: number;
  /** Upper bound on the measured requests (default 1,000,000). */
  maxRequests?: number;
  /** Per-request timeout (default 10 s): the request counts as an error. */
  timeoutMs?: number;
  /**
   * Requests sent one at a time before the concurrent warm-up (default 1), so one-time work such
   * as loading and compiling a county's config happens once rather than on 50 requests at once.
   */
  prime?: number;
  /** The server's process id: its CPU use over the run is reported as `serverCores` (Linux). */
  serverPid?: number;
  /** Called with each measured response's status and body (e.g. to collect cursors). */
  onResponse?: (status: number, body: Buffer, req: LoadRequest) => void;
}

export interface LoadResult {
  requests: number;
  ok: number;
  errors: number;
  /** Non-2xx statuses and transport errors by kind, with one sample body each. */
  errorKinds: Record<string, { count: number; sample: string }>;
  seconds: number;
  /** Successful (2xx) responses per second in the measured period. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** CPU the load generator itself used, in cores (0..2 here), over warm-up and measurement. */
  clientCores?: number;
  /** CPU the server process used (all its threads), in cores, over warm-up and measurement. */
  serverCores?: number;
  /** The part of `serverCores` its main thread (the event loop) used. */
  serverMainCores?: number;
}

/**
 * CPU seconds a process (all threads), or its main thread, has used so far (user + system), from
 * /proc; undefined elsewhere.
 */
function processCpuSeconds(pid: number | undefined, mainThread = false): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    // fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The q-quantile (0..1) of sorted values, nearest-rank. */
export function quantile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function assertLoopback(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:') throw new Error(`load target must be http://, not ${baseUrl}`);
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)) throw new Error(`load target must be on loopback, not ${url.hostname}`);
  return url;
}

interface Sample {
  status: number;
  body: Buffer;
}

function send(agent: Agent, url: URL, req: LoadRequest, timeoutMs: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = { ...req.headers };
    if (req.body) headers['content-length'] = req.body.length;
    const r = request(
      { agent, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, method: req.method, path: req.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Runs the load and returns rates and latency quantiles (ms) of the measured period. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const url = assertLoopback(opts.baseUrl);
  const connections = opts.connections ?? 50;
  const warmupMs = opts.warmupMs ?? 2000;
  const durationMs = opts.durationMs ?? 8000;
  const maxRequests = opts.maxRequests ?? 1_000_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });

  let issued = 0;
  for (let p = 0; p < (opts.prime ?? 1); p++) await send(agent, url, opts.next(issued++), timeoutMs).catch(() => undefined);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const serverCpuStart = processCpuSeconds(opts.serverPid);
  const serverMainStart = processCpuSeconds(opts.serverPid, true);
  const measureFrom = started + warmupMs;
  const stopAt = measureFrom + durationMs;
  let measureEnd = 0;
  const latencies = new Float64Array(Math.min(maxRequests, 4_000_000));
  let measured = 0;
  let ok = 0; // also the count of latencies recorded (2xx only)
  let errors = 0;
  const errorKinds: LoadResult['errorKinds'] = {};
  const noteError = (kind: string, sample: string) => {
    errors++;
    const k = (errorKinds[kind] ??= { count: 0, sample: sample.slice(0, 300) });
    k.count++;
  };

  const worker = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= stopAt || measured >= maxRequests) return;
      const req = opts.next(issued++);
      let sample: Sample | undefined;
      let failure: Error | undefined;
      try {
        sample = await send(agent, url, req, timeoutMs);
      } catch (err) {
        failure = err as Error;
      }
      const t1 = performance.now();
      // the responses that complete inside the measured window count (steady-state throughput)
      if (t1 < measureFrom || t1 > stopAt || measured >= maxRequests) continue;
      measureEnd = Math.max(measureEnd, t1);
      if (failure || !sample) {
        measured++;
        noteError(`transport: ${failure?.message ?? 'no response'}`, failure?.stack ?? '');
        continue;
      }
      measured++;
      if (sample.status >= 200 && sample.status < 300) {
        latencies[ok++] = t1 - t0;
        opts.onResponse?.(sample.status, sample.body, req);
      } else noteError(`HTTP ${sample.status}`, sample.body.toString('utf8'));
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const cpu = process.cpuUsage(cpuStart);
  const elapsedMs = performance.now() - started;
  const clientCores = (cpu.user + cpu.system) / 1000 / elapsedMs;
  const serverCpuEnd = processCpuSeconds(opts.serverPid);
  const serverMainEnd = processCpuSeconds(opts.serverPid, true);
  const serverMainCores = serverMainStart === undefined || serverMainEnd === undefined ? undefined : (serverMainEnd - serverMainStart) / (elapsedMs / 1000);
  const serverCores = serverCpuStart === undefined || serverCpuEnd === undefined ? undefined : (serverCpuEnd - serverCpuStart) / (elapsedMs / 1000);
  agent.destroy();

  // The window is the measured period, or shorter when the count bound ended it first.
  const seconds = (Math.min(stopAt, measured >= maxRequests ? measureEnd : stopAt) - measureFrom) / 1000;
  const okLatencies = latencies.subarray(0, ok).sort();
  let sum = 0;
  for (const v of okLatencies) sum += v;
  return {
    requests: measured,
    ok,
    errors,
    errorKinds,
    seconds,
    rate: ok / seconds,
    p50: quantile(okLatencies, 0.5),
    p95: quantile(okLatencies, 0.95),
    p99: quantile(okLatencies, 0.99),
    max: okLatencies.length ? okLatencies[okLatencies.length - 1] : NaN,
    mean: okLatencies.length ? sum / okLatencies.length : NaN,
    clientCores,
    serverCores,
    serverMainCores,
  };
}

/**
 * Measures requests one after another on one keep-alive connection (latency without queueing):
 * for queries such as the worklist, where the interesting number is how long one takes.
 */
export async function runSequential(opts: {
  baseUrl: string;
  requests: LoadRequest[];
  warmup?: number;
  /** Stop early after this long (the result then has fewer requests); default no limit. */
  maxMs?: number;
  onResponse?: LoadOptions['onResponse'];
}): Promise<LoadResult & { latencies: number[] }> {
  const url = assertLoopback(opts.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const errorKinds: LoadResult['errorKinds'] = {};
  let errors = 0;
  for (let i = 0; i < (opts.warmup ?? 0); i++) await send(agent, url, opts.requests[i % opts.requests.length], 30_000);
  const latencies: number[] = [];
  const started = performance.now();
  for (const req of opts.requests) {
    const t0 = performance.now();
    if (opts.maxMs !== undefined && t0 - started > opts.maxMs) break;
    const sample = await send(agent, url, req, 30_000);
    latencies.push(performance.now() - t0);
    if (sample.status >= 200 && sample.status < 300) opts.onResponse?.(sample.status, sample.body, req);
    else {
      errors++;
      (errorKinds[`HTTP ${sample.status}`] ??= { count: 0, sample: sample.body.toString('utf8').slice(0, 300) }).count++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    latencies,
    requests: latencies.length,
    ok: latencies.length - errors,
    errors,
    errorKinds,
    seconds,
    rate: (latencies.length - errors) / seconds,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}
