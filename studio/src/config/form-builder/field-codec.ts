/**
 * One field's JSON Schema and uiSchema ⇄ the builder's `Field`. Reading recognises the kind from
 * the schema's shape, takes what the builder edits and keeps every other key verbatim; a field
 * that does not come back exactly as it was read is kept whole as kind "other", so no form is
 * changed by being opened in the builder.
 */
import type { Bilingual, ChoiceOption, Field, FieldKind } from './field-types';
import { defined, isBilingual, isFiniteNumber, isRecord, sameJson, without, type JsonObject } from './json-shapes';

/** A photo field's items: uploaded attachment references (`att:<uuid>`), or a link for a file kept elsewhere, as the base form's 现场照片 field. */
const PHOTO_ITEMS = { type: 'string', pattern: '^(att:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|https?://[^\\s]+)$', maxLength: 2000 } as const;

export interface FieldJson {
  schema: JsonObject;
  ui: JsonObject | undefined;
}

const TEXT_KINDS: readonly FieldKind[] = ['text', 'textarea', 'phone', 'email', 'place'];
const NUMBER_KINDS: readonly FieldKind[] = ['integer', 'number'];

function detectKind(s: JsonObject, u: JsonObject): FieldKind {
  const widget = u['ui:widget'];
  const options = isRecord(u['ui:options']) ? u['ui:options'] : {};
  switch (s.type) {
    case 'string':
      if (Array.isArray(s.oneOf) || Array.isArray(s.enum)) return 'choice';
      if (s.format === 'date') return 'date';
      if (s.format === 'date-time') return 'datetime';
      if (s.format === 'email') return 'email';
      if (s.format !== undefined) return 'other';
      if (widget === 'grid') return 'place';
      if (widget === 'textarea') return 'textarea';
      if (options.inputType === 'tel') return 'phone';
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'yesno';
    case 'array': {
      const items = isRecord(s.items) ? s.items : {};
      if (items.type === 'string' && (Array.isArray(items.oneOf) || Array.isArray(items.enum))) return 'multi';
      if (items.type === 'string' && items.format === 'uri' && Object.keys(items).length === 2) return 'photos';
      if (sameJson(items, PHOTO_ITEMS)) return 'photos';
      return 'other';
    }
    default:
      return 'other';
  }
}

/** Options from `oneOf` titled constants or `enum` + `ui:enumNames`; null when they are not simple strings. */
function readOptions(s: JsonObject, u: JsonObject): { options: ChoiceOption[]; encoding: 'oneOf' | 'enum' } | null {
  if (Array.isArray(s.oneOf)) {
    const labels = Array.isArray(u.oneOf) ? u.oneOf : [];
    const options: ChoiceOption[] = [];
    for (const [i, entry] of s.oneOf.entries()) {
      if (!isRecord(entry) || typeof entry.const !== 'string' || (entry.title !== undefined && typeof entry.title !== 'string')) return null;
      const label = isRecord(labels[i]) && isBilingual(labels[i]['ui:title']) ? (labels[i]['ui:title'] as Bilingual) : undefined;
      options.push({ value: entry.const, zh: (entry.title as string | undefined) ?? label?.zh ?? '', en: label?.en ?? '' });
    }
    return { options, encoding: 'oneOf' };
  }
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) {
    const names = Array.isArray(u['ui:enumNames']) ? u['ui:enumNames'] : [];
    return { options: (s.enum as string[]).map((value, i) => ({ value, zh: isBilingual(names[i]) ? names[i].zh : '', en: isBilingual(names[i]) ? names[i].en : '' })), encoding: 'enum' };
  }
  return null;
}

function writeOptions(options: readonly ChoiceOption[], encoding: 'oneOf' | 'enum'): { schema: JsonObject; ui: JsonObject } {
  const labelled = options.some((o) => o.en !== '' || (encoding === 'enum' && o.zh !== ''));
  if (encoding === 'enum') return { schema: { enum: options.map((o) => o.value) }, ui: labelled ? { 'ui:enumNames': options.map((o) => ({ zh: o.zh, en: o.en })) } : {} };
  return {
    schema: { oneOf: options.map((o) => ({ const: o.value, title: o.zh || o.value })) },
    ui: labelled ? { oneOf: options.map((o) => ({ 'ui:title': { zh: o.zh || o.value, en: o.en } })) } : {},
  };
}

const UNIT_ZH = /^(.+)（([^（）]+)）$/;
const UNIT_EN = /^(.+) \(([^()]+)\)$/;

