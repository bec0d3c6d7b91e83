/**
 * The OpenAPI paths of attachments: uploading a photo or short video and reading it or its
 * thumbnail. Spread into the document in openapi.ts.
 */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed multipart body, or more than one file (names the field)',
  401: 'missing or invalid token',
  403: 'role may not upload',
  404: 'not found, not yours before it is attached, or an event you may not see (or another county)',
  413: 'the file is larger than the limit (PINGTAI_ATTACHMENT_MAX_BYTES)',
  415: 'not multipart, or a type not allowed (read from the bytes: JPEG, PNG, WebP, MP4, QuickTime)',
  422: 'empty, truncated, bytes appended after the image or video (polyglot: trailing-data), too many pixels (decompression bomb), undecodable',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/quicktime'] as const;

/** What an upload answers: the reference report data and action inputs carry, and where to read the file. */
export const attachmentSchema = {
  type: 'object',
  required: ['id', 'ref', 'type', 'size', 'sha256', 'url'],
  properties: {
    id: { type: 'string' },
    ref: { type: 'string', pattern: '^att:[0-9a-f-]{36}$', description: 'put this in report data (the attachments field) or in an action\'s input.attachments' },
    type: { enum: ATTACHMENT_MEDIA_TYPES },
    size: { type: 'integer', description: 'bytes stored (images re-encoded without metadata)' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    width: { type: 'integer' },
    height: { type: 'integer' },
    thumbnail: { type: 'string', description: 'images only: the thumbnail URL' },
    url: { type: 'string' },
  },
};

const files = Object.fromEntries(ATTACHMENT_MEDIA_TYPES.map((t) => [t, {}]));

export const attachmentPaths = {
  '/counties/{county}/attachments': {
    parameters: [county],
    post: {
      summary: 'upload a photo or short video (multipart/form-data, the file in the part "file"); the type is read from the bytes, images are re-encoded upright without metadata (EXIF location gone) and get a thumbnail; a refused file leaves nothing stored',
      requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
      responses: { '201': json(attachmentSchema, 'stored'), ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  },
  '/counties/{county}/attachments/{id}': {
    parameters: [county, id],
    get: { summary: 'the stored file: to those who may see its event; before it is attached, to its uploader only', responses: { '200': { description: 'the file', content: files }, ...errors(401, 404) } },
  },
  '/counties/{county}/attachments/{id}/thumbnail': {
    parameters: [county, id],
    get: { summary: "an image's thumbnail (JPEG, at most 320 px), on the same terms as the file", responses: { '200': { description: 'the thumbnail', content: { 'image/jpeg': {} } }, ...errors(401, 404) } },
  },
};
