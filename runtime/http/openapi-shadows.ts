/** The OpenAPI paths of shadow runs (docs/pilots.md). Spread into the document in openapi.ts. */
import { diffSummary, diffTotals } from './openapi-backtests';
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request, naming the field: version, name, a body field that does not belong, id (bad-shadow), limit or cursor',
  401: 'missing or invalid token',
  403: 'county administrators start and stop shadow runs; they and policy designers see them',
  404: 'no such county for this token, or no such shadow run',
  409: 'the version is not published (not-published), another shadow run is running (shadow-running), or this one was stopped already (shadow-stopped)',
  413: 'body too large',
  415: 'body is not JSON',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const shadowId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const dateTime = { type: 'string', format: 'date-time' };
const dateTimeOrNull = { type: ['string', 'null'], format: 'date-time' };
const stringOrNull = { type: ['string', 'null'] };

const shadow = {
  type: 'object',
  required: ['id', 'version', 'name', 'status', 'startedAt', 'startedBy', 'stoppedAt', 'stoppedBy', 'decidedUntil', 'totals', 'summary'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    version: { type: 'integer', description: 'the published version deciding in shadow' },
    name: stringOrNull,
    status: { enum: ['active', 'stopped'] },
    startedAt: dateTime,
    startedBy: { type: 'string' },
    stoppedAt: dateTimeOrNull,
    stoppedBy: stringOrNull,
    decidedUntil: { ...dateTime, description: 'the report time of the last event decided in shadow (the start while none)' },
    totals: diffTotals,
    summary: diffSummary,
  },
};

const side = {
  type: ['object', 'null'],
  required: ['level', 'unit', 'dispatcher', 'slaPolicy', 'acceptDue', 'resolveDue', 'late'],
  properties: { level: { type: 'integer' }, unit: stringOrNull, dispatcher: stringOrNull, slaPolicy: stringOrNull, acceptDue: dateTimeOrNull, resolveDue: dateTimeOrNull, late: { type: 'object' } },
};

const change = {
  type: 'object',
  required: ['eventId', 'reportedAt', 'category', 'township', 'changes', 'newlyLate', 'real', 'shadow', 'shadowTrail', 'error'],
  properties: {
    eventId: { type: 'string' },
    reportedAt: dateTime,
    category: { type: 'string' },
    township: stringOrNull,
    changes: { type: 'array', items: { enum: ['level', 'unit', 'dispatcher', 'slaPolicy', 'acceptDue', 'resolveDue'] } },
    newlyLate: { type: 'array', items: { enum: ['accept', 'resolve'] } },
    real: side,
    shadow: side,
    shadowTrail: { type: ['object', 'null'], description: "the shadow decision's facts, fired rules and winners" },
    error: { type: ['object', 'null'], description: 'when the shadow version could not decide the event: its code and message' },
  },
};
const one = json({ type: 'object', required: ['shadow'], properties: { shadow } });

export const shadowPaths = {
  '/counties/{county}/shadows': {
    parameters: [county],
    get: { summary: "the county's shadow runs, newest first", responses: { '200': json({ type: 'object', required: ['shadows'], properties: { shadows: { type: 'array', items: shadow } } }), ...errors(401, 403, 404) } },
    post: {
      summary: 'starts a shadow run: from now on every report is decided again under this published version, recorded beside the real decision and never acted on (one running shadow per county)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['version'], additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 }, name: { type: 'string', maxLength: 200 } } } } } },
      responses: { '201': one, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/counties/{county}/shadows/{id}': { parameters: [county, shadowId], get: { summary: 'one shadow run with its running counts (the shapes of a backtest)', responses: { '200': one, ...errors(400, 401, 403, 404) } } },
  '/counties/{county}/shadows/{id}/stop': { parameters: [county, shadowId], post: { summary: 'stops a shadow run; what it recorded stays', responses: { '200': one, ...errors(400, 401, 403, 404, 409) } } },
  '/counties/{county}/shadows/{id}/changes': {
    parameters: [county, shadowId],
    get: {
      summary: 'the events the shadow version would have decided differently (or could not decide), oldest first, with both sides',
      parameters: [
        { name: 'limit', in: 'query', required: false, schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, description: '1–500 (default 50)' },
        { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'the nextCursor of the page before' },
      ],
      responses: { '200': json({ type: 'object', required: ['changes', 'nextCursor'], properties: { changes: { type: 'array', items: change }, nextCursor: stringOrNull } }), ...errors(400, 401, 403, 404) },
    },
  },
};
