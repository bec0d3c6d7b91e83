/**
 * Deciding a stored event again under another config, and comparing: level, handling unit,
 * dispatcher, SLA policy, the acceptance and resolution deadlines, and whether the event would
 * have been late under the new deadlines given when it was actually accepted and resolved.
 *
 * The event is decided from its stored data, report time, source and the recent-reports count
 * rebuilt from the event stream (recent-reports.ts). Its SLA clocks are planned again from the
 * start of the run of each clock that the event's stored plan holds (at intake: the report time;
 * after a return and a new dispatch: that dispatch) with the full budget of the new policy; a
 * pause while waiting for the reporter is not replayed (the new deadline does not move by it).
 * Lateness is judged as the runtime judges it: a clock stopped after its deadline, or still
 * running past it at `asOf`.
 */
import type { CompiledConfig } from '../compile';
import { decideCompiled } from '../rules/decide';
import type { CategoryIndex } from '../rules/rule-index';
import { clockRunStart, dueAtOf } from '../sla/sla-clock';
import type { SlaClockName } from '../schema/constants';
import type { DecideOutcome, DecisionTrail, SlaClockPlan, SlaPlan } from '../types';

export const COMPARED_CLOCKS = ['accept', 'resolve'] as const satisfies readonly SlaClockName[];
export type ComparedClock = (typeof COMPARED_CLOCKS)[number];

/** What an event got when it was taken in, and when its clocks ran and stopped. */
export interface StoredOutcome {
  level: number;
  unit: string | null;
  dispatcher: string | null;
  slaPolicy: string | null;
  /** The stored SLA plan's clocks (start, deadline, stop). */
  clocks: Partial<Record<SlaClockName, Pick<SlaClockPlan, 'startedAt' | 'dueAt' | 'stoppedAt' | 'since'>>>;
}

export interface ReplayInput {
  id: string;
  category: string;
  data: Record<string, unknown>;
  reportedAt: number;
  source: string;
  township: string | null;
  /** The grid intake counted recent reports at. */
  grid: string | null;
  recentReports: number;
  stored: StoredOutcome;
}

/** One side of a comparison. Deadlines are epoch ms, null when the clock did not run. */
export interface ReplaySide {
  level: number;
  unit: string | null;
  dispatcher: string | null;
  slaPolicy: string | null;
  acceptDue: number | null;
  resolveDue: number | null;
  /** Per clock: late (stopped after its deadline, or running past it at `asOf`). */
  late: Record<ComparedClock, boolean>;
}

