/**
 * The closed-loop workflow state machine: which action may move an event from which state, who
 * may fire it, what it does to the handling unit and which SLA clocks it starts, stops, pauses or
 * resumes. Pure: the caller passes the current state, the actor, the time and a view of the unit
 * tree, and persists the outcome. Forbidden moves throw a {@link WorkflowError}; problems in the
 * workflow definition itself are returned as issues by {@link checkWorkflow}.
 */
import { problem } from '../config/messages';
import type { Role } from '../schema/constants';
import type { I18nText, Workflow, WorkflowTransition } from '../schema/config-schema';
import type { Actor, ClockEffect, EventState, Issue, TransitionInput, TransitionOutcome } from '../types';

type WorkflowStateDef = Workflow['states'][number];
type RequiredInput = NonNullable<WorkflowTransition['requires']>[number];

export const WORKFLOW_ERROR_CODES = [
  'unknown-action',
  'transition-not-allowed',
  'role-not-allowed',
  'unit-not-allowed',
  'missing-input',
  'terminal-state',
  'unknown-unit',
] as const;
export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

/**
 * A move the workflow forbids: the caller's to fix (an HTTP 4xx), never our bug. The message
 * names the state, the action and the role in plain English.
 */
export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  readonly code: WorkflowErrorCode;
  readonly state: string;
  readonly action: string;
  readonly role: Role;

  constructor(opts: { code: WorkflowErrorCode; state: string; action: string; role: Role; message: string; cause?: unknown }) {
    super(opts.message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = opts.code;
    this.state = opts.state;
    this.action = opts.action;
    this.role = opts.role;
  }
}

/** What the escalation of an event may depend on, as the state machine knows it. */
export interface EscalationEvent {
  category: string | null;
  level: number;
}

/** The view of the unit tree the state machine needs; the caller builds it from the config. */
export interface UnitResolver {
  /** Where the unit sends this event when it escalates (by the event's category and level); null at the top of the chain. */
  escalationTarget(unitId: string, event: EscalationEvent): string | null;
  /** True when `unitId` is `ancestorOrSelf` or lies below it in the unit tree. */
  isWithin(unitId: string, ancestorOrSelf: string): boolean;
  /** True when `unitId` is a unit of the config that can handle events (dispatch and reassign check it). */
  canHandle(unitId: string): boolean;
  /** The township `unitId` lies in, or null for county-level units (a township's command room dispatches within it). */
  townshipOf?(unitId: string): string | null;
}

/**
 * Actions that only the lead handling unit may fire; assisting units (`state.assist`) may fire the
 * other `handling`-scoped transitions. Overridable per county through {@link compileWorkflow}.
 */
export const LEAD_ONLY_ACTIONS: readonly string[] = ['accept', 'return', 'request_info', 'resolve'];

/** A workflow indexed once for fast transitions: action → from-state → transition. */
export interface CompiledWorkflow {
  readonly initial: string;
  readonly states: ReadonlyMap<string, WorkflowStateDef>;
  readonly byAction: ReadonlyMap<string, ReadonlyMap<string, WorkflowTransition>>;
  /** For each state, the transitions leaving it, in definition order. */
  readonly outgoing: ReadonlyMap<string, readonly WorkflowTransition[]>;
  readonly leadOnly: ReadonlySet<string>;
}

/**
 * Index a workflow for {@link transition}. Expects a workflow that passed {@link checkWorkflow};
 * when an (action, from-state) pair is defined twice, the first definition wins.
 */
export function compileWorkflow(workflow: Workflow, opts: { leadOnlyActions?: readonly string[] } = {}): CompiledWorkflow {
  const states = new Map<string, WorkflowStateDef>();
  for (const s of workflow.states) if (!states.has(s.id)) states.set(s.id, s);
  const byAction = new Map<string, Map<string, WorkflowTransition>>();
  const outgoing = new Map<string, WorkflowTransition[]>();
  for (const t of workflow.transitions) {
    let fromMap = byAction.get(t.action);
    if (!fromMap) byAction.set(t.action, (fromMap = new Map()));
    for (const from of t.from) {
      if (fromMap.has(from)) continue;
      fromMap.set(from, t);
      const list = outgoing.get(from) ?? [];
      list.push(t);
      outgoing.set(from, list);
    }
  }
  return { initial: workflow.initial, states, byAction, outgoing, leadOnly: new Set(opts.leadOnlyActions ?? LEAD_ONLY_ACTIONS) };
}

/** What a new event starts from; `handlingUnit` stays null until it is dispatched. */
export interface InitialStateInput {
  dispatcher: string;
  reporterId: string;
  level: number;
  grid?: string | null;
  category?: string | null;
  handlingUnit?: string | null;
  assist?: string[];
}

