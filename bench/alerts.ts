/**
 * bench/alerts: what early warning costs.
 * (1) Intake CPU per report with the baseline's alerts on against the same catalog without an
 *     `alerts` section, in the same run and process: two counties on one SQLite database, the
 *     same generated reports in a seeded random order (all 42 baseline forms, 20 grids, `--spacing` seconds apart: 300 by
 *     default, 288 reports a day in the county's 20 grids — a busy county; 20 makes a stress run
 *     of 4,320 a day in which the grid threshold fires for about one report in six) taken in through
 *     `intakeEvent` 20 at a time, in interleaved slices, `process.cpuUsage()` around each slice.
 *     Target: ratio ≤ 1.05.
 * (2) The daily aberration run of one county with 100 areas × categories (10 villages × 10 major
 *     categories, 31 days of history, ~5 reports per area, category and day): one grouped query
 *     and 100 judgements.
 * `node --import tsx bench/alerts.ts [--reports 4000] [--spacing 300]`
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Model, ModelStatic } from 'sequelize';
import { compile, type CompiledConfig } from '../engine/index';
import { runAberration, DAY_MS } from '../runtime/alerts/aberration-run';
import { ConfigRepository } from '../runtime/db/config-repository';
import { newId } from '../runtime/db/ids';
import { openDatabase } from '../runtime/db/open-database';
import { insertRows } from '../runtime/db/raw-sql';
import { intakeEvent } from '../runtime/events/intake';
import { loadBaseline, sampleEvents } from './catalog-events';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

function variant(base: CompiledConfig, alerts: unknown): CompiledConfig {
  const config = structuredClone(base.config) as unknown as Record<string, unknown>;
  if (alerts === undefined) delete config.alerts;
  else config.alerts = alerts;
  const compiled = compile(config);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues.slice(0, 3)));
  return compiled.value;
}

export async function benchAlerts(): Promise<void> {
  const reports = arg('reports', 4000);
  const spacingMs = arg('spacing', 300) * 1000;
  const dir = await mkdtemp(join(tmpdir(), 'pingtai-bench-alerts-'));
  const db = await openDatabase({ dataDir: dir, logger: pino({ level: 'silent' }) });
  try {
    await db.migrate();
    const configs = new ConfigRepository(db);
    const loaded = await loadBaseline();
    // PINGTAI_BENCH_ALERTS: another alerts section as JSON (e.g. thresholds that never fire, to time evaluation alone)
    const baseline = process.env.PINGTAI_BENCH_ALERTS ? variant(loaded, JSON.parse(process.env.PINGTAI_BENCH_ALERTS)) : loaded;
    const off = variant(baseline, undefined);
    for (const [id, compiled] of [['on', baseline], ['off', off]] as const) await configs.createCounty({ id, name: id, compiled, createdBy: 'bench', now: Date.now() });
    const versions = { on: (await configs.active('on'))!.version, off: (await configs.active('off'))!.version };
    const compiledOf = { on: baseline, off };
    // in a seeded random order: the generator gives each category's reports one after another, a
    // run of 96 reports of one category that no county sees
    let order = 11;
    const shuffle = () => ((order = (order * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const samples = sampleEvents(baseline, Math.ceil(reports / 42))
      .map((s) => ({ s, key: shuffle() }))
      .sort((a, b) => a.key - b.key)
      .map(({ s }) => s);
    const start = Date.parse('2026-03-02T08:00:00+08:00');
    const clock = { on: start, off: start };
    let n = 0;
    const take = async (county: 'on' | 'off', count: number): Promise<number> => {
      const before = process.cpuUsage();
      for (let done = 0; done < count; done += 20) {
        await Promise.all(
          Array.from({ length: Math.min(20, count - done) }, () => {
            const s = samples[n++ % samples.length];
            clock[county] += spacingMs;
            return intakeEvent({ db, compiled: compiledOf[county], countyId: county, configVersion: versions[county], category: s.category, data: s.data, source: 'grid_worker', reporterId: 'bench', now: clock[county] });
          }),
        );
      }
      return cpuMs(before);
    };
    // warm-up, then interleaved slices
    await take('off', 400);
    await take('on', 400);
    const slice = 250;
    const cpu = { on: 0, off: 0 };
    let counted = 0;
    for (let i = 0; counted < reports; i++) {
      const order: Array<'on' | 'off'> = i % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
      for (const county of order) cpu[county] += await take(county, slice);
      counted += slice;
    }
    const [raised] = await db.sequelize.query<{ n: number }>("SELECT COUNT(*) AS n FROM alerts WHERE county_id = 'on'", { type: 'SELECT' as never });
    const perOn = cpu.on / counted;
    const perOff = cpu.off / counted;
    console.log(`alerts: intake CPU per report ${perOff.toFixed(3)} ms without alerts, ${perOn.toFixed(3)} ms with the baseline's (${counted} reports each, ${spacingMs / 1000} s apart, ${Number((raised as { n: number }).n)} alerts raised): ratio ${(perOn / perOff).toFixed(3)} (target ≤ 1.05)`);

    // (2) the daily run: 10 villages × 10 major categories, 31 days
    const byVillage = variant(baseline, { aberration: { enabled: true, area: 'village' } });
    await configs.createCounty({ id: 'job', name: 'job', compiled: byVillage, createdBy: 'bench', now: Date.now() });
    const jobVersion = (await configs.active('job'))!.version;
    const grids = byVillage.config.units.filter((u) => u.kind === 'grid');
    const villages = byVillage.config.units.filter((u) => u.kind === 'village');
    const rows: Array<Record<string, unknown>> = [];
    const dayStart = Date.parse('2026-04-01T00:00:00+08:00');
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (let d = 0; d < 31; d++) {
      for (const village of villages) {
        const villageGrids = grids.filter((g) => g.parent === village.id);
        for (const major of byVillage.config.categories) {
          const count = Math.round(3 + random() * 4);
          for (let i = 0; i < count; i++) {
            const at = dayStart + d * DAY_MS + Math.floor(random() * DAY_MS);
            rows.push({
              countyId: 'job', id: newId(at), configVersion: jobVersion, category: major.children[i % major.children.length].code, level: 1, state: 'closed', closed: true, handlingUnit: null,
              dispatcher: 'x', assist: [], reporterId: 'bench', source: 'grid_worker', grid: villageGrids[i % villageGrids.length].id, township: village.parent ?? null, red: false,
              data: {}, decision: {}, explanation: {}, sla: {}, version: 1, reportedAt: new Date(at), updatedAt: new Date(at), idempotencyKey: null,
            });
          }
        }
      }
    }
    await db.writeBatch(async (sql) => {
      for (let i = 0; i < rows.length; i += 2000) await insertRows(sql, db.dialect, db.models.Event as unknown as ModelStatic<Model>, rows.slice(i, i + 2000));
    });
    const day = Math.floor((dayStart + 30 * DAY_MS + 8 * 3_600_000) / DAY_MS);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await runAberration({ db, countyId: 'job', compiled: byVillage, configVersion: jobVersion, day, now: Date.now() });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`alerts: daily aberration run, one county, ${villages.length} villages × ${byVillage.config.categories.length} major categories (${rows.length} events over 31 days): median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms`);
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) await benchAlerts();
