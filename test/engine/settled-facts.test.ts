/**
 * What each workflow action settles for the assessment: deadlines met or missed for the unit
 * holding the event, runs withdrawn, resolutions, closures and reopenings. Events are moved with
 * the engine's own transition and clock effects over the mini county's calendar-time policy
 * (accept 1 h, resolve 48 h).
 */
import { describe, expect, it } from 'vitest';
import { applyClockEffects, breachFacts, compile, planSla, transition, transitionFacts, type Actor, type CompiledConfig, type EventState, type SettledFact, type SlaPlan, type TransitionInput } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

const compiled = (() => {
  const r = compile(miniCounty());
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
})();

const H = 3_600_000;
const T0 = Date.parse('2026-06-18T10:00:00+08:00');
const dispatcher: Actor = { role: 'dispatcher', unit: 't1-cmd', id: 'd1' };
const village: Actor = { role: 'handler', unit: 't1-v1', id: 'h1' };
const market: Actor = { role: 'handler', unit: 't1-mkt', id: 'h2' };
const reporter: Actor = { role: 'reporter', id: 'r1' };

interface Event {
  state: EventState;
  sla: SlaPlan;
}

/** An event of level 3 dispatched to village t1-v1 at T0: accept due T0 + 1 h, resolve T0 + 48 h. */
function dispatched(c: CompiledConfig = compiled): Event {
  const state: EventState = { state: 'dispatched', handlingUnit: 't1-v1', dispatcher: 't1-cmd', assist: [], reporterId: 'r1', grid: 't1-v1-g1', level: 3, red: false };
  return { state, sla: planSla(c, { decision: { slaPolicy: 'l34' }, startAt: T0 }) };
}

/** Fires `action` at `now`: the next event and the facts it settles. */
function act(event: Event, action: string, actor: Actor, now: number, input?: TransitionInput): { event: Event; facts: SettledFact[] } {
  const outcome = transition(compiled, { state: event.state, action, actor, now, input });
  const sla = applyClockEffects(compiled, event.sla, outcome.effects, now);
  const next = { state: outcome.state, sla };
  const facts = transitionFacts({ workflow: compiled.config.workflow, before: { ...event.state, sla: event.sla }, after: { ...next.state, sla }, actor, now });
  return { event: next, facts };
}

const fact = (f: Partial<SettledFact>) => expect.objectContaining(f);

