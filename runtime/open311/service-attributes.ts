/**
 * The Open311 attributes of a service (a minor category), derived from its report form: every
 * field that no standard Open311 parameter carries becomes an attribute, with its datatype mapped
 * from the field's JSON Schema. Plus `grid`, the one base field citizens' apps supply as an
 * attribute (or as `address_id`): it decides which township and platform handle the report. In a
 * county with boundaries it is optional, as `lat`/`long` place the report in its grid.
 *
 * Pure: a compiled config in, attribute specs out (cached per compiled config).
 */
import type { CompiledConfig } from '../../engine/index';
import { inLocale, type Locale } from './locale';

/** Base fields that standard Open311 parameters fill (lat/long/address_*, description, phone, names, media_url). */
export const STANDARD_FIELDS: ReadonlySet<string> = new Set(['reporterName', 'reporterPhone', 'location', 'description', 'attachments']);

/** The attribute code of the grid (the form's `location.grid`). */
export const GRID_ATTRIBUTE = 'grid';

export interface ListValue {
  key: string;
  name: string;
  /** The value the form stores for this key (a number for numeric enums). */
  value: string | number | boolean;
}

/** How an attribute's text becomes a form value. */
export type AttributeKind =
  | { type: 'grid'; values: ListValue[] }
  | { type: 'string'; maxLength?: number; format?: string }
  | { type: 'text'; maxLength?: number }
  | { type: 'number'; integer: boolean; minimum?: number; maximum?: number }
  | { type: 'datetime' }
  | { type: 'boolean'; values: ListValue[] }
  | { type: 'single'; values: ListValue[] }
  | { type: 'multi'; values: ListValue[] };

export interface AttributeSpec {
  code: string;
  kind: AttributeKind;
  /** Required from the client: required by the form and without a default. */
  required: boolean;
  /** The form's default, filled in when the attribute is not sent (as the form UI pre-fills it). */
  default?: unknown;
  /** The field's title in the asked language, shown to the citizen (a definition's `description`). */
  title: string;
}

export type Open311Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** An attribute as a service definition lists it. */
export type ServiceAttributeView = {
  variable: boolean;
  code: string;
  datatype: Open311Datatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: Array<{ key: string; name: string }>;
};

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const LITERAL = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The values of an `enum` or of a `oneOf`/`anyOf` of `const`s, or null when the schema is not a list. */
function listValues(schema: Schema, ui: Schema | undefined, locale: Locale): ListValue[] | null {
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every(LITERAL)) {
    const names = Array.isArray(ui?.['ui:enumNames']) ? (ui['ui:enumNames'] as unknown[]) : [];
    return schema.enum.map((v, i) => ({ key: String(v), name: labelOf(names[i], locale) ?? String(v), value: v }));
  }
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : null;
  if (branches && branches.length > 0 && branches.every((b) => isObject(b) && LITERAL(b.const))) {
    // uiSchema may give bilingual option titles as oneOf[i]['ui:title'] = {zh, en}
    const uiBranches = Array.isArray(ui?.oneOf) ? (ui.oneOf as unknown[]) : [];
    return (branches as Schema[]).map((b, i) => ({
      key: String(b.const),
      name: labelOf(isObject(uiBranches[i]) ? uiBranches[i]['ui:title'] : undefined, locale) ?? (typeof b.title === 'string' ? b.title : String(b.const)),
      value: b.const as string | number | boolean,
    }));
  }
  return null;
}

/** A display name given as a plain string or as {zh, en}. */
function labelOf(value: unknown, locale: Locale): string | null {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.zh === 'string' && typeof value.en === 'string') return inLocale(value as { zh: string; en: string }, locale);
  return null;
}

/**
 * A field's title in `locale`: the uiSchema's `ui:title` (forms give it as {zh, en}), else the
 * schema's `title` (Chinese only, as the form's authors write it), else `fallback`. The schema
 * title alone would leave an English service definition with Chinese attribute descriptions.
 */
export function fieldTitle(opts: { schema: Schema; ui: Schema | undefined; locale: Locale; fallback: string }): string {
  return labelOf(opts.ui?.['ui:title'], opts.locale) ?? (typeof opts.schema.title === 'string' ? opts.schema.title : opts.fallback);
}

const BOOLEAN_NAMES: Record<Locale, [string, string]> = { zh: ['是', '否'], en: ['Yes', 'No'] };

