/**
 * The assessment (考核, docs/assessment.md):
 * - `assessment_facts`: what the events' changes settled for the unit holding them — deadlines
 *   met or missed, resolutions, closures and reopenings — one row per (event, kind, since), with
 *   the event's facts a custom indicator reads, so a period's figures are one range scan of an
 *   index on `period_at` that holds what the aggregate reads;
 * - `assessment_ratings` and `assessment_rating_changes`: the scores from outside the system
 *   (a township's rating of a posted station, ...) per period, unit and source, and every change
 *   of one (who, when, the old and the new score);
 * - `assessment_revisions`: a closed period's results, frozen; recomputing adds the next revision.
 * Times are epoch milliseconds.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0012-assessment';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const county = () => ({ type: DataTypes.STRING(64), allowNull: false, primaryKey: true });
  const period = () => ({ type: DataTypes.STRING(8), allowNull: false, primaryKey: true });
  await qi.createTable('assessment_facts', {
    county_id: county(),
    event_id: { type: DataTypes.UUID, allowNull: false, primaryKey: true },
    kind: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
    since: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
    unit: { type: DataTypes.STRING(64), allowNull: false },
    period_at: { type: DataTypes.BIGINT, allowNull: false },
    due_at: { type: DataTypes.BIGINT, allowNull: true },
    on_time: { type: DataTypes.BOOLEAN, allowNull: true },
    recorded_at: { type: DataTypes.BIGINT, allowNull: false },
    category: { type: DataTypes.STRING(64), allowNull: false },
    level: { type: DataTypes.INTEGER, allowNull: false },
    source: { type: DataTypes.STRING(32), allowNull: false },
    township: { type: DataTypes.STRING(64), allowNull: true },
    grid: { type: DataTypes.STRING(64), allowNull: true },
    tags: { type: DataTypes.TEXT, allowNull: false },
  });
  // covering for the aggregate: a period's facts are read from this index alone
  await qi.addIndex('assessment_facts', ['county_id', 'period_at', 'kind', 'unit', 'on_time', 'recorded_at', 'event_id'], { name: 'assessment_facts_period' });
  await qi.createTable('assessment_ratings', {
    county_id: county(),
    period: period(),
    unit: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    source: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    score: { type: DataTypes.DOUBLE, allowNull: false },
    comment: { type: DataTypes.TEXT, allowNull: true },
    updated_by: { type: DataTypes.STRING(128), allowNull: false },
    updated_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.createTable('assessment_rating_changes', {
    county_id: county(),
    id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true },
    period: { type: DataTypes.STRING(8), allowNull: false },
    unit: { type: DataTypes.STRING(64), allowNull: false },
    source: { type: DataTypes.STRING(64), allowNull: false },
    old_score: { type: DataTypes.DOUBLE, allowNull: true },
    new_score: { type: DataTypes.DOUBLE, allowNull: true },
    comment: { type: DataTypes.TEXT, allowNull: true },
    actor_id: { type: DataTypes.STRING(128), allowNull: false },
    actor_role: { type: DataTypes.STRING(32), allowNull: false },
    actor_name: { type: DataTypes.STRING(200), allowNull: true },
    at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.addIndex('assessment_rating_changes', ['county_id', 'period', 'at'], { name: 'assessment_rating_changes_period' });
  await qi.createTable('assessment_revisions', {
    county_id: county(),
    period: period(),
    revision: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    computed_at: { type: DataTypes.BIGINT, allowNull: false },
    computed_by: { type: DataTypes.STRING(128), allowNull: false },
    computed_by_name: { type: DataTypes.STRING(200), allowNull: true },
    config_version: { type: DataTypes.INTEGER, allowNull: false },
    note: { type: DataTypes.TEXT, allowNull: true },
    result: { type: DataTypes.TEXT, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('assessment_revisions');
  await qi.dropTable('assessment_rating_changes');
  await qi.dropTable('assessment_ratings');
  await qi.dropTable('assessment_facts');
}
