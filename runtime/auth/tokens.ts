/**
 * API tokens: `pt_` + 43 characters of base64url randomness (256 bits), shown once at creation
 * and stored only as a SHA-256 hash. Each token is bound to one county, one role and optionally
 * one unit; it is the caller's identity for every request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../engine/index';
import type { Database } from '../db/open-database';
import { RefreshingCache } from '../db/refreshing-cache';
import { newId } from '../db/ids';
import { noteTokenUse } from './token-use';

/** Roles a token may carry. `reporter` (citizens) come in through Open311; `system` is the runtime itself. */
export const TOKEN_ROLES = ['county_admin', 'dispatcher', 'handler', 'grid_worker', 'policy_designer'] as const satisfies readonly Role[];
export type TokenRole = (typeof TOKEN_ROLES)[number];

const TOKEN_PATTERN = /^pt_[A-Za-z0-9_-]{43}$/;

/** The identity behind a request. */
export interface TokenActor {
  countyId: string;
  role: TokenRole;
  unit?: string;
  /** The token's id (the account's id for a session): stable, safe to log and to store as the actor of history entries. */
  id: string;
  /** The account's name, or the API token's label: what history shows. */
  name?: string;
  /** The token row itself (a session's differs from `id`). */
  tokenId?: string;
  /** Sessions: when the token stops working (epoch ms). */
  expiresAt?: number;
  /** A session of an account still on its temporary password: nothing but the password change works. */
  passwordChangeRequired?: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isTokenRole(value: string): value is TokenRole {
  return (TOKEN_ROLES as readonly string[]).includes(value);
}

/** Roles that act for one unit (a grid, for grid workers): their tokens name it. */
export const UNIT_ROLES: readonly string[] = ['dispatcher', 'handler', 'grid_worker'];

export class TokenError extends Error {
  override name = 'TokenError';
  constructor(
    readonly code: 'unknown-role' | 'unknown-county' | 'bad-unit' | 'unknown-unit' | 'unit-required',
    message: string,
  ) {
    super(message);
  }
}

export interface CreateTokenOptions {
  county: string;
  role: string;
  unit?: string;
  label?: string;
  now?: number;
}

/**
 * Creates a token and returns it in clear text — the only time it exists outside the caller.
 * @example
 * const { token } = await createToken(db, { county: 'demo', role: 'handler', unit: 'fq-market', label: 'market office tablet' });
 */
export async function createToken(db: Database, opts: CreateTokenOptions): Promise<{ token: string; id: string }> {
  if (!isTokenRole(opts.role)) throw new TokenError('unknown-role', `role "${opts.role}" is not one of ${TOKEN_ROLES.join(', ')}`);
  if (opts.unit !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(opts.unit)) throw new TokenError('bad-unit', `"${opts.unit}" is not a unit id`);
  const county = await db.models.County.findOne({ where: { id: opts.county } });
  if (!county) throw new TokenError('unknown-county', `county "${opts.county}" does not exist`);
  // a unit role without a unit would see nothing of its unit's work; a unit the county does not have, likewise
  if (UNIT_ROLES.includes(opts.role) && opts.unit === undefined) throw new TokenError('unit-required', `a ${opts.role} token needs --unit: the ${opts.role === 'grid_worker' ? 'grid' : 'unit'} it works for`);
  if (opts.unit !== undefined && county.activeVersion !== null) {
    const active = await db.models.ConfigVersion.findOne({ where: { countyId: opts.county, version: county.activeVersion }, attributes: ['document'] });
    const units = (active?.document as { units?: Array<{ id?: unknown; kind?: unknown }> } | undefined)?.units ?? [];
    const unit = units.find((u) => u.id === opts.unit);
    if (!unit) throw new TokenError('unknown-unit', `unit "${opts.unit}" is not a unit of county "${opts.county}" (active config version ${county.activeVersion})`);
    if (opts.role === 'grid_worker' && unit.kind !== 'grid') throw new TokenError('unknown-unit', `a grid worker's unit must be a grid; "${opts.unit}" is a ${String(unit.kind)}`);
  }
  const token = `pt_${randomBytes(32).toString('base64url')}`;
  const id = newId(opts.now);
  await db.models.Token.create({
    countyId: opts.county,
    id,
    hash: hashToken(token),
    role: opts.role,
    unit: opts.unit ?? null,
    label: opts.label ?? null,
    createdAt: new Date(opts.now ?? Date.now()),
  });
  return { token, id };
}

/**
 * Known tokens, by hash, for a short while: authentication is on every request and the token
 * table changes rarely. A revocation in this process takes effect at once; in another process
 * within {@link TOKEN_CACHE_MS} and the one query that then refreshes the entry.
 */
export const TOKEN_CACHE_MS = 10_000;
const tokenCaches = new WeakMap<Database, RefreshingCache<TokenActor>>();

function cacheOf(db: Database): RefreshingCache<TokenActor> {
  let cache = tokenCaches.get(db);
  if (!cache) tokenCaches.set(db, (cache = new RefreshingCache<TokenActor>(TOKEN_CACHE_MS)));
  return cache;
}

/** The actor a bearer token stands for, or null when it is malformed, unknown, revoked or expired. */
export async function actorForToken(db: Database, token: string, now: number = Date.now()): Promise<TokenActor | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = hashToken(token);
  const actor = await cacheOf(db).get(hash, async () => {
    const row = await db.models.Token.findOne({ where: { hash } });
    if (!row || row.revoked) return null;
    if (row.accountId) return sessionActor(db, row);
    return !isTokenRole(row.role) ? null : { countyId: row.countyId, role: row.role, id: row.id, tokenId: row.id, ...(row.label ? { name: row.label } : {}), ...(row.unit ? { unit: row.unit } : {}) };
  });
  if (!actor || (actor.expiresAt !== undefined && actor.expiresAt <= now)) return null;
  await noteTokenUse(db, actor, now);
  return actor;
}

/** A session token's actor: its account as it is now (a disabled account has no sessions). */
async function sessionActor(db: Database, row: { countyId: string; id: string; accountId: string | null; expiresAt: Date | null }): Promise<TokenActor | null> {
  const account = await db.models.Account.findOne({ where: { countyId: row.countyId, id: row.accountId! } });
  if (!account || account.disabled || !isTokenRole(account.role)) return null;
  return {
    countyId: row.countyId, role: account.role, id: account.id, name: account.name, tokenId: row.id,
    ...(account.unit ? { unit: account.unit } : {}),
    ...(row.expiresAt ? { expiresAt: row.expiresAt.getTime() } : {}),
    ...(account.passwordChangeRequired ? { passwordChangeRequired: true } : {}),
  };
}

/** Drops the cached sessions of an account (edited, disabled, its password changed). */
export function forgetAccountSessions(db: Database, county: string, accountId: string): void {
  cacheOf(db).forget((_hash, actor) => actor.id === accountId && actor.countyId === county);
}

export async function revokeToken(db: Database, opts: { county: string; id: string }): Promise<boolean> {
  const [count] = await db.models.Token.update({ revoked: true }, { where: { countyId: opts.county, id: opts.id } });
  cacheOf(db).forget((_hash, actor) => (actor.tokenId ?? actor.id) === opts.id && actor.countyId === opts.county);
  return count > 0;
}
