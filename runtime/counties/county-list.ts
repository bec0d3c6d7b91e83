/** The counties as the platform administrator sees them. */
import type { Database } from '../db/open-database';
import { platformModels } from '../db/platform-models';

export interface CountySummary {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  createdAt: string;
  disabledAt: string | null;
  activeVersion: number | null;
}

/** Every county, oldest first; `status` from its disabled time. */
export async function listCounties(db: Database): Promise<CountySummary[]> {
  const rows = await db.models.County.findAll({ attributes: ['id', 'name', 'activeVersion', 'createdAt'], order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  const statuses = await platformModels(db).CountyStatus.findAll({ attributes: ['id', 'disabledAt'] });
  const disabledAt = new Map(statuses.map((s) => [s.id, s.disabledAt]));
  return rows.map((row) => {
    const disabled = disabledAt.get(row.id) ?? null;
    return {
      id: row.id,
      name: row.name,
      status: disabled ? 'disabled' : 'active',
      createdAt: new Date(row.createdAt).toISOString(),
      disabledAt: disabled ? new Date(disabled).toISOString() : null,
      activeVersion: row.activeVersion,
    };
  });
}

/** One county, or null. */
export async function findCounty(db: Database, id: string): Promise<CountySummary | null> {
  return (await listCounties(db)).find((c) => c.id === id) ?? null;
}