function withUnit(title: Bilingual, unit: Bilingual | undefined): Bilingual {
  if (!unit) return title;
  return { zh: unit.zh ? `${title.zh}（${unit.zh}）` : title.zh, en: unit.en ? `${title.en} (${unit.en})` : title.en };
}

/** Reads one property of a form. `required` and `showWhen` come from the form around it. */
export function readField(key: string, schema: unknown, ui: unknown, required: boolean, showWhen?: Field['showWhen']): Field {
  const s = isRecord(schema) ? schema : {};
  const u = isRecord(ui) ? ui : {};
  const other: Field = { key, kind: 'other', title: { zh: typeof s.title === 'string' ? s.title : '', en: '' }, required, showWhen, extraSchema: {}, extraUi: {}, schema: s, ui: isRecord(ui) ? ui : undefined };
  if (!isRecord(schema)) return other;
  const kind = detectKind(s, u);
  if (kind === 'other') return other;

  const takenSchema = ['type', 'title', 'default'];
  const takenUi: string[] = [];
  const field: Field = { key, kind, title: { zh: typeof s.title === 'string' ? s.title : '', en: '' }, required, showWhen, extraSchema: {}, extraUi: {} };
  if (s.default !== undefined) field.default = s.default;
  if (isBilingual(u['ui:title'])) (field.title = { ...u['ui:title'] }), takenUi.push('ui:title');
  if (isBilingual(u['ui:help'])) (field.help = { ...u['ui:help'] }), takenUi.push('ui:help');
  if (isBilingual(u['ui:placeholder'])) (field.placeholder = { ...u['ui:placeholder'] }), takenUi.push('ui:placeholder');
  const options = isRecord(u['ui:options']) ? { ...u['ui:options'] } : undefined;
  const take = (name: string, ok: (v: unknown) => boolean, set: (v: never) => void) => {
    if (s[name] !== undefined && ok(s[name])) (set(s[name] as never), takenSchema.push(name));
  };

  if (TEXT_KINDS.includes(kind)) {
    take('minLength', isFiniteNumber, (v) => (field.minLength = v));
    take('maxLength', isFiniteNumber, (v) => (field.maxLength = v));
    take('pattern', (v) => typeof v === 'string', (v) => (field.pattern = v));
  }
  if (kind === 'email' || kind === 'date' || kind === 'datetime') takenSchema.push('format');
  if (NUMBER_KINDS.includes(kind)) {
    take('minimum', isFiniteNumber, (v) => (field.minimum = v));
    take('maximum', isFiniteNumber, (v) => (field.maximum = v));
    const zh = UNIT_ZH.exec(field.title.zh);
    const en = UNIT_EN.exec(field.title.en);
    if (zh && en) (field.unit = { zh: zh[2], en: en[2] }), (field.title = { zh: zh[1], en: en[1] });
  }
  if (kind === 'textarea') {
    takenUi.push('ui:widget');
    if (options && isFiniteNumber(options.rows)) (field.rows = options.rows), delete options.rows;
  }
  if (kind === 'phone' && options) delete options.inputType;
  if (kind === 'place') takenUi.push('ui:widget');
  if (kind === 'yesno' && (u['ui:widget'] === 'radio' || u['ui:widget'] === 'select')) (field.display = u['ui:widget']), takenUi.push('ui:widget');
  if (kind === 'yesno' && !field.display) field.display = 'checkbox';
  if (kind === 'choice') {
    const read = readOptions(s, u);
    if (!read) return other;
    Object.assign(field, read);
    takenSchema.push(read.encoding);
    takenUi.push(read.encoding === 'oneOf' ? 'oneOf' : 'ui:enumNames');
    field.display = u['ui:widget'] === 'radio' ? 'radio' : 'select';
    if (field.display === 'radio') takenUi.push('ui:widget');
  }
  if (kind === 'multi') {
    const items = s.items as JsonObject;
    const itemsUi = isRecord(u.items) ? u.items : {};
    const read = readOptions(items, itemsUi);
    if (!read || Object.keys(items).length !== 2 || Object.keys(itemsUi).some((k) => k !== read.encoding && k !== 'oneOf' && k !== 'ui:enumNames')) return other;
    Object.assign(field, read);
    takenSchema.push('items', 'uniqueItems');
    if (u.items !== undefined) takenUi.push('items');
    field.display = u['ui:widget'] === 'checkboxes' ? 'checkboxes' : 'select';
    if (field.display === 'checkboxes') takenUi.push('ui:widget');
  }
  if (kind === 'photos') takenSchema.push('items');
  if (kind === 'multi' || kind === 'photos') {
    take('minItems', isFiniteNumber, (v) => (field.minItems = v));
    take('maxItems', isFiniteNumber, (v) => (field.maxItems = v));
  }
  field.extraSchema = without(s, takenSchema);
  field.extraUi = without(u, [...takenUi, 'ui:options']);
  if (options && Object.keys(options).length > 0) field.extraUi['ui:options'] = options;
  const written = writeField(field);
  if (!sameJson(written.schema, s) || !sameJson(written.ui ?? {}, u)) return other;
  field.original = { schema: s, ui: isRecord(ui) ? ui : undefined };
  return field;
}

