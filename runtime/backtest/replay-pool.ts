/**
 * Worker threads for a backtest: each compiles the run's config once and decides the batches it
 * is given, one at a time. `run` resolves with a batch's result; batches beyond the threads wait
 * in a queue. With 0 threads the batches are decided on this thread (a small run).
 */
import { Worker } from 'node:worker_threads';
import { compile, type CompiledConfig } from '../../engine/index';
import { replayBatch, type BatchResult, type ReplayRow } from './replay-batch';

interface Job {
  seq: number;
  rows: ReplayRow[];
  asOf: number;
  resolve: (r: BatchResult) => void;
  reject: (e: unknown) => void;
}

const WORKER_ENTRY = new URL('./replay-worker.mjs', import.meta.url);

export class ReplayPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly workers: Worker[] = [];
  private inline: CompiledConfig | null = null;
  private seq = 0;
  private failure: unknown = null;

  private constructor() {}

  /** A pool of `threads` workers (0: decide on this thread), each with the config compiled. */
  static async start(document: unknown, threads: number): Promise<ReplayPool> {
    const pool = new ReplayPool();
    if (threads <= 0) {
      const compiled = compile(document);
      if (!compiled.ok) throw new Error(`the backtest's config does not compile: ${compiled.issues[0]?.message ?? ''}`);
      pool.inline = compiled.value;
      return pool;
    }
    await Promise.all(Array.from({ length: threads }, () => pool.spawn(document)));
    return pool;
  }

  private spawn(document: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_ENTRY, { workerData: { document } });
      this.workers.push(worker);
      let ready = false;
      worker.on('message', (message: { ready?: true; seq?: number; result?: BatchResult; error?: string }) => {
        if (message.ready) {
          ready = true;
          this.idle.push(worker);
          resolve();
          return;
        }
        const job = this.busy.get(worker);
        this.busy.delete(worker);
        if (job) {
          if (message.error !== undefined) job.reject(new Error(message.error));
          else job.resolve(message.result!);
        }
        this.idle.push(worker);
        this.next();
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

  /** Decides a batch. */
  run(rows: ReplayRow[], asOf: number): Promise<BatchResult> {
    if (this.inline) {
      try {
        return Promise.resolve(replayBatch(this.inline, rows, asOf));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: ++this.seq, rows, asOf, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ seq: job.seq, rows: job.rows, asOf: job.asOf });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
