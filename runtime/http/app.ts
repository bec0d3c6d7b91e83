/**
 * The express 5 application: health, readiness and metrics endpoints, structured request logs,
 * the JSON API under `/api/v1`, and one error handler that turns typed errors into JSON.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type Router } from 'express';
import { BadRequestError, UnauthorizedError } from './errors';
import { requestLog } from './request-log';
import { apiRouter, type ApiDeps } from './routes/api-router';
import { errorHandler, notFoundHandler } from './error-handler';
import { parameterTextProblem } from './text-hygiene';
import { open311ErrorHandler, open311Router } from '../open311/open311-router';
import { studioRouter } from './studio-static';
import { publicRouter } from '../public/public-router';

export type AppDeps = ApiDeps & {
  /** Replaces the default `/api/v1` router (tests, or a build that assembles its own). */
  api?: Router;
  /** When set, `/metrics` wants `Authorization: Bearer <metricsToken>` (401 otherwise). */
  metricsToken?: string;
  /** The public origin the server is reached at (Open311 discovery names it). */
  publicUrl?: string;
  /** express's `trust proxy` (behind a reverse proxy: client addresses from X-Forwarded-For, for the Open311 rate limit). */
  trustProxy?: false | number | string;
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
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(requestLog(deps.logger, { quiet: QUIET_PATHS }));
  // a NUL character cannot be stored or compared by SQLite's SQL text, nor be part of any id or filter
  app.use((req, _res, next) => {
    const path = req.originalUrl.split('?')[0];
    if (/%00/i.test(path)) {
      next(new BadRequestError('bad-text', 'the path may not contain NUL characters (%00)', { field: 'path' }));
      return;
    }
    const problem = parameterTextProblem(req.query as Record<string, unknown>);
    next(problem ? new BadRequestError('bad-text', `the query parameter ${JSON.stringify(problem.field)} ${problem.problem}`, { field: `query.${problem.field}` }) : undefined);
  });

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

  // citizens: no sign-in, rate-limited (before the authenticated API)
  app.use('/api/v1/public', publicRouter(deps));
  app.use('/api/v1', deps.api ?? apiRouter(deps));
  app.use('/open311/v2/:county', open311Router(deps, { publicUrl: deps.publicUrl }));
  // errors before the Open311 router runs (a county segment that does not decode) still answer as Open311 errors
  app.use('/open311', open311ErrorHandler());
  app.use(studioRouter());

  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
