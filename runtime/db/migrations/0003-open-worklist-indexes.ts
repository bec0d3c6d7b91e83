/**
 * Worklists are about open events, a small share of a county's history: partial indexes over
 * open events only keep every worklist branch an ordered range scan of a few rows, however many
 * closed events pile up. Plus (category, level) for the category filter.
 */
import type { QueryInterface } from 'sequelize';

export const name = '0003-open-worklist-indexes';

const INDEXES: Array<[string, string, string]> = [
  ['events_open_unit', 'county_id, handling_unit, reported_at, id', ''],
  ['events_open_unit_red', 'county_id, handling_unit, red, reported_at, id', ''],
  ['events_open_dispatcher', 'county_id, dispatcher, reported_at, id', ''],
  ['events_open_dispatcher_red', 'county_id, dispatcher, red, reported_at, id', ''],
  ['events_open_assist', 'county_id, reported_at, id', 'assist'],
  ['events_open_assist_red', 'county_id, red, reported_at, id', 'assist'],
];

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const postgres = qi.sequelize.getDialect() === 'postgres';
  const open = postgres ? 'closed = false' : 'closed = 0';
  const joint = postgres ? `assist <> '[]'::jsonb` : `assist <> '[]'`;
  for (const [index, columns, extra] of INDEXES) {
    await qi.sequelize.query(`CREATE INDEX ${index} ON events (${columns}) WHERE ${open}${extra ? ` AND ${joint}` : ''}`);
  }
  await qi.addIndex('events', ['county_id', 'category', 'level', 'reported_at', 'id'], { name: 'events_category_level' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [index] of INDEXES) await qi.removeIndex('events', index);
  await qi.removeIndex('events', 'events_category_level');
}
