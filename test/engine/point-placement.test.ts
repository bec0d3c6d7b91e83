/**
 * Reports with coordinates and no grid: validateReport places them in their grid before the form
 * and the rules see them (decide routes them by that place), or refuses a point outside every grid.
 */
import { describe, expect, it } from 'vitest';
import { compile, decide, placeByPoint, validateReport, type CompiledConfig } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';
import { miniCountyWithGeography } from '../fixtures/mini-geography';

function compiled(config = miniCountyWithGeography()): CompiledConfig {
  const result = compile(config);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}
const county = compiled();
const report = (location: Record<string, unknown>) => ({ description: '邻里噪音', peopleAffected: 2, location });

describe('placing a report by its point', () => {
  it('fills the grid in from lat/lng, and decide routes by it', () => {
    const result = validateReport(county, 'A01', report({ lat: 30.015, lng: 120.015, address: '二村' }));
    expect(result).toEqual({ ok: true, value: report({ lat: 30.015, lng: 120.015, address: '二村', grid: 't1-v2-g1' }) });
    const { decision } = decide(county, { category: 'A01', data: result.ok ? result.value : {}, reportedAt: Date.parse('2026-06-18T10:00:00+08:00') });
    expect(decision).toMatchObject({ grid: 't1-v2-g1', village: 't1-v2', township: 't1', unit: 't1-v2' });
  });

  it('keeps a grid the reporter chose, even where the point says otherwise', () => {
    const chosen = report({ grid: 't1-v1-g1', lat: 30.015, lng: 120.015 });
    expect(validateReport(county, 'A01', chosen)).toEqual({ ok: true, value: chosen });
  });

  it('refuses a point outside every grid at /location, saying where, with the form\'s other problems but not the missing grid', () => {
    const result = validateReport(county, 'A01', { location: { lat: 31.2, lng: 121.5 }, peopleAffected: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.pointer])).toEqual([['outside-grids', '/location'], ['required', '/description']]);
    expect(result.issues[0].message).toContain('latitude 31.2, longitude 121.5 lies outside every grid');
    expect(result.issues[0].messageZh).toContain('不在本县任何网格之内');
  });

  it.each([
    ['no coordinates', { address: '一村' }],
    ['only a latitude', { lat: 30.005 }],
    ['a latitude out of range', { lat: 95, lng: 120.005 }],
    ['coordinates as text', { lat: '30.005', lng: '120.005' }],
  ])('leaves %s to the form, which asks for the grid', (_name, location) => {
    const result = validateReport(county, 'A01', report(location));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ code: 'required', pointer: '/location/grid' }));
  });

  it('places nothing for a county without boundaries', () => {
    const config = miniCountyWithGeography();
    delete config.geography;
    const plain = compiled(config);
    expect(plain.gridLocator).toBeNull();
    expect(placeByPoint(plain.gridLocator, report({ lat: 30.005, lng: 120.005 }))).toEqual({ ok: true, data: report({ lat: 30.005, lng: 120.005 }), grid: null });
    expect(compiled(miniCounty()).gridLocator).toBeNull();
  });

  it('decide places coordinate-only data by itself too (as the rule test bench passes it)', () => {
    const { decision } = decide(county, { category: 'A01', data: report({ lat: 30.005, lng: 120.005 }), reportedAt: Date.parse('2026-06-18T10:00:00+08:00') });
    expect(decision).toMatchObject({ grid: 't1-v1-g1', village: 't1-v1' });
  });
});