/** An {@link EventState} in the workflow's initial state. */
export function initialState(wf: CompiledWorkflow, init: InitialStateInput): EventState {
  return {
    state: wf.initial,
    handlingUnit: init.handlingUnit ?? null,
    dispatcher: init.dispatcher,
    assist: [...(init.assist ?? [])],
    reporterId: init.reporterId,
    grid: init.grid ?? null,
    level: init.level,
    red: false,
    ...(init.category != null ? { category: init.category } : {}),
  };
}

export interface TransitionOptions {
  state: EventState;
  action: string;
  actor: Actor;
  /** Epoch ms of the move; the engine never reads the clock. */
  now: number;
  input?: TransitionInput;
  units: UnitResolver;
}

/**
 * Fire `action` on an event: returns the new state (the input is not mutated) and the SLA clock
 * effects for the caller to apply at `now`. Throws {@link WorkflowError} for a forbidden move.
 *
 * @example
 * const wf = compileWorkflow(config.workflow);
 * const out = transition(wf, {
 *   state, action: 'dispatch', now: Date.parse('2025-03-03T09:00:00+08:00'),
 *   actor: { role: 'dispatcher', unit: 'tc-fengqiao', id: 'u-17' },
 *   input: { unit: 'fengqiao-market' }, units,
 * });
 * // out.to === 'dispatched'; out.effects = [{type:'start',clock:'accept'}, {type:'start',clock:'resolve'}]
 */
export function transition(wf: CompiledWorkflow, opts: TransitionOptions): TransitionOutcome {
  const { state, action, actor, units } = opts;
  const input = opts.input ?? {};
  const t = permittedTransition(wf, state, action, actor, units);

  const required = new Set<RequiredInput>(t.requires ?? []);
  if (t.handling === 'set-from-input') required.add('unit');
  const missing = [...required].filter((k) => isBlank(input[k]));
  if (missing.length > 0) {
    throw fail('missing-input', state.state, action, actor.role, `action "${action}" in state "${state.state}" requires ${missing.map((k) => `"${k}"`).join(', ')}`);
  }

  let next: EventState = { ...state, assist: [...state.assist], state: t.to };
  const handling = t.handling ?? 'keep';
  switch (handling) {
    case 'keep':
      break;
    case 'set-from-input':
      // an event handed to a unit that does not exist (or cannot handle: a grid) would sit where no one can accept it
      if (typeof input.unit !== 'string' || !units.canHandle(input.unit)) {
        throw fail('unknown-unit', state.state, action, actor.role, `"${String(input.unit)}" is not a unit of this county that can handle events`);
      }
      // a township's command room hands events to its own township's units; beyond it, an event is escalated
      if (actor.role === 'dispatcher' && actor.unit && units.townshipOf) {
        const township = units.townshipOf(actor.unit);
        if (township !== null && !units.isWithin(input.unit, township)) {
          throw fail('unit-not-allowed', state.state, action, actor.role, `"${input.unit}" is outside township "${township}", where "${actor.unit}" dispatches; escalate the event to hand it beyond the township`);
        }
      }
      next.handlingUnit = input.unit;
      break;
    case 'back-to-dispatcher':
      next.handlingUnit = state.dispatcher;
      break;
    case 'escalate': {
      const target = units.escalationTarget(escalationSource(state, actor), escalationEvent(state));
      if (target === null) throw noHigherTier(state, action, actor, escalationSource(state, actor));
      // The next tier dispatches it afresh; the lower tier's joint handling no longer applies.
      next = { ...next, dispatcher: target, handlingUnit: target, assist: [] };
      break;
    }
    case 'clear':
      next = { ...next, handlingUnit: null, assist: [] };
      break;
    default: {
      const never: never = handling;
      throw new Error(`unknown handling "${String(never)}"`);
    }
  }
  return { state: next, from: state.state, to: t.to, action, effects: clockEffects(t) };
}

/** A transition the actor may fire now, with what a UI needs to offer it. */
export interface AvailableAction {
  action: string;
  name: I18nText;
  to: string;
  requires: RequiredInput[];
}

/**
 * The actions `actor` may fire on the event now (state, role, unit scope and, for escalation, a
 * higher tier to go to), in definition order. Inputs are not checked: `requires` says what to ask for.
 */
