/**
 * The county setting "require approval" (docs/approvals.md), kept in `county_settings` under the
 * name `requireApproval`: when on, publishing and activating by a county administrator become
 * requests that a second county administrator approves. Off until someone turns it on.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../db/open-database';

const NAME = 'requireApproval';

export interface ApprovalSetting {
  requireApproval: boolean;
  /** When and by whom it was last changed (null: never). */
  changedAt: number | null;
  changedBy: string | null;
}

type Row = Record<string, unknown>;

export async function approvalSetting(db: Database, countyId: string, transaction?: Transaction): Promise<ApprovalSetting> {
  const [row] = await db.sequelize.query<Row>('SELECT value, updated_at, updated_by FROM county_settings WHERE county_id = ? AND name = ?', { replacements: [countyId, NAME], type: QueryTypes.SELECT, transaction });
  if (!row) return { requireApproval: false, changedAt: null, changedBy: null };
  return { requireApproval: JSON.parse(String(row.value)) === true, changedAt: Number(row.updated_at), changedBy: String(row.updated_by) };
}

/** Sets the setting inside `t` (the caller records the change as an approval request). */
export async function writeApprovalSetting(db: Database, t: Transaction, opts: { countyId: string; on: boolean; actorId: string; now: number }): Promise<void> {
  await db.sequelize.query('DELETE FROM county_settings WHERE county_id = ? AND name = ?', { replacements: [opts.countyId, NAME], transaction: t });
  await db.sequelize.query('INSERT INTO county_settings (county_id, name, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)', {
    replacements: [opts.countyId, NAME, JSON.stringify(opts.on), opts.now, opts.actorId],
    transaction: t,
  });
}
