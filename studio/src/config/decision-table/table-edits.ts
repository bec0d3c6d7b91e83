/**
 * Edits of a decision table, each a pure function from the config's rules to new rules: the
 * draft stays the one source of truth and an untouched rule keeps its object (and key order).
 */
import type { DecisionType, FactCondition, I18nText, Rule } from '../../../../engine/index';
import { buildTable, cellsOf, isRange, type DecisionTable, type OutputKey } from './table-model';
import { ruleScope, type TableScope } from './table-scope';

export type CellCondition = Pick<FactCondition, 'operator' | 'value'>;
/** One condition, a range (two), or null to clear the cell. */
export type CellValue = CellCondition | readonly [CellCondition, CellCondition] | null;

export class TableEditError extends Error {
  constructor(
    readonly code: 'unknown-rule' | 'not-a-table-row' | 'bad-range' | 'id-taken' | 'bad-move',
    message: string,
  ) {
    super(message);
    this.name = 'TableEditError';
  }
}

function indexOfRule(rules: readonly unknown[], ruleId: string): number {
  const index = rules.findIndex((r) => (r as Rule | null)?.id === ruleId);
  if (index < 0) throw new TableEditError('unknown-rule', `no rule "${ruleId}"`);
  return index;
}

function replaceAt(rules: readonly unknown[], index: number, rule: unknown): unknown[] {
  return rules.map((r, i) => (i === index ? rule : r));
}

/**
 * Sets the condition(s) on `fact` of a table row: the fact's leaves are replaced where the first
 * one stood (a new fact's at the end), or removed for null.
 */
export function setCell(rules: readonly unknown[], ruleId: string, fact: string, cell: CellValue): unknown[] {
  const index = indexOfRule(rules, ruleId);
  const rule = rules[index] as Rule;
  const fit = cellsOf(rule.conditions);
  if (!fit) throw new TableEditError('not-a-table-row', `the conditions of "${ruleId}" do not fit a table row`);
  const next: FactCondition[] = cell === null ? [] : (Array.isArray(cell) ? (cell as readonly CellCondition[]) : [cell as CellCondition]).map((c) => ({ fact, operator: c.operator, value: c.value }));
  if (next.length === 2 && !isRange(next)) throw new TableEditError('bad-range', `two conditions on "${fact}" must be a lower and an upper bound`);
  const first = fit.leaves.findIndex((l) => l.fact === fact);
  const others = fit.leaves.filter((l) => l.fact !== fact);
  const at = first < 0 ? others.length : fit.leaves.slice(0, first).filter((l) => l.fact !== fact).length;
  const leaves = [...others.slice(0, at), ...next, ...others.slice(at)];
  return replaceAt(rules, index, { ...rule, conditions: { all: leaves } });
}

/** Replaces a rule's conditions (from the condition builder or the JSON editor). */
export function setConditions(rules: readonly unknown[], ruleId: string, conditions: unknown): unknown[] {
  const index = indexOfRule(rules, ruleId);
  return replaceAt(rules, index, { ...(rules[index] as Rule), conditions });
}

/** Sets one output of a rule's decision; `undefined` removes an optional one (e.g. assist). */
export function setOutput(rules: readonly unknown[], ruleId: string, key: OutputKey, value: unknown): unknown[] {
  const index = indexOfRule(rules, ruleId);
  const rule = rules[index] as Rule;
  const params: Record<string, unknown> = { ...(rule.event.params as Record<string, unknown>) };
  if (value === undefined) delete params[key];
  else params[key] = value;
  return replaceAt(rules, index, { ...rule, event: { ...rule.event, params } });
}

export function setName(rules: readonly unknown[], ruleId: string, name: I18nText): unknown[] {
  const index = indexOfRule(rules, ruleId);
  return replaceAt(rules, index, { ...(rules[index] as Rule), name });
}

/** An id not yet taken: `<type>-<n>`. */
export function newRuleId(rules: readonly unknown[], type: DecisionType): string {
  const taken = new Set(rules.map((r) => (r as Rule | null)?.id));
  let n = 1;
  while (taken.has(`${type}-${n}`)) n += 1;
  return `${type}-${n}`;
}

