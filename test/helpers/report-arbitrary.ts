/**
 * fast-check arbitraries that generate VALID reports for a composed form schema: enums, consts,
 * bounds, formats and patterns respected; optional fields sometimes absent. The location's grid
 * is drawn from the county's real grids so derived facts (village, township) vary too.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;

// times in the year before the catalog's service year: a report's occurredAt may not be later than the report (intake refuses it)
const ISO_BASE = Date.parse('2025-01-01T00:00:00+08:00');
const ISO_SPAN = 365 * 86_400_000;

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, 60);
  switch (schema.format) {
    case 'date-time':
      return fc.integer({ min: 0, max: ISO_SPAN }).map((ms) => new Date(ISO_BASE + ms).toISOString());
    case 'date':
      return fc.integer({ min: 0, max: 364 }).map((d) => new Date(ISO_BASE + d * 86_400_000 + 12 * 3_600_000).toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
      break;
  }
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= ((schema.maxLength as number | undefined) ?? Infinity));
  }
  return fc.string({ minLength: Math.max(minLength, 1), maxLength: Math.max(maxLength, Math.max(minLength, 1)), unit: fc.constantFrom(...'网格事件处置abcdefXYZ0123 '.split('')) });
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  let min = (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum !== undefined ? (schema.exclusiveMinimum as number) + (integer ? 1 : 0.001) : -1000);
  let max = (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum !== undefined ? (schema.exclusiveMaximum as number) - (integer ? 1 : 0.001) : 100_000);
  if (max < min) max = min;
  if (integer) {
    min = Math.ceil(min);
    max = Math.floor(max);
    // bias towards small values, where rule thresholds usually are
    return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 200) }) }, { weight: 1, arbitrary: fc.integer({ min, max }) });
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

export function arbitraryFor(schema: Schema, options: { grids: string[]; path?: string }): fc.Arbitrary<unknown> {
  const path = options.path ?? '';
  if (path === '/location/grid') return fc.constantFrom(...options.grids);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.oneOf) && (schema.oneOf as Schema[]).every((s) => 'const' in s)) return fc.constantFrom(...(schema.oneOf as Schema[]).map((s) => s.const));
  if (Array.isArray(schema.anyOf) && (schema.anyOf as Schema[]).every((s) => 'const' in s)) return fc.constantFrom(...(schema.anyOf as Schema[]).map((s) => s.const));
  const type = Array.isArray(schema.type) ? (schema.type as string[])[0] : (schema.type as string | undefined);
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as Schema | undefined) ?? { type: 'string' };
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.min((schema.maxItems as number | undefined) ?? 4, 6);
      const item = arbitraryFor(items, { ...options, path: `${path}/-` });
      return schema.uniqueItems ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(item, { minLength, maxLength });
    }
    case 'object':
    default: {
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties)) record[key] = arbitraryFor(sub, { ...options, path: `${path}/${key}` });
      return fc.record(record, { requiredKeys: [...required] });
    }
  }
}
