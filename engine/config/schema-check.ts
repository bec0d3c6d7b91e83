/**
 * Validates a document against the county config JSON Schema and turns ajv's errors into plain
 * issues. Union branches (`anyOf`) are reduced to the branch the author evidently meant, so a
 * typo inside a route target yields one message, not one per kind of target.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { countyConfigJsonSchema } from '../schema/config-schema';
import { createAjv } from '../forms/ajv-factory';
import type { Issue } from '../types';

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

function toIssue(error: ErrorObject): Issue {
  const pointer = error.instancePath;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      return { code: 'unknown-key', pointer: `${pointer}/${escapePointer(key)}`, message: `unknown key "${key}" (check its spelling; unknown keys are never ignored)` };
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return { code: 'required', pointer, message: `"${key}" is required here` };
    }
    case 'enum':
      return { code: 'schema', pointer, message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { code: 'schema', pointer, message: `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}` };
    default:
      return { code: 'schema', pointer, message: error.message ?? 'is not valid' };
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
