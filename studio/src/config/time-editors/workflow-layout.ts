/**
 * Where the workflow diagram draws things, as an arc diagram: states as boxes on one line in the
 * workflow's order, each (transition, from-state) an arc with its action's name at the top —
 * forward moves above the line, moves back below it — so no arrow crosses a box and the wider a
 * jump, the higher its arc.
 */
import type { Workflow } from '../../../../engine/index';

export interface StateBox {
  id: string;
  x: number;
  y: number;
  index: number;
}

export interface TransitionArrow {
  /** Index of the transition in the workflow. */
  transition: number;
  action: string;
  from: string;
  to: string;
  /** SVG path data of the arrow, and where its label goes. */
  path: string;
  labelX: number;
  labelY: number;
  loop: boolean;
}

export const BOX_WIDTH = 100;
export const BOX_HEIGHT = 40;
const GAP_X = 44;
const MARGIN = 16;
/** Arc height for a jump of `span` boxes: distinct for each span, growing slowly. */
const arcHeight = (span: number, nth: number) => 30 + 26 * Math.log2(span) + nth * 14;

export interface WorkflowLayout {
  boxes: StateBox[];
  arrows: TransitionArrow[];
  width: number;
  height: number;
}

/** Rough width in px of a label in the diagram's 10 px font: CJK characters are about square. */
export function labelWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 10.5 : 6;
  return w + 4;
}

/** Where along its arc a label may sit, best first: the top, then further down either side. */
const LABEL_SPOTS = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8];

/**
 * Lays the workflow out. `labelOf` gives the text each transition's label will show (its width
 * decides where labels fit without covering one another); by default the action.
 */
export function layoutWorkflow(workflow: Workflow, labelOf: (transition: number) => string = (i) => workflow.transitions[i]?.action ?? ''): WorkflowLayout {
  const index = new Map(workflow.states.map((s, i) => [s.id, i]));
  const pairs = new Map<string, number>();
  const pending: Array<Omit<TransitionArrow, 'path' | 'labelX' | 'labelY'> & { a: number; b: number; nth: number }> = [];
  workflow.transitions.forEach((t, transition) => {
    for (const from of t.from) {
      const a = index.get(from);
      const b = index.get(t.to);
      if (a === undefined || b === undefined) continue;
      const key = `${from}\u0000${t.to}`;
      const nth = pairs.get(key) ?? 0;
      pairs.set(key, nth + 1);
      pending.push({ transition, action: t.action, from, to: t.to, loop: a === b, a, b, nth });
    }
  });
  const up = Math.max(40, ...pending.filter((p) => p.b > p.a || p.loop).map((p) => (p.loop ? 40 + p.nth * 12 : arcHeight(p.b - p.a, p.nth))));
  const down = Math.max(20, ...pending.filter((p) => p.b < p.a).map((p) => arcHeight(p.a - p.b, p.nth)));
  const y = MARGIN + up + 8;
  const boxes: StateBox[] = workflow.states.map((s, i) => ({ id: s.id, index: i, x: MARGIN + i * (BOX_WIDTH + GAP_X), y }));
  const centre = (i: number) => MARGIN + i * (BOX_WIDTH + GAP_X) + BOX_WIDTH / 2;
  const placed: Array<{ x: number; y: number; w: number }> = [];
  const free = (x: number, y: number, w: number) => placed.every((p) => Math.abs(p.x - x) * 2 >= p.w + w || Math.abs(p.y - y) >= 12);
  // short arcs first: their labels have the least room to move
  const order = pending.map((_, i) => i).sort((i, j) => Math.abs(pending[i].b - pending[i].a) - Math.abs(pending[j].b - pending[j].a));
  const arrows: TransitionArrow[] = new Array(pending.length);
  for (const k of order) {
    const { a, b, nth, ...arrow } = pending[k];
    const w = labelWidth(labelOf(arrow.transition));
    if (arrow.loop) {
      const x = centre(a);
      const h = 34 + nth * 12;
      placed.push({ x, y: y - h + 2, w });
      arrows[k] = { ...arrow, path: `M ${x - 12} ${y} C ${x - 30} ${y - h}, ${x + 30} ${y - h}, ${x + 12} ${y}`, labelX: x, labelY: y - h + 2 };
      continue;
    }
    const forward = b > a;
    // leave right of the centre and arrive left of it, so in- and outgoing arcs part at each box
    const x1 = centre(a) + (forward ? 14 : -14);
    const x2 = centre(b) + (forward ? -14 : 14);
    const edge = forward ? y : y + BOX_HEIGHT;
    const h = arcHeight(Math.abs(b - a), nth) * (forward ? -1 : 1);
    const mx = (x1 + x2) / 2;
    const cy = edge + 2 * h;
    const at = (t: number) => ({ x: (1 - t) * (1 - t) * x1 + 2 * (1 - t) * t * mx + t * t * x2, y: (1 - t) * (1 - t) * edge + 2 * (1 - t) * t * cy + t * t * edge + (forward ? -3 : 11) });
    const spot = LABEL_SPOTS.map(at).find((p) => free(p.x, p.y, w)) ?? at(0.5);
    placed.push({ x: spot.x, y: spot.y, w });
    arrows[k] = { ...arrow, path: `M ${x1} ${edge} Q ${mx} ${cy}, ${x2} ${edge}`, labelX: Math.round(spot.x * 10) / 10, labelY: Math.round(spot.y * 10) / 10 };
  }
  const count = Math.max(1, workflow.states.length);
  return { boxes, arrows, width: MARGIN * 2 + count * BOX_WIDTH + (count - 1) * GAP_X, height: y + BOX_HEIGHT + down + MARGIN + 12 };
}
