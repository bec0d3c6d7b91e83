/**
 * Rules that can never mean what they say. Errors: a condition whose operator or value does not
 * fit its fact's type (fact-types.ts), named by the rule's name and the condition's number.
 * Warnings: a rule that can never win because a rule of the same decision type, in the same or
 * a wider scope, wins before it whenever it fires (its conditions are weaker: a subset of the
 * shadowed rule's).
 */
import type { ConditionNode, FactCondition, Operator } from '../schema/constants';
import type { CountyConfig, Rule } from '../schema/config-schema';
import type { Issue } from '../types';
import type { FormRegistry } from '../forms/form-registry';
import { conditionTypeProblem, fieldType, type FactType } from '../rules/fact-types';
import type { UnitTree } from './unit-tree';
import { problem } from './messages';
import type { LevelDefinition } from '../schema/config-schema';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A rule as people name it: `rule "Straw burning to law enforcement" (r-straw-law)`. */
export function ruleLabel(rule: Rule): string {
  const name = rule.name?.en ?? rule.id;
  return `rule "${name}"${name === rule.id ? '' : ` (${rule.id})`}`;
}

/** A rule as people name it, in both languages: `规则「秸秆焚烧派执法」`. */
export function ruleLabels(rule: Rule): { zh: string; en: string } {
  return { en: ruleLabel(rule), zh: `规则「${rule.name?.zh ?? rule.id}」` };
}

/** Each leaf of a condition tree with its pointer and its number (1-based, in reading order). */
export function leavesOf(node: ConditionNode, pointer: string, out: Array<{ leaf: FactCondition; pointer: string; number: number }> = []): typeof out {
  if ('all' in node) node.all.forEach((n, i) => leavesOf(n, `${pointer}/all/${i}`, out));
  else if ('any' in node) node.any.forEach((n, i) => leavesOf(n, `${pointer}/any/${i}`, out));
  else if ('not' in node) leavesOf(node.not, `${pointer}/not`, out);
  else out.push({ leaf: node, pointer, number: out.length + 1 });
  return out;
}

/** The types a fact may have among some forms: one per form that has the field, or the derived fact's. */
export type FactTypesOf = (fact: string, scopeForms: readonly string[]) => FactType[];

/** The fact types of a config: fields from the forms' JSON Schemas, derived facts from the config. */
export function factTypes(config: CountyConfig, tree: UnitTree, forms: FormRegistry, levels: readonly LevelDefinition[]): FactTypesOf {
  const minors = config.categories.flatMap((m) => m.children.map((c) => c.code));
  const majors = config.categories.map((m) => m.code);
  const ids = (kind: string) => config.units.filter((u) => u.kind === kind).map((u) => u.id);
  const derived: Record<string, FactType> = {
    category: { kind: 'choice', options: minors },
    majorCategory: { kind: 'choice', options: majors },
    categoryPath: { kind: 'multi', options: [...majors, ...minors] },
    township: { kind: 'choice', options: tree.townships().map((u) => u.id) },
    village: { kind: 'choice', options: ids('village') },
    grid: { kind: 'choice', options: ids('grid') },
    source: { kind: 'text' },
    workingTime: { kind: 'boolean' },
    holiday: { kind: 'boolean' },
    hourOfDay: { kind: 'number', integer: true, minimum: 0, maximum: 23 },
    dayOfWeek: { kind: 'number', integer: true, minimum: 1, maximum: 7 },
    recentReports: { kind: 'number', integer: true, minimum: 0 },
    level: { kind: 'number', integer: true, minimum: 1, maximum: Math.max(1, ...levels.map((l) => l.level)) },
  };
  return (fact, scopeForms) => {
    if (Object.hasOwn(derived, fact)) return [derived[fact]];
    const types: FactType[] = [];
    for (const id of scopeForms) {
      const properties = forms.get(id)?.schema.properties as Record<string, unknown> | undefined;
      if (properties && Object.hasOwn(properties, fact)) types.push(fieldType(properties[fact]));
    }
    return types;
  };
}

