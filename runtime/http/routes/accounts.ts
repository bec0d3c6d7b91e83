/**
 * A county's people and machines, for its administrator: accounts under
 * `/counties/:county/accounts` and API tokens under `/counties/:county/tokens`.
 */
import { Router } from 'express';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { accountFields, accountView, createAccount, findAccount, listAccounts, resetPassword, updateAccount } from '../../auth/accounts';
import { issueApiToken, listApiTokens, revokeApiToken } from '../../auth/api-tokens';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';

export function accountsRouter(deps: ApiDeps): Router {
  const router = Router();
  const admin = (req: Parameters<typeof actorInCounty>[0], county: string | undefined, what: string) => {
    const actor = actorInCounty(req, county);
    requireRole(actor, ['county_admin'], what);
    return actor;
  };

  router.get('/counties/:county/accounts', async (req, res) => {
    const actor = admin(req, req.params.county, 'list accounts');
    res.json({ accounts: await listAccounts(deps.db, actor.countyId) });
  });

  router.post('/counties/:county/accounts', async (req, res) => {
    const actor = admin(req, req.params.county, 'create accounts');
    const created = await createAccount(deps.db, { county: actor.countyId, fields: accountFields(bodyObject(req.body), 'create'), now: deps.now(), actor: { id: actor.id, role: actor.role } });
    res.status(201).set('Location', `/api/v1/counties/${actor.countyId}/accounts/${created.account.id}`).json(created);
  });

  router.get('/counties/:county/accounts/:id', async (req, res) => {
    const actor = admin(req, req.params.county, 'read accounts');
    res.json({ account: accountView(await findAccount(deps.db, actor.countyId, req.params.id)) });
  });

  router.patch('/counties/:county/accounts/:id', async (req, res) => {
    const actor = admin(req, req.params.county, 'edit accounts');
    const account = await updateAccount(deps.db, { county: actor.countyId, id: req.params.id, fields: accountFields(bodyObject(req.body), 'edit'), now: deps.now(), actor: { id: actor.id, role: actor.role } });
    res.json({ account });
  });

  router.post('/counties/:county/accounts/:id/reset-password', async (req, res) => {
    const actor = admin(req, req.params.county, 'reset passwords');
    res.json(await resetPassword(deps.db, { county: actor.countyId, id: req.params.id, now: deps.now(), actor: { id: actor.id, role: actor.role } }));
  });

  router.get('/counties/:county/tokens', async (req, res) => {
    const actor = admin(req, req.params.county, 'list API tokens');
    res.json({ tokens: await listApiTokens(deps.db, actor.countyId) });
  });

  router.post('/counties/:county/tokens', async (req, res) => {
    const actor = admin(req, req.params.county, 'issue API tokens');
    const issued = await issueApiToken(deps.db, actor.countyId, bodyObject(req.body), deps.now());
    const token = (await listApiTokens(deps.db, actor.countyId)).find((t) => t.id === issued.id)!;
    res.status(201).json({ token: issued.token, info: token });
  });

  router.delete('/counties/:county/tokens/:id', async (req, res) => {
    const actor = admin(req, req.params.county, 'revoke API tokens');
    await revokeApiToken(deps.db, actor.countyId, req.params.id);
    res.json({ revoked: true });
  });

  return router;
}
