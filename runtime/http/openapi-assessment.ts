/** The OpenAPI paths of the assessment (docs/assessment.md). Spread into the document in openapi.ts. */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request: period, revision, format, kind, counted, limit, offset or a rating (names the field)',
  401: 'missing or invalid token',
  403: 'role or unit may not do this (role-not-allowed, unit-not-allowed)',
  404: 'no such county for this token (another county), revision, unit or indicator',
  409: 'the period has not ended yet (period-not-ended), or a revision was stored at the same moment',
  413: 'body too large',
  415: 'body is not JSON',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const PERIOD_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$';
const period = { name: 'period', in: 'path', required: true, schema: { type: 'string', pattern: PERIOD_PATTERN }, description: 'a month 2026-11, a quarter 2026-Q4 or a year 2026' };
const query = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', required: false, schema, description });
const revision = query('revision', { type: 'string', pattern: '^[1-9][0-9]*$' }, 'a stored revision (default: the latest; an open period has none)');
const format = query('format', { enum: ['json', 'csv', 'xlsx'], default: 'json' }, 'csv or xlsx: the same list as a spreadsheet with Chinese headers');
const i18n = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const dateTime = { type: 'string', format: 'date-time' };
const numberOrNull = { type: ['number', 'null'] };
const files = {
  'text/csv': { schema: { type: 'string' } },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
};

const indicatorScore = {
  type: 'object',
  required: ['id', 'kind', 'numerator', 'denominator', 'value', 'target', 'score', 'applicable', 'weight', 'effectiveWeight'],
  properties: {
    id: { type: 'string' },
    kind: { enum: ['rate', 'count'] },
    numerator: { type: 'integer', minimum: 0 },
    denominator: { type: 'integer', minimum: 0, description: 'the items the unit is judged on; 0: not applicable' },
    value: { ...numberOrNull, description: 'a rate (0–1) or a count; null when not applicable' },
    target: { type: 'number' },
    score: { ...numberOrNull, minimum: 0, maximum: 100 },
    applicable: { type: 'boolean' },
    weight: { type: 'number' },
    effectiveWeight: { type: 'number', description: 'its share of the system score once inapplicable weights are spread' },
  },
};
const unitScore = {
  type: 'object',
  required: ['unit', 'name', 'kind', 'township', 'indicators', 'systemScore', 'sources', 'total', 'complete', 'missing', 'rank'],
  properties: {
    unit: { type: 'string' },
    name: i18n,
    kind: { type: 'string' },
    township: { type: ['string', 'null'] },
    indicators: { type: 'array', items: indicatorScore },
    systemScore: numberOrNull,
    sources: { type: 'array', items: { type: 'object', required: ['id', 'system', 'weight', 'score', 'effectiveWeight'], properties: { id: { type: 'string' }, system: { type: 'boolean' }, weight: { type: 'number' }, score: numberOrNull, effectiveWeight: { type: 'number' } } } },
    total: numberOrNull,
    complete: { type: 'boolean', description: 'every source that applies has a score' },
    missing: { type: 'array', items: { type: 'string' }, description: 'sources without a score (their weight went to the others)' },
    rank: { type: ['integer', 'null'], minimum: 1, description: 'by total within the kind of unit; equal totals share a rank' },
  },
};
const revisionSummary = {
  type: 'object',
  required: ['revision', 'computedAt', 'computedBy', 'configVersion'],
  properties: { revision: { type: 'integer', minimum: 1 }, computedAt: dateTime, computedBy: { type: 'string' }, computedByName: { type: ['string', 'null'] }, configVersion: { type: 'integer' }, note: { type: ['string', 'null'] } },
};
const assessment = {
  type: 'object',
  required: ['county', 'period', 'asOf', 'ended', 'configVersion', 'indicators', 'sources', 'units', 'status', 'revision', 'revisions'],
  properties: {
    county: { type: 'string' },
    period: { type: 'object', required: ['id', 'kind', 'from', 'to'], properties: { id: { type: 'string' }, kind: { enum: ['month', 'quarter', 'year'] }, from: dateTime, to: { ...dateTime, description: 'the first instant after the period' } } },
    asOf: { ...dateTime, description: 'what was known by this instant counts' },
    ended: { type: 'boolean', description: 'the period had ended by asOf' },
    configVersion: { type: 'integer' },
    indicators: {
      type: 'array',
      items: { type: 'object', required: ['id', 'name', 'measure', 'kind', 'weight', 'higherIsBetter'], properties: { id: { type: 'string' }, name: i18n, measure: { type: 'string' }, of: { type: ['string', 'null'] }, kind: { enum: ['rate', 'count'] }, weight: { type: 'number' }, target: numberOrNull, higherIsBetter: { type: 'boolean' }, zeroAt: numberOrNull } },
    },
    sources: { type: 'array', items: { type: 'object', required: ['id', 'name', 'weight', 'appliesTo', 'system'], properties: { id: { type: 'string' }, name: i18n, weight: numberOrNull, appliesTo: { type: 'array', items: { type: 'string' } }, system: { type: 'boolean' } } } },
    units: { type: 'array', items: unitScore, description: 'by kind, then rank; a handler gets its own unit only' },
    status: { enum: ['open', 'closed'], description: 'closed: revisions are stored and the latest is shown unless another is asked for' },
    revision: { type: ['integer', 'null'], description: 'the revision shown; null: computed now (open period)' },
    revisions: { type: 'array', items: revisionSummary },
  },
};
const rating = { type: 'object', required: ['unit', 'source', 'score', 'updatedBy', 'updatedAt'], properties: { unit: { type: 'string' }, source: { type: 'string' }, score: { type: 'number' }, comment: { type: ['string', 'null'] }, updatedBy: { type: 'string' }, updatedAt: dateTime } };
const ratings = { type: 'object', required: ['period', 'ratings'], properties: { period: { type: 'string' }, changed: { type: 'integer' }, ratings: { type: 'array', items: rating } } };
const drillItem = {
  type: 'object',
  required: ['eventId', 'fact', 'counted', 'event'],
  properties: {
    eventId: { type: 'string' },
    fact: { enum: ['accept', 'resolve', 'resolution', 'rating', 'event'], description: 'the item: a deadline, a resolution (closure and reopen rates), a rating, or an event (overdue events)' },
    since: { type: ['string', 'null'], format: 'date-time' },
    dueAt: { type: ['string', 'null'], format: 'date-time' },
    settledAt: { type: ['string', 'null'], format: 'date-time' },
    counted: { type: 'boolean', description: 'in the numerator' },
    deadlines: { type: 'array', items: { type: 'object', required: ['fact', 'dueAt', 'onTime'], properties: { fact: { enum: ['accept', 'resolve'] }, dueAt: { type: ['string', 'null'] }, onTime: { type: 'boolean' } } } },
    event: { type: ['object', 'null'], properties: { category: { type: 'string' }, level: { type: 'integer' }, state: { type: 'string' }, reportedAt: dateTime } },
  },
};

