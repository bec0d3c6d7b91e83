/**
 * The differential check: generated valid reports of every form of a catalog through both the
 * compiled `decide` and json-rules-engine (`decideReference`), requiring identical decisions.
 */
import { expect } from 'vitest';
import { decide, decideReference, validateReport, type CompiledConfig } from '../../engine/index';
import { sampleEvents } from '../../bench/catalog-events';

export const EVENTS_PER_FORM = Number(process.env.PINGTAI_DIFF_EVENTS ?? 10_000);

export async function runDifferential(compiled: CompiledConfig, categories: string[], seed: number): Promise<{ events: number; firedRules: Set<string> }> {
  const firedRules = new Set<string>();
  let events = 0;
  for (const code of categories) {
    const sample = sampleEvents(compiled, EVENTS_PER_FORM, seed, [code]);
    for (const event of sample) {
      const valid = validateReport(compiled, event.category, event.data);
      if (!valid.ok) throw new Error(`generated an invalid report for ${code}: ${JSON.stringify(valid.issues)} ${JSON.stringify(event.data)}`);
      const context = { recentReports: event.recentReports };
      const fast = decide(compiled, event, context);
      const reference = await decideReference(compiled, event, context);
      if (JSON.stringify(fast.decision) !== JSON.stringify(reference.decision)) {
        expect({ event, decision: fast.decision }).toEqual({ event, decision: reference.decision });
      }
      fast.explanation.fired.forEach((f) => firedRules.add(f.ruleId));
      events++;
    }
  }
  return { events, firedRules };
}
