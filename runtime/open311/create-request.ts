/**
 * `POST requests`: check the api_key, turn the Open311 parameters into a report and take it in
 * through the same intake as every other channel (`source: open311`), so the report is
 * validated, decided, dispatched and timed exactly like one from a grid worker.
 */
import type { Request } from 'express';
import { intakeEvent } from '../events/intake';
import { UnprocessableError } from '../http/errors';
import type { ApiDeps } from '../http/routes/api-router';
import { isCountyDisabled } from '../counties/county-status';
import { open311KeyMatches } from './api-key';
import { checkJurisdiction, type Open311Context } from './open311-context';
import { Open311Error } from './open311-error';
import { formIssueErrors, reportFromRequest } from './report-from-request';
import { serviceNotice } from './request-view';
import { requestMedia, storeRequestMedia } from './request-media';
import { serviceAttributes } from './service-attributes';
import type { XmlValue } from './xml-serializer';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function bodyOf(req: Request): Record<string, unknown> {
  if (!req.is(['application/x-www-form-urlencoded', 'multipart/form-data']) || typeof req.body !== 'object' || req.body === null) {
    throw Open311Error.badRequest('the request body must be application/x-www-form-urlencoded (or multipart/form-data with a photo in "media")');
  }
  return req.body as Record<string, unknown>;
}

/** Creates the event of a `POST requests`; returns the one-element response list. */
export async function createRequest(deps: ApiDeps, ctx: Open311Context, req: Request): Promise<XmlValue[]> {
  const body = bodyOf(req);
  checkJurisdiction(ctx, body.jurisdiction_id ?? req.query.jurisdiction_id);

  const apiKey = body.api_key ?? req.query.api_key;
  if (apiKey === undefined || apiKey === '') throw Open311Error.forbidden('api_key is required to create a service request');
  const county = await deps.db.models.County.findOne({ where: { id: ctx.countyId }, attributes: ['id', 'open311KeyHash'] });
  if (typeof apiKey !== 'string' || !county || !open311KeyMatches(county.open311KeyHash, apiKey)) throw Open311Error.forbidden('invalid api_key');
  if (await isCountyDisabled(deps.db, ctx.countyId)) throw Open311Error.forbidden(`county "${ctx.countyId}" is disabled: its api_key does not work until it is enabled again`);

  const serviceCode = body.service_code;
  if (serviceCode === undefined || serviceCode === '') throw Open311Error.badRequest('service_code is required');
  if (typeof serviceCode !== 'string') throw Open311Error.badRequest('service_code must be given once');
  const specs = serviceAttributes(ctx.compiled, serviceCode, ctx.locale);
  if (!specs) throw Open311Error.notFound(`service_code "${serviceCode}" not found`);

  const idempotencyKey = req.get('Idempotency-Key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) throw Open311Error.badRequest('Idempotency-Key must be 1–200 visible ASCII characters');

  const report = reportFromRequest({ compiled: ctx.compiled, serviceCode, specs, body, timeZone: ctx.compiled.timeZone });
  // a photo sent as `media` is checked and stored first (a refused one stops here, storing nothing)
  const bytes = requestMedia(req);
  const stored = bytes ? await storeRequestMedia(deps.attachments, { countyId: ctx.countyId, uploadedBy: report.reporterId, bytes, now: deps.now() }) : null;
  if (bytes && !stored) throw Open311Error.badRequest('this server keeps no media: give media_url instead');
  if (stored) report.data.attachments = [stored.ref];
  const { event } = await intakeEvent({
    db: deps.db,
    compiled: ctx.compiled,
    countyId: ctx.countyId,
    configVersion: ctx.version,
    category: serviceCode,
    data: report.data,
    source: 'open311',
    reporterId: report.reporterId,
    reporterRole: 'reporter',
    idempotencyKey,
    now: deps.now(),
    metrics: deps.metrics,
    pilotFor: (township) => deps.configs.pilotFor(ctx.countyId, township),
  }).catch((err: unknown) => {
    if (stored) void deps.attachments?.discard(ctx.countyId, stored.record.id).catch(() => undefined);
    if (err instanceof UnprocessableError && err.issues) throw Open311Error.invalid(formIssueErrors(err.issues, specs));
    throw err;
  });
  if (stored) await deps.attachments?.link({ countyId: ctx.countyId, eventId: event.id, ids: [stored.record.id] });
  return [{ service_request_id: event.id, service_notice: serviceNotice({ row: event, compiled: ctx.compiled, locale: ctx.locale }), account_id: report.accountId }];
}
