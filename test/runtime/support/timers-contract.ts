/**
 * Contract: SLA timers fire exactly once with their effects (reminders, breach → red +
 * supervision ticket, automatic escalation), even with two schedulers on one database; the
 * outbox delivers over webhooks with retries and backoff.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Op } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, type CountyConfig } from '../../../engine/index';
import { openDatabase } from '../../../runtime/db/open-database';
import { ConfigRepository } from '../../../runtime/db/config-repository';
import { createChannelRegistry } from '../../../runtime/outbox/channels';
import { createOutboxDelivery } from '../../../runtime/outbox/delivery';
import { createScheduler } from '../../../runtime/timers/scheduler';
import { catalogCase } from './catalog-cases';
import type { DbTarget } from './db-targets';
import { prepareDatabase, type PreparedDatabase } from './db-targets';
import { startTestServer, type TestServer } from './test-server';

const silent = pino({ level: 'silent' });

/** A webhook receiver that answers HTTP 500 to the first `failures` deliveries of each message, after `delayMs`. */
async function receiver(failures: number, delayMs = 0) {
  const received: Array<{ key: string | undefined; body: any }> = [];
  const seen = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      received.push({ key, body: JSON.parse(text) });
      const count = (seen.get(key ?? '') ?? 0) + 1;
      seen.set(key ?? '', count);
      res.statusCode = count <= failures ? 500 : 204;
      setTimeout(() => res.end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise((r) => server.close(r)) };
}

