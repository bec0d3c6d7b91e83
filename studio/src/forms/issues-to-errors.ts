import type { ErrorSchema } from '@rjsf/utils';
import type { Issue } from '../../../engine/index';
import { parsePointer } from '../config/json-pointer-locator';

/** The kinds of field issue the studio names in the user's language (keys of `form.issue`). */
export type IssueKind = 'required' | 'unknown-field' | 'type' | 'range' | 'length' | 'format' | 'choice' | 'items' | 'future' | 'other';

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
  'future-time': 'future',
};

/** What kind of issue an engine issue code (a JSON Schema keyword, mostly) is. */
export function issueKind(code: string): IssueKind {
  return KINDS[code] ?? 'other';
}

/** Issues as rjsf's error schema, so each shows under its field (the caller words them: see {@link fieldIssues}). */
export function issuesToErrorSchema(issues: readonly Issue[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const segment of parsePointer(issue.pointer)) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    const errors = (node.__errors ??= []) as string[];
    errors.push(issue.message);
  }
  return root as ErrorSchema;
}

type SchemaNode = Record<string, unknown>;
const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema of the value at `pointer` (through `properties` and `items`), or undefined. */
export function schemaAt(schema: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const segment of parsePointer(pointer)) {
    if (!node) return undefined;
    const properties: unknown = node.properties;
    if (isNode(properties) && isNode(properties[segment])) node = properties[segment] as SchemaNode;
    else if (/^\d+$/.test(segment) && isNode(node.items)) node = node.items;
    else return undefined;
  }
  return node;
}

export function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of parsePointer(pointer)) value = isNode(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
  return value;
}

/** One issue per field for a person to read, with its kind. */
export interface FieldIssue {
  pointer: string;
  kind: IssueKind;
  /** The schema's bound behind a range, length or count issue, to put in words. */
  bound?: { min?: number; max?: number };
}

/**
 * The engine's issues of a report, one per field: a choice left empty is "required" (not a
 * "must equal constant" for every option plus a "must match one of"), several issues of a field
 * are its first, and a range, length or count carries the schema's bounds instead of the
 * engine's English message (which names the field by its code and may quote a regex).
 */
export function fieldIssues(issues: readonly Issue[], schema: SchemaNode, data: unknown): FieldIssue[] {
  const byField = new Map<string, FieldIssue>();
  for (const issue of issues) {
    let kind = issueKind(issue.code);
    const value = valueAt(data, issue.pointer);
    if ((kind === 'choice' || kind === 'other' || kind === 'type') && (value === undefined || value === '' || value === null)) kind = 'required';
    const known = byField.get(issue.pointer);
    // "required" says the most; otherwise a named kind beats "other" (a oneOf's summary)
    if (known && !(kind === 'required' || (known.kind === 'other' && kind !== 'other'))) continue;
    const node = schemaAt(schema, issue.pointer) ?? {};
    const num = (k: string) => (typeof node[k] === 'number' ? (node[k] as number) : undefined);
    const bound =
      kind === 'range' ? { min: num('minimum') ?? num('exclusiveMinimum'), max: num('maximum') ?? num('exclusiveMaximum') }
      : kind === 'length' ? { min: num('minLength'), max: num('maxLength') }
      : kind === 'items' ? { min: num('minItems'), max: num('maxItems') }
      : undefined;
    byField.set(issue.pointer, { pointer: issue.pointer, kind, ...(bound && (bound.min !== undefined || bound.max !== undefined) ? { bound } : {}) });
  }
  return [...byField.values()];
}

/** A field issue in the user's words (`t`: the studio's translate function). */
export function describeFieldIssue(issue: FieldIssue, t: (key: string, values?: Record<string, unknown>) => string): string {
  const words = t(`form.issue.${issue.kind}`);
  const b = issue.bound;
  if (!b || (issue.kind !== 'range' && issue.kind !== 'length' && issue.kind !== 'items')) return words;
  const which = b.min !== undefined && b.max !== undefined ? 'between' : b.min !== undefined ? 'atLeast' : 'atMost';
  return `${words}（${t(`form.bound.${issue.kind}.${which}`, { min: b.min, max: b.max })}）`;
}

/**
 * `data` with `false` for every boolean field shown as a checkbox and not ticked (nested objects
 * too); the same object when nothing is missing. A radio or select leaves "not answered" open.
 */
export function withUntickedFalse(schema: SchemaNode, ui: unknown, data: Record<string, unknown>): Record<string, unknown> {
  const properties = isNode(schema.properties) ? schema.properties : {};
  let out = data;
  for (const [field, node] of Object.entries(properties)) {
    if (!isNode(node)) continue;
    const fieldUi = isNode(ui) && isNode(ui[field]) ? ui[field] : {};
    if (node.type === 'boolean' && data[field] === undefined && node.default === undefined && (fieldUi['ui:widget'] === undefined || fieldUi['ui:widget'] === 'checkbox')) {
      out = out === data ? { ...data } : out;
      out[field] = false;
    } else if (node.type === 'object' && isNode(data[field])) {
      const inner = withUntickedFalse(node, fieldUi, data[field] as Record<string, unknown>);
      if (inner !== data[field]) {
        out = out === data ? { ...data } : out;
        out[field] = inner;
      }
    }
  }
  return out;
}

/** The issues still standing after `before` became `after`: a field the user changed since has its issue cleared until the next check. */
export function issuesAfterEdit(issues: readonly Issue[], before: unknown, after: unknown): Issue[] {
  const same = (pointer: string) => JSON.stringify(valueAt(before, pointer)) === JSON.stringify(valueAt(after, pointer));
  const kept = issues.filter((issue) => same(issue.pointer));
  return kept.length === issues.length ? (issues as Issue[]) : kept;
}
