/**
 * Event intake and actions under `/counties/:county/events`. Kept small: the handlers parse the
 * request, the services in runtime/events do the work.
 */
import { Router } from 'express';
import type { TokenActor } from '../../auth/tokens';
import type { TransitionInput } from '../../../engine/index';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { actOnEvent } from '../../events/act-on-event';
import { eventView } from '../../events/event-record';
import { callerEventView } from '../caller-event-view';
import { intakeEvent } from '../../events/intake';
import { BadRequestError, NotFoundError, UnauthorizedError, UnprocessableError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';
import { eventIdParam } from './worklist';
import { ATTACHMENT_REF, referencesIn, type Attachments } from '../../attachments/attachments';
import { ratingOfInput, ratingSource } from '../../public/confirm-rating';
import { recordSatisfaction } from '../../public/satisfaction-store';

const SOURCE = /^[a-z][a-z0-9_-]{0,31}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const INPUT_KEYS = ['reason', 'unit', 'feedback', 'duplicateOf'] as const;


function transitionInput(value: unknown): TransitionInput | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequestError('bad-input', '"input" must be an object', { field: 'input' });
  const input: TransitionInput = {};
  for (const [key, v] of Object.entries(value)) {
    if (!(INPUT_KEYS as readonly string[]).includes(key)) throw new BadRequestError('bad-input', `"input.${key}" is not a known input (${INPUT_KEYS.join(', ')})`, { field: `input.${key}` });
    if (typeof v !== 'string' || v.length > 4000) throw new BadRequestError('bad-input', `"input.${key}" must be a string of at most 4,000 characters`, { field: `input.${key}` });
    input[key as (typeof INPUT_KEYS)[number]] = v;
  }
  return input;
}

const REPORT_KEYS: readonly string[] = ['category', 'data', 'source'];

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * `POST /counties/{county}/events`: takes in a report for the caller's county; the answer is 201
 * with the event (200 and `Idempotent-Replayed` for a retry). Shared by the router below and the
 * direct route (http/direct-intake.ts).
 */
export async function reportEvent(deps: ApiDeps, caller: TokenActor, county: string | undefined, parsedBody: unknown, idempotencyKey: string | undefined): Promise<Answer> {
  const actor = actorInCounty({ actor: caller }, county);
  requireRole(actor, ['grid_worker', 'dispatcher', 'county_admin', 'handler'], 'report events');
  const body = bodyObject(parsedBody);
  // the reporter, the county and the id come from the token, the path and the server: a body that names them is refused, not half-obeyed
  const unknown = Object.keys(body).find((k) => !REPORT_KEYS.includes(k));
  if (unknown !== undefined) throw new BadRequestError('bad-body', `"${unknown}" is not a field of a report (${REPORT_KEYS.join(', ')})`, { field: unknown });
  if (typeof body.category !== 'string' || body.category === '') throw new UnprocessableError('invalid-report', '"category" is required', { field: 'category' });
  if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) throw new UnprocessableError('invalid-report', '"data" must be an object', { field: 'data' });
  const source = body.source === undefined ? (actor.role === 'grid_worker' ? 'grid_worker' : 'api') : body.source;
  if (typeof source !== 'string' || !SOURCE.test(source)) throw new BadRequestError('bad-source', '"source" must be a short lower-case channel name, e.g. hotline', { field: 'source' });
  const key = idempotencyKey;
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new BadRequestError('bad-idempotency-key', 'Idempotency-Key must be 1–200 visible ASCII characters', { field: 'Idempotency-Key' });

  const active = await deps.configs.active(actor.countyId);
  if (!active) throw new NotFoundError(`county "${actor.countyId}" has no published config`);
  const attachmentIds = await checkedAttachments(deps.attachments, { countyId: actor.countyId, actorId: actor.id, data: body.data as Record<string, unknown> });
  const { event, created } = await intakeEvent({
    db: deps.db,
    compiled: active.compiled,
    countyId: actor.countyId,
    configVersion: active.version,
    category: body.category,
    data: body.data,
    source,
    reporterId: actor.id,
    reporterRole: actor.role,
    idempotencyKey: key,
    now: deps.now(),
    metrics: deps.metrics,
    pilotFor: (township) => deps.configs.pilotFor(actor.countyId, township),
  });
  if (created && attachmentIds.length > 0) await deps.attachments?.link({ countyId: actor.countyId, eventId: event.id, ids: attachmentIds });
  const headers: Record<string, string> = { Location: `/api/v1/counties/${actor.countyId}/events/${event.id}` };
  if (!created) headers['Idempotent-Replayed'] = 'true';
  // the explanation is in the event's detail (GET), not repeated here
  return { status: created ? 201 : 200, headers, body: { event: eventView(event, { timeZone: active.compiled.timeZone }) } };
}

