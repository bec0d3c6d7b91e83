/**
 * Why every rule in an event's scope did or did not fire: the misses as well as the hits. The
 * explanation of {@link decideCompiled} lists only the rules that fired; a county administrator
 * testing a rule that "never fires" needs the others too — which condition failed, and the
 * value the fact had. Same facts, same two phases, same condition semantics as deciding (the
 * facts come from `buildFacts`, leaves are evaluated by `traceCondition` of condition.ts, the
 * winners by `assembleDecision`), so "decide fired X" and "explain says X passed" never differ.
 */
import type { DecisionType } from '../schema/constants';
import type { CompiledConfig } from '../compile';
import type { DecideContext, EventInput, Explanation, Result } from '../types';
import { traceCondition, type Facts } from './condition';
import { assembleDecision, buildFacts, levelFrom, plainFacts } from './decide';
import type { CompiledRule } from './rule-index';

/** One leaf condition of a rule, evaluated: what it expects and what the fact held. */
export interface LeafOutcome {
  fact: string;
  path?: string;
  operator: string;
  /** The condition's value. */
  expected: unknown;
  /** The fact's value (after `path`), `undefined` when the event has no such fact. */
  actual: unknown;
  passed: boolean;
}

/** A candidate rule of the event's scope and whether its conditions held. */
export interface RuleOutcome {
  ruleId: string;
  type: DecisionType;
  priority: number;
  /** The rule's conditions held: it fired. */
  passed: boolean;
  /** It fired and decided its type (for tag and notify: every fired rule counts). */
  winner: boolean;
  /** Every leaf, in reading order, each evaluated (no short-circuit, so every miss shows). */
  leaves: LeafOutcome[];
}

export interface RulesExplanation {
  /** The facts the rules were evaluated against (`level` as graded in phase one). */
  facts: Record<string, unknown>;
  /** Every enabled rule that applies to the event's category, grade rules first, then config order. */
  rules: RuleOutcome[];
  winners: Explanation['winners'];
}

function evaluate(compiled: CompiledRule, facts: Facts): RuleOutcome {
  const trace: Parameters<typeof traceCondition>[2] = [];
  const passed = traceCondition(compiled.rule.conditions, facts, trace);
  return {
    ruleId: compiled.rule.id,
    type: compiled.rule.event.type,
    priority: compiled.rule.priority,
    passed,
    winner: false,
    leaves: trace.map((t) => ({ fact: t.fact, ...(t.path ? { path: t.path } : {}), operator: t.operator, expected: t.value, actual: t.factValue, passed: t.result })),
  };
}

/**
 * Evaluates every candidate rule of the event's category against the event's facts.
 * @example
 * const r = explainRules(compiled, { category: 'env-burning', data, reportedAt }, { recentReports: 0 });
 * if (r.ok) r.value.rules.filter((x) => !x.passed) // each with the leaves that failed and the fact's value
 */
export function explainRules(compiled: CompiledConfig, event: EventInput, context: DecideContext = {}): Result<RulesExplanation> {
  const index = compiled.category(event.category);
  if (!index) return { ok: false, issues: [{ code: 'unknown-category', pointer: '/category', message: `category "${event.category}" does not exist` }] };
  const facts = buildFacts(compiled, index, event, context);
  const grades = index.gradeRules.map((rule) => ({ rule, outcome: evaluate(rule, facts) }));
  const level = levelFrom(index, grades.filter((g) => g.outcome.passed).map((g) => g.rule));
  facts.level = level;
  const others = index.otherRules.map((rule) => ({ rule, outcome: evaluate(rule, facts) }));
  const all = [...grades, ...others];
  const { winners } = assembleDecision(compiled, index, event, level, all.filter((x) => x.outcome.passed).map((x) => x.rule));
  for (const { outcome } of all) {
    outcome.winner = outcome.passed && (outcome.type === 'tag' || outcome.type === 'notify' || winners[outcome.type] === outcome.ruleId);
  }
  return { ok: true, value: { facts: plainFacts(facts), rules: all.map((x) => x.outcome), winners } };
}
