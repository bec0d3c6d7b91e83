/**
 * The express 5 application: health, readiness and metrics endpoints, structured request logs,
 * the JSON API under `/api/v1`, and one error handler that turns typed errors into JSON.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type Router } from 'express';
import { UnauthorizedError } from './errors';
import { requestLog } from './request-log';
import { apiRouter, type ApiDeps } from './routes/api-router';
import { errorHandler, notFoundHandler } from './error-handler';
import { open311Router } from '../open311/open311-router';
import { studioRouter } from './studio-static';

export type AppDeps = ApiDeps & {
  /** Replaces the default `/api/v1` router (tests, or a build that assembles its own). */
  api?: Router;
  /** When set, `/metrics` wants `Authorization: Bearer <metricsToken>` (401 otherwise). */
  metricsToken?: string;
};

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Whether `header` is `Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), expected);
}

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // no ETag on API answers: they are not cached, and hashing every body costs
  app.set('etag', false);
  app.use(requestLog(deps.logger, { quiet: QUIET_PATHS }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  let migrated = false;
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.db.ping();
      if (!migrated) {
        const pending = await deps.db.pendingMigrations();
        if (pending.length > 0) {
          res.status(503).json({ status: 'not-ready', reason: 'migrations pending', pending });
          return;
        }
        migrated = true;
      }
      res.json({ status: 'ready' });
    } catch (err) {
      deps.logger.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'not-ready', reason: 'database unreachable' });
    }
  });

  const metricsDigest = deps.metricsToken === undefined ? null : digest(deps.metricsToken);
  app.get('/metrics', async (req, res) => {
    if (metricsDigest && !bearerMatches(req.headers.authorization, metricsDigest)) {
      throw new UnauthorizedError('/metrics wants the metrics token (PINGTAI_METRICS_TOKEN) as a bearer token', { field: 'headers.authorization' });
    }
    const body = await deps.metrics.registry.metrics();
    res.type(deps.metrics.registry.contentType).send(body);
  });

  app.use('/api/v1', deps.api ?? apiRouter(deps));
  app.use('/open311/v2/:county', open311Router(deps));
  app.use(studioRouter());

  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
