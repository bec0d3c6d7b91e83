import { describe, expect, it } from 'vitest';
import { applyOverlay, bundleFiles, mergeOverlay, sourceOf } from '../../engine/index';

describe('mergeOverlay', () => {
  it.each([
    ['objects merge-patch', { a: 1, b: { c: 2, d: 3 } }, { b: { c: 5 } }, { a: 1, b: { c: 5, d: 3 } }],
    ['null removes a key', { a: 1, b: 2 }, { b: null }, { a: 1 }],
    ['scalars replace', { a: 1 }, { a: 'x' }, { a: 'x' }],
    ['keyed lists merge by id', { rules: [{ id: 'a', p: 1 }, { id: 'b', p: 2 }] }, { rules: [{ id: 'b', p: 9 }, { id: 'c', p: 3 }] }, { rules: [{ id: 'a', p: 1 }, { id: 'b', p: 9 }, { id: 'c', p: 3 }] }],
    ['$delete removes a keyed item', { rules: [{ id: 'a' }, { id: 'b' }] }, { rules: [{ id: 'a', $delete: true }] }, { rules: [{ id: 'b' }] }],
    ['categories merge by code, recursively', { categories: [{ code: 'A', children: [{ code: 'A1', level: 1 }] }] }, { categories: [{ code: 'A', children: [{ code: 'A2', level: 2 }] }] }, { categories: [{ code: 'A', children: [{ code: 'A1', level: 1 }, { code: 'A2', level: 2 }] }] }],
    ['transitions merge by action', { t: [{ action: 'x', roles: ['a'] }] }, { t: [{ action: 'x', roles: ['b'] }] }, { t: [{ action: 'x', roles: ['b'] }] }],
    ['plain arrays replace', { days: [1, 2, 3] }, { days: [6] }, { days: [6] }],
  ])('%s', (_name, base, patch, expected) => {
    expect(mergeOverlay(base, patch)).toEqual(expected);
  });

  it('does not modify its inputs and ignores __proto__ keys as prototypes', () => {
    const base = { a: { b: 1 } };
    const patch = JSON.parse('{"a":{"c":2},"__proto__":{"polluted":true}}');
    const merged = mergeOverlay(base, patch) as Record<string, unknown>;
    expect(base).toEqual({ a: { b: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});

describe('bundleFiles', () => {
  it('places sections, concatenates rules in file order and remembers sources', () => {
    const result = bundleFiles([
      { path: 'rules/b.json', content: [{ id: 'r3' }] },
      { path: 'config.json', content: { id: 'x', extends: 'base' } },
      { path: 'rules/a.json', content: [{ id: 'r1' }, { id: 'r2' }] },
      { path: 'forms/f1.json', content: { id: 'f1' } },
      { path: 'sla.json', content: { policies: [] } },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.config).toEqual({ id: 'x', rules: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }], forms: [{ id: 'f1' }], sla: { policies: [] } });
    expect(result.value.extends).toBe('base');
    expect(sourceOf(result.value.sources, '/rules/2/event')).toBe('rules/b.json');
    expect(sourceOf(result.value.sources, '/rules/1')).toBe('rules/a.json');
    expect(sourceOf(result.value.sources, '/sla/policies/0')).toBe('sla.json');
    expect(sourceOf(result.value.sources, '/county')).toBe('config.json');
  });

  it.each([
    ['no manifest', [{ path: 'units.json', content: [] }], 'missing-manifest'],
    ['unknown section file', [{ path: 'config.json', content: { id: 'x' } }, { path: 'rulez.json', content: [] }], 'unknown-file'],
  ])('refuses %s', (_name, files, code) => {
    const result = bundleFiles(files);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].code).toBe(code);
  });

  it('an overlay adds rules after the base and maps their source', () => {
    const base = bundleFiles([{ path: 'config.json', content: { id: 'b' } }, { path: 'rules/r.json', content: [{ id: 'r1' }] }]);
    const overlay = bundleFiles([{ path: 'config.json', content: { id: 'o', extends: 'b' } }, { path: 'rules/w.json', content: [{ id: 'w1' }] }]);
    if (!base.ok || !overlay.ok) throw new Error('bundle failed');
    const merged = applyOverlay(base.value, overlay.value, 'pilot');
    expect(merged.config).toEqual({ id: 'o', rules: [{ id: 'r1' }, { id: 'w1' }] });
    expect(sourceOf(merged.sources, '/rules/1')).toBe('pilot/rules/w.json');
    expect(sourceOf(merged.sources, '/rules/0')).toBe('rules/r.json');
  });
});
