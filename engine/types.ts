/** Types shared across the engine's API: issues, decisions, SLA plans and event state. */
import type { DecisionType, FactCondition, Role, SlaClockName } from './schema/constants';
import type { I18nText, RouteTarget } from './schema/config-schema';

/** A problem in data (a config, a report): returned, never thrown. */
export interface Issue {
  /** Stable machine code, e.g. `unknown-unit`, `schema`, `required`. */
  code: string;
  /** JSON Pointer (RFC 6901) of the offending value. */
  pointer: string;
  /** In English. Compile problems name the list item they are in (`unit qs-fx-v01-g1: …`). */
  message: string;
  /**
   * The same in Chinese (`单位 qs-fx-v01-g1：…`). Every problem `compile` returns has one; the
   * templates of both are in engine/config/messages.ts, keyed by code.
   */
  messageZh?: string;
  /** The values the message was made from (ids, numbers, `{zh, en}` words), when it has any. */
  params?: Record<string, string | number | { zh: string; en: string }>;
  /** Source file when the config was authored as a folder. */
  file?: string;
  /** A warning does not stop a config from compiling or publishing (absent: an error). */
  severity?: 'warning';
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** An event as the engine sees it when deciding. */
export interface EventInput {
  category: string;
  data: Record<string, unknown>;
  /** When it was reported, epoch milliseconds. */
  reportedAt: number;
  source?: string;
}

/** What the caller knows that the engine cannot compute by itself. */
export interface DecideContext {
  /** Reports of the same category in the same grid in the recent window (before this one). */
  recentReports?: number;
}

export interface ConditionTrace {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean;
}

export interface FiredRule {
  ruleId: string;
  priority: number;
  type: DecisionType;
  params: Record<string, unknown>;
  /** Leaf conditions evaluated, in evaluation order, each with its fact value and result. */
  conditions: ConditionTrace[];
}

export interface Explanation {
  facts: Record<string, unknown>;
  fired: FiredRule[];
  /** For each decision type: the id of the winning rule, or `default` when none fired. */
  winners: Partial<Record<DecisionType, string>>;
  combination: string;
}

export interface Decision {
  /** One of the config's levels (its `levels` section, 1…n; the baseline four when absent). */
  level: number;
  /** The handling unit's id. */
  unit: string;
  /** Assisting units in joint handling. */
  assist: string[];
  /** The unit that dispatches and to which returns go: the township command room (or county command). */
  dispatcher: string;
  slaPolicy: string;
  escalation: { unit: string; reason: I18nText; ruleId: string } | null;
  tags: string[];
  notifications: Array<{ unit: string; channels: string[]; message: I18nText; ruleId: string }>;
  township: string | null;
  village: string | null;
  grid: string | null;
}

export interface DecideOutcome {
  decision: Decision;
  explanation: Explanation;
  /**
   * What the explanation is rebuilt from, without the condition traces: the facts (those that are
   * defined), the fired rules' ids in order, and the winners. With the config version the event
   * was decided under, {@link Explanation} follows from it (`explainFired`).
   */
  trail: DecisionTrail;
}

export interface DecisionTrail {
  facts: Record<string, unknown>;
  fired: string[];
  winners: Explanation['winners'];
}

export interface SlaClockPlan {
  clock: 'working' | 'calendar';
  hours: number;
  /** When the clock (last) started running, epoch ms. */
  startedAt: number;
  /** Milliseconds of budget already consumed before `startedAt` (non-zero after a pause). */
  consumedMs: number;
  /** Deadline, epoch ms; null while paused. */
  dueAt: number | null;
  pausedAt: number | null;
  /** When the clock was stopped for good (event accepted, resolved, closed), epoch ms; absent until then. */
  stoppedAt?: number;
  /**
   * When this run of the clock first started, epoch ms, once a pause and resume have moved
   * `startedAt`; absent while it equals `startedAt`. A restart begins a new run. The assessment
   * tells runs of a clock apart by it (`clockRunStart` in sla/sla-clock.ts).
   */
  since?: number;
}

export interface SlaTimer {
  kind: 'reminder' | 'breach' | 'auto-escalate';
  of: SlaClockName;
  at: number;
  channels: string[];
}

export interface SlaPlan {
  policy: string;
  clocks: Partial<Record<SlaClockName, SlaClockPlan>>;
  timers: SlaTimer[];
  /** e.g. the calendar has no entry for a year the deadline falls in. */
  warnings: string[];
}

export interface Actor {
  role: Role;
  /** The unit the actor belongs to (handlers, dispatchers, grid workers). */
  unit?: string;
  /** Stable id of the person or token. */
  id: string;
}

export interface EventState {
  state: string;
  handlingUnit: string | null;
  dispatcher: string;
  assist: string[];
  reporterId: string;
  /** The grid where it happened; grid workers of this grid act for the reporter. */
  grid: string | null;
  level: number;
  red: boolean;
  /** The event's minor category code: a unit's escalation may depend on it. */
  category?: string | null;
}

export type TransitionInput = {
  reason?: string;
  unit?: string;
  feedback?: string;
  duplicateOf?: string;
};

export interface ClockEffect {
  type: 'start' | 'stop' | 'pause' | 'resume';
  clock: SlaClockName;
}

export interface TransitionOutcome {
  state: EventState;
  from: string;
  to: string;
  action: string;
  effects: ClockEffect[];
}

export type { RouteTarget, FactCondition };
