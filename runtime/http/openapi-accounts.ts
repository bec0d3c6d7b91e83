/**
 * The OpenAPI paths of people and machines: signing in, the password, a county's accounts and
 * API tokens. Spread into the document in openapi.ts.
 */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request (names the field)',
  401: 'missing or invalid token; at sign-in: wrong county, login or password (code invalid-credentials)',
  403: 'role may not do this; password-change-required while on a temporary password; account-disabled at sign-in',
  404: 'not found (or another county)',
  409: 'another account signs in with this phone or username',
  413: 'body too large',
  415: 'body is not JSON',
  422: 'invalid data (names the field)',
  423: 'locked after 5 wrong passwords in a row: error.lockedUntil says until when (Retry-After too)',
};
const body = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const nullableString = { type: ['string', 'null'] };
const nullableTime = { type: ['string', 'null'], format: 'date-time' };
const roles = ['county_admin', 'dispatcher', 'handler', 'grid_worker', 'policy_designer'];

const account = {
  type: 'object',
  required: ['id', 'name', 'phone', 'username', 'role', 'unit', 'disabled', 'passwordChangeRequired', 'lockedUntil', 'lastSignInAt', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, phone: nullableString, username: nullableString, role: { type: 'string' }, unit: nullableString,
    disabled: { type: 'boolean' }, passwordChangeRequired: { type: 'boolean' }, lockedUntil: nullableTime, lastSignInAt: nullableTime,
    createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
  },
};
const accountFields = {
  name: { type: 'string', maxLength: 100 },
  phone: { type: ['string', 'null'], description: '6–20 digits, a leading + allowed; spaces and dashes are dropped' },
  username: { type: ['string', 'null'], description: 'a letter, then letters, digits, _ . - (3–64); stored in lower case' },
  role: { enum: roles },
  unit: { type: ['string', 'null'], description: "a unit of the county's active config: required for dispatchers, handlers and grid workers (a grid)" },
  disabled: { type: 'boolean' },
};
const apiToken = {
  type: 'object',
  required: ['id', 'label', 'role', 'unit', 'createdAt', 'lastUsedAt', 'revoked'],
  properties: { id: { type: 'string' }, label: nullableString, role: { type: 'string' }, unit: nullableString, createdAt: { type: 'string', format: 'date-time' }, lastUsedAt: { ...nullableTime, description: 'recorded at most once a minute' }, revoked: { type: 'boolean' } },
};
const withPassword = json({ type: 'object', required: ['account', 'temporaryPassword'], properties: { account, temporaryPassword: { type: 'string', description: 'shown once; must be changed at the first sign-in' } } });

export const accountPaths = {
  '/sign-in': {
    post: {
      summary: 'sign in with a password: a session token (12 hours) for the account',
      security: [],
      requestBody: body({ type: 'object', required: ['county', 'login', 'password'], properties: { county: { type: 'string' }, login: { type: 'string', description: 'phone or username' }, password: { type: 'string' } } }),
      responses: { '200': json({ type: 'object', required: ['token', 'expiresAt', 'account'], properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, account } }), ...errors(400, 401, 403, 413, 415, 423) },
    },
  },
  '/password': {
    post: {
      summary: "change the signed-in person's password (the first sign-in requires it); other sessions end",
      requestBody: body({ type: 'object', required: ['currentPassword', 'newPassword'], properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 8 } } }),
      responses: { '200': json({ type: 'object', required: ['account'], properties: { account } }), ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  },
  '/sign-out': { post: { summary: 'end this session', responses: { '200': json({ type: 'object', required: ['signedOut'], properties: { signedOut: { const: true } } }), ...errors(401, 403) } } },
  '/counties/{county}/accounts': {
    parameters: [county],
    get: { summary: "the county's accounts (county administrators)", responses: { '200': json({ type: 'object', required: ['accounts'], properties: { accounts: { type: 'array', items: account } } }), ...errors(401, 403, 404) } },
    post: {
      summary: 'create an account; the answer carries its temporary password, once',
      requestBody: body({ type: 'object', required: ['name', 'role'], properties: accountFields }),
      responses: { '201': { ...withPassword, description: 'created' }, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  },
  '/counties/{county}/accounts/{id}': {
    parameters: [county, id],
    get: { summary: 'one account', responses: { '200': json({ type: 'object', required: ['account'], properties: { account } }), ...errors(401, 403, 404) } },
    patch: {
      summary: 'edit an account (disabled: true ends its sessions)',
      requestBody: body({ type: 'object', properties: accountFields }),
      responses: { '200': json({ type: 'object', required: ['account'], properties: { account } }), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  },
  '/counties/{county}/accounts/{id}/reset-password': {
    parameters: [county, id],
    post: { summary: 'a new temporary password (lifts a lockout, ends sessions)', responses: { '200': withPassword, ...errors(401, 403, 404) } },
  },
  '/counties/{county}/tokens': {
    parameters: [county],
    get: { summary: "the county's API tokens (for machines) with their last use", responses: { '200': json({ type: 'object', required: ['tokens'], properties: { tokens: { type: 'array', items: apiToken } } }), ...errors(401, 403, 404) } },
    post: {
      summary: 'issue an API token; the answer carries it in clear, once',
      requestBody: body({ type: 'object', required: ['label', 'role'], properties: { label: { type: 'string' }, role: { enum: roles }, unit: { type: ['string', 'null'] } } }),
      responses: { '201': json({ type: 'object', required: ['token', 'info'], properties: { token: { type: 'string' }, info: apiToken } }, 'created'), ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  },
  '/counties/{county}/tokens/{id}': { parameters: [county, id], delete: { summary: 'revoke an API token', responses: { '200': json({ type: 'object', required: ['revoked'], properties: { revoked: { const: true } } }), ...errors(401, 403, 404) } } },
} as const;
