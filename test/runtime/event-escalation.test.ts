/**
 * Escalation that depends on the event, over HTTP on SQLite (and PostgreSQL when PINGTAI_TEST_PG
 * names one): the catalog's county command centre passes an escalated event to the department
 * whose domain matches its category, and to the county government when no department does —
 * by hand and by itself after a missed acceptance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, type CountyConfig } from '../../engine/index';
import { catalogCase } from './support/catalog-cases';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

for (const target of dbTargets()) {
  describe(`escalation by the event's domain (${target.name})`, () => {
    let ts: TestServer;
    let prepared: PreparedDatabase;
    let departmentOf: (domain: string) => string | undefined;

    beforeAll(async () => {
      prepared = await prepareDatabase(target);
      ts = await startTestServer(target, { prepared });
      // County `esc`: the catalog, with neighbour disputes belonging to no department's domain.
      const demo = await ts.server.configs.compiled('demo', 1);
      const document = structuredClone(demo.config) as CountyConfig;
      const neighbour = document.categories.flatMap((m) => m.children).find((c) => c.code === 'dispute-neighbor')!;
      delete neighbour.domain;
      // and every event escalating by itself 2 h after a missed 1 h acceptance
      const escalateAction = document.workflow.transitions.find((t) => t.action === 'escalate')!;
      if (!escalateAction.roles.includes('system')) escalateAction.roles.push('system');
      for (const policy of document.sla.policies) {
        policy.accept = { hours: 1, clock: 'calendar' };
        policy.reminders = policy.reminders.filter((r) => r.of !== 'accept');
        policy.breach = { ...policy.breach, autoEscalateAfterAcceptHours: 2 };
      }
      expect(document.units.find((u) => u.id === 'county-cmd')!.escalation).toEqual({ matchDomain: true, default: 'county-gov' });
      departmentOf = (domain) => document.units.find((u) => u.kind === 'county_department' && u.domains?.includes(domain))?.id;
      const compiled = compile(document);
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
      await ts.server.configs.createCounty({ id: 'esc', name: 'Escalating county', compiled: compiled.value, createdBy: 'test', now: ts.clock.now });
    });
    afterAll(async () => {
      await ts?.close();
      await prepared?.cleanup();
    });

    const report = async (caseId: string) => {
      const c = catalogCase(caseId);
      ts.clock.set(c.input.at);
      const token = await ts.token({ county: 'esc', role: 'county_admin' });
      const res = await ts.request('POST', '/api/v1/counties/esc/events', { token, body: { category: c.input.category, data: c.input.data } });
      expect(res.status).toBe(201);
      return res.body.event;
    };
    const escalate = async (event: { id: string; version: number }) => {
      const token = await ts.token({ county: 'esc', role: 'county_admin' });
      const res = await ts.request('POST', `/api/v1/counties/esc/events/${event.id}/actions/escalate`, { token, body: { version: event.version, input: { reason: 'beyond this tier' } } });
      expect(res.status).toBe(200);
      return res.body.event;
    };
    const storedUnits = async (id: string) => {
      const row = (await ts.server.db.models.Event.findOne({ where: { countyId: 'esc', id } }))!;
      return { handlingUnit: row.handlingUnit, dispatcher: row.dispatcher, state: row.state };
    };

    it('passes an event escalated from the county command centre to the department of its domain', async () => {
      const event = await report('enterprise-3-injured-county');
      expect(event.dispatcher).toBe('county-cmd');
      const escalated = await escalate(event);
      const department = departmentOf('emergency');
      expect(department).toBe('dept-emergency');
      expect(escalated).toMatchObject({ state: 'escalated', handlingUnit: department });
      expect(await storedUnits(event.id)).toEqual({ handlingUnit: department, dispatcher: department, state: 'escalated' });
    });

    it('escalates an event the county command centre did not accept in time to the department of its domain', async () => {
      const event = await report('enterprise-3-injured-county');
      expect(event.handlingUnit).toBe('county-cmd');
      const timer = event.sla.timers.find((t: { kind: string; of: string }) => t.kind === 'auto-escalate' && t.of === 'accept');
      ts.clock.now = Date.parse(timer.at);
      await ts.server.scheduler.runDueTimers(ts.clock.now);
      expect(await storedUnits(event.id)).toEqual({ handlingUnit: 'dept-emergency', dispatcher: 'dept-emergency', state: 'escalated' });
      const history = await ts.server.db.models.EventHistory.findAll({ where: { countyId: 'esc', eventId: event.id }, order: [['seq', 'ASC']] });
      expect(history.find((h) => h.action === 'escalate')?.actorRole).toBe('system');
    });

    it('passes it to the county government when no department has its domain, one tier at a time', async () => {
      const event = await report('dispute-neighbor-to-village');
      expect(event.dispatcher).toBe('qs-fx-cmd');
      const atCounty = await escalate(event);
      expect(atCounty.handlingUnit).toBe('county-cmd');
      // the county command centre keeps it, then escalates it in turn
      const token = await ts.token({ county: 'esc', role: 'county_admin' });
      const kept = await ts.request('POST', `/api/v1/counties/esc/events/${event.id}/actions/dispatch`, { token, body: { version: atCounty.version, input: { unit: 'county-cmd' } } });
      expect(kept.status).toBe(200);
      const offered = await ts.request('GET', `/api/v1/counties/esc/events/${event.id}`, { token });
      expect((offered.body.actions as Array<{ action: string }>).map((a) => a.action)).toContain('escalate');
      const atTop = await escalate(kept.body.event);
      expect(atTop.handlingUnit).toBe('county-gov');
      expect(await storedUnits(event.id)).toEqual({ handlingUnit: 'county-gov', dispatcher: 'county-gov', state: 'escalated' });
      // kept by the county government, it has no higher tier: escalate is no longer offered
      const actionsAt = async (unit: string, version: number) => {
        const res = await ts.request('POST', `/api/v1/counties/esc/events/${event.id}/actions/dispatch`, { token, body: { version, input: { unit } } });
        expect(res.status).toBe(200);
        const detail = await ts.request('GET', `/api/v1/counties/esc/events/${event.id}`, { token });
        expect(detail.status).toBe(200);
        return { actions: (detail.body.actions as Array<{ action: string }>).map((a) => a.action), version: res.body.event.version as number };
      };
      const atGov = await actionsAt('county-gov', atTop.version);
      expect(atGov.actions).toContain('reassign');
      expect(atGov.actions).not.toContain('escalate');
    });
  });
}
