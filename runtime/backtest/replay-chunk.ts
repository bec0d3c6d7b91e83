/**
 * One stretch of a backtest's period replayed in report order: the week before it read first (light
 * columns) to rebuild the recent-reports counts, then its events page by page, each page decided
 * again (replay-batch.ts) and handed on as one result. Stretches are independent of one another,
 * so a worker thread replays one with a connection of its own while another replays the next.
 */
import { RecentReportCounter, RECENT_WINDOW_MS, type CompiledConfig } from '../../engine/index';
import { eventPages, type PageReader } from './event-pages';
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
  for await (const page of eventPages(reader, { countyId, from: chunk.from - RECENT_WINDOW_MS, to: chunk.from, full: false })) {
    for (const e of page) counter.seen(e.category, e.grid, e.reportedAt);
  }
  for await (const page of readingAhead(eventPages(reader, { countyId, from: chunk.from, to: chunk.to, full: true, pageSize: chunk.pageSize }))) {
    const counts = new Int32Array(page.length);
    for (let i = 0; i < page.length; i++) counts[i] = counter.next(page[i].category, page[i].grid, page[i].reportedAt);
    yield replayBatch(compiled, page, counts, chunk.asOf);
  }
}

/** The pages of `pages`, the next one asked for before this one is handed on: its query runs while this one is decided. */
async function* readingAhead<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = pages.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = pages.next();
    // a failed read ahead is thrown where it is awaited, not left unhandled meanwhile
    next.catch(() => undefined);
    yield current.value;
  }
}

/** The period cut into `n` stretches of equal length (the last one ends at `to`). */
export function cutPeriod(from: number, to: number, n: number): Array<[number, number]> {
  const parts = Math.max(1, Math.min(n, Math.floor((to - from) / 60_000) || 1));
  const step = Math.floor((to - from) / parts);
  return Array.from({ length: parts }, (_, i) => [from + i * step, i === parts - 1 ? to : from + (i + 1) * step]);
}