const MIN_PRIORITY = 1;
const MAX_PRIORITY = 1000;

/**
 * A new rule at the bottom of the table (a priority below its last row), placed in the config
 * after the table's last rule. Its conditions are empty (it always fires) until cells are set.
 */
export function addRow(rules: readonly unknown[], table: Pick<DecisionTable, 'scope' | 'type' | 'rows'>, rule: { id: string; name: I18nText; event: Rule['event'] }): unknown[] {
  if (rules.some((r) => (r as Rule | null)?.id === rule.id)) throw new TableEditError('id-taken', `a rule "${rule.id}" exists already`);
  const last = table.rows.at(-1);
  const priority = last ? Math.max(MIN_PRIORITY, last.priority - 10) : 100;
  const created = { id: rule.id, name: rule.name, priority, ...ruleScope(table.scope), conditions: { all: [] }, event: rule.event };
  const after = table.rows.length ? Math.max(...table.rows.map((r) => r.index)) + 1 : rules.length;
  return [...rules.slice(0, after), created, ...rules.slice(after)];
}

/** A copy of a rule right below it (same priority, next in the config, so the engine ranks it after). */
export function duplicateRow(rules: readonly unknown[], ruleId: string, copy: { id: string; name: I18nText }): unknown[] {
  if (rules.some((r) => (r as Rule | null)?.id === copy.id)) throw new TableEditError('id-taken', `a rule "${copy.id}" exists already`);
  const index = indexOfRule(rules, ruleId);
  const original = rules[index] as Rule;
  const created = { ...structuredClone(original), id: copy.id, name: copy.name };
  return [...rules.slice(0, index + 1), created, ...rules.slice(index + 1)];
}

export function deleteRow(rules: readonly unknown[], ruleId: string): unknown[] {
  const index = indexOfRule(rules, ruleId);
  return rules.filter((_, i) => i !== index);
}

const levelOf = (rule: Rule) => (rule.event.type === 'grade' ? rule.event.params.level : 0);

/**
 * Moves row `from` to position `to` of the table; priority follows the new order. The table's
 * rules keep the priority values they had (highest to the first row), lowered by one only where
 * an equal priority would not rank as the table now reads, and they take the table's slots in the
 * config in the new order (so ties break as shown). Rules outside the table keep their priority
 * and their place.
 */
export function moveRow(rules: readonly unknown[], table: Pick<DecisionTable, 'rows'>, from: number, to: number): unknown[] {
  const { rows } = table;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0 || from >= rows.length || to >= rows.length) {
    throw new TableEditError('bad-move', `cannot move row ${from} to ${to} of ${rows.length}`);
  }
  if (from === to) return [...rules];
  const order = rows.map((r) => r.rule);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  const values = rows.map((r) => r.priority).sort((a, b) => b - a);
  const priorities: number[] = [];
  order.forEach((rule, i) => {
    let p = values[i];
    const previous = order[i - 1];
    // an equal priority ranks after the previous row only by config order (and, for grade, a level not above it)
    if (i > 0 && p >= priorities[i - 1] && !(p === priorities[i - 1] && (rule.event.type !== 'grade' || levelOf(rule) <= levelOf(previous)))) p = priorities[i - 1] - 1;
    priorities.push(p);
  });
  // below the lowest priority there is no room: spread the table over 1..n instead
  const final = priorities.at(-1)! < MIN_PRIORITY ? order.map((_, i) => Math.min(MAX_PRIORITY, order.length - i)) : priorities;
  const slots = rows.map((r) => r.index).sort((a, b) => a - b);
  const next = [...rules];
  order.forEach((rule, i) => {
    next[slots[i]] = rule.priority === final[i] ? rule : { ...rule, priority: final[i] };
  });
  return next;
}

/** The table again after an edit (a convenience for callers holding scope, type and added columns). */
export function rebuild(rules: readonly unknown[], table: DecisionTable): DecisionTable {
  return buildTable(rules, table.scope, table.type, table.columns);
}

export type { TableScope };
