/**
 * What kind of value a fact holds, read from the report form's JSON Schema (a field) or from the
 * config (a derived fact), and whether a condition's operator and value can ever mean what they
 * say with it. A yes/no field compared with "是", a choice field with a value outside its
 * options, a number field with a text, `contains` on something that is not a list: each of these
 * compiles in json-rules-engine and silently never fires. compile refuses them, naming the rule
 * and the condition (see checkConditionTypes); the studio's decision tables offer only values
 * that pass (the same FactType).
 */
import type { Operator } from '../schema/constants';
import { WORDS, renderMessage, type MessageKey, type MessageParams } from '../config/messages';

type Scalar = string | number | boolean | null;

export type FactType =
  | { kind: 'boolean' }
  | { kind: 'choice'; options: readonly Scalar[] }
  | { kind: 'multi'; options?: readonly Scalar[] }
  | { kind: 'text' }
  | { kind: 'number'; integer: boolean; minimum?: number; maximum?: number }
  /** An object, or a schema this check does not read: anything goes. */
  | { kind: 'other' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The options of an `enum` or a `oneOf`/`anyOf` of `const`s, when the schema lists them. */
function optionsOf(schema: Record<string, unknown>): Scalar[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum as Scalar[];
  const list = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (list && list.length > 0 && list.every((o) => isRecord(o) && 'const' in o)) return list.map((o) => (o as { const: Scalar }).const);
  return undefined;
}

/** The kind of a form field, from its JSON Schema property. */
export function fieldType(schema: unknown): FactType {
  if (!isRecord(schema)) return { kind: 'other' };
  const options = optionsOf(schema);
  switch (schema.type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
    case 'number':
      return options
        ? { kind: 'choice', options }
        : { kind: 'number', integer: schema.type === 'integer', ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}), ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}) };
    case 'string':
      return options ? { kind: 'choice', options } : { kind: 'text' };
    case 'array': {
      const items = isRecord(schema.items) ? optionsOf(schema.items) : undefined;
      return items ? { kind: 'multi', options: items } : { kind: 'multi' };
    }
    default:
      return options ? { kind: 'choice', options } : { kind: 'other' };
  }
}

const OPERATORS_OF: Record<Exclude<FactType['kind'], 'other'>, readonly Operator[]> = {
  boolean: ['equal', 'notEqual', 'in', 'notIn'],
  choice: ['equal', 'notEqual', 'in', 'notIn'],
  text: ['equal', 'notEqual', 'in', 'notIn'],
  number: ['equal', 'notEqual', 'in', 'notIn', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'],
  multi: ['contains', 'doesNotContain'],
};

/** The operators that can mean something with a fact of this type. */
export function operatorsFor(type: FactType): readonly Operator[] | null {
  return type.kind === 'other' ? null : OPERATORS_OF[type.kind];
}

const show = (v: unknown) => JSON.stringify(v);

/** Why one literal cannot be a value of this type (a message key and its parameters), or null when it can. */
function literalProblem(fact: string, type: FactType, value: unknown): { key: MessageKey; params: MessageParams } | null {
  if (value === null) return null; // compares with an absent answer, meaningful for every kind
  switch (type.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : { key: 'value-type.boolean', params: { fact, value: show(value) } };
    case 'choice':
    case 'multi':
      if (!type.options) return null;
      return type.options.includes(value as Scalar) ? null : { key: 'value-type.option', params: { fact, value: show(value), options: type.options.map(show).join(', ') } };
    case 'text':
      return typeof value === 'string' ? null : { key: 'value-type.text', params: { fact, value: show(value) } };
    case 'number':
      return typeof value === 'number' ? null : { key: 'value-type.number', params: { fact, value: show(value) } };
    default:
      return null;
  }
}

/** What is wrong with a condition: its operator, or a value (in English; `key` and `params` say it in Chinese too). */
export interface ConditionTypeProblem {
  code: 'operator-type' | 'value-type';
  message: string;
  key: MessageKey;
  params: MessageParams;
}

const said = (key: MessageKey, params: MessageParams) => ({ key, params, message: renderMessage(key, params, 'en') });

/**
 * Why `fact operator value` can never mean what it says for a fact of this type, or null.
 * (No check with a `path`: it reads inside an object the schema does not describe here.)
 */
export function conditionTypeProblem(fact: string, type: FactType, operator: Operator, value: unknown): ConditionTypeProblem | null {
  const allowed = operatorsFor(type);
  if (!allowed) return null;
  if (!allowed.includes(operator)) {
    return { code: 'operator-type', ...said('operator-type', { operator, fact, kind: WORDS[type.kind], allowed: allowed.join(', ') }) };
  }
  const values = operator === 'in' || operator === 'notIn' ? (Array.isArray(value) ? value : []) : [value];
  for (const v of values) {
    const found = literalProblem(fact, type, v);
    if (found) return { code: 'value-type', ...said(found.key, found.params) };
  }
  return null;
}
