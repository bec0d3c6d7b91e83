/**
 * Hits per client and time window for the Open311 POST rate limit, so that on PostgreSQL every
 * runtime process counts against one budget (on SQLite, one process, the count stays in memory).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0005-rate-limit-hits';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('rate_limit_hits', {
    key: { type: DataTypes.STRING(300), allowNull: false, primaryKey: true },
    window_start: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
    hits: { type: DataTypes.INTEGER, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('rate_limit_hits');
}
