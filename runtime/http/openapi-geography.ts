/** The OpenAPI path of the county's boundaries (GeoJSON). Spread into the document in openapi.ts. */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json({ $ref: '#/components/schemas/Error' }, description);
const i18n = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const position = { type: 'array', minItems: 2, maxItems: 3, items: { type: 'number' }, description: '[longitude, latitude], WGS84' };
const rings = { type: 'array', items: { type: 'array', items: position } };

const featureCollection = {
  type: 'object',
  required: ['type', 'version', 'features'],
  additionalProperties: false,
  properties: {
    type: { const: 'FeatureCollection' },
    version: { type: 'integer', minimum: 1, description: 'the active config version the boundaries are of' },
    tileUrl: { type: 'string', description: "the county's own map tile server, when its config names one" },
    features: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'properties', 'geometry'],
        additionalProperties: false,
        properties: {
          type: { const: 'Feature' },
          properties: {
            type: 'object',
            required: ['unit', 'kind', 'name', 'parent'],
            additionalProperties: false,
            properties: { unit: { type: 'string' }, kind: { enum: ['township', 'village', 'grid'] }, name: i18n, parent: { type: ['string', 'null'] } },
          },
          geometry: {
            oneOf: [
              { type: 'object', required: ['type', 'coordinates'], additionalProperties: false, properties: { type: { const: 'Polygon' }, coordinates: rings } },
              { type: 'object', required: ['type', 'coordinates'], additionalProperties: false, properties: { type: { const: 'MultiPolygon' }, coordinates: { type: 'array', items: rings } } },
            ],
          },
        },
      },
    },
  },
};

export const geographyPaths = {
  '/counties/{county}/geography': {
    parameters: [{ name: 'county', in: 'path', required: true, schema: { type: 'string' } }],
    get: {
      summary: "the boundaries of the active config's townships, villages and grids as GeoJSON (WGS84): empty features for a county without any",
      parameters: [{ name: 'kind', in: 'query', required: false, schema: { type: 'string', pattern: '^(township|village|grid)(,(township|village|grid))*$' }, description: 'only these kinds (comma list), e.g. grid for the report page' }, { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
      responses: {
        '200': json(featureCollection),
        '304': { description: 'not modified: the ETag sent is current' },
        '400': error('a kind that is not township, village or grid (names the field kind)'),
        '401': error('missing or invalid token'),
        '404': error('no such county for this token (another county), or no published config'),
      },
    },
  },
};
