/**
 * Per-county Open311 api keys. Citizens' apps and aggregators send `api_key` with every
 * `POST requests`; the county stores only its SHA-256 hash (`counties.open311_key_hash`), so a key
 * is shown once, when it is made, and replaced (never recovered) when lost.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Op } from 'sequelize';
import type { Database } from '../db/open-database';

const KEY_PATTERN = /^o311_[A-Za-z0-9_-]{43}$/;

export class Open311KeyError extends Error {
  override name = 'Open311KeyError';
  readonly code = 'unknown-county';
  constructor(readonly county: string) {
    super(`county "${county}" does not exist`);
  }
}

function newKey(): string {
  return `o311_${randomBytes(32).toString('base64url')}`;
}

export function hashOpen311Key(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

async function requireCounty(db: Database, county: string): Promise<void> {
  if (!(await db.models.County.findOne({ where: { id: county }, attributes: ['id'] }))) throw new Open311KeyError(county);
}

/**
 * Gives `county` an Open311 api key if it has none, and returns that key in clear text — the only
 * time it is ever seen. Returns undefined when the county already has a key (also when another
 * process made one at the same moment). Throws {@link Open311KeyError} for an unknown county.
 * @example
 * const key = await ensureOpen311Key(db, 'demo');
 * if (key) print(`county "demo": its Open311 api_key (shown once): ${key}`);
 */
export async function ensureOpen311Key(db: Database, county: string): Promise<string | undefined> {
  await requireCounty(db, county);
  const key = newKey();
  const [changed] = await db.models.County.update({ open311KeyHash: hashOpen311Key(key) }, { where: { id: county, open311KeyHash: { [Op.is]: null } } });
  return changed > 0 ? key : undefined;
}

/** Replaces the county's Open311 api key (the old one stops working at once) and returns the new one. */
export async function rotateOpen311Key(db: Database, county: string): Promise<string> {
  await requireCounty(db, county);
  const key = newKey();
  await db.models.County.update({ open311KeyHash: hashOpen311Key(key) }, { where: { id: county } });
  return key;
}

/** True when `key` is the county's current Open311 api key. */
export function open311KeyMatches(storedHash: string | null, key: string): boolean {
  if (storedHash === null || !KEY_PATTERN.test(key)) return false;
  const given = Buffer.from(hashOpen311Key(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
