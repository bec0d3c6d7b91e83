/**
 * Whether a county is disabled. A disabled county's tokens and Open311 api key stop working (its
 * data stays) until the platform administrator enables it again. Asked on every authenticated
 * request, so the answer is cached like tokens are: a change in this process takes effect at
 * once, in another process within {@link TOKEN_CACHE_MS}.
 */
import { TOKEN_CACHE_MS } from '../auth/tokens';
import type { Database } from '../db/open-database';
import { platformModels } from '../db/platform-models';
import { RefreshingCache } from '../db/refreshing-cache';
import { HttpError } from '../http/errors';

interface Status {
  disabled: boolean;
}

const caches = new WeakMap<Database, RefreshingCache<Status>>();

function cacheOf(db: Database): RefreshingCache<Status> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new RefreshingCache<Status>(TOKEN_CACHE_MS)));
  return cache;
}

/** True when `county` exists and is disabled. */
export async function isCountyDisabled(db: Database, county: string): Promise<boolean> {
  const status = await cacheOf(db).get(county, async () => {
    const row = await platformModels(db).CountyStatus.findOne({ where: { id: county }, attributes: ['id', 'disabledAt'] });
    return row ? { disabled: row.disabledAt !== null } : null;
  });
  return status?.disabled ?? false;
}

/** 401 `county-disabled`: the token is known, but its county is switched off. */
export class CountyDisabledError extends HttpError {
  override name = 'CountyDisabledError';
  constructor(readonly county: string) {
    super(401, 'county-disabled', `county "${county}" is disabled by the platform administrator: its tokens do not work until it is enabled again`, {
      headers: { 'WWW-Authenticate': 'Bearer realm="pingtai", error="invalid_token"' },
    });
  }
}

/** Throws {@link CountyDisabledError} when `county` is disabled. */
export async function requireCountyEnabled(db: Database, county: string): Promise<void> {
  if (await isCountyDisabled(db, county)) throw new CountyDisabledError(county);
}

/** Disables or enables `county`; false when there is no such county. */
export async function setCountyDisabled(db: Database, opts: { county: string; disabled: boolean; now: number }): Promise<boolean> {
  const [count] = await platformModels(db).CountyStatus.update({ disabledAt: opts.disabled ? new Date(opts.now) : null }, { where: { id: opts.county } });
  cacheOf(db).forget((key) => key === opts.county);
  return count > 0;
}
