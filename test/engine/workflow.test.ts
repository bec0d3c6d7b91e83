import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import baselineJson from '../../catalogs/zhejiang-four-platforms/workflow.json';
import { countyConfigJsonSchema, type Workflow } from '../../engine/schema/config-schema';
import type { Actor, ClockEffect, EventState, TransitionInput } from '../../engine/types';
import {
  WorkflowError,
  availableActions,
  checkWorkflow,
  compileWorkflow,
  initialState,
  transition,
  type UnitResolver,
  type WorkflowErrorCode,
} from '../../engine/workflow/transition';

const baseline = baselineJson as Workflow;
const wf = compileWorkflow(baseline);
const NOW = Date.parse('2025-03-03T09:00:00+08:00');

/** A tiny county: government, command centre, a land department, one township with two platforms, a village, two grids. */
const parentOf: Record<string, string | null> = {
  county: null,
  county_gov: 'county',
  county_cmd: 'county',
  dept_land: 'county',
  t1: 'county',
  tc1: 't1',
  p_market: 't1',
  p_enforce: 't1',
  p_service: 't1',
  v1: 't1',
  g1: 'v1',
  g2: 'v1',
  t2: 'county',
  tc2: 't2',
};
const escalatesTo: Record<string, string | null> = {
  tc1: 'county_cmd',
  tc2: 'county_cmd',
  p_market: 'county_cmd',
  p_enforce: 'county_cmd',
  county_cmd: 'county_gov',
  dept_land: 'county_gov',
  county_gov: null,
};
const units: UnitResolver = {
  escalationTarget: (unitId) => escalatesTo[unitId] ?? null,
  isWithin(unitId, ancestorOrSelf) {
    for (let u: string | null = unitId; u !== null && u !== undefined; u = parentOf[u] ?? null) if (u === ancestorOrSelf) return true;
    return false;
  },
  canHandle: (unitId) => unitId in parentOf && unitId !== 'county',
};

const dispatcher: Actor = { role: 'dispatcher', unit: 'tc1', id: 'd-tc1' };
const otherDispatcher: Actor = { role: 'dispatcher', unit: 'tc2', id: 'd-tc2' };
const handler: Actor = { role: 'handler', unit: 'p_market', id: 'h-market' };
const assistHandler: Actor = { role: 'handler', unit: 'p_enforce', id: 'h-enforce' };
const strayHandler: Actor = { role: 'handler', unit: 'p_service', id: 'h-service' };
const reporter: Actor = { role: 'reporter', id: 'r-1' };
const otherReporter: Actor = { role: 'reporter', id: 'r-2' };
const gridWorker: Actor = { role: 'grid_worker', unit: 'g1', id: 'gw-1' };
const villageGridWorker: Actor = { role: 'grid_worker', unit: 'v1', id: 'gw-v1' };
const otherGridWorker: Actor = { role: 'grid_worker', unit: 'g2', id: 'gw-2' };
const admin: Actor = { role: 'county_admin', unit: 'county', id: 'admin' };
const system: Actor = { role: 'system', id: 'auto-dispatch' };
const designer: Actor = { role: 'policy_designer', unit: 'county', id: 'pd' };

const base: EventState = Object.freeze(initialState(wf, { dispatcher: 'tc1', reporterId: 'r-1', grid: 'g1', level: 2 })) as EventState;
/** The event in `state`, handled by the market platform with the enforcement platform assisting, unless patched. */
const at = (state: string, patch: Partial<EventState> = {}): EventState =>
  Object.freeze({ ...base, state, handlingUnit: 'p_market', assist: ['p_enforce'], ...patch }) as EventState;

const start = (...clocks: ClockEffect['clock'][]): ClockEffect[] => clocks.map((clock) => ({ type: 'start', clock }));
const stop = (...clocks: ClockEffect['clock'][]): ClockEffect[] => clocks.map((clock) => ({ type: 'stop', clock }));

interface Step {
  name: string;
  action: string;
  actor: Actor;
  input?: TransitionInput;
  to: string;
  handlingUnit: string | null;
  dispatcher?: string;
  effects: ClockEffect[];
}

