/** The OpenAPI paths of backtests (docs/backtest.md). Spread into the document in openapi.ts. */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request, naming the field: from/to (bad-date, bad-period when from is not before to, period-too-long over 400 days), draft/version (bad-config-source, bad-version), a body field or query filter that does not belong, limit, after (bad-cursor), id (bad-backtest)',
  401: 'missing or invalid token',
  403: 'county administrators and policy designers run and see backtests',
  404: 'no such county for this token, no such draft or published version (field draft/version), or no such backtest',
  413: 'body too large',
  415: 'body is not JSON',
  422: 'the draft or version does not compile (config-does-not-compile, with its issues)',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const runId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const dateTime = { type: 'string', format: 'date-time' };
const dateTimeOrNull = { type: ['string', 'null'], format: 'date-time' };
const stringOrNull = { type: ['string', 'null'] };
const count = { type: 'integer', minimum: 0 };
const group = (key: string) => ({ type: 'object', required: [key, 'events', 'changed'], additionalProperties: false, properties: { [key]: stringOrNull, events: count, changed: count } });
const FIELDS = ['level', 'unit', 'dispatcher', 'slaPolicy', 'acceptDue', 'resolveDue'];

/** What a comparison of decisions counts (a backtest's, a shadow run's). */
export const diffTotals = {
  type: 'object',
  required: ['events', 'changed', 'failed', 'fields', 'newlyLate'],
  properties: {
    events: count,
    changed: count,
    failed: count,
    fields: { type: 'object', propertyNames: { enum: FIELDS }, additionalProperties: count },
    newlyLate: { type: 'object', required: ['accept', 'resolve', 'events'], properties: { accept: count, resolve: count, events: count } },
  },
};

/** Changed events by category and township, the load moved between units, the failures by reason. */
export const diffSummary = {
  type: 'object',
  required: ['byCategory', 'byTownship', 'loadMoved', 'failures'],
  properties: {
    byCategory: { type: 'array', items: group('category') },
    byTownship: { type: 'array', items: group('township') },
    loadMoved: { type: 'array', items: { type: 'object', required: ['from', 'to', 'events'], properties: { from: stringOrNull, to: stringOrNull, events: count } } },
    failures: { type: 'array', items: { type: 'object', required: ['code', 'events'], properties: { code: { type: 'string' }, events: count } } },
  },
};

const backtest = {
  type: 'object',
  required: ['id', 'county', 'config', 'from', 'to', 'status', 'cancelRequested', 'progress', 'totals', 'summary', 'error', 'createdBy', 'createdAt', 'finishedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    county: { type: 'string' },
    config: { type: 'object', required: ['kind', 'version', 'label'], properties: { kind: { enum: ['draft', 'version', 'file'] }, version: { type: ['integer', 'null'] }, label: { type: 'string' } } },
    from: dateTime,
    to: { ...dateTime, description: 'exclusive' },
    status: { enum: ['running', 'done', 'cancelled', 'interrupted', 'failed'] },
    cancelRequested: { type: 'boolean' },
    progress: { type: 'object', required: ['done', 'total', 'fraction'], properties: { done: count, total: count, fraction: { type: 'number', minimum: 0, maximum: 1 } } },
    totals: { ...diffTotals, type: ['object', 'null'] },
    summary: { ...diffSummary, type: ['object', 'null'] },
    error: stringOrNull,
    createdBy: { type: 'string' },
    createdAt: dateTime,
    finishedAt: dateTimeOrNull,
  },
};

const side = {
  type: 'object',
  required: ['level', 'unit', 'dispatcher', 'slaPolicy', 'acceptDue', 'resolveDue', 'late'],
  properties: {
    level: { type: 'integer' },
    unit: stringOrNull,
    dispatcher: stringOrNull,
    slaPolicy: stringOrNull,
    acceptDue: dateTimeOrNull,
    resolveDue: dateTimeOrNull,
    late: { type: 'object', required: ['accept', 'resolve'], properties: { accept: { type: 'boolean' }, resolve: { type: 'boolean' } } },
  },
};
const compactExplanation = { type: ['object', 'null'], description: 'facts (other than the report\'s own fields), dataFields, fired (rule ids), winners' };

const changedEvent = {
  type: 'object',
  required: ['eventId', 'reportedAt', 'category', 'township', 'changes', 'newlyLate', 'before', 'after', 'explanation'],
  additionalProperties: false,
  properties: {
    eventId: { type: 'string' },
    reportedAt: dateTime,
    category: { type: 'string' },
    township: stringOrNull,
    changes: { type: 'array', items: { enum: FIELDS } },
    newlyLate: { type: 'array', items: { enum: ['accept', 'resolve'] } },
    before: side,
    after: side,
    explanation: { type: 'object', required: ['before', 'after'], properties: { before: compactExplanation, after: compactExplanation } },
  },
};

const one = json({ type: 'object', required: ['backtest'], properties: { backtest } });

export const backtestPaths = {
  '/counties/{county}/backtests': {
    get: { summary: 'The county\'s backtests, newest first (50)', parameters: [county], responses: { '200': json({ type: 'object', required: ['backtests'], properties: { backtests: { type: 'array', items: backtest } } }), ...errors(401, 403, 404) } },
    post: {
      summary: 'Start a backtest: the events of the period decided again under a draft or a published version',
      parameters: [county],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['from', 'to'],
              additionalProperties: false,
              properties: {
                draft: { type: 'integer', minimum: 1, description: 'a draft\'s number (give this or version)' },
                version: { type: 'integer', minimum: 1, description: 'a published version (give this or draft)' },
                from: { type: 'string', description: 'YYYY-MM-DD (start of that day in the county\'s time zone) or a date-time with offset' },
                to: { type: 'string', description: 'YYYY-MM-DD (inclusive: to the end of that day) or a date-time with offset (exclusive)' },
              },
            },
          },
        },
      },
      responses: { '202': { ...one, description: 'started; follow it at the Location' }, ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  },
  '/counties/{county}/backtests/{id}': {
    get: { summary: 'A backtest: status, progress, totals and summary', parameters: [county, runId], responses: { '200': one, ...errors(400, 401, 403, 404) } },
    delete: { summary: 'Cancel a running backtest (the same as POST …/cancel)', parameters: [county, runId], responses: { '200': { ...one, description: 'stopped (cancelled, keeping what it found) or already ended' }, '202': { ...one, description: 'asked to stop; another process runs it' }, ...errors(400, 401, 403, 404) } },
  },
  '/counties/{county}/backtests/{id}/cancel': {
    post: { summary: 'Cancel a running backtest', parameters: [county, runId], responses: { '200': { ...one, description: 'stopped (cancelled, keeping what it found) or already ended' }, '202': { ...one, description: 'asked to stop; another process runs it' }, ...errors(400, 401, 403, 404) } },
  },
  '/counties/{county}/backtests/{id}/changes': {
    get: {
      summary: 'The changed events of a backtest in report order, both sides and both explanations',
      parameters: [
        county,
        runId,
        { name: 'category', in: 'query', schema: { type: 'string' } },
        { name: 'township', in: 'query', schema: { type: 'string' } },
        { name: 'newlyLate', in: 'query', schema: { enum: ['true', 'false'] } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        { name: 'after', in: 'query', schema: { type: 'string' }, description: 'the previous page\'s next' },
      ],
      responses: { '200': json({ type: 'object', required: ['items', 'next'], properties: { items: { type: 'array', items: changedEvent }, next: stringOrNull } }), ...errors(400, 401, 403, 404) },
    },
  },
};
