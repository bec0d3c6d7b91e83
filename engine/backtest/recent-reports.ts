/**
 * The recent-reports fact as intake counted it, rebuilt from the event stream: for an event, the
 * reports of the same category at the same grid reported in the 7 days before it, (t − 7 days, t],
 * that came before it. Intake counts the reports committed or on their way when a report
 * arrives; replayed in report-time order (ties by event id, which is time-ordered too), "came
 * before" is "earlier in that order". An event without a grid counts 0, as at intake.
 */

/** The window of "recent reports at the same place" (the same as intake's). */
export const RECENT_WINDOW_MS = 7 * 24 * 3600_000;

export class RecentReportCounter {
  /** Report times by category, then grid, ascending; times that left every window are dropped. */
  private readonly times = new Map<string, Map<string, { list: number[]; head: number }>>();

  constructor(private readonly windowMs = RECENT_WINDOW_MS) {}

  /**
   * The count for a report at `at` (reports seen before it in the window), then the report itself
   * is remembered. Reports must come in time order (ties in id order).
   */
  next(category: string, grid: string | null, at: number): number {
    if (grid === null) return 0;
    // maps keyed by the ids themselves: no key string is built per report (a million in a backtest)
    let grids = this.times.get(category);
    if (!grids) this.times.set(category, (grids = new Map()));
    let entry = grids.get(grid);
    if (!entry) {
      entry = { list: [], head: 0 };
      grids.set(grid, entry);
    }
    const since = at - this.windowMs;
    const { list } = entry;
    while (entry.head < list.length && list[entry.head] <= since) entry.head++;
    if (entry.head > 1024 && entry.head * 2 > list.length) {
      list.splice(0, entry.head);
      entry.head = 0;
    }
    const count = list.length - entry.head;
    list.push(at);
    return count;
  }

  /** Remembers a report without counting (the days before the period, for its first week). */
  seen(category: string, grid: string | null, at: number): void {
    if (grid !== null) this.next(category, grid, at);
  }
}