/** Writes one field back as its JSON Schema and uiSchema (ui undefined when there is nothing to say). */
export function writeField(field: Field): FieldJson {
  if (field.kind === 'other') return { schema: field.schema ?? {}, ui: field.ui };
  const title = NUMBER_KINDS.includes(field.kind) ? withUnit(field.title, field.unit) : field.title;
  const schema: JsonObject = { type: schemaType(field.kind), ...(title.zh ? { title: title.zh } : {}) };
  const ui: JsonObject = {};
  if (title.en) ui['ui:title'] = { zh: title.zh, en: title.en };
  let optionsUi: JsonObject = {};
  const uiOptions: JsonObject = isRecord(field.extraUi['ui:options']) ? { ...field.extraUi['ui:options'] } : {};
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'phone':
    case 'email':
    case 'place':
      if (field.kind === 'email') schema.format = 'email';
      Object.assign(schema, defined({ minLength: field.minLength, maxLength: field.maxLength, pattern: field.pattern }));
      if (field.kind === 'textarea') (ui['ui:widget'] = 'textarea'), field.rows !== undefined && (uiOptions.rows = field.rows);
      if (field.kind === 'phone') uiOptions.inputType = 'tel';
      if (field.kind === 'place') ui['ui:widget'] = 'grid';
      break;
    case 'date':
    case 'datetime':
      schema.format = field.kind === 'date' ? 'date' : 'date-time';
      break;
    case 'integer':
    case 'number':
      Object.assign(schema, defined({ minimum: field.minimum, maximum: field.maximum }));
      break;
    case 'yesno':
      if (field.display === 'radio' || field.display === 'select') ui['ui:widget'] = field.display;
      break;
    case 'choice': {
      const written = writeOptions(field.options ?? [], field.encoding ?? 'oneOf');
      Object.assign(schema, written.schema);
      if (field.display === 'radio') ui['ui:widget'] = 'radio';
      optionsUi = written.ui;
      break;
    }
    case 'multi': {
      const written = writeOptions(field.options ?? [], field.encoding ?? 'oneOf');
      Object.assign(schema, { items: { type: 'string', ...written.schema }, uniqueItems: true }, defined({ minItems: field.minItems, maxItems: field.maxItems }));
      if (field.display === 'checkboxes') ui['ui:widget'] = 'checkboxes';
      if (Object.keys(written.ui).length > 0) optionsUi = { items: written.ui };
      break;
    }
    case 'photos':
      Object.assign(schema, { items: { ...PHOTO_ITEMS } }, defined({ minItems: field.minItems, maxItems: field.maxItems }));
      break;
    default:
      throw new Error(`unknown field kind ${String(field.kind satisfies never)}`);
  }
  if (field.default !== undefined) schema.default = field.default;
  Object.assign(schema, field.extraSchema);
  if (field.placeholder && (field.placeholder.zh || field.placeholder.en)) ui['ui:placeholder'] = field.placeholder;
  if (field.help && (field.help.zh || field.help.en)) ui['ui:help'] = field.help;
  if (Object.keys(uiOptions).length > 0) ui['ui:options'] = uiOptions;
  Object.assign(ui, optionsUi, without(field.extraUi, ['ui:options']));
  const result: FieldJson = { schema, ui: Object.keys(ui).length > 0 || field.original?.ui ? ui : undefined };
  // unchanged since read: the very objects read, so their key order stays
  if (field.original && sameJson(result.schema, field.original.schema) && sameJson(result.ui ?? {}, field.original.ui ?? {})) return field.original;
  return result;
}

function schemaType(kind: Exclude<FieldKind, 'other'>): string {
  switch (kind) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'yesno':
      return 'boolean';
    case 'multi':
    case 'photos':
      return 'array';
    default:
      return 'string';
  }
}
