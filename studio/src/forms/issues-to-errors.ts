import type { ErrorSchema } from '@rjsf/utils';
import type { Issue } from '../../../engine/index';
import { parsePointer } from '../config/json-pointer-locator';

/** The kinds of field issue the studio names in the user's language (keys of `form.issue`). */
export type IssueKind = 'required' | 'unknown-field' | 'type' | 'range' | 'length' | 'format' | 'choice' | 'items' | 'other';

const KINDS: Record<string, IssueKind> = {
  required: 'required',
  'unknown-field': 'unknown-field',
  type: 'type',
  minimum: 'range',
  maximum: 'range',
  exclusiveMinimum: 'range',
  exclusiveMaximum: 'range',
  multipleOf: 'range',
  minLength: 'length',
  maxLength: 'length',
  pattern: 'format',
  format: 'format',
  enum: 'choice',
  const: 'choice',
  minItems: 'items',
  maxItems: 'items',
  uniqueItems: 'items',
};

/** What kind of issue an engine issue code (a JSON Schema keyword, mostly) is. */
export function issueKind(code: string): IssueKind {
  return KINDS[code] ?? 'other';
}

/**
 * The engine's report issues as rjsf's error schema, so each shows under its field, in the
 * words `describe` gives it (the engine's own messages are English and name the field by code).
 */
export function issuesToErrorSchema(issues: readonly Issue[], describe: (issue: Issue) => string = (issue) => issue.message): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const segment of parsePointer(issue.pointer)) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    const errors = (node.__errors ??= []) as string[];
    errors.push(describe(issue));
  }
  return root as ErrorSchema;
}
