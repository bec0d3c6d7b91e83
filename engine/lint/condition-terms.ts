/**
 * A condition as a disjunction of terms (its disjunctive normal form): the condition holds when
 * every literal of some term holds. Lint reads conditions this way to tell whether they can hold
 * at all, for given facts, and together with another rule's.
 *
 * A term is judged on the facts a lint cell knows (category, township, level, the form's absent
 * fields) by evaluating those literals exactly as deciding does; the literals on the other facts
 * are checked for consistency per fact (equal to two constants, a range with nothing in it, a
 * value both required and excluded, a list both containing and not containing a value). A term
 * that passes may hold: "may fire". The check never says "cannot hold" of something that can.
 */
import type { ConditionNode, FactCondition } from '../schema/constants';
import { compileCondition, type Facts } from '../rules/condition';

export interface Literal {
  leaf: FactCondition;
  /** Under an odd number of `not`s. */
  negated: boolean;
  /** fact, or fact and path: literals with the same key read the same value. */
  key: string;
  holds: (facts: Facts) => boolean;
}

export type Term = readonly Literal[];

/** Terms beyond this many: the condition is read as "may hold" everywhere (null terms). */
export const MAX_TERMS = 512;

class TooManyTerms extends Error {}

function literalOf(leaf: FactCondition, negated: boolean): Literal {
  const predicate = compileCondition(leaf);
  return { leaf, negated, key: leaf.path ? `${leaf.fact}${leaf.path.slice(1)}` : leaf.fact, holds: negated ? (f) => !predicate(f) : predicate };
}

function product(lists: readonly (readonly Term[])[]): Term[] {
  let out: Term[] = [[]];
  for (const list of lists) {
    const next: Term[] = [];
    for (const a of out) for (const b of list) next.push([...a, ...b]);
    if (next.length > MAX_TERMS) throw new TooManyTerms();
    out = next;
  }
  return out;
}

function union(lists: readonly (readonly Term[])[]): Term[] {
  const out = lists.flat();
  if (out.length > MAX_TERMS) throw new TooManyTerms();
  return out;
}

function termsOf(node: ConditionNode, negated: boolean): Term[] {
  if ('all' in node) {
    const parts = node.all.map((n) => termsOf(n, negated));
    return negated ? union(parts) : product(parts);
  }
  if ('any' in node) {
    // an empty `any` is true, as in json-rules-engine
    if (node.any.length === 0) return negated ? [] : [[]];
    const parts = node.any.map((n) => termsOf(n, negated));
    return negated ? product(parts) : union(parts);
  }
  if ('not' in node) return termsOf(node.not, !negated);
  return [[literalOf(node, negated)]];
}

/** The terms of a condition, or null when it has more than {@link MAX_TERMS}. */
export function conditionTerms(node: ConditionNode): Term[] | null {
  try {
    return termsOf(node, false);
  } catch (error) {
    if (error instanceof TooManyTerms) return null;
    throw error;
  }
}

/** What may be known of a fact's values beforehand: the values it can take, its numeric range. */
export interface FactDomain {
  values?: readonly unknown[];
  minimum?: number;
  maximum?: number;
}

type Bound = { value: number; strict: boolean };

interface KeyConstraints {
  candidates: unknown[] | null;
  excluded: unknown[];
  numeric: Literal[];
  contains: unknown[];
  lacks: unknown[];
  lower: Bound | null;
  upper: Bound | null;
}

const NO_WITNESS = Symbol('none');

