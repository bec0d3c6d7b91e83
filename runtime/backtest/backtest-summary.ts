/**
 * What a backtest adds up: per batch in a worker, then over the run. Counts of events and of
 * changed events by category and township, the changed fields, the load moved between units
 * (from → to, events whose handling unit changed), the clocks newly late, and the events the new
 * config could not decide, by reason.
 */
import type { ComparedClock, ComparedField, ReplayOutcome } from '../../engine/index';

export interface BacktestTotals {
  /** Events of the period replayed so far. */
  events: number;
  changed: number;
  /** Events the new config could not decide (see `failures`). */
  failed: number;
  /** Changed events per compared field. */
  fields: Partial<Record<ComparedField, number>>;
  /** Events late under the new deadlines that were not late under their own, per clock; `events` counts each event once. */
  newlyLate: { accept: number; resolve: number; events: number };
}

export interface GroupCount {
  events: number;
  changed: number;
}

export interface BacktestSummary {
  byCategory: Record<string, GroupCount>;
  /** Keyed by township id; events with no township under the key `""`. */
  byTownship: Record<string, GroupCount>;
  /** `from\u0000to` → events (kept as a map while running; the API shows a list). */
  moved: Record<string, number>;
  failures: Record<string, number>;
}

export function emptyTotals(): BacktestTotals {
  return { events: 0, changed: 0, failed: 0, fields: {}, newlyLate: { accept: 0, resolve: 0, events: 0 } };
}

export function emptySummary(): BacktestSummary {
  return { byCategory: {}, byTownship: {}, moved: {}, failures: {} };
}

function bump(map: Record<string, GroupCount>, key: string, changed: boolean): void {
  const group = (map[key] ??= { events: 0, changed: 0 });
  group.events++;
  if (changed) group.changed++;
}

/** Adds one replayed event. */
export function countOutcome(totals: BacktestTotals, summary: BacktestSummary, out: ReplayOutcome): void {
  totals.events++;
  if (!out.ok) {
    totals.failed++;
    summary.failures[out.code] = (summary.failures[out.code] ?? 0) + 1;
    bump(summary.byCategory, out.category, false);
    bump(summary.byTownship, out.township ?? '', false);
    return;
  }
  const changed = out.changes.length > 0;
  bump(summary.byCategory, out.category, changed);
  bump(summary.byTownship, out.township ?? '', changed);
  if (!changed) return;
  totals.changed++;
  for (const f of out.changes) totals.fields[f] = (totals.fields[f] ?? 0) + 1;
  if (out.before.unit !== out.after.unit) {
    const key = `${out.before.unit ?? ''}\u0000${out.after.unit ?? ''}`;
    summary.moved[key] = (summary.moved[key] ?? 0) + 1;
  }
  for (const c of out.newlyLate as ComparedClock[]) totals.newlyLate[c]++;
  if (out.newlyLate.length > 0) totals.newlyLate.events++;
}

/** Adds a batch's counts to the run's. */
export function mergeCounts(totals: BacktestTotals, summary: BacktestSummary, batch: { totals: BacktestTotals; summary: BacktestSummary }): void {
  totals.events += batch.totals.events;
  totals.changed += batch.totals.changed;
  totals.failed += batch.totals.failed;
  for (const [f, n] of Object.entries(batch.totals.fields)) totals.fields[f as ComparedField] = (totals.fields[f as ComparedField] ?? 0) + (n ?? 0);
  totals.newlyLate.accept += batch.totals.newlyLate.accept;
  totals.newlyLate.resolve += batch.totals.newlyLate.resolve;
  totals.newlyLate.events += batch.totals.newlyLate.events;
  for (const key of ['byCategory', 'byTownship'] as const) {
    for (const [k, g] of Object.entries(batch.summary[key])) {
      const group = (summary[key][k] ??= { events: 0, changed: 0 });
      group.events += g.events;
      group.changed += g.changed;
    }
  }
  for (const key of ['moved', 'failures'] as const) {
    for (const [k, n] of Object.entries(batch.summary[key])) summary[key][k] = (summary[key][k] ?? 0) + n;
  }
}

/** The summary as the API and the CLI show it: lists, largest first. */
export function summaryView(summary: BacktestSummary) {
  const groups = (map: Record<string, GroupCount>, name: string) =>
    Object.entries(map)
      .map(([k, g]) => ({ [name]: k === '' ? null : k, events: g.events, changed: g.changed }))
      .sort((a, b) => b.changed - a.changed || b.events - a.events || String(a[name]).localeCompare(String(b[name])));
  return {
    byCategory: groups(summary.byCategory, 'category'),
    byTownship: groups(summary.byTownship, 'township'),
    loadMoved: Object.entries(summary.moved)
      .map(([k, events]) => {
        const [from, to] = k.split('\u0000');
        return { from: from === '' ? null : from, to: to === '' ? null : to, events };
      })
      .sort((a, b) => b.events - a.events || String(a.from).localeCompare(String(b.from)) || String(a.to).localeCompare(String(b.to))),
    failures: Object.entries(summary.failures).map(([code, events]) => ({ code, events })).sort((a, b) => b.events - a.events),
  };
}
