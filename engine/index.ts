/**
 * The engine's public API. Pure: no I/O, no clock; time is always passed in. Runs unchanged in
 * Node (runtime, CLI) and in the browser (studio).
 */
import { compile, CompiledConfig, type CompileOptions } from './compile';
import { decideCompiled, traceFired } from './rules/decide';
import { createReferenceEngines, decideReference as decideWithEngine, type ReferenceEngines } from './rules/reference-engine';
import { planSla as planClocks, pauseClock, resumeClock, startClock, stopClock } from './sla/sla-clock';
import { transition as fireTransition, availableActions as actionsFor, initialState, WorkflowError, type UnitResolver } from './workflow/transition';
import type { SlaClockName } from './schema/constants';
import type { EscalationFacts } from './config/unit-tree';
import { placeByPoint } from './geography/point-placement';
import type { Actor, Decision, DecideContext, DecideOutcome, EventInput, EventState, FiredRule, Issue, Result, SlaPlan, TransitionInput, TransitionOutcome } from './types';

export { compile, CompiledConfig, WorkflowError, initialState, pauseClock, resumeClock, startClock, stopClock };
export type { CompileOptions };
export * from './types';
export * from './schema/constants';
export type * from './schema/config-schema';
export { countyConfigJsonSchema } from './schema/config-schema';
export { bundleFiles, applyOverlay, sourceOf, type SourceFile, type SourceMap, type BundledConfig } from './config/bundle';
export { mergeOverlay } from './config/overlay';
export { COMBINATION_RULE } from './rules/decide';
export { MESSAGES, renderMessage, issueMessage, type MessageKey, type MessageLanguage, type MessageParams } from './config/messages';
export { DEFAULT_LEVELS, levelsOf } from './config/levels';
export { DEFAULT_SATISFACTION_SCALE, satisfactionLevel, satisfactionScaleOf, type SatisfactionLevel } from './config/satisfaction';
export { GridLocator } from './geography/grid-locator';
export { placeByPoint, type Placement } from './geography/point-placement';
export { DEFAULT_BOUNDARY_TOLERANCE } from './schema/config-schema';
export { explainRules, type RulesExplanation, type RuleOutcome, type LeafOutcome } from './rules/explain-rules';
export * from './assessment/index';
export { judgeDay, poissonUpperTail, aberrationSettings, historyNeeded, DEFAULT_ABERRATION, type AberrationMethod, type AberrationSettings, type AberrationResult } from './alerts/aberration';
export { thresholdChecks, thresholdBucketStart, aberrationPlan, type ThresholdCheck, type AberrationPlan, type AlertAreaKind } from './alerts/alert-rules';
export { offsetAt, wallToEpoch } from './sla/zoned-time';
export { replayEvent, replayedTrail, storedOutcomeOf, COMPARED_CLOCKS, COMPARED_FIELDS, type ReplayInput, type ReplayedInputs, type ReplayOutcome, type ReplaySide, type StoredOutcome, type ComparedClock, type ComparedField } from './backtest/replay-event';
export { RecentReportCounter, RECENT_WINDOW_MS } from './backtest/recent-reports';

/** Thrown for misuse the caller can fix (unknown category in a decide call, ...). */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly pointer = '',
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

function categoryOf(compiled: CompiledConfig, code: string) {
  const index = compiled.category(code);
  if (!index) throw new EngineError('unknown-category', `category "${code}" does not exist`, '/category');
  return index;
}

/**
 * Validates report data against the category's form (its fields plus the shared base fields).
 * A report with coordinates and no grid is first placed in the grid its point lies in (the
 * returned value has `location.grid` filled in), or refused as `outside-grids` at `/location`.
 * @example
 * const r = validateReport(compiled, '0101', { description: '...', location: { grid: 'g1' } });
 * if (!r.ok) r.issues // [{ code: 'required', pointer: '/location', message: ... }]
 */
export function validateReport(compiled: CompiledConfig, categoryCode: string, data: unknown): Result<Record<string, unknown>> {
  const index = compiled.category(categoryCode);
  if (!index) return { ok: false, issues: [{ code: 'unknown-category', pointer: '/category', message: `category "${categoryCode}" does not exist` }] };
  const placed = placeByPoint(compiled.gridLocator, data);
  if (!placed.ok) {
    // the point is outside every grid: that, and what else the form finds, but not the missing grid again
    const others = compiled.forms.validate(index.minor.form, data).filter((i) => i.pointer !== '/location/grid');
    return { ok: false, issues: [placed.issue, ...others] };
  }
  const report = placed.data;
  const issues: Issue[] = compiled.forms.validate(index.minor.form, report);
  if (issues.length > 0) return { ok: false, issues };
  const place = compiled.placeOf(report as Record<string, unknown>);
  const grid = ((report as Record<string, unknown>).location as Record<string, unknown> | undefined)?.grid;
  if (typeof grid === 'string' && place.grid === null) {
    return { ok: false, issues: [{ code: 'unknown-grid', pointer: '/location/grid', message: `"${grid}" is not a grid of this county` }] };
  }
  return { ok: true, value: report as Record<string, unknown> };
}

