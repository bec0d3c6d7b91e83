/**
 * Conformance with json-rules-engine: json-rules-engine's own condition, operator, path and
 * undefined-fact cases (peer-cases.ts, its tests rewritten as data) and a generated cross
 * product (generated-cases.ts), each run through the product's whole path — `compile`, then
 * `decide` and `decideReference` — and through stock json-rules-engine as the judge. Every
 * case agrees with the judge, or is refused at compile.
 */
import { describe, expect, it } from 'vitest';
import { conformanceCounty, firesInProduct } from './conformance-county';
import { generatedCases, type GeneratedCase } from './generated-cases';
import { PEER_CASES } from './peer-cases';
import { stockJudge } from './judge';
import { DERIVED_FACTS } from '../../../engine/index';

/** Every fact name a condition reads. */
function factsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (node === null || typeof node !== 'object') return out;
  const record = node as Record<string, unknown>;
  if (typeof record.fact === 'string') out.add(record.fact);
  for (const key of ['all', 'any']) if (Array.isArray(record[key])) (record[key] as unknown[]).forEach((n) => factsIn(n, out));
  if (record.not !== undefined) factsIn(record.not, out);
  return out;
}

interface Tally {
  /** Conditions run over their fact sets, and conditions refused at compile. */
  conditions: number;
  refused: number;
  /** Condition × facts pairs judged. */
  judged: number;
}

/** Runs one condition over its fact sets; returns what was judged or refused. */
async function check(name: string, conditions: unknown, fields: readonly string[], factSets: ReadonlyArray<{ label: string; facts: Record<string, unknown> }>, refused: string | undefined): Promise<Tally> {
  const county = conformanceCounty(conditions, fields);
  if (refused !== undefined) {
    expect(county.ok, `${name}: compile must refuse it (${refused})`).toBe(false);
    if (!county.ok) expect(county.issues.map((i) => i.code), `${name}: refused for the wrong reason: ${JSON.stringify(county.issues)}`).toContain(refused);
    return { conditions: 1, refused: 1, judged: 0 };
  }
  if (!county.ok) throw new Error(`${name}: compile refused an accepted condition: ${JSON.stringify(county.issues)}`);
  const judge = stockJudge(conditions);
  for (const { label, facts } of factSets) {
    const expected = await judge(facts);
    const got = await firesInProduct(county.compiled, facts);
    if (got.compiled !== expected || got.reference !== expected) {
      expect({ case: `${name} with ${label}`, compiled: got.compiled, reference: got.reference }).toEqual({ case: `${name} with ${label}`, compiled: expected, reference: expected });
    }
  }
  return { conditions: 1, refused: 0, judged: factSets.length };
}

describe('conformance with stock json-rules-engine', () => {
  it('json-rules-engine\'s own cases: each agrees with the judge and with the upstream expectation, or is refused at compile', async () => {
    const tally = { cases: 0, refused: 0 };
    for (const peer of PEER_CASES) {
      const names = new Set([...factsIn(peer.conditions), ...Object.keys(peer.facts)]);
      // every usable name becomes a form field; a derived fact's name is refused as a field
      const fields = [...names].filter((n) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(n) && !(n in Object.prototype) && n !== 'prototype');
      const county = conformanceCounty(peer.conditions, fields);
      tally.cases++;
      if (!county.ok) {
        expect(peer.refused, `${peer.from}: refused at compile, but the table expects it accepted: ${JSON.stringify(county.issues)}`).toBeDefined();
        tally.refused++;
        continue;
      }
      expect(peer.refused, `${peer.from}: the table says it is refused (${peer.refused}), but compile accepts it`).toBeUndefined();
      const judged = await stockJudge(peer.conditions)(peer.facts);
      expect(judged, `${peer.from}: the stock engine disagrees with json-rules-engine's own test`).toBe(peer.expected);
      const got = await firesInProduct(county.compiled, peer.facts);
      expect({ case: peer.from, ...got }).toEqual({ case: peer.from, compiled: judged, reference: judged });
    }
    expect(tally.cases).toBe(PEER_CASES.length);
    expect(tally.cases - tally.refused).toBeGreaterThan(60);
    console.info(`peer cases: ${tally.cases} (${tally.cases - tally.refused} judged, ${tally.refused} refused at compile)`);
  });

  const cases = generatedCases();
  const groups = new Map<string, GeneratedCase[]>();
  for (const c of cases) {
    const group = c.refused ? 'refused at compile' : c.conditions !== null && typeof c.conditions === 'object' && JSON.stringify(c.conditions).includes('"path"') ? 'paths' : /^x /.test(c.name) ? 'operators' : 'structure';
    groups.set(group, [...(groups.get(group) ?? []), c]);
  }
  it.each([...groups.keys()])('generated: %s', async (group) => {
    const tally: Tally = { conditions: 0, refused: 0, judged: 0 };
    for (const c of groups.get(group)!) {
      const t = await check(c.name, c.conditions, c.fields, c.factSets, c.refused);
      tally.conditions += t.conditions;
      tally.refused += t.refused;
      tally.judged += t.judged;
    }
    console.info(`generated ${group}: ${tally.conditions} conditions, ${tally.judged} condition × facts cases judged, ${tally.refused} conditions refused at compile`);
    expect(tally.conditions).toBeGreaterThan(0);
  });

  it('derived facts cannot be shadowed by a field', () => {
    for (const name of Object.keys(DERIVED_FACTS)) {
      const county = conformanceCounty({ all: [{ fact: 'x', operator: 'equal', value: 1 }] }, ['x', name]);
      expect(county.ok).toBe(false);
      if (!county.ok) expect(county.issues.map((i) => i.code)).toContain('reserved-field');
    }
  });
});
