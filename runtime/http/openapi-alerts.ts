/** The OpenAPI paths of early-warning alerts (docs/early-warning.md). Spread into the document in openapi.ts. */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request: status, limit, cursor or note (names the field)',
  401: 'missing or invalid token',
  403: 'role may not read alerts, or may not acknowledge this one (role-not-allowed)',
  404: 'no such county for this token (another county), or no such alert among those the caller sees',
  409: 'the alert was already acknowledged (already-acknowledged)',
  413: 'body too large',
  415: 'body is not JSON',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const alertId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const query = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', required: false, schema, description });
const i18n = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const i18nOrNull = { oneOf: [i18n, { type: 'null' }] };
const dateTime = { type: 'string', format: 'date-time' };
const stringOrNull = { type: ['string', 'null'] };

const alert = {
  type: 'object',
  required: ['id', 'kind', 'rule', 'name', 'category', 'categoryName', 'area', 'areaKind', 'areaName', 'commandRoom', 'commandRoomName', 'count', 'expected', 'windowFrom', 'windowTo', 'raisedAt', 'status', 'acknowledgedAt', 'acknowledgedBy', 'acknowledgedByName', 'note'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    kind: { enum: ['threshold', 'aberration'] },
    rule: { type: 'string', description: "the threshold's id, or aberration" },
    name: i18n,
    category: { type: 'string', description: 'a minor category code, or a major one (aberration alerts; thresholds that list a major category)' },
    categoryName: i18nOrNull,
    area: { type: 'string', description: 'the grid, village or township (unit id)' },
    areaKind: { enum: ['grid', 'village', 'township'] },
    areaName: i18nOrNull,
    commandRoom: { type: 'string', description: "the command room the alert goes to: the area's township command room (the county command centre when the township has none)" },
    commandRoomName: i18nOrNull,
    count: { type: 'integer', minimum: 0, description: 'reports in the window' },
    expected: { type: ['number', 'null'], description: "aberration: the baseline's mean per day; null for thresholds" },
    windowFrom: dateTime,
    windowTo: dateTime,
    raisedAt: dateTime,
    status: { enum: ['open', 'acknowledged'] },
    acknowledgedAt: { oneOf: [dateTime, { type: 'null' }] },
    acknowledgedBy: stringOrNull,
    acknowledgedByName: stringOrNull,
    note: stringOrNull,
  },
};

const alertEvent = {
  type: 'object',
  required: ['id', 'category', 'level', 'state', 'reportedAt', 'grid'],
  properties: { id: { type: 'string' }, category: { type: 'string' }, level: { type: 'integer' }, state: { type: 'string' }, reportedAt: dateTime, grid: stringOrNull },
};

const historyEntry = {
  type: 'object',
  required: ['action', 'at', 'actorId', 'actorRole', 'actorName', 'note'],
  properties: { action: { enum: ['raise', 'acknowledge'] }, at: dateTime, actorId: { type: 'string' }, actorRole: { type: 'string' }, actorName: stringOrNull, note: stringOrNull },
};

export const alertPaths = {
  '/counties/{county}/alerts': {
    parameters: [county],
    get: {
      summary: 'early-warning alerts, newest first: every alert for county administrators, policy designers and the county command centre; a township command room its own',
      parameters: [
        query('status', { enum: ['open', 'acknowledged', 'all'], default: 'open' }, 'which alerts (default open)'),
        query('limit', { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, 'alerts per page, 1–200 (default 50)'),
        query('cursor', { type: 'string' }, 'the nextCursor of the page before'),
      ],
      responses: {
        '200': json({ type: 'object', required: ['alerts', 'nextCursor'], properties: { alerts: { type: 'array', items: alert }, nextCursor: { ...stringOrNull, description: 'null on the last page' } } }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/counties/{county}/alerts/{id}': {
    parameters: [county, alertId],
    get: {
      summary: 'one alert with the reports behind it (its categories in its area within its window, newest first, at most 500) and its audit trail',
      responses: {
        '200': json({ type: 'object', required: ['alert', 'events', 'history'], properties: { alert, events: { type: 'array', items: alertEvent }, history: { type: 'array', items: historyEntry } } }),
        ...errors(401, 403, 404),
      },
    },
  },
  '/counties/{county}/alerts/{id}/acknowledge': {
    parameters: [county, alertId],
    post: {
      summary: "acknowledges an open alert (dispatchers of its command room, county administrators); who, when and the note are kept in its audit trail",
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { note: { type: 'string', maxLength: 500 } } } } } },
      responses: { '200': json({ type: 'object', required: ['alert'], properties: { alert } }), ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
};
