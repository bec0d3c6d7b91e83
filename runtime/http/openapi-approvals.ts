/** The OpenAPI paths of four eyes (docs/approvals.md). Spread into the document in openapi.ts. */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request: comment, requireApproval, status, limit, id or a field that does not belong (names the field)',
  401: 'missing or invalid token',
  403: 'role-not-allowed (only county administrators decide), person-required (an API token cannot approve or reject), own-request (the proposer cannot approve or reject their own request), not-proposer (only the proposer withdraws)',
  404: 'no such county for this token (another county), or no such request',
  409: 'not-pending (decided already), stale: already-published, already-active, draft-changed (the draft changed since it was proposed), stale-request; already-pending (the same action is waiting)',
  413: 'body too large',
  415: 'body is not JSON',
  422: 'the draft no longer compiles or its tests fail (config-invalid, tests-failed)',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const requestId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const dateTime = { type: 'string', format: 'date-time' };
const stringOrNull = { type: ['string', 'null'] };
const comment = { type: 'string', maxLength: 2000 };

/** An action a request asks for; later kinds (a pilot activation) add members. */
export const approvalActionSchema = {
  oneOf: [
    { type: 'object', required: ['type', 'version'], properties: { type: { enum: ['publish', 'activate'] }, version: { type: 'integer', minimum: 1 } } },
    { type: 'object', required: ['type', 'on'], properties: { type: { const: 'require-approval' }, on: { type: 'boolean' } } },
    {
      type: 'object',
      required: ['type', 'by'],
      description: 'a pilot (docs/pilots.md): started for townships, widened, or promoted to the main version',
      properties: {
        type: { enum: ['pilot-start', 'pilot-widen', 'pilot-promote'] },
        version: { type: 'integer', description: 'pilot-start: the published version' },
        pilot: { type: 'integer', description: 'pilot-widen, pilot-promote: the pilot' },
        townships: { type: 'array', items: { type: 'string' } },
        name: stringOrNull,
        note: stringOrNull,
        by: { type: 'object', required: ['id', 'role'], properties: { id: { type: 'string' }, role: { type: 'string' }, name: stringOrNull } },
      },
    },
  ],
};

export const approvalSchema = {
  type: 'object',
  required: ['id', 'action', 'status', 'proposedAt', 'proposedBy', 'proposedByName', 'comment', 'decidedAt', 'decidedBy', 'decidedByName', 'decisionComment'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    action: approvalActionSchema,
    status: { enum: ['pending', 'approved', 'rejected', 'withdrawn', 'direct'], description: 'direct: done at once while approval was not required' },
    proposedAt: dateTime,
    proposedBy: { type: 'string' },
    proposedByName: stringOrNull,
    comment: stringOrNull,
    decidedAt: { ...dateTime, type: ['string', 'null'] },
    decidedBy: stringOrNull,
    decidedByName: stringOrNull,
    decisionComment: stringOrNull,
  },
};

/** The 202 answer of publish and activate while approval is required. */
export const pendingApprovalResponse = json({ type: 'object', required: ['status', 'approval'], properties: { status: { const: 'pending-approval' }, approval: approvalSchema } }, 'submitted for approval: a second county administrator must approve it');
export const commentBody = { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { comment } } } } };

const decision = (summary: string, required: boolean) => ({
  parameters: [county, requestId],
  post: {
    summary,
    requestBody: { required, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, ...(required ? { required: ['comment'] } : {}), properties: { comment } } } } },
    responses: { '200': json({ type: 'object', required: ['approval', 'result'], properties: { approval: approvalSchema, result: { type: ['object', 'null'], description: 'what the action answered (approve), else null' } } }), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
  },
});

export const approvalPaths = {
  '/counties/{county}/approvals': {
    parameters: [county],
    get: {
      summary: 'approval requests and direct actions, newest first (county administrators and policy designers)',
      parameters: [
        { name: 'status', in: 'query', required: false, schema: { enum: ['pending', 'approved', 'rejected', 'withdrawn', 'direct'] } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
      ],
      responses: { '200': json({ type: 'object', required: ['requireApproval', 'approvals'], properties: { requireApproval: { type: 'boolean' }, approvals: { type: 'array', items: approvalSchema } } }), ...errors(400, 401, 403, 404) },
    },
  },
  '/counties/{county}/approvals/{id}': {
    parameters: [county, requestId],
    get: { summary: 'one approval request', responses: { '200': json({ type: 'object', required: ['approval'], properties: { approval: approvalSchema } }), ...errors(400, 401, 403, 404) } },
  },
  '/counties/{county}/approvals/{id}/approve': decision('approve a pending request (a different county administrator, signed in): the action happens now', false),
  '/counties/{county}/approvals/{id}/reject': decision('reject a pending request with a comment (a different county administrator, signed in)', true),
  '/counties/{county}/approvals/{id}/withdraw': decision('withdraw a pending request (its proposer only)', false),
  '/counties/{county}/settings/approval': {
    parameters: [county],
    get: { summary: 'whether publishing and activating need a second county administrator', responses: { '200': json({ type: 'object', required: ['requireApproval', 'changedAt', 'changedBy'], properties: { requireApproval: { type: 'boolean' }, changedAt: { type: ['string', 'null'] }, changedBy: stringOrNull } }), ...errors(401, 403, 404) } },
    put: {
      summary: 'require approval (at once) or stop requiring it (itself needs approval while required)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['requireApproval'], additionalProperties: false, properties: { requireApproval: { type: 'boolean' }, comment } } } } },
      responses: {
        '200': json({ type: 'object', required: ['requireApproval', 'approval'], properties: { requireApproval: { type: 'boolean' }, approval: { oneOf: [approvalSchema, { type: 'null' }] } } }),
        '202': json({ type: 'object', required: ['requireApproval', 'approval'], properties: { requireApproval: { type: 'boolean' }, approval: approvalSchema } }, 'switching off was submitted for approval'),
        ...errors(400, 401, 403, 404, 409, 413, 415),
      },
    },
  },
};
