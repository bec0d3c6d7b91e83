/** The OpenAPI paths of the dashboards' statistics (docs/dashboards.md). Spread into the document in openapi.ts. */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request: days, by, from, to, limit, format, category, level, state, red or closed (names the field)',
  401: 'missing or invalid token',
  403: 'the role has no dashboard (role-not-allowed): grid workers, and unit roles without a unit',
  404: 'no such county for this token (another county)',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const query = (name: string, schema: Record<string, unknown>, description: string, required = false) => ({ name, in: 'query', required, schema, description });
const i18n = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const i18nOrNull = { oneOf: [i18n, { type: 'null' }] };
const dateTime = { type: 'string', format: 'date-time' };
const count = { type: 'integer', minimum: 0 };
const format = query('format', { enum: ['json', 'csv', 'xlsx'], default: 'json' }, 'csv or xlsx: the table as a spreadsheet with Chinese headers (dates as dates in the county\'s zone)');
const files = {
  'text/csv': { schema: { type: 'string' } },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
};
const periodCount = { type: 'object', required: ['count', 'previous'], properties: { count, previous: { ...count, description: 'the same span of the period before (yesterday from 00:00 up to this time of day, ...)' } } };
const onTime = { type: 'object', required: ['onTime', 'total', 'rate'], properties: { onTime: count, total: count, rate: { type: ['number', 'null'], minimum: 0, maximum: 1, description: 'null when total is 0' } } };
const breakdownRow = {
  type: 'object',
  required: ['key', 'name', 'reported', 'open', 'red', 'overdue', 'closed'],
  properties: {
    key: { type: ['string', 'null'], description: 'category code, township id, handling unit id or report channel; null for events without one (a unit: not yet dispatched)' },
    name: i18nOrNull,
    reported: count,
    open: count,
    red: { ...count, description: 'turned red (open or closed since)' },
    overdue: { ...count, description: 'open and past the resolution deadline now' },
    closed: count,
  },
};
const overdueUnit = { type: 'object', required: ['unit', 'name', 'overdue', 'red', 'open'], properties: { unit: { type: 'string' }, name: i18nOrNull, overdue: count, red: count, open: count } };
const mapFilters = [
  query('category', { type: 'string' }, "comma list of minor category codes of the active config"),
  query('level', { type: 'string', pattern: '^[0-9]{1,2}(,[0-9]{1,2})*$' }, "comma list of the county's levels"),
  query('state', { type: 'string' }, 'comma list of workflow states of the active config'),
  query('red', { enum: ['true', 'false'] }, 'red events only, or none'),
  query('closed', { enum: ['true', 'false'] }, 'closed or open events (default without state: open)'),
  query('from', dateTime, 'reported at or after'),
  query('to', dateTime, 'reported before'),
];

export const statsPaths = {
  '/counties/{county}/stats/overview': {
    parameters: [county],
    get: {
      summary: "the dashboard's headline figures within the caller's scope: reports today, this week, this month against the same span before; open, red and overdue events; this month's on-time acceptance and resolution",
      responses: {
        '200': json({
          type: 'object',
          required: ['county', 'asOf', 'timeZone', 'scope', 'reports', 'open', 'red', 'overdue', 'onTimeAcceptance', 'onTimeResolution'],
          properties: {
            county: { type: 'string' },
            asOf: dateTime,
            timeZone: { type: 'string' },
            scope: { type: 'object', required: ['kind', 'unit'], properties: { kind: { enum: ['county', 'unit'] }, unit: { type: ['string', 'null'] } } },
            reports: { type: 'object', required: ['today', 'week', 'month'], properties: { today: periodCount, week: periodCount, month: periodCount } },
            open: count,
            red: { ...count, description: 'open and red' },
            overdue: { ...count, description: 'open and past the resolution deadline' },
            onTimeAcceptance: onTime,
            onTimeResolution: onTime,
          },
        }),
        ...errors(401, 403, 404),
      },
    },
  },
  '/counties/{county}/stats/trend': {
    parameters: [county],
    get: {
      summary: 'per day of the county\'s zone, oldest first: events reported and events closed',
      parameters: [query('days', { type: 'integer', minimum: 1, maximum: 366, default: 30 }, 'days up to and including today')],
      responses: {
        '200': json({ type: 'object', required: ['days'], properties: { days: { type: 'array', items: { type: 'object', required: ['date', 'reported', 'closed'], properties: { date: { type: 'string', format: 'date' }, reported: count, closed: count } } } } }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/counties/{county}/stats/breakdown': {
    parameters: [county],
    get: {
      summary: 'the events reported in a span (default this month) by category, township, handling unit or report channel, most reported first',
      parameters: [query('by', { enum: ['category', 'township', 'unit', 'source'] }, 'the dimension', true), query('from', dateTime, 'default: the first instant of this month'), query('to', dateTime, 'default: the first instant of next month'), format],
      responses: {
        '200': {
          description: 'the rows, or the table as a file',
          content: { 'application/json': { schema: { type: 'object', required: ['by', 'from', 'to', 'rows'], properties: { by: { enum: ['category', 'township', 'unit', 'source'] }, from: dateTime, to: dateTime, rows: { type: 'array', items: breakdownRow } } } }, ...files },
        },
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/counties/{county}/stats/overdue-units': {
    parameters: [county],
    get: {
      summary: 'handling units with the most overdue open events (then red, then open)',
      parameters: [query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 10 }, 'rows'), format],
      responses: {
        '200': { description: 'the rows, or the table as a file', content: { 'application/json': { schema: { type: 'object', required: ['rows'], properties: { rows: { type: 'array', items: overdueUnit } } } }, ...files } },
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/counties/{county}/stats/map': {
    parameters: [county],
    get: {
      summary: "the map: each grid's open and red events, and the events as points (the report's coordinates, else a point inside its grid), at most 5,000, newest first",
      parameters: mapFilters,
      responses: {
        '200': json({
          type: 'object',
          required: ['grids', 'points', 'truncated'],
          properties: {
            grids: { type: 'array', items: { type: 'object', required: ['grid', 'open', 'red'], properties: { grid: { type: 'string' }, open: count, red: count } } },
            points: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'lng', 'lat', 'category', 'level', 'state', 'red', 'grid', 'placed'],
                properties: { id: { type: 'string' }, lng: { type: 'number' }, lat: { type: 'number' }, category: { type: 'string' }, level: { type: 'integer' }, state: { type: 'string' }, red: { type: 'boolean' }, grid: { type: ['string', 'null'] }, placed: { enum: ['report', 'grid'] } },
              },
            },
            truncated: { type: 'boolean', description: 'more events matched than the points returned' },
          },
        }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
};
