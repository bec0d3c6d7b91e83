/**
 * The OpenAPI paths of the platform administrator: counties (create, list, disable, enable) and
 * the platform's catalogs. Spread into the document in openapi.ts.
 */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request; names the field (id, name, catalog, overlay, document, status)',
  401: 'missing or invalid token',
  403: 'not a platform administrator (platform-admin-only)',
  404: 'no such county, or no such catalog',
  409: 'a county with this id exists (county-exists)',
  422: 'the config does not compile: every problem listed in issues',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const body = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });

/** A county as the platform administrator sees it. */
export const countySummarySchema = {
  type: 'object',
  required: ['id', 'name', 'status', 'createdAt', 'disabledAt', 'activeVersion', 'requireApproval'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,63}$' },
    name: { type: 'string' },
    status: { enum: ['active', 'disabled'] },
    createdAt: { type: 'string', format: 'date-time' },
    disabledAt: { type: ['string', 'null'], format: 'date-time' },
    activeVersion: { type: ['integer', 'null'] },
    requireApproval: { type: 'boolean', description: 'publishing and activating need a second county administrator (docs/approvals.md)' },
  },
} as const;

export const countyPaths = {
  '/counties': {
    get: { summary: 'every county (platform administrator)', responses: { '200': json({ type: 'object', required: ['counties'], properties: { counties: { type: 'array', items: countySummarySchema } } }), ...errors(401, 403) } },
    post: {
      summary: 'create a county from a catalog, an overlay on a catalog, or a bundled document (platform administrator); its first county-admin token and Open311 api key are in the answer, once',
      requestBody: body({
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,63}$' },
          name: { type: 'string', maxLength: 200, description: "default: the config's county name (Chinese)" },
          catalog: { type: 'string', description: 'a catalog id (GET /catalogs)' },
          overlay: { type: 'object', description: "differences from the catalog (JSON Merge Patch; lists with ids merge by id); with catalog only" },
          document: { type: 'object', description: 'a bundled county config; an extends naming a catalog is resolved' },
        },
      }),
      responses: {
        '201': json(
          { type: 'object', required: ['county', 'adminToken', 'open311Key'], properties: { county: countySummarySchema, adminToken: { type: 'string', pattern: '^pt_' }, open311Key: { type: 'string', pattern: '^o311_' } } },
          'created; the tokens are shown only here',
        ),
        ...errors(400, 401, 403, 404, 409, 413, 415, 422),
      },
    },
  },
  '/counties/{county}': {
    parameters: [county],
    patch: {
      summary: 'disable a county (its tokens and Open311 api key stop working, its data stays) or enable it again; require approval for publishing and activating, or not (docs/approvals.md) (platform administrator)',
      requestBody: body({ type: 'object', minProperties: 1, additionalProperties: false, properties: { status: { enum: ['active', 'disabled'] }, requireApproval: { type: 'boolean' } } }),
      responses: { '200': json({ type: 'object', required: ['county', 'requireApproval'], properties: { county: countySummarySchema, requireApproval: { type: 'boolean' } } }), ...errors(400, 401, 403, 404, 413, 415) },
    },
  },
  '/catalogs': {
    get: {
      summary: 'the catalogs a new county can start from, with their names (platform administrator)',
      responses: { '200': json({ type: 'object', required: ['catalogs'], properties: { catalogs: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: ['object', 'null'] }, description: {} } } } } }), ...errors(401, 403) },
    },
  },
} as const;
