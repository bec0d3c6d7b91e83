/**
 * Citizens' reports and ratings: the tracking code a public report answers with (and the hash of
 * the secret in its confirmation link), and every satisfaction rating given when an event is
 * confirmed closed — by the reporter through that link or by the grid worker confirming for them —
 * kept for the assessment's 群众满意率.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0011-public-reports';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('public_reports', {
    county_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    code: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
    event_id: { type: DataTypes.STRING(64), allowNull: false },
    secret_hash: { type: DataTypes.STRING(64), allowNull: false },
    created_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.addIndex('public_reports', ['secret_hash'], { name: 'public_reports_secret', unique: true });
  await qi.addIndex('public_reports', ['county_id', 'event_id'], { name: 'public_reports_event', unique: true });
  await qi.createTable('satisfaction_ratings', {
    county_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    event_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    value: { type: DataTypes.STRING(64), allowNull: false },
    satisfied: { type: DataTypes.BOOLEAN, allowNull: false },
    source: { type: DataTypes.STRING(16), allowNull: false },
    actor_id: { type: DataTypes.STRING(128), allowNull: false },
    comment: { type: DataTypes.TEXT, allowNull: true },
    rated_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.addIndex('satisfaction_ratings', ['county_id', 'rated_at'], { name: 'satisfaction_ratings_period' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('satisfaction_ratings');
  await qi.dropTable('public_reports');
}
