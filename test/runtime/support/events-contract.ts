/**
 * Contract: event intake and workflow actions over HTTP — decisions persisted with their
 * history, timers and notifications; validation; idempotency; optimistic locking; clock effects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCase, CONTEXT_FREE_CASES } from './catalog-cases';
import type { DbTarget } from './db-targets';
import { startTestServer, type TestServer } from './test-server';

export function eventsContract(target: DbTarget): void {
  describe(`events (${target.name})`, () => {
    let ts: TestServer;
    beforeAll(async () => {
      ts = await startTestServer(target);
    });
    afterAll(async () => {
      await ts?.close();
    });

    const report = async (caseId: string, opts: { token?: string; key?: string } = {}) => {
      const c = catalogCase(caseId);
      ts.clock.set(c.input.at);
      return ts.request('POST', '/api/v1/counties/demo/events', {
        token: opts.token ?? ts.adminToken,
        body: { category: c.input.category, data: c.input.data, ...(c.input.source ? { source: c.input.source } : {}) },
        headers: opts.key ? { 'idempotency-key': opts.key } : {},
      });
    };
    const history = (eventId: string) =>
      ts.server.db.models.EventHistory.findAll({ where: { countyId: 'demo', eventId }, order: [['seq', 'ASC']], raw: true });
    const timers = (eventId: string, status?: string) =>
      ts.server.db.models.Timer.findAll({ where: { countyId: 'demo', eventId, ...(status ? { status } : {}) }, order: [['dueAt', 'ASC']], raw: true });

    describe('intake', () => {
      it.each(CONTEXT_FREE_CASES.slice(0, 12).map((c) => ({ id: c.id, expected: c.expected })))('$id is decided as the catalog expects', async ({ id, expected }) => {
        const res = await report(id);
        expect(res.status).toBe(201);
        const event = res.body.event;
        if (expected.level !== undefined) expect(event.level).toBe(expected.level);
        if (expected.unit !== undefined) expect(event.handlingUnit).toBe(expected.unit);
        if (expected.slaPolicy !== undefined) expect(event.sla.policy).toBe(expected.slaPolicy);
        expect(event.state).toBe('dispatched');
        expect(event.version).toBe(1);
        expect(res.headers.get('location')).toBe(`/api/v1/counties/demo/events/${event.id}`);
      });

      it('stores text with quotes, backslashes, placeholders, SQL and non-BMP characters exactly as sent', async () => {
        // intake batches are written as scripts with their values as SQL literals (both databases)
        const c = catalogCase('dispute-neighbor-to-village');
        ts.clock.set(c.input.at);
        const description = `O'Brien 说："墙\\界" \\\\ \\n '' ? $1 ?? -- ; DROP TABLE events; /* */ \u{1F600} 𠮷 \t 结束\\`;
        const key = `key-with-'quote'-and-\\-${target.name}`;
        const res = await ts.request('POST', '/api/v1/counties/demo/events', {
          token: ts.adminToken,
          body: { category: c.input.category, data: { ...c.input.data, description } },
          headers: { 'idempotency-key': key },
        });
        expect(res.status).toBe(201);
        const detail = await ts.request('GET', `/api/v1/counties/demo/events/${res.body.event.id}`, { token: ts.adminToken });
        expect(detail.body.event.data.description).toBe(description);
        // the key is stored as sent: a retry finds it
        const again = await ts.request('POST', '/api/v1/counties/demo/events', {
          token: ts.adminToken,
          body: { category: c.input.category, data: { ...c.input.data, description } },
          headers: { 'idempotency-key': key },
        });
        expect(again.status).toBe(200);
        expect(again.body.event.id).toBe(res.body.event.id);
      });

      it('422 for a report that happened later than it was reported; minutes of clock skew are fine', async () => {
        const c = catalogCase('dispute-neighbor-to-village');
        // weeks after the case's own time, so that this report is no "recent report" for the tests that use the case
        ts.clock.set(c.input.at);
        ts.clock.advanceHours(60 * 24);
        const at = (minutes: number) => new Date(ts.clock.now + minutes * 60_000).toISOString();
        const future = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: { ...c.input.data, occurredAt: at(60 * 24) } } });
        expect(future.status).toBe(422);
        expect(future.body.error.issues).toEqual([expect.objectContaining({ code: 'future-time', pointer: '/occurredAt' })]);
        const skewed = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: { ...c.input.data, occurredAt: at(5) } } });
        expect(skewed.status).toBe(201);
      });

      it('stores the event with its history, timers and notifications in one go', async () => {
        const res = await report('dispute-neighbor-to-village');
        const event = res.body.event;
        const entries = await history(event.id);
        expect(entries.map((h) => [h.seq, h.action, h.fromState, h.toState, h.actorRole])).toEqual([
          [1, 'report', null, 'reported', 'county_admin'],
          [2, 'dispatch', 'reported', 'dispatched', 'system'],
        ]);
        const detail = (await ts.request('GET', `/api/v1/counties/demo/events/${event.id}`, { token: ts.adminToken })).body.event;
        expect(entries[1].ruleId).toBe(detail.explanation.winners.route);
        // the stored explanation leaves out the report's fields; the detail puts them back
        expect(detail.explanation.facts).toMatchObject({ ...event.data, category: event.category, level: event.level });
        expect(detail.explanation.combination).toEqual(expect.any(String));
        expect(event.explanation).toBeUndefined();
        const pending = await timers(event.id, 'pending');
        expect(pending.map((t) => new Date(t.dueAt).getTime())).toEqual(event.sla.timers.map((t: { at: string }) => Date.parse(t.at)));
        expect(pending.length).toBeGreaterThan(0);
        const outbox = await ts.server.db.models.Outbox.findAll({ where: { countyId: 'demo', eventId: event.id } });
        expect(outbox.some((m) => m.targetUnit === event.handlingUnit && (m.payload as { type: string }).type === 'assigned')).toBe(true);
        const fetched = await ts.request('GET', `/api/v1/counties/demo/events/${event.id}`, { token: ts.adminToken });
        expect(fetched.status).toBe(200);
        // the detail adds the explanation to what intake answered
        expect({ ...fetched.body.event, explanation: undefined }).toEqual(event);
        expect(fetched.body.event.explanation.winners).toEqual(expect.any(Object));
        expect(fetched.body.timers).toHaveLength(pending.length);
      });

      it('422 with JSON Pointers for a report that does not match its form', async () => {
        const c = catalogCase('dispute-neighbor-to-village');
        const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: { ...c.input.data, location: undefined, partiesCount: 'many' } } });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('invalid-report');
        expect(res.body.error.field).toBe('data');
        expect(res.body.error.issues.length).toBeGreaterThan(0);
        for (const issue of res.body.error.issues) expect(issue.pointer).toMatch(/^(\/|$)/);
      });

      it('422 naming the field for an unknown category', async () => {
        const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: 'no-such-category', data: {} } });
        expect(res.status).toBe(422);
        expect(res.body.error.field).toBe('category');
      });

      it('an idempotency key returns the same event on retry', async () => {
        const first = await report('fraud-default', { key: 'retry-1' });
        const again = await report('fraud-default', { key: 'retry-1' });
        expect(first.status).toBe(201);
        expect(again.status).toBe(200);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body.event.id).toBe(first.body.event.id);
      });

      it('concurrent requests with one idempotency key create one event', async () => {
        const results = await Promise.all(Array.from({ length: 12 }, () => report('fraud-default', { key: 'race-1' })));
        expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
        expect(results.filter((r) => r.status === 201)).toHaveLength(1);
        expect(new Set(results.map((r) => r.body.event.id)).size).toBe(1);
        expect(await ts.server.db.models.Event.count({ where: { countyId: 'demo', idempotencyKey: 'race-1' } })).toBe(1);
      });

      it('409 when the same reporter reuses an idempotency key for a different report, and nothing is written', async () => {
        const first = await report('fraud-default', { key: 'reused-1' });
        expect(first.status).toBe(201);
        const before = await ts.server.db.models.Event.count({ where: { countyId: 'demo' } });
        const other = catalogCase('dispute-neighbor-to-village');
        const c = catalogCase('fraud-default');
        for (const body of [
          { category: other.input.category, data: other.input.data },
          { category: c.input.category, data: { ...c.input.data, description: `${String((c.input.data as { description?: string }).description)}（改）` } },
          { category: 'no-such-category', data: {} },
        ]) {
          const res = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body, headers: { 'idempotency-key': 'reused-1' } });
          expect(res.status).toBe(409);
          expect(res.body.error).toMatchObject({ code: 'idempotency-key-reused', field: 'Idempotency-Key' });
        }
        expect(await ts.server.db.models.Event.count({ where: { countyId: 'demo' } })).toBe(before);
        // the report itself, retried, is still the same event
        expect((await report('fraud-default', { key: 'reused-1' })).body.event.id).toBe(first.body.event.id);
      });

      it('409 when another reporter reuses an idempotency key', async () => {
        await report('fraud-default', { key: 'shared-key' });
        const someoneElse = await ts.token({ role: 'dispatcher', unit: 'qs-fx-cmd' });
        const res = await report('fraud-default', { key: 'shared-key', token: someoneElse });
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('idempotency-key-reused');
      });
    });

    describe('actions', () => {
      const act = (eventId: string, action: string, token: string, body: Record<string, unknown> = {}) =>
        ts.request('POST', `/api/v1/counties/demo/events/${eventId}/actions/${action}`, { token, body });

      it('accept → start → request_info pauses the resolve clock, provide_info resumes it later', async () => {
        const created = (await report('dispute-neighbor-to-village')).body.event;
        const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
        ts.clock.advanceHours(1);
        const accepted = await act(created.id, 'accept', handler, { version: 1 });
        expect(accepted.status).toBe(200);
        expect(accepted.body.event.state).toBe('accepted');
        expect(accepted.body.event.version).toBe(2);
        expect(Date.parse(accepted.body.event.sla.clocks.accept.stoppedAt)).toBe(ts.clock.now);
        expect((await timers(created.id, 'pending')).every((t) => t.clock === 'resolve')).toBe(true);
        expect((await timers(created.id, 'cancelled')).every((t) => t.clock === 'accept')).toBe(true);

        expect((await act(created.id, 'start', handler, { version: 2 })).status).toBe(200);
        const resolveDue = Date.parse(accepted.body.event.sla.clocks.resolve.dueAt);
        const paused = await act(created.id, 'request_info', handler, { version: 3, input: { reason: '请提供现场照片' } });
        expect(paused.status).toBe(200);
        expect(paused.body.event.state).toBe('awaiting_reporter');
        expect(paused.body.event.sla.clocks.resolve.dueAt).toBeNull();
        expect(await timers(created.id, 'pending')).toHaveLength(0);

        ts.clock.advanceHours(72);
        expect((await act(created.id, 'provide_info', ts.adminToken, { version: 4 })).body.error.code).toBe('missing-input');
        const resumed = await act(created.id, 'provide_info', ts.adminToken, { version: 4, input: { feedback: '现场照片已补充' } });
        expect(resumed.status).toBe(200);
        expect(resumed.body.event.state).toBe('in_progress');
        expect(Date.parse(resumed.body.event.sla.clocks.resolve.dueAt)).toBeGreaterThan(resolveDue);
        const pending = await timers(created.id, 'pending');
        expect(pending.length).toBeGreaterThan(0);
        expect(pending.map((t) => new Date(t.dueAt).getTime())).toEqual(resumed.body.event.sla.timers.map((t: { at: string }) => Date.parse(t.at)));

        const entries = await history(created.id);
        expect(entries.map((h) => h.action)).toEqual(['report', 'dispatch', 'accept', 'start', 'request_info', 'provide_info']);
        expect(entries.map((h) => h.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      });

      it('409 for a stale version, and nothing changes', async () => {
        const created = (await report('dispute-neighbor-to-village')).body.event;
        const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
        expect((await act(created.id, 'accept', handler, { version: 1 })).status).toBe(200);
        const stale = await act(created.id, 'start', handler, { version: 1 });
        expect(stale.status).toBe(409);
        expect(stale.body.error.code).toBe('stale-version');
        expect((await history(created.id)).map((h) => h.action)).toEqual(['report', 'dispatch', 'accept']);
      });

      it('concurrent actions on one version: exactly one wins', async () => {
        const created = (await report('dispute-neighbor-to-village')).body.event;
        const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
        const results = await Promise.all(Array.from({ length: 6 }, () => act(created.id, 'accept', handler, { version: 1 })));
        expect(results.filter((r) => r.status === 200)).toHaveLength(1);
        expect(results.filter((r) => r.status === 409)).toHaveLength(5);
        expect((await history(created.id)).filter((h) => h.action === 'accept')).toHaveLength(1);
      });

      it.each([
        { name: 'a handler of another unit', role: 'handler', unit: 'qs-ht-mkt', action: 'accept', body: { version: 1 }, status: 403, code: 'unit-not-allowed' },
        { name: 'a role the transition does not list', role: 'grid_worker', unit: 'qs-fx-v01-g1', action: 'accept', body: { version: 1 }, status: 403, code: 'role-not-allowed' },
        { name: 'an action not allowed in this state', role: 'handler', unit: null, action: 'resolve', body: { version: 1, input: { feedback: 'done' } }, status: 409, code: 'transition-not-allowed' },
        { name: 'a missing required input', role: 'handler', unit: null, action: 'return', body: { version: 1 }, status: 422, code: 'missing-input' },
        { name: 'an unknown action', role: 'handler', unit: null, action: 'teleport', body: { version: 1 }, status: 422, code: 'unknown-action' },
        { name: 'an unknown input key', role: 'handler', unit: null, action: 'return', body: { version: 1, input: { why: 'x' } }, status: 400, code: 'bad-input' },
      ])('$name → $status $code', async ({ role, unit, action, body, status, code }) => {
        const created = (await report('dispute-neighbor-to-village')).body.event;
        const token = await ts.token({ role, unit: unit ?? created.handlingUnit });
        const res = await act(created.id, action, token, body);
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
        expect((await history(created.id)).map((h) => h.action)).toEqual(['report', 'dispatch']);
      });

      it('400 for an action without the version of the event (a double submission would otherwise go through twice)', async () => {
        const created = (await report('dispute-neighbor-to-village')).body.event;
        const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
        for (const body of [{}, { version: '1' }, { version: 1.5 }, { version: null }]) {
          const res = await act(created.id, 'accept', handler, body);
          expect(res.status).toBe(400);
          expect(res.body.error).toMatchObject({ code: 'bad-version', field: 'version' });
        }
        expect((await history(created.id)).map((h) => h.action)).toEqual(['report', 'dispatch']);
      });

      it('422 for a dispatch or reassignment to a unit the county does not have, or to a grid; 403 beyond the township', async () => {
        // months after the case's time: no earlier report of it counts as recent (many would escalate it to the county)
        const c = catalogCase('dispute-neighbor-to-village');
        ts.clock.set(c.input.at);
        ts.clock.advanceHours(120 * 24);
        const created = (await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: c.input.data } })).body.event;
        expect(created.dispatcher).toBe('qs-fx-cmd');
        const dispatcher = await ts.token({ role: 'dispatcher', unit: created.dispatcher });
        for (const unit of ['no-such-unit', 'qs-fx-v01-g1']) {
          const res = await act(created.id, 'reassign', dispatcher, { version: 1, input: { unit, reason: '改派' } });
          expect(res.status).toBe(422);
          expect(res.body.error.code).toBe('unknown-unit');
        }
        expect((await history(created.id)).map((h) => h.action)).toEqual(['report', 'dispatch']);
        // another township's unit: the township's command room escalates instead (403)
        const elsewhere = await act(created.id, 'reassign', dispatcher, { version: 1, input: { unit: 'qs-ht-mkt', reason: '改派' } });
        expect(elsewhere.status).toBe(403);
        expect(elsewhere.body.error.code).toBe('unit-not-allowed');
        const moved = await act(created.id, 'reassign', dispatcher, { version: 1, input: { unit: 'qs-fx-mkt', reason: '改派' } });
        expect(moved.status).toBe(200);
        expect(moved.body.event.handlingUnit).toBe('qs-fx-mkt');
      });

      it('404 for an event that does not exist', async () => {
        const res = await act('00000000-0000-7000-8000-000000000000', 'accept', ts.adminToken, { version: 1 });
        expect(res.status).toBe(404);
      });

      it('a terminal state cancels every pending timer', async () => {
        const gridWorker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
        const created = (await report('dispute-neighbor-to-village', { token: gridWorker })).body.event;
        const handler = await ts.token({ role: 'handler', unit: created.handlingUnit });
        expect((await act(created.id, 'accept', handler, { version: 1 })).status).toBe(200);
        expect((await act(created.id, 'resolve', handler, { version: 2, input: { feedback: '已调解' } })).status).toBe(200);
        const closed = await act(created.id, 'confirm', gridWorker, { version: 3 });
        expect(closed.status).toBe(200);
        expect(closed.body.event.closed).toBe(true);
        expect(await timers(created.id, 'pending')).toHaveLength(0);
      });
    });
  });
}
