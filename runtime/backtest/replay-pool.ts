/**
 * Worker threads for a backtest (replay-worker.ts): each compiles the run's config once, opens a
 * connection of its own and replays the stretches of the period it is given, one at a time;
 * stretches beyond the threads wait in a queue. Each page's result is handed to the job as it
 * comes; the worker reads on only while the job keeps up (and stops the stretch when told).
 */
import { Worker } from 'node:worker_threads';
import type { DatabaseAddress } from '../db/open-database';
import type { BatchResult } from './replay-batch';
import type { Chunk } from './replay-chunk';

/** What the job does with a page's result; `true` stops the stretch (a cancel). */
export type TakePage = (result: BatchResult) => Promise<boolean>;

interface Job {
  seq: number;
  chunk: Chunk;
  take: TakePage;
  resolve: () => void;
  reject: (e: unknown) => void;
}

type Message = { ready?: true; seq?: number; result?: BatchResult; done?: true; error?: string };

const WORKER_ENTRY = new URL('./replay-worker.mjs', import.meta.url);
/** How long a worker asked to end may take before it is terminated. */
const CLOSE_WAIT_MS = 10_000;

/**
 * The flags a worker starts with: the process's own, less a TypeScript loader it was started with
 * (`--import tsx`, as the benches and scripts run). The worker's entry loads the bundle, or
 * registers tsx itself when the bundle is out of date; through an inherited loader every module of
 * the bundle was loaded through tsx's hooks as well, which made a worker's start about a second
 * longer.
 */
export function workerExecArgv(args: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '--import' || args[i] === '--loader' || args[i] === '--require' || args[i] === '-r') && /^tsx(\/|$)/.test(args[i + 1] ?? '')) i++;
    else if (!/^--(import|loader|require)=tsx(\/|$)/.test(args[i])) kept.push(args[i]);
  }
  return kept;
}

export class ReplayPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly workers: Worker[] = [];
  private readonly exits = new Map<Worker, Promise<void>>();
  private seq = 0;
  private failure: unknown = null;

  private constructor() {}

  /** A pool of `threads` workers, each with the config compiled and its connection open. */
  static async start(document: unknown, address: DatabaseAddress, threads: number): Promise<ReplayPool> {
    const pool = new ReplayPool();
    try {
      await Promise.all(Array.from({ length: Math.max(1, threads) }, () => pool.spawn(document, address)));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  private spawn(document: unknown, address: DatabaseAddress): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_ENTRY, { workerData: { document, address }, execArgv: workerExecArgv() });
      this.workers.push(worker);
      this.exits.set(worker, new Promise<void>((resolve) => worker.once('exit', () => resolve())));
      let ready = false;
      // a worker's page results are taken in one at a time, in the order they came
      let taking = Promise.resolve();
      worker.on('message', (message: Message) => {
        if (message.ready) {
          ready = true;
          this.idle.push(worker);
          resolve();
          this.next();
          return;
        }
        const job = this.busy.get(worker);
        if (!job || message.seq !== job.seq) return;
        if (message.result) {
          const result = message.result;
          taking = taking.then(async () => {
            let stop = true;
            try {
              stop = await job.take(result);
            } catch (err) {
              job.reject(err);
            }
            worker.postMessage({ taken: true, stop });
          });
          return;
        }
        taking = taking.then(() => {
          this.busy.delete(worker);
          if (message.error !== undefined) job.reject(new Error(message.error));
          else job.resolve();
          this.idle.push(worker);
          this.next();
        });
      });
      worker.on('error', (err) => {
        this.failure = err;
        if (!ready) reject(err);
        const job = this.busy.get(worker);
        this.busy.delete(worker);
        job?.reject(err);
        for (const queued of this.queue.splice(0)) queued.reject(err);
      });
    });
  }

  /** Replays a stretch; `take` gets each page's result. Resolves when the stretch is done. */
  replay(chunk: Chunk, take: TakePage): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: ++this.seq, chunk, take, resolve, reject });
      this.next();
    });
  }

  /** Stretches still waiting end at once without being replayed (a cancel). */
  drop(): void {
    for (const queued of this.queue.splice(0)) queued.resolve();
  }

  private next(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ seq: job.seq, chunk: job.chunk });
    }
  }

  /**
   * Ends every worker: each is asked to stop, wait for its last query and close its connection,
   * and so ends by itself; one that has not within {@link CLOSE_WAIT_MS} is terminated.
   */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        const exited = this.exits.get(worker)!;
        worker.postMessage({ close: true });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_WAIT_MS)));
        if ((await Promise.race([exited, late])) === 'late') await worker.terminate();
        clearTimeout(timer);
      }),
    );
  }
}
