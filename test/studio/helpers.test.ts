import { describe, expect, it } from 'vitest';
import { locatePointer, parsePointer } from '../../studio/src/config/json-pointer-locator';
import { fromLocalInput, nextDay, startOfDay, toIsoWithOffset, toLocalInput } from '../../studio/src/util/zoned';

const text = JSON.stringify({ rules: [{ id: 'a', event: { type: 'route', params: { target: { unit: 'x~y/z' } } } }] }, null, 2);

describe('json pointer locator (problems list → place in the editor)', () => {
  it.each([
    ['/rules/0/id', '"id": "a"', true],
    ['/rules/0/event/type', '"type": "route"', true],
    ['/rules/0/event/params/target', '"target": {', true],
    ['/rules/0/event/params/nothing', '"params": {', false],
    ['/rules/7', '"rules": [', false],
  ])('%s', (pointer, highlighted, exact) => {
    const span = locatePointer(text, pointer);
    expect(text.slice(span.offset, span.offset + span.length)).toBe(highlighted);
    expect(span.exact).toBe(exact);
  });
  it('unescapes ~0 and ~1', () => expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d']));
});

describe('county time in the page', () => {
  it.each([
    ['2026-06-18T10:00', 'Asia/Shanghai', '2026-06-18T10:00:00+08:00'],
    ['2026-12-31T23:30', 'Asia/Shanghai', '2026-12-31T23:30:00+08:00'],
  ])('%s in %s', (input, zone, iso) => {
    const ms = fromLocalInput(input, zone)!;
    expect(toIsoWithOffset(ms, zone)).toBe(iso);
    expect(toLocalInput(ms, zone)).toBe(input);
  });
  it('days start at local midnight', () => {
    const day = startOfDay(Date.parse('2026-10-01T15:00:00+08:00'), 'Asia/Shanghai');
    expect(toIsoWithOffset(day, 'Asia/Shanghai')).toBe('2026-10-01T00:00:00+08:00');
    expect(toIsoWithOffset(nextDay(day, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-10-02T00:00:00+08:00');
  });
});

describe('diff text of two config versions', () => {
  it('lays the newer document out in the older one’s key order, so moved sections are not changes', async () => {
    const { inOrderOf, pretty } = await import('../../studio/src/config/sections');
    const v1 = { id: 'c', calendars: [{ id: 'k', days: [1, 2] }], rules: [{ id: 'r', priority: 1 }] };
    const v2 = { rules: [{ priority: 2, id: 'r' }, { id: 'new' }], id: 'c', calendars: [{ days: [1, 2], id: 'k' }], extra: true };
    const text = pretty(inOrderOf(v2, v1));
    expect(text).toBe(pretty({ id: 'c', calendars: [{ id: 'k', days: [1, 2] }], rules: [{ id: 'r', priority: 2 }, { id: 'new' }], extra: true }));
    // the same JSON value, only reordered
    expect(JSON.parse(text)).toEqual(v2);
  });
});
