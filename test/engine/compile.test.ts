import { describe, expect, it } from 'vitest';
import { compile, type CountyConfig } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

type Mutation = (c: CountyConfig & Record<string, unknown>) => void;
const rule = (c: CountyConfig, id: string) => c.rules.find((r) => r.id === id)! as unknown as Record<string, any>;

describe('compile', () => {
  it('compiles the mini county', () => {
    const result = compile(miniCounty());
    expect(result.ok).toBe(true);
  });

  const cases: Array<[string, Mutation, string, string]> = [
    ['unknown top-level key', (c) => { c.rulez = []; }, 'unknown-key', '/rulez'],
    ['typo inside a unit', (c) => { (c.units[0] as Record<string, unknown>).parnet = 'x'; }, 'unknown-key', '/units/0/parnet'],
    ['wrong type', (c) => { (c.categories[0].children[0] as Record<string, unknown>).level = 'high'; }, 'schema', '/categories/0/children/0/level'],
    ['duplicate unit id', (c) => { c.units.push({ ...c.units[2] }); }, 'duplicate-id', '/units/14/id'],
    ['duplicate category code', (c) => { c.categories[1].children[0].code = 'A01'; }, 'duplicate-id', '/categories/1/children/0/code'],
    ['category form missing', (c) => { c.categories[0].children[0].form = 'nope'; }, 'unknown-form', '/categories/0/children/0/form'],
    ['route to a unit that does not exist', (c) => { rule(c, 'r-village').event.params.target = { type: 'unit', unit: 'ghost' }; }, 'unknown-unit', '/rules/3/event/params/target/unit'],
    ['route to a grid (cannot handle events)', (c) => { rule(c, 'r-village').event.params.target = { type: 'unit', unit: 't1-v1-g1' }; }, 'cannot-handle', '/rules/3/event/params/target/unit'],
    ['route to an unknown domain', (c) => { rule(c, 'r-land').event.params.target = { type: 'department', domain: 'space' }; }, 'unknown-domain', '/rules/4/event/params/target/domain'],
    ['fact not in the form', (c) => { rule(c, 'r-land').conditions.any[0].fact = 'aera'; }, 'unknown-fact', '/rules/4/conditions/any/0/fact'],
    ['fact of another category', (c) => { rule(c, 'r-land').conditions.any[0].fact = 'amount'; }, 'unknown-fact', '/rules/4/conditions/any/0/fact'],
    ['grade rule reading level', (c) => { rule(c, 'g-repeat').conditions.all[0].fact = 'level'; }, 'unknown-fact', '/rules/1/conditions/all/0/fact'],
    ['unknown operator', (c) => { rule(c, 'g-crowd').conditions.all[0].operator = 'greaterThanOrEqual'; }, 'unknown-operator', '/rules/0/conditions/all/0/operator'],
    ['in with a scalar', (c) => { rule(c, 'g-crowd').conditions.all[0] = { fact: 'peopleAffected', operator: 'in', value: 3 }; }, 'bad-value', '/rules/0/conditions/all/0/value'],
    ['numeric operator with a string', (c) => { rule(c, 'g-crowd').conditions.all[0].value = '10'; }, 'bad-value', '/rules/0/conditions/all/0/value'],
    ['JSONPath filter in a path', (c) => { rule(c, 'g-crowd').conditions.all[0].path = '$..[?(@.x)]'; }, 'bad-path', '/rules/0/conditions/all/0/path'],
    ['unknown key in a condition', (c) => { rule(c, 'g-crowd').conditions.all[0].vaule = 1; }, 'unknown-key', '/rules/0/conditions/all/0/vaule'],
    ['scope category missing', (c) => { rule(c, 'g-wage').scope = { category: 'Z99' }; }, 'unknown-category', '/rules/2/scope/category'],
    ['sla rule names a missing policy', (c) => { c.rules.push({ id: 's1', name: { zh: 'a', en: 'a' }, priority: 1, conditions: { all: [] }, event: { type: 'sla', params: { policy: 'fast' } } }); }, 'unknown-policy', '/rules/8/event/params/policy'],
    ['level without SLA policy', (c) => { c.sla.policies = c.sla.policies.filter((p) => p.id !== 'l2'); }, 'level-without-sla', '/categories/0/children/1/level'],
    ['escalation cycle', (c) => { c.units.find((u) => u.id === 'cmd')!.escalatesTo = 't1-cmd'; }, 'escalation-cycle', '/units/1'],
    ['escalation to an unknown unit', (c) => { c.units.find((u) => u.id === 't1-v1')!.escalatesTo = 'nobody'; }, 'unknown-unit', '/units/9/escalatesTo'],
    ['township without a market platform', (c) => { c.units = c.units.filter((u) => u.id !== 't1-mkt'); }, 'township-platform', '/units/3'],
    ['workflow transition to a missing state', (c) => { c.workflow.transitions[0].to = 'limbo'; }, 'unknown-state', '/workflow/transitions/0/to'],
    ['workflow role that does not exist', (c) => { (c.workflow.transitions[0].roles as string[])[0] = 'mayor'; }, 'schema', '/workflow/transitions/0/roles/0'],
    ['calendar missing a service year', (c) => { c.county.serviceYears = [2026, 2027]; }, 'calendar-year-missing', '/county/serviceYears/1'],
    ['calendar missing', (c) => { c.county.calendar = 'moon'; }, 'unknown-calendar', '/county/calendar'],
    ['catastrophic pattern length', (c) => { (c.forms[0].schema.properties.reporterPhone as Record<string, unknown>).pattern = 'a'.repeat(600); }, 'bad-pattern', '/forms/0/schema/properties/reporterPhone/pattern'],
    ['backreference pattern (not linear-time)', (c) => { (c.forms[0].schema.properties.reporterPhone as Record<string, unknown>).pattern = '^(a)\\1$'; }, 'bad-pattern', '/forms/0/schema/properties/reporterPhone/pattern'],
    ['form field named after a derived fact', (c) => { c.forms[1].schema.properties.township = { type: 'string' }; }, 'reserved-field', '/forms/1/schema/properties/township'],
    ['form includes a missing form', (c) => { c.forms[1].include = ['bsae']; }, 'unknown-form', '/forms/1/include/0'],
    ['test names a missing unit', (c) => { c.tests![0].expected.unit = 'ghost'; }, 'unknown-unit', '/tests/0/expected/unit'],
  ];

  it.each(cases)('refuses: %s', (_name, mutate, code, pointer) => {
    const config = miniCounty() as CountyConfig & Record<string, unknown>;
    mutate(config);
    const result = compile(config);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(expect.objectContaining({ code, pointer }));
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(5);
  });

  it('reports every problem at once', () => {
    const config = miniCounty();
    rule(config, 'r-village').event.params.target = { type: 'unit', unit: 'ghost' };
    config.categories[0].children[0].form = 'nope';
    rule(config, 'g-crowd').conditions.all[0].operator = 'gt';
    const result = compile(config);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(new Set(result.issues.map((i) => i.code))).toEqual(new Set(['unknown-unit', 'unknown-form', 'unknown-operator']));
  });

  it('names the source file when given a source map', () => {
    const config = miniCounty();
    rule(config, 'r-village').event.params.target = { type: 'unit', unit: 'ghost' };
    const result = compile(config, { sources: { '': 'c/config.json', '/rules': 'c/rules/a.json', '/rules/3': 'c/rules/b.json' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ file: 'c/rules/b.json', pointer: '/rules/3/event/params/target/unit' });
  });

  it('refuses a rule nested 20,000 deep without overflowing the stack', () => {
    const config = miniCounty();
    let node: Record<string, unknown> = { fact: 'recentReports', operator: 'equal', value: 1 };
    for (let i = 0; i < 20_000; i++) node = { all: [node] };
    rule(config, 'g-repeat').conditions = node;
    const result = compile(config);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain('condition-too-deep');
  });
});
