/**
 * Early-warning alerts under `/counties/:county/alerts` (docs/early-warning.md): the list, newest
 * first, page by page; one alert with the events behind it and its audit trail; and acknowledging
 * it. County administrators and policy designers see every alert; a dispatcher sees its command
 * room's, and the county command centre's dispatcher the whole county's. Dispatchers of the alert's
 * command room and county administrators acknowledge.
 */
import { Router, type Request } from 'express';
import type { CompiledConfig } from '../../../engine/index';
import { actorInCounty } from '../../auth/authenticate';
import type { TokenActor } from '../../auth/tokens';
import { acknowledgeAlert, alertHistory, listAlerts, readAlert, type StoredAlert } from '../../alerts/alert-store';
import { alertEvents, alertView } from '../../alerts/alert-view';
import { apiTime } from '../api-time';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';

/** Every alert of the county, or one command room's. */
type Scope = { all: true } | { all: false; commandRoom: string };

function viewScope(actor: TokenActor, compiled: CompiledConfig): Scope {
  if (actor.role === 'county_admin' || actor.role === 'policy_designer') return { all: true };
  if (actor.role === 'dispatcher' && actor.unit) return compiled.unit(actor.unit)?.kind === 'county_command' ? { all: true } : { all: false, commandRoom: actor.unit };
  throw new ForbiddenError('role-not-allowed', `role "${actor.role}" may not read alerts`);
}

const visible = (scope: Scope, alert: StoredAlert) => scope.all || alert.commandRoom === scope.commandRoom;

async function context(deps: ApiDeps, req: Request) {
  const actor = actorInCounty(req, req.params.county as string);
  const active = await deps.configs.active(actor.countyId);
  if (!active) throw new NotFoundError(`county "${actor.countyId}" has no published config`);
  return { actor, compiled: active.compiled, scope: viewScope(actor, active.compiled) };
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestError('bad-query', `"${name}" must be given once`, { field: name });
  return value;
}

const STATUSES = ['open', 'acknowledged', 'all'] as const;
export const MAX_ALERTS_PAGE = 200;

function listParams(query: Record<string, unknown>) {
  const status = single(query, 'status') ?? 'open';
  if (!(STATUSES as readonly string[]).includes(status)) throw new BadRequestError('bad-query', `"status" must be one of ${STATUSES.join(', ')}`, { field: 'status' });
  const limitText = single(query, 'limit');
  if (limitText !== undefined && !/^[1-9]\d{0,3}$/.test(limitText)) throw new BadRequestError('bad-query', `"limit" must be a whole number from 1 to ${MAX_ALERTS_PAGE}`, { field: 'limit' });
  const limit = limitText === undefined ? 50 : Number(limitText);
  if (limit > MAX_ALERTS_PAGE) throw new BadRequestError('bad-query', `"limit" must be a whole number from 1 to ${MAX_ALERTS_PAGE}`, { field: 'limit' });
  const cursorText = single(query, 'cursor');
  let after: { raisedAt: number; id: string } | undefined;
  if (cursorText !== undefined) {
    const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(cursorText) ? Buffer.from(cursorText, 'base64url').toString('utf8') : '';
    const m = /^(\d{1,15}):([A-Za-z0-9-]{1,64})$/.exec(decoded);
    if (!m) throw new BadRequestError('bad-query', '"cursor" must be a nextCursor this list returned', { field: 'cursor' });
    after = { raisedAt: Number(m[1]), id: m[2] };
  }
  return { status: status as (typeof STATUSES)[number], limit, after };
}

const cursorOf = (next: { raisedAt: number; id: string } | null) => (next ? Buffer.from(`${next.raisedAt}:${next.id}`, 'utf8').toString('base64url') : null);

function noteOf(body: unknown): string | null {
  const { note, ...rest } = bodyObject(body ?? {});
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new BadRequestError('bad-body', `unknown field "${unknown.slice(0, 64)}" (an acknowledgement takes a note only)`, { field: unknown.slice(0, 64) });
  if (note === undefined || note === null) return null;
  if (typeof note !== 'string' || note.length > 500) throw new BadRequestError('bad-body', '"note" must be a text of at most 500 characters', { field: 'note' });
  return note.trim() === '' ? null : note;
}

export function alertsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/counties/:county/alerts', async (req, res) => {
    const { actor, compiled, scope } = await context(deps, req);
    const params = listParams(req.query as Record<string, unknown>);
    const page = await listAlerts(deps.db, { countyId: actor.countyId, status: params.status, limit: params.limit, after: params.after, ...(scope.all ? {} : { commandRoom: scope.commandRoom }) });
    res.json({ alerts: page.alerts.map((a) => alertView(a, compiled)), nextCursor: cursorOf(page.next) });
  });

  router.get('/counties/:county/alerts/:id', async (req, res) => {
    const { actor, compiled, scope } = await context(deps, req);
    const alert = await readAlert(deps.db, actor.countyId, String(req.params.id).slice(0, 64));
    if (!alert || !visible(scope, alert)) throw new NotFoundError(`alert "${String(req.params.id).slice(0, 64)}" does not exist`);
    const [events, history] = await Promise.all([alertEvents(deps.db, alert, compiled), alertHistory(deps.db, actor.countyId, alert.id)]);
    res.json({
      alert: alertView(alert, compiled),
      events,
      history: history.map((h) => ({ action: h.action, at: apiTime(h.at, compiled.timeZone), actorId: h.actorId, actorRole: h.actorRole, actorName: h.actorName, note: h.note })),
    });
  });

  router.post('/counties/:county/alerts/:id/acknowledge', async (req, res) => {
    const { actor, compiled, scope } = await context(deps, req);
    const id = String(req.params.id).slice(0, 64);
    const found = await readAlert(deps.db, actor.countyId, id);
    if (!found || !visible(scope, found)) throw new NotFoundError(`alert "${id}" does not exist`);
    const may = actor.role === 'county_admin' || (actor.role === 'dispatcher' && actor.unit === found.commandRoom);
    if (!may) throw new ForbiddenError('role-not-allowed', `only county administrators and the dispatchers of command room "${found.commandRoom}" acknowledge this alert`);
    const note = noteOf(req.body);
    const result = await acknowledgeAlert(deps.db, { countyId: actor.countyId, id, actor: { id: actor.id, role: actor.role, name: actor.name ?? null }, note, now: deps.now() });
    if (result === null) throw new NotFoundError(`alert "${id}" does not exist`);
    if (result === 'acknowledged') throw new ConflictError('already-acknowledged', 'this alert was already acknowledged');
    res.json({ alert: alertView(result, compiled) });
  });

  return router;
}
