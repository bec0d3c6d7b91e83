/**
 * Conditions of the rule language, with json-rules-engine's semantics reproduced exactly:
 * its default operators (including their fact-value validators), `all`/`any`/`not` (an empty
 * list is true for both `all` and `any`, as there), undefined facts allowed, and a `path` into
 * an object fact read as its JSONPath reads it (a non-object fact value is returned as it is, as
 * there). Whatever does not fit this subset is refused by {@link checkCondition}, never read
 * differently. The conformance suite (test/engine/conformance) holds this file to stock
 * json-rules-engine, and the differential test holds whole decisions to it.
 */
import { OPERATORS, type ConditionNode, type FactCondition, type Operator } from '../schema/constants';
import type { ConditionTrace, Issue } from '../types';
import { FACT_NAME_PATTERN, isInheritedName } from '../schema/names';
import { problem, type MessageKey, type MessageParams } from '../config/messages';

export type Facts = Record<string, unknown>;
export type Predicate = (facts: Facts) => boolean;

const PATH_PATTERN = /^\$(\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,4}$/;
export const MAX_CONDITION_DEPTH = 12;
export const MAX_CONDITION_NODES = 400;
/** Conditions in one `all` or `any` list, as the config schema states. */
export const MAX_CONDITION_LIST = 64;
/** Values in an `in`/`notIn` list, as the config schema states. */
export const MAX_VALUE_LIST = 500;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The restricted path resolver: `$.a.b` as json-rules-engine's JSONPath reads it — each step an
 * own property of a truthy object or string (so `$.name.length` is a string's length, an empty
 * string has none) — with no filters, no scripts.
 */
export function resolvePath(value: unknown, path: string): unknown {
  return resolveSegments(value, path.slice(2).split('.'));
}

function resolveSegments(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (!current || (typeof current !== 'object' && typeof current !== 'string') || !hasOwn.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function numeric(value: unknown): boolean {
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

type OperatorFn = (a: unknown, b: unknown) => boolean;
const OPERATOR_FNS: Record<Operator, OperatorFn> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => numeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => numeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => numeric(a) && (a as number) >= (b as number),
};

function factValue(facts: Facts, leaf: FactCondition): unknown {
  const value = facts[leaf.fact];
  if (leaf.path && value !== null && typeof value === 'object') return resolvePath(value, leaf.path);
  return value;
}

/** Compiles a condition tree into a plain closure (no `new Function`, so it runs under a strict CSP). */
export function compileCondition(node: ConditionNode): Predicate {
  if ('all' in node) {
    const parts = node.all.map(compileCondition);
    if (parts.length === 1) return parts[0];
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in node) {
    const parts = node.any.map(compileCondition);
    if (parts.length === 0) return () => true;
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in node) {
    const inner = compileCondition(node.not);
    return (facts) => !inner(facts);
  }
  const op = OPERATOR_FNS[node.operator];
  const { fact, value } = node;
  if (node.path) {
    const segments = node.path.slice(2).split('.');
    return (facts) => {
      const v = facts[fact];
      return op(v !== null && typeof v === 'object' ? resolveSegments(v, segments) : v, value);
    };
  }
  return (facts) => op(facts[fact], value);
}

/** Evaluates with a trace of every leaf evaluated (for explanations; not the hot path). */
export function traceCondition(node: ConditionNode, facts: Facts, out: ConditionTrace[]): boolean {
  if ('all' in node) {
    let result = true;
    for (const part of node.all) if (!traceCondition(part, facts, out)) result = false;
    return result;
  }
  if ('any' in node) {
    if (node.any.length === 0) return true;
    let result = false;
    for (const part of node.any) if (traceCondition(part, facts, out)) result = true;
    return result;
  }
  if ('not' in node) return !traceCondition(node.not, facts, out);
  const value = factValue(facts, node);
  const result = OPERATOR_FNS[node.operator](value, node.value);
  out.push({ fact: node.fact, ...(node.path ? { path: node.path } : {}), operator: node.operator, value: node.value, factValue: value, result });
  return result;
}

/** Every fact a condition reads. */
export function factsRead(node: ConditionNode, out = new Set<string>()): Set<string> {
  if ('all' in node) node.all.forEach((n) => factsRead(n, out));
  else if ('any' in node) node.any.forEach((n) => factsRead(n, out));
  else if ('not' in node) factsRead(node.not, out);
  else out.add(node.fact);
  return out;
}

const BOOLEAN_KEYS = ['all', 'any', 'not'] as const;
const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'path', 'priority']);
const SCALAR_TYPES = new Set(['string', 'number', 'boolean']);
const isScalar = (v: unknown) => v === null || SCALAR_TYPES.has(typeof v);

