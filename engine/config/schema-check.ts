/**
 * Validates a document against the county config JSON Schema and turns ajv's errors into plain
 * issues. Union branches (`anyOf`) are reduced to the branch the author evidently meant, so a
 * typo inside a route target yields one message, not one per kind of target.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { countyConfigJsonSchema } from '../schema/config-schema';
import { createAjv } from '../forms/ajv-factory';
import type { Issue } from '../types';
import { problem, word } from './messages';

let validator: ValidateFunction | undefined;

/** Conditions are checked by the compiler itself (clearer messages than a oneOf of four shapes). */
function schemaForCompile(): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(countyConfigJsonSchema)) as Record<string, unknown>;
  copy.$defs = { condition: { type: 'object' } };
  return copy;
}

function getValidator(): ValidateFunction {
  validator ??= createAjv().compile(schemaForCompile());
  return validator;
}

function reduceUnionErrors(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const union of errors) {
    if (union.keyword !== 'anyOf' && union.keyword !== 'oneOf') continue;
    const prefix = union.schemaPath + '/';
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    if (byBranch.size === 0) continue;
    // A branch whose discriminator (`type`) does not match is not the one the author meant.
    const discriminator = union.instancePath + '/type';
    const missesType = (e: ErrorObject) =>
      (e.keyword === 'const' && e.instancePath === discriminator) ||
      (e.keyword === 'required' && e.instancePath === union.instancePath && (e.params as { missingProperty?: string }).missingProperty === 'type');
    const score = (list: ErrorObject[]) => (list.some(missesType) ? 1000 : 0) + list.length;
    const best = [...byBranch.values()].sort((a, b) => score(a) - score(b))[0];
    for (const list of byBranch.values()) if (list !== best) list.forEach((e) => dropped.add(e));
    dropped.add(union);
  }
  return errors.filter((e) => !dropped.has(e));
}

const LIMITS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const;

function toIssue(error: ErrorObject): Issue {
  const pointer = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = params.additionalProperty as string;
      return problem('unknown-key', `${pointer}/${escapePointer(key)}`, { key });
    }
    case 'required':
      return problem('required', pointer, { key: params.missingProperty as string });
    case 'enum':
      return problem('schema.enum', pointer, { values: (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ') });
    case 'const':
      return problem('schema.const', pointer, { value: JSON.stringify(params.allowedValue) });
    case 'type': {
      const types = String(params.type).split(',');
      const said = types.map((t) => word(t)).map((w) => (typeof w === 'object' ? w : { zh: String(w), en: String(w) }));
      return problem('schema.type', pointer, { type: { zh: said.map((w) => w.zh).join('或'), en: said.map((w) => w.en).join(' or ') } });
    }
    case 'pattern':
      return problem('schema.pattern', pointer, { pattern: String(params.pattern) });
    case 'format':
      return problem('schema.format', pointer, { format: String(params.format) });
    case 'uniqueItems':
      return problem('schema.uniqueItems', pointer, { first: Number(params.j) + 1, second: Number(params.i) + 1 });
    case 'propertyNames':
      return problem('schema.propertyNames', pointer);
    default:
      if ((LIMITS as readonly string[]).includes(error.keyword)) return problem(`schema.${error.keyword as (typeof LIMITS)[number]}`, pointer, { limit: Number(params.limit) });
      return problem('schema', pointer, { detail: error.message ?? 'is not valid' });
  }
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** All schema problems of a config document (empty when it conforms). */
export function checkConfigSchema(document: unknown): Issue[] {
  const validate = getValidator();
  if (validate(document)) return [];
  const issues = reduceUnionErrors(validate.errors ?? []).map(toIssue);
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = issue.pointer + '\u0000' + issue.message;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
