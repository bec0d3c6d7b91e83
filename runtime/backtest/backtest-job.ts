/**
 * Running a backtest (docs/backtest.md): the county's events of the period stream page by page
 * in report order; the recent-reports fact of each is rebuilt here, in order (the week before
 * the period first); batches go to worker threads that decide them again under the run's config
 * (replay-pool.ts); their counts add up into the run's totals and summary, and the changed
 * events are written with both explanations. Progress is written as it goes; a cancel (this
 * process's or one written to the run's row) stops it at the next batch, keeping what it found.
 */
import { availableParallelism } from 'node:os';
import { RecentReportCounter, RECENT_WINDOW_MS } from '../../engine/index';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { emptySummary, emptyTotals, mergeCounts, type BacktestSummary, type BacktestTotals } from './backtest-summary';
import { fillStoredExplanations, finishRun, HEARTBEAT_MS, insertRun, writeChanged, writeProgress, type BacktestRun } from './backtest-store';
import { countEvents, eventPages, PAGE_SIZE } from './event-pages';
import { ReplayPool } from './replay-pool';
import type { BatchResult, ReplayRow } from './replay-batch';

/** Runs under this many events are decided on the job's own thread (starting workers costs more). */
const INLINE_BELOW = 20_000;
/** How often progress is written (and a cancel looked for in the database). */
const PROGRESS_MS = 1_000;

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
  const total = await countEvents(db, start.countyId, start.from, start.to);
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
  const progress = async (force = false) => {
    start.onProgress?.({ done: totals.events, total: run.total, totals });
    const t = start.now();
    if (!force && t - lastWrite < Math.min(PROGRESS_MS, HEARTBEAT_MS)) return;
    lastWrite = t;
    if (await writeProgress(db, countyId, run.id, { done: totals.events, totals, summary, now: t })) run.cancel();
  };
  try {
    pool = await ReplayPool.start(start.document, run.threads);
    // the week before the period: remembered, not replayed
    const counter = new RecentReportCounter();
    for await (const page of eventPages(db, { countyId, from: start.from - RECENT_WINDOW_MS, to: start.from, full: false })) {
      for (const e of page) counter.seen(e.category, e.grid, e.reportedAt);
    }
    const inFlight = new Set<Promise<void>>();
    const limit = Math.max(2, run.threads * 2);
    let failure: unknown = null;
    const settle = async (result: BatchResult) => {
      mergeCounts(totals, summary, result);
      if (result.changed.length > 0) await writeChanged(db, countyId, run.id, result.changed);
      await progress();
    };
    for await (const page of eventPages(db, { countyId, from: start.from, to: start.to, full: true, pageSize: start.pageSize ?? PAGE_SIZE })) {
      if (run.isCancelled() || failure) break;
      const rows: ReplayRow[] = page.map((e) => ({ ...e, recentReports: counter.next(e.category, e.grid, e.reportedAt), data: e.data, got: e.got! }));
      const task: Promise<void> = pool.run(rows, run.asOf).then(settle).catch((err: unknown) => {
        failure ??= err;
      });
      const tracked = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    const status = run.isCancelled() ? 'cancelled' : 'done';
    await fillStoredExplanations(db, countyId, run.id);
    start.onProgress?.({ done: totals.events, total: run.total, totals });
    await finishRun(db, countyId, run.id, { status, done: totals.events, totals, summary, now: start.now() });
    return status;
  } catch (err) {
    await fillStoredExplanations(db, countyId, run.id).catch(() => undefined);
    await finishRun(db, countyId, run.id, { status: 'failed', done: totals.events, totals, summary, error: String((err as Error).message ?? err), now: start.now() }).catch(() => undefined);
    return 'failed';
  } finally {
    await pool?.close();
  }
}
