import { describe, expect, it } from 'vitest';
import { compile, validateReport, type CompiledConfig } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

function compileMini(mutate: (c: ReturnType<typeof miniCounty>) => void = () => {}): CompiledConfig {
  const config = miniCounty();
  mutate(config);
  const r = compile(config);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const compiled = compileMini();
const ok = { description: '噪音扰民', location: { grid: 't1-v1-g1' }, peopleAffected: 3 };

describe('validateReport', () => {
  it('accepts a valid report (own fields plus the shared base fields)', () => {
    expect(validateReport(compiled, 'A01', ok)).toEqual({ ok: true, value: ok });
  });

  it.each([
    ['missing required own field', { description: 'x', location: { grid: 't1-v1-g1' } }, 'required', '/peopleAffected'],
    ['missing required base field', { location: { grid: 't1-v1-g1' }, peopleAffected: 1 }, 'required', '/description'],
    ['missing grid', { description: 'x', location: {}, peopleAffected: 1 }, 'required', '/location/grid'],
    ['wrong type', { ...ok, peopleAffected: 'many' }, 'type', '/peopleAffected'],
    ['below minimum', { ...ok, peopleAffected: -1 }, 'minimum', '/peopleAffected'],
    ['pattern', { ...ok, reporterPhone: '12345' }, 'pattern', '/reporterPhone'],
    ['unknown field', { ...ok, colour: 'red' }, 'unknown-field', '/colour'],
    ['unknown nested field', { ...ok, location: { grid: 't1-v1-g1', floor: 3 } }, 'unknown-field', '/location/floor'],
    ['field of another category', { ...ok, amount: 5 }, 'unknown-field', '/amount'],
    ['grid not of this county', { ...ok, location: { grid: 'elsewhere' } }, 'unknown-grid', '/location/grid'],
    ['unknown category', ok, 'unknown-category', '/category'],
  ])('refuses %s', (name, data, code, pointer) => {
    const result = validateReport(compiled, name === 'unknown category' ? 'Q9' : 'A01', data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ code, pointer }));
  });

  it('refuses __proto__ and constructor keys without polluting anything', () => {
    const data = JSON.parse('{"description":"x","location":{"grid":"t1-v1-g1","__proto__":{"polluted":true}},"peopleAffected":1,"constructor":{"prototype":{"polluted":true}},"__proto__":{"polluted":true}}');
    const result = validateReport(compiled, 'A01', data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.pointer).sort()).toEqual(['/__proto__', '/constructor', '/location/__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a form author's catastrophic pattern cannot hang validation (linear-time regex engine)", () => {
    const evil = compileMini((c) => {
      (c.forms[1].schema.properties as Record<string, unknown>).code = { type: 'string', pattern: '^(a+)+$' };
    });
    const input = 'a'.repeat(5000) + '!';
    const started = performance.now();
    const result = validateReport(evil, 'A01', { ...ok, code: input });
    const elapsed = performance.now() - started;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ code: 'pattern', pointer: '/code' });
    // a backtracking engine needs ~2^27 steps at 27 characters; at 5,000 it would never return
    expect(elapsed).toBeLessThan(5000);
  });
});
