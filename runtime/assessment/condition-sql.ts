/**
 * A custom indicator's condition (engine: a json-rules-engine condition over category,
 * majorCategory, level, source, township, grid and tags, checked at compile) as a SQL boolean
 * over the columns of an assessment item, with named replacements — the same meaning the engine's
 * `eventMatches` gives it: an absent township or grid equals no value and differs from every one,
 * an empty `any` holds. Values never become SQL text; column names come from a closed table.
 */
import type { CompiledConfig, ConditionNode, FactCondition } from '../../engine/index';
import type { Dialect } from '../db/open-database';

/** Named replacements, filled as the SQL is written. */
export type Replacements = Record<string, unknown>;

const COLUMN: Record<string, string> = { category: 'i.category', level: 'i.level', source: 'i.source', township: "COALESCE(i.township, '')", grid: "COALESCE(i.grid, '')" };

interface Writer {
  dialect: Dialect;
  compiled: CompiledConfig;
  replacements: Replacements;
  prefix: string;
  next: number;
}

function param(w: Writer, value: unknown): string {
  const name = `${w.prefix}${w.next++}`;
  w.replacements[name] = value;
  return `:${name}`;
}

const list = (value: FactCondition['value']) => (Array.isArray(value) ? value : [value]);

/** The minor categories of the major categories listed. */
function minorsOf(compiled: CompiledConfig, majors: readonly unknown[]): string[] {
  return compiled.config.categories.filter((m) => majors.includes(m.code)).flatMap((m) => m.children.map((c) => c.code));
}

function membership(w: Writer, column: string, values: readonly unknown[], negate: boolean): string {
  if (values.length === 0) return negate ? '1 = 1' : '1 = 0';
  return `${column} ${negate ? 'NOT IN' : 'IN'} (${param(w, [...values])})`;
}

function leafSql(w: Writer, leaf: FactCondition): string {
  if (leaf.fact === 'tags') {
    const found = `${w.dialect === 'postgres' ? 'strpos' : 'instr'}(i.tags, ${param(w, JSON.stringify(String(leaf.value)))}) > 0`;
    return leaf.operator === 'doesNotContain' ? `NOT (${found})` : found;
  }
  if (leaf.fact === 'majorCategory') {
    const majors = list(leaf.value);
    return membership(w, 'i.category', minorsOf(w.compiled, majors), leaf.operator === 'notEqual' || leaf.operator === 'notIn');
  }
  const column = COLUMN[leaf.fact];
  if (!column) throw new Error(`assessment condition reads unknown fact "${leaf.fact}"`);
  switch (leaf.operator) {
    case 'equal':
      return `${column} = ${param(w, leaf.value)}`;
    case 'notEqual':
      return `${column} <> ${param(w, leaf.value)}`;
    case 'in':
      return membership(w, column, list(leaf.value), false);
    case 'notIn':
      return membership(w, column, list(leaf.value), true);
    case 'lessThan':
      return `${column} < ${param(w, leaf.value)}`;
    case 'lessThanInclusive':
      return `${column} <= ${param(w, leaf.value)}`;
    case 'greaterThan':
      return `${column} > ${param(w, leaf.value)}`;
    case 'greaterThanInclusive':
      return `${column} >= ${param(w, leaf.value)}`;
    case 'contains':
    case 'doesNotContain':
      throw new Error(`"${leaf.operator}" applies to tags only`);
    default: {
      const never: never = leaf.operator;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

function nodeSql(w: Writer, node: ConditionNode): string {
  if ('all' in node) return node.all.length === 0 ? '1 = 1' : `(${node.all.map((n) => nodeSql(w, n)).join(' AND ')})`;
  if ('any' in node) return node.any.length === 0 ? '1 = 1' : `(${node.any.map((n) => nodeSql(w, n)).join(' OR ')})`;
  if ('not' in node) return `NOT (${nodeSql(w, node.not)})`;
  return leafSql(w, node);
}

/**
 * `condition` as SQL over an item aliased `i`, its values added to `replacements` under names
 * starting with `prefix`; `1 = 1` without a condition.
 */
export function conditionSql(opts: { condition: ConditionNode | undefined; dialect: Dialect; compiled: CompiledConfig; replacements: Replacements; prefix: string }): string {
  if (!opts.condition) return '1 = 1';
  return nodeSql({ dialect: opts.dialect, compiled: opts.compiled, replacements: opts.replacements, prefix: opts.prefix, next: 0 }, opts.condition);
}
