/**
 * Shadow runs (docs/pilots.md): a published version decides every new report again beside the
 * real decision, recorded and never acted on.
 * - `shadows`: one row per shadow run — its version, status (active, stopped), who started and
 *   stopped it and when, the cursor (report time and id of the last event it decided) and its
 *   running counts (totals and summary as JSON text, the shapes of a backtest's);
 * - `shadow_changes`: every event whose shadow decision differs from the real one (or that the
 *   shadow version could not decide), with both sides and the shadow's decision trail.
 * Times are epoch milliseconds. Every key leads with `county_id`.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0019-shadows';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const key = (n: number) => ({ type: DataTypes.STRING(n), allowNull: false, primaryKey: true });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const ms = (allowNull = false) => ({ type: DataTypes.BIGINT, allowNull });
  const text = (allowNull = true) => ({ type: DataTypes.TEXT, allowNull });
  await qi.createTable('shadows', {
    county_id: key(64),
    id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    version: { type: DataTypes.INTEGER, allowNull: false },
    name: str(200, true),
    status: str(16),
    started_at: ms(),
    started_by: str(128),
    stopped_at: ms(true),
    stopped_by: str(128, true),
    cursor_at: ms(),
    cursor_id: str(36),
    totals: text(false),
    summary: text(false),
  });
  await qi.addIndex('shadows', ['status'], { name: 'shadows_status' });
  await qi.createTable('shadow_changes', {
    county_id: key(64),
    shadow_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    event_id: key(36),
    reported_at: ms(),
    category: str(64),
    township: str(64, true),
    changes: text(false),
    newly_late: str(32),
    real_side: text(),
    shadow_side: text(),
    shadow_trail: text(),
    error: text(),
  });
  await qi.addIndex('shadow_changes', ['county_id', 'shadow_id', 'reported_at', 'event_id'], { name: 'shadow_changes_order' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('shadow_changes');
  await qi.dropTable('shadows');
}
