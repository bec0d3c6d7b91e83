/**
 * Custom indicators in SQL, on SQLite and PostgreSQL, against the engine's meaning of their
 * conditions: a county whose config adds indicators narrowed by category, major category, level,
 * source, township, grid and tags (and, any, not) gets the catalog's sample reports — half of them
 * accepted late (stored facts), half never accepted (clocks read from the events) — and every
 * indicator counts exactly the events `eventMatches` selects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventMatches, type ConditionNode, type EventFacts } from '../../engine/index';
import { CONTEXT_FREE_CASES } from './support/catalog-cases';
import { dbTargets } from './support/db-targets';
import { startTestServer, testClock, type TestServer } from './support/test-server';

const CONDITIONS: Record<string, ConditionNode> = {
  categories: { fact: 'category', operator: 'in', value: ['dispute-neighbor', 'env-noise', 'fire-passage'] },
  major: { fact: 'majorCategory', operator: 'equal', value: 'environment' },
  'not-major': { fact: 'majorCategory', operator: 'notIn', value: ['dispute', 'urban'] },
  serious: { fact: 'level', operator: 'greaterThanInclusive', value: 2 },
  'not-grid-worker': { fact: 'source', operator: 'notEqual', value: 'grid_worker' },
  'other-townships': { fact: 'township', operator: 'notIn', value: ['qs-fx'] },
  'one-grid': { fact: 'grid', operator: 'equal', value: 'qs-fx-v01-g1' },
  'joint-action': { fact: 'tags', operator: 'contains', value: 'joint-action' },
  mixed: { any: [{ not: { fact: 'level', operator: 'equal', value: 1 } }, { all: [{ fact: 'tags', operator: 'doesNotContain', value: 'night' }, { fact: 'source', operator: 'in', value: ['hotline', 'citizen'] }] }] },
};
const name = (id: string) => ({ zh: `自定义${id}`, en: `custom ${id}` });

describe.each(dbTargets())('custom assessment indicators ($name)', (target) => {
  let ts: TestServer;
  let admin: string;
  const facts = new Map<string, EventFacts & { unit: string }>();
  const majorOf = new Map<string, string>();
  let body: { units: Array<{ unit: string; indicators: Array<{ id: string; numerator: number; denominator: number }> }> };

  beforeAll(async () => {
    ts = await startTestServer(target, { clock: testClock('2026-11-02T10:00:00+08:00') });
    const overlay = {
      assessment: {
        indicators: [
          ...Object.entries(CONDITIONS).map(([id, where]) => ({ id, name: name(id), measure: 'custom', weight: 0, higherIsBetter: false, target: 0, custom: { of: 'overdueCount', kind: 'count', where } })),
          { id: 'serious-accept', name: name('serious-accept'), measure: 'custom', weight: 0, higherIsBetter: true, target: 0.9, custom: { of: 'onTimeAcceptRate', where: CONDITIONS.serious } },
        ],
      },
    };
    const created = await ts.request('POST', '/api/v1/counties', { token: ts.server.platformToken!, body: { id: 'custom', catalog: 'zhejiang-four-platforms', overlay } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    admin = created.body.adminToken;
    const config = (await ts.request('GET', '/api/v1/counties/custom/config/active', { token: admin })).body.document;
    for (const major of config.categories) for (const minor of major.children) majorOf.set(minor.code, major.code);

    for (const sample of CONTEXT_FREE_CASES) {
      const res = await ts.request('POST', '/api/v1/counties/custom/events', { token: admin, body: { category: sample.input.category, data: sample.input.data, ...(sample.input.source ? { source: sample.input.source } : {}) } });
      expect(res.status, sample.id).toBe(201);
      const e = res.body.event;
      const detail = (await ts.request('GET', `/api/v1/counties/custom/events/${e.id}`, { token: admin })).body.event;
      facts.set(e.id, { unit: e.handlingUnit, category: e.category, majorCategory: majorOf.get(e.category) ?? null, level: e.level, source: e.source, township: e.township, grid: e.grid, tags: detail.decision.tags ?? [] });
    }
    // a month later half are accepted, late (stored facts); the others stay unaccepted (read from the events)
    ts.clock.set('2026-12-01T10:00:00+08:00');
    const handlers = new Map<string, string>();
    let i = 0;
    for (const [id, f] of facts) {
      if (i++ % 2 === 1) continue;
      if (!handlers.has(f.unit)) handlers.set(f.unit, await ts.token({ county: 'custom', role: 'handler', unit: f.unit }));
      const version = (await ts.request('GET', `/api/v1/counties/custom/events/${id}`, { token: admin })).body.event.version;
      const res = await ts.request('POST', `/api/v1/counties/custom/events/${id}/actions/accept`, { token: handlers.get(f.unit)!, body: { version } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    ts.clock.set('2026-12-20T10:00:00+08:00');
    body = (await ts.request('GET', '/api/v1/counties/custom/assessment?period=2026-11', { token: admin })).body;
  });
  afterAll(async () => {
    await ts?.close();
  });

  /** An indicator's numerator and denominator over every unit. */
  const summed = (id: string) =>
    body.units.reduce(
      (sum, u) => {
        const i = u.indicators.find((x) => x.id === id)!;
        return { numerator: sum.numerator + i.numerator, denominator: sum.denominator + i.denominator };
      },
      { numerator: 0, denominator: 0 },
    );
  const assessedEvents = () => [...facts.values()].filter((f) => body.units.some((u) => u.unit === f.unit));

  it('the samples spread over units, townships, levels, sources and tags', () => {
    const events = assessedEvents();
    expect(events.length).toBeGreaterThan(50);
    expect(new Set(events.map((f) => f.unit)).size).toBeGreaterThan(10);
    expect(new Set(events.map((f) => f.level)).size).toBeGreaterThan(2);
    expect(events.some((f) => f.tags.includes('joint-action'))).toBe(true);
  });

  it.each(Object.keys(CONDITIONS))('%s: the overdue events it counts are exactly those its condition selects', (id) => {
    const expected = assessedEvents().filter((f) => eventMatches({ where: CONDITIONS[id] }, f)).length;
    // a condition that selects some of the events, not none or all of them
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(assessedEvents().length);
    expect(summed(id)).toEqual({ numerator: expected, denominator: expected });
  });

  it('a custom rate narrows on-time acceptance to serious events', async () => {
    const serious = assessedEvents().filter((f) => f.level >= 2);
    expect(summed('serious-accept')).toEqual({ numerator: 0, denominator: serious.length });
    // and one unit's items are those events
    const unit = serious[0].unit;
    const res = await ts.request('GET', `/api/v1/counties/custom/assessment/2026-11/units/${unit}/indicators/serious-accept/events`, { token: admin });
    expect(res.body.items.map((i: { eventId: string }) => i.eventId).sort()).toEqual([...facts].filter(([, f]) => f.unit === unit && f.level >= 2).map(([id]) => id).sort());
  });
});
