import { describe, expect, it } from 'vitest';
import { compile, decide, decideReference, EngineError, type CompiledConfig } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

const compiled = (() => {
  const r = compile(miniCounty());
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
})() as CompiledConfig;

const weekday10 = Date.parse('2026-06-18T10:00:00+08:00'); // Thursday, working time
const night = Date.parse('2026-06-18T22:00:00+08:00');
const base = (grid: string) => ({ description: '情况说明', location: { grid } });

describe('decide', () => {
  const cases: Array<[string, { category: string; data: Record<string, unknown>; at: number; recent?: number }, { level: number; unit: string; slaPolicy: string; tags?: string[]; escalatedTo?: string | null; assist?: string[]; winners?: Record<string, string> }]> = [
    ['no rule fires: category default level, village route on level 1', { category: 'A01', data: { ...base('t1-v1-g1'), peopleAffected: 1 }, at: weekday10 }, { level: 1, unit: 't1-v1', slaPolicy: 'l1', tags: [], winners: { grade: 'default', route: 'r-village' } }],
    ['village follows the grid', { category: 'A01', data: { ...base('t1-v2-g1'), peopleAffected: 1 }, at: weekday10 }, { level: 1, unit: 't1-v2', slaPolicy: 'l1' }],
    ['crowd dispute graded 3 → default platform, notify', { category: 'A01', data: { ...base('t1-v1-g1'), peopleAffected: 12 }, at: weekday10 }, { level: 3, unit: 't1-gov', slaPolicy: 'l34', winners: { grade: 'g-crowd', route: 'default' } }],
    ['equal priority grades: the higher level wins', { category: 'A01', data: { ...base('t1-v1-g1'), peopleAffected: 12 }, at: weekday10, recent: 5 }, { level: 3, unit: 't1-gov', slaPolicy: 'l34', winners: { grade: 'g-crowd' } }],
    ['repeat reports grade 2', { category: 'A01', data: { ...base('t1-v1-g1'), peopleAffected: 1 }, at: weekday10, recent: 3 }, { level: 2, unit: 't1-gov', slaPolicy: 'l2', winners: { grade: 'g-repeat' } }],
    ['higher priority grade wins over level', { category: 'A02', data: { ...base('t1-v1-g1'), amount: 500000, peopleAffected: 20 }, at: weekday10 }, { level: 4, unit: 'cmd', slaPolicy: 'l34', escalatedTo: 'cmd', winners: { grade: 'g-wage', escalate: 'e-l4' } }],
    ['department route with assisting platform', { category: 'B01', data: { ...base('t1-v2-g1'), area: 300 }, at: weekday10 }, { level: 1, unit: 'dept-land', slaPolicy: 'l1', assist: ['t1-enf'] }],
    ['any-condition: hazard alone', { category: 'B01', data: { ...base('t1-v2-g1'), hazard: 'high' }, at: weekday10 }, { level: 1, unit: 'dept-land', slaPolicy: 'l1' }],
    ['small build stays on the enforcement platform', { category: 'B01', data: { ...base('t1-v2-g1'), area: 20 }, at: weekday10 }, { level: 1, unit: 't1-enf', slaPolicy: 'l1' }],
    ['after hours tag (not condition)', { category: 'B01', data: { ...base('t1-v2-g1') }, at: night }, { level: 1, unit: 't1-enf', slaPolicy: 'l1', tags: ['after-hours'] }],
    ['holiday counts as after hours', { category: 'B01', data: { ...base('t1-v2-g1') }, at: Date.parse('2026-10-02T10:00:00+08:00') }, { level: 1, unit: 't1-enf', slaPolicy: 'l1', tags: ['after-hours'] }],
    ['adjusted working Saturday is working time', { category: 'B01', data: { ...base('t1-v2-g1') }, at: Date.parse('2026-10-10T10:00:00+08:00') }, { level: 1, unit: 't1-enf', slaPolicy: 'l1', tags: [] }],
  ];

  it.each(cases)('%s', async (_name, input, expected) => {
    const event = { category: input.category, data: input.data, reportedAt: input.at };
    const { decision, explanation } = decide(compiled, event, { recentReports: input.recent ?? 0 });
    expect(decision.level).toBe(expected.level);
    expect(decision.unit).toBe(expected.unit);
    expect(decision.slaPolicy).toBe(expected.slaPolicy);
    if (expected.tags) expect(decision.tags).toEqual(expected.tags);
    if (expected.escalatedTo !== undefined) expect(decision.escalation?.unit ?? null).toBe(expected.escalatedTo);
    if (expected.assist) expect(decision.assist).toEqual(expected.assist);
    if (expected.winners) expect(explanation.winners).toMatchObject(expected.winners);
    // the reference engine agrees
    const reference = await decideReference(compiled, event, { recentReports: input.recent ?? 0 });
    expect(reference.decision).toEqual(decision);
    expect(reference.explanation.fired.map((f) => f.ruleId)).toEqual(explanation.fired.map((f) => f.ruleId));
  });

  it('explains each fired rule with its conditions, fact values and results', () => {
    const { explanation } = decide(compiled, { category: 'A02', data: { ...base('t1-v1-g1'), amount: 200000 }, reportedAt: weekday10 }, {});
    const wage = explanation.fired.find((f) => f.ruleId === 'g-wage')!;
    expect(wage.conditions).toEqual([{ fact: 'amount', operator: 'greaterThan', value: 100000, factValue: 200000, result: true }]);
    expect(explanation.winners.grade).toBe('g-wage');
    expect(explanation.facts).toMatchObject({ township: 't1', village: 't1-v1', grid: 't1-v1-g1', workingTime: true, level: 4 });
    expect(explanation.combination).toMatch(/highest priority/);
  });

  it('a report without a known place still gets a handling unit (the county command centre)', () => {
    const { decision } = decide(compiled, { category: 'B01', data: { description: 'x', location: { grid: 'nowhere' } }, reportedAt: weekday10 }, {});
    expect(decision.unit).toBe('cmd');
  });

  it('an unknown category is an EngineError with a code', () => {
    expect(() => decide(compiled, { category: 'ZZ', data: {}, reportedAt: weekday10 })).toThrow(EngineError);
    try {
      decide(compiled, { category: 'ZZ', data: {}, reportedAt: weekday10 });
    } catch (error) {
      expect((error as EngineError).code).toBe('unknown-category');
    }
  });
});

