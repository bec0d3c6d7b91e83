/**
 * Where the workflow diagram draws things: states as boxes in the workflow's order, row by row,
 * and one arrow per (transition, from-state) with its action's name at the arrow's bend. Arrows
 * between the same two boxes bend apart so their labels do not sit on one another.
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

export const BOX_WIDTH = 112;
export const BOX_HEIGHT = 40;
const GAP_X = 70;
const GAP_Y = 76;
const MARGIN = 24;

export interface WorkflowLayout {
  boxes: StateBox[];
  arrows: TransitionArrow[];
  width: number;
  height: number;
}

export function layoutWorkflow(workflow: Workflow, columns = 5): WorkflowLayout {
  const boxes: StateBox[] = workflow.states.map((s, index) => ({
    id: s.id,
    index,
    x: MARGIN + (index % columns) * (BOX_WIDTH + GAP_X),
    y: MARGIN + Math.floor(index / columns) * (BOX_HEIGHT + GAP_Y),
  }));
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const pairCount = new Map<string, number>();
  const arrows: TransitionArrow[] = [];
  workflow.transitions.forEach((t, transition) => {
    for (const from of t.from) {
      const a = byId.get(from);
      const b = byId.get(t.to);
      if (!a || !b) continue;
      const key = [from, t.to].sort().join('\u0000');
      const nth = pairCount.get(key) ?? 0;
      pairCount.set(key, nth + 1);
      arrows.push({ transition, action: t.action, from, to: t.to, ...arrowPath(a, b, nth) });
    }
  });
  const rows = Math.max(1, Math.ceil(boxes.length / columns));
  const cols = Math.min(columns, Math.max(1, boxes.length));
  return { boxes, arrows, width: MARGIN * 2 + cols * BOX_WIDTH + (cols - 1) * GAP_X, height: MARGIN * 2 + rows * BOX_HEIGHT + (rows - 1) * GAP_Y };
}

function arrowPath(a: StateBox, b: StateBox, nth: number): Omit<TransitionArrow, 'transition' | 'action' | 'from' | 'to'> {
  if (a.id === b.id) {
    // a loop above the box
    const x = a.x + BOX_WIDTH / 2;
    const y = a.y;
    const spread = 18 + nth * 10;
    return { path: `M ${x - 14} ${y} C ${x - spread - 14} ${y - 34 - nth * 8}, ${x + spread + 14} ${y - 34 - nth * 8}, ${x + 14} ${y}`, labelX: x, labelY: y - 28 - nth * 8, loop: true };
  }
  const ax = a.x + BOX_WIDTH / 2;
  const ay = a.y + BOX_HEIGHT / 2;
  const bx = b.x + BOX_WIDTH / 2;
  const by = b.y + BOX_HEIGHT / 2;
  const start = edgePoint(ax, ay, bx, by);
  const end = edgePoint(bx, by, ax, ay);
  const mx = (start.x + end.x) / 2;
  const my = (start.y + end.y) / 2;
  const len = Math.hypot(end.x - start.x, end.y - start.y) || 1;
  // bend to the left of the direction of travel (so A→B and B→A part), more for each further arrow between the two boxes
  const bend = 16 + nth * 16 + (Math.abs(a.y - b.y) < 1 && Math.abs(a.index - b.index) > 1 ? 30 : 0);
  const cx = mx + (-(end.y - start.y) / len) * bend;
  const cy = my + ((end.x - start.x) / len) * bend;
  return { path: `M ${r(start.x)} ${r(start.y)} Q ${r(cx)} ${r(cy)} ${r(end.x)} ${r(end.y)}`, labelX: r((mx + cx) / 2), labelY: r((my + cy) / 2), loop: false };
}

/** Where the line from a box's centre towards (tx, ty) leaves the box. */
function edgePoint(cx: number, cy: number, tx: number, ty: number): { x: number; y: number } {
  const dx = tx - cx;
  const dy = ty - cy;
  const sx = dx === 0 ? Infinity : BOX_WIDTH / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : BOX_HEIGHT / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

const r = (n: number) => Math.round(n * 10) / 10;