/**
 * Decides level, handling unit, SLA policy, escalation, tags and notifications for an event,
 * with an explanation (every fired rule, each condition's fact value and result, the winners).
 * @example
 * const { decision, explanation } = decide(compiled, { category: '0101', data, reportedAt: Date.parse('2026-06-18T10:00:00+08:00') }, { recentReports: 2 });
 */
export function decide(compiled: CompiledConfig, event: EventInput, context: DecideContext = {}, options: { explain?: boolean } = {}): DecideOutcome {
  return decideCompiled(compiled, categoryOf(compiled, event.category), event, context, options);
}

/**
 * The fired rules of a decision with every condition traced again over its facts: the part of an
 * {@link Explanation} that a stored {@link DecisionTrail} leaves out. `null` for a rule id the
 * config does not have.
 */
export function explainFired(compiled: CompiledConfig, ruleIds: readonly string[], facts: Record<string, unknown>): Array<FiredRule | null> {
  return ruleIds.map((id) => {
    const rule = compiled.ruleById(id);
    return rule ? traceFired(rule, facts) : null;
  });
}

const referenceEngines = new WeakMap<CompiledConfig, ReferenceEngines>();

/** The same decision through json-rules-engine (the reference semantics; slower). */
export function decideReference(compiled: CompiledConfig, event: EventInput, context: DecideContext = {}): Promise<DecideOutcome> {
  let engines = referenceEngines.get(compiled);
  if (!engines) {
    engines = createReferenceEngines(compiled.rules);
    referenceEngines.set(compiled, engines);
  }
  return decideWithEngine(compiled, engines, categoryOf(compiled, event.category), event, context);
}

/** The SLA plan of a decided event: deadlines, reminders, breaches, auto-escalation. */
export function planSla(compiled: CompiledConfig, opts: { decision: Pick<Decision, 'slaPolicy'>; startAt: number; clocks?: readonly SlaClockName[] }): SlaPlan {
  const policy = compiled.policies.get(opts.decision.slaPolicy);
  if (!policy) throw new EngineError('unknown-policy', `SLA policy "${opts.decision.slaPolicy}" does not exist`);
  return planClocks({ policy, calendar: compiled.calendar, startAt: opts.startAt, clocks: opts.clocks });
}

/** Applies the clock effects of a transition to an SLA plan. */
export function applyClockEffects(compiled: CompiledConfig, plan: SlaPlan, effects: TransitionOutcome['effects'], at: number): SlaPlan {
  const policy = compiled.policies.get(plan.policy);
  if (!policy) throw new EngineError('unknown-policy', `SLA policy "${plan.policy}" does not exist`);
  let next = plan;
  for (const effect of effects) {
    switch (effect.type) {
      case 'start':
        next = startClock(next, effect.clock, at, policy, compiled.calendar);
        break;
      case 'stop':
        next = stopClock(next, effect.clock, at);
        break;
      case 'pause':
        if (policy.pauseWhileAwaitingReporter) next = pauseClock(next, effect.clock, at, compiled.calendar);
        break;
      case 'resume':
        if (next.clocks[effect.clock]?.pausedAt != null) next = resumeClock(next, effect.clock, at, policy, compiled.calendar);
        break;
      default: {
        const never: never = effect.type;
        throw new Error(`unknown clock effect ${String(never)}`);
      }
    }
  }
  return next;
}

function resolver(compiled: CompiledConfig): UnitResolver {
  return { escalationTarget: (id, event) => compiled.units.escalationTarget(id, escalationFacts(compiled, event)), isWithin: (id, ancestor) => compiled.units.isWithin(id, ancestor), canHandle: (id) => compiled.units.canHandle(id), townshipOf: (id) => compiled.units.townshipOf(id)?.id ?? null };
}

/** The facts a unit's escalation may depend on: the event's category, its major category and domain, its level. */
export function escalationFacts(compiled: CompiledConfig, event: { category: string | null; level: number }): EscalationFacts {
  const index = event.category ? compiled.categories.get(event.category) : undefined;
  return { category: event.category, major: index?.major.code ?? null, domain: index?.minor.domain ?? null, level: event.level };
}

/**
 * Fires a workflow action. Throws WorkflowError (code, state, action, role) when forbidden.
 * @example
 * const next = transition(compiled, { state, action: 'accept', actor: { role: 'handler', unit: 'qs-fx-mkt', id: 'u1' }, now });
 */
export function transition(compiled: CompiledConfig, opts: { state: EventState; action: string; actor: Actor; now: number; input?: TransitionInput }): TransitionOutcome {
  return fireTransition(compiled.workflow, { ...opts, units: resolver(compiled) });
}

/** The actions this actor may fire on the event now (for worklists and detail pages). */
export function availableActions(compiled: CompiledConfig, state: EventState, actor: Actor) {
  return actionsFor(compiled.workflow, state, actor, resolver(compiled));
}

export { runConfigTests, runTestCase, type TestResult, type TestMismatch } from './config-tests';
export { lintConfig, LINT_CODES, type LintCode, type LintFinding, type LintReport, type LintSummary } from './lint/lint-config';
export { COVERED_TYPES, type CoveredType, type CoverageCell, type CellDecision, type CellRule } from './lint/coverage';
export { planTimes, type PlanTimes, type PlanTimer } from './sla/plan-times';
