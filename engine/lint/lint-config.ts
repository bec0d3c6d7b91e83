/**
 * `lintConfig(compiled)`: coverage of a compiled config (coverage.ts) and its rule findings —
 * rules that can never fire, rules that fire but never decide (always shadowed by a rule that
 * wins before them), and conflicts (rules of equal priority in the same decision whose
 * conditions can hold together and whose outcomes differ). Each finding has a stable code, the
 * JSON Pointer of its rule, and a message in English and Chinese. See docs/lint.md.
 */
import type { CompiledConfig } from '../compile';
import type { Rule } from '../schema/config-schema';
import type { CategoryIndex } from '../rules/rule-index';
import { ruleLabels } from '../config/rule-checks';
import { COVERED_TYPES, coverageOf, walk, winsBefore, type CoverageCell, type CoveredType } from './coverage';
import { LintCells, type LintRule } from './lint-cells';
import { judgeTerm } from './condition-terms';

export const LINT_CODES = ['never-fires.scope', 'never-fires.contradiction', 'never-fires.cells', 'never-decides.shadowed', 'conflict'] as const;
export type LintCode = (typeof LINT_CODES)[number];

export interface LintFinding {
  code: LintCode;
  /** The rule's JSON Pointer (`/rules/12`). */
  pointer: string;
  ruleId: string;
  message: string;
  messageZh: string;
  /** The other rule: the one that shadows it, or the one it conflicts with. */
  other?: { ruleId: string; pointer: string };
  /** Facts of an event for which both conflicting rules fire (checked by evaluating both). */
  example?: Record<string, unknown>;
  /** Source file when the config was authored as a folder (set by the caller). */
  file?: string;
}

export interface LintSummary {
  cells: number;
  unreachableCells: number;
  /** Per decision type, the reachable cells by what decides them. */
  decidedBy: Record<CoveredType, { rule: number; conditional: number; default: number }>;
  neverFiring: number;
  conflicts: number;
}

export interface LintReport {
  coverage: CoverageCell[];
  /** Rules that can never fire, or fire but never decide. */
  neverFiring: LintFinding[];
  conflicts: LintFinding[];
  summary: LintSummary;
}

const SINGLE_VALUED = new Set<string>(COVERED_TYPES);
const TYPE_ZH: Record<string, string> = { grade: '定级', route: '流转', sla: '时限', escalate: '升级' };

const applicableCache = new WeakMap<CompiledConfig, Map<Rule, CategoryIndex[]>>();

/** The categories a rule applies to (its scope), from the compiled index. */
function applicable(config: CompiledConfig, rule: Rule): CategoryIndex[] {
  let byRule = applicableCache.get(config);
  if (!byRule) {
    byRule = new Map();
    for (const category of config.categories.values()) {
      for (const r of [...category.gradeRules, ...category.otherRules]) byRule.set(r.rule, [...(byRule.get(r.rule) ?? []), category]);
    }
    applicableCache.set(config, byRule);
  }
  return byRule.get(rule) ?? [];
}

/** Every place and level a rule can be judged in: category × township × (its levels, or undefined for grade). */
function* placesOf(cells: LintCells, categories: readonly CategoryIndex[], rule: Rule) {
  for (const category of categories) {
    const levels = rule.event.type === 'grade' ? [undefined] : cells.levelsOf(category);
    for (const township of cells.townships) for (const level of levels) yield { place: { category, township }, level };
  }
}

function neverFiring(cells: LintCells, rule: LintRule): LintFinding | null {
  const config = cells.config;
  const labels = ruleLabels(rule.rule);
  const base = { pointer: rule.pointer, ruleId: rule.rule.id };
  const categories = applicable(config, rule.rule);
  if (categories.length === 0) {
    return { ...base, code: 'never-fires.scope', message: `${labels.en} can never fire: its scope names no category of the config`, messageZh: `${labels.zh}永远不会触发：其适用范围不含本配置的任何类别` };
  }
  if (rule.terms !== null && rule.terms.every((term) => judgeTerm(term, {}, () => false, () => undefined).status === 'never')) {
    return { ...base, code: 'never-fires.contradiction', message: `${labels.en} can never fire: its conditions contradict each other`, messageZh: `${labels.zh}永远不会触发：其条件相互矛盾` };
  }
  for (const { place, level } of placesOf(cells, categories, rule.rule)) if (cells.judge(rule, place, level).status !== 'never') return null;
  return {
    ...base,
    code: 'never-fires.cells',
    message: `${labels.en} can never fire: no category, township and level in its scope meets its conditions (a value no event there has, a level outside the levels, a field its forms lack, a range of a field's values)`,
    messageZh: `${labels.zh}永远不会触发：其适用范围内没有哪个类别、乡镇和等级能满足其条件（取值不存在、等级超出范围、表单没有该字段或超出字段取值范围）`,
  };
}

/** Top-level conjuncts as text: A fires whenever B does when A's are a subset of B's. */
function conjuncts(rule: Rule): Set<string> {
  const node = rule.conditions;
  return new Set(('all' in node ? node.all : [node]).map((n) => JSON.stringify(n, Object.keys(n).filter((k) => k !== 'priority').sort())));
}

