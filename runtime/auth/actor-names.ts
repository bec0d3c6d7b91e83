/**
 * Who did it, by name: history entries record an actor id (an account's id for a person, an API
 * token's id for a machine). These are read when history is shown, so a name corrected later is
 * shown everywhere; ids that name nobody (the runtime's `system`, a deleted token) have no name.
 */
import { Op } from 'sequelize';
import type { Database } from '../db/open-database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of `ids` in `county`: the account's name, else the API token's label. */
export async function actorNames(db: Database, county: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  const names = new Map<string, string>();
  if (wanted.length === 0) return names;
  const [accounts, tokens] = await Promise.all([
    db.models.Account.findAll({ where: { countyId: county, id: { [Op.in]: wanted } }, attributes: ['id', 'name'] }),
    db.models.Token.findAll({ where: { countyId: county, id: { [Op.in]: wanted }, accountId: null }, attributes: ['id', 'label'] }),
  ]);
  for (const t of tokens) if (t.label) names.set(t.id, t.label);
  for (const a of accounts) names.set(a.id, a.name);
  return names;
}
