/**
 * Contract: the closed loop as a township works it over HTTP — worklists with cursors, event
 * detail with history and allowed actions, return and re-dispatch, escalation tier by tier,
 * joint handling, comments — and config versions: drafts, problems, tests blocking publish,
 * publish, activate, roll back, diff, events pinned to their version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCase } from './catalog-cases';
import type { DbTarget } from './db-targets';
import { startTestServer, type TestServer } from './test-server';

export function loopContract(target: DbTarget): void {
  describe(`closed loop, worklists and config versions (${target.name})`, () => {
    let ts: TestServer;
    const tokens: Record<string, string> = {};
    beforeAll(async () => {
      ts = await startTestServer(target);
      tokens.worker = await ts.token({ role: 'grid_worker', unit: 'qs-cn-v04-g1' });
      tokens.cnCmd = await ts.token({ role: 'dispatcher', unit: 'qs-cn-cmd' });
      tokens.cnGov = await ts.token({ role: 'handler', unit: 'qs-cn-gov' });
      tokens.cnSvc = await ts.token({ role: 'handler', unit: 'qs-cn-svc' });
      tokens.countyCmd = await ts.token({ role: 'dispatcher', unit: 'county-cmd' });
      tokens.deptHr = await ts.token({ role: 'handler', unit: 'dept-human-resources' });
      tokens.designer = await ts.token({ role: 'policy_designer' });
    });
    afterAll(async () => {
      await ts?.close();
    });

    /** Reports a catalog case `weeks` weeks after its own time, so earlier tests' reports are not "recent reports" (7-day window). */
    const report = async (caseId: string, weeks = 0, token = tokens.worker) => {
      const c = catalogCase(caseId);
      ts.clock.set(c.input.at);
      ts.clock.advanceHours(weeks * 7 * 24);
      const res = await ts.request('POST', '/api/v1/counties/demo/events', { token, body: { category: c.input.category, data: c.input.data } });
      expect(res.status).toBe(201);
      return res.body.event;
    };
    /** Fires `action` with the event's current version (read by the administrator: the actor may not see the event). */
    const act = async (id: string, action: string, token: string, body: Record<string, unknown> = {}) => {
      const detail = await ts.request('GET', `/api/v1/counties/demo/events/${id}`, { token: ts.adminToken });
      return ts.request('POST', `/api/v1/counties/demo/events/${id}/actions/${action}`, { token, body: { version: detail.body.event.version, ...body } });
    };
    const detail = async (id: string, token = ts.adminToken) => (await ts.request('GET', `/api/v1/counties/demo/events/${id}`, { token })).body;

    it('report → worklist → accept → start → resolve → the reporter confirms → closed, with the full history', async () => {
      const event = await report('dispute-labor-small-default-platform', 0);
      expect(event.handlingUnit).toBe('qs-cn-gov');
      const list = await ts.request('GET', '/api/v1/counties/demo/events?state=dispatched', { token: tokens.cnGov });
      expect(list.status).toBe(200);
      expect(list.body.events.map((e: { id: string }) => e.id)).toContain(event.id);
      const otherUnit = await ts.request('GET', '/api/v1/counties/demo/events', { token: tokens.cnSvc });
      expect(otherUnit.body.events.map((e: { id: string }) => e.id)).not.toContain(event.id);

      const seen = await detail(event.id, tokens.cnGov);
      expect(seen.actions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['accept', 'return']));
      // another unit of the township neither sees the event nor acts on it
      expect((await ts.request('GET', `/api/v1/counties/demo/events/${event.id}`, { token: tokens.cnSvc })).status).toBe(404);
      expect((await act(event.id, 'accept', tokens.cnSvc)).status).toBe(403);
      expect((await act(event.id, 'accept', tokens.cnGov)).status).toBe(200);
      expect((await act(event.id, 'start', tokens.cnGov)).status).toBe(200);
      expect((await act(event.id, 'resolve', tokens.cnGov, { input: { feedback: '已调解，双方签署协议' } })).status).toBe(200);
      expect((await ts.request('POST', `/api/v1/counties/demo/events/${event.id}/comments`, { token: tokens.cnGov, body: { text: '回访已安排' } })).status).toBe(201);
      expect((await act(event.id, 'confirm', tokens.worker)).status).toBe(200);
      const done = await detail(event.id);
      expect(done.event.state).toBe('closed');
      expect(done.history.map((h: { action: string }) => h.action)).toEqual(['report', 'dispatch', 'accept', 'start', 'resolve', 'comment', 'confirm']);
      expect(done.history[1].ruleId ?? null).not.toBeUndefined();
      expect(done.actions).toEqual([]);
    });

    it("an event's detail, comments and joint handling follow the worklist's visibility", async () => {
      const event = await report('dispute-labor-small-default-platform', 3);
      expect(event.handlingUnit).toBe('qs-cn-gov');
      const path = `/api/v1/counties/demo/events/${event.id}`;
      // those the worklist shows it to: the lead unit, the dispatching command room, the reporting grid worker, the county
      for (const token of [tokens.cnGov, tokens.cnCmd, tokens.worker, tokens.designer, ts.adminToken]) expect((await ts.request('GET', path, { token })).status).toBe(200);
      // another unit: not there, and nothing written
      for (const token of [tokens.cnSvc, tokens.deptHr, tokens.countyCmd]) {
        expect((await ts.request('GET', path, { token })).status).toBe(404);
        expect((await ts.request('POST', `${path}/comments`, { token, body: { text: '看看' } })).status).toBe(404);
      }
      expect((await ts.request('PUT', `${path}/assist`, { token: tokens.countyCmd, body: { version: event.version, units: ['qs-cn-svc'] } })).status).toBe(404);
      // an assisting unit sees it once it is named
      expect((await ts.request('PUT', `${path}/assist`, { token: tokens.cnCmd, body: { version: event.version, units: ['qs-cn-svc'] } })).status).toBe(200);
      expect((await ts.request('GET', path, { token: tokens.cnSvc })).status).toBe(200);
      expect((await detail(event.id)).history.map((h: { action: string }) => h.action)).toEqual(['report', 'dispatch', 'assist']);
    });

    it('joint handling of a closed event is 409 and changes nothing', async () => {
      const event = await report('dispute-labor-small-default-platform', 4);
      expect((await act(event.id, 'accept', tokens.cnGov)).status).toBe(200);
      expect((await act(event.id, 'resolve', tokens.cnGov, { input: { feedback: '已处理' } })).status).toBe(200);
      expect((await act(event.id, 'confirm', tokens.worker)).status).toBe(200);
      const closed = (await detail(event.id)).event;
      const res = await ts.request('PUT', `/api/v1/counties/demo/events/${event.id}/assist`, { token: tokens.cnCmd, body: { version: closed.version, units: ['qs-cn-svc'] } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('terminal-state');
      expect((await detail(event.id)).event.version).toBe(closed.version);
    });

    it('a stale version is 409 and changes nothing', async () => {
      const event = await report('dispute-labor-small-default-platform', 1);
      const res = await ts.request('POST', `/api/v1/counties/demo/events/${event.id}/actions/accept`, { token: tokens.cnGov, body: { version: event.version + 5 } });
      expect(res.status).toBe(409);
      expect((await detail(event.id)).event.state).toBe('dispatched');
    });

    it('return goes back to the dispatcher, who re-dispatches to the right unit', async () => {
      const event = await report('dispute-labor-small-default-platform', 2);
      expect((await act(event.id, 'return', tokens.cnGov, {})).status).toBe(422);
      expect((await act(event.id, 'return', tokens.cnGov, { input: { reason: '不属于本平台职责' } })).status).toBe(200);
      const returned = await detail(event.id, tokens.cnCmd);
      expect(returned.event).toMatchObject({ state: 'returned', handlingUnit: 'qs-cn-cmd' });
      expect((await act(event.id, 'dispatch', tokens.cnCmd, { input: { unit: 'qs-cn-svc' } })).status).toBe(200);
      const redispatched = await detail(event.id, tokens.cnSvc);
      expect(redispatched.event).toMatchObject({ state: 'dispatched', handlingUnit: 'qs-cn-svc' });
      expect(redispatched.actions.map((a: { action: string }) => a.action)).toContain('accept');
    });

    it('escalation tier by tier: township command → county command centre → department → county government', async () => {
      const event = await report('dispute-labor-small-default-platform', 3);
      expect((await act(event.id, 'return', tokens.cnGov, { input: { reason: '涉及跨镇欠薪' } })).status).toBe(200);
      expect((await act(event.id, 'escalate', tokens.cnCmd, { input: { reason: '超出乡镇处置能力' } })).status).toBe(200);
      expect((await detail(event.id)).event).toMatchObject({ state: 'escalated', handlingUnit: 'county-cmd', dispatcher: 'county-cmd' });
      expect((await act(event.id, 'dispatch', tokens.countyCmd, { input: { unit: 'dept-human-resources' } })).status).toBe(200);
      expect((await act(event.id, 'accept', tokens.deptHr)).status).toBe(200);
      expect((await act(event.id, 'escalate', tokens.deptHr, { input: { reason: '需县政府协调多部门' } })).status).toBe(200);
      const top = await detail(event.id);
      expect(top.event).toMatchObject({ state: 'escalated', handlingUnit: 'county-gov' });
      expect(top.history.filter((h: { action: string }) => h.action === 'escalate')).toHaveLength(2);
    });

    it('joint handling: the dispatcher names assisting units; they see the event in their worklist', async () => {
      const event = await report('dispute-labor-small-default-platform', 4);
      const res = await ts.request('PUT', `/api/v1/counties/demo/events/${event.id}/assist`, { token: tokens.cnCmd, body: { version: event.version, units: ['qs-cn-svc', 'dept-human-resources'] } });
      expect(res.status).toBe(200);
      expect(res.body.event.assist).toEqual(['qs-cn-svc', 'dept-human-resources']);
      const assisting = await ts.request('GET', '/api/v1/counties/demo/events', { token: tokens.deptHr });
      expect(assisting.body.events.map((e: { id: string }) => e.id)).toContain(event.id);
      expect((await act(event.id, 'accept', tokens.cnGov)).status).toBe(200);
      // only the lead unit resolves; an assisting unit may not
      const byAssistant = await act(event.id, 'resolve', tokens.deptHr, { input: { feedback: 'x' } });
      expect(byAssistant.status).toBe(403);
      expect(byAssistant.body.error.code).toBe('unit-not-allowed');
    });

    it('worklist filters, red-first order and cursor pagination are stable', async () => {
      for (let i = 0; i < 7; i++) await report('elderly-daily-care-village');
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await ts.request('GET', `/api/v1/counties/demo/events?category=svc-elderly&limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: ts.adminToken });
        expect(res.status).toBe(200);
        all.push(...res.body.events.map((e: { id: string }) => e.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(all).toHaveLength(7);
      expect(new Set(all).size).toBe(7);
      const once = await ts.request('GET', '/api/v1/counties/demo/events?category=svc-elderly&limit=50', { token: ts.adminToken });
      expect(once.body.events.map((e: { id: string }) => e.id)).toEqual(all);
      const redFirst = await ts.request('GET', '/api/v1/counties/demo/events?order=red-first&level=1,2&limit=5', { token: ts.adminToken });
      expect(redFirst.status).toBe(200);
      const byLevels = await ts.request('GET', '/api/v1/counties/demo/events?level=1,2&limit=200', { token: ts.adminToken });
      const levels = byLevels.body.events.map((e: { level: number }) => e.level);
      expect(new Set(levels)).toEqual(new Set([1, 2]));
      const times = byLevels.body.events.map((e: { reportedAt: string }) => Date.parse(e.reportedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const everything = await ts.request('GET', '/api/v1/counties/demo/events?limit=200', { token: ts.adminToken });
      expect(byLevels.body.events.length).toBe(everything.body.events.filter((e: { level: number }) => e.level <= 2).length);
      // a category filter without a level is read as one range per category and level, merged: the
      // same events in the same order as the whole list filtered here, page after page
      const listed = everything.body.events as Array<{ id: string; category: string; level: number }>;
      const twoCategories = [...new Set(listed.map((e) => e.category))].slice(0, 2);
      const expected = listed.filter((e) => twoCategories.includes(e.category)).map((e) => e.id);
      expect(new Set(listed.filter((e) => twoCategories.includes(e.category)).map((e) => e.level)).size).toBeGreaterThan(1);
      const byCategories = await ts.request('GET', `/api/v1/counties/demo/events?category=${twoCategories.join(',')}&limit=200`, { token: ts.adminToken });
      expect(byCategories.body.events.map((e: { id: string }) => e.id)).toEqual(expected);
      const paged: string[] = [];
      let next: string | null = null;
      do {
        const res = await ts.request('GET', `/api/v1/counties/demo/events?category=${twoCategories.join(',')}&limit=2${next ? `&cursor=${next}` : ''}`, { token: ts.adminToken });
        paged.push(...res.body.events.map((e: { id: string }) => e.id));
        next = res.body.nextCursor;
      } while (next);
      expect(paged).toEqual(expected);
      for (const [query, field] of [['level=7', 'level'], ['red=maybe', 'red'], ['from=yesterday', 'from'], ['cursor=zzz', 'cursor'], ['limit=1000', 'limit'], ['order=random', 'order']]) {
        const bad = await ts.request('GET', `/api/v1/counties/demo/events?${query}`, { token: ts.adminToken });
        expect(bad.status).toBe(400);
        expect(bad.body.error.field).toBe(field);
      }
    });

    it("a unit's open events, red and not red, come newest first (or red first) and page the same", async () => {
      const early = [await report('elderly-daily-care-village', 20), await report('elderly-daily-care-village', 20), await report('elderly-daily-care-village', 20)];
      const unit = early[0].handlingUnit as string;
      // past the accept deadline: the breach turns them red
      ts.clock.advanceHours(10 * 24);
      await ts.server.scheduler.runDueTimers(ts.clock.now);
      await report('elderly-daily-care-village', 22);
      await report('elderly-daily-care-village', 22);
      type Listed = { id: string; handlingUnit: string; closed: boolean; red: boolean; reportedAt: string };
      const everything = (await ts.request('GET', '/api/v1/counties/demo/events?limit=200', { token: ts.adminToken })).body.events as Listed[];
      const open = everything.filter((e) => e.handlingUnit === unit && !e.closed);
      expect(new Set(open.map((e) => e.red))).toEqual(new Set([true, false]));
      const expected = open.map((e) => e.id);
      const pages = async (path: string, token: string) => {
        const ids: string[] = [];
        let next: string | null = null;
        do {
          const res = await ts.request('GET', `${path}&limit=2${next ? `&cursor=${next}` : ''}`, { token });
          expect(res.status).toBe(200);
          ids.push(...res.body.events.map((e: { id: string }) => e.id));
          next = res.body.nextCursor;
        } while (next);
        return ids;
      };
      const byUnit = await ts.request('GET', `/api/v1/counties/demo/events?unit=${unit}&closed=false&limit=200`, { token: ts.adminToken });
      expect(byUnit.body.events.map((e: { id: string }) => e.id)).toEqual(expected);
      expect(await pages(`/api/v1/counties/demo/events?unit=${unit}&closed=false`, ts.adminToken)).toEqual(expected);
      const handler = await ts.token({ role: 'handler', unit });
      expect(await pages('/api/v1/counties/demo/events?closed=false', handler)).toEqual(expected);
      const redFirst = [...open.filter((e) => e.red), ...open.filter((e) => !e.red)].map((e) => e.id);
      expect(await pages(`/api/v1/counties/demo/events?unit=${unit}&closed=false&order=red-first`, ts.adminToken)).toEqual(redFirst);
    });

    it('config versions: draft, problems, failing tests block publish, publish, activate, pin, roll back, diff', async () => {
      const created = await ts.request('POST', '/api/v1/counties/demo/configs', { token: tokens.designer, body: { copyOf: 1 } });
      expect(created.status).toBe(201);
      expect(created.body.issues).toEqual([]);
      const v = created.body.version;
      const draft = (await ts.request('GET', `/api/v1/counties/demo/configs/${v}`, { token: tokens.designer })).body.document;

      const broken = structuredClone(draft);
      broken.rules[0].event.params = { target: { type: 'unit', unit: 'ghost-unit' } };
      broken.rules[0].event.type = 'route';
      const put = await ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: tokens.designer, body: { document: broken } });
      expect(put.status).toBe(200);
      expect(put.body.issues).toContainEqual(expect.objectContaining({ code: 'unknown-unit', pointer: '/rules/0/event/params/target/unit' }));
      const refused = await ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: ts.adminToken });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('config-invalid');
      expect(refused.body.error.issues.length).toBeGreaterThan(0);

      const failing = structuredClone(draft);
      failing.tests[0].expected.unit = 'qs-fx-svc';
      await ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: tokens.designer, body: { document: failing } });
      const testsRefused = await ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: ts.adminToken });
      expect(testsRefused.status).toBe(422);
      expect(testsRefused.body.error.code).toBe('tests-failed');
      expect(testsRefused.body.error.results[0].id).toBe(failing.tests[0].id);

      // a real change: the labour dispute now goes to the service platform by default
      const changed = structuredClone(draft);
      const labour = changed.categories.flatMap((m: { children: Array<{ code: string; platform: string }> }) => m.children).find((c: { code: string }) => c.code === 'dispute-labor');
      labour.platform = 'service';
      changed.tests = changed.tests.map((t: { id: string; expected: { unit?: string } }) => (t.id === 'dispute-labor-small-default-platform' ? { ...t, expected: { ...t.expected, unit: 'qs-cn-svc' } } : t));
      await ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: tokens.designer, body: { document: changed } });
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: tokens.designer })).status).toBe(403);
      const before = await report('dispute-labor-small-default-platform', 5);
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: ts.adminToken })).status).toBe(200);
      expect((await ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: tokens.designer, body: { document: draft } })).status).toBe(409);
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/activate`, { token: ts.adminToken })).body).toEqual({ active: v });
      const after = await report('dispute-labor-small-default-platform', 6);
      expect(after).toMatchObject({ configVersion: v, handlingUnit: 'qs-cn-svc' });
      expect((await detail(before.id)).event).toMatchObject({ configVersion: 1, handlingUnit: 'qs-cn-gov' });

      const diff = await ts.request('GET', `/api/v1/counties/demo/configs/diff?from=1&to=${v}`, { token: tokens.designer });
      expect(diff.body.changes).toContainEqual(expect.objectContaining({ op: 'replace', before: 'governance', after: 'service' }));
      const versions = await ts.request('GET', '/api/v1/counties/demo/configs', { token: ts.adminToken });
      expect(versions.body.versions.find((x: { version: number }) => x.version === v)).toMatchObject({ status: 'published', active: true });
      expect((await ts.request('POST', '/api/v1/counties/demo/configs/1/activate', { token: ts.adminToken })).body).toEqual({ active: 1 });
      expect((await report('dispute-labor-small-default-platform', 7)).handlingUnit).toBe('qs-cn-gov');
    });

    it("the worklist's level filter takes the active config's levels; the API refuses a level the county does not declare, naming its levels", async () => {
      const v = (await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { copyOf: 1 } })).body.version;
      const five = (await ts.request('GET', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken })).body.document;
      five.levels = [...five.levels, { level: 5, name: { zh: '特急', en: 'Critical' } }];
      // a level a category or rule grades to must be declared: refused with the item's name, in both languages
      const undeclared = structuredClone(five);
      undeclared.categories[0].children[0].level = 6;
      const put = await ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken, body: { document: undeclared } });
      expect(put.body.issues).toContainEqual(expect.objectContaining({
        code: 'undeclared-level',
        pointer: '/categories/0/children/0/level',
        message: expect.stringMatching(/^category \S+ "[^"]+": level 6 is not one of the config's levels \(1 General, 2 Serious, 3 Major, 4 Extraordinary, 5 Critical\)$/),
        messageZh: expect.stringMatching(/^小类 \S+「[^」]+」：6 级不是本配置声明的等级（1 一般、2 较大、3 重大、4 特别重大、5 特急）$/),
      }));
      expect((await ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken, body: { document: five } })).body.issues).toEqual([]);
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: ts.adminToken })).status).toBe(200);
      const list = (query: string) => ts.request('GET', `/api/v1/counties/demo/events?${query}`, { token: ts.adminToken });
      expect((await list('level=5')).status).toBe(400);
      expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/activate`, { token: ts.adminToken })).body).toEqual({ active: v });
      try {
        expect((await list('level=5')).status).toBe(200);
        expect((await list('level=1,5')).status).toBe(200);
        const refused = await list('level=6');
        expect(refused.status).toBe(400);
        expect(refused.body.error).toMatchObject({ field: 'level', message: expect.stringContaining('1, 2, 3, 4, 5') });
        // a category filter alone still lists every event of it, whatever level it was decided at
        const all = (await list('limit=200')).body.events as Array<{ id: string; category: string }>;
        const category = all[0].category;
        expect((await list(`category=${category}&limit=200`)).body.events.map((e: { id: string }) => e.id)).toEqual(all.filter((e) => e.category === category).map((e) => e.id));
      } finally {
        expect((await ts.request('POST', '/api/v1/counties/demo/configs/1/activate', { token: ts.adminToken })).body).toEqual({ active: 1 });
      }
      expect((await list('level=5')).status).toBe(400);
    });

    it('a draft replaced while it is being published: what is published is what was tested', async () => {
      // PUT and publish sent together, a few rounds: publish compiles and tests the draft it read,
      // so a document put in meanwhile must either be refused (409) or make the publish refuse
      for (let round = 0; round < 6; round++) {
        const v = (await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { copyOf: 1 } })).body.version;
        const good = (await ts.request('GET', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken })).body.document;
        const failing = structuredClone(good);
        failing.tests[0].expected.unit = 'qs-fx-svc';
        const [put, published] = await Promise.all([
          ts.request('PUT', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken, body: { document: failing } }),
          ts.request('POST', `/api/v1/counties/demo/configs/${v}/publish`, { token: ts.adminToken }),
        ]);
        expect([200, 409]).toContain(put.status);
        expect([200, 409, 422]).toContain(published.status);
        const stored = (await ts.request('GET', `/api/v1/counties/demo/configs/${v}`, { token: ts.adminToken })).body;
        if (stored.status === 'published') {
          expect((await ts.request('POST', `/api/v1/counties/demo/configs/${v}/test`, { token: ts.adminToken })).body.failed).toBe(0);
          expect(put.status).toBe(409);
        }
      }
    });

    it('drafts from a catalog and from an overlay; bad sources are clear 4xx', async () => {
      const fromCatalog = await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { catalog: 'pilot-whistle' } });
      expect(fromCatalog.status).toBe(201);
      expect(fromCatalog.body.issues).toEqual([]);
      const overlay = await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { overlay: { description: '试点：夜间加强' } } });
      expect(overlay.status).toBe(201);
      const doc = (await ts.request('GET', `/api/v1/counties/demo/configs/${overlay.body.version}`, { token: ts.adminToken })).body.document;
      expect(doc.description).toBe('试点：夜间加强');
      expect(doc.rules.length).toBeGreaterThan(60);
      for (const body of [{}, { catalog: '../etc' }, { catalog: 'a', document: {} }, { document: [] }]) {
        const res = await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body });
        expect(res.status).toBe(400);
        expect(res.body.error.field).toBeDefined();
      }
      expect((await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { catalog: 'no-such-catalog' } })).status).toBe(404);
      // versions are integers, said plainly; each refusal names where the bad one was
      for (const copyOf of ['1', [1], 1.5, 0, null]) {
        const res = await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { copyOf } });
        expect(res.status).toBe(400);
        expect(res.body.error.field).toBe('copyOf');
      }
      for (const version of ['0x1', '1e0', '01', '-1']) expect((await fetch(`${ts.url}/api/v1/counties/demo/configs/${version}`, { headers: { authorization: `Bearer ${ts.adminToken}` } })).status).toBe(400);
      const badDiff = await ts.request('GET', '/api/v1/counties/demo/configs/diff?from=1&to=two', { token: ts.adminToken });
      expect(badDiff.status).toBe(400);
      expect(badDiff.body.error.field).toBe('to');
      expect((await fetch(`${ts.url}/api/v1/counties/demo/events?limit=0x10`, { headers: { authorization: `Bearer ${ts.adminToken}` } })).status).toBe(400);
      expect((await ts.request('POST', '/api/v1/counties/demo/configs', { token: tokens.cnGov, body: { catalog: 'pilot-whistle' } })).status).toBe(403);
    });

    it("another county's configs and events are 404", async () => {
      const demo = (await ts.server.configs.active('demo'))!.compiled;
      await ts.server.configs.createCounty({ id: 'elsewhere', name: 'Elsewhere', compiled: demo, createdBy: 'test', now: ts.clock.now });
      const other = await ts.token({ county: 'elsewhere', role: 'county_admin' });
      expect((await ts.request('GET', '/api/v1/counties/demo/configs', { token: other })).status).toBe(404);
      expect((await ts.request('GET', '/api/v1/counties/demo/configs/1', { token: other })).status).toBe(404);
      expect((await ts.request('GET', '/api/v1/counties/demo/events', { token: other })).status).toBe(404);
    });
  });
}
