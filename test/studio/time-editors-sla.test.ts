/** The SLA policy editor's model: limits in units and clocks, reminders, breach, levels and categories, key order kept. */
import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../engine/index';
import baseline from '../../catalogs/zhejiang-four-platforms/sla.json';
import {
  addPolicy,
  addReminder,
  displayToHours,
  duplicatePolicy,
  hoursToDisplay,
  policyIndexOfLevel,
  readSla,
  removePolicy,
  removeReminder,
  rewritePolicy,
  setAcceptAutoEscalation,
  setAutoEscalation,
  setBreach,
  setPolicyCategories,
  setPolicyHours,
  setPolicyLevels,
  updatePolicy,
  updateReminder,
  type SlaSection,
} from '../../studio/src/config/time-editors/sla-policy-model';

const sla = () => structuredClone(baseline) as unknown as SlaSection;
const level2 = (): SlaPolicy => sla().policies.find((p) => p.id === 'level-2')!;

describe('hours in units', () => {
  it.each([
    ['half an hour', 0.5, 'calendar', { value: 30, unit: 'min' }],
    ['a quarter hour', 0.25, 'working', { value: 15, unit: 'min' }],
    ['8 working hours stay hours', 8, 'working', { value: 8, unit: 'h' }],
    ['72 calendar hours are 3 days', 72, 'calendar', { value: 3, unit: 'd' }],
    ['24 calendar hours stay hours', 24, 'calendar', { value: 24, unit: 'h' }],
    ['48 working hours are never days', 48, 'working', { value: 48, unit: 'h' }],
  ] as const)('%s', (_name, hours, clock, shown) => {
    expect(hoursToDisplay(hours, clock)).toEqual(shown);
    expect(displayToHours(shown.value, shown.unit)).toBe(hours);
  });
});

describe('policy edits', () => {
  it('sets level 2 acceptance to 2 hours, the clock and every other key kept in place', () => {
    const before = sla();
    const index = policyIndexOfLevel(before, 2);
    expect(before.policies[index].id).toBe('level-2');
    const after = updatePolicy(before, index, (p) => setPolicyHours(p, 'accept', 2));
    expect(after.policies[index].accept).toEqual({ hours: 2, clock: 'working' });
    expect(Object.keys(after.policies[index])).toEqual(Object.keys(before.policies[index]));
    expect(after.policies.filter((_, i) => i !== index)).toEqual(before.policies.filter((_, i) => i !== index));
    expect(before.policies[index].accept.hours).toBe(4);
  });

  it('changes the clock of a limit with its hours', () => {
    expect(setPolicyHours(level2(), 'resolve', 48, 'calendar').resolve).toEqual({ hours: 48, clock: 'calendar' });
  });

  it('adds a reminder a quarter of the limit before it, on its clock; edits and removes it', () => {
    let p = addReminder(level2(), 'accept');
    expect(p.reminders.at(-1)).toEqual({ of: 'accept', beforeHours: 1, clock: 'working', channels: ['sms', 'app'] });
    p = updateReminder(p, 1, { beforeHours: 0.5, channels: ['app'] });
    expect(p.reminders[1]).toEqual({ of: 'accept', beforeHours: 0.5, clock: 'working', channels: ['app'] });
    p = removeReminder(p, 0);
    expect(p.reminders.map((r) => r.of)).toEqual(['accept']);
  });

  it('turns auto-escalation on and off; breach flags keep their place', () => {
    const on = setAutoEscalation(level2(), 6, 'working');
    expect(on.breach).toEqual({ turnRed: true, supervisionTicket: true, channels: ['sms', 'app'], autoEscalateAfterHours: 6, autoEscalateClock: 'working' });
    expect(setAutoEscalation(on, null).breach).toEqual(level2().breach);
    expect(Object.keys(setBreach(level2(), { turnRed: false }).breach)).toEqual(['turnRed', 'supervisionTicket', 'channels']);
  });

  it('turns auto-escalation after a missed acceptance on and off, apart from the one after resolution', () => {
    const both = setAcceptAutoEscalation(setAutoEscalation(level2(), 24), 2, 'working');
    expect(both.breach).toEqual({ turnRed: true, supervisionTicket: true, channels: ['sms', 'app'], autoEscalateAfterHours: 24, autoEscalateClock: 'calendar', autoEscalateAfterAcceptHours: 2, autoEscalateAcceptClock: 'working' });
    expect(setAcceptAutoEscalation(both, 3).breach.autoEscalateAcceptClock).toBe('working');
    expect(setAcceptAutoEscalation(level2(), 2).breach.autoEscalateAcceptClock).toBe('calendar');
    expect(setAcceptAutoEscalation(both, null).breach).toEqual(setAutoEscalation(level2(), 24).breach);
    expect(setAutoEscalation(both, null).breach).toEqual(setAcceptAutoEscalation(level2(), 2, 'working').breach);
  });

  it('round-trips a policy with both auto-escalations through the editor unchanged', () => {
    const policy = setAcceptAutoEscalation(setAutoEscalation(level2(), 8, 'working'), 1.5, 'calendar');
    expect(JSON.stringify(rewritePolicy(policy))).toBe(JSON.stringify(policy));
    const section = { policies: [policy] };
    expect(readSla(JSON.parse(JSON.stringify(section)))).toEqual(section);
  });

  it('restricts to categories and lifts the restriction with none', () => {
    const p = setPolicyCategories(level2(), ['noise']);
    expect(p.categories).toEqual(['noise']);
    expect('categories' in setPolicyCategories(p, [])).toBe(false);
    expect(setPolicyLevels(level2(), [3, 2]).levels).toEqual([2, 3]);
  });

  it('adds a policy with a fresh id, duplicates one beside it, never removes the last', () => {
    const added = addPolicy(sla(), [2], { zh: '新', en: 'New' });
    expect(added.policies.at(-1)).toMatchObject({ id: 'policy-2', levels: [2], accept: { hours: 8, clock: 'working' }, breach: { turnRed: true, supervisionTicket: true } });
    expect(addPolicy(added, [2], { zh: '新', en: 'New' }).policies.at(-1)!.id).toBe('policy-2-2');
    const dup = duplicatePolicy(sla(), 3);
    expect(dup.policies[4]).toEqual({ ...sla().policies[3], id: 'level-2-copy' });
    const one: SlaSection = { policies: [level2()] };
    expect(removePolicy(one, 0)).toBe(one);
    expect(removePolicy(sla(), 0).policies).toHaveLength(sla().policies.length - 1);
  });

  it('reads only a section it understands', () => {
    expect(readSla(sla())).not.toBeNull();
    expect(readSla({ policies: 'x' })).toBeNull();
    expect(readSla({ policies: [{ id: 'a' }] })).toBeNull();
    expect(readSla(null)).toBeNull();
  });

  it('keeps a key the editor does not know', () => {
    const odd = { ...level2(), note: 'kept' } as SlaPolicy;
    expect((setPolicyHours(odd, 'accept', 1) as unknown as { note: string }).note).toBe('kept');
  });
});
