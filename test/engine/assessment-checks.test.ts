/**
 * compile's checks of the assessment section: each problem with its code and pointer, its message
 * opening on the indicator (or source) it is in; custom indicators over event facts.
 */
import { describe, expect, it } from 'vitest';
import { compile, eventMatches, indicatorPlan, type CountyConfig, type EventFacts } from '../../engine/index';
import { compiledCatalog } from '../helpers/catalogs';

const baseline = async (): Promise<CountyConfig> => structuredClone((await compiledCatalog('zhejiang-four-platforms')).config) as CountyConfig;
const name = { zh: '较大以上事件按期办结率', en: 'On-time resolution of serious events' };

/** The baseline with the overdue indicator (weight 0.1) replaced by `custom`. */
async function withCustom(custom: unknown, over: Record<string, unknown> = {}): Promise<CountyConfig> {
  const config = await baseline();
  config.assessment.indicators[5] = { id: 'serious', name, measure: 'custom', weight: 0.1, higherIsBetter: true, target: 0.9, custom, ...over } as never;
  return config;
}

const problems = (config: unknown) => {
  const r = compile(config);
  return r.ok ? [] : r.issues.map((i) => ({ code: i.code, pointer: i.pointer, message: i.message, zh: i.messageZh }));
};

describe('assessment checks', () => {
  it('the baseline passes, and a custom indicator over event facts compiles', async () => {
    expect(problems(await baseline())).toEqual([]);
    const config = await withCustom({ of: 'onTimeResolveRate', where: { all: [{ fact: 'level', operator: 'greaterThanInclusive', value: 2 }, { fact: 'source', operator: 'in', value: ['hotline', 'citizen'] }, { fact: 'tags', operator: 'doesNotContain', value: 'repeat' }] } });
    expect(problems(config)).toEqual([]);
  });

  it.each([
    { name: 'an unknown fact', custom: { of: 'onTimeResolveRate', where: { fact: 'description', operator: 'equal', value: 'x' } }, code: 'assessment-fact', pointer: '/assessment/indicators/5/custom/where/fact' },
    { name: 'a path', custom: { of: 'onTimeResolveRate', where: { fact: 'township', path: '$.id', operator: 'equal', value: 'qs-fx' } }, code: 'assessment-fact', pointer: '/assessment/indicators/5/custom/where/path' },
    { name: 'a null value', custom: { of: 'onTimeResolveRate', where: { fact: 'grid', operator: 'equal', value: null } }, code: 'assessment-fact', pointer: '/assessment/indicators/5/custom/where/value' },
    { name: 'contains on the level', custom: { of: 'onTimeResolveRate', where: { fact: 'level', operator: 'contains', value: 3 } }, code: 'operator-type', pointer: '/assessment/indicators/5/custom/where/operator' },
    { name: 'a category the config lacks', custom: { of: 'closureRate', where: { fact: 'category', operator: 'in', value: ['no-such-category'] } }, code: 'value-type', pointer: '/assessment/indicators/5/custom/where/value' },
    { name: 'a level as text', custom: { of: 'closureRate', where: { fact: 'level', operator: 'equal', value: '3' } }, code: 'value-type', pointer: '/assessment/indicators/5/custom/where/value' },
    { name: 'a rate of overdue events', custom: { of: 'overdueCount', kind: 'rate', where: { fact: 'level', operator: 'equal', value: 3 } }, code: 'assessment-custom', pointer: '/assessment/indicators/5/custom/kind' },
  ])('refuses a custom indicator with $name, naming the indicator', async ({ custom, code, pointer }) => {
    const found = problems(await withCustom(custom));
    expect(found).toContainEqual(expect.objectContaining({ code, pointer }));
    const issue = found.find((i) => i.pointer === pointer)!;
    expect(issue.message).toContain('On-time resolution of serious events');
    expect(issue.zh).toContain('较大以上事件按期办结率');
  });

  it('refuses measure custom without custom, and custom beside another measure', async () => {
    const config = await withCustom(undefined);
    delete (config.assessment.indicators[5] as { custom?: unknown }).custom;
    expect(problems(config)).toContainEqual(expect.objectContaining({ code: 'assessment-custom', pointer: '/assessment/indicators/5' }));
    const beside = await baseline();
    (beside.assessment.indicators[0] as { custom?: unknown }).custom = { of: 'closureRate', where: { fact: 'level', operator: 'equal', value: 1 } };
    expect(problems(beside)).toContainEqual(expect.objectContaining({ code: 'assessment-custom', pointer: '/assessment/indicators/0/custom' }));
  });

  it('refuses weights that do not add up to 1, ids used twice, and scoring points that cannot score', async () => {
    const config = await baseline();
    config.assessment.indicators[0].weight = 0.3;
    config.assessment.indicators[1].id = config.assessment.indicators[0].id;
    config.assessment.indicators[3].zeroAt = 0.01; // reopen: target 0.05
    config.assessment.indicators[2].zeroAt = 0.5; // closure: higher is better
    config.assessment.sources[1].weight = 0.5; // township rating: 0.4 + 0.5 for a county department
    const found = problems(config);
    expect(found.map((i) => `${i.code} ${i.pointer}`).sort()).toEqual([
      'assessment-source-weights /assessment/sources',
      'assessment-weights /assessment/indicators',
      'assessment-zero-at /assessment/indicators/2/zeroAt',
      'assessment-zero-at /assessment/indicators/3/zeroAt',
      'duplicate-id /assessment/indicators/1/id',
    ]);
    expect(found.find((i) => i.code === 'assessment-weights')!.message).toContain('1.1');
    expect(found.find((i) => i.code === 'assessment-source-weights')!.zh).toContain('县级部门');
  });

  it('a higher-is-better count needs a target', async () => {
    const config = await withCustom({ of: 'closureRate', kind: 'count', where: { fact: 'level', operator: 'equal', value: 4 } });
    delete (config.assessment.indicators[5] as { target?: number }).target;
    expect(problems(config)).toContainEqual(expect.objectContaining({ code: 'assessment-target', pointer: '/assessment/indicators/5' }));
  });
});

describe('custom indicator plans', () => {
  const facts: EventFacts = { category: 'env-noise', majorCategory: 'env', level: 2, source: 'hotline', township: 'qs-fx', grid: null, tags: ['night'] };

  it('narrow their measure to the events the condition selects', async () => {
    const config = await withCustom({ of: 'overdueCount', kind: 'count', where: { all: [{ fact: 'majorCategory', operator: 'equal', value: 'env' }, { fact: 'tags', operator: 'contains', value: 'night' }] } }, { higherIsBetter: false, target: 0 });
    const plan = indicatorPlan(config.assessment.indicators[5]);
    expect(plan).toMatchObject({ measure: 'overdueCount', kind: 'count', distinctEvents: true, numerator: { hit: 0 } });
    expect(eventMatches(plan, facts)).toBe(true);
    expect(eventMatches(plan, { ...facts, tags: [] })).toBe(false);
    expect(eventMatches(indicatorPlan(config.assessment.indicators[0]), facts)).toBe(true);
  });

  it('an event without a grid is not equal to one, and differs from every one', () => {
    expect(eventMatches({ where: { fact: 'grid', operator: 'notEqual', value: 'g1' } }, facts)).toBe(true);
    expect(eventMatches({ where: { fact: 'grid', operator: 'in', value: ['g1'] } }, facts)).toBe(false);
  });
});
