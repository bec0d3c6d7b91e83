/**
 * Photos from citizens, who have no account: the public page makes a random upload key, sends it
 * in `X-Upload-Key` with every upload and with its report, and the runtime records the uploads as
 * `public:` and a hash of that key. So a reference is usable, and its file readable, only by the
 * holder of the key, and only until a report takes it; after that, the event's own readers see it
 * (the public status page shows no files).
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { referencesIn, type Attachments } from '../attachments/attachments';
import { BadRequestError, UnprocessableError } from '../http/errors';

export const UPLOAD_KEY_HEADER = 'X-Upload-Key';
const UPLOAD_KEY = /^[A-Za-z0-9_-]{22,128}$/;

/** The uploader id for the request's upload key; null without a key, 400 for a malformed one. */
export function publicUploader(req: Request): string | null {
  const key = req.get(UPLOAD_KEY_HEADER);
  if (key === undefined) return null;
  if (!UPLOAD_KEY.test(key)) throw new BadRequestError('bad-upload-key', `${UPLOAD_KEY_HEADER} must be 22–128 letters, digits, "-" or "_" (a random key the page keeps)`, { field: UPLOAD_KEY_HEADER });
  return `public:${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/** The ids of the attachments a citizen's report names, each checked as an upload made with the same key (422 naming the field otherwise). */
export async function citizenAttachments(attachments: Attachments | undefined, opts: { countyId: string; uploader: string | null; data: Record<string, unknown> }): Promise<string[]> {
  const found = referencesIn(opts.data);
  if (found.length === 0) return [];
  const field = found.length === 1 ? found[0].field : 'data';
  if (!attachments) throw new UnprocessableError('attachments-unavailable', 'this server keeps no attachments', { field });
  if (!opts.uploader) throw new UnprocessableError('unknown-attachment', `the report names attachments but sends no ${UPLOAD_KEY_HEADER} they were uploaded with`, { field });
  const records = await attachments.checkReferences({ countyId: opts.countyId, actorId: opts.uploader, refs: found.flatMap((f) => f.refs), field });
  return records.map((r) => r.id);
}
