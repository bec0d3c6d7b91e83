/**
 * People signing in: `POST /sign-in` (no token yet: mounted before authentication), and, for a
 * signed-in person, `POST /password` (also the first-login change) and `POST /sign-out`.
 */
import { Router } from 'express';
import { changePassword, signIn, signOut } from '../../auth/sessions';
import { UnauthorizedError } from '../errors';
import { bodyObject, jsonBody } from '../json-body';
import type { ApiDeps } from './api-router';

/** Before authentication. */
export function signInRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use('/sign-in', jsonBody());
  router.post('/sign-in', async (req, res) => {
    res.json(await signIn(deps.db, bodyObject(req.body), deps.now()));
  });
  return router;
}

/** After authentication and the JSON body parser. */
export function passwordRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/password', async (req, res) => {
    if (!req.actor) throw new UnauthorizedError();
    res.json({ account: await changePassword(deps.db, req.actor, bodyObject(req.body), deps.now()) });
  });
  router.post('/sign-out', async (req, res) => {
    if (!req.actor) throw new UnauthorizedError();
    await signOut(deps.db, req.actor);
    res.json({ signedOut: true });
  });
  return router;
}
