/**
 * Bearer-token authentication for the API, and the county boundary: a caller sees only its own
 * county, and another county's resources answer 404 exactly like missing ones (never 403, which
 * would confirm that they exist).
 */
import type { Request, RequestHandler } from 'express';
import type { Database } from '../db/open-database';
import { requireCountyEnabled } from '../counties/county-status';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../http/errors';
import { actorForToken, type TokenActor, type TokenRole } from './tokens';

declare global {
  namespace Express {
    interface Request {
      /** Set by {@link authenticate}. */
      actor?: TokenActor;
    }
  }
}

/**
 * The actor of an `Authorization: Bearer pt_…` header. 401 when missing, malformed, unknown,
 * revoked or expired; 403 `password-change-required` for a session still on its temporary
 * password, unless `pendingAllowed` (the password change itself, `/me`, signing out).
 */
export async function actorForAuthorization(db: Database, header: string | undefined, opts: { now?: number; pendingAllowed?: boolean } = {}): Promise<TokenActor> {
  if (header === undefined) throw new UnauthorizedError();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
  const actor = await actorForToken(db, match[1], opts.now);
  if (!actor) throw new UnauthorizedError(match[1].startsWith('ptp_') ? "a platform administrator's token does not act inside a county" : 'the token is invalid, revoked or expired');
  // a disabled county's tokens stop working (401 county-disabled); its data stays
  await requireCountyEnabled(db, actor.countyId);
  if (actor.passwordChangeRequired && !opts.pendingAllowed) throw new ForbiddenError('password-change-required', 'set a new password first (POST /api/v1/password): the temporary one only allows that');
  return actor;
}

/** What a session still on its temporary password may call. */
const PENDING_ALLOWED = new Set(['GET /me', 'POST /password', 'POST /sign-out']);

/** Requires `Authorization: Bearer pt_…`; sets `req.actor`. */
export function authenticate(db: Database, now: () => number = Date.now): RequestHandler {
  return async (req, _res, next) => {
    req.actor = await actorForAuthorization(db, req.headers.authorization, { now: now(), pendingAllowed: PENDING_ALLOWED.has(`${req.method} ${req.path}`) });
    next();
  };
}

/** The authenticated actor, acting in `county`; 404 when the path's county is not the caller's. */
export function actorInCounty(req: Pick<Request, 'actor'>, county: string | undefined): TokenActor {
  const actor = req.actor;
  if (!actor) throw new UnauthorizedError();
  if (county === undefined || county !== actor.countyId) throw new NotFoundError(`county "${county}" not found`);
  return actor;
}

/** 403 unless the actor has one of `roles`. */
export function requireRole(actor: TokenActor, roles: readonly TokenRole[], what: string): void {
  if (!roles.includes(actor.role)) throw new ForbiddenError('role-not-allowed', `role "${actor.role}" may not ${what}`);
}
