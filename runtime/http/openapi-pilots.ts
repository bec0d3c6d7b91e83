/** The OpenAPI paths of pilots (docs/pilots.md). Spread into the document in openapi.ts. */
import { approvalSchema } from './openapi-approvals';
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request: version, townships (names the bad one, e.g. townships/0), name, note or a field that does not belong (names the field)',
  401: 'missing or invalid token',
  403: 'county administrators start, widen, promote and end pilots; policy designers see them and propose starting, widening and promoting (a county administrator approves)',
  404: 'no such county for this token (another county), or no such pilot',
  409: 'the version is the main one already or not published (already-main, not-published), a township is in another active pilot (township-in-pilot), or the pilot is no longer active (pilot-not-active)',
  413: 'body too large',
  415: 'body is not JSON',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const pilotId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const dateTime = { type: 'string', format: 'date-time' };
const stringOrNull = { type: ['string', 'null'] };
const townships = { type: 'array', minItems: 1, maxItems: 200, items: { type: 'string' }, description: 'township unit ids, each a township of both the main config and the pilot version' };
const note = { type: 'string', maxLength: 2000 };

const change = {
  type: 'object',
  required: ['seq', 'at', 'action', 'townships', 'actorId', 'actorRole', 'actorName', 'note'],
  properties: { seq: { type: 'integer' }, at: dateTime, action: { enum: ['start', 'widen', 'promote', 'end'] }, townships: { type: 'array', items: { type: 'string' } }, actorId: { type: 'string' }, actorRole: { type: 'string' }, actorName: stringOrNull, note: stringOrNull },
};

const pilot = {
  type: 'object',
  required: ['id', 'version', 'townships', 'status', 'name', 'startedAt', 'startedBy', 'endedAt', 'endedBy', 'changes'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    version: { type: 'integer', description: 'the published config version the pilot townships follow' },
    townships: { type: 'array', items: { type: 'string' } },
    status: { enum: ['active', 'ended', 'promoted'] },
    name: stringOrNull,
    startedAt: dateTime,
    startedBy: { type: 'string' },
    endedAt: { oneOf: [dateTime, { type: 'null' }] },
    endedBy: stringOrNull,
    changes: { type: 'array', items: change, description: 'the audit trail, oldest first' },
  },
};

const rate = { type: 'object', required: ['hits', 'total', 'rate'], properties: { hits: { type: 'integer' }, total: { type: 'integer' }, rate: { type: ['number', 'null'] } } };
const figures = {
  type: 'object',
  required: ['reported', 'reportedPerDay', 'onTimeAcceptance', 'onTimeResolution', 'closure', 'reopen', 'meanHoursToResolve'],
  properties: { reported: { type: 'integer' }, reportedPerDay: { type: 'number' }, onTimeAcceptance: rate, onTimeResolution: rate, closure: rate, reopen: rate, meanHoursToResolve: { type: ['number', 'null'] } },
};
const sides = { type: 'object', required: ['before', 'since'], properties: { before: figures, since: figures } };
const span = { type: 'object', required: ['from', 'to'], properties: { from: dateTime, to: dateTime } };
const onePilot = json({ type: 'object', required: ['pilot'], properties: { pilot } });
const pending = json({ type: 'object', required: ['status', 'approval'], properties: { status: { const: 'pending-approval' }, approval: approvalSchema } }, 'submitted for approval: the county requires it, or a policy designer proposed it (docs/approvals.md)');
const comment = { type: 'string', maxLength: 2000, description: 'for the approver' };

export const pilotPaths = {
  '/counties/{county}/pilots': {
    parameters: [county],
    get: {
      summary: "the county's pilots, newest first, with the main (active) version",
      responses: { '200': json({ type: 'object', required: ['mainVersion', 'pilots'], properties: { mainVersion: { type: ['integer', 'null'] }, pilots: { type: 'array', items: pilot } } }), ...errors(401, 403, 404) },
    },
    post: {
      summary: 'starts a pilot: a published version decides the events of these townships from now on, while the rest of the county stays on the main version',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['version', 'townships'], additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 }, townships, name: { type: 'string', maxLength: 200 }, note, comment } } } } },
      responses: { '201': onePilot, '202': pending, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/counties/{county}/pilots/{id}': {
    parameters: [county, pilotId],
    get: { summary: 'one pilot with its audit trail', responses: { '200': onePilot, ...errors(400, 401, 403, 404) } },
  },
  '/counties/{county}/pilots/{id}/widen': {
    parameters: [county, pilotId],
    post: {
      summary: 'adds townships to an active pilot',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['townships'], additionalProperties: false, properties: { townships, note, comment } } } } },
      responses: { '200': onePilot, '202': pending, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/counties/{county}/pilots/{id}/promote': {
    parameters: [county, pilotId],
    post: {
      summary: "promotes an active pilot: its version becomes the county's main version and the pilot is closed as promoted",
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { note, comment } } } } },
      responses: { '200': onePilot, '202': pending, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/counties/{county}/pilots/{id}/end': {
    parameters: [county, pilotId],
    post: {
      summary: 'ends an active pilot: its townships go back to the main version (events already decided keep their version)',
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { note } } } } },
      responses: { '200': onePilot, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/counties/{county}/pilots/{id}/comparison': {
    parameters: [county, pilotId],
    get: {
      summary: "the pilot's townships against the others, since the start (to its end or now, at most a year) and in a span just before (as long, or baselineDays): reports (and per day), on-time acceptance and resolution, closure and reopen rates, mean hours to resolve",
      parameters: [{ name: 'baselineDays', in: 'query', required: false, schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, description: 'days before the start to compare with, 1–366 (default: as long as the span since)' }],
      responses: {
        '200': json({ type: 'object', required: ['pilot', 'before', 'since', 'groups'], properties: { pilot, before: span, since: span, groups: { type: 'object', required: ['pilot', 'others'], properties: { pilot: sides, others: sides } } } }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
};
