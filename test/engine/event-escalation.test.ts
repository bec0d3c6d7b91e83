/**
 * Escalation that depends on the event: a unit's `escalation` sends an event by its category,
 * major category, domain (named, or the department whose domain matches) or level, then its
 * default, then `escalatesTo` / one tier up; the workflow's escalate action and its availability
 * follow it; compile checks every target and every chain for every category × level.
 */
import { describe, expect, it } from 'vitest';
import { availableActions, compile, escalationFacts, transition, type CompiledConfig, type CountyConfig, type EventState } from '../../engine/index';
import { UnitTree } from '../../engine/config/unit-tree';
import { miniCounty } from '../fixtures/mini-county';

const n = (zh: string, en: string) => ({ zh, en });

/** The mini county with a second department (labour) and the county command centre's event-dependent escalation. */
function county(escalation: NonNullable<CountyConfig['units'][number]['escalation']>): CountyConfig {
  const c = miniCounty();
  c.units.push({ id: 'dept-labour', kind: 'county_department', name: n('人社局', 'Labour bureau'), domains: ['labour'] });
  c.categories[0].children[1].domain = 'labour';
  c.units.find((u) => u.id === 'cmd')!.escalation = escalation;
  return c;
}

function compiled(c: CountyConfig): CompiledConfig {
  const result = compile(c);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
  return result.value;
}

const at = Date.parse('2026-03-02T02:00:00Z');
const state = (category: string | null, level = 1): EventState => ({
  state: 'dispatched', handlingUnit: 't1-v1', dispatcher: 'cmd', assist: [], reporterId: 'r1', grid: 't1-v1-g1', level, red: false, ...(category ? { category } : {}),
});
const dispatcher = { role: 'dispatcher' as const, unit: 'cmd', id: 'd1' };

describe('event-dependent escalation: resolution', () => {
  const tree = new UnitTree([
    { id: 'gov', kind: 'county_government', name: n('政府', 'Gov') },
    { id: 'land', kind: 'county_department', name: n('资规', 'Land'), domains: ['land'] },
    { id: 'labour', kind: 'county_department', name: n('人社', 'Labour'), domains: ['labour'] },
    { id: 'police', kind: 'county_department', name: n('公安', 'Police'), domains: ['police'] },
    {
      id: 'cmd', kind: 'county_command', name: n('指挥中心', 'Command'), escalatesTo: 'gov',
      escalation: { byCategory: { A01: 'police' }, byMajorCategory: { A: 'labour' }, byDomain: { land: 'police' }, matchDomain: true, byLevel: { '4': 'gov' }, default: 'land' },
    },
    { id: 'plain', kind: 'county_command', name: n('无映射', 'Plain'), escalatesTo: 'gov', escalation: { matchDomain: true } },
  ]);
  it.each([
    ['the category first', { category: 'A01', major: 'A', domain: 'land', level: 4 }, 'police'],
    ['then the major category', { category: 'A02', major: 'A', domain: 'land', level: 4 }, 'labour'],
    ['then the domain named', { category: 'B01', major: 'B', domain: 'land', level: 4 }, 'police'],
    ['then the department whose domain matches', { category: 'C01', major: 'C', domain: 'labour', level: 4 }, 'labour'],
    ['then the level', { category: 'C01', major: 'C', domain: 'space', level: 4 }, 'gov'],
    ['then the default', { category: 'C01', major: 'C', domain: null, level: 2 }, 'land'],
    ['the default without an event', {}, 'land'],
  ])('%s', (_, facts, expected) => {
    expect(tree.escalationTarget('cmd', facts)).toBe(expected);
  });
  it('falls back to escalatesTo when nothing matches and there is no default', () => {
    expect(tree.escalationTarget('plain', { category: 'X', domain: 'police', level: 1 })).toBe('police');
    expect(tree.escalationTarget('plain', { category: 'X', domain: 'nothing', level: 1 })).toBe('gov');
    expect(tree.escalationTarget('plain')).toBe('gov');
  });
  it('does not read inherited keys of the maps', () => {
    expect(tree.escalationTarget('cmd', { category: 'constructor', major: 'toString', domain: null, level: null })).toBe('land');
  });
});

