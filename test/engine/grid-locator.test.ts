/** The grid locator: points in grids by their boundaries, through the spatial index. */
import { describe, expect, it } from 'vitest';
import { GridLocator, type Boundary } from '../../engine/index';
import { boundary, E, MID_X, MID_Y, miniGeography, N, rectangle, S, W } from '../fixtures/mini-geography';

const grids = miniGeography().features.filter((f) => f.properties.unit.includes('-g'));
const locator = new GridLocator(grids);

describe('GridLocator', () => {
  it.each([
    ['south-west quarter', 120.005, 30.005, 't1-v1-g1'],
    ['north-west quarter', 120.005, 30.015, 't1-v1-g2'],
    ['east half, south', 120.015, 30.001, 't1-v2-g1'],
    ['east half, north', 120.019, 30.019, 't1-v2-g1'],
    ['west of the county', 119.99, 30.01, null],
    ['north of the county', 120.01, 30.03, null],
    ['far away', -73.98, 40.75, null],
    ['not a number', Number.NaN, 30.01, null],
  ] as const)('%s → %s', (_name, lng, lat, grid) => {
    expect(locator.locate(lng, lat)).toBe(grid);
  });

  it('puts a point on the edge two grids share in exactly one of them', () => {
    // the vertical edge at MID_X between the villages, and the horizontal one at MID_Y between t1-v1-g1 and t1-v1-g2
    expect(locator.locate(MID_X, 30.005)).toBe('t1-v2-g1');
    expect(locator.locate(120.005, MID_Y)).toBe('t1-v1-g2');
    expect(locator.locate(MID_X, MID_Y)).toBe('t1-v2-g1');
  });

  it('leaves holes out and finds every piece of a multipolygon', () => {
    const holed: Boundary = boundary('a', rectangle(W, S, E, N), rectangle(120.008, 30.008, 120.012, 30.012));
    const pieces: Boundary = { type: 'Feature', properties: { unit: 'b' }, geometry: { type: 'MultiPolygon', coordinates: [[rectangle(120.009, 30.009, 120.011, 30.011)], [rectangle(121, 31, 121.01, 31.01)]] } };
    const two = new GridLocator([holed, pieces]);
    expect(two.size).toBe(2);
    expect(two.locate(120.002, 30.002)).toBe('a');
    expect(two.locate(120.0085, 30.0085)).toBeNull();
    expect(two.locate(120.01, 30.01)).toBe('b');
    expect(two.locate(121.005, 31.005)).toBe('b');
  });

  it('knows no grid when it has no boundaries', () => {
    expect(new GridLocator([]).locate(120.005, 30.005)).toBeNull();
  });

  it('agrees with a test of every grid on a thousand points (the index never hides a grid)', () => {
    // a 10 × 10 lattice of skewed quadrilaterals sharing their edges
    const at = (c: number, r: number) => [100 + c * 0.01 + r * 0.002, 20 + r * 0.01 + (c % 2) * 0.003];
    const cells: Boundary[] = [];
    for (let c = 0; c < 10; c++) for (let r = 0; r < 10; r++) cells.push(boundary(`g${c}-${r}`, [at(c, r), at(c + 1, r), at(c + 1, r + 1), at(c, r + 1), at(c, r)]));
    const many = new GridLocator(cells);
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 1000; i++) {
      const [x, y] = [99.99 + next() * 0.14, 19.99 + next() * 0.12];
      const inside = cells.filter((cell) => new GridLocator([cell]).locate(x, y) !== null).map((cell) => cell.properties.unit);
      expect(inside.length).toBeLessThanOrEqual(1);
      expect(many.locate(x, y)).toBe(inside[0] ?? null);
    }
  });
});
