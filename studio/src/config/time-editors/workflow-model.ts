/**
 * The workflow as its editor edits it: states (boxes) and transitions (labelled arrows), each
 * transition an action from one or more states to one, by roles, with its required input and
 * its effects on the SLA clocks. Edits keep everything they do not touch; the engine's workflow
 * checks (compile) say what a half-made workflow still lacks.
 */
import type { I18nText, Workflow, WorkflowTransition } from '../../../../engine/index';
import { freshId, isObject, removeAt, replaceAt, withKey } from './object-edits';

export type WorkflowState = Workflow['states'][number];
export type ClockEffectKind = 'start' | 'stop' | 'pause' | 'resume';
export const CLOCK_EFFECT_KINDS: readonly ClockEffectKind[] = ['start', 'stop', 'pause', 'resume'];
export const UNIT_SCOPES = ['handling', 'dispatching', 'reporter', 'any'] as const;
export const REQUIRED_INPUTS = ['reason', 'unit', 'feedback', 'duplicateOf'] as const;
export const HANDLING_EFFECTS = ['keep', 'set-from-input', 'back-to-dispatcher', 'escalate', 'clear'] as const;

/** The workflow when the section has the shape the editor understands, else null. */
export function readWorkflow(value: unknown): Workflow | null {
  if (!isObject(value) || typeof value.initial !== 'string' || !Array.isArray(value.states) || !Array.isArray(value.transitions)) return null;
  const ok = value.states.every((s) => isObject(s) && typeof s.id === 'string') && value.transitions.every((t) => isObject(t) && typeof t.action === 'string' && Array.isArray(t.from) && typeof t.to === 'string');
  return ok ? (value as unknown as Workflow) : null;
}

export function setInitial(workflow: Workflow, state: string): Workflow {
  return withKey(workflow, 'initial', state);
}

/** A new open state with a fresh id. */
export function addState(workflow: Workflow, name: I18nText, id?: string): Workflow {
  const state: WorkflowState = { id: freshId(id ?? 'state', workflow.states.map((s) => s.id)), name, open: true };
  return withKey(workflow, 'states', [...workflow.states, state]);
}

/** Changes a state; renaming its id renames it in every transition and in `initial` too. */
export function updateState(workflow: Workflow, index: number, patch: Partial<WorkflowState>): Workflow {
  const before = workflow.states[index];
  if (!before) return workflow;
  const patched = Object.entries(patch).reduce<WorkflowState>((acc, [k, v]) => withKey(acc, k, v === false && k === 'terminal' ? undefined : v), before);
  let next = withKey(workflow, 'states', replaceAt(workflow.states, index, () => patched));
  if (patch.id !== undefined && patch.id !== before.id) {
    const rename = (id: string) => (id === before.id ? patch.id! : id);
    next = withKey(next, 'transitions', next.transitions.map((t) => (t.from.includes(before.id) || t.to === before.id ? { ...t, from: t.from.map(rename), to: rename(t.to) } : t)));
    if (next.initial === before.id) next = setInitial(next, patch.id);
  }
  return next;
}

/** Removes a state and takes it out of the transitions' from-lists; transitions into it stay (the checks name them). */
export function removeState(workflow: Workflow, index: number): Workflow {
  const gone = workflow.states[index];
  if (!gone) return workflow;
  const transitions = workflow.transitions.map((t) => (t.from.includes(gone.id) && t.from.length > 1 ? { ...t, from: t.from.filter((f) => f !== gone.id) } : t));
  return withKey(withKey(workflow, 'states', removeAt(workflow.states, index)), 'transitions', transitions);
}

/** A new transition from `from` to `to`, by the dispatcher, for the dispatching unit, unless told otherwise. */
export function addTransition(workflow: Workflow, transition: Partial<WorkflowTransition> & Pick<WorkflowTransition, 'from' | 'to'>): Workflow {
  // one action may leave several states in several transitions: only a new name needs a fresh one
  const action = transition.action ?? freshId('action', workflow.transitions.map((t) => t.action));
  const added: WorkflowTransition = {
    action,
    name: transition.name ?? { zh: action, en: action },
    from: transition.from,
    to: transition.to,
    roles: transition.roles ?? ['dispatcher'],
    unitScope: transition.unitScope ?? 'dispatching',
    ...(transition.requires?.length ? { requires: transition.requires } : {}),
    ...(transition.handling ? { handling: transition.handling } : {}),
    ...(transition.sla ? { sla: transition.sla } : {}),
  };
  return withKey(workflow, 'transitions', [...workflow.transitions, added]);
}

/** Changes a transition; an empty `requires` list or `handling` of undefined removes the key. */
export function updateTransition(workflow: Workflow, index: number, patch: Partial<WorkflowTransition>): Workflow {
  return withKey(
    workflow,
    'transitions',
    replaceAt(workflow.transitions, index, (t) => Object.entries(patch).reduce<WorkflowTransition>((acc, [k, v]) => withKey(acc, k, k === 'requires' && Array.isArray(v) && v.length === 0 ? undefined : v), t)),
  );
}

export function removeTransition(workflow: Workflow, index: number): Workflow {
  return withKey(workflow, 'transitions', removeAt(workflow.transitions, index));
}

/** Sets which clocks a transition starts, stops, pauses or resumes; no clocks at all removes `sla`. */
export function setClockEffect(transition: WorkflowTransition, kind: ClockEffectKind, clocks: ReadonlyArray<'accept' | 'resolve'>): WorkflowTransition {
  const effects = withKey(transition.sla ?? {}, kind, clocks.length > 0 ? [...clocks] : undefined);
  return withKey(transition, 'sla', Object.keys(effects).length > 0 ? effects : undefined);
}

/** The clock effects of a transition in words of the schema: "start accept, resolve · stop …". */
export function clockEffectList(transition: WorkflowTransition): Array<{ kind: ClockEffectKind; clocks: string[] }> {
  return CLOCK_EFFECT_KINDS.flatMap((kind) => (transition.sla?.[kind]?.length ? [{ kind, clocks: [...transition.sla[kind]!] }] : []));
}