/** The attribute kind of a form field, or null for shapes Open311 cannot carry (objects, free arrays). */
export function attributeKindOf(schema: Schema, ui: Schema | undefined, locale: Locale): AttributeKind | null {
  if (schema.type === 'boolean') {
    const [yes, no] = BOOLEAN_NAMES[locale];
    return { type: 'boolean', values: [{ key: 'true', name: yes, value: true }, { key: 'false', name: no, value: false }] };
  }
  const list = listValues(schema, ui, locale);
  if (list) return { type: 'single', values: list };
  if (schema.type === 'array') {
    const items = isObject(schema.items) ? schema.items : null;
    const values = items ? listValues(items, isObject(ui?.items) ? ui.items : undefined, locale) : null;
    return values ? { type: 'multi', values } : null;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return {
      type: 'number',
      integer: schema.type === 'integer',
      ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}),
      ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}),
    };
  }
  if (schema.type === 'string') {
    if (schema.format === 'date-time') return { type: 'datetime' };
    const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
    if ((maxLength !== undefined && maxLength > 200) || ui?.['ui:widget'] === 'textarea') return { type: 'text', ...(maxLength !== undefined ? { maxLength } : {}) };
    return { type: 'string', ...(maxLength !== undefined ? { maxLength } : {}), ...(typeof schema.format === 'string' ? { format: schema.format } : {}) };
  }
  return null;
}

function gridValues(compiled: CompiledConfig, locale: Locale): ListValue[] {
  return compiled.config.units.filter((u) => u.kind === 'grid').map((u) => ({ key: u.id, name: inLocale(u.name, locale), value: u.id }));
}

/** The fields of a category's form that become attributes, own fields first, in the form's display order. */
function attributeFields(compiled: CompiledConfig, formId: string, properties: Schema, composedOrder: readonly string[]): string[] {
  const own = compiled.config.forms.find((f) => f.id === formId);
  const ownOrder = Array.isArray(own?.uiSchema?.['ui:order']) ? (own.uiSchema['ui:order'] as string[]) : [];
  const ownFields = Object.keys(own?.schema.properties ?? {});
  const ranked = [
    ...ownOrder.filter((f) => ownFields.includes(f)),
    ...ownFields,
    ...composedOrder,
    ...Object.keys(properties),
  ];
  return [...new Set(ranked)].filter((f) => f in properties && !STANDARD_FIELDS.has(f) && f !== GRID_ATTRIBUTE);
}

const cache = new WeakMap<CompiledConfig, Map<string, AttributeSpec[] | null>>();

/**
 * The attributes of service `code` in `locale`, in display order (grid first), or null when the
 * config has no such category.
 * @example
 * serviceAttributes(compiled, 'env-noise', 'zh')!.map((a) => a.code) // ['grid', 'noiseSource', 'decibel', …, 'occurredAt']
 */
export function serviceAttributes(compiled: CompiledConfig, code: string, locale: Locale): AttributeSpec[] | null {
  let byKey = cache.get(compiled);
  if (!byKey) cache.set(compiled, (byKey = new Map()));
  const key = `${code}\u0000${locale}`;
  if (byKey.has(key)) return byKey.get(key)!;
  const index = compiled.category(code);
  const form = index ? compiled.forms.get(index.minor.form) : undefined;
  let specs: AttributeSpec[] | null = null;
  if (index && form) {
    const properties = (form.schema.properties ?? {}) as Schema;
    const required = new Set(Array.isArray(form.schema.required) ? (form.schema.required as string[]) : []);
    const ui = form.uiSchema;
    const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : [];
    const location = isObject(properties.location) ? properties.location : {};
    const gridSchema = isObject(location.properties) && isObject(location.properties.grid) ? location.properties.grid : {};
    const locationUi = isObject(ui.location) ? ui.location : undefined;
    const gridTitle = fieldTitle({ schema: gridSchema, ui: isObject(locationUi?.grid) ? locationUi.grid : undefined, locale, fallback: locale === 'zh' ? '所属网格' : 'Grid' });
    // with boundaries, lat/long say the grid: the attribute is then for clients that know it
    specs = [{ code: GRID_ATTRIBUTE, kind: { type: 'grid', values: gridValues(compiled, locale) }, required: compiled.gridLocator === null, title: gridTitle }];
    for (const field of attributeFields(compiled, index.minor.form, properties, order)) {
      const schema = properties[field];
      if (!isObject(schema)) continue;
      const fieldUi = isObject(ui[field]) ? ui[field] : undefined;
      const kind = attributeKindOf(schema, fieldUi, locale);
      if (!kind) continue;
      const title = fieldTitle({ schema, ui: fieldUi, locale, fallback: field });
      specs.push({ code: field, kind, required: required.has(field) && schema.default === undefined, ...(schema.default !== undefined ? { default: schema.default } : {}), title });
    }
  }
  byKey.set(key, specs);
  return specs;
}

