/**
 * A backtest's changed event keeps the recent-reports count it was decided with, and no longer
 * its new explanation: that is made again from the event and the run's config when the change is
 * read. Rows written before keep the explanation they stored (`explanation_after`).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0020-backtest-recent-reports';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('backtest_changes', 'recent_reports', { type: DataTypes.INTEGER, allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('backtest_changes', 'recent_reports');
}
