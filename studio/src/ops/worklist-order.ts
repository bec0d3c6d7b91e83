/** The order a unit works its events in: red or overdue first, then new, then in progress, then the rest. */
import type { EventRecord } from '../api/types';
import { slaPlanFromApi } from '../api/sla-plan';

const NEW_STATES = new Set(['reported', 'triaged', 'dispatched', 'returned', 'reopened', 'escalated']);
const WORKING_STATES = new Set(['accepted', 'in_progress', 'awaiting_reporter']);

/** The nearest running deadline: from a worklist item's `acceptDue`/`resolveDue`, or from an event's SLA plan. */
export function dueOf(event: EventRecord): number | null {
  if (event.acceptDue !== undefined || event.resolveDue !== undefined) {
    const dues = [event.acceptDue, event.resolveDue].filter((d): d is string => typeof d === 'string').map((d) => Date.parse(d));
    return dues.length ? Math.min(...dues) : null;
  }
  const clocks = event.sla ? slaPlanFromApi(event.sla).clocks : {};
  const open = (['accept', 'resolve'] as const).map((c) => clocks[c]).filter((c) => c && c.dueAt != null && c.stoppedAt == null);
  return open.length ? Math.min(...open.map((c) => c!.dueAt!)) : null;
}

export function isOverdue(event: EventRecord, now: number): boolean {
  const due = dueOf(event);
  return event.red || (due !== null && due < now && !event.closed);
}

/** States that wait for the reporter (information asked for, a result to confirm): first in a reporter's list. */
const AWAITING_REPORTER = new Set(['awaiting_reporter', 'resolved']);

function bucket(event: EventRecord, now: number, reporter: boolean): number {
  if (reporter) return AWAITING_REPORTER.has(event.state) ? 0 : event.closed ? 4 : 3;
  if (isOverdue(event, now)) return 0;
  if (NEW_STATES.has(event.state)) return 1;
  if (WORKING_STATES.has(event.state)) return 2;
  return 3;
}

/** `reporter`: the list of a grid worker's own reports, where what waits for them comes first. */
export function worklistOrder(events: readonly EventRecord[], now: number, reporter = false): EventRecord[] {
  return [...events].sort((a, b) => bucket(a, now, reporter) - bucket(b, now, reporter) || (dueOf(a) ?? Infinity) - (dueOf(b) ?? Infinity) || Date.parse(b.reportedAt) - Date.parse(a.reportedAt));
}
