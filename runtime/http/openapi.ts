/**
 * The OpenAPI 3.1 description of the JSON API, served at `/api/v1/openapi.json`. A test checks
 * that every route the app registers is described here and that every response the test suites
 * receive validates against the schema given for its status.
 */
import { MAX_LEVELS } from '../../engine/schema/config-schema';
import { accountPaths } from './openapi-accounts';
import { publicPaths } from './openapi-public';
import { attachmentPaths } from './openapi-attachments';
import { countyPaths } from './openapi-counties';
import { importPaths } from './openapi-imports';
import { geographyPaths } from './openapi-geography';
import { assessmentPaths } from './openapi-assessment';
import { statsPaths } from './openapi-stats';
import { alertPaths } from './openapi-alerts';
import { approvalPaths, commentBody, pendingApprovalResponse } from './openapi-approvals';
import { pilotPaths } from './openapi-pilots';
import { auditPaths } from './openapi-audit';
import { shadowPaths } from './openapi-shadows';
import { backtestPaths } from './openapi-backtests';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(ref('Error'), ERROR_TEXT[s] ?? 'error')]));
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request',
  401: 'missing or invalid token',
  403: 'role or unit may not do this',
  404: 'not found (or another county)',
  409: 'stale version or conflicting state',
  413: 'body too large',
  415: 'body is not JSON',
  422: 'invalid data',
};
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const version = { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const eventId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const body = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
const stringOrNull = { type: ['string', 'null'] };
const i18n = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const query = (name: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, schema });

const eventSummaryProperties = {
  id: { type: 'string' },
  county: { type: 'string' },
  configVersion: { type: 'integer' },
  category: { type: 'string' },
  level: { type: 'integer', minimum: 1, maximum: MAX_LEVELS, description: 'One of the levels of the config the event was decided under (its levels section; the baseline four when absent)' },
  state: { type: 'string' },
  closed: { type: 'boolean' },
  handlingUnit: stringOrNull,
  dispatcher: { type: 'string' },
  assist: { type: 'array', items: { type: 'string' } },
  reporterId: { type: 'string' },
  source: { type: 'string' },
  grid: stringOrNull,
  township: stringOrNull,
  red: { type: 'boolean' },
  version: { type: 'integer' },
  reportedAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
};

/** Every time of the API: ISO 8601 with the county's UTC offset, e.g. 2026-06-18T12:00:00+08:00. */
const dateTime = { type: 'string', format: 'date-time' } as const;
const dateTimeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;

/** An event's SLA plan: each clock's times and each timer's time in the county's offset. */
const slaPlan = {
  type: ['object', 'null'],
  properties: {
    policy: { type: 'string' },
    clocks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['startedAt', 'dueAt'],
        properties: { clock: { enum: ['working', 'calendar'] }, hours: { type: 'number' }, startedAt: dateTime, consumedMs: { type: 'number' }, dueAt: dateTimeOrNull, pausedAt: dateTimeOrNull, stoppedAt: dateTime, since: { ...dateTime, description: 'a resumed run: when it first started' } },
      },
    },
    timers: { type: 'array', items: { type: 'object', required: ['kind', 'of', 'at'], properties: { kind: { type: 'string' }, of: { type: 'string' }, at: dateTime, channels: { type: 'array', items: { type: 'string' } } } } },
    warnings: { type: 'array', items: { type: 'string' } },
  },
};

