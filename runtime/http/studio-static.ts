/**
 * Serves the built studio (studio/dist) at `/`: hashed assets with long caching, and the SPA's
 * index.html for any other GET that is not an API path. When the studio has not been built, `/`
 * says how to build it instead of a bare 404.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { PROJECT_ROOT } from '../project-root';

export const STUDIO_DIST = path.join(PROJECT_ROOT, 'studio', 'dist');
const API_PREFIXES = ['/api/', '/open311/', '/healthz', '/readyz', '/metrics'];

export function studioRouter(dist = STUDIO_DIST): Router {
  const router = Router();
  const index = path.join(dist, 'index.html');
  router.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(dist, { index: false }));
  router.get(/.*/, (req, res, next) => {
    if (API_PREFIXES.some((p) => req.path.startsWith(p))) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('The studio has not been built: run `npm run build:studio` (npm install does it).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
