/**
 * bench/decide: decisions per second through `decide` on the baseline catalog, against a bare
 * json-rules-engine Engine holding the same rules and the same facts, in the same run.
 */
import { decide } from '../engine/index';
import { buildFacts, levelFrom } from '../engine/rules/decide';
import { createReferenceEngine } from '../engine/rules/reference-engine';
import { loadBaseline, sampleEvents } from './catalog-events';


async function timeFor(seconds: number, run: () => Promise<number> | number): Promise<{ ops: number; ms: number }> {
  const start = performance.now();
  let ops = 0;
  while (performance.now() - start < seconds * 1000) ops += await run();
  return { ops, ms: performance.now() - start };
}

export async function benchDecide(options: { seconds?: number } = {}): Promise<{ decideRate: number; engineRate: number; ratio: number }> {
  const seconds = options.seconds ?? 3;
  const compiled = await loadBaseline();
  const events = sampleEvents(compiled, 50);
  const engine = createReferenceEngine(compiled.rules);
  // the same facts decide sees, including the graded level
  const facts = events.map((event) => {
    const index = compiled.category(event.category)!;
    const f = buildFacts(compiled, index, event, { recentReports: event.recentReports });
    f.level = levelFrom(index, index.gradeRules.filter((r) => r.predicate(f)));
    return { ...f };
  });

  // warm up both
  for (let i = 0; i < 2000; i++) decide(compiled, events[i % events.length], { recentReports: events[i % events.length].recentReports });
  for (let i = 0; i < 200; i++) await engine.run(facts[i % facts.length]);

  let cursor = 0;
  const bare = await timeFor(seconds, async () => {
    await engine.run(facts[cursor++ % facts.length]);
    return 1;
  });
  cursor = 0;
  const compiledRun = await timeFor(seconds, () => {
    for (let k = 0; k < 1000; k++) {
      const event = events[cursor++ % events.length];
      decide(compiled, event, { recentReports: event.recentReports });
    }
    return 1000;
  });
  cursor = 0;
  let traced = 0;
  const explainedRun = await timeFor(seconds, () => {
    for (let k = 0; k < 1000; k++) {
      const event = events[cursor++ % events.length];
      traced += decide(compiled, event, { recentReports: event.recentReports }).explanation.fired.length;
    }
    return 1000;
  });
  const explainedRate = (explainedRun.ops / explainedRun.ms) * 1000;
  const engineRate = (bare.ops / bare.ms) * 1000;
  const decideRate = (compiledRun.ops / compiledRun.ms) * 1000;
  const ratio = decideRate / engineRate;
  console.log(`bench/decide  catalog zhejiang-four-platforms: ${compiled.rules.length} rules, ${events.length} distinct events`);
  console.log(`  bare json-rules-engine (all rules, same facts): ${engineRate.toFixed(0).padStart(10)} evaluations/s  (${(1000 / engineRate).toFixed(3)} ms each)`);
  console.log(`  decide (explanation built when read):          ${decideRate.toFixed(0).padStart(10)} decisions/s   (${((1000 * 1000) / decideRate).toFixed(2)} µs each)`);
  console.log(`  decide + explanation read (traces built):       ${explainedRate.toFixed(0).padStart(10)} decisions/s   (${((1000 * 1000) / explainedRate).toFixed(2)} µs each; ${(traced / explainedRun.ops).toFixed(1)} fired rules/event)`);
  console.log(`  ratio decide / bare engine: ${ratio.toFixed(0)}×  (target ≥ 100×); with explanation read: ${(explainedRate / engineRate).toFixed(0)}×`);
  return { decideRate, engineRate, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDecide();
