/**
 * Edits of a form in the builder, as pure functions over its model: add, remove, move, change and
 * rename fields. Each returns a new model; a refused edit returns `{ ok: false, problem }` with a
 * code the UI words, never a half-done model.
 */
import { FIELD_KEY_PATTERN, GRID_PATTERN, PHONE_PATTERN, type Bilingual, type Field, type FieldKind, type FormModel } from './field-types';

export type EditResult = { ok: true; model: FormModel } | { ok: false; problem: KeyProblem };
export type KeyProblem = 'empty' | 'malformed' | 'taken' | 'unknown-field';

/** A new field of a kind, with the settings a county administrator most often wants. */
export function newField(kind: Exclude<FieldKind, 'other'>, key: string, title: Bilingual): Field {
  const base: Field = { key, kind, title, required: false, extraSchema: {}, extraUi: {} };
  switch (kind) {
    case 'text':
      return { ...base, maxLength: 200 };
    case 'textarea':
      return { ...base, maxLength: 2000, rows: 4 };
    case 'integer':
      return { ...base, minimum: 0, maximum: 100000 };
    case 'number':
      return { ...base, minimum: 0, maximum: 100000000 };
    case 'choice':
      return { ...base, options: starterOptions(), encoding: 'oneOf', display: 'radio' };
    case 'multi':
      return { ...base, options: starterOptions(), encoding: 'oneOf', display: 'checkboxes' };
    case 'yesno':
      return { ...base, default: false, display: 'radio' };
    case 'phone':
      return { ...base, pattern: PHONE_PATTERN };
    case 'email':
      return { ...base, maxLength: 100 };
    case 'photos':
      return { ...base, maxItems: 9, extraUi: { 'ui:options': { orderable: false } } };
    case 'place':
      return { ...base, pattern: GRID_PATTERN };
    case 'date':
    case 'datetime':
      return base;
    default:
      throw new Error(`unknown field kind ${String(kind satisfies never)}`);
  }
}

/** Two options to start from (a choice needs at least one to be a valid schema). */
const starterOptions = () => [
  { value: 'option1', zh: '选项 1', en: 'Option 1' },
  { value: 'option2', zh: '选项 2', en: 'Option 2' },
];

/** The first free key `prefix1`, `prefix2`, … not used by the form nor in `taken` (fields of included forms, derived facts). */
export function freeKey(model: FormModel, prefix: string, taken: readonly string[] = []): string {
  const used = new Set([...model.fields.map((f) => f.key), ...taken]);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Adds a field of `kind` at the end (or at `at`); its key is free (see `freeKey`). */
export function addField(model: FormModel, kind: Exclude<FieldKind, 'other'>, options: { title: Bilingual; taken?: readonly string[]; at?: number }): { model: FormModel; key: string } {
  const key = freeKey(model, kind === 'datetime' ? 'time' : kind, options.taken);
  const fields = [...model.fields];
  fields.splice(options.at ?? fields.length, 0, newField(kind, key, options.title));
  return { model: { ...model, fields }, key };
}

/** Removes a field; fields shown only when it had a value are then always shown. */
export function removeField(model: FormModel, key: string): FormModel {
  return {
    ...model,
    fields: model.fields.filter((f) => f.key !== key).map((f) => (f.showWhen?.field === key ? withoutShowWhen(f) : f)),
  };
}

function withoutShowWhen(field: Field): Field {
  const { showWhen: _dropped, ...rest } = field;
  return rest;
}

/** Moves the field at `from` to `to` (indexes in the field list); out-of-range indexes change nothing. */
export function moveField(model: FormModel, from: number, to: number): FormModel {
  if (from === to || from < 0 || to < 0 || from >= model.fields.length || to >= model.fields.length) return model;
  const fields = [...model.fields];
  const [moved] = fields.splice(from, 1);
  fields.splice(to, 0, moved);
  return { ...model, fields };
}

/**
 * Changes a field's settings (not its key: see `renameKey`). A change of kind starts from the new
 * kind's settings and keeps title, help, placeholder, required, conditional display and, between
 * single and multiple choice, the options.
 */
export function updateField(model: FormModel, key: string, patch: Partial<Omit<Field, 'key'>>): FormModel {
  return {
    ...model,
    fields: model.fields.map((f) => {
      if (f.key !== key) return f;
      if (patch.kind && patch.kind !== f.kind && patch.kind !== 'other') {
        const fresh = newField(patch.kind, key, f.title);
        const keepOptions = f.options && (patch.kind === 'choice' || patch.kind === 'multi') ? { options: f.options } : {};
        return dropUndefined({ ...fresh, help: f.help, placeholder: f.placeholder, required: f.required, showWhen: f.showWhen, ...keepOptions, ...patch });
      }
      return dropUndefined({ ...f, ...patch });
    }),
  };
}

function dropUndefined(field: Field): Field {
  return Object.fromEntries(Object.entries(field).filter(([, v]) => v !== undefined)) as unknown as Field;
}

/** What is wrong with `key` as a new key of a field of this form, or null. */
export function keyProblem(model: FormModel, key: string, taken: readonly string[] = []): KeyProblem | null {
  if (key === '') return 'empty';
  if (!FIELD_KEY_PATTERN.test(key)) return 'malformed';
  if (model.fields.some((f) => f.key === key) || taken.includes(key)) return 'taken';
  return null;
}

/** Renames a field's key, and the conditions that test it. */
export function renameKey(model: FormModel, from: string, to: string, taken: readonly string[] = []): EditResult {
  if (from === to) return { ok: true, model };
  if (!model.fields.some((f) => f.key === from)) return { ok: false, problem: 'unknown-field' };
  const problem = keyProblem(model, to, taken);
  if (problem) return { ok: false, problem };
  return {
    ok: true,
    model: {
      ...model,
      requiredOrder: model.requiredOrder.map((k) => (k === from ? to : k)),
      fields: model.fields.map((f) => {
        const renamed = f.key === from ? { ...f, key: to } : f;
        return renamed.showWhen?.field === from ? { ...renamed, showWhen: { ...renamed.showWhen, field: to } } : renamed;
      }),
    },
  };
}
