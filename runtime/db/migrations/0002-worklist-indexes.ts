/**
 * Worklist indexes: each branch of a worklist (a unit's events as lead, as dispatcher, as
 * assistant; a grid's or reporter's events) is an ordered range scan on (county, who,
 * reported_at, id). Joint-handling events are few: a partial index holds only them.
 */
import type { QueryInterface } from 'sequelize';

export const name = '0002-worklist-indexes';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('events', ['county_id', 'handling_unit', 'reported_at', 'id'], { name: 'events_unit_time' });
  await qi.addIndex('events', ['county_id', 'dispatcher', 'reported_at', 'id'], { name: 'events_dispatcher_time' });
  await qi.addIndex('events', ['county_id', 'grid', 'reported_at', 'id'], { name: 'events_grid_time' });
  await qi.addIndex('events', ['county_id', 'reporter_id', 'reported_at', 'id'], { name: 'events_reporter_time' });
  await qi.addIndex('events', ['county_id', 'red', 'reported_at', 'id'], { name: 'events_red_time' });
  const emptyList = qi.sequelize.getDialect() === 'postgres' ? `'[]'::jsonb` : `'[]'`;
  await qi.sequelize.query(`CREATE INDEX events_with_assist ON events (county_id, reported_at, id) WHERE assist <> ${emptyList}`);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const index of ['events_unit_time', 'events_dispatcher_time', 'events_grid_time', 'events_reporter_time', 'events_red_time', 'events_with_assist']) await qi.removeIndex('events', index);
}
