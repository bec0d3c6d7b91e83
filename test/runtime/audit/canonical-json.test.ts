/** The canonical row text the audit chains hash: the same value always gives the same text, on either database. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH } from '../../../runtime/audit/canonical-json';
import { historyCanonical, linkRecords } from '../../../runtime/audit/audit-records';

describe('canonicalJson', () => {
  it.each([
    { name: 'keys sorted at every depth', value: { b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } }, text: '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}' },
    { name: 'a missing attribute is left out, a null one kept', value: { a: undefined, b: null }, text: '{"b":null}' },
    { name: 'an undefined array item is null, as JSON has it', value: [undefined, 1], text: '[null,1]' },
    { name: 'points in time as ISO strings in UTC', value: { at: new Date('2026-03-10T10:00:00+08:00') }, text: '{"at":"2026-03-10T02:00:00.000Z"}' },
    { name: 'non-ASCII text as is', value: { 描述: '楼道堆放杂物' }, text: '{"描述":"楼道堆放杂物"}' },
    { name: 'numbers as JavaScript writes them; non-finite as null', value: [1.5, 1e21, Number.NaN], text: '[1.5,1e+21,null]' },
  ])('$name', ({ value, text }) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('a jsonb-style reordering of keys changes nothing', () => {
    expect(canonicalJson({ x: 1, y: { b: 2, a: 1 } })).toBe(canonicalJson(JSON.parse('{"y":{"a":1,"b":2},"x":1}')));
  });
});

describe('linkRecords', () => {
  const entry = { eventId: 'e1', seq: 1, at: Date.parse('2026-03-10T02:00:00Z'), actorId: 'u', actorRole: 'handler', action: 'accept', fromState: 'dispatched', toState: 'accepted', ruleId: null, detail: {} };

  it('links each entry to the one before it, from the genesis hash', () => {
    const { links, head } = linkRecords('c', { seq: 0, hash: GENESIS_HASH }, [entry, { ...entry, seq: 2 }], historyCanonical);
    expect(links.map((l) => l.chainSeq)).toEqual([1, 2]);
    expect(links[0].chainHash).toBe(chainHash(GENESIS_HASH, historyCanonical('c', 1, entry)));
    expect(links[1].chainHash).toBe(chainHash(links[0].chainHash, historyCanonical('c', 2, { ...entry, seq: 2 })));
    expect(head).toEqual({ seq: 2, hash: links[1].chainHash });
  });

  it('the same row in another county or at another position hashes differently', () => {
    const at = (county: string, seq: number) => linkRecords(county, { seq: seq - 1, hash: GENESIS_HASH }, [entry], historyCanonical).links[0].chainHash;
    expect(new Set([at('c', 1), at('d', 1), at('c', 2)]).size).toBe(3);
  });
});
