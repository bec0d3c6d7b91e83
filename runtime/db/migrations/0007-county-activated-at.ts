/**
 * When a county's active config version was made active. Open311's discovery `changeset` says
 * when the service list last changed; the active version's publication time went backwards when
 * an administrator rolled back to an older version, and clients that refresh only on a newer
 * changeset kept the rolled-back services. Existing counties start from their active version's
 * publication time.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0007-county-activated-at';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('counties', 'activated_at', { type: DataTypes.DATE, allowNull: true });
  await qi.sequelize.query(
    'UPDATE counties SET activated_at = (SELECT cv.published_at FROM config_versions cv WHERE cv.county_id = counties.id AND cv.version = counties.active_version)',
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('counties', 'activated_at');
}
