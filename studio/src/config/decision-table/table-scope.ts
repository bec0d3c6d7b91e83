/**
 * Which table a rule belongs to: its scope (every event, a major category, a minor category) and
 * its decision type. Every readable rule sits in exactly one table.
 */
import { DECISION_TYPES, type DecisionType, type Rule } from '../../../../engine/index';

export type TableScope = { kind: 'all' } | { kind: 'major'; code: string } | { kind: 'category'; code: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `all`, `major:<code>` or `category:<code>`: a scope as one string (for selects and URLs). */
export function scopeKey(scope: TableScope): string {
  return scope.kind === 'all' ? 'all' : `${scope.kind}:${scope.code}`;
}

export function parseScopeKey(key: string | null | undefined): TableScope | null {
  if (key === 'all') return { kind: 'all' };
  const match = /^(major|category):(.+)$/.exec(key ?? '');
  if (!match) return null;
  return { kind: match[1] as 'major' | 'category', code: match[2] };
}

/** The scope a rule states, or null when it is not one the tables can read. */
export function scopeOfRule(rule: unknown): TableScope | null {
  if (!isRecord(rule)) return null;
  const scope = rule.scope;
  if (scope === undefined) return { kind: 'all' };
  if (!isRecord(scope)) return null;
  const keys = Object.keys(scope);
  if (keys.length !== 1) return null;
  if (typeof scope.category === 'string') return { kind: 'category', code: scope.category };
  if (typeof scope.major === 'string') return { kind: 'major', code: scope.major };
  return null;
}

/** The rule's `scope` property for a table scope (absent for every event). */
export function ruleScope(scope: TableScope): Pick<Rule, 'scope'> {
  if (scope.kind === 'all') return {};
  return { scope: scope.kind === 'major' ? { major: scope.code } : { category: scope.code } };
}

export function sameScope(a: TableScope, b: TableScope): boolean {
  return scopeKey(a) === scopeKey(b);
}

/** The decision type of a rule, or null when its event is not one the tables can read. */
export function typeOfRule(rule: unknown): DecisionType | null {
  if (!isRecord(rule) || !isRecord(rule.event) || !isRecord(rule.event.params)) return null;
  const type = rule.event.type;
  return typeof type === 'string' && (DECISION_TYPES as readonly string[]).includes(type) ? (type as DecisionType) : null;
}

/** Whether a rule has what every table row needs: an id, a name, a priority, a readable scope and event. */
export function readableRule(rule: unknown): rule is Rule {
  if (!isRecord(rule)) return false;
  return typeof rule.id === 'string' && isRecord(rule.name) && typeof rule.priority === 'number' && scopeOfRule(rule) !== null && typeOfRule(rule) !== null && isRecord(rule.conditions);
}
