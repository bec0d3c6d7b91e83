import { describe, expect, it } from 'vitest';
import { newId } from '../../../runtime/db/ids';

const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('newId (UUIDv7)', () => {
  it('is a version-7, RFC 4122-variant UUID carrying its millisecond timestamp', () => {
    // a clock ahead of every id this process has made (the test files share a process)
    const at = msOf(newId(Date.parse('2026-03-10T02:00:00Z'))) + 1000;
    const id = newId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(msOf(id)).toBe(at);
  });

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const at = Date.parse('2026-03-10T02:00:00Z');
    const ids = [...Array.from({ length: 5000 }, () => newId(at)), newId(at - 10_000), newId(at + 1)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
