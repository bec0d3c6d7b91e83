import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, planSla, runTestCase, validateReport } from '../../engine/index';
import { CATALOGS_DIR } from '../../runtime/config-loader';
import { arbitraryFor } from '../helpers/report-arbitrary';
import { compiledCatalog } from '../helpers/catalogs';

const catalogs = readdirSync(CATALOGS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('catalogs', () => {
  it('has the baseline and the pilot', () => expect(catalogs).toEqual(expect.arrayContaining(['zhejiang-four-platforms', 'pilot-whistle'])));

  it.each(catalogs)('%s compiles without a problem', async (name) => {
    await expect(compiledCatalog(name)).resolves.toBeDefined();
  });

  it('the baseline is a realistic county', async () => {
    const { config } = await compiledCatalog('zhejiang-four-platforms');
    const count = (kind: string) => config.units.filter((u) => u.kind === kind).length;
    expect(count('county_command')).toBe(1);
    expect(count('county_department')).toBeGreaterThanOrEqual(8);
    expect(count('township')).toBeGreaterThanOrEqual(3);
    expect(count('township_command')).toBe(count('township'));
    expect(count('platform')).toBe(4 * count('township'));
    expect(count('village')).toBeGreaterThan(0);
    expect(config.units.filter((u) => u.kind === 'grid').every((g) => g.staffing && g.staffing.fullTime.length >= 1)).toBe(true);
    expect(config.categories).toHaveLength(10);
    expect(config.categories.flatMap((c) => c.children)).toHaveLength(42);
    expect(new Set(config.categories.flatMap((c) => c.children.map((m) => m.form))).size).toBe(42);
    expect(config.rules.length).toBeGreaterThanOrEqual(60);
    expect(new Set(config.sla.policies.flatMap((p) => p.levels))).toEqual(new Set([1, 2, 3, 4]));
    expect(config.calendars[0].years['2026'].holidays).toHaveLength(7);
    expect((config.tests ?? []).length).toBeGreaterThanOrEqual(40);
  });

  it('the pilot is a small overlay that only states its differences', async () => {
    const { loadConfigPath } = await import('../../runtime/config-loader');
    const files = readdirSync(path.join(CATALOGS_DIR, 'pilot-whistle'), { recursive: true }) as string[];
    expect(files.filter((f) => f.endsWith('.json')).length).toBeLessThanOrEqual(6);
    const pilot = await compiledCatalog('pilot-whistle');
    const base = await compiledCatalog('zhejiang-four-platforms');
    expect(pilot.config.rules.length).toBeGreaterThan(base.config.rules.length);
    expect(pilot.config.units).toEqual(base.config.units);
    expect((await loadConfigPath(path.join(CATALOGS_DIR, 'pilot-whistle'))).ok).toBe(true);
  });
});

// The catalog case files: each catalog's tests.json rows {description, input, expected}, run by one generic runner.
for (const name of ['zhejiang-four-platforms', 'pilot-whistle']) {
  describe(`case file of ${name}`, async () => {
    const compiled = await compiledCatalog(name);
    it.each((compiled.config.tests ?? []).map((t) => [t.id, t.description, t] as const))('%s: %s', (_id, _d, test) => {
      const result = runTestCase(compiled, test);
      expect(result.error).toBeUndefined();
      expect(result.mismatches).toEqual([]);
    });
  });
}

describe('property: every valid report of every baseline form', async () => {
  const compiled = await compiledCatalog('zhejiang-four-platforms');
  const grids = compiled.config.units.filter((u) => u.kind === 'grid').map((u) => u.id);
  const handling = new Set(['county_government', 'county_command', 'county_department', 'township_command', 'platform', 'village']);
  it.each([...compiled.categories.keys()])('category %s: decide never throws, always a handling unit, deadlines after the report', (code) => {
    const index = compiled.category(code)!;
    const schema = compiled.forms.get(index.minor.form)!.schema;
    fc.assert(
      fc.property(arbitraryFor(schema, { grids }), fc.integer({ min: 0, max: 364 * 86_400_000 }), fc.nat(20), fc.constantFrom('grid_worker', 'citizen', 'hotline', 'open311'), (data, offset, recent, source) => {
        expect(validateReport(compiled, code, data).ok).toBe(true);
        const reportedAt = Date.parse('2026-01-01T00:00:00+08:00') + offset;
        const { decision } = decide(compiled, { category: code, data: data as Record<string, unknown>, reportedAt, source }, { recentReports: recent });
        const unit = compiled.unit(decision.unit);
        expect(unit && handling.has(unit.kind)).toBe(true);
        expect([1, 2, 3, 4]).toContain(decision.level);
        const plan = planSla(compiled, { decision, startAt: reportedAt });
        expect(plan.clocks.accept!.dueAt!).toBeGreaterThan(reportedAt);
        expect(plan.clocks.resolve!.dueAt!).toBeGreaterThan(reportedAt);
        for (const timer of plan.timers) expect(timer.at).toBeGreaterThanOrEqual(reportedAt);
      }),
      { numRuns: 200, seed: 20261124 },
    );
  });
});
