/** Backtest in the engine: the recent-reports count rebuilt from the stream, and one event decided again and compared. */
import { describe, expect, it } from 'vitest';
import { compile, decide, planSla, RecentReportCounter, replayEvent, storedOutcomeOf, type CompiledConfig, type CountyConfig, type ReplayInput } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const weekday10 = Date.parse('2026-06-18T10:00:00+08:00');

function compiled(edit?: (c: CountyConfig) => void): CompiledConfig {
  const config = miniCounty();
  edit?.(config);
  const result = compile(config);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

/** An event as intake stores it under `config`, accepted and resolved after the given hours. */
function taken(config: CompiledConfig, report: { category: string; data: Record<string, unknown>; reportedAt: number }, acceptedAfter: number | null, resolvedAfter: number | null, recentReports = 0): ReplayInput {
  const { decision } = decide(config, report, { recentReports });
  const plan = planSla(config, { decision, startAt: report.reportedAt, clocks: ['accept', 'resolve'] });
  if (acceptedAfter !== null) plan.clocks.accept!.stoppedAt = report.reportedAt + acceptedAfter * HOUR;
  if (resolvedAfter !== null) plan.clocks.resolve!.stoppedAt = report.reportedAt + resolvedAfter * HOUR;
  return {
    id: 'e1', category: report.category, data: report.data, reportedAt: report.reportedAt, source: 'grid_worker', township: decision.township, grid: decision.grid, recentReports,
    stored: storedOutcomeOf(decision as unknown as Record<string, unknown>, plan as unknown as Record<string, unknown>),
  };
}

describe('recent reports rebuilt from the stream', () => {
  it('counts earlier reports of the category at the grid in (t − 7 days, t], as intake does', () => {
    const counter = new RecentReportCounter();
    const t0 = weekday10;
    expect(counter.next('A01', 'g1', t0)).toBe(0);
    expect(counter.next('A01', 'g1', t0)).toBe(1); // the same instant, later in id order
    expect(counter.next('A01', 'g2', t0 + HOUR)).toBe(0); // another grid
    expect(counter.next('A02', 'g1', t0 + HOUR)).toBe(0); // another category
    expect(counter.next('A01', 'g1', t0 + 3 * DAY)).toBe(2);
    expect(counter.next('A01', 'g1', t0 + 7 * DAY)).toBe(1); // the two at t0 are exactly 7 days old: out
    expect(counter.next('A01', null, t0 + 7 * DAY)).toBe(0); // no grid, as at intake
  });

  it('remembers the week before the period without counting it', () => {
    const counter = new RecentReportCounter();
    counter.seen('A01', 'g1', weekday10 - 8 * DAY);
    counter.seen('A01', 'g1', weekday10 - 2 * DAY);
    expect(counter.next('A01', 'g1', weekday10)).toBe(1);
  });

  it('keeps the count right after many reports left the window', () => {
    const counter = new RecentReportCounter();
    let last = 0;
    for (let i = 0; i < 5000; i++) last = counter.next('A01', 'g1', weekday10 + i * HOUR);
    expect(last).toBe(7 * 24 - 1);
  });
});

describe('one event decided again', () => {
  const dispute = { category: 'A01', data: { description: '噪音', location: { grid: 't1-v1-g1' }, peopleAffected: 2 }, reportedAt: weekday10 };

  it('under the same config nothing changes', () => {
    const config = compiled();
    const out = replayEvent(config, taken(config, dispute, 2, 30), weekday10 + 30 * DAY);
    expect(out.ok && { changes: out.changes, newlyLate: out.newlyLate }).toEqual({ changes: [], newlyLate: [] });
  });

  it('a route to another unit and a shorter deadline: both sides, the changed fields and the clock now late', () => {
    const before = compiled();
    const after = compiled((c) => {
      const rule = c.rules.find((r) => r.id === 'r-village')!;
      rule.event = { type: 'route', params: { target: { type: 'platform', platform: 'governance' } } };
      c.sla.policies.find((p) => p.id === 'l1')!.accept = { hours: 1, clock: 'calendar' };
    });
    const out = replayEvent(after, taken(before, dispute, 2, 30), weekday10 + 30 * DAY);
    if (!out.ok) throw new Error(out.message);
    expect(out.before).toMatchObject({ level: 1, unit: 't1-v1', slaPolicy: 'l1', late: { accept: false, resolve: false } });
    expect(out.after).toMatchObject({ level: 1, unit: 't1-gov', slaPolicy: 'l1', acceptDue: weekday10 + HOUR, late: { accept: true, resolve: false } });
    expect(out.changes).toEqual(['unit', 'acceptDue']);
    expect(out.newlyLate).toEqual(['accept']);
    expect(out.trail.winners.route).toBe('r-village');
  });

  it('a clock still running is late once past its new deadline at the time of the comparison', () => {
    const before = compiled();
    const after = compiled((c) => {
      c.sla.policies.find((p) => p.id === 'l1')!.accept = { hours: 1, clock: 'calendar' };
    });
    const input = taken(before, dispute, null, null);
    const early = replayEvent(after, input, weekday10 + HOUR / 2);
    const later = replayEvent(after, input, weekday10 + 2 * HOUR);
    expect(early.ok && early.newlyLate).toEqual([]);
    expect(later.ok && later.newlyLate).toEqual(['accept']);
  });

  it('decides with the rebuilt recent-reports count', () => {
    const config = compiled();
    const input = { ...taken(config, dispute, 1, 2), recentReports: 3 };
    const out = replayEvent(config, input, weekday10 + DAY);
    expect(out.ok && out.after.level).toBe(2);
    expect(out.ok && out.changes).toContain('level');
  });

  it('an event whose category the config no longer has is reported, not thrown', () => {
    const before = compiled();
    const input = taken(before, dispute, 1, 2);
    const out = replayEvent(before, { ...input, category: 'Z99' }, weekday10);
    expect(out).toMatchObject({ ok: false, code: 'unknown-category' });
  });
});

describe('a trusted compile (a backtest worker compiling a config that compiled already)', () => {
  it('decides and replays exactly as the checked compile, and validates no report', () => {
    const checked = compiled();
    const trusted = compile(miniCounty(), { trusted: true });
    if (!trusted.ok) throw new Error(JSON.stringify(trusted.issues));
    const reports = [
      { category: 'A01', data: { description: '噪音', location: { grid: 't1-v1-g1' }, peopleAffected: 2 }, reportedAt: weekday10 },
      { category: 'A02', data: { description: '欠薪', location: { grid: 't1-v2-g1' }, amount: 1000 }, reportedAt: weekday10 + 14 * HOUR },
    ];
    for (const report of reports) {
      for (const recentReports of [0, 3]) {
        expect(decide(trusted.value, report, { recentReports }).decision).toEqual(decide(checked, report, { recentReports }).decision);
        const input = taken(checked, report, 1, 30, recentReports);
        const { trail: _a, ...replayedChecked } = replayEvent(checked, input, weekday10 + 10 * DAY) as Extract<ReturnType<typeof replayEvent>, { ok: true }>;
        const { trail: _b, ...replayedTrusted } = replayEvent(trusted.value, input, weekday10 + 10 * DAY) as Extract<ReturnType<typeof replayEvent>, { ok: true }>;
        expect(replayedTrusted).toEqual(replayedChecked);
      }
    }
    expect(checked.forms.validate('base', {}).map((i) => i.code)).not.toContain('unknown-form');
    expect(trusted.value.forms.validate('base', {}).map((i) => i.code)).toEqual(['unknown-form']);
  });
});
