/**
 * The decision table of one scope and one decision type: its rules as rows in the order the
 * engine ranks them (priority, highest first; on a tie the higher level for grade, then the
 * earlier rule in the config — decide.ts `winnerOf`), the facts their conditions test as
 * columns, the decision's parameters as output columns.
 *
 * A row fits the table when its conditions are one flat `all` of plain leaves (no path, no
 * priority) with at most one condition per fact, or two forming a range (a lower and an upper
 * bound). Other rows are `nested`: shown as a summary and opened in the condition builder, or,
 * when the builder cannot carry them either, `json`.
 */
import type { DecisionType, FactCondition, I18nText, Rule } from '../../../../engine/index';
import { toQuery } from './condition-query';
import { readableRule, sameScope, scopeOfRule, typeOfRule, type TableScope } from './table-scope';

export type RowShape = 'table' | 'nested' | 'json';

export interface TableRow {
  ruleId: string;
  /** Position in the config's rule list. */
  index: number;
  rule: Rule;
  name: I18nText;
  priority: number;
  shape: RowShape;
  /** The leaves of a `table` row in their order in the rule (empty for the others). */
  leaves: FactCondition[];
  /** For a `table` row: the leaves testing each fact (one, or two for a range). */
  cells: Record<string, FactCondition[]>;
  /** For a `json` row: why the builder cannot show it. */
  reason?: string;
}

export interface DecisionTable {
  scope: TableScope;
  type: DecisionType;
  rows: TableRow[];
  /** The facts tested by the table's rows, in order of first appearance, then the added ones. */
  columns: string[];
  outputs: readonly OutputKey[];
}

export const OUTPUTS = {
  grade: ['level'],
  route: ['target', 'assist', 'dispatcher'],
  sla: ['policy'],
  escalate: ['target', 'reason'],
  tag: ['tags'],
  notify: ['to', 'channels', 'message'],
} as const satisfies Record<DecisionType, readonly string[]>;
export type OutputKey = (typeof OUTPUTS)[DecisionType][number];

const LOWER = new Set(['greaterThan', 'greaterThanInclusive']);
const UPPER = new Set(['lessThan', 'lessThanInclusive']);
const LEAF_KEYS = new Set(['fact', 'operator', 'value']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function plainLeaf(node: unknown): node is FactCondition {
  return isRecord(node) && Object.keys(node).every((k) => LEAF_KEYS.has(k)) && typeof node.fact === 'string' && typeof node.operator === 'string' && Object.hasOwn(node, 'value');
}

/** Two leaves of one fact that a cell can show: a lower and an upper bound. */
export function isRange(leaves: readonly FactCondition[]): boolean {
  if (leaves.length !== 2) return false;
  const [a, b] = leaves;
  return typeof a.value === 'number' && typeof b.value === 'number' && ((LOWER.has(a.operator) && UPPER.has(b.operator)) || (UPPER.has(a.operator) && LOWER.has(b.operator)));
}

/** The cells of a rule whose conditions fit a row, or null. */
export function cellsOf(conditions: unknown): { leaves: FactCondition[]; cells: Record<string, FactCondition[]> } | null {
  if (!isRecord(conditions) || Object.keys(conditions).length !== 1 || !Array.isArray(conditions.all)) return null;
  const leaves = conditions.all;
  if (!leaves.every(plainLeaf)) return null;
  const cells: Record<string, FactCondition[]> = {};
  for (const leaf of leaves) (cells[leaf.fact] ??= []).push(leaf);
  for (const list of Object.values(cells)) if (list.length > 1 && !isRange(list)) return null;
  return { leaves, cells };
}

const levelOf = (rule: Rule) => (rule.event.type === 'grade' ? rule.event.params.level : 0);

/** Engine order: priority high to low; ties by level for grade, then config order. */
export function engineOrder(a: { rule: Rule; index: number }, b: { rule: Rule; index: number }): number {
  if (a.rule.priority !== b.rule.priority) return b.rule.priority - a.rule.priority;
  if (a.rule.event.type === 'grade') {
    const byLevel = levelOf(b.rule) - levelOf(a.rule);
    if (byLevel !== 0) return byLevel;
  }
  return a.index - b.index;
}

function rowOf(rule: Rule, index: number): TableRow {
  const base = { ruleId: rule.id, index, rule, name: rule.name, priority: rule.priority };
  const fit = cellsOf(rule.conditions);
  if (fit) return { ...base, shape: 'table', ...fit };
  const query = toQuery(rule.conditions);
  return { ...base, shape: query.ok ? 'nested' : 'json', leaves: [], cells: {}, ...(query.ok ? {} : { reason: query.reason }) };
}

/** The rules of a scope and type as a table; `extraColumns` are facts added with no condition yet. */
export function buildTable(rules: readonly unknown[], scope: TableScope, type: DecisionType, extraColumns: readonly string[] = []): DecisionTable {
  const members: Array<{ rule: Rule; index: number }> = [];
  rules.forEach((rule, index) => {
    if (!readableRule(rule) || typeOfRule(rule) !== type) return;
    const own = scopeOfRule(rule);
    if (own && sameScope(own, scope)) members.push({ rule, index });
  });
  const rows = members.sort(engineOrder).map(({ rule, index }) => rowOf(rule, index));
  const columns: string[] = [];
  for (const row of rows) for (const leaf of row.leaves) if (!columns.includes(leaf.fact)) columns.push(leaf.fact);
  for (const fact of extraColumns) if (!columns.includes(fact)) columns.push(fact);
  return { scope, type, rows, columns, outputs: OUTPUTS[type] };
}

/** A table with one more (empty) fact column: a column exists in the rules only once a cell is set. */
export function addColumn(table: DecisionTable, fact: string): DecisionTable {
  return table.columns.includes(fact) ? table : { ...table, columns: [...table.columns, fact] };
}

/** Rules no table can show (no id, name or priority, an unreadable scope or event), with their positions. */
export function unreadableRules(rules: readonly unknown[]): Array<{ index: number; rule: unknown }> {
  return rules.flatMap((rule, index) => (readableRule(rule) ? [] : [{ index, rule }]));
}

/**
 * The rule a row stands for, rebuilt from the row: the conditions from its leaves (a `table`
 * row) or as they are, the event from its type and outputs — with the original's key order.
 */
export function ruleOfRow(row: TableRow): Rule {
  const { rule } = row;
  const conditions = row.shape === 'table' ? { all: row.leaves.map((l) => ({ fact: l.fact, operator: l.operator, value: l.value })) } : rule.conditions;
  const params: Record<string, unknown> = {};
  for (const key of OUTPUTS[rule.event.type] as readonly string[]) {
    const value = (rule.event.params as Record<string, unknown>)[key];
    if (value !== undefined) params[key] = value;
  }
  const rebuilt: Record<string, unknown> = {};
  for (const key of Object.keys(rule)) {
    if (key === 'conditions') rebuilt.conditions = conditions;
    else if (key === 'event') rebuilt.event = { type: rule.event.type, params };
    else if (key === 'name') rebuilt.name = row.name;
    else if (key === 'priority') rebuilt.priority = row.priority;
    else rebuilt[key] = rule[key as keyof Rule];
  }
  return rebuilt as unknown as Rule;
}
