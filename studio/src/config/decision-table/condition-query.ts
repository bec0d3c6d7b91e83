/**
 * json-rules-engine conditions ⇄ react-querybuilder queries, both ways without loss, for the
 * condition builder that opens rules too nested for a table row.
 *
 * - `{all}` is a group with combinator `and`, `{any}` one with `or`.
 * - `{not: {all|any}}` is that group with `not: true`; `{not: <leaf or not>}` a `not` group
 *   holding the one condition, marked `meta.unwrap` (a leaf at the root is an unwrapped group
 *   too, without `not`), so it comes back as it was and not as `{not: {all: [leaf]}}`.
 * - A leaf is a rule: field = the fact, or `fact.a.b` for `{fact, path: "$.a.b"}` (fact names
 *   hold no dot, so the split is unambiguous); operator and value as they are.
 * - A node's `priority` travels in `meta.priority`.
 * Anything else — an unknown key, a leaf without a value, a list that is not a list — has no
 * query: {@link toQuery} says why, and the rule stays editable as JSON.
 */
import type { RuleGroupType, RuleType } from 'react-querybuilder';
import { OPERATORS, type ConditionNode, type FactCondition, type Scalar } from '../../../../engine/index';

export interface NodeMeta {
  unwrap?: true;
  priority?: number;
}
export type ConditionRule = RuleType<string, string, unknown> & { meta?: { priority?: number } };
export type ConditionQuery = RuleGroupType<ConditionRule> & { meta?: NodeMeta };

type ToQuery = { ok: true; query: ConditionQuery } | { ok: false; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCALAR = new Set(['string', 'number', 'boolean']);
const isScalar = (v: unknown): v is Scalar => v === null || SCALAR.has(typeof v);
const FACT = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,4}$/;

class NoQuery extends Error {}

function priorityMeta(node: Record<string, unknown>): { priority?: number } {
  if (node.priority === undefined) return {};
  if (!Number.isInteger(node.priority)) throw new NoQuery('a condition priority that is not an integer');
  return { priority: node.priority as number };
}

function leafToRule(node: Record<string, unknown>): ConditionRule {
  for (const key of Object.keys(node)) if (!['fact', 'operator', 'value', 'path', 'priority'].includes(key)) throw new NoQuery(`an unknown key "${key}" in a condition`);
  const { fact, operator, value, path } = node;
  if (typeof fact !== 'string' || !FACT.test(fact)) throw new NoQuery(`a fact name the builder cannot show (${JSON.stringify(fact)})`);
  if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) throw new NoQuery(`an unknown operator ${JSON.stringify(operator)}`);
  if (!Object.hasOwn(node, 'value') || !(isScalar(value) || (Array.isArray(value) && value.every(isScalar)))) throw new NoQuery('a condition without a plain value');
  if (path !== undefined && (typeof path !== 'string' || !PATH.test(path))) throw new NoQuery(`a path the builder cannot show (${JSON.stringify(path)})`);
  const meta = priorityMeta(node);
  return { field: path ? `${fact}${path.slice(1)}` : fact, operator, value, ...(meta.priority !== undefined ? { meta } : {}) };
}

function groupOf(node: Record<string, unknown>, extra: NodeMeta = {}, not = false): ConditionQuery {
  const kind = Object.hasOwn(node, 'all') ? 'all' : 'any';
  for (const key of Object.keys(node)) if (key !== kind && key !== 'priority') throw new NoQuery(`an unknown key "${key}" beside "${kind}"`);
  const list = node[kind];
  if (!Array.isArray(list)) throw new NoQuery(`"${kind}" that is not a list`);
  const meta: NodeMeta = { ...extra, ...priorityMeta(node) };
  return { combinator: kind === 'all' ? 'and' : 'or', ...(not ? { not: true } : {}), rules: list.map(toItem), ...(Object.keys(meta).length ? { meta } : {}) };
}

function toItem(node: unknown): ConditionRule | ConditionQuery {
  if (!isRecord(node)) throw new NoQuery('a condition that is not an object');
  if (Object.hasOwn(node, 'all') || Object.hasOwn(node, 'any')) return groupOf(node);
  if (Object.hasOwn(node, 'not')) return notGroup(node);
  return leafToRule(node);
}

function notGroup(node: Record<string, unknown>): ConditionQuery {
  for (const key of Object.keys(node)) if (key !== 'not' && key !== 'priority') throw new NoQuery(`an unknown key "${key}" beside "not"`);
  const inner = node.not;
  if (!isRecord(inner)) throw new NoQuery('"not" without a condition');
  const outer = priorityMeta(node);
  // {not: {all|any}} is the group negated, unless both carry a priority (one meta cannot hold two)
  if ((Object.hasOwn(inner, 'all') || Object.hasOwn(inner, 'any')) && outer.priority === undefined) return groupOf(inner, {}, true);
  return { combinator: 'and', not: true, rules: [toItem(inner)], meta: { unwrap: true, ...outer } };
}

/** The query of a condition tree, or why it has none. */
export function toQuery(conditions: unknown): ToQuery {
  try {
    if (!isRecord(conditions)) throw new NoQuery('conditions that are not an object');
    const item = toItem(conditions);
    const query: ConditionQuery = 'rules' in item ? item : { combinator: 'and', rules: [item], meta: { unwrap: true } };
    return { ok: true, query };
  } catch (e) {
    if (e instanceof NoQuery) return { ok: false, reason: e.message };
    throw e;
  }
}

function fromRule(rule: ConditionRule): FactCondition {
  const dot = rule.field.indexOf('.');
  const fact = dot < 0 ? rule.field : rule.field.slice(0, dot);
  const leaf: FactCondition = { fact, operator: rule.operator as FactCondition['operator'], value: rule.value as FactCondition['value'] };
  if (dot >= 0) leaf.path = `$${rule.field.slice(dot)}`;
  if (rule.meta?.priority !== undefined) leaf.priority = rule.meta.priority;
  return leaf;
}

function fromItem(item: ConditionRule | ConditionQuery): ConditionNode {
  return 'rules' in item ? fromQuery(item) : fromRule(item);
}

/** The condition tree of a query (the inverse of {@link toQuery}). */
export function fromQuery(query: ConditionQuery): ConditionNode {
  const priority = query.meta?.priority;
  const withPriority = <T extends object>(node: T): T => (priority === undefined ? node : { ...node, priority });
  if (query.meta?.unwrap && query.rules.length === 1) {
    const inner = fromItem(query.rules[0] as ConditionRule | ConditionQuery);
    return query.not ? withPriority({ not: inner }) : inner;
  }
  const list = query.rules.map((r) => fromItem(r as ConditionRule | ConditionQuery));
  const node: ConditionNode = query.combinator === 'or' ? { any: list } : { all: list };
  return query.not ? { not: withPriority(node) } : withPriority(node);
}
