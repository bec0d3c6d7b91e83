/**
 * Areas measured along horizontal scan lines: on each line a shape is a list of x-intervals
 * (where the line is inside it), and the area of a difference, an intersection or what a union
 * leaves uncovered is the sum of interval lengths times the line spacing. Exact across each
 * line, sampled between lines (midpoint rule), so a sliver thinner than the spacing along y may
 * be missed — the checks measure tolerances of a percent, far above that.
 */
import type { PlanarShape } from './planar-shape';
import { crossingX } from './ring-crossing';

/** Edges by horizontal band, so a scan line looks only at the edges that reach its band. */
interface Bands {
  minY: number;
  height: number;
  /** Offsets into `coords` of the first end of each edge in the band. */
  edges: Int32Array[];
}

const bandsOf = new WeakMap<PlanarShape, Bands>();

function bands(shape: PlanarShape): Bands {
  let found = bandsOf.get(shape);
  if (found) return found;
  const { coords, starts } = shape;
  const edgeCount = starts[starts.length - 1] - (starts.length - 1);
  const count = Math.max(1, Math.min(1024, Math.ceil(edgeCount / 4)));
  const height = (shape.maxY - shape.minY) / count || 1;
  const lists: number[][] = Array.from({ length: count }, () => []);
  const band = (y: number) => Math.min(count - 1, Math.max(0, Math.floor((y - shape.minY) / height)));
  for (let r = 0; r + 1 < starts.length; r++) {
    for (let i = starts[r] * 2; i < starts[r + 1] * 2 - 2; i += 2) {
      const from = band(Math.min(coords[i + 1], coords[i + 3]));
      const to = band(Math.max(coords[i + 1], coords[i + 3]));
      for (let b = from; b <= to; b++) lists[b].push(i);
    }
  }
  found = { minY: shape.minY, height, edges: lists.map((l) => Int32Array.from(l)) };
  bandsOf.set(shape, found);
  return found;
}

/** Sorted [in, out, in, out, …] x-values of where the line `y` is inside the shape. */
export function spansAt(shape: PlanarShape, y: number): number[] {
  const xs: number[] = [];
  if (y < shape.minY || y > shape.maxY) return xs;
  const { coords } = shape;
  const index = bands(shape);
  const edges = index.edges[Math.min(index.edges.length - 1, Math.max(0, Math.floor((y - index.minY) / index.height)))];
  for (let e = 0; e < edges.length; e++) {
    const i = edges[e];
    const ay = coords[i + 1];
    const by = coords[i + 3];
    if (ay <= y !== by <= y) xs.push(crossingX(coords[i], ay, coords[i + 2], by, y));
  }
  return xs.length > 2 ? xs.sort((a, b) => a - b) : xs.length === 2 && xs[0] > xs[1] ? [xs[1], xs[0]] : xs;
}

export function spanLength(spans: readonly number[]): number {
  let length = 0;
  for (let i = 0; i + 1 < spans.length; i += 2) length += spans[i + 1] - spans[i];
  return length;
}

/** Length of the intersection of two sorted span lists. */
export function sharedLength(a: readonly number[], b: readonly number[]): number {
  let length = 0;
  let i = 0;
  let j = 0;
  while (i + 1 < a.length && j + 1 < b.length) {
    const from = Math.max(a[i], b[j]);
    const to = Math.min(a[i + 1], b[j + 1]);
    if (to > from) length += to - from;
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return length;
}

/** The union of several span lists, as one sorted list of disjoint intervals. */
export function unionOf(lists: readonly (readonly number[])[]): number[] {
  const intervals: Array<[number, number]> = [];
  for (const list of lists) for (let i = 0; i + 1 < list.length; i += 2) intervals.push([list[i], list[i + 1]]);
  intervals.sort((p, q) => p[0] - q[0]);
  const out: number[] = [];
  for (const [from, to] of intervals) {
    if (out.length > 0 && from <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], to);
    else out.push(from, to);
  }
  return out;
}

/** `count` lines evenly spread over [minY, maxY], each in the middle of its strip, with the strip height. */
export function scanLines(minY: number, maxY: number, count: number): { ys: number[]; spacing: number } {
  const spacing = (maxY - minY) / count;
  return { ys: Array.from({ length: count }, (_, k) => minY + (k + 0.5) * spacing), spacing };
}
