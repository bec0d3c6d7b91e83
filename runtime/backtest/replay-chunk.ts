/**
 * One stretch of a backtest's period replayed in report order: the week before it read first (light
 * columns) to rebuild the recent-reports counts, then its events page by page, each page decided
 * again (replay-batch.ts) and handed on as one result. Stretches are independent of one another,
 * so a worker thread replays one with a connection of its own while another replays the next.
 */
import { RecentReportCounter, RECENT_WINDOW_MS, type CompiledConfig } from '../../engine/index';
import { sqlDate, storedTime } from '../db/raw-sql';
import { eventPages, fullEventPages, type PageReader } from './event-pages';
import { replayBatch, type BatchResult } from './replay-batch';

export interface Chunk {
  countyId: string;
  /** Report times [from, to). */
  from: number;
  to: number;
  pageSize: number;
  /** The time the comparison is made at, for clocks still running. */
  asOf: number;
}

export async function* replayChunk(reader: PageReader, compiled: CompiledConfig, chunk: Chunk): AsyncGenerator<BatchResult> {
  const { countyId } = chunk;
  const counter = new RecentReportCounter();
  for await (const page of eventPages(reader, { countyId, from: chunk.from - RECENT_WINDOW_MS, to: chunk.from })) {
    for (const e of page) counter.seen(e.category, e.grid, e.reportedAt);
  }
  for await (const page of readingAhead(fullEventPages(reader, { countyId, from: chunk.from, to: chunk.to, pageSize: chunk.pageSize }))) {
    yield replayBatch(compiled, page, counter, chunk.asOf);
  }
}

/**
 * The pages of `pages`, the next one asked for before this one is handed on: its query runs while
 * this one is decided. Left early (a cancel, a failure), it waits for the query still running, so
 * that none is left in flight when the connection closes or the worker thread ends.
 */
async function* readingAhead<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = pages.next();
  // a failed read ahead is thrown where it is awaited, not left unhandled meanwhile
  next.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const current = await next;
      if (current.done) {
        finished = true;
        return;
      }
      next = pages.next();
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    if (!finished) {
      await next.catch(() => undefined);
      await pages.return(undefined).catch(() => undefined);
    }
  }
}

/**
 * The period cut into at most `n` stretches holding about as many events each (`total`: the
 * events of the period): stretches of equal length would not do, as reports come unevenly (a
 * worker left with the busiest month would finish alone, long after the other). Each cut is the
 * report time of the event a stretch's share after the last cut, found by stepping through the
 * report-time index (a window ranking every event took several times longer, while the workers
 * were starting).
 * Stretches start at a report time, so reports at the same instant stay in one stretch.
 */
export async function cutPeriod(reader: PageReader, countyId: string, from: number, to: number, n: number, total: number): Promise<Array<[number, number]>> {
  const parts = Math.min(n, total);
  if (parts <= 1) return [[from, to]];
  const starts: number[] = [];
  // each step goes on from the last cut (ties at a cut make a stretch a few events longer)
  let at = from;
  for (let k = 1; k < parts; k++) {
    const [row] = await reader.query(
      'SELECT reported_at AS start FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ? ORDER BY reported_at LIMIT 1 OFFSET ?',
      [countyId, sqlDate(reader.dialect, at), sqlDate(reader.dialect, to), Math.floor(total / parts)],
    );
    if (!row) break;
    at = storedTime(row.start);
    starts.push(at);
  }
  const bounds = [from, ...[...new Set(starts)].filter((t) => t > from && t < to).sort((a, b) => a - b), to];
  return bounds.slice(0, -1).map((start, i) => [start, bounds[i + 1]]);
}
