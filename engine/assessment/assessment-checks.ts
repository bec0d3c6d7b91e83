/**
 * compile's checks of the assessment section beyond its schema: ids used once, weights that add
 * up to 1 (the indicators', and the sources' that apply to each kind of unit), targets and zero
 * points that can score, and each custom indicator's condition — only the event facts it may read
 * (category, majorCategory, level, source, township, grid, tags), operators and values that fit
 * them. Each problem names the indicator (compile opens its message with the item's name).
 */
import type { CountyConfig, LevelDefinition } from '../schema/config-schema';
import { ASSESSMENT_CONDITION_FACTS, type AssessmentConditionFact, type Operator } from '../schema/constants';
import type { Issue } from '../types';
import { problem, word, type MessageParam } from '../config/messages';
import type { UnitTree } from '../config/unit-tree';
import { leavesOf } from '../config/rule-checks';
import { checkCondition } from '../rules/condition';
import { conditionTypeProblem, type FactType } from '../rules/fact-types';
import { indicatorKind } from './indicator-plan';
import { SYSTEM_SOURCE, sourcesFor } from './score';

const TOLERANCE = 1e-6;
const INDICATOR = { en: 'indicator', zh: '考核指标' };
const SOURCE = { en: 'source', zh: '评分来源' };

export interface AssessmentCheckContext {
  config: CountyConfig;
  /** The unit tree, when the units section is sound (for the values of township and grid). */
  units: UnitTree | null;
  /** Whether the categories section is sound (for the values of category and majorCategory). */
  categoriesSound: boolean;
  levels: readonly LevelDefinition[];
}

function duplicateIds(items: ReadonlyArray<{ id: string }>, list: string, what: MessageParam, issues: Issue[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) issues.push(problem('duplicate-id', `/assessment/${list}/${i}/id`, { what, key: item.id, first: first + 1 }));
    else seen.set(item.id, i);
  });
}

const sumText = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** The types of the facts a custom condition reads, with the values this config gives them. */
function conditionFactTypes(ctx: AssessmentCheckContext): Record<AssessmentConditionFact, FactType> {
  const { config, units } = ctx;
  const choices = (options: string[] | null): FactType => (options ? { kind: 'choice', options } : { kind: 'other' });
  return {
    category: choices(ctx.categoriesSound ? config.categories.flatMap((m) => m.children.map((c) => c.code)) : null),
    majorCategory: choices(ctx.categoriesSound ? config.categories.map((m) => m.code) : null),
    level: { kind: 'number', integer: true, minimum: 1, maximum: Math.max(1, ...ctx.levels.map((l) => l.level)) },
    source: { kind: 'text' },
    township: choices(units ? units.townships().map((u) => u.id) : null),
    grid: choices(units ? config.units.filter((u) => u.kind === 'grid').map((u) => u.id) : null),
    tags: { kind: 'multi' },
  };
}

function checkCustom(ctx: AssessmentCheckContext, index: number, issues: Issue[]): void {
  const indicator = ctx.config.assessment.indicators[index];
  const at = `/assessment/indicators/${index}`;
  if (indicator.measure !== 'custom') {
    if (indicator.custom !== undefined) issues.push(problem('assessment-custom.unexpected', `${at}/custom`));
    return;
  }
  const custom = indicator.custom;
  if (!custom) {
    issues.push(problem('assessment-custom.missing', at));
    return;
  }
  if (custom.of === 'overdueCount' && custom.kind === 'rate') issues.push(problem('assessment-custom.rate', `${at}/custom/kind`));
  const before = issues.length;
  const facts = ASSESSMENT_CONDITION_FACTS as readonly string[];
  checkCondition(custom.where, `${at}/custom/where`, (fact) => (facts.includes(fact) ? null : { key: 'assessment-fact', params: { fact, facts: facts.join(', ') } }), issues);
  if (issues.length > before) return;
  const types = conditionFactTypes(ctx);
  for (const { leaf, pointer } of leavesOf(custom.where, `${at}/custom/where`)) {
    if (leaf.path !== undefined) {
      issues.push(problem('assessment-fact.path', `${pointer}/path`));
      continue;
    }
    const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
    if (values.includes(null)) {
      issues.push(problem('assessment-fact.null', `${pointer}/value`, { fact: leaf.fact }));
      continue;
    }
    const found = conditionTypeProblem(leaf.fact, types[leaf.fact as AssessmentConditionFact], leaf.operator as Operator, leaf.value);
    if (found) issues.push(problem(found.key, `${pointer}/${found.code === 'operator-type' ? 'operator' : 'value'}`, found.params));
  }
}

function checkScoring(ctx: AssessmentCheckContext, index: number, issues: Issue[]): void {
  const indicator = ctx.config.assessment.indicators[index];
  const at = `/assessment/indicators/${index}`;
  if (indicator.higherIsBetter) {
    if (indicator.zeroAt !== undefined) issues.push(problem('assessment-zero-at.higher', `${at}/zeroAt`));
    if (indicator.target === undefined && indicatorKind(indicator) === 'count') issues.push(problem('assessment-target', at));
    return;
  }
  const target = indicator.target ?? 0;
  if (indicator.zeroAt !== undefined && indicator.zeroAt <= target) issues.push(problem('assessment-zero-at', `${at}/zeroAt`, { zeroAt: indicator.zeroAt, target }));
}

/** Appends the problems of the assessment section to `issues`. */
export function checkAssessment(ctx: AssessmentCheckContext, issues: Issue[]): void {
  const { assessment } = ctx.config;
  duplicateIds(assessment.indicators, 'indicators', INDICATOR, issues);
  duplicateIds(assessment.sources, 'sources', SOURCE, issues);
  assessment.indicators.forEach((_, i) => {
    checkCustom(ctx, i, issues);
    checkScoring(ctx, i, issues);
  });
  const sum = assessment.indicators.reduce((s, i) => s + i.weight, 0);
  if (Math.abs(sum - 1) > TOLERANCE) issues.push(problem('assessment-weights', '/assessment/indicators', { sum: sumText(sum) }));
  const kinds = [...new Set(assessment.sources.flatMap((s) => s.appliesTo))];
  const explicit = assessment.sources.some((s) => s.id === SYSTEM_SOURCE);
  for (const kind of kinds) {
    const sources = sourcesFor(assessment, kind);
    const total = sources.reduce((s, x) => s + x.weight, 0);
    // without an explicit "indicators" source the system score takes what is left, so only an excess is wrong
    const rated = sources.filter((s) => !s.system).reduce((s, x) => s + x.weight, 0);
    const wrong = explicit ? Math.abs(total - 1) > TOLERANCE : rated > 1 + TOLERANCE;
    if (wrong) issues.push(problem('assessment-source-weights', '/assessment/sources', { kind: word(kind), sum: sumText(explicit ? total : rated), sources: sources.map((s) => s.id).join(', ') }));
  }
}
