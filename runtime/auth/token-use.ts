/**
 * When a token was last used, recorded cheaply: at most one write per token per minute from a
 * process (remembered in memory), and the write itself refuses to move a time that another
 * process set less than a minute ago. Only the first request of a token in a minute waits for it.
 */
import { Op } from 'sequelize';
import type { Database } from '../db/open-database';

export const TOKEN_USE_INTERVAL_MS = 60_000;
const lastWrites = new WeakMap<Database, Map<string, number>>();

/** Records a use of the token behind `actor` at `now`, unless one was recorded within the last minute. */
export async function noteTokenUse(db: Database, actor: { countyId: string; tokenId?: string; id: string }, now: number): Promise<void> {
  const tokenId = actor.tokenId ?? actor.id;
  let written = lastWrites.get(db);
  if (!written) lastWrites.set(db, (written = new Map()));
  const last = written.get(tokenId);
  if (last !== undefined && now - last < TOKEN_USE_INTERVAL_MS && now >= last) return;
  if (written.size >= 100_000) written.clear();
  written.set(tokenId, now);
  const at = new Date(now);
  try {
    await db.models.Token.update(
      { lastUsedAt: at },
      { where: { countyId: actor.countyId, id: tokenId, [Op.or]: [{ lastUsedAt: null }, { lastUsedAt: { [Op.lt]: new Date(now - TOKEN_USE_INTERVAL_MS) } }] } },
    );
  } catch {
    // a busy database: the use is recorded by a later request, authentication goes on
    written.delete(tokenId);
  }
}
