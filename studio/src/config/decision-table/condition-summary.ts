/** A condition tree in one line of words, for a nested row's summary: `(A = x or B ≥ 3) and not C`. */
const SYMBOL: Record<string, string> = {
  equal: '=',
  notEqual: '≠',
  in: '∈',
  notIn: '∉',
  contains: '∋',
  doesNotContain: '∌',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SummaryWords {
  and: string;
  or: string;
  not: string;
  /** The name of a fact (with a path: `location.grid`). */
  fact: (fact: string) => string;
  /** A value as people read it (an option's label, yes/no). */
  value: (fact: string, value: unknown) => string;
}

export function summarizeConditions(node: unknown, words: SummaryWords, top = true): string {
  if (!isRecord(node)) return JSON.stringify(node);
  const group = (list: unknown, joiner: string) => {
    if (!Array.isArray(list)) return JSON.stringify(list);
    const text = list.map((n) => summarizeConditions(n, words, false)).join(` ${joiner} `);
    return top || list.length < 2 ? text : `(${text})`;
  };
  if (Array.isArray(node.all) || Object.hasOwn(node, 'all')) return group(node.all, words.and) || '✓';
  if (Object.hasOwn(node, 'any')) return group(node.any, words.or) || '✓';
  if (Object.hasOwn(node, 'not')) return `${words.not} ${summarizeConditions(node.not, words, false)}`;
  const fact = typeof node.fact === 'string' ? node.fact : '?';
  const path = typeof node.path === 'string' ? node.path.slice(1) : '';
  const value = Array.isArray(node.value) ? `{${node.value.map((v) => words.value(fact, v)).join(', ')}}` : words.value(fact, node.value);
  return `${words.fact(fact)}${path} ${SYMBOL[String(node.operator)] ?? String(node.operator)} ${value}`;
}
