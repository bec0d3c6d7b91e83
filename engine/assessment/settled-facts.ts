/**
 * The facts the assessment counts, as an event moves: what one workflow action (or a deadline
 * passing) settles for the unit holding the event. Pure; the runtime stores each fact in the
 * transaction of the change that settles it, at most once per key (event, kind, since).
 *
 * Deadlines (`accept`, `resolve`): each run of an SLA clock is judged once, for the unit holding
 * the event — on time when that unit stopped the clock at or before its deadline (for `accept`:
 * accepting, returning or escalating it; for `resolve`: resolving it and keeping it), late when
 * the deadline passed first (whatever happens later: the fact is written when the deadline passes
 * or at the first change after it, for the unit holding the event then). A run that ends before
 * its deadline otherwise (the dispatcher reassigns the event, the unit returns or escalates it
 * before the resolve deadline) is withdrawn: not counted. Both belong to the period of the
 * deadline (`periodAt`).
 *
 * Resolutions: the unit holding the event stops the resolve clock and keeps the event
 * (`resolution`, in the period of that moment). What happens next to the state that resolution
 * led to — a terminal state (`closure`) or any other (`reopen`) — is counted in the resolution's
 * period, for the same unit.
 */
import type { Workflow } from '../schema/config-schema';
import { SLA_CLOCKS, type SlaClockName } from '../schema/constants';
import { clockRunStart } from '../sla/sla-clock';
import type { Actor, SlaClockPlan, SlaPlan } from '../types';
import type { FactFamily } from './indicator-plan';

/** The part of an event the facts are read from. */
export interface FactSubject {
  state: string;
  handlingUnit: string | null;
  sla: SlaPlan;
}

export interface SettledFact {
  kind: Exclude<FactFamily, 'rating'>;
  /** With the event and kind, the fact's key: the clock run's first start, or the resolution's time. */
  since: number;
  unit: string;
  /** The instant that decides its period: the deadline, or the resolution's time. */
  periodAt: number;
  dueAt: number | null;
  /** Deadlines and resolutions: whether the deadline was met; null for closures and reopenings. */
  onTime: boolean | null;
}

interface WorkflowFacts {
  terminal: ReadonlySet<string>;
  /** States a resolution leads to: the targets of transitions that stop the resolve clock and keep the handling unit. */
  resolved: ReadonlySet<string>;
}

const cache = new WeakMap<Workflow, WorkflowFacts>();

function workflowFacts(workflow: Workflow): WorkflowFacts {
  let facts = cache.get(workflow);
  if (!facts) {
    facts = {
      terminal: new Set(workflow.states.filter((s) => s.terminal).map((s) => s.id)),
      resolved: new Set(workflow.transitions.filter((t) => t.sla?.stop?.includes('resolve') && (t.handling ?? 'keep') === 'keep').map((t) => t.to)),
    };
    cache.set(workflow, facts);
  }
  return facts;
}

const running = (clock: SlaClockPlan | undefined): clock is SlaClockPlan & { dueAt: number } => clock !== undefined && clock.stoppedAt === undefined && clock.dueAt !== null;

const late = (clock: SlaClockName, run: SlaClockPlan, dueAt: number, unit: string): SettledFact => ({ kind: clock, since: clockRunStart(run), unit, periodAt: dueAt, dueAt, onTime: false });

export interface TransitionFactsOptions {
  workflow: Workflow;
  before: FactSubject;
  after: FactSubject;
  actor: Actor;
  now: number;
}

/**
 * What one action settles.
 * @example
 * transitionFacts({ workflow, before, after, actor: { role: 'handler', unit: 'qs-fx-mkt', id: 'h1' }, now })
 * // accepting 20 min before the accept deadline: [{ kind: 'accept', unit: 'qs-fx-mkt', onTime: true, periodAt: dueAt, ... }]
 */
export function transitionFacts(opts: TransitionFactsOptions): SettledFact[] {
  const { before, after, actor, now } = opts;
  const holder = before.handlingUnit;
  const facts: SettledFact[] = [];
  if (holder === null) return facts;
  const byHolder = actor.unit === holder && actor.role !== 'system';
  const kept = after.handlingUnit === holder;
  for (const clock of SLA_CLOCKS) {
    const run = before.sla.clocks[clock];
    if (run === undefined || run.stoppedAt !== undefined) continue;
    const next = after.sla.clocks[clock];
    const sameRun = next !== undefined && clockRunStart(next) === clockRunStart(run) ? next : undefined;
    const met = sameRun?.stoppedAt !== undefined && byHolder && (clock === 'accept' || kept);
    const since = clockRunStart(run);
    if (run.dueAt === null) {
      // paused, so no time passes: met when its unit stops it; nothing otherwise
      if (met) facts.push({ kind: clock, since, unit: holder, periodAt: now, dueAt: null, onTime: true });
    } else if (now > run.dueAt) {
      // overdue: settled late at the first change that ends it, pauses it or moves it to another unit
      if (!sameRun || sameRun.stoppedAt !== undefined || sameRun.pausedAt !== null || !kept) facts.push(late(clock, run, run.dueAt, holder));
    } else if (met) {
      facts.push({ kind: clock, since, unit: holder, periodAt: run.dueAt, dueAt: run.dueAt, onTime: true });
    }
  }
  const resolve = before.sla.clocks.resolve;
  const resolvedNow = resolve !== undefined && resolve.stoppedAt === undefined && after.sla.clocks.resolve?.stoppedAt === now && clockRunStart(after.sla.clocks.resolve) === clockRunStart(resolve);
  if (resolvedNow && byHolder && kept) {
    facts.push({ kind: 'resolution', since: now, unit: holder, periodAt: now, dueAt: resolve.dueAt, onTime: resolve.dueAt === null || now <= resolve.dueAt });
  }
  const wf = workflowFacts(opts.workflow);
  const resolvedAt = resolve?.stoppedAt;
  if (resolvedAt !== undefined && wf.resolved.has(before.state) && after.state !== before.state) {
    facts.push({ kind: wf.terminal.has(after.state) ? 'closure' : 'reopen', since: resolvedAt, unit: holder, periodAt: resolvedAt, dueAt: null, onTime: null });
  }
  return facts;
}

/**
 * What a deadline passing settles: a running clock past its deadline is late for the unit
 * holding the event (nothing when the clock no longer runs or has time left).
 */
export function breachFacts(opts: { event: FactSubject; clock: SlaClockName; now: number }): SettledFact[] {
  const run = opts.event.sla.clocks[opts.clock];
  const holder = opts.event.handlingUnit;
  if (holder === null || !running(run) || opts.now <= run.dueAt) return [];
  return [late(opts.clock, run, run.dueAt, holder)];
}