describe('facts of an action', () => {
  it('accepting by the deadline is on time, counted in the period of the deadline', () => {
    const { facts } = act(dispatched(), 'accept', village, T0 + 0.5 * H);
    expect(facts).toEqual([{ kind: 'accept', since: T0, unit: 't1-v1', periodAt: T0 + H, dueAt: T0 + H, onTime: true }]);
  });

  it('accepting after the deadline is late for the unit', () => {
    expect(act(dispatched(), 'accept', village, T0 + 2 * H).facts).toEqual([fact({ kind: 'accept', unit: 't1-v1', onTime: false, periodAt: T0 + H })]);
  });

  it('exactly at the deadline is on time', () => {
    expect(act(dispatched(), 'accept', village, T0 + H).facts).toEqual([fact({ kind: 'accept', onTime: true })]);
  });

  it('returning within the accept deadline answers it; the resolve run is withdrawn', () => {
    expect(act(dispatched(), 'return', village, T0 + 0.5 * H, { reason: '不属于本村职责' }).facts).toEqual([fact({ kind: 'accept', onTime: true, unit: 't1-v1' })]);
  });

  it('reassigned before the deadline: nothing for the unit it is taken from; the resolve run moves with the event', () => {
    const { event, facts } = act(dispatched(), 'reassign', dispatcher, T0 + 0.5 * H, { unit: 't1-mkt' });
    expect(facts).toEqual([]);
    // the market platform accepts by its own new deadline and resolves within the first run's 48 h
    const accepted = act(event, 'accept', market, T0 + H);
    expect(accepted.facts).toEqual([fact({ kind: 'accept', unit: 't1-mkt', since: T0 + 0.5 * H, onTime: true, dueAt: T0 + 1.5 * H })]);
    const started = act(accepted.event, 'start', market, T0 + 2 * H);
    const resolved = act(started.event, 'resolve', market, T0 + 40 * H, { feedback: '已处理' });
    expect(resolved.facts).toEqual([
      { kind: 'resolve', since: T0, unit: 't1-mkt', periodAt: T0 + 48 * H, dueAt: T0 + 48 * H, onTime: true },
      { kind: 'resolution', since: T0 + 40 * H, unit: 't1-mkt', periodAt: T0 + 40 * H, dueAt: T0 + 48 * H, onTime: true },
    ]);
  });

  it('reassigned after the deadlines: both late for the unit it is taken from, and the resolve run is not late twice', () => {
    const accepted = act(dispatched(), 'accept', village, T0 + 0.5 * H).event;
    const { event, facts } = act(accepted, 'reassign', dispatcher, T0 + 50 * H, { unit: 't1-mkt' });
    expect(facts).toEqual([fact({ kind: 'resolve', unit: 't1-v1', onTime: false, since: T0, periodAt: T0 + 48 * H })]);
    const late = act(act(event, 'accept', market, T0 + 50.5 * H).event, 'start', market, T0 + 51 * H).event;
    // the same run, already settled: the key (event, resolve, T0) is written once, for t1-v1
    expect(act(late, 'resolve', market, T0 + 52 * H, { feedback: '已处理' }).facts).toEqual([
      fact({ kind: 'resolve', unit: 't1-mkt', since: T0, onTime: false }),
      fact({ kind: 'resolution', unit: 't1-mkt', onTime: false }),
    ]);
  });

  it('escalating before the resolve deadline withdraws the run; after it, it is late', () => {
    const accepted = act(dispatched(), 'accept', village, T0 + 0.5 * H).event;
    expect(act(accepted, 'escalate', village, T0 + 10 * H, { reason: '需上级协调' }).facts).toEqual([]);
    expect(act(accepted, 'escalate', village, T0 + 49 * H, { reason: '需上级协调' }).facts).toEqual([fact({ kind: 'resolve', unit: 't1-v1', onTime: false })]);
  });

  it('a dispatcher escalating an event its unit has not accepted yet withdraws the accept run', () => {
    expect(act(dispatched(), 'escalate', dispatcher, T0 + 0.5 * H, { reason: '重大事件' }).facts).toEqual([]);
  });

  it('pausing an overdue run settles it late; pausing one with time left settles nothing', () => {
    const started = act(act(dispatched(), 'accept', village, T0 + 0.5 * H).event, 'start', village, T0 + H).event;
    expect(act(started, 'request_info', village, T0 + 10 * H, { reason: '请补充照片' }).facts).toEqual([]);
    expect(act(started, 'request_info', village, T0 + 49 * H, { reason: '请补充照片' }).facts).toEqual([fact({ kind: 'resolve', onTime: false, since: T0 })]);
  });

  it('a resumed run keeps its first start as its key', () => {
    const started = act(act(dispatched(), 'accept', village, T0 + 0.5 * H).event, 'start', village, T0 + H).event;
    const paused = act(started, 'request_info', village, T0 + 10 * H, { reason: '请补充照片' }).event;
    const resumed = act(paused, 'provide_info', reporter, T0 + 20 * H, { feedback: '照片已补充' }).event;
    expect(resumed.sla.clocks.resolve).toMatchObject({ startedAt: T0 + 20 * H, since: T0, dueAt: T0 + 58 * H });
    expect(act(resumed, 'resolve', village, T0 + 57 * H, { feedback: '已处理' }).facts[0]).toEqual({ kind: 'resolve', since: T0, unit: 't1-v1', periodAt: T0 + 58 * H, dueAt: T0 + 58 * H, onTime: true });
  });

  it('the confirmation of a resolution is its closure, a reopening its reopen, both in the period of the resolution', () => {
    const started = act(act(dispatched(), 'accept', village, T0 + 0.5 * H).event, 'start', village, T0 + H).event;
    const resolved = act(started, 'resolve', village, T0 + 5 * H, { feedback: '已调解' }).event;
    expect(act(resolved, 'confirm', reporter, T0 + 100 * H).facts).toEqual([{ kind: 'closure', since: T0 + 5 * H, unit: 't1-v1', periodAt: T0 + 5 * H, dueAt: null, onTime: null }]);
    expect(act(resolved, 'reopen', reporter, T0 + 100 * H, { reason: '问题仍在' }).facts).toEqual([{ kind: 'reopen', since: T0 + 5 * H, unit: 't1-v1', periodAt: T0 + 5 * H, dueAt: null, onTime: null }]);
  });
});

describe('facts of a deadline passing', () => {
  it('a running clock past its deadline is late for the unit holding the event', () => {
    const event = dispatched();
    const subject = { ...event.state, sla: event.sla };
    expect(breachFacts({ event: subject, clock: 'accept', now: T0 + H + 1 })).toEqual([{ kind: 'accept', since: T0, unit: 't1-v1', periodAt: T0 + H, dueAt: T0 + H, onTime: false }]);
    expect(breachFacts({ event: subject, clock: 'accept', now: T0 + H })).toEqual([]);
    const accepted = act(event, 'accept', village, T0 + 0.5 * H).event;
    expect(breachFacts({ event: { ...accepted.state, sla: accepted.sla }, clock: 'accept', now: T0 + 2 * H })).toEqual([]);
  });
});