export function availableActions(wf: CompiledWorkflow, state: EventState, actor: Actor, units: UnitResolver): AvailableAction[] {
  const out: AvailableAction[] = [];
  for (const t of wf.outgoing.get(state.state) ?? []) {
    try {
      permittedTransition(wf, state, t.action, actor, units);
    } catch (err) {
      if (err instanceof WorkflowError) continue;
      throw err;
    }
    if (t.handling === 'escalate' && units.escalationTarget(escalationSource(state, actor), escalationEvent(state)) === null) continue;
    const requires = new Set<RequiredInput>(t.requires ?? []);
    if (t.handling === 'set-from-input') requires.add('unit');
    out.push({ action: t.action, name: t.name, to: t.to, requires: [...requires] });
  }
  return out;
}

/** The transition for (state, action) if the actor's role and unit allow it; otherwise throws. */
function permittedTransition(wf: CompiledWorkflow, state: EventState, action: string, actor: Actor, units: UnitResolver): WorkflowTransition {
  const fromMap = wf.byAction.get(action);
  if (!fromMap) throw fail('unknown-action', state.state, action, actor.role, `action "${action}" is not defined in this workflow`);
  const current = wf.states.get(state.state);
  if (!current) throw fail('transition-not-allowed', state.state, action, actor.role, `state "${state.state}" is not a state of this workflow`);
  if (current.terminal) {
    throw fail('terminal-state', state.state, action, actor.role, `action "${action}" is not allowed in state "${state.state}": the event is finished`);
  }
  const t = fromMap.get(state.state);
  if (!t) throw fail('transition-not-allowed', state.state, action, actor.role, `action "${action}" is not allowed in state "${state.state}"`);
  if (!t.roles.includes(actor.role)) {
    throw fail('role-not-allowed', state.state, action, actor.role, `role "${actor.role}" may not "${action}" in state "${state.state}"`);
  }
  const refusal = unitRefusal(t, state, actor, units, wf.leadOnly);
  if (refusal !== null) {
    throw fail('unit-not-allowed', state.state, action, actor.role, `role "${actor.role}" of ${describeUnit(actor)} may not "${action}" in state "${state.state}": ${refusal}`);
  }
  return t;
}

/** Why the actor's unit may not fire `t`, or null when it may. `system` passes every scope. */
function unitRefusal(t: WorkflowTransition, state: EventState, actor: Actor, units: UnitResolver, leadOnly: ReadonlySet<string>): string | null {
  if (actor.role === 'system') return null;
  switch (t.unitScope) {
    case 'handling':
      return handlingRefusal(t.action, state, actor, leadOnly);
    case 'dispatching':
      return dispatchingRefusal(state, actor);
    case 'reporter':
      return reporterRefusal(state, actor, units);
    case 'any':
      return anyRefusal(t.action, state, actor, units);
    default: {
      const never: never = t.unitScope;
      throw new Error(`unknown unit scope "${String(never)}"`);
    }
  }
}

function handlingRefusal(action: string, state: EventState, actor: Actor, leadOnly: ReadonlySet<string>): string | null {
  if (actor.unit !== undefined && actor.unit === state.handlingUnit) return null;
  if (actor.unit !== undefined && state.assist.includes(actor.unit)) {
    return leadOnly.has(action) ? `only the lead handling unit "${state.handlingUnit}" may, not an assisting unit` : null;
  }
  return `the event is handled by ${state.handlingUnit === null ? 'no unit' : `"${state.handlingUnit}"`}`;
}

function dispatchingRefusal(state: EventState, actor: Actor): string | null {
  if (actor.role === 'county_admin') return null;
  return actor.unit === state.dispatcher ? null : `the event is dispatched by "${state.dispatcher}"`;
}

/** The reporter, a grid worker of the event's grid, or (when listed) the dispatching command room. */
function reporterRefusal(state: EventState, actor: Actor, units: UnitResolver): string | null {
  if (actor.id === state.reporterId) return null;
  if (actor.role === 'grid_worker' && actor.unit !== undefined && state.grid !== null) {
    if (actor.unit === state.grid || units.isWithin(state.grid, actor.unit)) return null;
    return `the event happened in grid "${state.grid}"`;
  }
  if (actor.role === 'dispatcher' || actor.role === 'county_admin') return dispatchingRefusal(state, actor);
  return 'only the reporter or a grid worker of the event\'s grid may act for the reporter';
}

/** `any`: each role in its own relation to the event — handlers as the lead unit, dispatchers as the command room. */
function anyRefusal(action: string, state: EventState, actor: Actor, units: UnitResolver): string | null {
  switch (actor.role) {
    case 'handler':
      // Escalation moves the whole event: the lead unit only, never an assisting one.
      return actor.unit !== undefined && actor.unit === state.handlingUnit ? null : handlingRefusal(action, state, actor, new Set([action]));
    case 'dispatcher':
    case 'county_admin':
      return dispatchingRefusal(state, actor);
    case 'grid_worker':
    case 'reporter':
      return reporterRefusal(state, actor, units);
    case 'policy_designer':
      return 'policy designers do not act on live events';
    case 'system':
      return null;
    default: {
      const never: never = actor.role;
      throw new Error(`unknown role "${String(never)}"`);
    }
  }
}

