/**
 * The form builder's model of a form: an ordered list of fields, each of a kind a county
 * administrator recognises (short text, single choice, yes/no, ...), with what the builder edits
 * spelled out and everything else carried verbatim, so reading a form and writing it back loses
 * nothing.
 */

/** A label in Chinese and English (either may be empty while being typed). */
export interface Bilingual {
  zh: string;
  en: string;
}

export const FIELD_KINDS = [
  'text',
  'textarea',
  'integer',
  'number',
  'choice',
  'multi',
  'yesno',
  'date',
  'datetime',
  'phone',
  'email',
  'photos',
  'place',
  'other',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** The kinds a builder user can add (the "other" kind only comes from JSON the builder does not understand). */
export const PALETTE_KINDS = FIELD_KINDS.filter((k): k is Exclude<FieldKind, 'other'> => k !== 'other');

/** One option of a choice: the stored value and its labels. */
export interface ChoiceOption {
  value: string;
  zh: string;
  en: string;
}

/** A literal a condition compares with. */
export type ConditionValue = string | number | boolean;

/** Field B is shown (and validated) only when field `field` has a value, or has the value `equals`. */
export interface ShowWhen {
  field: string;
  equals?: ConditionValue;
}

/** How a choice is shown: radio buttons, a drop-down, one checkbox (yes/no), or checkboxes (multiple choice). */
export type Display = 'radio' | 'select' | 'checkbox' | 'checkboxes';

export interface Field {
  key: string;
  kind: FieldKind;
  title: Bilingual;
  help?: Bilingual;
  placeholder?: Bilingual;
  required: boolean;
  /** The default value; undefined for none. */
  default?: unknown;
  showWhen?: ShowWhen;
  /** integer / number */
  minimum?: number;
  maximum?: number;
  /** integer / number: written into the title as "金额（元）" / "Amount (CNY)", the catalog's convention. */
  unit?: Bilingual;
  /** text kinds */
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** long text: visible lines */
  rows?: number;
  /** choice / multi */
  options?: ChoiceOption[];
  /** how options are written: `oneOf` of titled constants (the default) or `enum` with `ui:enumNames` */
  encoding?: 'oneOf' | 'enum';
  display?: Display;
  /** multi / photos */
  minItems?: number;
  maxItems?: number;
  /** JSON Schema keys the builder does not edit, written back as they were */
  extraSchema: Record<string, unknown>;
  /** uiSchema keys the builder does not edit, written back as they were */
  extraUi: Record<string, unknown>;
  /** kind "other": the field's JSON Schema and uiSchema, untouched */
  schema?: Record<string, unknown>;
  ui?: Record<string, unknown>;
  /** what was read, written back as it was (key order too) while the field is unchanged */
  original?: { schema: Record<string, unknown>; ui: Record<string, unknown> | undefined };
}

export interface FormModel {
  id: string;
  name: Bilingual;
  include?: string[];
  /** schema keys besides properties / required / allOf (type, title, description), in order */
  schemaHead: Record<string, unknown>;
  /** uiSchema keys that are not about one field (ui:title, ...), in order, without ui:order */
  uiHead: Record<string, unknown>;
  /** uiSchema entries for keys that are not fields of this form, kept */
  uiRest: Record<string, unknown>;
  /** whether the form has a ui:order, and whether it ends with "*" */
  order: { star: boolean } | null;
  /** the order of `required` as read (kept for fields still required) */
  requiredOrder: string[];
  hadRequired: boolean;
  hadUiSchema: boolean;
  /** `allOf` entries that are not a builder condition, kept */
  allOfRest: unknown[];
  fields: Field[];
}

/** A field key the config schema accepts. */
export const FIELD_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** The pattern of a grid id, as the base form's `location.grid`. */
export const GRID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
/** Mobile numbers and landlines with an area code, as the base form's `reporterPhone`. */
export const PHONE_PATTERN = '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8}(-[0-9]{1,6})?)$';
