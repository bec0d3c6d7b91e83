/**
 * Fewer indexes for intake to write, and open worklists filtered by state read from the index.
 * Every index on `events` is written by every intake, and the ones whose leading columns spread
 * new events over the index (unit, dispatcher, grid, category) cost a page each per event and
 * commit (measured: a commit of ~18 reports wrote ~240 pages, of which ~10 per such index).
 * - `events_open_unit` and `events_open_dispatcher` go: the `…_red` partial indexes hold the same
 *   open events, and a worklist of open events reads their red and not-red ranges and merges them.
 * - `events_recent_reports` goes: the recent-reports count reads a grid's last week through
 *   `events_grid_time`, rebuilt with `category` last so that the count reads the index alone.
 * - The two `…_red` indexes are rebuilt with `state` last, so that a worklist of open events in
 *   given states (the dispatcher's queue: reported, triaged, returned) tests each event's state in
 *   the index and reads only the rows it returns (before: ~670 rows for a page of 50 in a million
 *   events).
 */
import type { QueryInterface } from 'sequelize';

export const name = '0006-open-queue-indexes';

const OLD: Array<[string, string]> = [
  ['events_open_unit', 'county_id, handling_unit, reported_at, id'],
  ['events_open_unit_red', 'county_id, handling_unit, red, reported_at, id'],
  ['events_open_dispatcher', 'county_id, dispatcher, reported_at, id'],
  ['events_open_dispatcher_red', 'county_id, dispatcher, red, reported_at, id'],
];

const NEW: Array<[string, string]> = [
  ['events_open_unit_state', 'county_id, handling_unit, red, reported_at, id, state'],
  ['events_open_dispatcher_state', 'county_id, dispatcher, red, reported_at, id, state'],
];

const open = (qi: QueryInterface) => (qi.sequelize.getDialect() === 'postgres' ? 'closed = false' : 'closed = 0');

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [index, columns] of NEW) await qi.sequelize.query(`CREATE INDEX ${index} ON events (${columns}) WHERE ${open(qi)}`);
  for (const [index] of OLD) await qi.removeIndex('events', index);
  await qi.removeIndex('events', 'events_recent_reports');
  await qi.removeIndex('events', 'events_grid_time');
  await qi.addIndex('events', ['county_id', 'grid', 'reported_at', 'id', 'category'], { name: 'events_grid_time' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('events', 'events_grid_time');
  await qi.addIndex('events', ['county_id', 'grid', 'reported_at', 'id'], { name: 'events_grid_time' });
  await qi.addIndex('events', ['county_id', 'category', 'grid', 'reported_at'], { name: 'events_recent_reports' });
  for (const [index, columns] of OLD) await qi.sequelize.query(`CREATE INDEX ${index} ON events (${columns}) WHERE ${open(qi)}`);
  for (const [index] of NEW) await qi.removeIndex('events', index);
}