describe('event-dependent escalation: the workflow', () => {
  const config = compiled(county({ matchDomain: true, default: 'gov' }));
  it('reads the category, its major category and domain from the config', () => {
    expect(escalationFacts(config, { category: 'B01', level: 2 })).toEqual({ category: 'B01', major: 'B', domain: 'land', level: 2 });
    expect(escalationFacts(config, { category: null, level: 1 })).toEqual({ category: null, major: null, domain: null, level: 1 });
  });
  it('sends an event escalated from the county command centre to the department of its domain', () => {
    const out = transition(config, { state: state('B01'), action: 'escalate', actor: dispatcher, now: at, input: { reason: 'beyond us' } });
    expect(out.state).toMatchObject({ state: 'escalated', handlingUnit: 'dept-land', dispatcher: 'dept-land', category: 'B01' });
    const labour = transition(config, { state: state('A02'), action: 'escalate', actor: dispatcher, now: at, input: { reason: 'wages' } });
    expect(labour.state.handlingUnit).toBe('dept-labour');
  });
  it('sends it to the county government when no department has its domain', () => {
    const out = transition(config, { state: state('A01'), action: 'escalate', actor: dispatcher, now: at, input: { reason: 'x' } });
    expect(out.state.handlingUnit).toBe('gov');
  });
  it('offers escalate only while there is a higher tier for this event', () => {
    const byLevel = compiled(county({ byLevel: { '3': 'gov' }, default: 'gov' }));
    expect(availableActions(byLevel, state('A01', 3), dispatcher).map((a) => a.action)).toContain('escalate');
    const fromGov = { ...state('A01', 3), dispatcher: 'gov', handlingUnit: 'gov' };
    expect(availableActions(byLevel, fromGov, { role: 'dispatcher', unit: 'gov', id: 'd2' }).map((a) => a.action)).not.toContain('escalate');
  });
});

describe('event-dependent escalation: compile checks', () => {
  const problems = (c: CountyConfig) => {
    const result = compile(c);
    return result.ok ? [] : result.issues.map((i) => ({ code: i.code, pointer: i.pointer, message: i.message, messageZh: i.messageZh }));
  };
  it('accepts a mapping whose chains all reach the county government', () => {
    expect(problems(county({ byCategory: { A01: 'dept-labour' }, byMajorCategory: { B: 'dept-land' }, byDomain: { labour: 'dept-labour' }, matchDomain: true, byLevel: { '4': 'gov' }, default: 'gov' }))).toEqual([]);
  });
  it('names unknown targets, categories, domains and levels at their pointers', () => {
    const found = problems(county({ byCategory: { Z9: 'gov', A01: 'ghost' }, byMajorCategory: { Q: 'gov' }, byDomain: { space: 'gov' }, byLevel: { '9': 'gov' }, default: 't1-v1-g1' }));
    expect(found.map((p) => [p.code, p.pointer])).toEqual(expect.arrayContaining([
      ['unknown-category', '/units/1/escalation/byCategory/Z9'],
      ['unknown-unit', '/units/1/escalation/byCategory/A01'],
      ['unknown-category', '/units/1/escalation/byMajorCategory/Q'],
      ['unknown-domain', '/units/1/escalation/byDomain/space'],
      ['undeclared-level', '/units/1/escalation/byLevel/9'],
      ['cannot-handle', '/units/1/escalation/default'],
    ]));
  });
  it('finds a cycle that only events of one category at one level run into, naming both, the chain and the unit', () => {
    // level 3 of A02 goes from the command centre back down to the township's command room
    const c = county({ byLevel: { '3': 't1-cmd' }, byDomain: { labour: 'dept-labour' }, default: 'gov' });
    c.units.find((u) => u.id === 'cmd')!.escalation!.byCategory = { A01: 'gov' };
    const found = problems(c).filter((p) => p.code === 'escalation-cycle');
    expect(found.length).toBeGreaterThan(0);
    const fromCmd = found.find((p) => p.pointer === '/units/1')!;
    expect(fromCmd.message).toBe('unit cmd: for category "B01" at level 3, escalation runs in a circle: cmd → t1-cmd → cmd');
    expect(fromCmd.messageZh).toBe('单位 cmd：小类“B01”、3 级的事件，上报链形成循环：cmd → t1-cmd → cmd');
    // the village's chain runs into the same cycle
    expect(found.map((p) => p.pointer)).toContain('/units/9');
  });
  it('follows chains through several event-dependent units', () => {
    const c = county({ byDomain: { land: 'dept-land' }, default: 'gov' });
    c.units.find((u) => u.id === 'dept-land')!.escalation = { byCategory: { B01: 't1-v1' } };
    const cycle = problems(c).find((p) => p.code === 'escalation-cycle' && p.pointer === '/units/2')!;
    expect(cycle.message).toBe('unit dept-land: for category "B01" at level 1, escalation runs in a circle: dept-land → t1-v1 → t1-cmd → cmd → dept-land');
  });
  it('finds a chain that stops short of the county government for one category', () => {
    const found = problems(county({ byCategory: { A02: 't1' }, default: 'gov' }));
    expect(found.map((p) => [p.code, p.pointer])).toContainEqual(['cannot-handle', '/units/1/escalation/byCategory/A02']);
    const deadEnd = found.find((p) => p.code === 'escalation-dead-end' && p.pointer === '/units/1')!;
    expect(deadEnd.message).toBe('unit cmd: for category "A02" at level 1, escalation stops at "t1" (township) instead of the county government: cmd → t1');
  });
  it('keeps the checks of escalatesTo alone as they were', () => {
    const c = miniCounty();
    c.units.find((u) => u.id === 'cmd')!.escalatesTo = 't1-cmd';
    expect(problems(c).find((p) => p.pointer === '/units/1')?.message).toBe('unit cmd: escalation runs in a circle: cmd → t1-cmd → cmd');
  });
});
