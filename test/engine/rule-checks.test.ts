/**
 * compile refuses rules that can never mean what they say — a value or operator that does not
 * fit the fact's type, named by the rule's name and the condition's number — and warns of a rule
 * that never decides because a weaker rule wins before it.
 */
import { describe, expect, it } from 'vitest';
import { compile, type CountyConfig } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

type Mutation = (c: CountyConfig) => void;
const rule = (c: CountyConfig, id: string) => c.rules.find((r) => r.id === id)! as unknown as Record<string, any>;
const withNearHomes: Mutation = (c) => {
  c.forms.find((f) => f.id === 'f-b01')!.schema.properties.nearHomes = { type: 'boolean' };
};
const routeRule = (id: string, priority: number, scope: Record<string, string> | undefined, conditions: unknown) =>
  ({ id, name: { zh: `规则${id}`, en: id }, priority, ...(scope ? { scope } : {}), conditions, event: { type: 'route', params: { target: { type: 'village' } } } }) as never;

describe('compile: condition values and operators fit their facts', () => {
  const refused: Array<[string, Mutation, string, string, RegExp]> = [
    ['a yes/no field compared with "是"', (c) => { withNearHomes(c); rule(c, 'r-land').conditions.any[1] = { fact: 'nearHomes', operator: 'equal', value: '是' }; }, 'value-type', '/rules/4/conditions/any/1/value', /condition 2: "nearHomes" is a yes\/no field: compare it with true or false, not "是"/],
    ['a choice field with a value outside its options', (c) => { rule(c, 'r-land').conditions.any[1].value = 'severe'; }, 'value-type', '/rules/4/conditions/any/1/value', /"severe" is not an option of "hazard" \(options: "none", "low", "high"\)/],
    ['an in list with one value outside the options', (c) => { rule(c, 'r-land').conditions.any[1] = { fact: 'hazard', operator: 'in', value: ['low', 'hgh'] }; }, 'value-type', '/rules/4/conditions/any/1/value', /"hgh" is not an option/],
    ['a number field with a text', (c) => { rule(c, 'r-land').conditions.any[0] = { fact: 'area', operator: 'equal', value: '200' }; }, 'value-type', '/rules/4/conditions/any/0/value', /condition 1: "area" is a number field/],
    ['contains on a choice field', (c) => { rule(c, 'r-land').conditions.any[1].operator = 'contains'; }, 'operator-type', '/rules/4/conditions/any/1/operator', /"contains" does not apply to "hazard", a choice field/],
    ['greaterThan on a yes/no field', (c) => { rule(c, 't-night').conditions = { fact: 'workingTime', operator: 'greaterThan', value: 0 }; }, 'operator-type', '/rules/6/conditions/operator', /does not apply to "workingTime"/],
    ['a derived yes/no fact with "yes"', (c) => { rule(c, 't-night').conditions.not.value = 'yes'; }, 'value-type', '/rules/6/conditions/not/value', /"workingTime" is a yes\/no field/],
    ['a grid that is not in the unit tree', (c) => { rule(c, 'r-village').conditions.all.push({ fact: 'grid', operator: 'equal', value: 't9-v9-g9' }); }, 'value-type', '/rules/3/conditions/all/1/value', /"t9-v9-g9" is not an option of "grid"/],
    ['a category that does not exist', (c) => { rule(c, 'g-repeat').conditions.all.push({ fact: 'category', operator: 'in', value: ['A01', 'Z99'] }); }, 'value-type', '/rules/1/conditions/all/1/value', /"Z99" is not an option of "category"/],
  ];

  it.each(refused)('refuses %s, naming the rule and the condition', (_name, mutate, code, pointer, message) => {
    const config = miniCounty();
    mutate(config);
    const result = compile(config);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.code === code && i.pointer === pointer);
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    expect(issue!.message).toMatch(/^rule "[^"]+" \([a-z0-9-]+\), condition \d+: /);
    expect(issue!.messageZh).toMatch(/^规则「[^」]+」条件 \d+：/);
    expect(issue!.message).toMatch(message);
  });

  it.each<[string, Mutation]>([
    ['yes/no with true and null', (c) => { withNearHomes(c); rule(c, 'r-land').conditions.any.push({ fact: 'nearHomes', operator: 'equal', value: true }, { fact: 'nearHomes', operator: 'notEqual', value: null }); }],
    ['a choice field with its options', (c) => { rule(c, 'r-land').conditions.any.push({ fact: 'hazard', operator: 'notIn', value: ['none', 'low'] }); }],
    ['a number field compared with a fraction', (c) => { rule(c, 'g-crowd').conditions.all[0].value = 9.5; }],
    ['a field whose type differs between the forms of a wider scope, fitting one of them', (c) => {
      c.forms.find((f) => f.id === 'f-a02')!.schema.properties.peopleAffected = { type: 'string', enum: ['few', 'many'] };
      rule(c, 'g-crowd').conditions.all.push({ fact: 'peopleAffected', operator: 'notEqual', value: 'few' });
    }],
    ['an object field read with a path', (c) => { rule(c, 'r-village').conditions.all.push({ fact: 'location', path: '$.address.length', operator: 'greaterThan', value: 3 }); }],
  ])('accepts %s', (_name, mutate) => {
    const config = miniCounty();
    mutate(config);
    const result = compile(config);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe('compile: a rule that never decides is a warning', () => {
  it('a narrower rule of lower priority whose conditions include all of a wider one\'s', () => {
    const config = miniCounty();
    config.rules.push(
      routeRule('r-wide', 9, { major: 'B' }, { all: [{ fact: 'area', operator: 'greaterThan', value: 200 }] }),
      routeRule('r-narrow', 5, { category: 'B01' }, { all: [{ operator: 'equal', value: 'high', fact: 'hazard' }, { fact: 'area', operator: 'greaterThan', value: 200 }] }),
    );
    const result = compile(config);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.warnings).toEqual([
      expect.objectContaining({
        code: 'rule-shadowed',
        severity: 'warning',
        pointer: `/rules/${config.rules.length - 1}`,
        message: 'rule "r-narrow": never decides: rule "r-wide" (priority 9, scope major B) fires whenever it does and wins',
        messageZh: '规则「规则r-narrow」：永远不会生效：规则「规则r-wide」（优先级 9，适用于大类 B）在它触发时总会触发并胜出',
      }),
    ]);
  });

  it.each<[string, unknown, number, Record<string, string> | undefined]>([
    ['the higher rule requires something the lower does not', { all: [{ fact: 'hazard', operator: 'equal', value: 'high' }, { fact: 'area', operator: 'greaterThan', value: 500 }] }, 9, { major: 'B' }],
    ['the higher rule\'s scope is another category', { all: [] }, 9, { category: 'A02' }],
  ])('no warning when %s', (_name, conditions, priority, scope) => {
    const config = miniCounty();
    config.rules.push(
      routeRule('r-other', priority, scope, conditions),
      routeRule('r-narrow', 5, { category: 'B01' }, { all: [{ fact: 'hazard', operator: 'equal', value: 'high' }] }),
    );
    const result = compile(config);
    expect(result.ok && result.value.warnings).toEqual([]);
  });

  it('tag and notify rules combine, so they never shadow', () => {
    const config = miniCounty();
    const tag = (id: string, priority: number) => ({ id, name: { zh: id, en: id }, priority, conditions: { all: [] }, event: { type: 'tag', params: { tags: [id] } } }) as never;
    config.rules.push(tag('t-a', 9), tag('t-b', 1));
    const result = compile(config);
    expect(result.ok && result.value.warnings).toEqual([]);
  });
});
