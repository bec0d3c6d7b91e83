/**
 * A small closed-loop HTTP load generator for the benches (no autocannon): `connections` workers,
 * each with its own keep-alive raw socket (see RawConnection), send a request, wait for the whole
 * response, record its latency and send the next. A warm-up period runs first and is not counted;
 * the measured period is bounded by time AND by a request count, so a run always stops by itself.
 * Loopback only: any other host is refused.
 */
import { readFileSync } from 'node:fs';
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';
import { createConnection, type Socket } from 'node:net';

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
  /** The 2xx latencies (ms) of the measured period, sorted (runLoad only). */
  sortedLatencies?: Float64Array;
}

/**
 * CPU seconds a process (all threads), or its main thread, has used so far (user + system), from
 * /proc; undefined elsewhere.
 */
export function processCpuSeconds(pid: number | undefined, mainThread = false): number | undefined {
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

/** p50, p95, p99, max and mean (ms) of sorted latencies. */
export function latencySummary(sorted: Float64Array | number[]): Pick<LoadResult, 'p50' | 'p95' | 'p99' | 'max' | 'mean'> {
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
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

/**
 * One keep-alive HTTP/1.1 connection on a raw socket, for the closed loop: a request is written
 * as one pre-built buffer and its response parsed just far enough to know its status and where it
 * ends (Content-Length or chunked). node:http's client costs the load generator about twice the
 * CPU per request, which on a two-core machine is taken from the server it measures; the same
 * client drives every pipeline, so their ratios are unaffected.
 */
class RawConnection {
  private socket: Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (s: Sample) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private closeAfter = false;

  constructor(private readonly host: string, private readonly port: number) {}

  private connect(): Socket {
    const socket = createConnection({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.parse();
    });
    const fail = (err: Error) => {
      if (this.socket === socket) this.socket = null;
      this.buffered = Buffer.alloc(0);
      this.settle(undefined, err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
    return socket;
  }

  private settle(sample: Sample | undefined, err?: Error): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = null;
    clearTimeout(w.timer);
    if (sample) w.resolve(sample);
    else w.reject(err ?? new Error('no response'));
  }

  /** Takes one whole response off the front of the buffer, if it is all there. */
  private parse(): void {
    const buf = this.buffered;
    const headEnd = buf.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = buf.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let end: number;
    let body: Buffer;
    if (length) {
      end = headEnd + 4 + Number(length[1]);
      if (buf.length < end) return;
      body = buf.subarray(headEnd + 4, end);
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = headEnd + 4;
      for (;;) {
        const lineEnd = buf.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
        if (size === 0) {
          const trailerEnd = buf.indexOf('\r\n\r\n', lineEnd - 2);
          if (trailerEnd < 0) return;
          end = trailerEnd + 4;
          break;
        }
        if (buf.length < lineEnd + 2 + size + 2) return;
        parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      end = headEnd + 4;
      body = Buffer.alloc(0);
    }
    this.closeAfter = /\r\nconnection:\s*close/i.test(head);
    this.buffered = buf.length === end ? Buffer.alloc(0) : buf.subarray(end);
    this.settle({ status, body });
    if (this.closeAfter) this.close();
  }

  send(raw: Buffer, timeoutMs: number): Promise<Sample> {
    return new Promise<Sample>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.close();
        this.settle(undefined, new Error(`timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = { resolve, reject, timer };
      this.socket ??= this.connect();
      this.socket.write(raw);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
    this.buffered = Buffer.alloc(0);
  }
}

/** The request as the bytes of one HTTP/1.1 keep-alive request. */
function requestBytes(url: URL, req: LoadRequest): Buffer {
  const lines = [`${req.method} ${req.path} HTTP/1.1`, `Host: ${url.host}`, 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (value === undefined || /^(host|connection|content-length)$/i.test(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
  }
  lines.push(`Content-Length: ${req.body?.length ?? 0}`, '', '');
  const head = Buffer.from(lines.join('\r\n'), 'latin1');
  return req.body ? Buffer.concat([head, req.body]) : head;
}

/** Runs the load and returns rates and latency quantiles (ms) of the measured period. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const url = assertLoopback(opts.baseUrl);
  const connections = opts.connections ?? 50;
  const warmupMs = opts.warmupMs ?? 2000;
  const durationMs = opts.durationMs ?? 8000;
  const maxRequests = opts.maxRequests ?? 1_000_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 80);
  const pool = Array.from({ length: connections }, () => new RawConnection(host, port));
  const sendOn = (conn: RawConnection, req: LoadRequest) => conn.send(requestBytes(url, req), timeoutMs);

  let issued = 0;
  for (let p = 0; p < (opts.prime ?? 1); p++) await sendOn(pool[0], opts.next(issued++)).catch(() => undefined);
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

  const worker = async (conn: RawConnection) => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= stopAt || measured >= maxRequests) return;
      const req = opts.next(issued++);
      let sample: Sample | undefined;
      let failure: Error | undefined;
      try {
        sample = await sendOn(conn, req);
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
  await Promise.all(pool.map(worker));
  const cpu = process.cpuUsage(cpuStart);
  const elapsedMs = performance.now() - started;
  const clientCores = (cpu.user + cpu.system) / 1000 / elapsedMs;
  const serverCpuEnd = processCpuSeconds(opts.serverPid);
  const serverMainEnd = processCpuSeconds(opts.serverPid, true);
  const serverMainCores = serverMainStart === undefined || serverMainEnd === undefined ? undefined : (serverMainEnd - serverMainStart) / (elapsedMs / 1000);
  const serverCores = serverCpuStart === undefined || serverCpuEnd === undefined ? undefined : (serverCpuEnd - serverCpuStart) / (elapsedMs / 1000);
  for (const conn of pool) conn.close();

  // The window is the measured period, or shorter when the count bound ended it first.
  const seconds = (Math.min(stopAt, measured >= maxRequests ? measureEnd : stopAt) - measureFrom) / 1000;
  const okLatencies = latencies.subarray(0, ok).sort();
  return {
    requests: measured,
    ok,
    errors,
    errorKinds,
    seconds,
    rate: ok / seconds,
    ...latencySummary(okLatencies),
    clientCores,
    serverCores,
    serverMainCores,
    sortedLatencies: okLatencies,
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
