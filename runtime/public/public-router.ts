/**
 * The citizens' API, without sign-in and rate-limited, under `/api/v1/public/{county}`:
 * - `GET  report-kit`: categories, forms and the grid picker's places of the active version;
 * - `POST attachments` (multipart, with `X-Upload-Key`) → 201 the photo's reference; `GET
 *   attachments/{id}[/thumbnail]` reads it back with the same key until a report takes it;
 * - `POST reports` `{category, data}` → 201 `{code, secret, trackPath, confirmPath}`: the report is
 *   taken in like any other (`source: citizen`); the code follows it, the secret confirms it;
 * - `GET  track/{code}`: its progress in plain words;
 * - `GET  confirm/{secret}` and `POST confirm/{secret}` `{rating, comment?}`: the reporter confirms
 *   the closure of a resolved report with a rating of the county's satisfaction scale.
 * A county that does not exist, a code or secret that is not its own: 404 alike.
 */
import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { satisfactionLevel } from '../../engine/index';
import { actOnEvent } from '../events/act-on-event';
import { intakeEvent } from '../events/intake';
import { readMultipart } from '../attachments/multipart-file';
import { refOf, type AttachmentRecord } from '../attachments/attachments';
import { BadRequestError, ConflictError, HttpError, NotFoundError, ServiceUnavailableError, UnprocessableError } from '../http/errors';
import { sendFile } from '../http/routes/attachments';
import { EVENT_ID } from '../http/routes/worklist';
import { jsonBody } from '../http/json-body';
import { reportKitOf } from '../http/routes/report-kit';
import type { ApiDeps } from '../http/routes/api-router';
import { DatabaseRateLimitStore } from '../open311/rate-limit-store';
import { isCountyDisabled } from '../counties/county-status';
import { newId } from '../db/ids';
import { publicProgress } from './public-progress';
import { citizenAttachments, publicUploader, UPLOAD_KEY_HEADER } from './public-uploads';
import { recordSatisfaction, satisfactionOf } from './satisfaction-store';
import { CODE_PATTERN, publicReportByCode, publicReportBySecret, recordPublicReport, SECRET_PATTERN } from './tracking';

export interface PublicOptions {
  /** Reports per minute from one address to one county (default 10). */
  reportsPerMinute?: number;
  /** Reads per minute from one address (default 120). */
  readsPerMinute?: number;
  /** Photo uploads per minute from one address to one county (default 30). */
  uploadsPerMinute?: number;
}

