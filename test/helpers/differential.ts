/**
 * The differential check: generated valid reports of every form of a catalog through both the
 * compiled `decide` and json-rules-engine (`decideReference`), requiring identical decisions.
 */
import { expect } from 'vitest';
import { decide, validateReport, type CompiledConfig } from '../../engine/index';
import { createReferenceEngines, decideReference } from '../../engine/rules/reference-engine';
import { sampleEvents } from '../../bench/catalog-events';

/** Generated events per form: 2,000 in the suite (about 100,000 over the baseline); `PINGTAI_DIFF_EVENTS` sets more for a longer run. */
export const EVENTS_PER_FORM = Number(process.env.PINGTAI_DIFF_EVENTS ?? 2_000);

export async function runDifferential(compiled: CompiledConfig, categories: string[], seed: number): Promise<{ events: number; firedRules: Set<string> }> {
  const firedRules = new Set<string>();
  let events = 0;
  for (const code of categories) {
    const sample = sampleEvents(compiled, EVENTS_PER_FORM, seed, [code]);
    // json-rules-engine holding the rules whose scope can match this category, each still
    // guarded by its scope condition. A rule whose scope condition is false can never fire, so
    // leaving the others out changes no result — only the time (the full engine is ~7x slower).
    const index = compiled.category(code)!;
    const engines = createReferenceEngines([...index.gradeRules, ...index.otherRules].sort((a, b) => a.index - b.index));
    for (const event of sample) {
      const valid = validateReport(compiled, event.category, event.data);
      if (!valid.ok) throw new Error(`generated an invalid report for ${code}: ${JSON.stringify(valid.issues)} ${JSON.stringify(event.data)}`);
      const context = { recentReports: event.recentReports };
      const fast = decide(compiled, event, context);
      const reference = await decideReference(compiled, engines, index, event, context);
      if (JSON.stringify(fast.decision) !== JSON.stringify(reference.decision)) {
        expect({ event, decision: fast.decision }).toEqual({ event, decision: reference.decision });
      }
      fast.explanation.fired.forEach((f) => firedRules.add(f.ruleId));
      events++;
    }
  }
  return { events, firedRules };
}
