/**
 * Open311 GeoReport v2 under `/open311/v2/{county}/`: discovery, services, service definitions,
 * requests (GET, and POST with the county's api_key), single requests and tokens, each as `.xml`
 * or `.json`. Errors are Open311 errors (`[{code, description}]` / `<errors>`), rendered here for
 * everything under this router.
 */
import express, { Router, type ErrorRequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ApiDeps } from '../http/routes/api-router';
import { parameterTextProblem } from '../http/text-hygiene';
import { loggableError } from '../loggable-error';
import { open311Body } from './request-media';
import { createRequest } from './create-request';
import { inLocale } from './locale';
import { checkJurisdiction, contextOf, formatOfPath, parseResource, resolveCounty, send, type Format } from './open311-context';
import { Open311Error, open311ErrorOf } from './open311-error';
import { DatabaseRateLimitStore } from './rate-limit-store';
import { parseRequestFilter } from './request-filter';
import { findEvents, requestViews } from './request-store';
import { attributeViews, serviceAttributes } from './service-attributes';
import { levelAttribute } from './level-attribute';
import { serviceList } from './service-list';
import { formatW3c } from './w3c-datetime';

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';
/** POST requests a client (county + IP address) may make per minute by default. */
export const OPEN311_POSTS_PER_MINUTE = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Open311Options {
  /** POST requests per county and client IP per minute (default {@link OPEN311_POSTS_PER_MINUTE}). */
  postsPerMinute?: number;
  /** Largest POST body (default 64 kB). */
  bodyLimit?: string;
  /**
   * The server's public origin (`https://311.example.gov.cn`, PINGTAI_PUBLIC_URL), for the
   * discovery document's endpoint url; without it the url is built from the request's Host
   * header, which a client chooses.
   */
  publicUrl?: string;
}

function resourceOf(file: unknown): { name: string; format: Format } {
  const parsed = typeof file === 'string' ? parseResource(file) : null;
  if (!parsed) throw Open311Error.notFound(`no resource "${String(file)}": append .xml or .json`);
  return parsed;
}

/** Answers any error as an Open311 error (`[{code, description}]` / `<errors>`), in the format the path asks for. */
export function open311ErrorHandler(): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const error = open311ErrorOf(err);
    if (error.errors.some((e) => e.code >= 500)) req.log?.error({ err: loggableError(error.cause ?? err) }, 'open311 request failed');
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    send(res, { format: formatOfPath(req.path), root: 'errors', value: error.errors.map((e) => ({ code: e.code, description: e.description })), status: error.status, localized: false });
  };
}