export function timersContract(target: DbTarget): void {
  describe(`timers and outbox (${target.name})`, () => {
    let ts: TestServer;
    let prepared: PreparedDatabase;
    let hook: Awaited<ReturnType<typeof receiver>>;
    let systemMayEscalate: boolean;

    beforeAll(async () => {
      prepared = await prepareDatabase(target);
      hook = await receiver(2);
      ts = await startTestServer(target, { prepared, webhooks: { sms: hook.url } });
      // County `esc`: the catalog with the system allowed to escalate, so auto-escalation takes effect.
      const demo = await ts.server.configs.compiled('demo', 1);
      const document = structuredClone(demo.config) as CountyConfig;
      const escalate = document.workflow.transitions.find((t) => t.action === 'escalate')!;
      systemMayEscalate = escalate.roles.includes('system');
      if (!systemMayEscalate) escalate.roles.push('system');
      const compiled = compile(document);
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
      await ts.server.configs.createCounty({ id: 'esc', name: 'Escalating county', compiled: compiled.value, createdBy: 'test', now: ts.clock.now });
    });
    afterAll(async () => {
      await ts?.close();
      await hook?.close();
      await prepared?.cleanup();
    });

    const report = async (caseId: string, county = 'demo') => {
      const c = catalogCase(caseId);
      ts.clock.set(c.input.at);
      const token = county === 'demo' ? ts.adminToken : await ts.token({ county, role: 'county_admin' });
      const res = await ts.request('POST', `/api/v1/counties/${county}/events`, { token, body: { category: c.input.category, data: c.input.data, ...(c.input.source ? { source: c.input.source } : {}) } });
      expect(res.status).toBe(201);
      return res.body.event;
    };
    const eventRow = async (county: string, id: string) => (await ts.server.db.models.Event.findOne({ where: { countyId: county, id } }))!.get({ plain: true });
    const historyOf = (county: string, id: string) => ts.server.db.models.EventHistory.findAll({ where: { countyId: county, eventId: id }, order: [['seq', 'ASC']] });

    it('a breach turns the event red, issues a supervision ticket, audits and notifies — once', async () => {
      const event = await report('dispute-neighbor-to-village');
      const acceptDue = Date.parse(event.sla.clocks.accept.dueAt);
      ts.clock.now = acceptDue;
      const first = await ts.server.scheduler.runDueTimers(ts.clock.now);
      expect(first.outcomes).toEqual({ breached: 1 });
      const again = await ts.server.scheduler.runDueTimers(ts.clock.now);
      expect(again.fired).toBe(0);

      const row = await eventRow('demo', event.id);
      expect(row.red).toBe(true);
      expect(row.version).toBe(2);
      const tickets = await ts.server.db.models.SupervisionTicket.findAll({ where: { countyId: 'demo', eventId: event.id } });
      expect(tickets.map((t) => t.unit)).toEqual([event.handlingUnit]);
      const breach = (await historyOf('demo', event.id)).filter((h) => h.action === 'breach');
      expect(breach).toHaveLength(1);
      expect(breach[0].detail).toMatchObject({ clock: 'accept', red: true, supervisionTicket: tickets[0].id });
      const outbox = await ts.server.db.models.Outbox.findAll({ where: { countyId: 'demo', eventId: event.id } });
      const types = outbox.map((m) => `${(m.payload as { type: string }).type}→${m.targetUnit}`);
      expect(types).toContain(`supervision-ticket→${event.handlingUnit}`);
      expect(types).toContain(`breach→${event.dispatcher}`);

      const metrics = await ts.request('GET', '/metrics');
      expect(metrics.text).toMatch(/^pingtai_timers_fired_total\{kind="breach",outcome="breached"\} 1$/m);
      expect(metrics.text).toMatch(/^pingtai_red_events\{county="demo"\} 1$/m);
    });

    it('reminders go out on their channels before the deadline', async () => {
      const event = await report('dispute-labor-large-hr-hotline');
      const reminder = (event.sla.timers as Array<{ kind: string; at: string; channels: string[] }>).find((t) => t.kind === 'reminder')!;
      ts.clock.now = Date.parse(reminder.at);
      const run = await ts.server.scheduler.runDueTimers(ts.clock.now);
      expect(run.outcomes.reminded).toBeGreaterThanOrEqual(1);
      const messages = await ts.server.db.models.Outbox.findAll({ where: { countyId: 'demo', eventId: event.id } });
      const reminders = messages.filter((m) => (m.payload as { type: string }).type === 'reminder');
      expect(reminders.map((m) => m.channel).sort()).toEqual([...reminder.channels].sort());
      expect(reminders.every((m) => m.targetUnit === event.handlingUnit)).toBe(true);
    });

    it('timers of a stopped clock never fire', async () => {
      const event = await report('dispute-neighbor-to-village');
      const handler = await ts.token({ role: 'handler', unit: event.handlingUnit });
      expect((await ts.request('POST', `/api/v1/counties/demo/events/${event.id}/actions/accept`, { token: handler, body: { version: 1 } })).status).toBe(200);
      ts.clock.now = Date.parse(event.sla.clocks.accept.dueAt) + 1;
      await ts.server.scheduler.runDueTimers(ts.clock.now);
      expect((await eventRow('demo', event.id)).red).toBe(false);
      expect((await historyOf('demo', event.id)).map((h) => h.action)).toEqual(['report', 'dispatch', 'accept']);
    });

    it('automatic escalation moves the event up a tier when the workflow lets the system escalate', async () => {
      const event = await report('gathering-60-township-command', 'esc');
      const escalateAt = Date.parse((event.sla.timers as Array<{ kind: string; at: string }>).find((t) => t.kind === 'auto-escalate')!.at);
      ts.clock.now = escalateAt;
      const run = await ts.server.scheduler.runDueTimers(ts.clock.now);
      expect(run.outcomes.escalated).toBe(1);
      const row = await eventRow('esc', event.id);
      expect(row.state).toBe('escalated');
      expect(row.handlingUnit).not.toBe(event.handlingUnit);
      const escalation = (await historyOf('esc', event.id)).find((h) => h.action === 'escalate')!;
      expect(escalation.actorRole).toBe('system');
      expect(escalation.detail).toMatchObject({ automatic: true });
      expect(await ts.server.db.models.Timer.count({ where: { countyId: 'esc', eventId: event.id, status: 'pending' } })).toBe(0);
    });

    it('automatic escalation the workflow refuses is recorded and the timer is done', async () => {
      const event = await report('gathering-60-township-command');
      const escalateAt = Date.parse((event.sla.timers as Array<{ kind: string; at: string }>).find((t) => t.kind === 'auto-escalate')!.at);
      ts.clock.now = escalateAt;
      const run = await ts.server.scheduler.runDueTimers(ts.clock.now);
      const actions = (await historyOf('demo', event.id)).map((h) => h.action);
      if (systemMayEscalate) {
        expect(run.outcomes.escalated).toBe(1);
      } else {
        expect(run.outcomes['escalation-refused']).toBe(1);
        expect(actions).toContain('auto-escalate-refused');
        expect((await eventRow('demo', event.id)).state).toBe('dispatched');
      }
      expect((await ts.server.scheduler.runDueTimers(ts.clock.now)).fired).toBe(0);
    });

    it('a timer whose effect keeps failing is retried, then set aside as failed', async () => {
      const event = await report('dispute-neighbor-to-village');
      // Pin the event to a config version that does not exist: every attempt fails.
      await ts.server.db.models.Event.update({ configVersion: 99 }, { where: { countyId: 'demo', id: event.id } });
      ts.clock.now = Date.parse(event.sla.clocks.accept.dueAt) + 1;
      for (let i = 0; i < 5; i++) await ts.server.scheduler.runDueTimers(ts.clock.now);
      const timer = await ts.server.db.models.Timer.findOne({ where: { countyId: 'demo', eventId: event.id, clock: 'accept', kind: 'breach' } });
      expect(timer!.status).toBe('failed');
      expect(timer!.attempts).toBe(5);
      expect(timer!.lastError).toMatch(/no published config version 99/);
      expect((await eventRow('demo', event.id)).red).toBe(false);
      await ts.server.db.models.Event.update({ configVersion: 1 }, { where: { countyId: 'demo', id: event.id } });
    });

    it('two schedulers on one database fire each of many due timers exactly once', async () => {
      const events = [];
      for (let i = 0; i < 60; i++) events.push(await report(i % 2 === 0 ? 'dispute-labor-large-hr-hotline' : 'fraud-elderly-hotline'));
      const ids = events.map((e) => e.id);
      const planned = events.flatMap((e) => e.sla.timers as Array<{ kind: string; channels: string[] }>);
      ts.clock.now += 400 * 24 * 3600_000;
      const logger = silent;
      const due = await ts.server.db.models.Timer.count({ where: { status: 'pending' } });
      const second = await openDatabase({ url: prepared.databaseUrl, dataDir: prepared.dataDir, logger });
      try {
        const a = createScheduler({ db: ts.server.db, configs: ts.server.configs, logger, now: () => ts.clock.now, batchSize: 7, processId: 'a' });
        const b = createScheduler({ db: second, configs: new ConfigRepository(second), logger, now: () => ts.clock.now, batchSize: 7, processId: 'b' });
        const [ra, rb] = await Promise.all([a.runDueTimers(), b.runDueTimers()]);
        const { Timer, EventHistory, SupervisionTicket, Outbox } = ts.server.db.models;
        const timers = await Timer.findAll({ where: { countyId: 'demo', eventId: ids } });
        expect(timers).toHaveLength(planned.length);
        expect(timers.every((t) => t.status === 'fired')).toBe(true);
        expect(timers.every((t) => t.attempts === 1)).toBe(true);
        expect(ra.failed + rb.failed).toBe(0);
        expect(timers.every((t) => t.claimedBy === 'a' || t.claimedBy === 'b')).toBe(true);
        const breaches = planned.filter((t) => t.kind === 'breach').length;
        expect(await EventHistory.count({ where: { countyId: 'demo', eventId: ids, action: 'breach' } })).toBe(breaches);
        expect(await SupervisionTicket.count({ where: { countyId: 'demo', eventId: ids } })).toBe(breaches);
        const reminderMessages = planned.filter((t) => t.kind === 'reminder').reduce((n, t) => n + new Set(t.channels).size, 0);
        const outbox = await Outbox.findAll({ where: { countyId: 'demo', eventId: ids } });
        expect(outbox.filter((m) => (m.payload as { type: string }).type === 'reminder')).toHaveLength(reminderMessages);
        expect(ra.fired + rb.fired).toBe(due);
      } finally {
        await second.close();
      }
    });

    it('timers firing while handlers act on the same events: no deadlock, no lost or doubled effect', async () => {
      const events = [];
      for (let i = 0; i < 20; i++) events.push(await report('dispute-neighbor-to-village'));
      const handlers = new Map<string, string>();
      for (const e of events) if (!handlers.has(e.handlingUnit)) handlers.set(e.handlingUnit, await ts.token({ role: 'handler', unit: e.handlingUnit }));
      ts.clock.now = Math.max(...events.map((e) => Date.parse(e.sla.clocks.accept.dueAt))) + 1;
      const [run, ...accepts] = await Promise.all([
        ts.server.scheduler.runDueTimers(ts.clock.now),
        ...events.map((e) => ts.request('POST', `/api/v1/counties/demo/events/${e.id}/actions/accept`, { token: handlers.get(e.handlingUnit), body: { version: e.version } })),
      ]);
      // an accept that lost the race to its breach timer saw a stale version: 409, and it is
      // accepted on the event as it now is, as a handler's page would after reloading
      for (const [i, r] of accepts.entries()) {
        if (r.status !== 409) continue;
        expect(r.body.error.code).toBe('stale-version');
        const e = events[i];
        const now = (await ts.request('GET', `/api/v1/counties/demo/events/${e.id}`, { token: ts.adminToken })).body.event;
        accepts[i] = await ts.request('POST', `/api/v1/counties/demo/events/${e.id}/actions/accept`, { token: handlers.get(e.handlingUnit), body: { version: now.version } });
      }
      expect(accepts.map((r) => r.status)).toEqual(accepts.map(() => 200));
      expect(run.failed).toBe(0);
      // Each accept-breach timer either fired (before the accept) or was cancelled by it — and a
      // fired one left exactly one breach entry.
      const ids = events.map((e) => e.id);
      const acceptTimers = await ts.server.db.models.Timer.findAll({ where: { countyId: 'demo', eventId: ids, clock: 'accept' } });
      expect(acceptTimers.every((t) => t.status === 'fired' || t.status === 'cancelled')).toBe(true);
      const breaches = await ts.server.db.models.EventHistory.count({ where: { countyId: 'demo', eventId: ids, action: 'breach' } });
      expect(breaches).toBe(acceptTimers.filter((t) => t.status === 'fired').length);
      await ts.server.scheduler.runDueTimers(ts.clock.now);
    });

    it('the outbox delivers over webhooks, retrying with exponential backoff', async () => {
      // Deliver (to the log) everything queued so far, then watch one sms message.
      const event = await report('dispute-labor-large-hr-hotline');
      const reminder = (event.sla.timers as Array<{ kind: string; at: string }>).find((t) => t.kind === 'reminder')!;
      ts.clock.now = Date.parse(reminder.at);
      await ts.server.scheduler.runDueTimers(ts.clock.now);
      const { Outbox } = ts.server.db.models;
      // Set aside what earlier tests queued, so this event's messages are the only ones due.
      await Outbox.update({ status: 'sent' }, { where: { status: ['pending', 'sending'], eventId: { [Op.ne]: event.id } } });
      const sms = async () =>
        (await Outbox.findAll({ where: { countyId: 'demo', eventId: event.id, channel: 'sms' } })).find((m) => (m.payload as { type: string }).type === 'reminder')!;
      const start = ts.clock.now;

      await ts.server.outbox.deliverDue(start);
      let message = await sms();
      expect(message.status).toBe('pending');
      expect(message.attempts).toBe(1);
      expect(message.lastError).toMatch(/HTTP 500/);
      expect(message.nextAttemptAt.getTime()).toBe(start + 5_000);
      await ts.server.outbox.deliverDue(start + 4_999);
      expect((await sms()).attempts).toBe(1);

      await ts.server.outbox.deliverDue(start + 5_000);
      message = await sms();
      expect(message.attempts).toBe(2);
      expect(message.nextAttemptAt.getTime()).toBe(start + 5_000 + 10_000);

      await ts.server.outbox.deliverDue(start + 15_000);
      message = await sms();
      expect(message.status).toBe('sent');
      expect(message.attempts).toBe(3);
      const mine = hook.received.filter((r) => r.key === message.id);
      expect(mine).toHaveLength(3);
      expect(mine[2].body).toMatchObject({ id: message.id, channel: 'sms', eventId: event.id, targetUnit: event.handlingUnit, attempt: 3, payload: { type: 'reminder' } });
    });

    it('a message that keeps failing is set aside as failed after the last attempt', async () => {
      const dead = await receiver(1_000);
      try {
        const event = await report('fraud-default');
        const delivery = createOutboxDelivery({
          db: ts.server.db,
          channels: createChannelRegistry({ logger: silent, webhooks: { app: dead.url } }),
          logger: silent,
          now: () => ts.clock.now,
          maxAttempts: 3,
          baseDelayMs: 1_000,
        });
        for (let i = 0; i < 3; i++) {
          await delivery.deliverDue(ts.clock.now);
          ts.clock.now += 10_000;
        }
        const message = (await ts.server.db.models.Outbox.findAll({ where: { countyId: 'demo', eventId: event.id, channel: 'app' } }))[0];
        expect(message.status).toBe('failed');
        expect(message.attempts).toBe(3);
        expect(dead.received.filter((r) => r.key === message.id)).toHaveLength(3);
      } finally {
        await dead.close();
      }
    });

    // (one test per dialect: SQLite claims in memory, PostgreSQL with a lease)
    if (target.name === 'sqlite') it('SQLite: a delivery whose outcome cannot be written keeps its claim for a lease, then is delivered again', async () => {
      const hooked = await receiver(0);
      try {
        const { Outbox } = ts.server.db.models;
        await Outbox.update({ status: 'sent' }, { where: { status: ['pending', 'sending'] } });
        const event = await report('fraud-default');
        const due = await Outbox.findAll({ where: { countyId: 'demo', eventId: event.id, status: 'pending' } });
        expect(due.length).toBeGreaterThan(0);
        // the real database, except that writes fail (a full disk, say)
        const refusing = { ...ts.server.db, writeBatch: () => Promise.reject(new Error('disk I/O error')) };
        const delivery = createOutboxDelivery({ db: refusing, channels: createChannelRegistry({ logger: silent, webhooks: { app: hooked.url, sms: hooked.url } }), logger: silent, now: () => ts.clock.now, leaseMs: 300 });
        await delivery.deliverDue(ts.clock.now);
        expect(hooked.received).toHaveLength(due.length);
        // not recorded, and held: the next ticks do not send them again
        expect((await Outbox.findAll({ where: { countyId: 'demo', eventId: event.id } })).map((m) => [m.status, m.attempts])).toEqual(due.map(() => ['pending', 0]));
        await delivery.deliverDue(ts.clock.now);
        expect(hooked.received).toHaveLength(due.length);
        await new Promise((resolve) => setTimeout(resolve, 400));
        await delivery.deliverDue(ts.clock.now);
        expect(hooked.received).toHaveLength(2 * due.length);
      } finally {
        await hooked.close();
      }
    });

    if (target.name === 'postgres') it('PostgreSQL: the late outcome of an expired lease does not overwrite the newer claim', async () => {
      const first = await receiver(0, 500);
      const second = await receiver(0, 1_000);
      try {
        const { Outbox } = ts.server.db.models;
        await Outbox.update({ status: 'sent' }, { where: { status: ['pending', 'sending'] } });
        const event = await report('fraud-default');
        const due = await Outbox.findAll({ where: { countyId: 'demo', eventId: event.id, status: 'pending' } });
        const loop = (url: string) => createOutboxDelivery({ db: ts.server.db, channels: createChannelRegistry({ logger: silent, webhooks: { app: url, sms: url } }), logger: silent, now: () => ts.clock.now, leaseMs: 1 });
        const late = loop(first.url).deliverDue(ts.clock.now);
        // the first loop's lease (1 ms) has expired: a second loop claims the messages again, and
        // the first one's outcome arrives while the second still holds them
        await new Promise((resolve) => setTimeout(resolve, 200));
        ts.clock.now += 10;
        const newer = loop(second.url).deliverDue(ts.clock.now);
        await late;
        expect((await Outbox.findAll({ where: { countyId: 'demo', eventId: event.id } })).map((m) => [m.status, m.attempts])).toEqual(due.map(() => ['sending', 2]));
        await newer;
        expect(first.received).toHaveLength(due.length);
        expect(second.received).toHaveLength(due.length);
        const after = await Outbox.findAll({ where: { countyId: 'demo', eventId: event.id } });
        expect(after.map((m) => [m.status, m.attempts])).toEqual(after.map(() => ['sent', 2]));
      } finally {
        await first.close();
        await second.close();
      }
    });

    it('two delivery loops on one database deliver each message once, and record it sent with its attempt', async () => {
      const slow = await receiver(0, 20);
      try {
        const { Outbox } = ts.server.db.models;
        await Outbox.update({ status: 'sent' }, { where: { status: ['pending', 'sending'] } });
        const events = [];
        for (const id of ['fraud-default', 'dispute-neighbor-to-village', 'fraud-default', 'dispute-labor-large-hr-hotline']) events.push(await report(id));
        const ids = events.map((e) => e.id);
        // every message now due: the reports' own, and an early-warning alert they may raise (no event)
        const due = await Outbox.findAll({ where: { countyId: 'demo', status: 'pending' } });
        expect(due.filter((m) => m.eventId !== null && ids.includes(m.eventId)).length).toBeGreaterThanOrEqual(4);
        const loop = () =>
          createOutboxDelivery({ db: ts.server.db, channels: createChannelRegistry({ logger: silent, webhooks: { app: slow.url, sms: slow.url } }), logger: silent, now: () => ts.clock.now, batchSize: 3, concurrency: 2 });
        const [a, b] = await Promise.all([loop().deliverDue(ts.clock.now), loop().deliverDue(ts.clock.now)]);
        expect(a.sent + b.sent).toBe(due.length);
        expect(a.sent).toBeGreaterThan(0);
        expect(b.sent).toBeGreaterThan(0);
        const keys = slow.received.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort()).toEqual(due.map((m) => m.id).sort());
        const after = await Outbox.findAll({ where: { countyId: 'demo', eventId: ids } });
        expect(after.map((m) => [m.status, m.attempts, m.lastError])).toEqual(after.map(() => ['sent', 1, null]));
        expect(after.every((m) => m.sentAt !== null)).toBe(true);
      } finally {
        await slow.close();
      }
    });
  });
}