export const openApiDocument = withPasswordChangeRequired({
  openapi: '3.1.0',
  info: { title: 'pingtai API', version: '1.0.0', description: 'County configs and the closed loop of events. See docs/api.md.' },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a pingtai token (pt_…) bound to a county, a role and optionally a unit' } },
    schemas: {
      Issue: {
        type: 'object',
        required: ['code', 'pointer', 'message'],
        properties: {
          code: { type: 'string' },
          pointer: { type: 'string' },
          message: { type: 'string', description: 'In English; a config problem opens on the item it is in (unit qs-fx-v01-g1: …)' },
          messageZh: { type: 'string', description: 'The same in Chinese (every config problem has one)' },
          params: { type: 'object', description: 'The values the message was made from (ids, numbers, {zh, en} words)' },
          severity: { const: 'warning' },
          file: { type: 'string' },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              field: { type: 'string' },
              issues: { type: 'array', items: ref('Issue') },
              results: { type: 'array' },
              allowed: { type: ['array', 'null'], items: { type: 'string' }, description: 'A refused worklist filter: the values it allows (null when too many to list)' },
              refused: { type: 'array', items: { type: 'string' }, description: 'A refused worklist filter: the values refused' },
            },
          },
        },
      },
      EventSummary: {
        type: 'object',
        required: [...Object.keys(eventSummaryProperties), 'acceptDue', 'resolveDue'],
        properties: { ...eventSummaryProperties, acceptDue: { type: ['string', 'null'], format: 'date-time' }, resolveDue: { type: ['string', 'null'], format: 'date-time' } },
      },
      Event: {
        type: 'object',
        required: [...Object.keys(eventSummaryProperties), 'data', 'decision', 'sla'],
        properties: { ...eventSummaryProperties, data: { type: 'object' }, decision: { type: 'object' }, sla: slaPlan, explanation: { type: 'object' } },
      },
      HistoryEntry: {
        type: 'object',
        required: ['seq', 'at', 'actor', 'action'],
        properties: { seq: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, actor: { type: 'object', required: ['id', 'role'], properties: { id: { type: 'string' }, role: { type: 'string' }, name: { type: 'string', description: "the account's name, or the API token's label (absent for the runtime itself)" } } }, action: { type: 'string' }, from: stringOrNull, to: stringOrNull, ruleId: stringOrNull, detail: { type: 'object' } },
      },
      Action: { type: 'object', required: ['action', 'name', 'to', 'requires'], properties: { action: { type: 'string' }, name: i18n, to: { type: 'string' }, requires: { type: 'array', items: { type: 'string' } } } },
      TestResult: { type: 'object', required: ['id', 'pass', 'mismatches'], properties: { id: { type: 'string' }, description: { type: 'string' }, pass: { type: 'boolean' }, mismatches: { type: 'array' }, error: { type: 'string' } } },
    },
  },
  paths: {
    '/me': { get: { summary: 'who the token belongs to (county null for the platform administrator)', responses: { '200': json({ type: 'object', required: ['county', 'role', 'id'], properties: { county: stringOrNull, role: { type: 'string' }, unit: stringOrNull, unitName: { type: ['object', 'null'] }, id: { type: 'string' }, name: { type: ['string', 'null'], description: "the account's name, or the API token's label" }, passwordChangeRequired: { type: 'boolean', description: 'a session on a temporary password: only POST /password works until it is changed' } } }), ...errors(401) } } },
    ...accountPaths,
    ...publicPaths,
    ...attachmentPaths,
    ...importPaths,
    ...countyPaths,
    ...geographyPaths,
    ...assessmentPaths,
    ...statsPaths,
    ...alertPaths,
    ...approvalPaths,
    ...pilotPaths,
    ...auditPaths,
    ...shadowPaths,
    ...backtestPaths,
    '/counties/{county}/report-kit': {
      parameters: [county],
      get: { summary: 'what the report page needs: categories by name, composed forms, the places of the grid picker, the levels by name', responses: { '200': json({ type: 'object', required: ['version', 'categories', 'forms', 'units', 'levels'], properties: { version: { type: 'integer' }, categories: { type: 'array' }, forms: { type: 'object' }, units: { type: 'array' }, levels: { type: 'array', items: { type: 'object', required: ['level', 'name'], properties: { level: { type: 'integer', minimum: 1, maximum: 9 }, name: { type: 'object' } } } } } }), ...errors(401, 404) } },
    },
    '/openapi.json': { get: { summary: 'this document', security: [], responses: { '200': json({ type: 'object' }) } } },
    '/schema/county-config.json': { get: { summary: 'the county config JSON Schema (draft 2020-12)', responses: { '200': json({ type: 'object' }), ...errors(401) } } },
    '/counties/{county}/configs': {
      parameters: [county],
      get: { summary: 'list config versions', responses: { '200': json({ type: 'object', required: ['versions'], properties: { versions: { type: 'array', items: { type: 'object', required: ['version', 'status', 'active'], properties: { version: { type: 'integer' }, status: { enum: ['draft', 'published'] }, active: { type: 'boolean' } } } } } }), ...errors(401, 403, 404) } },
      post: {
        summary: 'create a draft from a document, a catalog, an overlay on the active version, or a copy',
        requestBody: body({ type: 'object', properties: { document: { type: 'object' }, catalog: { type: 'string' }, overlay: { type: 'object' }, copyOf: { type: 'integer' } } }),
        responses: { '201': json({ type: 'object', required: ['version', 'status', 'issues'], properties: { version: { type: 'integer' }, status: { const: 'draft' }, issues: { type: 'array', items: ref('Issue') } } }, 'created'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    '/counties/{county}/catalogs': {
      parameters: [county],
      get: { summary: 'the catalogs a draft can start from, with their names', responses: { '200': json({ type: 'object', required: ['catalogs'], properties: { catalogs: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: ['object', 'null'] }, description: {} } } } } }), ...errors(401, 403, 404) } },
    },
    '/counties/{county}/configs/diff': {
      parameters: [county, { name: 'from', in: 'query', required: true, schema: { type: 'integer' } }, { name: 'to', in: 'query', required: true, schema: { type: 'integer' } }],
      get: { summary: 'structural diff of two versions', responses: { '200': json({ type: 'object', required: ['from', 'to', 'changes'], properties: { from: { type: 'integer' }, to: { type: 'integer' }, changes: { type: 'array', items: { type: 'object', required: ['pointer', 'op'], properties: { pointer: { type: 'string' }, op: { enum: ['add', 'remove', 'replace'] } } } } } }), ...errors(400, 401, 403, 404) } },
    },
    '/counties/{county}/config/active': { parameters: [county], get: { summary: 'the active config', responses: { '200': json({ type: 'object', required: ['version', 'document'], properties: { version: { type: 'integer' }, document: { type: 'object' } } }), ...errors(401, 404) } } },
    '/counties/{county}/configs/{version}': {
      parameters: [county, version],
      get: { summary: 'one version', responses: { '200': json({ type: 'object', required: ['version', 'status', 'active', 'document', 'issues'], properties: { version: { type: 'integer' }, status: { type: 'string' }, active: { type: 'boolean' }, document: { type: 'object' }, issues: { type: 'array', items: ref('Issue') } } }), ...errors(400, 401, 403, 404) } },
      delete: { summary: 'delete a draft (its number is not given again)', responses: { '200': json({ type: 'object', required: ['version', 'status'], properties: { version: { type: 'integer' }, status: { const: 'deleted' } } }), ...errors(400, 401, 403, 404, 409) } },
      put: { summary: 'replace a draft', requestBody: body({ type: 'object', required: ['document'], properties: { document: { type: 'object' } } }), responses: { '200': json({ type: 'object', required: ['version', 'issues'], properties: { version: { type: 'integer' }, issues: { type: 'array', items: ref('Issue') } } }), ...errors(400, 401, 403, 404, 409, 413, 415) } },
    },
    '/counties/{county}/configs/{version}/validate': { parameters: [county, version], post: { summary: 'compile and list every problem', responses: { '200': json({ type: 'object', required: ['ok', 'issues'], properties: { ok: { type: 'boolean' }, issues: { type: 'array', items: ref('Issue') }, summary: stringOrNull } }), ...errors(400, 401, 403, 404) } } },
    '/counties/{county}/configs/{version}/test': { parameters: [county, version], post: { summary: "run the config's test cases", responses: { '200': json({ type: 'object', required: ['passed', 'failed', 'results'], properties: { passed: { type: 'integer' }, failed: { type: 'integer' }, results: { type: 'array', items: ref('TestResult') } } }), ...errors(400, 401, 403, 404, 422) } } },
    '/counties/{county}/configs/{version}/publish': { parameters: [county, version], post: { summary: 'publish a draft (refused while it has problems or failing tests); submitted for approval (202) while the county requires it', requestBody: commentBody, responses: { '200': json({ type: 'object', required: ['version', 'status'], properties: { version: { type: 'integer' }, status: { const: 'published' }, hash: { type: 'string' } } }), '202': pendingApprovalResponse, ...errors(400, 401, 403, 404, 409, 422) } } },
    '/counties/{county}/configs/{version}/activate': { parameters: [county, version], post: { summary: 'make a published version active (or roll back); submitted for approval (202) while the county requires it', requestBody: commentBody, responses: { '200': json({ type: 'object', required: ['active'], properties: { active: { type: 'integer' } } }), '202': pendingApprovalResponse, ...errors(400, 401, 403, 404, 409, 422) } } },
    '/counties/{county}/events': {
      parameters: [county],
      get: {
        summary: 'worklist',
        parameters: [query('state', { type: 'string', description: "Comma list of workflow states of the active config; another value is refused with 400 listing the allowed ones" }), query('unit', { type: 'string', description: "A unit id of the active config (400 otherwise)" }), query('category', { type: 'string', description: "Comma list of minor category codes of the active config (400 otherwise)" }), query('source', { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,31}$', description: 'The report channel, e.g. open311, grid_worker' }), query('level', { type: 'string', pattern: '^[1-9](,[1-9])*$', description: "Comma list of levels, each one of the active config's levels" }), query('red', { enum: ['true', 'false'] }), query('overdue', { enum: ['true', 'false'], description: 'Open and past the resolution deadline now (or not)' }), query('closed', { enum: ['true', 'false'] }), query('from', { type: 'string', format: 'date-time' }), query('to', { type: 'string', format: 'date-time' }), query('township', { type: 'string', description: 'Comma list of township ids of the active config (400 otherwise)' }), query('grid', { type: 'string', description: 'Comma list of grid ids of the active config (400 otherwise)' }), query('lead', { enum: ['true', 'false'], description: 'With unit: only the events the unit handles as lead, not those it assists' }), query('closedFrom', { type: 'string', format: 'date-time', description: 'Closed at or after' }), query('closedTo', { type: 'string', format: 'date-time', description: 'Closed before' }), query('order', { enum: ['newest', 'red-first'] }), query('limit', { type: 'integer' }), query('cursor'), query('format', { enum: ['json', 'csv', 'xlsx'], description: 'csv or xlsx: every event the filters select (all pages), streamed, Chinese headers, dates as dates' })],
        responses: { '200': { description: 'a page of events, or all of them as a file', content: { 'application/json': { schema: { type: 'object', required: ['events', 'nextCursor'], properties: { events: { type: 'array', items: ref('EventSummary') }, nextCursor: stringOrNull } } }, 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } }, ...errors(400, 401, 404) },
      },
      post: {
        summary: 'report an event',
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
        requestBody: body({ type: 'object', required: ['category', 'data'], additionalProperties: false, properties: { category: { type: 'string' }, data: { type: 'object' }, source: { type: 'string' } } }),
        responses: { '201': json({ type: 'object', required: ['event'], properties: { event: ref('Event') } }, 'created'), '200': json({ type: 'object', required: ['event'], properties: { event: ref('Event') } }, 'replayed (same Idempotency-Key)'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    '/counties/{county}/events/{id}': {
      parameters: [county, eventId],
      get: { summary: 'event detail: history, allowed actions, tickets, timers', responses: { '200': json({ type: 'object', required: ['event', 'history', 'actions', 'tickets', 'timers', 'reporterAccess'], properties: { event: ref('Event'), reporterAccess: { enum: ['clear', 'masked', 'revealable'], description: "How the caller sees the reporter's name and phone: in clear, masked, or masked with the right to reveal them (POST …/reveal-reporter)" }, history: { type: 'array', items: ref('HistoryEntry') }, actions: { type: 'array', items: ref('Action') }, tickets: { type: 'array', items: { type: 'object', properties: { issuedAt: dateTime } } }, timers: { type: 'array', items: { type: 'object', properties: { dueAt: dateTime } } } } }), ...errors(401, 404) } },
    },
    '/counties/{county}/events/{id}/actions/{action}': {
      parameters: [county, eventId, { name: 'action', in: 'path', required: true, schema: { type: 'string' } }],
      post: {
        summary: 'fire a workflow action',
        requestBody: body({ type: 'object', required: ['version'], properties: { version: { type: 'integer' }, input: { type: 'object', properties: { reason: { type: 'string' }, unit: { type: 'string' }, feedback: { type: 'string' }, duplicateOf: { type: 'string' }, attachments: { type: 'array', items: { type: 'string', pattern: '^att:' }, description: 'attachment references, e.g. the result photos of a resolution' }, satisfaction: { type: 'string', description: "confirm only: the reporter's rating, one of the county's assessment.satisfactionScale values, kept for the assessment" } } } } }),
        responses: { '200': json({ type: 'object', required: ['event'], properties: { event: ref('Event') } }), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    '/counties/{county}/events/{id}/reveal-reporter': {
      parameters: [county, eventId],
      post: {
        summary: "the reporter's name and phone in clear, for a role that may reveal them (config county.privacy); audited in the event's history with the reason",
        requestBody: body({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } }),
        responses: {
          '200': json({
            type: 'object',
            required: ['reporter', 'entry'],
            properties: {
              reporter: { type: 'object', required: ['reporterName', 'reporterPhone'], properties: { reporterName: { type: ['string', 'null'] }, reporterPhone: { type: ['string', 'null'] } } },
              entry: { type: 'object', required: ['at', 'action', 'reason'], properties: { at: dateTime, action: { const: 'reveal-reporter' }, reason: { type: 'string' } } },
            },
          }),
          ...errors(400, 401, 403, 404, 413, 415, 422),
        },
      },
    },
    '/counties/{county}/events/{id}/comments': { parameters: [county, eventId], post: { summary: 'comment', requestBody: body({ type: 'object', required: ['text'], properties: { text: { type: 'string' } } }), responses: { '201': json({ type: 'object', required: ['entry'], properties: { entry: { type: 'object' } } }, 'created'), ...errors(400, 401, 404, 413, 415, 422) } } },
    '/counties/{county}/events/{id}/assist': {
      parameters: [county, eventId],
      put: { summary: 'joint handling: set the assisting units', requestBody: body({ type: 'object', required: ['version', 'units'], properties: { version: { type: 'integer' }, units: { type: 'array', items: { type: 'string' } } } }), responses: { '200': json({ type: 'object', required: ['event'], properties: { event: ref('Event') } }), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
    },
  },
} as const);

/**
 * Every operation that takes a token may answer 403 `password-change-required` to a session still
 * on its temporary password; the operations that list no 403 of their own get it here.
 */
function withPasswordChangeRequired<T extends { paths: Record<string, Record<string, unknown>> }>(doc: T): T {
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as Array<{ responses?: Record<string, unknown> }>) {
      if (op?.responses?.['401'] && !op.responses['403']) op.responses['403'] = json(ref('Error'), 'password-change-required: a session on a temporary password may only change it');
    }
  }
  return doc;
}
