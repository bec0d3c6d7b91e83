/**
 * The platform administrator's API: `GET/POST /counties`, `PATCH /counties/:county` (disable,
 * enable, require approval) and `GET /catalogs`, plus `GET /me` for a platform token. Mounted before county
 * authentication: these routes take platform tokens only; a county's token gets 403 saying so.
 */
import { Router, type Request, type Response } from 'express';
import { actorForAuthorization } from '../../auth/authenticate';
import { actorForPlatformToken, looksLikePlatformToken, PLATFORM_ROLE, type PlatformActor } from '../../auth/platform-tokens';
import { COUNTY_ID, CountyError, createCounty, type CountySource } from '../../counties/create-county';
import { findCounty, listCounties } from '../../counties/county-list';
import { setCountyDisabled } from '../../counties/county-status';
import { BadRequestError, ConflictError, ForbiddenError, HttpError, NotFoundError, UnauthorizedError, UnprocessableError } from '../errors';
import { bodyObject, jsonBody } from '../json-body';
import type { ApiDeps } from './api-router';
import { listCatalogs } from './configs';
import { approvalSetting } from '../../approvals/approval-setting';
import { actOrPropose } from '../../approvals/approval-store';

function bearerOf(req: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** The platform administrator of the request; 403 naming why for a county's token, else 401. */
async function platformActor(deps: ApiDeps, req: Request, what: string): Promise<PlatformActor> {
  const token = bearerOf(req);
  const actor = token ? await actorForPlatformToken(deps.db, token) : null;
  if (actor) return actor;
  if (token && looksLikePlatformToken(token)) throw new UnauthorizedError('the platform token is invalid or revoked');
  // a county's token (valid, or the 401 that explains why not)
  const county = await actorForAuthorization(deps.db, req.headers.authorization);
  throw new ForbiddenError('platform-admin-only', `only the platform administrator may ${what}; this token is a ${county.role} of county "${county.countyId}"`);
}

const ALLOWED_KEYS = new Set(['id', 'name', 'catalog', 'overlay', 'document']);

/** The source a `POST /counties` body names: exactly one of `catalog` (with an optional `overlay`) or `document`. */
function sourceOf(body: Record<string, unknown>): CountySource {
  const unknown = Object.keys(body).find((k) => !ALLOWED_KEYS.has(k));
  if (unknown !== undefined) throw new BadRequestError('unknown-field', `"${unknown}" is not a field of a new county (id, name, catalog, overlay, document)`, { field: unknown });
  if (body.catalog !== undefined && body.document !== undefined) throw new BadRequestError('bad-county-source', 'give either "catalog" (with an optional "overlay") or "document", not both', { field: 'document' });
  if (body.document !== undefined) {
    if (body.overlay !== undefined) throw new BadRequestError('bad-county-source', '"overlay" goes with "catalog"; a document states its base in "extends"', { field: 'overlay' });
    return { type: 'document', document: body.document };
  }
  if (body.catalog === undefined) throw new BadRequestError('bad-county-source', 'give "catalog" (a catalog id, optionally with an "overlay") or "document" (a bundled config)', { field: 'catalog' });
  if (typeof body.catalog !== 'string') throw new BadRequestError('bad-catalog', '"catalog" must be a catalog id such as zhejiang-four-platforms', { field: 'catalog' });
  return { type: 'catalog', catalog: body.catalog, overlay: body.overlay as Record<string, unknown> | undefined };
}

/** A {@link CountyError} as HTTP: 409 for a taken id, 404 for an unknown catalog, 422 for a config with problems, else 400. */
function httpErrorOf(err: CountyError): HttpError {
  const opts = { field: err.field, issues: err.issues };
  switch (err.code) {
    case 'county-exists':
      return new ConflictError(err.code, err.message, opts);
    case 'unknown-catalog':
      return new NotFoundError(err.message, opts);
    case 'config-invalid':
      return new UnprocessableError(err.code, err.message, opts);
    default:
      return new BadRequestError(err.code, err.message, opts);
  }
}

export function countiesRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/me', async (req, res, next) => {
    const token = bearerOf(req);
    if (!token || !looksLikePlatformToken(token)) return next();
    const actor = await platformActor(deps, req, 'act for the platform');
    res.json({ county: null, role: PLATFORM_ROLE, unit: null, unitName: null, id: actor.id });
  });

  router.get('/catalogs', async (req, res) => {
    await platformActor(deps, req, 'list the catalogs of the platform');
    res.json({ catalogs: await listCatalogs() });
  });

  router.get('/counties', async (req, res) => {
    await platformActor(deps, req, 'list counties');
    res.json({ counties: await listCounties(deps.db) });
  });

  router.post('/counties', ...jsonBody(), async (req: Request, res: Response) => {
    const actor = await platformActor(deps, req, 'create counties');
    const body = bodyObject(req.body);
    const source = sourceOf(body);
    if (body.name !== undefined && typeof body.name !== 'string') throw new BadRequestError('bad-county-name', '"name" must be a text', { field: 'name' });
    try {
      const created = await createCounty(deps, { id: body.id as string, name: body.name as string | undefined, source, createdBy: actor.id, now: deps.now() });
      const county = await findCounty(deps.db, created.id);
      res.status(201).location(`/api/v1/counties/${created.id}`).json({ county, adminToken: created.adminToken, open311Key: created.open311Key });
    } catch (err) {
      throw err instanceof CountyError ? httpErrorOf(err) : err;
    }
  });

  router.patch('/counties/:county', ...jsonBody(), async (req: Request, res: Response) => {
    const actor = await platformActor(deps, req, 'disable or enable counties, or set whether they require approval');
    const id = req.params.county as string;
    if (!COUNTY_ID.test(id)) throw new NotFoundError(`county "${id}" not found`);
    const body = bodyObject(req.body);
    const unknown = Object.keys(body).find((k) => k !== 'status' && k !== 'requireApproval');
    if (unknown !== undefined) throw new BadRequestError('unknown-field', `"${unknown}" cannot be changed; send {"status": "disabled"} or {"status": "active"}, or {"requireApproval": true}`, { field: unknown });
    if (body.status === undefined && body.requireApproval === undefined) throw new BadRequestError('bad-status', 'send "status" ("disabled" or "active") or "requireApproval" (true or false)', { field: 'status' });
    if (body.status !== undefined && body.status !== 'disabled' && body.status !== 'active') throw new BadRequestError('bad-status', '"status" must be "disabled" or "active"', { field: 'status' });
    if (body.requireApproval !== undefined && typeof body.requireApproval !== 'boolean') throw new BadRequestError('bad-require-approval', '"requireApproval" must be true or false', { field: 'requireApproval' });
    if (!(await findCounty(deps.db, id))) throw new NotFoundError(`county "${id}" not found`);
    if (body.status !== undefined && !(await setCountyDisabled(deps.db, { county: id, disabled: body.status === 'disabled', now: deps.now() }))) throw new NotFoundError(`county "${id}" not found`);
    // the platform administrator sets the requirement at once; the change is recorded like any other
    if (typeof body.requireApproval === 'boolean' && (await approvalSetting(deps.db, id)).requireApproval !== body.requireApproval) {
      await actOrPropose(deps, { countyId: id, action: { type: 'require-approval', on: body.requireApproval }, actor: { id: actor.id, role: PLATFORM_ROLE, name: null, machine: true }, comment: null, direct: true });
    }
    res.json({ county: await findCounty(deps.db, id), requireApproval: (await approvalSetting(deps.db, id)).requireApproval });
  });

  return router;
}
