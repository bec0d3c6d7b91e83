/**
 * The JSON API mounted at `/api/v1`: every route below is authenticated (bearer token) and takes
 * JSON bodies. Add routers for new resources here.
 */
import { Router } from 'express';
import type { Logger } from 'pino';
import { authenticate } from '../../auth/authenticate';
import type { ConfigRepository } from '../../db/config-repository';
import type { Database } from '../../db/open-database';
import type { Metrics } from '../../metrics/metrics';
import { jsonBody } from '../json-body';
import { openApiDocument } from '../openapi';
import { actorInCounty } from '../../auth/authenticate';
import type { Attachments } from '../../attachments/attachments';
import { attachmentsRouter } from './attachments';
import { accountsRouter } from './accounts';
import { configsRouter } from './configs';
import { passwordRouter, signInRouter } from './sign-in';
import { countiesRouter } from './counties';
import { eventsRouter } from './events';
import { reportKitRouter } from './report-kit';
import { geographyRouter } from './geography';
import { reporterRevealRouter } from './reporter-reveal';
import { unitImportRouter } from './unit-import';
import { peopleImportRouter } from './people-import';
import { worklistRouter } from './worklist';
import { assessmentRouter } from './assessment';
import { statsRouter } from './stats';
import { alertsRouter } from './alerts';
import { approvalsRouter } from './approvals';
import { pilotsRouter } from './pilots';
import { auditRouter } from './audit';
import { shadowsRouter } from './shadows';
import { backtestsRouter } from './backtests';

/** What route handlers get: the database, configs, metrics and the injected clock. */
export interface ApiDeps {
  db: Database;
  configs: ConfigRepository;
  metrics: Metrics;
  logger: Logger;
  now: () => number;
  /** Photos and videos; without it uploads answer 503 and reports cannot name attachments. */
  attachments?: Attachments;
}

export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  // the platform administrator's routes take platform tokens, not a county's
  router.use(countiesRouter(deps));
  router.use(signInRouter(deps));
  router.use(authenticate(deps.db, deps.now));
  router.get('/me', async (req, res) => {
    const actor = actorInCounty(req, req.actor?.countyId);
    // the unit's name as the active config gives it, so the header needs no config of its own
    const active = actor.unit ? await deps.configs.active(actor.countyId) : null;
    const unitName = (actor.unit && active?.compiled.unit(actor.unit)?.name) || null;
    res.json({ county: actor.countyId, role: actor.role, unit: actor.unit ?? null, unitName, id: actor.id, name: actor.name ?? null, passwordChangeRequired: actor.passwordChangeRequired === true });
  });
  // multipart uploads: before the JSON parser, which refuses other bodies
  router.use(attachmentsRouter(deps));
  // spreadsheet imports: multipart or raw bodies, before the JSON parser
  router.use(unitImportRouter(deps));
  router.use(peopleImportRouter(deps));
  router.use(jsonBody());
  router.use(passwordRouter(deps));
  router.use(accountsRouter(deps));
  router.use(eventsRouter(deps));
  router.use(configsRouter(deps));
  router.use(worklistRouter(deps));
  router.use(reportKitRouter(deps));
  router.use(geographyRouter(deps));
  router.use(reporterRevealRouter(deps));
  router.use(assessmentRouter(deps));
  router.use(statsRouter(deps));
  router.use(alertsRouter(deps));
  router.use(approvalsRouter(deps));
  router.use(pilotsRouter(deps));
  router.use(auditRouter(deps));
  router.use(shadowsRouter(deps));
  router.use(backtestsRouter(deps));
  return router;
}
