/**
 * A config form ⇄ the builder's `FormModel`. Fields come in display order (`ui:order`, then the
 * schema's order). A field shown only when another has a value is written the JSON Schema way
 * that rjsf and the engine's ajv both apply: one `allOf` entry per such field,
 * `{ if: { properties: { A: { const: v } }, required: ["A"] }, then: { properties: { B: … }, required: ["B"] } }`
 * (without `properties` in `if` for "A has any value"), so B is asked, and required, only then.
 */
import type { Form } from '../../../../engine/index';
import { readField, writeField } from './field-codec';
import type { Field, FormModel, ShowWhen } from './field-types';
import { isRecord, sameJson, without, type JsonObject } from './json-shapes';

interface Conditional {
  key: string;
  schema: unknown;
  required: boolean;
  showWhen: ShowWhen;
}

/** A builder condition read from one `allOf` entry, or null when the entry is something else. */
function readConditional(entry: unknown): Conditional | null {
  if (!isRecord(entry) || Object.keys(entry).length !== 2 || !isRecord(entry.if) || !isRecord(entry.then)) return null;
  const { if: test, then } = entry;
  if (!Array.isArray(test.required) || test.required.length !== 1 || typeof test.required[0] !== 'string') return null;
  const field = test.required[0];
  let showWhen: ShowWhen = { field };
  if (Object.keys(test).length === 2) {
    const tested = isRecord(test.properties) ? test.properties[field] : undefined;
    if (!isRecord(test.properties) || Object.keys(test.properties).length !== 1 || !isRecord(tested) || Object.keys(tested).length !== 1) return null;
    const value = tested.const;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
    showWhen = { field, equals: value };
  } else if (Object.keys(test).length !== 1) return null;
  if (!isRecord(then.properties) || Object.keys(then.properties).length !== 1) return null;
  const [key] = Object.keys(then.properties);
  const required = then.required;
  const extra = Object.keys(then).filter((k) => k !== 'properties' && k !== 'required');
  if (extra.length > 0 || (required !== undefined && !sameJson(required, [key]))) return null;
  return { key, schema: then.properties[key], required: required !== undefined, showWhen };
}

function writeConditional(key: string, schema: unknown, required: boolean, showWhen: ShowWhen): JsonObject {
  const test: JsonObject = showWhen.equals === undefined ? { required: [showWhen.field] } : { properties: { [showWhen.field]: { const: showWhen.equals } }, required: [showWhen.field] };
  return { if: test, then: { properties: { [key]: schema }, ...(required ? { required: [key] } : {}) } };
}

/** Reads a config form into the builder's model. */
export function formToModel(form: Form): FormModel {
  const schema = (isRecord(form.schema) ? form.schema : {}) as JsonObject;
  const ui = (isRecord(form.uiSchema) ? form.uiSchema : {}) as JsonObject;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  const conditionals = new Map<string, Conditional>();
  const allOfRest: unknown[] = [];
  for (const entry of allOf) {
    const c = readConditional(entry);
    if (c && !Object.hasOwn(properties, c.key) && !conditionals.has(c.key)) conditionals.set(c.key, c);
    else allOfRest.push(entry);
  }
  const keys = [...Object.keys(properties), ...conditionals.keys()];
  const uiOrder = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string') : null;
  const ordered = uiOrder ? [...new Set([...uiOrder.filter((k) => keys.includes(k)), ...keys])] : keys;
  const fields = ordered.map((key): Field => {
    const c = conditionals.get(key);
    return c ? readField(key, c.schema, ui[key], c.required, c.showWhen) : readField(key, properties[key], ui[key], required.includes(key));
  });
  return {
    id: form.id,
    name: { ...form.name },
    ...(form.include ? { include: [...form.include] } : {}),
    schemaHead: without(schema, ['properties', 'required', 'allOf']),
    uiHead: Object.fromEntries(Object.entries(ui).filter(([k]) => k.startsWith('ui:') && k !== 'ui:order')),
    uiRest: Object.fromEntries(Object.entries(ui).filter(([k]) => !k.startsWith('ui:') && !keys.includes(k))),
    order: uiOrder ? { star: uiOrder.at(-1) === '*' } : null,
    requiredOrder: required,
    hadRequired: Array.isArray(schema.required),
    hadUiSchema: form.uiSchema !== undefined,
    allOfRest,
    fields,
  };
}

/** Writes the model back as a config form: JSON Schema, uiSchema (and `allOf` for conditional fields). */
export function modelToForm(model: FormModel): Form {
  const properties: JsonObject = {};
  const conditionals: JsonObject[] = [];
  const fieldUi: JsonObject = {};
  for (const field of model.fields) {
    const { schema, ui } = writeField(field);
    if (ui !== undefined) fieldUi[field.key] = ui;
    if (field.showWhen) conditionals.push(writeConditional(field.key, schema, field.required, field.showWhen));
    else properties[field.key] = schema;
  }
  const topRequired = model.fields.filter((f) => f.required && !f.showWhen).map((f) => f.key);
  const required = [...model.requiredOrder.filter((k) => topRequired.includes(k)), ...topRequired.filter((k) => !model.requiredOrder.includes(k))];
  const allOf = [...model.allOfRest, ...conditionals];
  const schema = {
    ...model.schemaHead,
    properties,
    ...(required.length > 0 || model.hadRequired ? { required } : {}),
    ...(allOf.length > 0 ? { allOf } : {}),
  } as Form['schema'];
  const uiSchema: JsonObject = {
    ...(model.order ? { 'ui:order': [...model.fields.map((f) => f.key), ...(model.order.star ? ['*'] : [])] } : {}),
    ...model.uiHead,
    ...fieldUi,
    ...model.uiRest,
  };
  return {
    id: model.id,
    name: model.name,
    ...(model.include ? { include: model.include } : {}),
    schema,
    ...(Object.keys(uiSchema).length > 0 || model.hadUiSchema ? { uiSchema } : {}),
  };
}

/** Whether the builder reads and writes this form without changing it (else it offers the JSON only). */
export function roundTrips(form: Form): boolean {
  return sameJson(modelToForm(formToModel(form)), form);
}