/** A dispatcher escalates from its command room; anyone else from the handling unit (or the dispatcher when none). */
function escalationSource(state: EventState, actor: Actor): string {
  if (actor.role === 'dispatcher' || actor.role === 'county_admin') return state.dispatcher;
  return state.handlingUnit ?? state.dispatcher;
}

function escalationEvent(state: EventState): EscalationEvent {
  return { category: state.category ?? null, level: state.level };
}

function noHigherTier(state: EventState, action: string, actor: Actor, source: string): WorkflowError {
  return fail('transition-not-allowed', state.state, action, actor.role, `action "${action}" is not allowed in state "${state.state}": unit "${source}" has no higher tier to escalate to`);
}

function clockEffects(t: WorkflowTransition): ClockEffect[] {
  const effects: ClockEffect[] = [];
  for (const type of ['start', 'stop', 'pause', 'resume'] as const) {
    for (const clock of t.sla?.[type] ?? []) effects.push({ type, clock });
  }
  return effects;
}

/** Absent, blank, or not text at all (inputs come from request bodies). */
function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function describeUnit(actor: Actor): string {
  return actor.unit === undefined ? 'no unit' : `unit "${actor.unit}"`;
}

function fail(code: WorkflowErrorCode, state: string, action: string, role: Role, message: string): WorkflowError {
  return new WorkflowError({ code, state, action, role, message });
}

/**
 * Check a workflow definition beyond what the JSON Schema can say: the initial state and every
 * transition's states exist, no state id is defined twice, no (action, from-state) pair is
 * ambiguous, nothing leaves a terminal state, no open state is a dead end, every state can be
 * reached. Pointers are rooted at `/workflow`.
 */
export function checkWorkflow(workflow: Workflow): Issue[] {
  const issues: Issue[] = [];
  const stateIndex = new Map<string, number>();
  workflow.states.forEach((s, i) => {
    const first = stateIndex.get(s.id);
    if (first !== undefined) {
      issues.push(problem('duplicate-state', `/workflow/states/${i}/id`, { id: s.id, first: `/workflow/states/${first}` }));
    } else stateIndex.set(s.id, i);
  });
  const stateOf = (id: string) => (stateIndex.has(id) ? workflow.states[stateIndex.get(id) as number] : undefined);

  if (!stateIndex.has(workflow.initial)) {
    issues.push(problem('unknown-state.initial', '/workflow/initial', { id: workflow.initial }));
  } else if (stateOf(workflow.initial)?.terminal) {
    issues.push(problem('terminal-initial-state', '/workflow/initial', { id: workflow.initial }));
  }

  const seenPairs = new Map<string, string>();
  const hasOutgoing = new Set<string>();
  const edges = new Map<string, string[]>();
  workflow.transitions.forEach((t, i) => {
    const base = `/workflow/transitions/${i}`;
    if (!stateIndex.has(t.to)) {
      issues.push(problem('unknown-state.to', `${base}/to`, { id: t.to }));
    }
    t.from.forEach((from, j) => {
      const pointer = `${base}/from/${j}`;
      const state = stateOf(from);
      if (!state) {
        issues.push(problem('unknown-state.from', pointer, { id: from }));
        return;
      }
      const key = `${t.action}\u0000${from}`;
      const first = seenPairs.get(key);
      if (first !== undefined) {
        issues.push(problem('duplicate-transition', pointer, { action: t.action, from, first }));
        return;
      }
      seenPairs.set(key, pointer);
      if (state.terminal) {
        issues.push(problem('transition-from-terminal', pointer, { from }));
        return;
      }
      hasOutgoing.add(from);
      edges.set(from, [...(edges.get(from) ?? []), t.to]);
    });
  });

  const reachable = new Set<string>();
  const queue = stateIndex.has(workflow.initial) ? [workflow.initial] : [];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    queue.push(...(edges.get(id) ?? []));
  }
  for (const [id, i] of stateIndex) {
    const s = workflow.states[i];
    if (!s.terminal && !hasOutgoing.has(id)) {
      issues.push(problem('dead-end-state', `/workflow/states/${i}`));
    }
    if (stateIndex.has(workflow.initial) && !reachable.has(id)) {
      issues.push(problem('unreachable-state', `/workflow/states/${i}`, { initial: workflow.initial }));
    }
  }
  return issues;
}
