/**
 * One batch of stored events decided again: what a worker thread (replay-worker.ts) or, for a
 * small run, the job itself does with a page of rows. Rows come as read (JSON columns as text on
 * SQLite, parsed on PostgreSQL); the changed events go back with both sides and the new
 * decision's explanation in the compact form events store theirs in.
 */
import { replayEvent, type CompiledConfig, type StoredOutcome, type ComparedClock, type ComparedField, type ReplaySide } from '../../engine/index';
import { storedExplanation } from '../events/event-record';
import type { StoredGot } from './event-pages';
import { countOutcome, emptySummary, emptyTotals, type BacktestSummary, type BacktestTotals } from './backtest-summary';

/** A stored event as the job hands it on, with its rebuilt recent-reports count. */
export interface ReplayRow {
  id: string;
  category: string;
  source: string;
  grid: string | null;
  township: string | null;
  reportedAt: number;
  recentReports: number;
  data: unknown;
  got: StoredGot;
}

export interface ChangedEvent {
  eventId: string;
  reportedAt: number;
  category: string;
  township: string | null;
  changes: ComparedField[];
  newlyLate: ComparedClock[];
  before: ReplaySide;
  after: ReplaySide;
  explanationAfter: Record<string, unknown>;
}

export interface BatchResult {
  totals: BacktestTotals;
  summary: BacktestSummary;
  changed: ChangedEvent[];
}

const json = (value: unknown): Record<string, unknown> => (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<string, unknown>;

export function replayBatch(compiled: CompiledConfig, rows: readonly ReplayRow[], asOf: number): BatchResult {
  const totals = emptyTotals();
  const summary = emptySummary();
  const changed: ChangedEvent[] = [];
  for (const row of rows) {
    const data = json(row.data);
    const out = replayEvent(compiled, {
      id: row.id, category: row.category, data, reportedAt: row.reportedAt, source: row.source, township: row.township, grid: row.grid,
      recentReports: row.recentReports, stored: { ...row.got, clocks: json(row.got.clocks) as StoredOutcome['clocks'] },
    }, asOf);
    countOutcome(totals, summary, out);
    if (out.ok && out.changes.length > 0) {
      changed.push({
        eventId: row.id, reportedAt: row.reportedAt, category: row.category, township: row.township, changes: out.changes, newlyLate: out.newlyLate,
        before: out.before, after: out.after, explanationAfter: storedExplanation(out.trail, data),
      });
    }
  }
  return { totals, summary, changed };
}
