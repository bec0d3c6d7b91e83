/**
 * One page of stored events decided again (replay-chunk.ts), with their rebuilt recent-reports
 * counts. Rows come as read (JSON columns as text on SQLite, parsed on PostgreSQL); the changed
 * events go back with both sides and the new decision's explanation in the compact form events
 * store theirs in.
 */
import { replayEvent, type CompiledConfig, type StoredOutcome } from '../../engine/index';
import { storedExplanation } from '../events/event-record';
import type { PageRow } from './event-pages';
import { countOutcome, emptySummary, emptyTotals, type BacktestSummary, type BacktestTotals } from './backtest-summary';

/** A changed event as it is stored: its comparison and the new explanation as JSON text, made by the worker (text crosses threads cheaply). */
export interface ChangedEvent {
  eventId: string;
  reportedAt: number;
  category: string;
  township: string | null;
  /** JSON: the fields that differ. */
  changes: string;
  /** The clocks newly late, comma-separated. */
  newlyLate: string;
  /** JSON: both sides. */
  before: string;
  after: string;
  /** JSON: the new decision's explanation in the compact stored form. */
  explanationAfter: string;
}

export interface BatchResult {
  totals: BacktestTotals;
  summary: BacktestSummary;
  changed: ChangedEvent[];
}

const json = (value: unknown): Record<string, unknown> => (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<string, unknown>;

/** `rows` read with `full` (their data and what they got); `recentReports[i]`: the count of `rows[i]`. */
export function replayBatch(compiled: CompiledConfig, rows: readonly PageRow[], recentReports: ArrayLike<number>, asOf: number): BatchResult {
  const totals = emptyTotals();
  const summary = emptySummary();
  const changed: ChangedEvent[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const got = row.got!;
    const data = json(row.data);
    const sla = json(got.sla);
    const out = replayEvent(compiled, {
      id: row.id, category: row.category, data, reportedAt: row.reportedAt, source: row.source, township: row.township, grid: row.grid,
      recentReports: recentReports[i], stored: { level: got.level, unit: got.unit, dispatcher: got.dispatcher, slaPolicy: typeof sla.policy === 'string' ? sla.policy : null, clocks: (sla.clocks ?? {}) as StoredOutcome['clocks'] },
    }, asOf);
    countOutcome(totals, summary, out);
    if (out.ok && out.changes.length > 0) {
      changed.push({
        eventId: row.id, reportedAt: row.reportedAt, category: row.category, township: row.township, changes: JSON.stringify(out.changes), newlyLate: out.newlyLate.join(','),
        before: JSON.stringify(out.before), after: JSON.stringify(out.after), explanationAfter: JSON.stringify(storedExplanation(out.trail, data)),
      });
    }
  }
  return { totals, summary, changed };
}
