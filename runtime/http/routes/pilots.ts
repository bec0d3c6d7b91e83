/**
 * Pilots over HTTP (docs/pilots.md): list a county's pilots, start one (a published version for
 * some townships), widen, promote or end it, and compare its townships with the others before and
 * since it started. County administrators only.
 */
import { Router } from 'express';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { actOrPropose, commentOf } from '../../approvals/approval-store';
import { pilotActionOf } from '../../pilots/pilot-actions';
import { endPilot, getPilot, listPilots, type Pilot } from '../../pilots/pilot-store';
import { approvalActor, approvalView } from './approvals';
import { comparePilot } from '../../pilots/pilot-comparison';
import { apiTime, apiTimeOrNull, countyTimeZone } from '../api-time';
import { BadRequestError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';

const ADMINS = ['county_admin'] as const;
/** Policy designers follow the pilots they designed: they read pilots and comparisons. */
const READERS = ['county_admin', 'policy_designer'] as const;
const BODY_KEYS: Record<string, readonly string[]> = { start: ['version', 'townships', 'name', 'note', 'comment'], widen: ['townships', 'note', 'comment'], promote: ['note', 'comment'], end: ['note'] };
/** Who may propose starting, widening and promoting a pilot: a policy designer's proposal always waits for a county administrator. */
const PROPOSERS = ['county_admin', 'policy_designer'] as const;

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

  router.get('/counties/:county/pilots/:id', async (req, res) => {
    const { actor } = admin(req, req.params.county, 'see pilots', READERS);
    const pilot = await getPilot(deps.db, actor.countyId, pilotId(req.params.id));
    res.json({ pilot: pilotView(pilot, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  /**
   * Start, widen and promote put a version in force: they go through the county's approvals
   * (docs/approvals.md) — done at once when approval is not required, else 202 with the pending
   * request; a policy designer's always waits for a county administrator.
   */
  const proposal = (kind: 'start' | 'widen' | 'promote') => async (req: Parameters<Parameters<typeof router.post>[1]>[0], res: Parameters<Parameters<typeof router.post>[1]>[1]) => {
    const { actor, who } = admin(req, String(req.params.county), `${kind} pilots`, PROPOSERS);
    const body = knownKeys(req.body === undefined ? {} : bodyObject(req.body), BODY_KEYS[kind]);
    const pilot = kind === 'start' ? null : pilotId(String(req.params.id));
    if (pilot !== null) await getPilot(deps.db, actor.countyId, pilot);
    const action = pilotActionOf(kind, body, pilot, who);
    const outcome = await actOrPropose(deps, { countyId: actor.countyId, action, actor: approvalActor(actor), comment: commentOf(body.comment), alwaysPropose: actor.role !== 'county_admin' });
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    if (outcome.type === 'pending') {
      res.status(202).json({ status: 'pending-approval', approval: approvalView(outcome.request, timeZone) });
      return;
    }
    const done = await getPilot(deps.db, actor.countyId, Number(outcome.response.pilot));
    res.status(kind === 'start' ? 201 : 200).json({ pilot: pilotView(done, timeZone) });
  };
  router.post('/counties/:county/pilots', proposal('start'));
  router.post('/counties/:county/pilots/:id/widen', proposal('widen'));
  router.post('/counties/:county/pilots/:id/promote', proposal('promote'));

  router.post('/counties/:county/pilots/:id/end', async (req, res) => {
    const { actor, who } = admin(req, req.params.county, 'end pilots');
    const body = knownKeys(req.body === undefined ? {} : bodyObject(req.body), BODY_KEYS.end);
    const pilot = await endPilot(pilotDeps, { countyId: actor.countyId, id: pilotId(req.params.id), note: body.note, actor: who, now: deps.now() });
    res.json({ pilot: pilotView(pilot, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  router.get('/counties/:county/pilots/:id/comparison', async (req, res) => {
    const { actor } = admin(req, req.params.county, 'compare pilots', READERS);
    const pilot = await getPilot(deps.db, actor.countyId, pilotId(req.params.id));
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    const baselineText = req.query.baselineDays;
    if (baselineText !== undefined && (typeof baselineText !== 'string' || !/^[1-9][0-9]{0,2}$/.test(baselineText) || Number(baselineText) > 366)) {
      throw new BadRequestError('bad-query', '"baselineDays" must be a number of days, 1–366', { field: 'baselineDays' });
    }
    const c = await comparePilot(deps.db, { countyId: actor.countyId, pilot, now: deps.now(), ...(baselineText !== undefined ? { baselineDays: Number(baselineText) } : {}) });
    const span = (s: { from: number; to: number }) => ({ from: apiTime(s.from, timeZone), to: apiTime(s.to, timeZone) });
    res.json({ pilot: pilotView(pilot, timeZone), before: span(c.before), since: span(c.since), groups: { pilot: c.pilot, others: c.others } });
  });

  return router;
}