export const assessmentPaths = {
  '/counties/{county}/assessment': {
    parameters: [county],
    get: {
      summary: "a period's assessment per unit: each indicator, the system score, the ratings, the total and the rank (computed now while the period is open; the latest revision once closed)",
      parameters: [
        { name: 'period', in: 'query', required: true, schema: { type: 'string' }, description: 'a month 2026-11, a quarter 2026-Q4 or a year 2026' },
        revision,
        query('kind', { type: 'string' }, 'only units of this kind'),
        format,
      ],
      responses: { '200': { description: 'the assessment, or its ranking table as a file', content: { 'application/json': { schema: assessment }, ...files } }, ...errors(400, 401, 403, 404) },
    },
  },
  '/counties/{county}/assessment/{period}/revisions': {
    parameters: [county, period],
    post: {
      summary: 'close an ended period: its results computed now are stored as the next revision (1 when it was open) and never change; county administrators only',
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { note: { type: 'string', maxLength: 500 } } } } } },
      responses: { '201': json(assessment, 'the stored revision'), ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  },
  '/counties/{county}/assessment/{period}/ratings': {
    parameters: [county, period],
    get: { summary: "the period's ratings from outside the system (county administrators and policy designers)", responses: { '200': json(ratings), ...errors(400, 401, 403, 404) } },
    put: {
      summary: 'enter, change or take back ratings (0–100) per unit and rating source; every change is kept in the audit trail; county administrators only',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['ratings'], properties: { ratings: { type: 'array', items: { type: 'object', required: ['unit', 'source', 'score'], properties: { unit: { type: 'string' }, source: { type: 'string' }, score: { type: ['number', 'null'], minimum: 0, maximum: 100 }, comment: { type: 'string', maxLength: 500 } } } } } } } },
      },
      responses: { '200': json(ratings, 'the ratings after the change, and how many changed'), ...errors(400, 401, 403, 404, 413, 415) },
    },
  },
  '/counties/{county}/assessment/{period}/ratings/audit': {
    parameters: [county, period],
    get: {
      summary: "every change of the period's ratings: who, when, the score before and after (null: none)",
      responses: {
        '200': json({ type: 'object', required: ['period', 'entries'], properties: { period: { type: 'string' }, entries: { type: 'array', items: { type: 'object', required: ['unit', 'source', 'oldScore', 'newScore', 'actorId', 'actorRole', 'at'], properties: { id: { type: 'string' }, unit: { type: 'string' }, source: { type: 'string' }, oldScore: numberOrNull, newScore: numberOrNull, comment: { type: ['string', 'null'] }, actorId: { type: 'string' }, actorRole: { type: 'string' }, actorName: { type: ['string', 'null'] }, at: dateTime } } } } }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/counties/{county}/assessment/{period}/units/{unit}/indicators/{indicator}/events': {
    parameters: [county, period, { name: 'unit', in: 'path', required: true, schema: { type: 'string' } }, { name: 'indicator', in: 'path', required: true, schema: { type: 'string' } }],
    get: {
      summary: "the events behind one unit's figure: its items (the denominator), each marked counted when in the numerator",
      parameters: [revision, query('counted', { enum: ['true', 'false'] }, 'only the items in the numerator (true) or outside it'), query('limit', { type: 'string' }, '1–1000, default 200'), query('offset', { type: 'string' }, 'items to skip'), format],
      responses: {
        '200': {
          description: 'the items, or all of them as a file',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['period', 'revision', 'unit', 'indicator', 'figure', 'total', 'items'],
                properties: {
                  period: { type: 'string' },
                  revision: { type: ['integer', 'null'] },
                  unit: { type: 'string' },
                  indicator: { type: 'string' },
                  figure: { type: 'object', required: ['value', 'numerator', 'denominator', 'score'], properties: { value: numberOrNull, numerator: { type: 'integer' }, denominator: { type: 'integer' }, score: numberOrNull } },
                  total: { type: 'integer', description: 'items matching counted, before paging' },
                  items: { type: 'array', items: drillItem },
                },
              },
            },
            ...files,
          },
        },
        ...errors(400, 401, 403, 404),
      },
    },
  },
};
