/**
 * Auto-escalation after a missed acceptance, over HTTP on SQLite (and PostgreSQL when
 * PINGTAI_TEST_PG names one): the event escalates by itself to the next tier of its unit's chain,
 * the history names the missed accept deadline, and an event accepted in time never escalates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, type CountyConfig } from '../../engine/index';
import { catalogCase } from './support/catalog-cases';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const HOUR = 3_600_000;

for (const target of dbTargets()) {
  describe(`auto-escalation after a missed acceptance (${target.name})`, () => {
    let ts: TestServer;
    let prepared: PreparedDatabase;

    beforeAll(async () => {
      prepared = await prepareDatabase(target);
      ts = await startTestServer(target, { prepared });
      // County `acc`: the catalog with every policy accepting in 1 calendar hour and escalating 2 h
      // after a missed acceptance, and the system allowed to escalate.
      const demo = await ts.server.configs.compiled('demo', 1);
      const document = structuredClone(demo.config) as CountyConfig;
      const escalate = document.workflow.transitions.find((t) => t.action === 'escalate')!;
      if (!escalate.roles.includes('system')) escalate.roles.push('system');
      for (const policy of document.sla.policies) {
        policy.accept = { hours: 1, clock: 'calendar' };
        policy.reminders = policy.reminders.filter((r) => r.of !== 'accept');
        policy.breach = { ...policy.breach, autoEscalateAfterAcceptHours: 2 };
      }
      const compiled = compile(document);
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
      await ts.server.configs.createCounty({ id: 'acc', name: 'Accept-escalating county', compiled: compiled.value, createdBy: 'test', now: ts.clock.now });
    });
    afterAll(async () => {
      await ts?.close();
      await prepared?.cleanup();
    });

    const report = async (caseId: string) => {
      const c = catalogCase(caseId);
      ts.clock.set(c.input.at);
      const token = await ts.token({ county: 'acc', role: 'county_admin' });
      const res = await ts.request('POST', '/api/v1/counties/acc/events', { token, body: { category: c.input.category, data: c.input.data, ...(c.input.source ? { source: c.input.source } : {}) } });
      expect(res.status).toBe(201);
      return res.body.event;
    };
    const eventRow = async (id: string) => (await ts.server.db.models.Event.findOne({ where: { countyId: 'acc', id } }))!.get({ plain: true });
    const historyOf = (id: string) => ts.server.db.models.EventHistory.findAll({ where: { countyId: 'acc', eventId: id }, order: [['seq', 'ASC']] });
    const acceptEscalation = (event: { sla: { timers: Array<{ kind: string; of: string; at: string }> } }) => event.sla.timers.find((t) => t.kind === 'auto-escalate' && t.of === 'accept');

    it('plans the escalation 2 h after the acceptance deadline', async () => {
      const event = await report('dispute-neighbor-to-village');
      const acceptDue = Date.parse(event.sla.clocks.accept.dueAt);
      expect(acceptDue - Date.parse(event.sla.clocks.accept.startedAt)).toBe(HOUR);
      expect(Date.parse(acceptEscalation(event)!.at)).toBe(acceptDue + 2 * HOUR);
    });

    it('escalates an event still not accepted, audited with the missed accept deadline', async () => {
      const event = await report('dispute-neighbor-to-village');
      const acceptDue = Date.parse(event.sla.clocks.accept.dueAt);
      ts.clock.now = acceptDue + 2 * HOUR - 1;
      const early = await ts.server.scheduler.runDueTimers(ts.clock.now);
      expect(early.outcomes.escalated ?? 0).toBe(0);
      expect((await eventRow(event.id)).state).toBe('dispatched');

      ts.clock.now = acceptDue + 2 * HOUR;
      const run = await ts.server.scheduler.runDueTimers(ts.clock.now);
      // the first test's event, reported at the same time, escalates with it
      expect(run.outcomes.escalated).toBe(2);
      const row = await eventRow(event.id);
      expect(row.state).toBe('escalated');
      expect(row.handlingUnit).not.toBe(event.handlingUnit);
      const escalation = (await historyOf(event.id)).find((h) => h.action === 'escalate')!;
      expect(escalation.actorRole).toBe('system');
      expect(escalation.detail).toMatchObject({ automatic: true, clock: 'accept', dueAt: new Date(acceptDue).toISOString() });
      expect(JSON.stringify(escalation.detail)).toMatch(/accept deadline passed without acceptance/);
      expect(await ts.server.db.models.Timer.count({ where: { countyId: 'acc', eventId: event.id, clock: 'accept', status: 'pending' } })).toBe(0);
    });

    it('never escalates an event accepted in time', async () => {
      const event = await report('dispute-neighbor-to-village');
      const handler = await ts.token({ county: 'acc', role: 'handler', unit: event.handlingUnit });
      ts.clock.now = Date.parse(event.sla.clocks.accept.startedAt) + HOUR / 2;
      const accepted = await ts.request('POST', `/api/v1/counties/acc/events/${event.id}/actions/accept`, { token: handler, body: { version: event.version } });
      expect(accepted.status).toBe(200);
      expect(acceptEscalation(accepted.body.event)).toBeUndefined();
      ts.clock.now = Date.parse(acceptEscalation(event)!.at) + HOUR;
      const run = await ts.server.scheduler.runDueTimers(ts.clock.now);
      expect(run.outcomes.escalated ?? 0).toBe(0);
      expect((await eventRow(event.id)).state).toBe('accepted');
      expect((await historyOf(event.id)).map((h) => h.action)).toEqual(['report', 'dispatch', 'accept']);
    });
  });
}
