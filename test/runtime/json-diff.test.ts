/** The config diff: keys named like Object.prototype's members are keys like any other. */
import { describe, expect, it } from 'vitest';
import { jsonDiff } from '../../runtime/configs/json-diff';

describe('jsonDiff', () => {
  it('adds and removes keys named toString, valueOf and hasOwnProperty', () => {
    const before = { county: { id: 'demo' } };
    const after = { county: { id: 'demo' }, toString: 'x', valueOf: 2, hasOwnProperty: false };
    expect(jsonDiff(before, after)).toEqual([
      { pointer: '/toString', op: 'add', after: 'x' },
      { pointer: '/valueOf', op: 'add', after: 2 },
      { pointer: '/hasOwnProperty', op: 'add', after: false },
    ]);
    expect(jsonDiff(after, before)).toEqual([
      { pointer: '/toString', op: 'remove', before: 'x' },
      { pointer: '/valueOf', op: 'remove', before: 2 },
      { pointer: '/hasOwnProperty', op: 'remove', before: false },
    ]);
  });

  it('ignores the order of keys and escapes pointers', () => {
    expect(jsonDiff({ a: 1, b: { 'x/y': 1 } }, { b: { 'x/y': 2 }, a: 1 })).toEqual([{ pointer: '/b/x~1y', op: 'replace', before: 1, after: 2 }]);
  });
});
