/**
 * Running a backtest (docs/backtest.md): the period is cut into stretches that worker threads
 * replay side by side, each with a connection of its own (replay-pool.ts): a stretch's events
 * stream page by page in report order, its recent-reports counts rebuilt from the week before it,
 * and each page is decided again under the run's config (replay-chunk.ts). Here, one page result
 * at a time, the counts add up into the run's totals and summary and the changed events are
 * written with both explanations. A small run is replayed on this thread instead. Progress is
 * written as it goes; a cancel (this process's or one written to the run's row) stops it at the
 * next page, keeping what it found.
 */
import { availableParallelism } from 'node:os';
import { compile } from '../../engine/index';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { emptySummary, emptyTotals, mergeCounts, type BacktestSummary, type BacktestTotals } from './backtest-summary';
import { finishRun, HEARTBEAT_MS, insertRun, writeChanged, writeProgress, type BacktestRun } from './backtest-store';
import { countEvents, pageReader, PAGE_SIZE } from './event-pages';
import { ReplayPool } from './replay-pool';
import type { BatchResult } from './replay-batch';
import { cutPeriod, replayChunk } from './replay-chunk';

/** Runs under this many events are decided on the job's own thread (starting workers costs more). */
const INLINE_BELOW = 20_000;
/** How often progress is written (and a cancel looked for in the database). */
const PROGRESS_MS = 1_000;
/** The period is cut into this many stretches of about as many events per worker thread. */
const STRETCHES_PER_THREAD = 4;

export interface BacktestStart {
  countyId: string;
  source: BacktestRun['source'];
  /** The config document the events are decided under (compiles: checked by the caller). */
  document: unknown;
  from: number;
  to: number;
  createdBy: string;
  now: () => number;
  /** Worker threads; default: 0 for a small run, else the machine's cores. */
  threads?: number;
  /** Events per page read and per batch decided (default {@link PAGE_SIZE}). */
  pageSize?: number;
  onProgress?: (p: { done: number; total: number; totals: BacktestTotals }) => void;
}

export interface BacktestHandle {
  id: string;
  total: number;
  /** Settles when the run has ended (done, cancelled or failed), with its final status. */
  finished: Promise<BacktestRun['status']>;
  cancel(): void;
}

const running = new Map<string, BacktestHandle>();

/** The run of this process with this id, if it is still running here. */
export function runningHere(id: string): BacktestHandle | undefined {
  return running.get(id);
}

/** Starts a run: its row is written before this resolves; the replay goes on in the background. */
export async function startBacktest(db: Database, start: BacktestStart): Promise<BacktestHandle> {
  const now = start.now();
  const id = newId(now);
  const total = await countEvents(pageReader(db), start.countyId, start.from, start.to);
  await insertRun(db, { id, countyId: start.countyId, source: start.source, document: start.document, from: start.from, to: start.to, total, createdBy: start.createdBy, now });
  let cancelled = false;
  const threads = start.threads ?? (total < INLINE_BELOW ? 0 : Math.max(1, Math.min(availableParallelism(), 8)));
  const handle: BacktestHandle = {
    id,
    total,
    cancel: () => {
      cancelled = true;
    },
    finished: Promise.resolve('running'),
  };
  handle.finished = replay(db, start, { id, total, threads, asOf: now, isCancelled: () => cancelled, cancel: () => (cancelled = true) }).finally(() => running.delete(id));
  running.set(id, handle);
  return handle;
}

async function replay(db: Database, start: BacktestStart, run: { id: string; total: number; threads: number; asOf: number; isCancelled: () => boolean; cancel: () => void }): Promise<BacktestRun['status']> {
  const { countyId } = start;
  const totals = emptyTotals();
  const summary: BacktestSummary = emptySummary();
  let pool: ReplayPool | null = null;
  let lastWrite = start.now();
  const progress = async () => {
    start.onProgress?.({ done: totals.events, total: run.total, totals });
    const t = start.now();
    if (t - lastWrite < Math.min(PROGRESS_MS, HEARTBEAT_MS)) return;
    lastWrite = t;
    if (await writeProgress(db, countyId, run.id, { done: totals.events, totals, summary, now: t })) run.cancel();
  };
  // each page's result, in turn: counted, its changed events written; true stops the replay
  const take = async (result: BatchResult): Promise<boolean> => {
    if (run.isCancelled()) return true;
    mergeCounts(totals, summary, result);
    if (result.changed.length > 0) await writeChanged(db, countyId, run.id, result.changed);
    await progress();
    if (run.isCancelled()) pool?.drop();
    return run.isCancelled();
  };
  const chunk = (from: number, to: number) => ({ countyId, from, to, pageSize: start.pageSize ?? PAGE_SIZE, asOf: run.asOf });
  try {
    if (run.threads <= 0) {
      const compiled = compile(start.document);
      if (!compiled.ok) throw new Error(`the backtest's config does not compile: ${compiled.issues[0]?.message ?? ''}`);
      for await (const result of replayChunk(pageReader(db), compiled.value, chunk(start.from, start.to))) if (await take(result)) break;
    } else {
      // the period is cut while the workers start
      const [started, cut] = await Promise.allSettled([
        ReplayPool.start(start.document, db.address, run.threads),
        cutPeriod(pageReader(db), countyId, start.from, start.to, run.threads * STRETCHES_PER_THREAD, run.total),
      ]);
      if (started.status === 'fulfilled') pool = started.value;
      if (started.status === 'rejected') throw started.reason;
      if (cut.status === 'rejected') throw cut.reason;
      const workers = started.value;
      await Promise.all(cut.value.map(([from, to]) => workers.replay(chunk(from, to), take)));
    }
    const status = run.isCancelled() ? 'cancelled' : 'done';
    start.onProgress?.({ done: totals.events, total: run.total, totals });
    await finishRun(db, countyId, run.id, { status, done: totals.events, totals, summary, now: start.now() });
    return status;
  } catch (err) {
    await finishRun(db, countyId, run.id, { status: 'failed', done: totals.events, totals, summary, error: String((err as Error).message ?? err), now: start.now() }).catch(() => undefined);
    return 'failed';
  } finally {
    await pool?.close();
  }
}