/** Replays steps from `from`, so every row of a path can be its own test. */
const replay = (from: EventState, steps: Step[]): EventState =>
  steps.reduce((s, step) => transition(wf, { state: s, action: step.action, actor: step.actor, input: step.input, now: NOW, units }).state, from);

const runPath = (from: EventState, steps: Step[]) =>
  steps.map((step, i) => ({ ...step, index: i, run: () => transition(wf, { state: replay(from, steps.slice(0, i)), action: step.action, actor: step.actor, input: step.input, now: NOW, units }) }));

const expectStep = (step: Step & { run: () => ReturnType<typeof transition> }) => {
  const out = step.run();
  expect(out.to).toBe(step.to);
  expect(out.state.state).toBe(step.to);
  expect(out.action).toBe(step.action);
  expect(out.state.handlingUnit).toBe(step.handlingUnit);
  if (step.dispatcher !== undefined) expect(out.state.dispatcher).toBe(step.dispatcher);
  expect(out.effects).toEqual(step.effects);
};

describe('baseline workflow.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  ajv.addSchema(countyConfigJsonSchema);
  const validate = ajv.getSchema(`${String(countyConfigJsonSchema.$id)}#/properties/workflow`);

  it('validates against the Workflow schema', () => {
    expect(validate).toBeDefined();
    expect(validate?.(baselineJson), JSON.stringify(validate?.errors)).toBe(true);
  });

  it('would fail the schema with an unknown key (every object is closed)', () => {
    const copy = structuredClone(baselineJson) as Record<string, unknown> & { transitions: Array<Record<string, unknown>> };
    copy.transitions[0].guard = 'x';
    expect(validate?.(copy)).toBe(false);
  });

  it('passes checkWorkflow', () => {
    expect(checkWorkflow(baseline)).toEqual([]);
  });

  it('gives county admins every move of a dispatcher', () => {
    for (const t of baseline.transitions) if (t.roles.includes('dispatcher')) expect(t.roles, t.action).toContain('county_admin');
  });
});

