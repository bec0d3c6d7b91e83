/**
 * The platform administrator (`platform_admin`): the city or province level that runs pingtai for
 * many counties. Its bearer tokens (`ptp_` + 43 characters of base64url randomness) are bound to
 * no county, shown once at creation and stored only as a SHA-256 hash. They create, list,
 * disable and enable counties — and nothing inside a county: county routes do not accept them.
 */
import { randomBytes } from 'node:crypto';
import { newId } from '../db/ids';
import type { Database } from '../db/open-database';
import { platformModels } from '../db/platform-models';
import { RefreshingCache } from '../db/refreshing-cache';
import { hashToken, TOKEN_CACHE_MS } from './tokens';

export const PLATFORM_ROLE = 'platform_admin';

const PLATFORM_TOKEN_PATTERN = /^ptp_[A-Za-z0-9_-]{43}$/;

/** The identity behind a platform administrator's request. */
export interface PlatformActor {
  role: typeof PLATFORM_ROLE;
  /** The token's id: stable, safe to log. */
  id: string;
}

/** True when `token` has the form of a platform token (it may still be unknown or revoked). */
export function looksLikePlatformToken(token: string): boolean {
  return PLATFORM_TOKEN_PATTERN.test(token);
}

/**
 * Creates a platform token and returns it in clear text — the only time it exists outside the caller.
 * @example
 * const { token } = await createPlatformToken(db, { label: 'city platform office' });
 */
export async function createPlatformToken(db: Database, opts: { label?: string; now?: number } = {}): Promise<{ token: string; id: string }> {
  const token = `ptp_${randomBytes(32).toString('base64url')}`;
  const id = newId(opts.now);
  await platformModels(db).PlatformToken.create({ id, hash: hashToken(token), label: opts.label ?? null, createdAt: new Date(opts.now ?? Date.now()) });
  return { token, id };
}

/** A first platform token when the database has none yet (first start); undefined otherwise. */
export async function ensureFirstPlatformToken(db: Database, now: number): Promise<string | undefined> {
  if ((await platformModels(db).PlatformToken.count()) > 0) return undefined;
  return (await createPlatformToken(db, { label: 'platform administrator (created at first start)', now })).token;
}

const caches = new WeakMap<Database, RefreshingCache<PlatformActor>>();

function cacheOf(db: Database): RefreshingCache<PlatformActor> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new RefreshingCache<PlatformActor>(TOKEN_CACHE_MS)));
  return cache;
}

/** The platform administrator a bearer token stands for, or null when malformed, unknown or revoked. */
export async function actorForPlatformToken(db: Database, token: string): Promise<PlatformActor | null> {
  if (!looksLikePlatformToken(token)) return null;
  const hash = hashToken(token);
  return cacheOf(db).get(hash, async () => {
    const row = await platformModels(db).PlatformToken.findOne({ where: { hash } });
    return !row || row.revoked ? null : { role: PLATFORM_ROLE, id: row.id };
  });
}

export async function revokePlatformToken(db: Database, id: string): Promise<boolean> {
  const [count] = await platformModels(db).PlatformToken.update({ revoked: true }, { where: { id } });
  cacheOf(db).forget((_hash, actor) => actor.id === id);
  return count > 0;
}
