/**
 * A config's test cases may state the SLA plan's times — accept and resolve deadlines, every
 * reminder and breach, the auto-escalation — and a failure shows them as ISO 8601 local time
 * with offset in the county's time zone, never epoch milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { compile, planSla, planTimes, runTestCase, decide, type CompiledConfig, type TestCase } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

function compiled(): CompiledConfig {
  const result = compile(miniCounty());
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

// a level-3 crowd dispute reported on Monday 2 March 2026 at 10:00: policy l34 (calendar clocks,
// accept 1 h, resolve 48 h, a reminder 24 h before resolving, auto-escalation 24 h after)
const input: TestCase['input'] = { category: 'A01', at: '2026-03-02T10:00:00+08:00', data: { description: '群体纠纷', location: { grid: 't1-v1-g1' }, peopleAffected: 12 } };
const right: TestCase['expected'] = {
  level: 3,
  slaPolicy: 'l34',
  acceptDue: '2026-03-02T11:00:00+08:00',
  resolveDue: '2026-03-04T10:00:00+08:00',
  reminders: [{ of: 'resolve', at: '2026-03-03T10:00:00+08:00' }],
  breaches: [{ of: 'resolve', at: '2026-03-04T10:00:00+08:00' }, { of: 'accept', at: '2026-03-02T11:00:00+08:00' }],
  autoEscalateAt: '2026-03-05T10:00:00+08:00',
};
const test = (expected: TestCase['expected']): TestCase => ({ id: 't', description: 'crowd dispute', input, expected });

describe('test cases: SLA times', () => {
  it('planTimes gives the plan in local time with offset', () => {
    const c = compiled();
    const { decision } = decide(c, { category: input.category, data: input.data, reportedAt: Date.parse(input.at) });
    expect(planTimes(planSla(c, { decision, startAt: Date.parse(input.at) }), c.timeZone)).toEqual({
      acceptDue: '2026-03-02T11:00:00+08:00',
      resolveDue: '2026-03-04T10:00:00+08:00',
      reminders: [{ of: 'resolve', at: '2026-03-03T10:00:00+08:00' }],
      breaches: [{ of: 'accept', at: '2026-03-02T11:00:00+08:00' }, { of: 'resolve', at: '2026-03-04T10:00:00+08:00' }],
      autoEscalateAt: '2026-03-05T10:00:00+08:00',
    });
  });

  it('passes when every time matches (timers in any order, any offset for the same instant)', () => {
    const sameInstants = { ...right, acceptDue: '2026-03-02T03:00:00Z' };
    expect(runTestCase(compiled(), test(right))).toMatchObject({ pass: true, mismatches: [] });
    expect(runTestCase(compiled(), test(sameInstants))).toMatchObject({ pass: true, mismatches: [] });
  });

  it.each<[string, TestCase['expected'], { field: string; expected: unknown; actual: unknown }]>([
    ['an accept deadline', { acceptDue: '2026-03-02T12:00:00+08:00' }, { field: 'acceptDue', expected: '2026-03-02T12:00:00+08:00', actual: '2026-03-02T11:00:00+08:00' }],
    ['a deadline written in UTC is shown in the county\'s zone', { resolveDue: '2026-03-04T01:00:00Z' }, { field: 'resolveDue', expected: '2026-03-04T09:00:00+08:00', actual: '2026-03-04T10:00:00+08:00' }],
    ['a reminder', { reminders: [{ of: 'resolve', at: '2026-03-03T09:00:00+08:00' }] }, { field: 'reminders', expected: [{ of: 'resolve', at: '2026-03-03T09:00:00+08:00' }], actual: [{ of: 'resolve', at: '2026-03-03T10:00:00+08:00' }] }],
    ['a missing breach', { breaches: [{ of: 'resolve', at: '2026-03-04T10:00:00+08:00' }] }, { field: 'breaches', expected: [{ of: 'resolve', at: '2026-03-04T10:00:00+08:00' }], actual: [{ of: 'accept', at: '2026-03-02T11:00:00+08:00' }, { of: 'resolve', at: '2026-03-04T10:00:00+08:00' }] }],
    ['an auto-escalation that does happen', { autoEscalateAt: null }, { field: 'autoEscalateAt', expected: null, actual: '2026-03-05T10:00:00+08:00' }],
    ['an auto-escalation time', { autoEscalateAt: '2026-03-05T11:00:00+08:00' }, { field: 'autoEscalateAt', expected: '2026-03-05T11:00:00+08:00', actual: '2026-03-05T10:00:00+08:00' }],
  ])('fails on %s, showing local times', (_name, expected, mismatch) => {
    const result = runTestCase(compiled(), test(expected));
    expect(result.pass).toBe(false);
    expect(result.mismatches).toEqual([mismatch]);
    expect(JSON.stringify(result.mismatches)).not.toMatch(/\d{13}/);
  });

  it('the schema refuses a timer of an unknown clock and a time that is not a time', () => {
    const config = miniCounty();
    config.tests = [
      { ...test({ reminders: [{ of: 'close' as never, at: '2026-03-03T10:00:00+08:00' }] }), id: 'a' },
      { ...test({ autoEscalateAt: 'tomorrow' }), id: 'b' },
    ];
    const result = compile(config);
    expect(result.ok ? [] : result.issues.map((i) => i.pointer)).toEqual(['/tests/0/expected/reminders/0/of', '/tests/1/expected/autoEscalateAt']);
  });
});
