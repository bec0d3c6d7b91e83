/**
 * Photos and short videos under `/counties/:county/attachments`: upload (multipart, one file in
 * the part `file`), then read the stored file or its thumbnail. A file attached to an event is
 * served to whoever may see that event; before that, only to its uploader. Everyone else,
 * another county included, gets 404.
 */
import { Router, type Response } from 'express';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import type { TokenActor } from '../../auth/tokens';
import type { AttachmentRecord, Attachments } from '../../attachments/attachments';
import { refOf } from '../../attachments/attachments';
import { readMultipart } from '../../attachments/multipart-file';
import type { Database } from '../../db/open-database';
import { NotFoundError, ServiceUnavailableError, UnprocessableError } from '../errors';
import type { ApiDeps } from './api-router';
import { canSee, EVENT_ID } from './worklist';

/** The JSON answer for an attachment: its reference for report data, and where to read it. */
export function attachmentView(record: AttachmentRecord): Record<string, unknown> {
  const url = `/api/v1/counties/${record.countyId}/attachments/${record.id}`;
  return {
    id: record.id,
    ref: refOf(record.id),
    type: record.mediaType,
    size: record.size,
    sha256: record.sha256,
    ...(record.width !== null && record.height !== null ? { width: record.width, height: record.height } : {}),
    ...(record.thumbnailSha256 ? { thumbnail: `${url}/thumbnail` } : {}),
    url,
  };
}

/** The attachment `id` if `actor` may read it, else 404. */
export async function readableAttachment(deps: { db: Database; attachments: Attachments }, actor: TokenActor, id: string): Promise<AttachmentRecord> {
  const missing = () => new NotFoundError(`attachment "${id.slice(0, 100)}" not found`);
  if (!EVENT_ID.test(id)) throw missing();
  const record = await deps.attachments.find(actor.countyId, id);
  if (!record) throw missing();
  if (record.eventId === null) {
    if (record.uploadedBy !== actor.id) throw missing();
    return record;
  }
  const event = await deps.db.models.Event.findOne({ where: { countyId: actor.countyId, id: record.eventId } });
  if (!event || !canSee(actor, event)) throw missing();
  return record;
}

/** Sends a stored file so that a browser shows it and never runs it. */
export function sendFile(res: Response, bytes: Buffer, mediaType: string): void {
  res.set({ 'Content-Type': mediaType, 'Content-Length': String(bytes.length), 'Cache-Control': 'private, max-age=86400, immutable', 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': 'inline', 'Content-Security-Policy': "default-src 'none'; sandbox" });
  res.end(bytes);
}

export function attachmentsRouter(deps: ApiDeps): Router {
  const router = Router();
  const service = (): Attachments => {
    if (!deps.attachments) throw new ServiceUnavailableError('attachments-unavailable', 'this server has no attachment store');
    return deps.attachments;
  };

  router.post('/counties/:county/attachments', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, ['grid_worker', 'dispatcher', 'county_admin', 'handler'], 'upload attachments');
    const attachments = service();
    const { file } = await readMultipart(req, { fileField: 'file', maxBytes: attachments.limits.maxBytes });
    if (!file) throw new UnprocessableError('missing-file', 'the multipart body has no file in the part "file"', { field: 'file' });
    const record = await attachments.upload({ countyId: actor.countyId, uploadedBy: actor.id, bytes: file, now: deps.now() });
    const view = attachmentView(record);
    res.status(201).set('Location', String(view.url)).json(view);
  });

  router.get('/counties/:county/attachments/:id', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const attachments = service();
    const record = await readableAttachment({ db: deps.db, attachments }, actor, req.params.id);
    const bytes = await attachments.store.get(record.sha256);
    if (!bytes) throw new NotFoundError(`the file of attachment "${record.id}" is missing from the store`);
    sendFile(res, bytes, record.mediaType);
  });

  router.get('/counties/:county/attachments/:id/thumbnail', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const attachments = service();
    const record = await readableAttachment({ db: deps.db, attachments }, actor, req.params.id);
    const bytes = record.thumbnailSha256 ? await attachments.store.get(record.thumbnailSha256) : null;
    if (!bytes) throw new NotFoundError(`attachment "${record.id}" has no thumbnail`);
    sendFile(res, bytes, 'image/jpeg');
  });

  return router;
}