describe('decideReference (json-rules-engine holding every rule)', () => {
  it('agrees with decide on the catalog test cases of the baseline', async () => {
    const { compiledCatalog } = await import('../helpers/catalogs');
    const baseline = await compiledCatalog('zhejiang-four-platforms');
    for (const test of baseline.config.tests ?? []) {
      const event = { category: test.input.category, data: test.input.data, reportedAt: Date.parse(test.input.at), source: test.input.source };
      const context = test.input.context ?? {};
      expect((await decideReference(baseline, event, context)).decision).toEqual(decide(baseline, event, context).decision);
    }
  });
});

describe('json-rules-engine semantics at the edges', () => {
  const withRule = (conditions: unknown) => {
    const config = miniCounty();
    config.rules.push({ id: 't-long-address', name: { zh: '地址长', en: 'Long address' }, priority: 1, conditions: conditions as never, event: { type: 'tag', params: { tags: ['long-address'] } } });
    const r = compile(config);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  };

  it.each([
    ['a string of 11 characters', '城东街道人民路一百二十号', true],
    ['a string of 3 characters', '人民路', false],
    ['an empty string (JSONPath finds no length)', '', false],
    ['no address', undefined, false],
  ])('`$.address.length` is the length of the text, as json-rules-engine reads it: %s', async (_name, address, fires) => {
    const county = withRule({ all: [{ fact: 'location', path: '$.address.length', operator: 'greaterThan', value: 10 }] });
    const data = { ...base('t1-v1-g1'), peopleAffected: 1, location: { grid: 't1-v1-g1', ...(address === undefined ? {} : { address }) } };
    const event = { category: 'A01', data, reportedAt: weekday10 };
    expect(decide(county, event).decision.tags.includes('long-address')).toBe(fires);
    expect((await decideReference(county, event)).decision.tags.includes('long-address')).toBe(fires);
  });

  it('facts objects inherit nothing: an inherited name reads nothing', async () => {
    const { buildFacts } = await import('../../engine/rules/decide');
    const facts = buildFacts(compiled, compiled.category('A01')!, { category: 'A01', data: { ...base('t1-v1-g1'), constructor: 'x', toString: 1 }, reportedAt: weekday10 }, {});
    // their prototype is an empty object without a prototype (a constructor keeps V8's fast properties)
    const prototype = Object.getPrototypeOf(facts);
    expect(Object.getPrototypeOf(prototype)).toBeNull();
    expect(Reflect.ownKeys(prototype)).toEqual([]);
    expect(Object.isFrozen(prototype)).toBe(true);
    expect(facts.constructor).toBeUndefined();
    expect(facts.toString).toBeUndefined();
    expect('hasOwnProperty' in facts).toBe(false);
  });

  it.each([
    ['__proto__', 'bad-name'],
    ['constructor', 'reserved-name'],
    ['toString', 'reserved-name'],
    ['prototype', 'reserved-name'],
  ])('the fact name %s is refused at compile (%s), so decide and decideReference cannot disagree on it', (fact, code) => {
    const config = miniCounty();
    config.rules.push({ id: 't-proto', name: { zh: '原型', en: 'Prototype' }, priority: 1, conditions: { all: [{ fact, operator: 'equal', value: null }] } as never, event: { type: 'tag', params: { tags: ['proto'] } } });
    const r = compile(config);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ code, pointer: `/rules/${config.rules.length - 1}/conditions/all/0/fact` }));
  });

  it('a form field named like an inherited member is refused at compile', () => {
    const config = miniCounty();
    Object.assign(config.forms[1].schema.properties, JSON.parse('{"constructor": {"type": "string"}}'));
    const r = compile(config);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ code: 'reserved-name', pointer: '/forms/1/schema/properties/constructor' }));
  });
});