describe('happy path: reported → dispatched → accepted → in_progress → resolved → closed', () => {
  const steps: Step[] = [
    { name: 'dispatcher dispatches to the market platform', action: 'dispatch', actor: dispatcher, input: { unit: 'p_market' }, to: 'dispatched', handlingUnit: 'p_market', effects: start('accept', 'resolve') },
    { name: 'market platform accepts', action: 'accept', actor: handler, to: 'accepted', handlingUnit: 'p_market', effects: stop('accept') },
    { name: 'market platform starts work', action: 'start', actor: handler, to: 'in_progress', handlingUnit: 'p_market', effects: [] },
    { name: 'market platform resolves with feedback', action: 'resolve', actor: handler, input: { feedback: 'stall removed' }, to: 'resolved', handlingUnit: 'p_market', effects: stop('resolve') },
    { name: 'reporter confirms', action: 'confirm', actor: reporter, to: 'closed', handlingUnit: 'p_market', effects: [] },
  ];
  it.each(runPath(base, steps))('$index: $name', expectStep);

  it('never mutates the state it is given', () => {
    const before = JSON.stringify(base);
    replay(base, steps);
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('return, request information, reopen, self-resolve, reject, reassign', () => {
  it.each<Step & { state: EventState }>([
    { name: 'system triages (automatic grading)', state: base, action: 'triage', actor: system, to: 'triaged', handlingUnit: null, effects: [] },
    { name: 'system dispatches (automatic dispatch)', state: at('triaged', { handlingUnit: null }), action: 'dispatch', actor: system, input: { unit: 'p_market' }, to: 'dispatched', handlingUnit: 'p_market', effects: start('accept', 'resolve') },
    { name: 'handler returns: back to the dispatcher', state: at('accepted'), action: 'return', actor: handler, input: { reason: 'not our duty' }, to: 'returned', handlingUnit: 'tc1', dispatcher: 'tc1', effects: stop('accept', 'resolve') },
    { name: 'dispatcher re-dispatches a returned event', state: at('returned', { handlingUnit: 'tc1' }), action: 'dispatch', actor: dispatcher, input: { unit: 'p_enforce' }, to: 'dispatched', handlingUnit: 'p_enforce', effects: start('accept', 'resolve') },
    { name: 'handler requests information: resolve clock pauses', state: at('in_progress'), action: 'request_info', actor: handler, input: { reason: 'which stall?' }, to: 'awaiting_reporter', handlingUnit: 'p_market', effects: [{ type: 'pause', clock: 'resolve' }] },
    { name: 'reporter provides information: resolve clock resumes', state: at('awaiting_reporter'), action: 'provide_info', input: { feedback: '户号 12、13' }, actor: reporter, to: 'in_progress', handlingUnit: 'p_market', effects: [{ type: 'resume', clock: 'resolve' }] },
    { name: 'grid worker of the grid provides information', state: at('awaiting_reporter'), action: 'provide_info', input: { feedback: '户号 12、13' }, actor: gridWorker, to: 'in_progress', handlingUnit: 'p_market', effects: [{ type: 'resume', clock: 'resolve' }] },
    { name: 'dispatcher provides information for the reporter', state: at('awaiting_reporter'), action: 'provide_info', input: { feedback: '户号 12、13' }, actor: dispatcher, to: 'in_progress', handlingUnit: 'p_market', effects: [{ type: 'resume', clock: 'resolve' }] },
    { name: 'reporter reopens a resolved event', state: at('resolved'), action: 'reopen', actor: reporter, input: { reason: 'stall is back' }, to: 'reopened', handlingUnit: 'p_market', effects: [] },
    { name: 'dispatcher dispatches a reopened event', state: at('reopened'), action: 'dispatch', actor: dispatcher, input: { unit: 'p_market' }, to: 'dispatched', handlingUnit: 'p_market', effects: start('accept', 'resolve') },
    { name: 'grid worker of the grid settles it on the spot', state: base, action: 'self_resolve', actor: gridWorker, input: { feedback: 'mediated' }, to: 'self_resolved', handlingUnit: null, effects: [] },
    { name: 'grid worker posted to the village of the grid settles it', state: base, action: 'self_resolve', actor: villageGridWorker, input: { feedback: 'mediated' }, to: 'self_resolved', handlingUnit: null, effects: [] },
    { name: 'dispatcher rejects a duplicate', state: base, action: 'reject', actor: dispatcher, input: { reason: 'duplicate', duplicateOf: 'EV-2025-0001' }, to: 'rejected', handlingUnit: null, effects: [] },
    { name: 'county admin rejects for any township', state: at('triaged', { handlingUnit: null }), action: 'reject', actor: admin, input: { reason: 'test report' }, to: 'rejected', handlingUnit: null, effects: [] },
    { name: 'dispatcher reassigns work in progress', state: at('in_progress'), action: 'reassign', actor: dispatcher, input: { unit: 'p_service' }, to: 'dispatched', handlingUnit: 'p_service', effects: start('accept') },
    { name: 'assisting unit may start work', state: at('accepted'), action: 'start', actor: assistHandler, to: 'in_progress', handlingUnit: 'p_market', effects: [] },
  ])('$name', ({ state, ...step }) => {
    expectStep({ ...step, run: () => transition(wf, { state, action: step.action, actor: step.actor, input: step.input, now: NOW, units }) });
  });
});

describe('escalation: township command → county command → county department → county government', () => {
  const steps: Step[] = [
    { name: 'township command escalates', action: 'escalate', actor: dispatcher, input: { reason: 'beyond the township' }, to: 'escalated', handlingUnit: 'county_cmd', dispatcher: 'county_cmd', effects: stop('accept', 'resolve') },
    { name: 'county command dispatches to the land department', action: 'dispatch', actor: { role: 'dispatcher', unit: 'county_cmd', id: 'd-cc' }, input: { unit: 'dept_land' }, to: 'dispatched', handlingUnit: 'dept_land', dispatcher: 'county_cmd', effects: start('accept', 'resolve') },
    { name: 'land department accepts', action: 'accept', actor: { role: 'handler', unit: 'dept_land', id: 'h-land' }, to: 'accepted', handlingUnit: 'dept_land', effects: stop('accept') },
    { name: 'land department escalates', action: 'escalate', actor: { role: 'handler', unit: 'dept_land', id: 'h-land' }, input: { reason: 'needs the government' }, to: 'escalated', handlingUnit: 'county_gov', dispatcher: 'county_gov', effects: stop('accept', 'resolve') },
    { name: 'county government takes it on itself', action: 'dispatch', actor: { role: 'dispatcher', unit: 'county_gov', id: 'd-gov' }, input: { unit: 'county_gov' }, to: 'dispatched', handlingUnit: 'county_gov', effects: start('accept', 'resolve') },
  ];
  it.each(runPath(base, steps))('$index: $name', expectStep);

  it('fails at the top of the chain with transition-not-allowed', () => {
    const top = replay(base, steps);
    const escalate = () => transition(wf, { state: top, action: 'escalate', actor: { role: 'handler', unit: 'county_gov', id: 'h-gov' }, input: { reason: 'x' }, now: NOW, units });
    expect(escalate).toThrow(WorkflowError);
    expect(escalate).toThrow(expect.objectContaining({ code: 'transition-not-allowed', message: expect.stringContaining('no higher tier') }));
  });

  it('a handler escalates from its own unit and drops the assisting units', () => {
    const out = transition(wf, { state: at('in_progress'), action: 'escalate', actor: handler, input: { reason: 'x' }, now: NOW, units });
    expect(out.state).toMatchObject({ state: 'escalated', dispatcher: 'county_cmd', handlingUnit: 'county_cmd', assist: [] });
  });
});

describe('forbidden moves throw WorkflowError with a stable code', () => {
  it.each<{ name: string; state: EventState; action: string; actor: Actor; input?: TransitionInput; code: WorkflowErrorCode }>([
    { name: 'unknown action', state: base, action: 'approve', actor: dispatcher, code: 'unknown-action' },
    { name: 'accept before dispatch', state: base, action: 'accept', actor: handler, code: 'transition-not-allowed' },
    { name: 'confirm while in progress', state: at('in_progress'), action: 'confirm', actor: reporter, code: 'transition-not-allowed' },
    { name: 'escalate an escalated event', state: at('escalated'), action: 'escalate', actor: dispatcher, input: { reason: 'x' }, code: 'transition-not-allowed' },
    { name: 'dispatcher at the top escalates', state: initialState(wf, { dispatcher: 'county_gov', reporterId: 'r-1', grid: 'g1', level: 4 }), action: 'escalate', actor: { role: 'dispatcher', unit: 'county_gov', id: 'd-gov' }, input: { reason: 'x' }, code: 'transition-not-allowed' },
    { name: 'grid worker accepts', state: at('dispatched'), action: 'accept', actor: gridWorker, code: 'role-not-allowed' },
    { name: 'handler dispatches', state: base, action: 'dispatch', actor: handler, input: { unit: 'p_market' }, code: 'role-not-allowed' },
    { name: 'reporter rejects', state: base, action: 'reject', actor: reporter, input: { reason: 'x' }, code: 'role-not-allowed' },
    { name: 'policy designer resolves', state: at('in_progress'), action: 'resolve', actor: designer, input: { feedback: 'x' }, code: 'role-not-allowed' },
    { name: 'unrelated handler accepts', state: at('dispatched'), action: 'accept', actor: strayHandler, code: 'unit-not-allowed' },
    { name: 'assisting unit accepts', state: at('dispatched'), action: 'accept', actor: assistHandler, code: 'unit-not-allowed' },
    { name: 'assisting unit resolves', state: at('in_progress'), action: 'resolve', actor: assistHandler, input: { feedback: 'x' }, code: 'unit-not-allowed' },
    { name: 'assisting unit escalates', state: at('in_progress'), action: 'escalate', actor: assistHandler, input: { reason: 'x' }, code: 'unit-not-allowed' },
    { name: 'another township dispatches', state: base, action: 'dispatch', actor: otherDispatcher, input: { unit: 'p_market' }, code: 'unit-not-allowed' },
    { name: 'another township escalates', state: base, action: 'escalate', actor: otherDispatcher, input: { reason: 'x' }, code: 'unit-not-allowed' },
    { name: 'another reporter confirms', state: at('resolved'), action: 'confirm', actor: otherReporter, code: 'unit-not-allowed' },
    { name: 'grid worker of another grid confirms', state: at('resolved'), action: 'confirm', actor: otherGridWorker, code: 'unit-not-allowed' },
    { name: 'grid worker of another grid self-resolves', state: base, action: 'self_resolve', actor: otherGridWorker, input: { feedback: 'x' }, code: 'unit-not-allowed' },
    { name: 'return without a reason', state: at('accepted'), action: 'return', actor: handler, code: 'missing-input' },
    { name: 'return with a blank reason', state: at('accepted'), action: 'return', actor: handler, input: { reason: '   ' }, code: 'missing-input' },
    { name: 'dispatch without a unit', state: base, action: 'dispatch', actor: dispatcher, code: 'missing-input' },
    { name: 'dispatch to a unit that does not exist', state: base, action: 'dispatch', actor: dispatcher, input: { unit: 'no-such-unit' }, code: 'unknown-unit' },
    { name: 'dispatch to a unit id that is not text', state: base, action: 'dispatch', actor: dispatcher, input: { unit: 42 as unknown as string }, code: 'missing-input' },
    { name: 'return with a reason that is not text', state: at('accepted'), action: 'return', actor: handler, input: { reason: { text: 'x' } as unknown as string }, code: 'missing-input' },
    { name: 'dispatch to the county itself (not a handling unit)', state: base, action: 'dispatch', actor: dispatcher, input: { unit: 'county' }, code: 'unknown-unit' },
    { name: 'resolve without feedback', state: at('in_progress'), action: 'resolve', actor: handler, code: 'missing-input' },
    { name: 'reject without a reason', state: base, action: 'reject', actor: dispatcher, input: { duplicateOf: 'EV-1' }, code: 'missing-input' },
    { name: 'accept a closed event', state: at('closed'), action: 'accept', actor: handler, code: 'terminal-state' },
    { name: 'reopen a closed event', state: at('closed'), action: 'reopen', actor: reporter, input: { reason: 'x' }, code: 'terminal-state' },
    { name: 'dispatch a rejected event', state: at('rejected'), action: 'dispatch', actor: dispatcher, input: { unit: 'p_market' }, code: 'terminal-state' },
    { name: 'escalate a self-resolved event', state: at('self_resolved'), action: 'escalate', actor: dispatcher, input: { reason: 'x' }, code: 'terminal-state' },
  ])('$name → $code', ({ state, action, actor, input, code }) => {
    let caught: unknown;
    try {
      transition(wf, { state, action, actor, input, now: NOW, units });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WorkflowError);
    expect(caught).toMatchObject({ code, state: state.state, action, role: actor.role });
  });

  it.each([
    { name: 'wrong state', state: at('closed'), action: 'accept', actor: handler, message: 'action "accept" is not allowed in state "closed"' },
    { name: 'wrong role', state: at('dispatched'), action: 'accept', actor: gridWorker, message: 'role "grid_worker" may not "accept" in state "dispatched"' },
    { name: 'wrong unit', state: at('dispatched'), action: 'accept', actor: strayHandler, message: 'role "handler" of unit "p_service" may not "accept" in state "dispatched"' },
    { name: 'missing input', state: at('accepted'), action: 'return', actor: handler, message: 'action "return" in state "accepted" requires "reason"' },
  ])('says what is wrong in plain English: $name', ({ state, action, actor, message }) => {
    expect(() => transition(wf, { state, action, actor, now: NOW, units })).toThrow(message);
  });
});

describe('availableActions', () => {
  it.each([
    { name: 'dispatcher, new report', state: base, actor: dispatcher, actions: ['triage', 'dispatch', 'escalate', 'reject'] },
    { name: 'system, new report', state: base, actor: system, actions: ['triage', 'dispatch', 'escalate'] },
    { name: 'grid worker of the grid, new report', state: base, actor: gridWorker, actions: ['self_resolve'] },
    { name: 'dispatcher of another township, new report', state: base, actor: otherDispatcher, actions: [] },
    { name: 'dispatcher at the top, new report', state: initialState(wf, { dispatcher: 'county_gov', reporterId: 'r-1', grid: 'g1', level: 4 }), actor: { role: 'dispatcher', unit: 'county_gov', id: 'd-gov' } as Actor, actions: ['triage', 'dispatch', 'reject'] },
    { name: 'lead handler, dispatched', state: at('dispatched'), actor: handler, actions: ['accept', 'return', 'escalate'] },
    { name: 'dispatcher, dispatched', state: at('dispatched'), actor: dispatcher, actions: ['escalate', 'reassign'] },
    { name: 'assisting handler, accepted', state: at('accepted'), actor: assistHandler, actions: ['start'] },
    { name: 'reporter, resolved', state: at('resolved'), actor: reporter, actions: ['confirm', 'reopen'] },
    { name: 'county admin, resolved', state: at('resolved'), actor: admin, actions: ['reopen'] },
    { name: 'anyone, closed', state: at('closed'), actor: admin, actions: [] },
  ])('$name → $actions', ({ state, actor, actions }) => {
    expect(availableActions(wf, state, actor, units).map((a) => a.action)).toEqual(actions);
  });

  it('tells a UI the name and the inputs to ask for', () => {
    expect(availableActions(wf, at('dispatched'), handler, units).find((a) => a.action === 'return')).toEqual({
      action: 'return',
      name: { zh: '退回', en: 'Return' },
      to: 'returned',
      requires: ['reason'],
    });
  });
});

describe('checkWorkflow on broken copies', () => {
  const copy = (): Workflow => structuredClone(baseline);
  const stateIndex = (id: string) => baseline.states.findIndex((s) => s.id === id);
  const transitionIndex = (action: string) => baseline.transitions.findIndex((t) => t.action === action);

  it.each<{ name: string; breakIt: (wf: Workflow) => void; code: string; pointer: string }>([
    { name: 'unknown initial state', breakIt: (w) => void (w.initial = 'new'), code: 'unknown-state', pointer: '/workflow/initial' },
    { name: 'terminal initial state', breakIt: (w) => void (w.initial = 'closed'), code: 'terminal-initial-state', pointer: '/workflow/initial' },
    { name: 'transition from an unknown state', breakIt: (w) => void (w.transitions[3].from[1] = 'acepted'), code: 'unknown-state', pointer: '/workflow/transitions/3/from/1' },
    { name: 'transition to an unknown state', breakIt: (w) => void (w.transitions[0].to = 'graded'), code: 'unknown-state', pointer: '/workflow/transitions/0/to' },
    { name: 'duplicate state id', breakIt: (w) => void w.states.push({ ...w.states[0] }), code: 'duplicate-state', pointer: `/workflow/states/${baseline.states.length}/id` },
    {
      name: 'duplicate (action, from-state) pair',
      breakIt: (w) => void w.transitions.push({ ...w.transitions[transitionIndex('accept')], to: 'in_progress' }),
      code: 'duplicate-transition',
      pointer: `/workflow/transitions/${baseline.transitions.length}/from/0`,
    },
    { name: 'transition leaving a terminal state', breakIt: (w) => void w.transitions[transitionIndex('reopen')].from.push('closed'), code: 'transition-from-terminal', pointer: `/workflow/transitions/${transitionIndex('reopen')}/from/1` },
    {
      name: 'open state without a way out',
      breakIt: (w) => void (w.transitions = w.transitions.filter((t) => t.action !== 'confirm' && t.action !== 'reopen')),
      code: 'dead-end-state',
      pointer: `/workflow/states/${stateIndex('resolved')}`,
    },
    {
      name: 'state nothing leads to',
      breakIt: (w) => {
        w.states.push({ id: 'limbo', name: { zh: '悬置', en: 'Limbo' }, open: true });
        w.transitions.push({ ...w.transitions[transitionIndex('confirm')], action: 'leave_limbo', from: ['limbo'] });
      },
      code: 'unreachable-state',
      pointer: `/workflow/states/${baseline.states.length}`,
    },
  ])('$name → $code at $pointer', ({ breakIt, code, pointer }) => {
    const broken = copy();
    breakIt(broken);
    const issues = checkWorkflow(broken);
    expect(issues).toContainEqual(expect.objectContaining({ code, pointer }));
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
  });
});
