/**
 * `POST /counties/{county}/events/{id}/reveal-reporter`: the reporter's name and phone in clear,
 * for a caller whose role may reveal them (config `county.privacy`), with a reason. Every reveal
 * is an entry of the event's history (who, when, why, which fields), in the same transaction as
 * the read, so no one sees the values without the audit saying so.
 */
import { Router } from 'express';
import { REPORTER_FIELDS, reporterFieldsOf } from '../../../engine/config/privacy';
import { actorInCounty } from '../../auth/authenticate';
import { countyPrivacy, reporterAccess } from '../../events/reporter-access';
import { appendHistory } from '../../events/event-writes';
import { apiTime, DEFAULT_TIME_ZONE } from '../api-time';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';
import { canSee, eventIdParam } from './worklist';

const MAX_REASON = 500;

export function reporterRevealRouter(deps: ApiDeps): Router {
  const router = Router();
  router.param('id', eventIdParam);
  const { Event } = deps.db.models;

  router.post('/counties/:county/events/:id/reveal-reporter', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const body = bodyObject(req.body);
    const active = await deps.configs.active(actor.countyId);
    const privacy = countyPrivacy(active?.compiled);
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const revealed = await deps.db.transaction(async (t) => {
      const row = await Event.findOne({ where: { countyId: actor.countyId, id: req.params.id }, transaction: t });
      // an event the caller may not see is not there for it
      if (!row || !canSee(actor, row)) throw new NotFoundError(`event "${req.params.id}" not found`);
      if (reporterAccess(privacy, actor, row) === 'masked') {
        throw new ForbiddenError('reveal-not-allowed', `the role ${actor.role} may not reveal the reporter (county.privacy.revealReporter: ${privacy.revealReporter.join(', ') || 'none'})`, { field: 'role' });
      }
      if (reason === '' || reason.length > MAX_REASON) throw new UnprocessableError('bad-reason', `"reason" is required: why you need the reporter's name and phone (1–${MAX_REASON} characters)`, { field: 'reason' });
      const reporter = reporterFieldsOf(row.data);
      const at = deps.now();
      await appendHistory(deps.db, t, [
        { countyId: actor.countyId, eventId: row.id, at, actor: { id: actor.id, role: actor.role }, action: 'reveal-reporter', from: row.state, to: row.state, detail: { reason, fields: Object.keys(reporter), unit: actor.unit ?? null } },
      ]);
      return { reporter, at };
    });
    const timeZone = active?.compiled.timeZone ?? DEFAULT_TIME_ZONE;
    const reporter: Record<string, unknown> = {};
    for (const field of REPORTER_FIELDS) reporter[field] = revealed.reporter[field] ?? null;
    res.json({ reporter, entry: { at: apiTime(revealed.at, timeZone), action: 'reveal-reporter', reason } });
  });

  return router;
}
