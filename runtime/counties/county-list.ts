/** The counties as the platform administrator sees them. */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { platformModels } from '../db/platform-models';

export interface CountySummary {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  createdAt: string;
  disabledAt: string | null;
  activeVersion: number | null;
  /** Whether publishing and activating need a second county administrator (docs/approvals.md). */
  requireApproval: boolean;
}

/** Every county, oldest first; `status` from its disabled time. */
export async function listCounties(db: Database): Promise<CountySummary[]> {
  const rows = await db.models.County.findAll({ attributes: ['id', 'name', 'activeVersion', 'createdAt'], order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  const statuses = await platformModels(db).CountyStatus.findAll({ attributes: ['id', 'disabledAt'] });
  const disabledAt = new Map(statuses.map((s) => [s.id, s.disabledAt]));
  const settings = await db.sequelize.query<{ county_id: string; value: string }>("SELECT county_id, value FROM county_settings WHERE name = 'requireApproval'", { type: QueryTypes.SELECT });
  const approval = new Set(settings.filter((s) => JSON.parse(String(s.value)) === true).map((s) => s.county_id));
  return rows.map((row) => {
    const disabled = disabledAt.get(row.id) ?? null;
    return {
      id: row.id,
      name: row.name,
      status: disabled ? 'disabled' : 'active',
      createdAt: new Date(row.createdAt).toISOString(),
      disabledAt: disabled ? new Date(disabled).toISOString() : null,
      activeVersion: row.activeVersion,
      requireApproval: approval.has(row.id),
    };
  });
}

/** One county, or null. */
export async function findCounty(db: Database, id: string): Promise<CountySummary | null> {
  return (await listCounties(db)).find((c) => c.id === id) ?? null;
}
