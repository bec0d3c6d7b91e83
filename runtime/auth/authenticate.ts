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

/** The actor of an `Authorization: Bearer pt_…` header. 401 when missing, malformed, unknown or revoked. */
export async function actorForAuthorization(db: Database, header: string | undefined): Promise<TokenActor> {
  if (header === undefined) throw new UnauthorizedError();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
  const actor = await actorForToken(db, match[1]);
  if (!actor) throw new UnauthorizedError(match[1].startsWith('ptp_') ? "a platform administrator's token does not act inside a county" : 'the token is invalid or revoked');
  // a disabled county's tokens stop working (401 county-disabled); its data stays
  await requireCountyEnabled(db, actor.countyId);
  return actor;
}

/** Requires `Authorization: Bearer pt_…`; sets `req.actor`. */
export function authenticate(db: Database): RequestHandler {
  return async (req, _res, next) => {
    req.actor = await actorForAuthorization(db, req.headers.authorization);
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