/** The forms a rule's scope covers (none for a scope that names no category of the config). */
export function scopeForms(config: CountyConfig, rule: Rule): string[] {
  const minors = config.categories.flatMap((major) => major.children.map((minor) => ({ major: major.code, minor })));
  const scope = rule.scope;
  const inScope = !scope ? () => true : 'category' in scope ? (x: (typeof minors)[number]) => x.minor.code === scope.category : (x: (typeof minors)[number]) => x.major === scope.major;
  return [...new Set(minors.filter(inScope).map((x) => x.minor.form))];
}

/**
 * Errors for a well-formed rule's conditions whose operator or value cannot fit their fact (see
 * fact-types.ts); compile opens each with the rule's name and the condition's number.
 */
export function checkConditionTypes(rule: Rule, pointer: string, formsInScope: readonly string[], typesOf: FactTypesOf, issues: Issue[]): void {
  for (const { leaf, pointer: at, number } of leavesOf(rule.conditions, pointer)) {
    if (leaf.path !== undefined) continue;
    const types = typesOf(leaf.fact, formsInScope);
    if (types.length === 0) continue; // an unknown fact: reported by the fact check
    // in a wider scope the field may differ between forms: wrong only when it fits none of them
    const problems = types.map((type) => conditionTypeProblem(leaf.fact, type, leaf.operator as Operator, leaf.value));
    const [first] = problems;
    if (first && problems.every((p) => p !== null)) {
      issues.push(problem(first.key, `${at}/${first.code === 'operator-type' ? 'operator' : 'value'}`, first.params));
    }
  }
}

/** Whether scope `wide` covers every event of scope `narrow`. */
function covers(config: CountyConfig, wide: Rule['scope'], narrow: Rule['scope']): boolean {
  if (!wide) return true;
  if (!narrow) return false;
  if ('category' in wide) return 'category' in narrow && narrow.category === wide.category;
  if ('major' in narrow) return narrow.major === wide.major;
  const major = config.categories.find((m) => m.children.some((c) => c.code === narrow.category));
  return major?.code === wide.major;
}

/** The top-level conjuncts of a condition: an `all` list's items, or the condition alone. */
function conjuncts(node: ConditionNode): string[] {
  const parts = 'all' in node ? node.all : [node];
  return parts.map((p) => canonical(p));
}

/** JSON with keys sorted (so `{fact, operator, value}` in any key order compares equal), without priority. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (!isRecord(value)) return JSON.stringify(value);
  return `{${Object.keys(value).filter((k) => k !== 'priority').sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

/**
 * Warnings for rules that never win: rule B is shadowed by rule A of the same decision type when
 * A's scope covers B's, every condition A requires B requires too (so A fires whenever B does),
 * and A wins over B — a higher priority, or for types other than grade the same priority and an
 * earlier place in the config. Tags and notifications combine (every fired rule counts), so they
 * never shadow.
 */
export function checkShadowedRules(config: CountyConfig, issues: Issue[]): void {
  const rules = config.rules.map((rule, index) => ({ rule, index, conjuncts: new Set(conjuncts(rule.conditions)) })).filter((r) => r.rule.enabled !== false && r.rule.event.type !== 'tag' && r.rule.event.type !== 'notify');
  for (const b of rules) {
    for (const a of rules) {
      if (a === b || a.rule.event.type !== b.rule.event.type) continue;
      const wins = a.rule.priority > b.rule.priority || (a.rule.priority === b.rule.priority && a.rule.event.type !== 'grade' && a.index < b.index);
      if (!wins || !covers(config, a.rule.scope, b.rule.scope)) continue;
      if (![...a.conjuncts].every((c) => b.conjuncts.has(c))) continue;
      const scope = a.rule.scope;
      const wider = !scope ? { en: ', scope every event', zh: '，适用于所有事件' } : 'major' in scope ? { en: `, scope major ${scope.major}`, zh: `，适用于大类 ${scope.major}` } : '';
      issues.push({ ...problem('rule-shadowed', `/rules/${b.index}`, { other: ruleLabels(a.rule), priority: a.rule.priority, scope: wider }), severity: 'warning' });
      break;
    }
  }
}
