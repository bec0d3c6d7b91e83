/**
 * Coverage: for every minor category × township (and "no place") × level the category can get,
 * which rules can decide the grade, the route, the SLA policy and an escalation, and whether the
 * default still applies.
 *
 * Per decision type the rules are walked in the order they win (priority, then the tie-break of
 * deciding: for grade the higher level, otherwise the earlier rule). A rule whose condition
 * cannot hold in the cell is skipped; one that may hold (it reads facts the cell does not fix —
 * form fields, time, repeat count, source) is listed as conditional; one that always holds there
 * (it reads only category, township, level or fields the category's form lacks) ends the walk:
 * it decides every event of the cell, and neither later rules nor the default ever do.
 */
import type { CompiledConfig } from '../compile';
import type { DecisionType } from '../schema/constants';
import type { CategoryIndex, CompiledRule } from '../rules/rule-index';
import { LintCells, type CellPlace, type LintRule } from './lint-cells';

export const COVERED_TYPES = ['grade', 'route', 'sla', 'escalate'] as const satisfies readonly DecisionType[];
export type CoveredType = (typeof COVERED_TYPES)[number];

export interface CellRule {
  id: string;
  pointer: string;
  /** true: fires for every event of the cell; false: only for some (conditional). */
  always: boolean;
  /** What it decides: a level, a unit id (null when its target has no unit for the place), a policy id. */
  outcome: string | number | null;
}

export interface CellDecision {
  /**
   * `rule`: the first rule always fires (and has a unit for the place); `conditional`: rules may
   * fire, else the default (or a later rule); `default`: no rule can.
   */
  decidedBy: 'rule' | 'conditional' | 'default';
  rules: CellRule[];
  /** Whether some events of the cell get the default. */
  defaultApplies: boolean;
  /** The default: the category's level, its platform in the township, the SLA policy for category and level; null for escalate (none). */
  defaultValue: string | number | null;
}

export interface CoverageCell {
  category: string;
  major: string;
  township: string | null;
  level: number;
  /** false when no event of this category in this township can get this level. */
  reachable: boolean;
  decisions: Record<CoveredType, CellDecision>;
}

/** The order in which rules of one type win over each other (see decide.ts). */
export function winsBefore(a: CompiledRule, b: CompiledRule): number {
  if (a.rule.priority !== b.rule.priority) return b.rule.priority - a.rule.priority;
  if (a.rule.event.type === 'grade' && b.rule.event.type === 'grade' && a.rule.event.params.level !== b.rule.event.params.level) return b.rule.event.params.level - a.rule.event.params.level;
  return a.index - b.index;
}

function outcomeOf(cells: LintCells, rule: LintRule, township: string | null): string | number | null {
  const event = rule.rule.event;
  const place = { township, village: null };
  switch (event.type) {
    case 'grade':
      return event.params.level;
    case 'route':
    case 'escalate':
      return cells.config.units.resolveTarget(event.params.target, place) ?? (event.params.target.type === 'village' ? 'village' : null);
    case 'sla':
      return event.params.policy;
    default:
      return null;
  }
}

/** The rules of one type that may decide in a cell, in winning order, and whether the default is reached. */
export function walk(cells: LintCells, place: CellPlace, type: CoveredType, level: number | undefined): { rules: CellRule[]; defaultApplies: boolean } {
  const candidates = (type === 'grade' ? place.category.gradeRules : place.category.otherRules).filter((r) => r.rule.event.type === type).sort(winsBefore);
  const rules: CellRule[] = [];
  // a route or escalation whose target has no unit for the place (a township's command room for
  // a report with no place) leaves the event to the default when it wins
  let unresolved = false;
  for (const compiled of candidates) {
    const rule = cells.lintRule(compiled);
    const verdict = cells.judge(rule, place, level);
    if (verdict.status === 'never') continue;
    const always = verdict.status === 'always';
    const outcome = outcomeOf(cells, rule, place.township);
    if (outcome === null && (type === 'route' || type === 'escalate')) unresolved = true;
    rules.push({ id: rule.rule.id, pointer: rule.pointer, always, outcome });
    if (always) return { rules, defaultApplies: unresolved };
  }
  return { rules, defaultApplies: true };
}

function decision(rules: CellRule[], defaultApplies: boolean, defaultValue: string | number | null): CellDecision {
  const decidedBy = rules.length === 0 ? 'default' : rules[0].always && rules[0].outcome !== null ? 'rule' : 'conditional';
  return { decidedBy, rules, defaultApplies, defaultValue };
}

function cellsOf(cells: LintCells, category: CategoryIndex): CoverageCell[] {
  const out: CoverageCell[] = [];
  const levels = cells.levelsOf(category);
  for (const township of cells.townships) {
    const place = { category, township };
    const grading = walk(cells, place, 'grade', undefined);
    for (const level of levels) {
      const gradeRules = grading.rules.filter((r) => r.outcome === level);
      const gradeDefault = grading.defaultApplies && level === category.minor.level;
      const decisions = {
        grade: decision(gradeRules, gradeDefault, category.minor.level),
      } as Record<CoveredType, CellDecision>;
      const route = walk(cells, place, 'route', level);
      decisions.route = decision(route.rules, route.defaultApplies, cells.config.defaultUnit(category, { township, village: null, grid: null }));
      const sla = walk(cells, place, 'sla', level);
      decisions.sla = decision(sla.rules, sla.defaultApplies, cells.config.defaultPolicy(category.minor.code, level));
      const escalate = walk(cells, place, 'escalate', level);
      decisions.escalate = decision(escalate.rules, escalate.defaultApplies, null);
      out.push({ category: category.minor.code, major: category.major.code, township, level, reachable: gradeRules.length > 0 || gradeDefault, decisions });
    }
  }
  return out;
}

/** Every cell of a compiled config, categories in config order, then townships, then levels. */
export function coverageOf(config: CompiledConfig, cells = new LintCells(config)): CoverageCell[] {
  return [...config.categories.values()].flatMap((category) => cellsOf(cells, category));
}
