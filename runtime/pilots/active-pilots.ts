/** The townships of a county's active pilots, read on the intake path (cached by ConfigRepository). */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';

type Row = Record<string, unknown>;

/** The townships of the county's active pilots, each with its pilot and version. */
export async function activePilotTownships(db: Database, countyId: string): Promise<Map<string, { pilot: number; version: number }>> {
  const rows = await db.sequelize.query<Row>("SELECT id, version, townships FROM pilots WHERE county_id = :county AND status = 'active'", { replacements: { county: countyId }, type: QueryTypes.SELECT });
  const map = new Map<string, { pilot: number; version: number }>();
  for (const r of rows) for (const t of JSON.parse(String(r.townships)) as string[]) map.set(t, { pilot: Number(r.id), version: Number(r.version) });
  return map;
}
