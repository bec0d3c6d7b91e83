import { describe, expect, it } from 'vitest';
import { decide } from '../../engine/index';
import { explanationView, storedExplanation } from '../../runtime/events/event-record';
import { loadBaseline, sampleEvents } from '../../bench/catalog-events';

/** What the database gives back: JSON text, parsed. */
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('explanations as stored with their events', async () => {
  const compiled = await loadBaseline();
  const events = sampleEvents(compiled, 20, 11);

  it('come back whole: facts, fired rules with every condition, winners, combination', () => {
    let fired = 0;
    for (const e of events) {
      const { explanation } = decide(compiled, { category: e.category, data: e.data, reportedAt: e.reportedAt, source: e.source }, { recentReports: e.recentReports });
      const stored = throughJson(storedExplanation(explanation, e.data));
      expect(explanationView(stored, throughJson(e.data), compiled)).toEqual(throughJson(explanation));
      fired += explanation.fired.length;
    }
    expect(fired).toBeGreaterThan(events.length / 2);
  });

  it('are stored at a fraction of their size', () => {
    let whole = 0;
    let kept = 0;
    for (const e of events) {
      const { explanation } = decide(compiled, { category: e.category, data: e.data, reportedAt: e.reportedAt, source: e.source }, { recentReports: 0 });
      whole += JSON.stringify(explanation).length;
      kept += JSON.stringify(storedExplanation(explanation, e.data)).length;
    }
    expect(kept).toBeLessThan(whole / 2);
  });

  it('without the config version, fired rules come back as stored rather than wrong', () => {
    const e = events.find((x) => decide(compiled, { category: x.category, data: x.data, reportedAt: x.reportedAt }, {}).explanation.fired.length > 0)!;
    const { explanation } = decide(compiled, { category: e.category, data: e.data, reportedAt: e.reportedAt }, {});
    const view = explanationView(throughJson(storedExplanation(explanation, e.data)), e.data) as { fired: Array<{ ruleId: string; trace?: unknown }> };
    expect(view.fired[0].ruleId).toBe(explanation.fired[0].ruleId);
    expect(view.fired[0].trace).toEqual(expect.any(Array));
  });
});
