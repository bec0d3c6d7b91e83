/**
 * GeoReport v2 `media` on `POST requests`: a client may send the request as multipart/form-data
 * with the photo in the part `media` (the spec's alternative to `media_url`). The photo is
 * checked and stored like any attachment (attachments/), named in the report's attachments field
 * and linked to the event; the answers give its `media_url`.
 */
import express, { type Request, type RequestHandler } from 'express';
import type { AttachmentRecord, Attachments } from '../attachments/attachments';
import { refOf } from '../attachments/attachments';
import { readMultipart } from '../attachments/multipart-file';

const media = new WeakMap<Request, Buffer>();

/** The `media` file of a multipart `POST requests`, if it had one. */
export const requestMedia = (req: Request): Buffer | undefined => media.get(req);

/** Parses the body: url-encoded as before, or multipart with the file in `media` (held for {@link requestMedia}). */
export function open311Body(opts: { attachments?: Attachments; bodyLimit?: string }): RequestHandler {
  const formBody = express.urlencoded({ extended: false, limit: opts.bodyLimit ?? '64kb', parameterLimit: 200 });
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      formBody(req, res, next);
      return;
    }
    readMultipart(req, { fileField: 'media', maxBytes: opts.attachments?.limits.maxBytes ?? 0, maxFields: 200 }).then(({ file, fields }) => {
      req.body = fields;
      if (file) media.set(req, file);
      next();
    }, next);
  };
}

/** The attachment `media_url` names for an `att:` reference, or the text itself (a URL a client gave). */
export function mediaUrlOf(value: string | null, countyId: string): string | null {
  const id = value === null ? undefined : /^att:([0-9a-f-]{36})$/.exec(value)?.[1];
  return id === undefined ? value : `/api/v1/counties/${countyId}/attachments/${id}`;
}

/** Stores a request's media as an attachment of `uploadedBy`; its reference goes into the report. */
export async function storeRequestMedia(attachments: Attachments | undefined, opts: { countyId: string; uploadedBy: string; bytes: Buffer; now: number }): Promise<{ record: AttachmentRecord; ref: string } | null> {
  if (!attachments) return null;
  const record = await attachments.upload(opts);
  return { record, ref: refOf(record.id) };
}
