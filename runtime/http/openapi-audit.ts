/** The OpenAPI paths of the audit-chain verification (docs/audit.md). Spread into the document in openapi.ts. */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };

const head = { oneOf: [{ type: 'object', required: ['seq', 'hash'], additionalProperties: false, properties: { seq: { type: 'integer' }, hash: { type: 'string' } } }, { type: 'null' }] };
const broken = {
  oneOf: [
    {
      type: 'object',
      required: ['log', 'kind', 'chainSeq', 'entry', 'message'],
      additionalProperties: false,
      properties: {
        log: { enum: ['config', 'event', 'account'] },
        kind: { enum: ['edited', 'deleted', 'inserted'] },
        chainSeq: { type: 'integer', description: 'the chain position the break was found at (0: a row outside the chain)' },
        entry: { type: 'string', description: 'e.g. "event <id> history #3", "version 2", "account change #5 (…)"' },
        message: { type: 'string' },
      },
    },
    { type: 'null' },
  ],
};

export const auditPaths = {
  '/counties/{county}/audit/verify': {
    get: {
      summary: "Recompute the county's hash-chained logs (config versions, event history, account changes)",
      description: 'County administrators. The same check as `pingtai audit verify`: each chain is read in order and every hash recomputed; `broken` names the first entry where a chain breaks.',
      parameters: [{ name: 'county', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': json({
          type: 'object',
          required: ['county', 'intact', 'logs'],
          additionalProperties: false,
          properties: {
            county: { type: 'string' },
            intact: { type: 'boolean', description: 'true when every chain verifies' },
            logs: {
              type: 'array',
              items: { type: 'object', required: ['log', 'verified', 'head', 'broken'], additionalProperties: false, properties: { log: { enum: ['config', 'event', 'account'] }, verified: { type: 'integer' }, head, broken } },
            },
          },
        }),
        '401': json(error, 'missing or invalid token'),
        '403': json(error, 'county administrators only'),
        '404': json(error, 'no such county for this token (another county)'),
      },
    },
  },
};
