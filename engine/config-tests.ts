/**
 * The county's own regression suite: the `tests` of a config, each a sample report with the
 * decision it must get. Run by the CLI, by the studio in one click, and before every publish
 * (a failing test blocks publishing).
 */
import type { CompiledConfig } from './compile';
import type { TestCase } from './schema/config-schema';
import { decide, planSla, validateReport } from './index';
import { inZone, planTimes, type PlanTimer } from './sla/plan-times';

/**
 * One expectation a decision missed. Times (deadlines, reminders, breaches, auto-escalation) are
 * ISO 8601 local time with offset in the county's time zone, on both sides.
 */
export interface TestMismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface TestResult {
  id: string;
  description: string;
  pass: boolean;
  mismatches: TestMismatch[];
  /** Set when the sample report itself is invalid or deciding failed. */
  error?: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export function runTestCase(compiled: CompiledConfig, test: TestCase): TestResult {
  const base = { id: test.id, description: test.description };
  const valid = validateReport(compiled, test.input.category, test.input.data);
  if (!valid.ok) return { ...base, pass: false, mismatches: [], error: `the sample report is invalid: ${valid.issues.map((i) => `${i.pointer} ${i.message}`).join('; ')}` };
  const reportedAt = Date.parse(test.input.at);
  const { decision } = decide(compiled, { category: test.input.category, data: valid.value, reportedAt, source: test.input.source }, test.input.context ?? {}, { explain: false });
  const expected = test.expected;
  const mismatches: TestMismatch[] = [];
  const check = (field: string, want: unknown, got: unknown, equal = want === got) => {
    if (want !== undefined && !equal) mismatches.push({ field, expected: want, actual: got });
  };
  check('level', expected.level, decision.level);
  check('unit', expected.unit, decision.unit);
  check('slaPolicy', expected.slaPolicy, decision.slaPolicy);
  if (expected.tags) check('tags', expected.tags, decision.tags, sameSet(expected.tags, decision.tags));
  if (expected.assist) check('assist', expected.assist, decision.assist, sameSet(expected.assist, decision.assist));
  if (expected.escalatedTo !== undefined) check('escalatedTo', expected.escalatedTo, decision.escalation?.unit ?? null);
  if (expected.dispatcher !== undefined) check('dispatcher', expected.dispatcher, decision.dispatcher);
  if (expected.acceptDue || expected.resolveDue || expected.reminders || expected.breaches || expected.autoEscalateAt !== undefined) {
    const zone = compiled.timeZone;
    const times = planTimes(planSla(compiled, { decision, startAt: reportedAt }), zone);
    // compared as instants, shown in the county's zone (an expectation written with another offset is the same time)
    const time = (field: string, want: string | undefined, got: string | null | undefined) => {
      if (want !== undefined) check(field, inZone(want, zone), got ?? null, Date.parse(want) === (got ? Date.parse(got) : null));
    };
    time('acceptDue', expected.acceptDue, times.acceptDue);
    time('resolveDue', expected.resolveDue, times.resolveDue);
    const timers = (field: string, want: readonly PlanTimer[] | undefined, got: PlanTimer[]) => {
      if (!want) return;
      const shown = want.map((t) => ({ of: t.of, at: inZone(t.at, zone) })).sort(byTime);
      const key = (list: readonly PlanTimer[]) => list.map((t) => `${t.of}@${Date.parse(t.at)}`).sort();
      check(field, shown, got, sameSet(key(want), key(got)));
    };
    timers('reminders', expected.reminders, times.reminders);
    timers('breaches', expected.breaches, times.breaches);
    if (expected.autoEscalateAt === null) check('autoEscalateAt', null, times.autoEscalateAt);
    else time('autoEscalateAt', expected.autoEscalateAt, times.autoEscalateAt);
  }
  return { ...base, pass: mismatches.length === 0, mismatches };
}

const byTime = (a: PlanTimer, b: PlanTimer) => Date.parse(a.at) - Date.parse(b.at) || a.of.localeCompare(b.of);

export function runConfigTests(compiled: CompiledConfig, tests: readonly TestCase[] = compiled.config.tests ?? []): { passed: number; failed: number; results: TestResult[] } {
  const results = tests.map((t) => runTestCase(compiled, t));
  const failed = results.filter((r) => !r.pass).length;
  return { passed: results.length - failed, failed, results };
}
