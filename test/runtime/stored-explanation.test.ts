import { describe, expect, it } from 'vitest';
import { decide, type Explanation } from '../../engine/index';
import { explanationView, storedExplanation } from '../../runtime/events/event-record';
import { loadBaseline, sampleEvents } from '../../bench/catalog-events';

/** What the database gives back: JSON text, parsed. */
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The compact form stored by earlier versions: each fired rule's id with its condition results and fact values. */
function tracedForm(explanation: Explanation, data: Record<string, unknown>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  const dataFields: string[] = [];
  for (const [key, value] of Object.entries(explanation.facts)) {
    if (Object.prototype.hasOwnProperty.call(data, key) && data[key] === value) dataFields.push(key);
    else facts[key] = value;
  }
  const fired = explanation.fired.map((rule) => ({ ruleId: rule.ruleId, trace: rule.conditions.map((c) => (c.factValue === undefined ? [c.result] : [c.result, c.factValue])) }));
  return { facts, dataFields, fired, winners: explanation.winners };
}

describe('explanations as stored with their events', async () => {
  const compiled = await loadBaseline();
  const events = sampleEvents(compiled, 20, 11);
  const decideOne = (e: (typeof events)[number], recentReports = e.recentReports) =>
    decide(compiled, { category: e.category, data: e.data, reportedAt: e.reportedAt, source: e.source }, { recentReports });

  it('come back whole from the stored trail: facts, fired rules with every condition traced again, winners, combination', () => {
    let fired = 0;
    for (const e of events) {
      const { explanation, trail } = decideOne(e);
      const stored = throughJson(storedExplanation(trail, e.data));
      expect(stored.fired).toEqual(explanation.fired.map((f) => f.ruleId));
      expect(explanationView(stored, throughJson(e.data), compiled)).toEqual(throughJson(explanation));
      fired += explanation.fired.length;
    }
    expect(fired).toBeGreaterThan(events.length / 2);
  });

  it('events stored in the earlier compact form (condition results kept) come back whole too', () => {
    for (const e of events.slice(0, 200)) {
      const { explanation } = decideOne(e);
      expect(explanationView(throughJson(tracedForm(explanation, e.data)), throughJson(e.data), compiled)).toEqual(throughJson(explanation));
    }
  });

  it('are stored at a fraction of their size', () => {
    let whole = 0;
    let kept = 0;
    for (const e of events) {
      const { explanation, trail } = decideOne(e, 0);
      whole += JSON.stringify(explanation).length;
      kept += JSON.stringify(storedExplanation(trail, e.data)).length;
    }
    expect(kept).toBeLessThan(whole / 3);
  });

  it('without the config version, fired rules come back as their ids rather than wrong', () => {
    const e = events.find((x) => decideOne(x).explanation.fired.length > 0)!;
    const { explanation, trail } = decideOne(e);
    const view = explanationView(throughJson(storedExplanation(trail, e.data)), e.data) as { fired: Array<{ ruleId: string; conditions?: unknown }> };
    expect(view.fired.map((f) => f.ruleId)).toEqual(explanation.fired.map((f) => f.ruleId));
    expect(view.fired[0].conditions).toBeUndefined();
  });
});
