/**
 * Pilots over HTTP (docs/pilots.md): list a county's pilots, start one (a published version for
 * some townships), widen, promote or end it, and compare its townships with the others before and
 * since it started. County administrators only.
 */
import { Router } from 'express';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { closePilot, getPilot, listPilots, startPilot, widenPilot, type Pilot } from '../../pilots/pilot-store';
import { comparePilot } from '../../pilots/pilot-comparison';
import { apiTime, apiTimeOrNull, countyTimeZone } from '../api-time';
import { BadRequestError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';

const ADMINS = ['county_admin'] as const;
/** Policy designers follow the pilots they designed: they read pilots and comparisons. */
const READERS = ['county_admin', 'policy_designer'] as const;
const BODY_KEYS: Record<string, readonly string[]> = { start: ['version', 'townships', 'name', 'note'], widen: ['townships', 'note'], close: ['note'] };

function pilotId(value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new BadRequestError('bad-pilot', `"${value}" is not a pilot number`, { field: 'id' });
  return Number(value);
}

function knownKeys(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const unknown = Object.keys(body).find((k) => !keys.includes(k));
  if (unknown !== undefined) throw new BadRequestError('bad-body', `"${unknown}" is not a field here (${keys.join(', ')})`, { field: unknown });
  return body;
}

function pilotView(p: Pilot, timeZone: string) {
  return {
    id: p.id,
    version: p.version,
    townships: p.townships,
    status: p.status,
    name: p.name,
    startedAt: apiTime(p.startedAt, timeZone),
    startedBy: p.startedBy,
    endedAt: apiTimeOrNull(p.endedAt, timeZone),
    endedBy: p.endedBy,
    changes: p.changes.map((c) => ({ ...c, at: apiTime(c.at, timeZone) })),
  };
}

export function pilotsRouter(deps: ApiDeps): Router {
  const router = Router();
  const pilotDeps = { db: deps.db, configs: deps.configs };
  const admin = (req: Parameters<typeof actorInCounty>[0], county: string, what: string, roles: readonly string[] = ADMINS) => {
    const actor = actorInCounty(req, county);
    requireRole(actor, [...roles] as Parameters<typeof requireRole>[1], what);
    return { actor, who: { id: actor.id, role: actor.role, name: actor.name ?? null } };
  };

  router.get('/counties/:county/pilots', async (req, res) => {
    const { actor } = admin(req, req.params.county, 'see pilots', READERS);
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    const active = await deps.configs.active(actor.countyId);
    res.json({ mainVersion: active?.version ?? null, pilots: (await listPilots(deps.db, actor.countyId)).map((p) => pilotView(p, timeZone)) });
  });

  router.post('/counties/:county/pilots', async (req, res) => {
    const { actor, who } = admin(req, req.params.county, 'start pilots');
    const body = knownKeys(bodyObject(req.body), BODY_KEYS.start);
    const pilot = await startPilot(pilotDeps, { countyId: actor.countyId, version: body.version, townships: body.townships, name: body.name, note: body.note, actor: who, now: deps.now() });
    res.status(201).json({ pilot: pilotView(pilot, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  router.get('/counties/:county/pilots/:id', async (req, res) => {
    const { actor } = admin(req, req.params.county, 'see pilots', READERS);
    const pilot = await getPilot(deps.db, actor.countyId, pilotId(req.params.id));
    res.json({ pilot: pilotView(pilot, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  router.post('/counties/:county/pilots/:id/widen', async (req, res) => {
    const { actor, who } = admin(req, req.params.county, 'widen pilots');
    const body = knownKeys(bodyObject(req.body), BODY_KEYS.widen);
    const pilot = await widenPilot(pilotDeps, { countyId: actor.countyId, id: pilotId(req.params.id), townships: body.townships, note: body.note, actor: who, now: deps.now() });
    res.json({ pilot: pilotView(pilot, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  for (const action of ['promote', 'end'] as const) {
    router.post(`/counties/:county/pilots/:id/${action}`, async (req, res) => {
      const { actor, who } = admin(req, req.params.county, `${action} pilots`);
      const body = knownKeys(req.body === undefined ? {} : bodyObject(req.body), BODY_KEYS.close);
      const pilot = await closePilot(pilotDeps, { countyId: actor.countyId, id: pilotId(req.params.id), action, note: body.note, actor: who, now: deps.now() });
      res.json({ pilot: pilotView(pilot, await countyTimeZone(deps.configs, actor.countyId)) });
    });
  }

  router.get('/counties/:county/pilots/:id/comparison', async (req, res) => {
    const { actor } = admin(req, req.params.county, 'compare pilots', READERS);
    const pilot = await getPilot(deps.db, actor.countyId, pilotId(req.params.id));
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    const c = await comparePilot(deps.db, { countyId: actor.countyId, pilot, now: deps.now() });
    const span = (s: { from: number; to: number }) => ({ from: apiTime(s.from, timeZone), to: apiTime(s.to, timeZone) });
    res.json({ pilot: pilotView(pilot, timeZone), before: span(c.before), since: span(c.since), groups: { pilot: c.pilot, others: c.others } });
  });

  return router;
}
