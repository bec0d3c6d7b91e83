/**
 * Pilots (docs/pilots.md): a published config version active for a set of townships while the
 * rest of the county stays on its main version.
 * - `pilots`: one row per pilot — its version, its townships (a JSON list), its status (active,
 *   ended, promoted), who started it and when, who ended it and when;
 * - `pilot_changes`: the audit trail — start, widen, promote, end — with the townships after the
 *   change, the actor and the note.
 * Times are epoch milliseconds. Every key leads with `county_id`.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0018-pilots';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const county = () => ({ type: DataTypes.STRING(64), allowNull: false, primaryKey: true });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const ms = (allowNull = false) => ({ type: DataTypes.BIGINT, allowNull });
  await qi.createTable('pilots', {
    county_id: county(),
    id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    version: { type: DataTypes.INTEGER, allowNull: false },
    townships: { type: DataTypes.TEXT, allowNull: false },
    status: str(16),
    name: str(200, true),
    started_at: ms(),
    started_by: str(128),
    ended_at: ms(true),
    ended_by: str(128, true),
  });
  await qi.addIndex('pilots', ['county_id', 'status'], { name: 'pilots_status' });
  await qi.createTable('pilot_changes', {
    county_id: county(),
    pilot_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    seq: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    at: ms(),
    action: str(16),
    townships: { type: DataTypes.TEXT, allowNull: false },
    actor_id: str(128),
    actor_role: str(32),
    actor_name: str(200, true),
    note: { type: DataTypes.TEXT, allowNull: true },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('pilot_changes');
  await qi.dropTable('pilots');
}