/** Why a fact may not be read somewhere: a message key of engine/config/messages.ts and its parameters. */
export interface FactProblem {
  key: MessageKey;
  params?: MessageParams;
}

/**
 * Checks the shape of a condition tree (what the schema's recursive definition says, with plain
 * messages), its depth and size, operators and value types. `checkFact` says why a fact may not
 * be read here, or null.
 */
export function checkCondition(node: unknown, pointer: string, checkFact: (fact: string) => FactProblem | null, issues: Issue[], depth = 0, budget = { nodes: 0 }): void {
  budget.nodes += 1;
  if (budget.nodes > MAX_CONDITION_NODES) {
    if (budget.nodes === MAX_CONDITION_NODES + 1) issues.push(problem('condition-too-large', pointer, { max: MAX_CONDITION_NODES }));
    return;
  }
  if (depth > MAX_CONDITION_DEPTH) {
    issues.push(problem('condition-too-deep', pointer, { max: MAX_CONDITION_DEPTH }));
    return;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    issues.push(problem('condition-shape', pointer));
    return;
  }
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  const booleanKeys = BOOLEAN_KEYS.filter((k) => hasOwn.call(record, k));
  if (booleanKeys.length > 0) {
    const [kind] = booleanKeys;
    for (const key of keys) if (key !== kind && key !== 'priority') issues.push(problem('unknown-key.beside', `${pointer}/${key}`, { key, kind }));
    if (record.priority !== undefined && !Number.isInteger(record.priority)) issues.push(problem('schema.priority', `${pointer}/priority`));
    if (kind === 'not') return checkCondition(record.not, `${pointer}/not`, checkFact, issues, depth + 1, budget);
    const list = record[kind];
    if (!Array.isArray(list)) {
      issues.push(problem('condition-shape.list', `${pointer}/${kind}`, { kind }));
      return;
    }
    if (list.length > MAX_CONDITION_LIST) issues.push(problem('too-many-items.conditions', `${pointer}/${kind}`, { kind, max: MAX_CONDITION_LIST, count: list.length }));
    list.forEach((child, i) => checkCondition(child, `${pointer}/${kind}/${i}`, checkFact, issues, depth + 1, budget));
    return;
  }
  for (const key of keys) if (!LEAF_KEYS.has(key)) issues.push(problem('unknown-key.condition', `${pointer}/${key}`, { key }));
  for (const key of ['fact', 'operator', 'value'] as const) if (!hasOwn.call(record, key)) issues.push(problem('required.condition', pointer, { key }));
  const { fact, operator, value, path } = record;
  if (typeof fact === 'string') {
    const found: FactProblem | null = !FACT_NAME_PATTERN.test(fact)
      ? { key: 'bad-name', params: { name: fact } }
      : isInheritedName(fact)
        ? { key: 'reserved-name', params: { name: fact, what: fact === 'prototype' ? 'prototype' : 'Object.prototype' } }
        : checkFact(fact);
    if (found) issues.push(problem(found.key, `${pointer}/fact`, found.params));
  } else if (fact !== undefined) issues.push(problem('schema.fact', `${pointer}/fact`));
  if (path !== undefined && (typeof path !== 'string' || !PATH_PATTERN.test(path))) {
    issues.push(problem('bad-path', `${pointer}/path`));
  }
  if (operator === undefined) return;
  if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) {
    issues.push(problem('unknown-operator', `${pointer}/operator`, { operator: JSON.stringify(operator), operators: OPERATORS.join(', ') }));
    return;
  }
  if (!hasOwn.call(record, 'value')) return;
  const valuePointer = `${pointer}/value`;
  if (operator === 'in' || operator === 'notIn') {
    if (!Array.isArray(value) || !value.every(isScalar)) issues.push(problem('bad-value.list', valuePointer, { operator }));
    else if (value.length > MAX_VALUE_LIST) issues.push(problem('too-many-items.values', valuePointer, { operator, max: MAX_VALUE_LIST, count: value.length }));
  } else if (operator.startsWith('less') || operator.startsWith('greater')) {
    if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(problem('bad-value.number', valuePointer, { operator }));
  } else if (!isScalar(value)) {
    issues.push(problem('bad-value.scalar', valuePointer, { operator }));
  }
}
