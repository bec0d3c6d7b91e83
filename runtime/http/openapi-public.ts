/**
 * The OpenAPI paths of the citizens' API (no sign-in, rate-limited): the public report kit, a
 * report answered with a tracking code, its progress, and the confirmation with a rating. Spread
 * into the document in openapi.ts.
 */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request (names the field)',
  404: 'no such county, code or link',
  409: 'not resolved yet, or already closed (code not-resolved)',
  413: 'body too large',
  415: 'body is not JSON, or not an allowed file type',
  422: 'the report fails its form (every issue at its field)',
  429: 'too many requests from this address (Retry-After)',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const i18n = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const time = { type: 'string', format: 'date-time' };
const progress = {
  type: 'object',
  required: ['code', 'category', 'reportedAt', 'state', 'awaitingConfirmation', 'steps', 'satisfactionScale', 'rating'],
  properties: {
    code: { type: 'string', pattern: '^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$' },
    category: { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: i18n } },
    reportedAt: time,
    state: { type: 'object', required: ['id', 'name', 'closed'], properties: { id: { type: 'string' }, name: i18n, closed: { type: 'boolean' } } },
    awaitingConfirmation: { type: 'boolean', description: 'resolved: the reporter may confirm and rate it' },
    steps: { type: 'array', items: { type: 'object', required: ['at', 'name'], properties: { at: time, name: i18n } }, description: 'each change of state, in the workflow\'s words; never a person or a unit' },
    satisfactionScale: { type: 'array', items: { type: 'object', required: ['value', 'name'], properties: { value: { type: 'string' }, name: i18n } } },
    rating: { type: ['string', 'null'] },
  },
};
const uploadKey = { name: 'X-Upload-Key', in: 'header', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{22,128}$' }, description: 'a random key the page makes and keeps: it uploads with it, reads its uploads back with it and sends it with the report that names them' };
const attachmentId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const file = (summary: string) => ({ summary, security: [], parameters: [uploadKey], responses: { '200': { description: 'the file', content: { 'image/*': {}, 'video/*': {} } }, ...errors(400, 404, 429) } });
const code = { name: 'code', in: 'path', required: true, schema: { type: 'string' } };
const secret = { name: 'secret', in: 'path', required: true, schema: { type: 'string' }, description: 'the secret of the confirmation link (43 characters)' };

export const publicPaths = {
  '/public/{county}/report-kit': {
    parameters: [county],
    get: { summary: "the public report page's kit: categories, composed forms, the grid picker's places", security: [], responses: { '200': json({ type: 'object', required: ['version', 'categories', 'forms', 'units', 'levels'] }), ...errors(404, 429) } },
  },
  '/public/{county}/attachments': {
    parameters: [county],
    post: {
      summary: "a citizen's photo or short video (multipart, the file in the part `file`): its reference goes into the report's data",
      security: [],
      parameters: [uploadKey],
      requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
      responses: {
        '201': json({ type: 'object', required: ['id', 'ref', 'type', 'size', 'url'], properties: { id: { type: 'string' }, ref: { type: 'string', pattern: '^att:' }, type: { type: 'string' }, size: { type: 'integer' }, thumbnail: { type: 'string' }, url: { type: 'string' } } }, 'stored'),
        ...errors(400, 404, 413, 415, 422, 429),
      },
    },
  },
  '/public/{county}/attachments/{id}': { parameters: [county, attachmentId], get: file('the upload, to the holder of its key until a report takes it') },
  '/public/{county}/attachments/{id}/thumbnail': { parameters: [county, attachmentId], get: file("the upload's thumbnail (JPEG), to the holder of its key until a report takes it") },
  '/public/{county}/reports': {
    parameters: [county],
    post: {
      summary: "a citizen's report (source citizen): answered with a tracking code and the secret of its confirmation link, once",
      security: [],
      parameters: [{ ...uploadKey, required: false, description: 'the key the attachments the data names were uploaded with' }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['category', 'data'], properties: { category: { type: 'string' }, data: { type: 'object' } } } } } },
      responses: {
        '201': json({ type: 'object', required: ['code', 'secret', 'trackPath', 'confirmPath'], properties: { code: { type: 'string' }, secret: { type: 'string' }, trackPath: { type: 'string' }, confirmPath: { type: 'string' } } }, 'created'),
        ...errors(400, 404, 413, 415, 422, 429),
      },
    },
  },
  '/public/{county}/track/{code}': {
    parameters: [county, code],
    get: { summary: "a report's progress in plain words (no names of people or units)", security: [], responses: { '200': json(progress), ...errors(404, 429) } },
  },
  '/public/{county}/confirm/{secret}': {
    parameters: [county, secret],
    get: { summary: 'the progress, and whether it may be confirmed now', security: [], responses: { '200': json(progress), ...errors(404, 429) } },
    post: {
      summary: "the reporter confirms a resolved report's closure with a rating of the county's satisfaction scale",
      security: [],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['rating'], properties: { rating: { type: 'string' }, comment: { type: 'string', maxLength: 500 } } } } } },
      responses: { '200': json(progress), ...errors(400, 404, 409, 413, 415, 429) },
    },
  },
};
