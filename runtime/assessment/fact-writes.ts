/**
 * Stores the facts an event's change settles for the assessment (engine/assessment/settled-facts),
 * inside the transaction of that change, with the event's facts a custom indicator reads and its
 * dispatcher then (a command room's dashboard counts the facts of the events it dispatches). A fact
 * whose key (event, kind, since) is stored already is left as it is: a deadline is judged once.
 */
import type { Transaction } from 'sequelize';
import type { SettledFact } from '../../engine/index';
import type { Database } from '../db/open-database';
import type { EventAttributes } from '../events/event-record';

const COLUMNS = ['county_id', 'event_id', 'kind', 'since', 'unit', 'period_at', 'due_at', 'on_time', 'recorded_at', 'category', 'level', 'source', 'township', 'grid', 'tags', 'dispatcher'] as const;

/** The tags an event's decision gave it. */
export function tagsOf(event: Pick<EventAttributes, 'decision'>): string[] {
  const tags = (event.decision as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

export async function recordFacts(db: Database, t: Transaction, opts: { event: EventAttributes; facts: readonly SettledFact[]; now: number }): Promise<void> {
  const { event, facts, now } = opts;
  if (facts.length === 0) return;
  const bool = (v: boolean | null) => (v === null ? null : db.dialect === 'postgres' ? v : v ? 1 : 0);
  const tags = JSON.stringify(tagsOf(event));
  const values: unknown[] = [];
  for (const f of facts) {
    values.push(event.countyId, event.id, f.kind, f.since, f.unit, f.periodAt, f.dueAt, bool(f.onTime), now, event.category, event.level, event.source, event.township, event.grid, tags, event.dispatcher);
  }
  const row = `(${COLUMNS.map(() => '?').join(', ')})`;
  await db.sequelize.query(`INSERT INTO assessment_facts (${COLUMNS.join(', ')}) VALUES ${facts.map(() => row).join(', ')} ON CONFLICT DO NOTHING`, { replacements: values, transaction: t });
}
