/**
 * Backtests (docs/backtest.md): a county's events of a period decided again under a draft, a
 * published version or a file, and compared with what they got.
 * - `backtest_runs`: one row per run — its config source, period, status (running, done,
 *   cancelled, interrupted, failed), progress, totals and summary (JSON text), who started it and
 *   when, and a heartbeat by which a run whose process died is found and marked interrupted;
 * - `backtest_changes`: every event the run found changed, with both sides and both explanations.
 * Times are epoch milliseconds. Every key leads with `county_id`.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0017-backtests';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const key = (n: number) => ({ type: DataTypes.STRING(n), allowNull: false, primaryKey: true });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const ms = (allowNull = false) => ({ type: DataTypes.BIGINT, allowNull });
  const text = (allowNull = true) => ({ type: DataTypes.TEXT, allowNull });
  const int = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.createTable('backtest_runs', {
    county_id: key(64),
    id: key(36),
    source_kind: str(16),
    source_version: { type: DataTypes.INTEGER, allowNull: true },
    source_label: str(300),
    config_document: text(false),
    period_from: ms(),
    period_to: ms(),
    status: str(16),
    cancel_requested: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    done: int(),
    total: int(),
    totals: text(),
    summary: text(),
    error: text(),
    created_by: str(128),
    created_at: ms(),
    heartbeat_at: ms(),
    finished_at: ms(true),
  });
  await qi.addIndex('backtest_runs', ['county_id', 'created_at'], { name: 'backtest_runs_created' });
  await qi.addIndex('backtest_runs', ['status'], { name: 'backtest_runs_status' });
  await qi.createTable('backtest_changes', {
    county_id: key(64),
    run_id: key(36),
    event_id: key(36),
    reported_at: ms(),
    category: str(64),
    township: str(64, true),
    changes: text(false),
    newly_late: str(32),
    before_side: text(false),
    after_side: text(false),
    explanation_before: text(),
    explanation_after: text(),
  });
  await qi.addIndex('backtest_changes', ['county_id', 'run_id', 'reported_at', 'event_id'], { name: 'backtest_changes_order' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('backtest_changes');
  await qi.dropTable('backtest_runs');
}