/** The ids of the attachments report data names, each checked as the reporter's own upload (422 naming the field otherwise). */
async function checkedAttachments(attachments: Attachments | undefined, opts: { countyId: string; actorId: string; data: Record<string, unknown>; prefix?: string; eventId?: string }): Promise<string[]> {
  const found = referencesIn(opts.data, opts.prefix);
  if (found.length === 0) return [];
  if (!attachments) throw new UnprocessableError('attachments-unavailable', 'this server keeps no attachments', { field: found[0].field });
  const refs = found.flatMap((f) => f.refs);
  const records = await attachments.checkReferences({ countyId: opts.countyId, actorId: opts.actorId, refs, field: found.length === 1 ? found[0].field : 'data', eventId: opts.eventId });
  return records.map((r) => r.id);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `input.attachments` of an action: a list of attachment references (result photos of a resolution, say). */
function inputAttachments(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && ATTACHMENT_REF.test(v))) throw new BadRequestError('bad-input', '"input.attachments" must be a list of attachment references ("att:…")', { field: 'input.attachments' });
  return value as string[];
}

/** The compiled config an event was decided under (404 for another county's or a missing event). */
async function eventConfig(deps: ApiDeps, countyId: string, eventId: string) {
  const row = await deps.db.models.Event.findOne({ where: { countyId, id: eventId }, attributes: ['configVersion'] });
  if (!row) throw new NotFoundError(`event "${eventId}" not found`);
  return deps.configs.compiled(countyId, row.configVersion);
}

export function eventsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.param('id', eventIdParam);

  router.post('/counties/:county/events', async (req, res) => {
    if (!req.actor) throw new UnauthorizedError();
    const answer = await reportEvent(deps, req.actor, req.params.county, req.body, req.get('Idempotency-Key'));
    res.status(answer.status).set(answer.headers).json(answer.body);
  });

  router.post('/counties/:county/events/:id/actions/:action', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const body = req.body === undefined ? {} : bodyObject(req.body);
    const version = body.version;
    // required: without it two people acting on what they saw would both succeed (a double submission, say)
    if (typeof version !== 'number' || !Number.isInteger(version)) throw new BadRequestError('bad-version', '"version" is required: the integer version of the event you saw (a stale one is refused with 409)', { field: 'version' });
    // result photos ride in input.attachments; the rest of the input is text the workflow reads
    // a confirmation may carry the reporter's rating (input.satisfaction), kept for the assessment
    const { attachments: attachmentInput, satisfaction, ...textInput } = isObject(body.input) ? body.input : { attachments: undefined, satisfaction: undefined };
    const rating = satisfaction === undefined ? undefined : ratingOfInput(await eventConfig(deps, actor.countyId, req.params.id), req.params.action, satisfaction);
    const refs = inputAttachments(attachmentInput);
    const attachmentIds = refs.length === 0 ? [] : await checkedAttachments(deps.attachments, { countyId: actor.countyId, actorId: actor.id, data: { attachments: refs }, prefix: 'input', eventId: req.params.id });
    const { event } = await actOnEvent({
      db: deps.db,
      configs: deps.configs,
      countyId: actor.countyId,
      eventId: req.params.id,
      action: req.params.action,
      actor: { role: actor.role, id: actor.id, ...(actor.unit ? { unit: actor.unit } : {}) },
      expectedVersion: version,
      input: transitionInput(isObject(body.input) ? textInput : body.input),
      now: deps.now(),
      metrics: deps.metrics,
      ...(refs.length > 0 || rating ? { detail: { ...(refs.length > 0 ? { attachments: refs } : {}), ...(rating ? { rating: rating.value } : {}) } } : {}),
    });
    if (attachmentIds.length > 0) await deps.attachments?.link({ countyId: actor.countyId, eventId: event.id, ids: attachmentIds });
    if (rating) await recordSatisfaction(deps.db, { countyId: actor.countyId, eventId: event.id, value: rating.value, satisfied: rating.satisfied, source: ratingSource(actor.role), actorId: actor.id, ratedAt: deps.now() });
    res.json({ event: (await callerEventView(deps.configs, actor, event)).event });
  });

  return router;
}