export const COMPARED_FIELDS = ['level', 'unit', 'dispatcher', 'slaPolicy', 'acceptDue', 'resolveDue'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/**
 * An event decided again. The new decision's trail is built on first access, by a getter of the
 * class rather than a closure per event (a million events, a few trails read: closures made per
 * event kept young objects alive past garbage collections).
 */
export class Replayed {
  readonly ok = true as const;
  readonly #outcome: DecideOutcome;

  constructor(
    readonly id: string,
    readonly category: string,
    readonly township: string | null,
    readonly before: ReplaySide,
    readonly after: ReplaySide,
    /** The fields that differ, in {@link COMPARED_FIELDS} order. */
    readonly changes: ComparedField[],
    /** Clocks late under the new deadlines that were not late under the old ones. */
    readonly newlyLate: ComparedClock[],
    outcome: DecideOutcome,
  ) {
    this.#outcome = outcome;
  }

  /** The new decision's trail (facts, fired rule ids, winners). */
  get trail(): DecisionTrail {
    return this.#outcome.trail;
  }
}

export type ReplayOutcome = Replayed | { ok: false; id: string; category: string; township: string | null; code: string; message: string };

function lateOf(clock: Pick<SlaClockPlan, 'dueAt' | 'stoppedAt'> | undefined, dueAt: number | null, asOf: number): boolean {
  if (!clock || dueAt === null) return false;
  return clock.stoppedAt != null ? clock.stoppedAt > dueAt : asOf > dueAt;
}

function failed(input: ReplayInput, code: string, message: string): ReplayOutcome {
  return { ok: false, id: input.id, category: input.category, township: input.township, code, message };
}

/**
 * Decides one stored event again under `compiled` and compares. `asOf`: the time the comparison
 * is made at, for clocks still running. Never throws for a bad event: an event the config cannot
 * decide (its category gone, an unknown policy) comes back with `ok: false` and the reason.
 */
export function replayEvent(compiled: CompiledConfig, input: ReplayInput, asOf: number): ReplayOutcome {
  const index = compiled.category(input.category);
  if (!index) return failed(input, 'unknown-category', `category "${input.category}" does not exist in this config`);
  try {
    const outcome = decideAgain(compiled, index, input);
    const { decision } = outcome;
    const stored = input.stored;
    const policy = compiled.policies.get(decision.slaPolicy);
    if (!policy) return failed(input, 'unknown-policy', `SLA policy "${decision.slaPolicy}" does not exist`);
    // the clocks the stored plan holds, planned again from the start of their run (hot: one event of a million, no copies)
    const acceptRun = stored.clocks.accept;
    const resolveRun = stored.clocks.resolve;
    const acceptDue = acceptRun ? dueAtOf(policy, compiled.calendar, 'accept', clockRunStart(acceptRun)) : null;
    const resolveDue = resolveRun ? dueAtOf(policy, compiled.calendar, 'resolve', clockRunStart(resolveRun)) : null;
    const before: ReplaySide = {
      level: stored.level,
      unit: stored.unit,
      dispatcher: stored.dispatcher,
      slaPolicy: stored.slaPolicy,
      acceptDue: acceptRun?.dueAt ?? null,
      resolveDue: resolveRun?.dueAt ?? null,
      late: { accept: lateOf(acceptRun, acceptRun?.dueAt ?? null, asOf), resolve: lateOf(resolveRun, resolveRun?.dueAt ?? null, asOf) },
    };
    const after: ReplaySide = {
      level: decision.level,
      unit: decision.unit,
      dispatcher: decision.dispatcher,
      slaPolicy: decision.slaPolicy,
      acceptDue,
      resolveDue,
      late: { accept: lateOf(acceptRun, acceptDue, asOf), resolve: lateOf(resolveRun, resolveDue, asOf) },
    };
    const changes: ComparedField[] = [];
    for (const f of COMPARED_FIELDS) if (before[f] !== after[f]) changes.push(f);
    const newlyLate: ComparedClock[] = [];
    for (const c of COMPARED_CLOCKS) if (after.late[c] && !before.late[c]) newlyLate.push(c);
    return new Replayed(input.id, input.category, input.township, before, after, changes, newlyLate, outcome);
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    return failed(input, typeof e.code === 'string' ? e.code : 'replay-failed', String(e.message ?? err));
  }
}

/** What a replay decides from: the event's own inputs and the recent-reports count rebuilt for it. */
export type ReplayedInputs = Pick<ReplayInput, 'category' | 'data' | 'reportedAt' | 'source' | 'recentReports'>;

function decideAgain(compiled: CompiledConfig, index: CategoryIndex, input: ReplayedInputs): DecideOutcome {
  return decideCompiled(compiled, index, { category: input.category, data: input.data, reportedAt: input.reportedAt, source: input.source }, { recentReports: input.recentReports }, { lean: true });
}

/**
 * The trail of the decision {@link replayEvent} made for an event, made again from the same
 * inputs: a backtest keeps each changed event's recent-reports count rather than its new
 * explanation, and builds the explanation when the change is read. Null when the config has no
 * such category.
 */
export function replayedTrail(compiled: CompiledConfig, input: ReplayedInputs): DecisionTrail | null {
  const index = compiled.category(input.category);
  return index ? decideAgain(compiled, index, input).trail : null;
}

/** The decision a stored event got, from its stored decision and SLA plan. */
export function storedOutcomeOf(decision: Record<string, unknown> | null, sla: Record<string, unknown> | null): StoredOutcome {
  const d = decision ?? {};
  const plan = (sla ?? {}) as Partial<SlaPlan>;
  return {
    level: typeof d.level === 'number' ? d.level : 0,
    unit: typeof d.unit === 'string' ? d.unit : null,
    dispatcher: typeof d.dispatcher === 'string' ? d.dispatcher : null,
    slaPolicy: typeof plan.policy === 'string' ? plan.policy : typeof d.slaPolicy === 'string' ? d.slaPolicy : null,
    clocks: plan.clocks ?? {},
  };
}
