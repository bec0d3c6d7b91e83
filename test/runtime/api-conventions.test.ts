/**
 * API conventions on both databases: every time is ISO 8601 with the county's offset (SLA clocks
 * and timers included, never epoch milliseconds), and worklist filters refuse values the
 * county's config does not know with 400 naming the field and what it allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCase } from './support/catalog-cases';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

/** ISO 8601 with the offset of Asia/Shanghai, the demo county's zone. */
const SHANGHAI = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/;

/** Every value under `value` at a key that names a time (…At, at, …Due), with its path. */
function timesIn(value: unknown, path = ''): Array<{ path: string; value: unknown }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => timesIn(v, `${path}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = `${path}/${k}`;
    if ((/(At|Due)$/.test(k) || k === 'at') && v !== null && typeof v !== 'object') return [{ path: here, value: v }];
    return timesIn(v, here);
  });
}

for (const target of dbTargets()) {
  describe(`API conventions (${target.name})`, () => {
    let ts: TestServer;
    beforeAll(async () => {
      ts = await startTestServer(target);
    });
    afterAll(async () => {
      await ts?.close();
    });

    const report = async (caseId: string) => {
      const c = catalogCase(caseId);
      ts.clock.set(c.input.at);
      const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: c.input.data } });
      expect(res.status).toBe(201);
      return res.body.event;
    };
    const act = (eventId: string, action: string, token: string, body: Record<string, unknown>) =>
      ts.request('POST', `/api/v1/counties/demo/events/${eventId}/actions/${action}`, { token, body });

    describe('times are ISO 8601 with the county offset', () => {
      it('an event, its SLA clocks and timers, its history, tickets and timers: no epoch numbers, no Z', async () => {
        const created = await report('dispute-neighbor-to-village');
        expect(Date.parse(created.reportedAt)).toBe(ts.clock.now);
        expect(created.reportedAt).toMatch(SHANGHAI);
        expect(created.sla.clocks.accept.startedAt).toMatch(SHANGHAI);
        expect(created.sla.clocks.accept.dueAt).toMatch(SHANGHAI);
        expect(created.sla.timers.length).toBeGreaterThan(0);
        for (const t of created.sla.timers) expect(t.at).toMatch(SHANGHAI);

        const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
        ts.clock.advanceHours(1);
        expect((await act(created.id, 'accept', handler, { version: 1 })).status).toBe(200);
        expect((await act(created.id, 'start', handler, { version: 2 })).status).toBe(200);
        const paused = await act(created.id, 'request_info', handler, { version: 3, input: { reason: '请提供现场照片' } });
        expect(paused.status).toBe(200);
        expect(paused.body.event.sla.clocks.resolve.pausedAt).toMatch(SHANGHAI);
        expect(Date.parse(paused.body.event.sla.clocks.resolve.pausedAt)).toBe(ts.clock.now);
        expect(Date.parse(paused.body.event.sla.clocks.accept.stoppedAt)).toBe(ts.clock.now - 0);

        const detail = await ts.request('GET', `/api/v1/counties/demo/events/${created.id}`, { token: ts.adminToken });
        expect(detail.status).toBe(200);
        const times = timesIn({ event: { ...detail.body.event, data: undefined, explanation: undefined }, history: detail.body.history.map((h: { detail?: unknown }) => ({ ...h, detail: undefined })), tickets: detail.body.tickets, timers: detail.body.timers });
        expect(times.map((t) => t.path)).toEqual(expect.arrayContaining(['/event/reportedAt', '/event/updatedAt', '/event/sla/clocks/accept/startedAt', '/event/sla/clocks/resolve/pausedAt', '/history/0/at']));
        expect(times.filter((t) => typeof t.value !== 'string' || !SHANGHAI.test(t.value))).toEqual([]);
        // the database keeps instants: what the API shows as +08:00 is the same instant as the stored timer
        const stored = await ts.server.db.models.Timer.findAll({ where: { countyId: 'demo', eventId: created.id }, order: [['dueAt', 'ASC'], ['id', 'ASC']], raw: true });
        expect(detail.body.timers.map((t: { dueAt: string }) => Date.parse(t.dueAt))).toEqual(stored.map((t) => new Date(t.dueAt).getTime()));
      });

      it('worklist items, comments and config versions', async () => {
        await report('dispute-neighbor-to-village');
        const list = await ts.request('GET', '/api/v1/counties/demo/events?limit=5', { token: ts.adminToken });
        expect(list.status).toBe(200);
        const times = timesIn(list.body.events);
        expect(times.some((t) => t.path.endsWith('/acceptDue') && t.value !== null)).toBe(true);
        expect(times.filter((t) => t.value !== null && (typeof t.value !== 'string' || !SHANGHAI.test(t.value)))).toEqual([]);

        const comment = await ts.request('POST', `/api/v1/counties/demo/events/${list.body.events[0].id}/comments`, { token: ts.adminToken, body: { text: '已电话联系' } });
        expect(comment.status).toBe(201);
        expect(comment.body.entry.at).toMatch(SHANGHAI);

        const versions = await ts.request('GET', '/api/v1/counties/demo/configs', { token: ts.adminToken });
        expect(versions.status).toBe(200);
        expect(versions.body.versions[0].createdAt).toMatch(SHANGHAI);
        expect(versions.body.versions.find((v: { status: string }) => v.status === 'published').publishedAt).toMatch(SHANGHAI);
      });
    });

    describe('worklist filters refuse values the county does not know', () => {
      it.each([
        { name: 'unknown state', query: 'state=nonsense', field: 'state', allows: 'dispatched' },
        { name: 'one unknown state in a list', query: 'state=dispatched,nonsense', field: 'state', allows: 'closed' },
        { name: 'unknown category', query: 'category=no-such-category', field: 'category', allows: null },
        { name: 'unknown level', query: 'level=9', field: 'level', allows: '4' },
        { name: 'unknown unit', query: 'unit=no-such-unit', field: 'unit', allows: null },
        { name: 'unknown order', query: 'order=sideways', field: 'order', allows: 'red-first' },
        { name: 'malformed source', query: 'source=Hot%20Line!', field: 'source', allows: null },
        { name: 'malformed date', query: 'from=yesterday', field: 'from', allows: null },
        { name: 'not a boolean', query: 'red=maybe', field: 'red', allows: null },
      ])('$name → 400 naming "$field"', async ({ query, field, allows }) => {
        const res = await ts.request('GET', `/api/v1/counties/demo/events?${query}`, { token: ts.adminToken });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('bad-query');
        expect(res.body.error.field).toBe(field);
        if (allows) expect(res.body.error.allowed).toContain(allows);
      });

      it('the allowed categories and states are those of the active config', async () => {
        const res = await ts.request('GET', '/api/v1/counties/demo/events?category=nope', { token: ts.adminToken });
        expect(res.body.error.allowed).toContain('dispute-neighbor');
        expect(res.body.error.refused).toEqual(['nope']);
        const state = await ts.request('GET', '/api/v1/counties/demo/events?state=nonsense', { token: ts.adminToken });
        expect(state.body.error.allowed).toEqual(expect.arrayContaining(['reported', 'dispatched', 'accepted', 'closed']));
      });

      it('known values still filter, and a source filter narrows to the channel', async () => {
        const created = await report('dispute-neighbor-to-village');
        const ok = await ts.request('GET', `/api/v1/counties/demo/events?state=dispatched&category=${created.category}&unit=${created.handlingUnit}&level=${created.level}&order=red-first`, { token: ts.adminToken });
        expect(ok.status).toBe(200);
        expect(ok.body.events.map((e: { id: string }) => e.id)).toContain(created.id);
        const api = await ts.request('GET', '/api/v1/counties/demo/events?source=api&limit=200', { token: ts.adminToken });
        expect(api.body.events.map((e: { id: string }) => e.id)).toContain(created.id);
        const hotline = await ts.request('GET', '/api/v1/counties/demo/events?source=hotline&limit=200', { token: ts.adminToken });
        expect(hotline.status).toBe(200);
        expect(hotline.body.events.map((e: { id: string }) => e.id)).not.toContain(created.id);
      });
    });
  });
}