function datatypeOf(kind: AttributeKind): Open311Datatype {
  switch (kind.type) {
    case 'grid':
    case 'boolean':
    case 'single':
      return 'singlevaluelist';
    case 'multi':
      return 'multivaluelist';
    case 'string':
      return 'string';
    case 'text':
      return 'text';
    case 'number':
      return 'number';
    case 'datetime':
      return 'datetime';
    default: {
      const never: never = kind;
      throw new Error(`unknown attribute kind ${JSON.stringify(never)}`);
    }
  }
}

function range(min: number | undefined, max: number | undefined, locale: Locale): string {
  if (min === undefined && max === undefined) return '';
  if (min !== undefined && max !== undefined) return locale === 'zh' ? `，${min}–${max}` : `, ${min}–${max}`;
  if (min !== undefined) return locale === 'zh' ? `，不小于 ${min}` : `, at least ${min}`;
  return locale === 'zh' ? `，不大于 ${max}` : `, at most ${max}`;
}

function datatypeDescription(spec: AttributeSpec, locale: Locale): string {
  const zh = locale === 'zh';
  const { kind } = spec;
  switch (kind.type) {
    case 'grid':
      if (!spec.required) return zh ? '事发地所在网格的编号（从取值中选一个 key），也可改用 address_id 传网格编号；发送了 lat 和 long 时可不填，按本县网格边界定位' : 'the id of the grid where it happened (one key from values), or as address_id; not needed with lat and long, which the county\'s grid boundaries place';
      return zh ? '事发地所在网格的编号（从取值中选一个 key）；也可改用 address_id 传网格编号' : 'the id of the grid where it happened (one key from values); may be sent as address_id instead';
    case 'boolean':
      return zh ? 'true 表示是，false 表示否' : 'true for yes, false for no';
    case 'single':
      return zh ? '从取值中选一个 key' : 'one key from values';
    case 'multi':
      return zh ? `从取值中选一个或多个 key，每个值一个 attribute[${spec.code}][] 参数` : `one or more keys from values, each as its own attribute[${spec.code}][] parameter`;
    case 'number':
      return (kind.integer ? (zh ? '整数' : 'a whole number') : zh ? '数字' : 'a number') + range(kind.minimum, kind.maximum, locale);
    case 'datetime':
      return zh ? '日期时间，W3C 格式并带时区，如 2026-06-18T10:00:00+08:00' : 'a W3C datetime with a zone offset, e.g. 2026-06-18T10:00:00+08:00';
    case 'string': {
      const what = kind.format === 'date' ? (zh ? '日期，格式 YYYY-MM-DD' : 'a date, YYYY-MM-DD') : kind.format === 'email' ? (zh ? '电子邮箱地址' : 'an email address') : zh ? '单行文本' : 'one line of text';
      return kind.maxLength === undefined ? what : zh ? `${what}，最多 ${kind.maxLength} 字` : `${what}, at most ${kind.maxLength} characters`;
    }
    case 'text':
      return kind.maxLength === undefined ? (zh ? '多行文本' : 'text, may span lines') : zh ? `多行文本，最多 ${kind.maxLength} 字` : `text, may span lines, at most ${kind.maxLength} characters`;
    default: {
      const never: never = kind;
      throw new Error(`unknown attribute kind ${JSON.stringify(never)}`);
    }
  }
}

function defaultNote(spec: AttributeSpec, locale: Locale): string {
  if (spec.default === undefined) return '';
  const value = Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default);
  return locale === 'zh' ? `；不填则为 ${value}` : `; ${value} when not sent`;
}

/** The attributes as `GET services/{code}` lists them, ordered 1..n. */
export function attributeViews(specs: readonly AttributeSpec[], locale: Locale): ServiceAttributeView[] {
  return specs.map((spec, i) => {
    const { kind } = spec;
    const values = kind.type === 'grid' || kind.type === 'boolean' || kind.type === 'single' || kind.type === 'multi' ? kind.values.map((v) => ({ key: v.key, name: v.name })) : undefined;
    return {
      variable: true,
      code: spec.code,
      datatype: datatypeOf(kind),
      required: spec.required,
      datatype_description: datatypeDescription(spec, locale) + defaultNote(spec, locale),
      order: i + 1,
      description: spec.title,
      ...(values ? { values } : {}),
    };
  });
}
