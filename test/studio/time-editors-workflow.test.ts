/** The workflow editor's model and diagram layout; a half-made workflow is named by the engine's own checks. */
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../engine/index';
import { checkWorkflow } from '../../engine/workflow/transition';
import baseline from '../../catalogs/zhejiang-four-platforms/workflow.json';
import { addState, addTransition, clockEffectList, readWorkflow, removeState, removeTransition, setClockEffect, setInitial, updateState, updateTransition } from '../../studio/src/config/time-editors/workflow-model';
import { BOX_HEIGHT, BOX_WIDTH, labelWidth, layoutWorkflow } from '../../studio/src/config/time-editors/workflow-layout';

const wf = () => structuredClone(baseline) as unknown as Workflow;

describe('workflow edits', () => {
  it('reads the baseline; not a malformed section', () => {
    expect(readWorkflow(wf())).not.toBeNull();
    expect(readWorkflow({ initial: 'a', states: [], transitions: [{ action: 'x' }] })).toBeNull();
  });

  it('adds a transition with defaults and no optional keys; the workflow stays valid', () => {
    const next = addTransition(wf(), { action: 'supervise', name: { zh: '督办', en: 'Supervise' }, from: ['in_progress'], to: 'in_progress' });
    expect(next.transitions.at(-1)).toEqual({ action: 'supervise', name: { zh: '督办', en: 'Supervise' }, from: ['in_progress'], to: 'in_progress', roles: ['dispatcher'], unitScope: 'dispatching' });
    expect(checkWorkflow(next)).toEqual([]);
  });

  it('an action already taken from the same state is a duplicate-transition problem', () => {
    const next = addTransition(wf(), { action: 'accept', from: ['dispatched'], to: 'in_progress' });
    expect(checkWorkflow(next).map((i) => i.code)).toEqual(['duplicate-transition']);
  });

  it('a new transition without a name gets a fresh action', () => {
    const next = addTransition(addTransition(wf(), { from: ['reported'], to: 'triaged' }), { from: ['reported'], to: 'triaged' });
    expect(next.transitions.slice(-2).map((t) => t.action)).toEqual(['action', 'action-2']);
  });

  it('edits a transition: empty requires removes the key, the rest stays in place', () => {
    const i = wf().transitions.findIndex((t) => t.action === 'dispatch');
    const next = updateTransition(wf(), i, { requires: [], roles: ['dispatcher'] });
    expect('requires' in next.transitions[i]).toBe(false);
    expect(Object.keys(next.transitions[i])).toEqual(Object.keys(wf().transitions[i]).filter((k) => k !== 'requires'));
    expect(removeTransition(wf(), i).transitions).toHaveLength(wf().transitions.length - 1);
  });

  it('sets clock effects; none at all removes sla', () => {
    const accept = wf().transitions.find((t) => t.action === 'accept')!;
    const both = setClockEffect(accept, 'stop', ['accept', 'resolve']);
    expect(both.sla).toEqual({ stop: ['accept', 'resolve'] });
    expect('sla' in setClockEffect(accept, 'stop', [])).toBe(false);
    expect(clockEffectList(wf().transitions.find((t) => t.action === 'dispatch')!)).toEqual([{ kind: 'start', clocks: ['accept', 'resolve'] }]);
  });

  it('a new state is a dead end and unreachable until transitions reach and leave it', () => {
    let next = addState(wf(), { zh: '督办中', en: 'Supervised' }, 'supervised');
    expect(checkWorkflow(next).map((i) => i.code).sort()).toEqual(['dead-end-state', 'unreachable-state']);
    next = addTransition(next, { action: 'supervise', from: ['in_progress'], to: 'supervised' });
    next = addTransition(next, { action: 'resume_work', from: ['supervised'], to: 'in_progress', roles: ['handler'], unitScope: 'handling' });
    expect(checkWorkflow(next)).toEqual([]);
  });

  it('renaming a state id renames it in transitions and initial', () => {
    const next = updateState(wf(), 0, { id: 'new_report' });
    expect(next.initial).toBe('new_report');
    expect(next.transitions.filter((t) => t.from.includes('new_report')).map((t) => t.action)).toEqual(['triage', 'dispatch', 'escalate', 'self_resolve', 'reject']);
    expect(checkWorkflow(next)).toEqual([]);
  });

  it('a terminal flag of false removes the key', () => {
    const closed = wf().states.findIndex((s) => s.id === 'closed');
    expect('terminal' in updateState(wf(), closed, { terminal: false }).states[closed]).toBe(false);
  });

  it('removing a state takes it out of from-lists; what still points at it is named by the checks', () => {
    const next = removeState(wf(), wf().states.findIndex((s) => s.id === 'returned'));
    expect(next.transitions.find((t) => t.action === 'dispatch')!.from).not.toContain('returned');
    expect(checkWorkflow(next).map((i) => i.code)).toEqual(['unknown-state']);
  });

  it('an unknown initial state is named', () => {
    expect(checkWorkflow(setInitial(wf(), 'nowhere')).map((i) => i.code)).toContain('unknown-state');
  });
});

describe('diagram layout', () => {
  it('one box a state in order, one arrow per transition and from-state, inside the drawing', () => {
    const layout = layoutWorkflow(wf());
    expect(layout.boxes.every((b, i) => i === 0 || (b.x > layout.boxes[i - 1].x && b.y === layout.boxes[0].y))).toBe(true);
    expect(layout.boxes.map((b) => b.id)).toEqual(wf().states.map((s) => s.id));
    expect(layout.arrows).toHaveLength(wf().transitions.reduce((n, t) => n + t.from.length, 0));
    for (const b of layout.boxes) {
      expect(b.x + BOX_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(b.y + BOX_HEIGHT).toBeLessThanOrEqual(layout.height);
    }
    const reassign = layout.arrows.filter((a) => a.action === 'reassign' && a.from === 'dispatched');
    expect(reassign[0].loop).toBe(true);
    for (const a of layout.arrows) {
      expect(a.labelY).toBeGreaterThan(0);
      expect(a.labelY).toBeLessThan(layout.height);
    }
    // forward moves above the boxes, moves back below them
    const box = layout.boxes[0];
    expect(layout.arrows.find((a) => a.action === 'triage')!.labelY).toBeLessThan(box.y);
    expect(layout.arrows.find((a) => a.action === 'dispatch' && a.from === 'returned')!.labelY).toBeGreaterThan(box.y + BOX_HEIGHT);
    // two arrows between the same boxes get labels apart
    const pair = layout.arrows.filter((a) => [a.from, a.to].sort().join() === 'dispatched,returned');
    expect(pair.length).toBe(2);
    expect(Math.hypot(pair[0].labelX - pair[1].labelX, pair[0].labelY - pair[1].labelY)).toBeGreaterThan(10);
  });

  it.each(['zh', 'en'] as const)('the baseline\'s %s labels do not cover one another', (language) => {
    const w = wf();
    const text = (i: number) => w.transitions[i].name[language];
    const layout = layoutWorkflow(w, text);
    const boxes = layout.arrows.map((a) => ({ x: a.labelX, y: a.labelY, w: labelWidth(text(a.transition)) }));
    const overlaps = boxes.flatMap((p, i) => boxes.slice(i + 1).filter((q) => Math.abs(p.x - q.x) * 2 < p.w + q.w && Math.abs(p.y - q.y) < 12));
    expect(overlaps).toEqual([]);
  });
});
