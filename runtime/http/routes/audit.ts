/**
 * `GET /counties/:county/audit/verify`: the county administrator's view of `pingtai audit verify`
 * (docs/audit.md) — each hash chain's verified count, head and first break.
 */
import { Router } from 'express';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { verifyCounty } from '../../audit/chain-verifier';
import type { ApiDeps } from './api-router';

export function auditRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/counties/:county/audit/verify', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, ['county_admin'], 'verify the audit logs');
    const logs = await verifyCounty(deps.db, actor.countyId);
    res.json({ county: actor.countyId, intact: logs.every((l) => l.broken === null), logs });
  });
  return router;
}
