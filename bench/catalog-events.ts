/** Deterministic sample events for benchmarks: valid reports of every form of a compiled catalog. */
import fc from 'fast-check';
import { compile, type CompiledConfig, type EventInput } from '../engine/index';
import { loadConfigPath } from '../runtime/config-loader';
import { arbitraryFor } from '../test/helpers/report-arbitrary';

export function sampleEvents(compiled: CompiledConfig, perCategory: number, seed = 42, codes: readonly string[] = [...compiled.categories.keys()]): Array<EventInput & { recentReports: number }> {
  const grids = compiled.config.units.filter((u) => u.kind === 'grid').map((u) => u.id);
  const sources = ['grid_worker', 'citizen', 'hotline', 'video', 'sensor', 'open311'];
  const events: Array<EventInput & { recentReports: number }> = [];
  let i = 0;
  for (const code of codes) {
    const index = compiled.category(code)!;
    const form = compiled.forms.get(index.minor.form)!;
    const reports = fc.sample(arbitraryFor(form.schema, { grids }), { numRuns: perCategory, seed: seed + i++ });
    reports.forEach((data, n) => {
      events.push({
        category: code,
        data: data as Record<string, unknown>,
        reportedAt: Date.parse('2026-01-01T00:00:00+08:00') + ((n * 7_919_000 + i * 3_600_000) % (360 * 86_400_000)),
        source: sources[n % sources.length],
        recentReports: n % 7,
      });
    });
  }
  return events;
}

/** The Zhejiang baseline catalog, compiled (every benchmark runs on it). */
export async function loadBaseline(): Promise<CompiledConfig> {
  const loaded = await loadConfigPath(new URL('../catalogs/zhejiang-four-platforms', import.meta.url).pathname);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues.slice(0, 5)));
  const compiled = compile(loaded.value.config);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues.slice(0, 5)));
  return compiled.value;
}
