/**
 * Four eyes (docs/approvals.md):
 * - `county_settings`: a county's named settings as JSON text (first: `requireApproval`), with
 *   who changed each last and when;
 * - `approval_requests`: every publish, activation and approval-setting change of a county —
 *   pending, approved, rejected, withdrawn, or `direct` (done at once while approval was not
 *   required) — with the action (JSON), the proposer, the approver or rejecter, both comments and
 *   times, and the fingerprint of what was proposed (a draft's content hash) to refuse stale ones.
 * Times are epoch milliseconds. Every key leads with `county_id`.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0016-approvals';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const county = () => ({ type: DataTypes.STRING(64), allowNull: false, primaryKey: true });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const ms = (allowNull = false) => ({ type: DataTypes.BIGINT, allowNull });
  await qi.createTable('county_settings', {
    county_id: county(),
    name: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    value: { type: DataTypes.TEXT, allowNull: false },
    updated_at: ms(),
    updated_by: str(128),
  });
  await qi.createTable('approval_requests', {
    county_id: county(),
    id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    kind: str(32),
    action: { type: DataTypes.TEXT, allowNull: false },
    status: str(16),
    fingerprint: str(128, true),
    proposed_at: ms(),
    proposed_by: str(128),
    proposed_by_name: str(200, true),
    proposed_role: str(32),
    comment: { type: DataTypes.TEXT, allowNull: true },
    decided_at: ms(true),
    decided_by: str(128, true),
    decided_by_name: str(200, true),
    decision_comment: { type: DataTypes.TEXT, allowNull: true },
  });
  await qi.addIndex('approval_requests', ['county_id', 'status'], { name: 'approval_requests_status' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('approval_requests');
  await qi.dropTable('county_settings');
}