export function open311Router(deps: ApiDeps, options: Open311Options = {}): Router {
  const router = Router({ mergeParams: true });
  const postLimiter = rateLimit({
    windowMs: 60_000,
    limit: options.postsPerMinute ?? OPEN311_POSTS_PER_MINUTE,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => `${contextOf(res).countyId}|${ipKeyGenerator(req.ip ?? '')}`,
    // PostgreSQL: one budget for all the processes on the database; SQLite (one process): in memory
    store: deps.db.dialect === 'postgres' ? new DatabaseRateLimitStore(deps.db, deps.logger) : undefined,
    // express-rate-limit has set Retry-After and RateLimit by now; the error handler keeps them
    handler: (_req, _res, next) => next(Open311Error.tooManyRequests('too many service requests from this address; retry after the number of seconds in Retry-After')),
    logger: { error: (err, message) => deps.logger.error({ err }, message ?? 'rate limiter error'), warn: (err, message) => deps.logger.warn({ err }, message ?? 'rate limiter warning') },
  });
  // url-encoded, or multipart with a photo in `media` (request-media.ts)
  const formBody = open311Body({ attachments: deps.attachments, bodyLimit: options.bodyLimit });

  router.use(resolveCounty(deps.configs));
  router.use((req, res, next) => {
    if (req.method !== 'POST') checkJurisdiction(contextOf(res), req.query.jurisdiction_id);
    next();
  });

  router.get('/:file', async (req, res) => {
    const ctx = contextOf(res);
    const { name, format } = resourceOf(req.params.file);
    switch (name) {
      case 'discovery': {
        const county = ctx.compiled.config.county.name;
        const command = ctx.compiled.units.countyCommandUnit();
        // the later of the active version's publication and its activation: a roll-back to an older version is a change too
        const [published, countyRow] = await Promise.all([
          deps.db.models.ConfigVersion.findOne({ where: { countyId: ctx.countyId, version: ctx.version }, attributes: ['publishedAt', 'createdAt'] }),
          deps.db.models.County.findOne({ where: { id: ctx.countyId }, attributes: ['activatedAt'] }),
        ]);
        const times = [published?.publishedAt, published?.createdAt, countyRow?.activatedAt].filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
        const changeset = formatW3c(Math.max(0, ...times), ctx.compiled.timeZone);
        const zh = ctx.locale === 'zh';
        const countyName = inLocale(county, ctx.locale);
        const commandName = command ? inLocale(command.name, ctx.locale) : countyName;
        send(res, {
          format,
          root: 'discovery',
          value: {
            changeset,
            contact: zh ? `请联系${commandName}` : `Contact the ${commandName}`,
            key_service: zh ? `提交事件（POST requests）需要 api_key，请向${countyName}系统管理员申请` : `POST requests needs an api_key: ask the ${countyName} administrators for one`,
            endpoints: [{ specification: GEOREPORT_V2, url: `${options.publicUrl ?? `${req.protocol}://${req.get('host')}`}${req.baseUrl}`, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
          },
        });
        return;
      }
      case 'services':
        send(res, { format, root: 'services', value: serviceList(ctx.compiled, ctx.locale) });
        return;
      case 'requests': {
        const filter = parseRequestFilter(req.query, { now: deps.now(), timeZone: ctx.compiled.timeZone });
        const rows = await findEvents(deps, ctx.countyId, filter);
        send(res, { format, root: 'service_requests', value: await requestViews(deps, ctx, rows, req.query.extensions === 'true') });
        return;
      }
      default:
        throw Open311Error.notFound(`no resource "${name}"`);
    }
  });

  router.get('/services/:file', (req, res) => {
    const ctx = contextOf(res);
    const { name: code, format } = resourceOf(req.params.file);
    const specs = serviceAttributes(ctx.compiled, code, ctx.locale);
    if (!specs) throw Open311Error.notFound(`service_code "${code}" not found`);
    const attributes = attributeViews(specs, ctx.locale);
    const level = levelAttribute(ctx.compiled, code, ctx.locale, attributes.length + 1);
    send(res, { format, root: 'service_definition', value: { service_code: code, attributes: level ? [...attributes, level] : attributes } });
  });

  router.get('/requests/:file', async (req, res) => {
    const ctx = contextOf(res);
    const { name: id, format } = resourceOf(req.params.file);
    const rows = UUID.test(id) ? await findEvents(deps, ctx.countyId, { type: 'ids', ids: [id.toLowerCase()] }) : [];
    if (rows.length === 0) throw Open311Error.notFound(`service_request_id "${id}" not found`);
    send(res, { format, root: 'service_requests', value: await requestViews(deps, ctx, rows, req.query.extensions === 'true') });
  });

  router.get('/tokens/:file', (req) => {
    const { name } = resourceOf(req.params.file);
    throw Open311Error.notFound(`token "${name}" not found: every service is realtime, so POST requests returns the service_request_id and issues no tokens`);
  });

  // text that cannot be stored (NUL, lone surrogates) is refused before anything is written
  const formText: express.RequestHandler = (req, _res, next) => {
    const problem = req.body && typeof req.body === 'object' ? parameterTextProblem(req.body as Record<string, unknown>) : null;
    next(problem ? Open311Error.badRequest(`${problem.field}: ${problem.problem}`) : undefined);
  };
  router.post('/:file', postLimiter, formBody, formText, async (req, res) => {
    const ctx = contextOf(res);
    const { name, format } = resourceOf(req.params.file);
    if (name !== 'requests') throw Open311Error.badRequest(`POST is not supported on "${name}"`, 405);
    send(res, { format, root: 'service_requests', value: await createRequest(deps, ctx, req), status: 201 });
  });

  router.use((req) => {
    throw Open311Error.notFound(`no Open311 resource for ${req.method} ${req.baseUrl}${req.path}`);
  });
  router.use(open311ErrorHandler());
  return router;
}
