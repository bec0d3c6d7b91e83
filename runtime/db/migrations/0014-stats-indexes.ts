/**
 * The dashboards' one index of their own (docs/dashboards.md): the daily trend counts the events
 * closed each day, and a closed event changes no more once closed, so its `updated_at` is its
 * closing time. A partial index on closed events by (county, updated_at) makes a month of
 * closings a range read of the index alone, and it is written when an event closes, never at
 * intake. Every other figure reads an index that was already there: report counts the
 * (county, reported_at) index, open/red/overdue the partial open-event indexes, on-time rates
 * the assessment facts' period index.
 */
import type { QueryInterface } from 'sequelize';

export const name = '0014-stats-indexes';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const closed = qi.sequelize.getDialect() === 'postgres' ? 'closed = true' : 'closed = 1';
  await qi.sequelize.query(`CREATE INDEX events_closed_time ON events (county_id, updated_at) WHERE ${closed}`);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('events', 'events_closed_time');
}
