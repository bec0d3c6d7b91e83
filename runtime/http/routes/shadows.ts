/**
 * Shadow runs over HTTP (docs/pilots.md): start one for a published version, stop it, read its
 * running counts and the events it would have decided differently. County administrators start
 * and stop; they and policy designers read.
 */
import { Router } from 'express';
import { summaryView } from '../../backtest/backtest-summary';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { getShadow, listShadows, shadowChanges, startShadow, stopShadow, type Shadow, type ShadowChange } from '../../shadows/shadow-store';
import { apiTime, apiTimeOrNull, countyTimeZone } from '../api-time';
import { BadRequestError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';

const ADMINS = ['county_admin'] as const;
const READERS = ['county_admin', 'policy_designer'] as const;

function shadowId(value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new BadRequestError('bad-shadow', `"${value}" is not a shadow run number`, { field: 'id' });
  return Number(value);
}

function shadowView(s: Shadow, timeZone: string) {
  return {
    id: s.id,
    version: s.version,
    name: s.name,
    status: s.status,
    startedAt: apiTime(s.startedAt, timeZone),
    startedBy: s.startedBy,
    stoppedAt: apiTimeOrNull(s.stoppedAt, timeZone),
    stoppedBy: s.stoppedBy,
    decidedUntil: apiTime(s.decidedUntil, timeZone),
    totals: s.totals,
    summary: summaryView(s.summary),
  };
}

/** A side of a comparison with its deadlines as times of the county's zone. */
function sideView(side: unknown, timeZone: string) {
  if (side === null || typeof side !== 'object') return null;
  const s = side as { acceptDue: number | null; resolveDue: number | null };
  return { ...s, acceptDue: apiTimeOrNull(s.acceptDue, timeZone), resolveDue: apiTimeOrNull(s.resolveDue, timeZone) };
}

function changeView(c: ShadowChange, timeZone: string) {
  return { ...c, reportedAt: apiTime(c.reportedAt, timeZone), real: sideView(c.real, timeZone), shadow: sideView(c.shadow, timeZone) };
}

export function shadowsRouter(deps: ApiDeps): Router {
  const router = Router();
  const who = (req: Parameters<typeof actorInCounty>[0], county: string, what: string, roles: readonly string[]) => {
    const actor = actorInCounty(req, county);
    requireRole(actor, [...roles] as Parameters<typeof requireRole>[1], what);
    return actor;
  };

  router.get('/counties/:county/shadows', async (req, res) => {
    const actor = who(req, req.params.county, 'see shadow runs', READERS);
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    res.json({ shadows: (await listShadows(deps.db, actor.countyId)).map((s) => shadowView(s, timeZone)) });
  });

  router.post('/counties/:county/shadows', async (req, res) => {
    const actor = who(req, req.params.county, 'start shadow runs', ADMINS);
    const body = bodyObject(req.body);
    const unknown = Object.keys(body).find((k) => k !== 'version' && k !== 'name');
    if (unknown !== undefined) throw new BadRequestError('bad-body', `"${unknown}" is not a field here (version, name)`, { field: unknown });
    const shadow = await startShadow({ db: deps.db, configs: deps.configs }, { countyId: actor.countyId, version: body.version, name: body.name, actorId: actor.id, now: deps.now() });
    res.status(201).json({ shadow: shadowView(shadow, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  router.get('/counties/:county/shadows/:id', async (req, res) => {
    const actor = who(req, req.params.county, 'see shadow runs', READERS);
    const shadow = await getShadow(deps.db, actor.countyId, shadowId(req.params.id));
    res.json({ shadow: shadowView(shadow, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  router.post('/counties/:county/shadows/:id/stop', async (req, res) => {
    const actor = who(req, req.params.county, 'stop shadow runs', ADMINS);
    const shadow = await stopShadow(deps.db, { countyId: actor.countyId, id: shadowId(req.params.id), actorId: actor.id, now: deps.now() });
    res.json({ shadow: shadowView(shadow, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  router.get('/counties/:county/shadows/:id/changes', async (req, res) => {
    const actor = who(req, req.params.county, 'see shadow runs', READERS);
    const id = shadowId(req.params.id);
    await getShadow(deps.db, actor.countyId, id);
    const limitText = typeof req.query.limit === 'string' ? req.query.limit : '50';
    if (!/^[1-9][0-9]{0,2}$/.test(limitText) || Number(limitText) > 500) throw new BadRequestError('bad-query', '"limit" must be 1–500', { field: 'limit' });
    const cursorText = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    let after: { at: number; id: string } | undefined;
    if (cursorText !== undefined) {
      const m = /^(\d{1,15})_([0-9a-f-]{36})$/.exec(cursorText);
      if (!m) throw new BadRequestError('bad-query', '"cursor" must be the nextCursor of the page before', { field: 'cursor' });
      after = { at: Number(m[1]), id: m[2] };
    }
    const limit = Number(limitText);
    const rows = await shadowChanges(deps.db, { countyId: actor.countyId, id, limit, after });
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    const last = rows[rows.length - 1];
    res.json({ changes: rows.map((c) => changeView(c, timeZone)), nextCursor: rows.length === limit && last ? `${last.reportedAt}_${last.eventId}` : null });
  });

  return router;
}
