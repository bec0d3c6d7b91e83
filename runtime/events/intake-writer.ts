/**
 * Group commit for intake: reports that arrive while a write is in flight are written together
 * in ONE transaction (one multi-row insert per table), and each request is answered only after
 * that transaction commits — so a 201 still means the event, its history, timers and outbox
 * messages are durable, all or nothing. On SQLite, where writes are serial, this turns N
 * transactions into one; on PostgreSQL it saves round trips. If a batch fails (for example two
 * reports raced with one idempotency key), its members are retried one by one so that only the
 * culprit fails.
 */
import type { Model, ModelStatic, Transaction } from 'sequelize';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import type { SlaTimer } from '../../engine/index';
import type { EventAttributes } from './event-record';
import type { HistoryEntry, OutboxDraft } from './event-writes';

export interface IntakeBundle {
  row: EventAttributes;
  history: HistoryEntry[];
  timers: readonly SlaTimer[];
  outbox: readonly OutboxDraft[];
  now: number;
}

interface Pending {
  bundle: IntakeBundle;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 200;

export class IntakeWriter {
  private queue: Pending[] = [];
  /** The batch being written now (not yet committed). */
  private inFlight: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Database) {}

  /** Resolves once the bundle is committed; rejects with the database's error otherwise. */
  write(bundle: IntakeBundle): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ bundle, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // let the requests of this turn of the event loop join the batch
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Reports of the same category and grid waiting to be written (they count as recent reports). */
  pendingLike(countyId: string, category: string, grid: string, since: number, until: number): number {
    let count = 0;
    for (const { bundle } of [...this.inFlight, ...this.queue]) {
      const r = bundle.row;
      if (r.countyId === countyId && r.category === category && r.grid === grid && r.reportedAt.getTime() > since && r.reportedAt.getTime() <= until) count++;
    }
    return count;
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        this.inFlight = batch;
        try {
          await this.insert(batch.map((p) => p.bundle));
          batch.forEach((p) => p.resolve());
        } catch (err) {
          if (batch.length === 1) {
            batch[0].reject(err);
            continue;
          }
          for (const p of batch) {
            try {
              await this.insert([p.bundle]);
              p.resolve();
            } catch (single) {
              p.reject(single);
            }
          }
        }
      }
    } finally {
      this.inFlight = [];
      this.flushing = false;
      if (this.queue.length > 0) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    }
  }

  /**
   * Multi-row INSERTs through the query interface: the same column types and value formats as
   * the models (so every later query reads them alike), without building a model instance per row.
   */
  private async bulkInsert(model: ModelStatic<Model>, rows: Array<Record<string, unknown>>, transaction: Transaction): Promise<void> {
    if (rows.length === 0) return;
    const attributes = model.getAttributes() as Record<string, { field?: string }>;
    const records = rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row)) record[attributes[name]?.field ?? name] = value;
      return record;
    });
    const byField = Object.fromEntries(Object.entries(attributes).map(([name, attribute]) => [attribute.field ?? name, attribute]));
    await this.db.sequelize.getQueryInterface().bulkInsert(model.getTableName() as string, records, { transaction }, byField as never);
  }

  private insert(bundles: IntakeBundle[]): Promise<void> {
    const { models } = this.db;
    return this.db.transaction(async (transaction) => {
      await this.bulkInsert(models.Event as unknown as ModelStatic<Model>, bundles.map((b) => b.row as unknown as Record<string, unknown>), transaction);
      // new events: their history starts at 1
      const history = bundles.flatMap((b) =>
        b.history.map((e, i) => ({
          countyId: e.countyId, eventId: e.eventId, seq: i + 1, at: new Date(e.at), actorId: e.actor.id, actorRole: e.actor.role,
          action: e.action, fromState: e.from, toState: e.to, ruleId: e.ruleId ?? null, detail: e.detail ?? {},
        })),
      );
      await this.bulkInsert(models.EventHistory as unknown as ModelStatic<Model>, history, transaction);
      const timers = bundles.flatMap((b) =>
        b.timers.map((timer) => ({
          countyId: b.row.countyId, id: newId(b.now), eventId: b.row.id, kind: timer.kind, clock: timer.of, dueAt: new Date(timer.at),
          status: 'pending' as const, channels: [...timer.channels], createdAt: new Date(b.now),
        })),
      );
      await this.bulkInsert(models.Timer as unknown as ModelStatic<Model>, timers, transaction);
      const outbox = bundles.flatMap((b) => b.outbox.map((d) => ({ ...d, id: newId(b.now), status: 'pending' as const, nextAttemptAt: new Date(b.now), createdAt: new Date(b.now) })));
      await this.bulkInsert(models.Outbox as unknown as ModelStatic<Model>, outbox, transaction);
    });
  }
}

const writers = new WeakMap<Database, IntakeWriter>();

/** The one writer of a database (per process). */
export function intakeWriterFor(db: Database): IntakeWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new IntakeWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
