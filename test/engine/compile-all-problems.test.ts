/**
 * compile returns every problem at once, also when sections fail the schema: the cross-checks
 * run on every section that passed. Each problem is said in English and Chinese (one template
 * pair per message key) and opens on the list item it is in, by its id or name.
 */
import { describe, expect, it } from 'vitest';
import { compile, MESSAGES, type Issue } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

type Loose = Record<string, any>;
const issuesOf = (config: unknown): Issue[] => {
  const result = compile(config);
  return result.ok ? [] : result.issues;
};

describe('compile: every problem at once', () => {
  it('an unknown key in the units and a dangling form reference in the categories are both reported', () => {
    const config = miniCounty() as unknown as Loose;
    (config.units[11] as Record<string, unknown>).parnet = 't1-v1';
    config.categories[0].children[0].form = 'nope';
    const issues = issuesOf(config);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'unknown-key', pointer: '/units/11/parnet', message: 'unit t1-v1-g1: unknown key "parnet" (check its spelling; unknown keys are never ignored)', messageZh: '单位 t1-v1-g1：未知的键“parnet”（请检查拼写；未知的键从不被忽略）' }),
      expect.objectContaining({ code: 'unknown-form', pointer: '/categories/0/children/0/form', message: 'category A01 "Neighbour dispute": form "nope" does not exist', messageZh: '小类 A01「邻里纠纷」：表单“nope”不存在' }),
    ]);
  });

  it('a section with a bad shape is skipped by the checks that need it, the others still run', () => {
    const config = miniCounty() as unknown as Loose;
    config.units[2].kind = 'ministry'; // units fail the schema: not read by any cross-check
    config.sla = 'fast' as never; // so does the whole SLA section
    config.categories[0].children[0].form = 'nope';
    config.workflow.transitions[0].to = 'limbo';
    config.rules[4].conditions.any[0].fact = 'aera';
    const issues = issuesOf(config);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual(expect.arrayContaining([
      ['schema', '/units/2/kind'],
      ['schema', '/sla'],
      ['unknown-form', '/categories/0/children/0/form'],
      ['unknown-state', '/workflow/transitions/0/to'],
    ]));
    // the rule's facts depend on the units (grid, village, township): not checked while they are unsound
    expect(issues.map((i) => i.code)).not.toContain('unknown-fact');
    // nothing reported about references into the unsound sections
    expect(issues.map((i) => i.code)).not.toContain('unknown-policy');
  });

  it('the rule checks run when the units are sound, beside a schema problem in the SLA', () => {
    const config = miniCounty() as unknown as Loose;
    config.sla.policies[0].accept.hours = -1;
    config.rules[4].conditions.any[0].fact = 'aera';
    expect(issuesOf(config).map((i) => [i.code, i.pointer])).toEqual([
      ['schema', '/sla/policies/0/accept/hours'],
      ['unknown-fact', '/rules/4/conditions/any/0/fact'],
    ]);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a list', []],
    ['a text', 'config'],
    ['an empty object', {}],
    ['sections of the wrong type', { ...miniCounty(), units: {}, forms: 'x', rules: [null], calendars: [1], categories: [{ children: 3 }], workflow: [], tests: {} }],
  ])('%s: problems, no crash', (_name, document) => {
    const issues = issuesOf(document);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.messageZh).toBeTruthy();
  });
});

describe('compile: problems name their item', () => {
  const cases: Array<[string, (c: Loose) => void, string, string, string]> = [
    ['a unit (ajv)', (c) => { c.units[11].kind = 'cell'; }, '/units/11/kind', 'unit t1-v1-g1: must be one of', '单位 t1-v1-g1：只能是以下之一'],
    ['a unit (cross-check)', (c) => { c.units[9].escalatesTo = 'nobody'; }, '/units/9/escalatesTo', 'unit t1-v1: escalatesTo "nobody" is not a unit', '单位 t1-v1：上报对象（escalatesTo）“nobody”不存在'],
    ['a major category', (c) => { c.categories[1].code = 'A'; }, '/categories/1/code', 'major category A "Illegal construction": category code "A" is used twice', '大类 A「违法建设」：分类编码“A”重复使用'],
    ['a form field', (c) => { c.forms[1].schema.properties.township = { type: 'string' }; }, '/forms/1/schema/properties/township', 'form f-a01, field township: "township" is a fact the engine derives', '表单 f-a01 字段 township：“township”是引擎派生的事实'],
    ['a rule condition', (c) => { c.rules[4].conditions.any[1].value = 'severe'; }, '/rules/4/conditions/any/1/value', 'rule "Large builds to land bureau" (r-land), condition 2: "severe" is not an option of "hazard"', '规则「大面积违建报国土」条件 2：“severe” 不是“hazard”的选项'.replace('“severe” ', '"severe" ')],
    ['a rule (ajv)', (c) => { c.rules[0].priority = 0; }, '/rules/0/priority', 'rule "Crowd dispute" (g-crowd): must be at least 1', '规则「群体纠纷升级」：不能小于 1'],
    ['an SLA policy', (c) => { c.sla.policies[1].reminders[0].beforeHours = 30; c.sla.policies[1].reminders[0].clock = 'working'; }, '/sla/policies/1/reminders/0/beforeHours', 'SLA policy l2: a reminder 30 h before a 24 h deadline', '时限策略 l2：时限只有 24 小时，提前 30 小时的提醒会早于计时开始'],
    ['a calendar', (c) => { c.calendars[0].years['2026'].holidays[0].to = '2025-01-01'; }, '/calendars/0/years/2026/holidays/0', 'calendar cn: holiday ends (2025-01-01)', '日历 cn：节假日的结束日期（2025-01-01）'],
    ['a workflow state', (c) => { c.workflow.states.push({ id: 'limbo', name: { zh: '悬', en: 'Limbo' }, open: true }); }, `/workflow/states/`, 'state limbo: not terminal, but no transition leaves it', '状态 limbo：不是终止状态，却没有任何流转离开它'],
    ['a workflow transition', (c) => { c.workflow.transitions[0].to = 'limbo'; }, '/workflow/transitions/0/to', `transition `, '流转 '],
    ['a test', (c) => { c.tests[0].expected.unit = 'ghost'; }, '/tests/0/expected/unit', 'test mini-1: unit "ghost" does not exist', '测试 mini-1：单位“ghost”不存在'],
  ];

  it.each(cases)('%s', (_name, mutate, pointer, message, messageZh) => {
    const config = miniCounty() as unknown as Loose;
    mutate(config);
    const issue = issuesOf(config).find((i) => i.pointer.startsWith(pointer));
    expect(issue, JSON.stringify(issuesOf(config))).toBeDefined();
    expect(issue!.message.startsWith(message), issue!.message).toBe(true);
    expect(issue!.messageZh!.startsWith(messageZh), issue!.messageZh).toBe(true);
  });

  it('an item without an id is named by its place', () => {
    const config = miniCounty() as unknown as Loose;
    delete config.units[5].id;
    expect(issuesOf(config)).toContainEqual(expect.objectContaining({ pointer: '/units/5', message: 'unit #6: "id" is required here', messageZh: '第 6 个单位：此处必须有“id”' }));
  });
});

describe('message catalog', () => {
  it.each(Object.entries(MESSAGES))('%s says the same parameters in both languages', (_key, pair) => {
    const params = (text: string) => [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).sort();
    expect(params(pair.zh)).toEqual(params(pair.en));
    expect(pair.zh).not.toBe('');
  });
});
