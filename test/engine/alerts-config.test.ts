/**
 * The config's `alerts` section at compile (each refusal with its code and JSON Pointer) and the
 * pure helpers the runtime applies it with: which thresholds a report counts in, the dedupe
 * bucket, and the aberration test's defaults (judgeDay's).
 */
import { describe, expect, it } from 'vitest';
import { aberrationPlan, bundleFiles, compile, DEFAULT_ABERRATION, thresholdBucketStart, thresholdChecks, type CountyConfig, type Issue } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

const n = (zh: string, en: string) => ({ zh, en });
const withAlerts = (alerts: CountyConfig['alerts']): CountyConfig => ({ ...miniCounty(), alerts });
const threshold = (over: Record<string, unknown> = {}) => ({ id: 'th', name: n('阈值', 'Threshold'), area: 'grid' as const, count: 3, windowHours: 24, ...over });

function issuesOf(config: CountyConfig): Issue[] {
  const result = compile(config);
  return result.ok ? [] : result.issues;
}

describe('alerts at compile', () => {
  it('compiles thresholds over minor, major and all categories and an aberration test with defaults', () => {
    const config = withAlerts({ thresholds: [threshold(), threshold({ id: 'v', area: 'village', categories: ['A01', 'B'], windowHours: 72 })], aberration: { enabled: true } });
    expect(issuesOf(config)).toEqual([]);
  });

  const refusals: Array<{ name: string; alerts: CountyConfig['alerts']; code: string; pointer: string; says: string }> = [
    { name: 'an unknown category code', alerts: { thresholds: [threshold({ categories: ['A01', 'Z9'] })] }, code: 'unknown-category', pointer: '/alerts/thresholds/0/categories/1', says: 'category "Z9" does not exist' },
    { name: 'a minor listed with its major', alerts: { thresholds: [threshold({ categories: ['A', 'A02'] })] }, code: 'alert-category-twice', pointer: '/alerts/thresholds/0/categories/1', says: 'major category "A"' },
    { name: 'two thresholds with one id', alerts: { thresholds: [threshold(), threshold({ area: 'village' })] }, code: 'duplicate-id', pointer: '/alerts/thresholds/1/id', says: '"th" is used twice' },
    { name: 'a window that neither divides the day nor is whole days', alerts: { thresholds: [threshold({ windowHours: 36 })] }, code: 'alert-window', pointer: '/alerts/thresholds/0/windowHours', says: 'a window of 36 h' },
    { name: 'a window beyond 30 days', alerts: { thresholds: [threshold({ windowHours: 744 })] }, code: 'schema', pointer: '/alerts/thresholds/0/windowHours', says: 'at most 720' },
    { name: 'a count of 1', alerts: { thresholds: [threshold({ count: 1 })] }, code: 'schema', pointer: '/alerts/thresholds/0/count', says: 'at least 2' },
    { name: 'an unknown area kind', alerts: { thresholds: [threshold({ area: 'county' })] }, code: 'schema', pointer: '/alerts/thresholds/0/area', says: 'must be one of' },
    { name: 'a guard band as long as the baseline', alerts: { aberration: { enabled: true, baselineDays: 7, guardDays: 7 } }, code: 'alert-window', pointer: '/alerts/aberration/guardDays', says: 'guard band of 7 days' },
    { name: 'an unknown method', alerts: { aberration: { enabled: true, method: 'cusum' as 'c1' } }, code: 'schema', pointer: '/alerts/aberration/method', says: 'must be one of' },
    { name: 'a run time that is not HH:MM', alerts: { aberration: { enabled: true, runAt: '25:00' } }, code: 'schema', pointer: '/alerts/aberration/runAt', says: 'pattern' },
    { name: 'an unknown key', alerts: { aberration: { enabled: true, windowDays: 3 } as never }, code: 'unknown-key', pointer: '/alerts/aberration/windowDays', says: 'windowDays' },
  ];

  it.each(refusals)('refuses $name', ({ alerts, code, pointer, says }) => {
    const found = issuesOf(withAlerts(alerts)).find((i) => i.pointer === pointer);
    expect(found, JSON.stringify(issuesOf(withAlerts(alerts)))).toBeDefined();
    expect(found!.code.startsWith(code) || (code === 'schema' && found!.code !== 'unknown-key')).toBe(true);
    expect(found!.message).toContain(says);
    expect(found!.messageZh).toBeTruthy();
  });

  it('bundles alerts.json as the alerts section and names the file in its problems', () => {
    const bundled = bundleFiles([{ path: 'config.json', content: miniCounty() }, { path: 'alerts.json', content: { thresholds: [threshold({ categories: ['nope'] })] } }]);
    expect(bundled.ok).toBe(true);
    if (!bundled.ok) return;
    expect(bundled.value.config.alerts).toBeDefined();
    const result = compile(bundled.value.config, { sources: bundled.value.sources });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.find((i) => i.code === 'unknown-category')?.file).toBe('alerts.json');
  });
});

describe('alerts as the runtime applies them', () => {
  const config = withAlerts({ thresholds: [threshold(), threshold({ id: 'major', area: 'township', categories: ['A'] }), threshold({ id: 'b-only', categories: ['B01'] })] });
  const major = config.categories.find((c) => c.code === 'A')!;
  const place = { grid: 't1-v1-g1', village: 't1-v1', township: 't1' };

  it('counts a report in every threshold that covers its category, each with what it is counted with', () => {
    const checks = thresholdChecks(config, { major, minor: 'A01', place });
    expect(checks.map((c) => [c.threshold.id, c.area, c.category, c.counted])).toEqual([
      ['th', 't1-v1-g1', 'A01', ['A01']],
      ['major', 't1', 'A', ['A01', 'A02']],
    ]);
    expect(thresholdChecks(config, { major, minor: 'A01', place: { grid: null, village: null, township: null } })).toEqual([]);
  });

  it('buckets windows from local midnight', () => {
    const at = Date.parse('2026-03-10T10:00:00+08:00');
    const offset = 8 * 3_600_000;
    expect(new Date(thresholdBucketStart(at, 24, offset)).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(new Date(thresholdBucketStart(at, 6, offset)).toISOString()).toBe('2026-03-09T22:00:00.000Z');
  });

  it('fills the aberration test in with judgeDay defaults and maps the method names', () => {
    expect(aberrationPlan(withAlerts({ aberration: { enabled: false } }))).toBeNull();
    expect(aberrationPlan(miniCounty())).toBeNull();
    const plan = aberrationPlan(withAlerts({ aberration: { enabled: true } }))!;
    expect(plan).toEqual({ areaKind: 'township', runAtMinutes: 60, settings: DEFAULT_ABERRATION });
    const c3 = aberrationPlan(withAlerts({ aberration: { enabled: true, method: 'c3', area: 'village', runAt: '06:30' } }))!;
    expect(c3).toMatchObject({ areaKind: 'village', runAtMinutes: 390, settings: { method: 'ears-c3', threshold: 2 } });
  });
});
