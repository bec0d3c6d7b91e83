/**
 * Early warning (docs/early-warning.md):
 * - `alerts`: one row per alert raised — a count threshold reached at intake or a day the daily
 *   aberration test judged unusual — with its area, the command room it goes to, its window and
 *   count, and its acknowledgement. `dedupe_key` is unique per county, so the same rule, area,
 *   category and window (bucket) raise one alert however many processes see it;
 * - `alert_history`: who raised and who acknowledged each alert, when, with the note (the audit
 *   trail of an acknowledgement);
 * - `alert_runs`: the daily aberration run per county and day, claimed by inserting its row (the
 *   primary key lets one process win), finished when its alerts are stored; a claim left
 *   unfinished by a crash is taken over after a while.
 * Times are epoch milliseconds. Every key and index leads with `county_id`.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0013-alerts';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const county = () => ({ type: DataTypes.STRING(64), allowNull: false, primaryKey: true });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const ms = (allowNull = false) => ({ type: DataTypes.BIGINT, allowNull });
  await qi.createTable('alerts', {
    county_id: county(),
    id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true },
    kind: str(16),
    rule: str(64),
    name: { type: DataTypes.TEXT, allowNull: false },
    category: str(64),
    counted: { type: DataTypes.TEXT, allowNull: false },
    area: str(64),
    area_kind: str(16),
    command_room: str(64),
    window_from: ms(),
    window_to: ms(),
    count: { type: DataTypes.INTEGER, allowNull: false },
    expected: { type: DataTypes.DOUBLE, allowNull: true },
    config_version: { type: DataTypes.INTEGER, allowNull: false },
    raised_at: ms(),
    status: str(16),
    acknowledged_at: ms(true),
    acknowledged_by: str(128, true),
    acknowledged_by_name: str(200, true),
    note: { type: DataTypes.TEXT, allowNull: true },
    dedupe_key: str(300),
  });
  await qi.addIndex('alerts', ['county_id', 'dedupe_key'], { name: 'alerts_dedupe', unique: true });
  await qi.addIndex('alerts', ['county_id', 'raised_at', 'id'], { name: 'alerts_raised' });
  await qi.addIndex('alerts', ['county_id', 'command_room', 'raised_at', 'id'], { name: 'alerts_command_room' });
  await qi.addIndex('alerts', ['county_id', 'rule', 'area', 'category', 'raised_at'], { name: 'alerts_rule_area' });
  await qi.createTable('alert_history', {
    county_id: county(),
    alert_id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true },
    seq: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    at: ms(),
    action: str(32),
    actor_id: str(128),
    actor_role: str(32),
    actor_name: str(200, true),
    note: { type: DataTypes.TEXT, allowNull: true },
  });
  await qi.createTable('alert_runs', {
    county_id: county(),
    day: { type: DataTypes.STRING(10), allowNull: false, primaryKey: true },
    claimed_by: str(128),
    claimed_at: ms(),
    finished_at: ms(true),
    alerts: { type: DataTypes.INTEGER, allowNull: true },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('alert_runs');
  await qi.dropTable('alert_history');
  await qi.dropTable('alerts');
}
