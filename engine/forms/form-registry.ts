/**
 * Report forms: each category's form composed with the forms it includes (the shared base
 * fields), closed against unknown keys, compiled once with ajv (cached by content across
 * compiles) and used by every caller — studio preview, runtime intake, CLI — through
 * `validateReport`, so a form never validates differently in two places.
 */
import type { ValidateFunction, ErrorObject } from 'ajv';
import { DERIVED_FACTS } from '../schema/constants';
import type { Form } from '../schema/config-schema';
import type { Issue } from '../types';
import { createAjv, patternProblem } from './ajv-factory';
import { problem, WORDS } from '../config/messages';
import { hasOwnKey, isInheritedName } from '../schema/names';

export interface ComposedForm {
  id: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  fields: Set<string>;
}

const ajv = createAjv();
const validatorCache = new Map<string, ValidateFunction>();
const MAX_CACHED_VALIDATORS = 2000;

function compileCached(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validatorCache.get(key);
  if (!validate) {
    if (validatorCache.size >= MAX_CACHED_VALIDATORS) {
      const [oldestKey, oldest] = validatorCache.entries().next().value as [string, ValidateFunction];
      ajv.removeSchema(oldest.schema as object);
      validatorCache.delete(oldestKey);
    }
    validate = ajv.compile(schema);
    validatorCache.set(key, validate);
  }
  return validate;
}

/** Closes every object subschema that does not say otherwise, so unknown keys never slip through. */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === 'const' || key === 'enum' || key === 'default' || key === 'examples' ? value : closeObjects(value);
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && out.patternProperties === undefined && out.unevaluatedProperties === undefined) out.additionalProperties = false;
  return out;
}

function walkPatterns(schema: unknown, pointer: string, visit: (pattern: string, pointer: string) => void): void {
  if (Array.isArray(schema)) return schema.forEach((s, i) => walkPatterns(s, `${pointer}/${i}`, visit));
  if (schema === null || typeof schema !== 'object') return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'const' || key === 'enum' || key === 'default' || key === 'examples') continue;
    if (key === 'pattern' && typeof value === 'string') visit(value, `${pointer}/pattern`);
    else if (key === 'patternProperties' && value && typeof value === 'object') {
      for (const [pattern, sub] of Object.entries(value)) {
        visit(pattern, `${pointer}/patternProperties`);
        walkPatterns(sub, `${pointer}/patternProperties/${pattern}`, visit);
      }
    } else walkPatterns(value, `${pointer}/${key}`, visit);
  }
}

export class FormRegistry {
  private readonly composed = new Map<string, ComposedForm>();
  private readonly validators = new Map<string, ValidateFunction>();

  /**
   * Composes and compiles all forms; problems are appended to `issues` with pointers under
   * `/forms`. `validators: false`: forms known to compile are only composed (nothing validated).
   */
  constructor(forms: readonly Form[], issues: Issue[], opts: { validators?: boolean } = {}) {
    const byId = new Map<string, { form: Form; index: number }>();
    forms.forEach((form, index) => {
      if (byId.has(form.id)) issues.push(problem('duplicate-id', `/forms/${index}/id`, { what: WORDS.form, key: form.id, first: byId.get(form.id)!.index + 1 }));
      else byId.set(form.id, { form, index });
    });
    for (const { form, index } of byId.values()) {
      const composed = this.compose(form, index, byId, issues);
      if (!composed) continue;
      this.composed.set(form.id, composed);
      if (opts.validators === false) continue;
      const before = issues.length;
      walkPatterns(composed.schema, `/forms/${index}/schema`, (pattern, pointer) => {
        const found = patternProblem(pattern);
        if (found) issues.push(problem(found.key, pointer, found.params));
      });
      if (issues.length > before) continue;
      try {
        this.validators.set(form.id, compileCached(composed.schema));
      } catch (error) {
        issues.push(problem('bad-form-schema', `/forms/${index}/schema`, { detail: (error as Error).message }));
      }
    }
  }