function shadowed(cells: LintCells, rule: LintRule): LintFinding | null {
  const type = rule.rule.event.type;
  if (!SINGLE_VALUED.has(type)) return null;
  const own = conjuncts(rule.rule);
  let shadow: LintRule | undefined;
  for (const { place, level } of placesOf(cells, applicable(cells.config, rule.rule), rule.rule)) {
    if (cells.judge(rule, place, level).status === 'never') continue;
    const { rules } = walk(cells, place, type as CoveredType, level);
    const at = rules.findIndex((r) => r.id === rule.rule.id);
    if (at >= 0) {
      // the walk stops at an always-firing rule, so none before it does: still shadowed when one of them fires whenever it does
      const before = rules.slice(0, at).map((x) => cells.rules.find((r) => r.rule.id === x.id)!);
      const implied = before.find((r) => [...conjuncts(r.rule)].every((c) => own.has(c)));
      if (!implied) return null;
      shadow ??= implied;
    } else {
      // cut off here by the always-firing rule that ends the walk
      shadow ??= cells.rules.find((r) => r.rule.id === rules[rules.length - 1]?.id);
    }
  }
  if (!shadow) return null;
  const labels = ruleLabels(rule.rule);
  const other = ruleLabels(shadow.rule);
  return {
    code: 'never-decides.shadowed',
    pointer: rule.pointer,
    ruleId: rule.rule.id,
    other: { ruleId: shadow.rule.id, pointer: shadow.pointer },
    message: `${labels.en} never decides: wherever it fires, ${other.en} (priority ${shadow.rule.priority}) fires too and wins before it`,
    messageZh: `${labels.zh}永远不起决定作用：凡它触发之处，${other.zh}（优先级 ${shadow.rule.priority}）也触发并优先于它`,
  };
}

const sameOutcome = (a: Rule, b: Rule) => JSON.stringify(a.event.params) === JSON.stringify(b.event.params);

/** Facts of an event of the cell for which both rules fire, checked by evaluating both predicates. */
function bothFire(cells: LintCells, a: LintRule, b: LintRule, categories: readonly CategoryIndex[]): Record<string, unknown> | null | undefined {
  let unverified = false;
  for (const { place, level } of placesOf(cells, categories, a.rule)) {
    if (cells.judge(a, place, level).status === 'never' || cells.judge(b, place, level).status === 'never') continue;
    if (a.terms === null || b.terms === null) return null;
    const known = cells.knownFacts(place, level);
    for (const ta of a.terms) {
      for (const tb of b.terms) {
        const verdict = judgeTerm([...ta, ...tb], known, cells.isKnown(place.category), cells.domains(place));
        if (verdict.status === 'never') continue;
        const facts: Record<string, unknown> = { ...known, ...verdict.example };
        if (a.compiled.predicate(facts) && b.compiled.predicate(facts)) {
          if (level === undefined) delete facts.level;
          return Object.fromEntries(Object.entries(facts).filter(([key, v]) => v !== undefined && key !== 'majorCategory' && key !== 'categoryPath'));
        }
        unverified = true;
      }
    }
  }
  // the terms may hold together but no example was found: reported without one
  return unverified ? null : undefined;
}

function conflicts(cells: LintCells): LintFinding[] {
  const out: LintFinding[] = [];
  const rules = cells.rules.filter((r) => SINGLE_VALUED.has(r.rule.event.type));
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const [a, b] = [rules[i], rules[j]];
      if (a.rule.event.type !== b.rule.event.type || a.rule.priority !== b.rule.priority || sameOutcome(a.rule, b.rule)) continue;
      const shared = applicable(cells.config, a.rule).filter((c) => applicable(cells.config, b.rule).includes(c));
      if (shared.length === 0) continue;
      const example = bothFire(cells, a, b, shared);
      if (example === undefined) continue;
      const [first, second] = winsBefore(a.compiled, b.compiled) < 0 ? [a, b] : [b, a];
      const la = ruleLabels(a.rule);
      const lb = ruleLabels(b.rule);
      const lw = ruleLabels(first.rule);
      const why = a.rule.event.type === 'grade' ? { en: 'the higher level', zh: '等级较高者' } : { en: 'the earlier rule in the config', zh: '配置中靠前者' };
      const shown = example ? JSON.stringify(example) : null;
      out.push({
        code: 'conflict',
        pointer: second.pointer,
        ruleId: second.rule.id,
        other: { ruleId: first.rule.id, pointer: first.pointer },
        ...(example ? { example } : {}),
        message: `${lb.en} and ${la.en} have the same priority (${a.rule.priority}) and different ${a.rule.event.type} outcomes, and can fire together${shown ? `, e.g. for ${shown}` : ''}; the tie goes to ${why.en}: ${lw.en}`,
        messageZh: `${lb.zh}与${la.zh}优先级相同（${a.rule.priority}）、${TYPE_ZH[a.rule.event.type]}结果不同，且可能同时触发${shown ? `，例如 ${shown}` : ''}；按${why.zh}取胜：${lw.zh}`,
      });
    }
  }
  return out;
}

function summarize(coverage: readonly CoverageCell[], neverFiringCount: number, conflictCount: number): LintSummary {
  const decidedBy = Object.fromEntries(COVERED_TYPES.map((t) => [t, { rule: 0, conditional: 0, default: 0 }])) as LintSummary['decidedBy'];
  let unreachable = 0;
  for (const cell of coverage) {
    if (!cell.reachable) {
      unreachable += 1;
      continue;
    }
    for (const type of COVERED_TYPES) decidedBy[type][cell.decisions[type].decidedBy] += 1;
  }
  return { cells: coverage.length, unreachableCells: unreachable, decidedBy, neverFiring: neverFiringCount, conflicts: conflictCount };
}

/** Lints a compiled config: coverage, never-firing rules, conflicts. Pure; the same for the CLI and the studio. */
export function lintConfig(config: CompiledConfig): LintReport {
  const cells = new LintCells(config);
  const coverage = coverageOf(config, cells);
  const never: LintFinding[] = [];
  for (const rule of cells.rules) {
    const finding = neverFiring(cells, rule) ?? shadowed(cells, rule);
    if (finding) never.push(finding);
  }
  const found = conflicts(cells);
  return { coverage, neverFiring: never, conflicts: found, summary: summarize(coverage, never.length, found.length) };
}
