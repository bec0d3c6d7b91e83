/**
 * Prometheus metrics of one runtime process, on their own registry (so several servers can share
 * a test process). Counters count what this process did; the open/red gauges are read from the
 * database on each scrape, so every process reports the same, true figures.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/open-database';

export interface Metrics {
  readonly registry: Registry;
  readonly intake: Counter<'county' | 'outcome'>;
  readonly intakeSeconds: Histogram<'county'>;
  readonly decisions: Counter<'county' | 'type' | 'rule'>;
  readonly transitions: Counter<'county' | 'action'>;
  readonly timersFired: Counter<'kind' | 'outcome'>;
  readonly outboxDelivered: Counter<'channel' | 'outcome'>;
}

export function createMetrics(opts: { db?: Database; defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'pingtai_' });
  const registers = [registry];

  const metrics: Metrics = {
    registry,
    intake: new Counter({ name: 'pingtai_intake_total', help: 'Reports taken in, by outcome (created, replayed, invalid, error)', labelNames: ['county', 'outcome'], registers }),
    intakeSeconds: new Histogram({
      name: 'pingtai_intake_duration_seconds',
      help: 'Time to take in one report: validate, decide, plan and store',
      labelNames: ['county'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    decisions: new Counter({ name: 'pingtai_decisions_total', help: 'Winning rules at intake, by decision type and rule id (default: no rule fired)', labelNames: ['county', 'type', 'rule'], registers }),
    transitions: new Counter({ name: 'pingtai_transitions_total', help: 'Workflow actions applied to events', labelNames: ['county', 'action'], registers }),
    timersFired: new Counter({ name: 'pingtai_timers_fired_total', help: 'SLA timers fired, by kind and outcome', labelNames: ['kind', 'outcome'], registers }),
    outboxDelivered: new Counter({ name: 'pingtai_outbox_deliveries_total', help: 'Notification delivery attempts, by channel and outcome', labelNames: ['channel', 'outcome'], registers }),
  };

  if (opts.db) {
    const db = opts.db;
    // One query feeds both gauges; prom-client collects metrics concurrently, so each gauge's
    // collect() awaits the same in-flight (or just finished) query.
    let last: { at: number; rows: Promise<Array<{ countyId: string; open: number; red: number }>> } | null = null;
    const counts = () => {
      if (last && performance.now() - last.at < 100) return last.rows;
      const rows = db.models.Event.findAll({
        attributes: ['countyId', [db.sequelize.fn('COUNT', db.sequelize.col('id')), 'open'], [db.sequelize.fn('SUM', db.sequelize.literal('CASE WHEN red THEN 1 ELSE 0 END')), 'red']],
        where: { closed: false },
        group: ['countyId'],
        raw: true,
      }).then((found) =>
        (found as unknown as Array<{ countyId: string; open: number | string; red: number | string | null }>).map((r) => ({ countyId: r.countyId, open: Number(r.open), red: Number(r.red ?? 0) })),
      );
      last = { at: performance.now(), rows };
      rows.catch(() => (last = null));
      return rows;
    };
    new Gauge({
      name: 'pingtai_open_events',
      help: 'Events not in a terminal state, from the database',
      labelNames: ['county'],
      registers,
      async collect() {
        const rows = await counts();
        this.reset();
        for (const row of rows) this.set({ county: row.countyId }, row.open);
      },
    });
    new Gauge({
      name: 'pingtai_red_events',
      help: 'Open events past a deadline (turned red), from the database',
      labelNames: ['county'],
      registers,
      async collect() {
        const rows = await counts();
        this.reset();
        for (const row of rows) this.set({ county: row.countyId }, row.red);
      },
    });
  }
  return metrics;
}