  private compose(form: Form, index: number, byId: Map<string, { form: Form; index: number }>, issues: Issue[]): ComposedForm | undefined {
    const properties: Record<string, unknown> = {};
    const required = new Set<string>();
    const order: string[] = [];
    // conditional fields: `allOf: [{ if, then: { properties } }]`, asked only when their `if` holds
    const allOf: unknown[] = [];
    const conditional = new Set<string>();
    let ui: Record<string, unknown> = {};
    const owner = new Map<string, string>();
    const visiting = new Set<string>();
    let ok = true;
    const addForm = (current: Form, pointer: string) => {
      if (visiting.has(current.id)) {
        issues.push(problem('include-cycle', pointer, { id: current.id }));
        ok = false;
        return;
      }
      visiting.add(current.id);
      (current.include ?? []).forEach((includedId, i) => {
        const included = byId.get(includedId);
        if (!included) {
          issues.push(problem('unknown-form.include', `${pointer}/include/${i}`, { id: includedId }));
          ok = false;
        } else addForm(included.form, `/forms/${included.index}`);
      });
      const conditionalFields = (current.schema.allOf ?? []).flatMap((entry, i) => {
        allOf.push(entry);
        const added = entry.then.properties;
        return added !== null && typeof added === 'object' && !Array.isArray(added) ? Object.keys(added).map((field) => [field, `allOf/${i}/then/properties`] as const) : [];
      });
      const ownFields = [...Object.keys(current.schema.properties).map((field) => [field, 'properties'] as const), ...conditionalFields];
      for (const [field, where] of ownFields) {
        const at = `${pointer}/schema/${where}/${field}`;
        if (hasOwnKey(DERIVED_FACTS, field)) {
          issues.push(problem('reserved-field', at, { field }));
          ok = false;
        } else if (isInheritedName(field)) {
          issues.push(problem('reserved-name', at, { name: field, what: 'Object.prototype' }));
          ok = false;
        }
        if ((owner.has(field) && owner.get(field) !== current.id) || (where !== 'properties' && (conditional.has(field) || Object.hasOwn(current.schema.properties, field)))) {
          issues.push(owner.get(field) === current.id ? problem('duplicate-field.same-form', at, { field }) : problem('duplicate-field', at, { field, other: owner.get(field) ?? '' }));
          ok = false;
        }
        owner.set(field, current.id);
        if (where === 'properties') properties[field] = current.schema.properties[field];
        else conditional.add(field);
      }
      (current.schema.required ?? []).forEach((field, i) => {
        if (!(field in current.schema.properties)) {
          issues.push(problem('unknown-field', `${pointer}/schema/required/${i}`, { field }));
          ok = false;
        }
        required.add(field);
      });
      const currentUi = current.uiSchema ?? {};
      const currentOrder = Array.isArray(currentUi['ui:order']) ? (currentUi['ui:order'] as string[]).filter((f) => f !== '*') : [];
      order.push(...currentOrder);
      ui = { ...ui, ...currentUi };
      visiting.delete(current.id);
    };
    addForm(form, `/forms/${index}`);
    if (!ok) return undefined;
    const schema = closeObjects({
      type: 'object',
      ...(form.schema.title ? { title: form.schema.title } : {}),
      ...(form.schema.description ? { description: form.schema.description } : {}),
      properties,
      required: [...required],
      // a conditional field is known to the form only where its `then` applies
      ...(allOf.length > 0 ? { allOf, unevaluatedProperties: false } : { additionalProperties: false }),
    }) as Record<string, unknown>;
    if (order.length > 0) ui['ui:order'] = [...new Set(order), '*'];
    return { id: form.id, schema, uiSchema: ui, fields: new Set([...Object.keys(properties), ...conditional]) };
  }

  get(formId: string): ComposedForm | undefined {
    return this.composed.get(formId);
  }

  /** Validates report data against a form. Errors carry the JSON Pointer of the field. */
  validate(formId: string, data: unknown): Issue[] {
    const validate = this.validators.get(formId);
    if (!validate) return [{ code: 'unknown-form', pointer: '', message: `form "${formId}" is not available` }];
    if (validate(data)) return [];
    // an `if` that held and a `then` that failed: the `then`'s own errors say what is wrong (the
    // failed `then` also leaves its field "unevaluated", which is not a second problem)
    const issues = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(reportIssue);
    const stray = (i: Issue) => i.code === 'unknown-field' && issues.some((o) => o !== i && o.code !== 'unknown-field' && (o.pointer === i.pointer || o.pointer.startsWith(`${i.pointer}/`)));
    return issues.filter((i) => !stray(i));
  }
}

function reportIssue(error: ErrorObject): Issue {
  const pointer = error.instancePath;
  switch (error.keyword) {
    case 'required': {
      const field = (error.params as { missingProperty: string }).missingProperty;
      return { code: 'required', pointer: `${pointer}/${field}`, message: `"${field}" is required` };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
      const field = params.additionalProperty ?? params.unevaluatedProperty ?? '';
      return { code: 'unknown-field', pointer: `${pointer}/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: `"${field}" is not a field of this form` };
    }
    default:
      return { code: error.keyword, pointer, message: `${pointer ? `"${pointer.slice(1).replace(/\//g, '.')}" ` : ''}${error.message ?? 'is not valid'}` };
  }
}
