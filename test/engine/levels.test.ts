/**
 * A config declares its levels (1 to 9, numbered 1…n, each with a zh/en name); without the
 * section it has the baseline four. Every level a category, a grade rule, an SLA policy or a test
 * names must be declared: otherwise compile refuses it, naming the item.
 */
import { describe, expect, it } from 'vitest';
import { compile, decide, DEFAULT_LEVELS, levelsOf, type CountyConfig } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

const n = (zh: string, en: string) => ({ zh, en });
const three = [
  { level: 1, name: n('一般', 'General') },
  { level: 2, name: n('较大', 'Serious') },
  { level: 3, name: n('重大', 'Major') },
];

/** The mini county with three levels: its level-4 rule and policy brought down to 3. */
function threeLevelCounty(): CountyConfig {
  const config = miniCounty();
  config.levels = structuredClone(three);
  const wage = config.rules.find((r) => r.id === 'g-wage')!;
  if (wage.event.type === 'grade') wage.event.params.level = 3;
  config.rules = config.rules.filter((r) => r.id !== 'e-l4');
  config.sla.policies.find((p) => p.id === 'l34')!.levels = [3];
  return config;
}

const issuesOf = (config: unknown) => {
  const result = compile(config);
  return result.ok ? [] : result.issues;
};

describe('levels', () => {
  it('without a levels section: the baseline four', () => {
    const result = compile(miniCounty());
    expect(result.ok && result.value.levels).toEqual(DEFAULT_LEVELS);
    expect(levelsOf({}).map((l) => l.name.zh)).toEqual(['一般', '较大', '重大', '特别重大']);
  });

  it('a county with three levels compiles and decides with them', () => {
    const result = compile(threeLevelCounty());
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    expect(result.value.levels).toEqual(three);
    const { decision } = decide(result.value, { category: 'A02', data: { description: '欠薪', location: { grid: 't1-v1-g1' }, amount: 200000 }, reportedAt: Date.parse('2026-06-18T10:00:00+08:00') });
    expect(decision.level).toBe(3);
    expect(decision.slaPolicy).toBe('l34');
  });

  it('a county with nine levels may grade to level 9', () => {
    const config = miniCounty();
    config.levels = Array.from({ length: 9 }, (_, i) => ({ level: i + 1, name: n(`${i + 1} 级`, `Level ${i + 1}`) }));
    config.sla.policies.find((p) => p.id === 'l34')!.levels = [3, 4, 5, 6, 7, 8, 9];
    const wage = config.rules.find((r) => r.id === 'g-wage')!;
    if (wage.event.type === 'grade') wage.event.params.level = 9;
    const result = compile(config);
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    const { decision } = decide(result.value, { category: 'A02', data: { description: '欠薪', location: { grid: 't1-v1-g1' }, amount: 200000 }, reportedAt: Date.parse('2026-06-18T10:00:00+08:00') });
    expect(decision.level).toBe(9);
  });

  it.each<[string, (c: CountyConfig) => void, string, string, string]>([
    ['a grade rule to an undeclared level', (c) => { const r = c.rules.find((x) => x.id === 'g-wage')!; if (r.event.type === 'grade') r.event.params.level = 4; }, '/rules/2/event/params/level',
      'rule "Large unpaid wages" (g-wage): level 4 is not one of the config\'s levels (1 General, 2 Serious, 3 Major)', '规则「大额欠薪」：4 级不是本配置声明的等级（1 一般、2 较大、3 重大）'],
    ['a category whose default level is undeclared', (c) => { c.categories[0].children[1].level = 4; }, '/categories/0/children/1/level',
      'category A02 "Wage dispute": level 4 is not one of the config\'s levels (1 General, 2 Serious, 3 Major)', '小类 A02「劳资纠纷」：4 级不是本配置声明的等级（1 一般、2 较大、3 重大）'],
    ['an SLA policy for an undeclared level', (c) => { c.sla.policies.find((p) => p.id === 'l34')!.levels = [3, 4]; }, '/sla/policies/2/levels/1',
      'SLA policy l34: level 4 is not one of the config\'s levels (1 General, 2 Serious, 3 Major)', '时限策略 l34：4 级不是本配置声明的等级（1 一般、2 较大、3 重大）'],
    ['a test expecting an undeclared level', (c) => { c.tests![0].expected.level = 4; }, '/tests/0/expected/level',
      'test mini-1: level 4 is not one of the config\'s levels (1 General, 2 Serious, 3 Major)', '测试 mini-1：4 级不是本配置声明的等级（1 一般、2 较大、3 重大）'],
    ['levels with a gap', (c) => { c.levels![2].level = 4; }, '/levels/2/level',
      'level 4: levels are numbered 1 to 3 in order, without gaps: this one should be level 3, not 4', '等级 4：等级须从 1 到 3 依次编号、不留空缺：此项应为 3 级，而不是 4 级'],
  ])('refuses %s, naming the item', (_name, mutate, pointer, message, messageZh) => {
    const config = threeLevelCounty();
    mutate(config);
    const issues = issuesOf(config);
    expect(issues).toContainEqual(expect.objectContaining({ code: expect.any(String), pointer, message, messageZh }));
  });

  it('a declared level that no general SLA policy covers is named with its name', () => {
    const config = threeLevelCounty();
    config.sla.policies = config.sla.policies.filter((p) => p.id !== 'l2');
    expect(issuesOf(config)).toContainEqual(expect.objectContaining({ code: 'level-without-sla', pointer: '/categories/0/children/1/level', message: expect.stringContaining('level 2 (Serious) is used here') }));
  });

  it.each<[string, unknown, string]>([
    ['no levels at all', [], '/levels'],
    ['ten levels', Array.from({ length: 10 }, (_, i) => ({ level: i + 1, name: n('级', 'L') })), '/levels'],
    ['a level above 9', [{ level: 10, name: n('级', 'L') }], '/levels/0/level'],
    ['a level without a name', [{ level: 1 }], '/levels/0'],
  ])('the schema refuses %s', (_name, levels, pointer) => {
    const config: Record<string, unknown> = { ...miniCounty(), levels };
    expect(issuesOf(config).map((i) => i.pointer)).toContain(pointer);
  });
});
