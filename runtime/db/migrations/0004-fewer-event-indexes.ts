/**
 * Every index on `events` is written by every intake (measured: about a tenth of a millisecond of
 * SQLite's time per event for each group of ten). Three serve no query any more:
 * - `events_worklist` (unit, state, time): unit worklists use `events_unit_time` and, for open
 *   states, the partial `events_open_unit`;
 * - `events_state_red`: no query filters on state and red alone;
 * - `events_open_red`: the open/red gauge counts the open events through the partial
 *   `events_open_unit_red`, which holds every open event and its `red` flag.
 */
import type { QueryInterface } from 'sequelize';

export const name = '0004-fewer-event-indexes';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const index of ['events_worklist', 'events_state_red', 'events_open_red']) await qi.removeIndex('events', index);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('events', ['county_id', 'handling_unit', 'state', 'reported_at', 'id'], { name: 'events_worklist' });
  await qi.addIndex('events', ['county_id', 'state', 'red'], { name: 'events_state_red' });
  await qi.addIndex('events', ['county_id', 'closed', 'red'], { name: 'events_open_red' });
}