const COUNTY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function publicRouter(deps: ApiDeps, options: PublicOptions = {}): Router {
  const router = Router({ mergeParams: true });
  const limiter = (name: string, limit: number) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) => `public-${name}|${String(req.params.county)}|${ipKeyGenerator(req.ip ?? '')}`,
      store: deps.db.dialect === 'postgres' ? new DatabaseRateLimitStore(deps.db, deps.logger) : undefined,
      handler: (_req, _res, next) => next(new HttpError(429, 'too-many-requests', 'too many requests from this address; retry after the number of seconds in Retry-After')),
    });
  const reads = limiter('read', options.readsPerMinute ?? 120);
  const writes = limiter('write', options.reportsPerMinute ?? 10);
  const uploads = limiter('upload', options.uploadsPerMinute ?? 30);
  const json = jsonBody();

  const activeOf = async (req: Request) => {
    const county = String(req.params.county);
    if (!COUNTY.test(county)) throw new NotFoundError(`county "${county}" not found`);
    // a disabled county has no public page either (its data stays)
    const active = (await isCountyDisabled(deps.db, county)) ? null : await deps.configs.active(county);
    if (!active) throw new NotFoundError(`county "${county}" not found`);
    return { county, active };
  };

  router.get('/:county/report-kit', reads, async (req, res) => {
    const { active } = await activeOf(req);
    res.set('Cache-Control', 'public, max-age=60').json(reportKitOf(active, { placesOnly: true }));
  });

  router.post('/:county/reports', writes, ...json, async (req: Request, res: Response) => {
    const { county, active } = await activeOf(req);
    const body = req.body as Record<string, unknown>;
    const unknown = Object.keys(body ?? {}).find((k) => k !== 'category' && k !== 'data');
    if (unknown !== undefined) throw new BadRequestError('bad-body', `"${unknown}" is not a field of a report (category, data)`, { field: unknown });
    if (typeof body.category !== 'string' || body.category === '') throw new BadRequestError('bad-body', '"category" is required', { field: 'category' });
    if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) throw new BadRequestError('bad-body', '"data" must be an object', { field: 'data' });
    const uploader = publicUploader(req);
    const attachmentIds = await citizenAttachments(deps.attachments, { countyId: county, uploader, data: body.data as Record<string, unknown> });
    const now = deps.now();
    const { event } = await intakeEvent({
      db: deps.db,
      compiled: active.compiled,
      countyId: county,
      configVersion: active.version,
      category: body.category,
      data: body.data,
      source: 'citizen',
      reporterId: `citizen:${newId()}`,
      reporterRole: 'reporter',
      now,
      metrics: deps.metrics,
      pilotFor: (township) => deps.configs.pilotFor(county, township),
    });
    if (attachmentIds.length > 0) await deps.attachments?.link({ countyId: county, eventId: event.id, ids: attachmentIds });
    const { code, secret } = await recordPublicReport(deps.db, { countyId: county, eventId: event.id, now });
    res.status(201).json({ code, secret, trackPath: `/public/${county}/track/${code}`, confirmPath: `/public/${county}/confirm/${secret}` });
  });

  const attachments = () => {
    if (!deps.attachments) throw new ServiceUnavailableError('attachments-unavailable', 'this server has no attachment store');
    return deps.attachments;
  };
  const uploaderOf = (req: Request) => {
    const uploader = publicUploader(req);
    if (!uploader) throw new BadRequestError('missing-upload-key', `an upload needs the header ${UPLOAD_KEY_HEADER}: a random key the page keeps and sends again with its report`, { field: UPLOAD_KEY_HEADER });
    return uploader;
  };

  router.post('/:county/attachments', uploads, async (req, res) => {
    const { county } = await activeOf(req);
    const uploadedBy = uploaderOf(req);
    const service = attachments();
    const { file } = await readMultipart(req, { fileField: 'file', maxBytes: service.limits.maxBytes });
    if (!file) throw new UnprocessableError('missing-file', 'the multipart body has no file in the part "file"', { field: 'file' });
    const record = await service.upload({ countyId: county, uploadedBy, bytes: file, now: deps.now() });
    const view = publicAttachmentView(record);
    res.status(201).set('Location', view.url).json(view);
  });

  // a citizen's own upload, until a report takes it: the page shows it as a thumbnail
  const ownUpload = async (req: Request) => {
    const { county } = await activeOf(req);
    const uploadedBy = uploaderOf(req);
    const id = String(req.params.id);
    const record = EVENT_ID.test(id) ? await attachments().find(county, id) : null;
    if (!record || record.eventId !== null || record.uploadedBy !== uploadedBy) throw new NotFoundError(`attachment "${id.slice(0, 100)}" not found`);
    return record;
  };
  router.get('/:county/attachments/:id', reads, async (req, res) => {
    const record = await ownUpload(req);
    const bytes = await attachments().store.get(record.sha256);
    if (!bytes) throw new NotFoundError(`the file of attachment "${record.id}" is missing from the store`);
    sendFile(res, bytes, record.mediaType);
  });
  router.get('/:county/attachments/:id/thumbnail', reads, async (req, res) => {
    const record = await ownUpload(req);
    const bytes = record.thumbnailSha256 ? await attachments().store.get(record.thumbnailSha256) : null;
    if (!bytes) throw new NotFoundError(`attachment "${record.id}" has no thumbnail`);
    sendFile(res, bytes, 'image/jpeg');
  });

  router.get('/:county/track/:code', reads, async (req, res) => {
    const { county, active } = await activeOf(req);
    const code = String(req.params.code).toUpperCase();
    const found = CODE_PATTERN.test(code) ? await publicReportByCode(deps.db, county, code) : null;
    if (!found) throw new NotFoundError(`no report with code "${req.params.code}"`);
    res.set('Cache-Control', 'no-store').json(await progressOf(found.eventId, code, county, active.compiled));
  });

  router.get('/:county/confirm/:secret', reads, async (req, res) => {
    const { county, active } = await activeOf(req);
    const found = await bySecret(county, String(req.params.secret));
    res.set('Cache-Control', 'no-store').json(await progressOf(found.eventId, found.code, county, active.compiled));
  });

  router.post('/:county/confirm/:secret', writes, ...json, async (req: Request, res: Response) => {
    const { county, active } = await activeOf(req);
    const found = await bySecret(county, String(req.params.secret));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rating = body.rating;
    const scale = active.compiled.config;
    if (typeof rating !== 'string' || !satisfactionLevel(scale, rating)) {
      throw new BadRequestError('bad-rating', `"rating" must be one of the county's ratings (${satisfactionScaleValues(scale)})`, { field: 'rating' });
    }
    if (body.comment !== undefined && (typeof body.comment !== 'string' || body.comment.length > 500)) throw new BadRequestError('bad-comment', '"comment" must be text of at most 500 characters', { field: 'comment' });
    const event = await deps.db.models.Event.findOne({ where: { countyId: county, id: found.eventId }, attributes: ['reporterId', 'state', 'version'] });
    if (!event) throw new NotFoundError('report not found');
    if (event.state !== 'resolved') throw new ConflictError('not-resolved', 'the report can be confirmed once it is resolved', { details: { state: event.state } });
    const now = deps.now();
    await actOnEvent({ db: deps.db, configs: deps.configs, countyId: county, eventId: found.eventId, action: 'confirm', actor: { role: 'reporter', id: event.reporterId }, expectedVersion: event.version, now, metrics: deps.metrics, detail: { rating } });
    const level = satisfactionLevel(scale, rating)!;
    await recordSatisfaction(deps.db, { countyId: county, eventId: found.eventId, value: rating, satisfied: level.satisfied, source: 'reporter', actorId: event.reporterId, ...(typeof body.comment === 'string' && body.comment ? { comment: body.comment } : {}), ratedAt: now });
    res.json(await progressOf(found.eventId, found.code, county, active.compiled));
  });

  const bySecret = async (county: string, secret: string) => {
    const found = SECRET_PATTERN.test(secret) ? await publicReportBySecret(deps.db, county, secret) : null;
    if (!found) throw new NotFoundError('this confirmation link is not valid');
    return found;
  };
  const progressOf = async (eventId: string, code: string, county: string, compiled: Parameters<typeof publicProgress>[1]) => {
    const rating = await satisfactionOf(deps.db, county, eventId);
    const progress = await publicProgress(deps.db, compiled, { countyId: county, code, eventId, rating: rating?.value ?? null });
    if (!progress) throw new NotFoundError('report not found');
    return progress;
  };
  return router;
}

/** A citizen's upload as the page needs it: the reference for the form, and where to read it back with the key. */
function publicAttachmentView(record: AttachmentRecord) {
  const url = `/api/v1/public/${record.countyId}/attachments/${record.id}`;
  return { id: record.id, ref: refOf(record.id), type: record.mediaType, size: record.size, ...(record.thumbnailSha256 ? { thumbnail: `${url}/thumbnail` } : {}), url };
}

const satisfactionScaleValues = (config: Parameters<typeof satisfactionLevel>[0]) =>
  (config.assessment?.satisfactionScale ?? [{ value: 'satisfied' }, { value: 'basically-satisfied' }, { value: 'unsatisfied' }]).map((l) => l.value).join(', ');