function narrow(bounds: KeyConstraints, literal: Literal): void {
  const { operator, value } = literal.leaf;
  const positive = !literal.negated;
  const list = Array.isArray(value) ? value : [value];
  const keep = (values: readonly unknown[]) => {
    bounds.candidates = bounds.candidates === null ? [...values] : bounds.candidates.filter((v) => values.includes(v));
  };
  switch (operator) {
    case 'equal':
    case 'in':
      if (positive) keep(list);
      else bounds.excluded.push(...list);
      return;
    case 'notEqual':
    case 'notIn':
      if (positive) bounds.excluded.push(...list);
      else keep(list);
      return;
    case 'contains':
      if (positive) bounds.contains.push(value);
      return;
    case 'doesNotContain':
      if (positive) bounds.lacks.push(value);
      return;
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive': {
      // a negated comparison also holds for a value that is no number: no bound
      if (!positive) return;
      bounds.numeric.push(literal);
      if (typeof value !== 'number') return;
      const strict = operator === 'lessThan' || operator === 'greaterThan';
      if (operator.startsWith('less')) {
        if (!bounds.upper || value < bounds.upper.value || (value === bounds.upper.value && strict)) bounds.upper = { value, strict };
      } else if (!bounds.lower || value > bounds.lower.value || (value === bounds.lower.value && strict)) bounds.lower = { value, strict };
      return;
    }
    default: {
      const never: never = operator;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

const passes = (literals: readonly Literal[], key: string, value: unknown) => literals.every((l) => l.holds({ [key]: value } as Facts));

/** A value of one fact that meets every literal on it, or NO_WITNESS when none can. */
function witnessOf(key: string, literals: readonly Literal[], domain: FactDomain | undefined): unknown {
  const c: KeyConstraints = { candidates: null, excluded: [], numeric: [], contains: [], lacks: [], lower: null, upper: null };
  for (const literal of literals) narrow(c, literal);
  if (domain?.minimum !== undefined && (!c.lower || domain.minimum > c.lower.value)) c.lower = { value: domain.minimum, strict: false };
  if (domain?.maximum !== undefined && (!c.upper || domain.maximum < c.upper.value)) c.upper = { value: domain.maximum, strict: false };
  if (c.contains.some((v) => c.lacks.includes(v))) return NO_WITNESS;
  const keyed = literals.map((l) => ({ ...l, holds: (f: Facts) => l.holds({ [l.leaf.fact]: f[key] } as Facts) }));
  const tries: unknown[] = [];
  if (c.candidates !== null || domain?.values) {
    tries.push(...(c.candidates ?? domain!.values!).filter((v) => !domain?.values || domain.values.includes(v)));
    const at = tries.findIndex((v) => passes(keyed, key, v));
    return at < 0 ? NO_WITNESS : tries[at];
  }
  if (c.contains.length > 0 || c.lacks.length > 0) {
    // a list; with a numeric bound as well, still possibly (a one-number list reads as that number)
    tries.push([...new Set(c.contains)]);
  }
  if (c.lower || c.upper) {
    const lo = c.lower?.value;
    const hi = c.upper?.value;
    if (lo !== undefined && hi !== undefined && (lo > hi || (lo === hi && (c.lower!.strict || c.upper!.strict)))) return NO_WITNESS;
    for (const v of [lo, lo !== undefined ? lo + 1 : undefined, hi, hi !== undefined ? hi - 1 : undefined, lo !== undefined && hi !== undefined ? (lo + hi) / 2 : undefined]) {
      if (v !== undefined) tries.push(v);
    }
    const found = tries.find((v) => passes(keyed, key, v));
    // a bounded range with every integer excluded still holds a fraction; say "may" unless empty
    return found === undefined ? (lo !== undefined && hi !== undefined && lo === hi ? NO_WITNESS : (lo ?? hi)) : found;
  }
  tries.push(true, false, 1, 0, 'other', null, undefined);
  const at = tries.findIndex((v) => passes(keyed, key, v));
  return at < 0 ? 'other' : tries[at];
}

export type TermStatus = 'never' | 'maybe' | 'always';

export interface TermVerdict {
  status: TermStatus;
  /** Values of the unknown facts that meet the term (when it may hold). */
  example: Record<string, unknown>;
}

/**
 * How a term fares where `known` facts hold (`isKnown` says which facts those are): `never` when
 * a known literal is false or the unknown ones cannot hold together, `always` when every literal
 * is on a known fact and true, else `maybe` with example values.
 */
export function judgeTerm(term: Term, known: Facts, isKnown: (fact: string) => boolean, domains: (key: string) => FactDomain | undefined): TermVerdict {
  const open = new Map<string, Literal[]>();
  for (const literal of term) {
    if (isKnown(literal.leaf.fact)) {
      if (!literal.holds(known)) return { status: 'never', example: {} };
      continue;
    }
    const list = open.get(literal.key);
    if (list) list.push(literal);
    else open.set(literal.key, [literal]);
  }
  if (open.size === 0) return { status: 'always', example: {} };
  const example: Record<string, unknown> = {};
  for (const [key, literals] of open) {
    const witness = witnessOf(key, literals, literals[0].leaf.path ? undefined : domains(key));
    if (witness === NO_WITNESS) return { status: 'never', example: {} };
    example[key] = witness;
  }
  return { status: 'maybe', example };
}

/** The best verdict among terms: `always` over `maybe` over `never` (null terms: `maybe`). */
export function judgeTerms(terms: readonly Term[] | null, known: Facts, isKnown: (fact: string) => boolean, domains: (key: string) => FactDomain | undefined): TermVerdict {
  if (terms === null) return { status: 'maybe', example: {} };
  let best: TermVerdict = { status: 'never', example: {} };
  for (const term of terms) {
    const verdict = judgeTerm(term, known, isKnown, domains);
    if (verdict.status === 'always') return verdict;
    if (verdict.status === 'maybe' && best.status === 'never') best = verdict;
  }
  return best;
}
