/**
 * Group commit for intake: reports that arrive while a write is in flight are written together
 * in ONE transaction (one multi-row insert per table, raw prepared statements on a kept-open
 * connection), and each request is answered only after that transaction commits — so a 201
 * still means the event, its history, timers and outbox messages are durable, all or nothing.
 * On SQLite, where writes are serial, this turns N transactions into one; on PostgreSQL, where
 * a few batches are written in parallel, it saves round trips.
 *
 * Idempotency keys are enforced by a unique index. A batch is written optimistically; if a key
 * in it was used before (a client's retry), the unique index fails the batch, and its members are
 * written one by one, each looking its key up first inside its transaction: a stored key makes
 * the report a replay of the event the key created, and nothing of it is written. A key used
 * twice in one batch is a replay of its first use. On PostgreSQL two processes can still race
 * between look-up and insert; the loser's unique-index violation is turned into a replay too.
 *
 * History rows are linked into their county's hash chain in the batch (runtime/audit): after
 * the head this process knows, checked at commit, or — the first batch of a county, or after a
 * conflict — after the head read and locked in the batch's transaction.
 */
import type { Model, ModelStatic } from 'sequelize';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { insertRows, isUniqueViolation, type SqlExecutor } from '../db/raw-sql';
import type { SlaTimer } from '../../engine/index';
import type { EventAttributes } from './event-record';
import type { HistoryEntry, OutboxDraft } from './event-writes';
import { isChainConflict } from '../audit/chain-heads';
import { finishBatch, headsKnown, linkBatch, markContended, settleBatch, type HistoryInsert } from '../audit/history-chain';

export interface IntakeBundle {
  row: EventAttributes;
  history: HistoryEntry[];
  timers: readonly SlaTimer[];
  outbox: readonly OutboxDraft[];
  now: number;
}

/** What became of a bundle: written, or a replay of the event its idempotency key created. */
export type IntakeWriteOutcome = { created: true } | { created: false; replay: 'idempotency-key' };

interface Pending {
  bundle: IntakeBundle;
  resolve: (outcome: IntakeWriteOutcome) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 200;

/**
 * The times of committed reports per (county, category, grid), for the recent-reports count on
 * SQLite, where this process is the only one that adds events: a key's list is read from the
 * database once, then kept up to date by the commits of this writer. A list covers the window it
 * was read for, from `since` on; a question about an earlier start (an injected clock that went
 * back) or a list that a commit touched while it was being read is answered by the database.
 */
class RecentReports {
  private readonly lists = new Map<string, { since: number; times: number[] }>();
  /** Commits per key, to tell whether a list read from the database may have missed one. */
  private readonly commits = new Map<string, number>();

  static key(countyId: string, category: string, grid: string): string {
    return `${countyId}\u0000${category}\u0000${grid}`;
  }

  /** Committed reports in (since, until], or null when the database must answer. */
  count(key: string, since: number, until: number): number | null {
    const list = this.lists.get(key);
    if (!list || since < list.since) return null;
    const times = list.times;
    // forget what has left every window asked about since
    let drop = 0;
    while (drop < times.length && times[drop] <= since) drop++;
    if (drop > 0) times.splice(0, drop);
    list.since = since;
    let n = 0;
    for (const t of times) if (t <= until) n++;
    return n;
  }

  /** A mark to hand back to {@link remember} with what the database said. */
  mark(key: string): number {
    return this.commits.get(key) ?? 0;
  }

  remember(key: string, since: number, times: number[], mark: number): void {
    if ((this.commits.get(key) ?? 0) !== mark) return;
    this.lists.set(key, { since, times: times.sort((a, b) => a - b) });
  }

  committed(key: string, at: number): void {
    this.commits.set(key, (this.commits.get(key) ?? 0) + 1);
    const list = this.lists.get(key);
    if (!list || at <= list.since) return;
    let i = list.times.length;
    while (i > 0 && list.times[i - 1] > at) i--;
    list.times.splice(i, 0, at);
  }
}

/**
 * Batches written at once. SQLite: one (measured: a second batch queued on the writer's
 * connection behind the first was no faster; one batch at a time makes them larger, and a larger
 * batch writes more reports per commit). PostgreSQL commits several transactions in parallel.
 */
const LANES = { sqlite: 1, postgres: 4 } as const;

export class IntakeWriter {
  private queue: Pending[] = [];
  /** The batches being written now (not yet committed). */
  private readonly inFlight = new Set<Pending[]>();
  private scheduled = false;
  private readonly lanes: number;
  private readonly recent: RecentReports | null;

  constructor(private readonly db: Database) {
    this.lanes = LANES[db.dialect];
    this.recent = db.dialect === 'sqlite' ? new RecentReports() : null;
  }

  /**
   * SQLite: reports of one category at one grid in (since, until], committed ones and those on
   * their way, from memory once the key's list is known (see {@link RecentReports}); otherwise
   * `read` gives the committed reports' times after `since`.
   */
  countRecent(countyId: string, category: string, grid: string, since: number, until: number, read: () => Promise<number[]>): number | Promise<number> {
    const recent = this.recent;
    if (!recent) throw new Error('recent reports are kept in memory on SQLite only');
    const pending = this.pendingLike(countyId, category, grid, since, until);
    const key = RecentReports.key(countyId, category, grid);
    const known = recent.count(key, since, until);
    if (known !== null) return pending + known;
    const mark = recent.mark(key);
    return read().then((times) => {
      recent.remember(key, since, [...times], mark);
      // what was on its way may have been committed meanwhile: count it once
      return this.pendingLike(countyId, category, grid, since, until) + times.filter((t) => t <= until).length;
    });
  }

  /** Resolves once the bundle is committed (or found to be a replay); rejects with the database's error otherwise. */
  write(bundle: IntakeBundle): Promise<IntakeWriteOutcome> {
    return new Promise<IntakeWriteOutcome>((resolve, reject) => {
      this.queue.push({ bundle, resolve, reject });
      this.schedule();
    });
  }

  /** Reports of the same category and grid waiting to be written (they count as recent reports). */
  pendingLike(countyId: string, category: string, grid: string, since: number, until: number): number {
    let count = 0;
    const like = ({ bundle: { row: r } }: Pending) => r.countyId === countyId && r.category === category && r.grid === grid && r.reportedAt.getTime() > since && r.reportedAt.getTime() <= until;
    for (const batch of this.inFlight) for (const p of batch) if (like(p)) count++;
    for (const p of this.queue) if (like(p)) count++;
    return count;
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.inFlight.size >= this.lanes) return;
    this.scheduled = true;
    // let the requests of this turn of the event loop join the batch
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0 && this.inFlight.size < this.lanes) {
        const batch = this.queue.splice(0, MAX_BATCH);
        this.inFlight.add(batch);
        void this.settle(batch).finally(() => {
          this.inFlight.delete(batch);
          this.schedule();
        });
      }
    });
  }

  /** Writes a batch and answers each of its members; a failed batch is retried member by member. */
  private async settle(batch: Pending[]): Promise<void> {
    try {
      // optimistic: a batch does not look its keys up first; a key used before fails the batch
      // on the unique index, and its members are then written one by one, with the look-up
      const outcomes = await this.insert(batch.map((p) => p.bundle), { lookUpKeys: false });
      batch.forEach((p, i) => this.committed(p, outcomes[i]));
      this.inFlight.delete(batch);
      batch.forEach((p, i) => p.resolve(outcomes[i]));
    } catch (batchError) {
      // members leave the batch (and the reports "on their way") as each is settled
      const retry = batch.length > 1;
      for (const p of [...batch]) {
        let error = batchError;
        let outcome: IntakeWriteOutcome | undefined;
        if (retry) {
          try {
            [outcome] = await this.insert([p.bundle], { lookUpKeys: true });
            this.committed(p, outcome);
          } catch (single) {
            error = single;
          }
        }
        batch.splice(batch.indexOf(p), 1);
        if (outcome) p.resolve(outcome);
        // PostgreSQL: another process (or batch) stored the same idempotency key between our check and our insert
        else if (p.bundle.row.idempotencyKey !== null && isUniqueViolation(error)) p.resolve({ created: false, replay: 'idempotency-key' });
        else p.reject(error);
      }
    }
  }

  /** Counts a written report in the recent-reports lists (in the same step as it leaves `inFlight`). */
  private committed(p: Pending, outcome: IntakeWriteOutcome): void {
    if (!outcome.created || !this.recent || p.bundle.row.grid === null) return;
    const r = p.bundle.row;
    this.recent.committed(RecentReports.key(r.countyId, r.category, r.grid!), r.reportedAt.getTime());
  }

  /** Writes the bundles in one transaction; returns each one's outcome, in order. */
  private async insert(bundles: IntakeBundle[], opts: { lookUpKeys: boolean }): Promise<IntakeWriteOutcome[]> {
    try {
      return await this.insertOnce(bundles, opts);
    } catch (err) {
      // linked after a head another writer had moved: once more, after the locked head
      if (!isChainConflict(err)) throw err;
      markContended(this.db, new Set(bundles.map((b) => b.row.countyId)));
      return this.insertOnce(bundles, opts);
    }
  }

  private async insertOnce(bundles: IntakeBundle[], opts: { lookUpKeys: boolean }): Promise<IntakeWriteOutcome[]> {
    const { models, dialect } = this.db;
    const insert = (sql: SqlExecutor, model: unknown, rows: Array<Record<string, unknown>>) => insertRows(sql, dialect, model as ModelStatic<Model>, rows);
    // a batch that cannot read links its history after the heads this process knows
    const pipelined = !opts.lookUpKeys && headsKnown(this.db, new Set(bundles.map((b) => b.row.countyId)));
    let moves: Awaited<ReturnType<typeof linkBatch>> = [];
    const written = this.db.writeBatch(async (sql) => {
      // keys used earlier in the same batch are replays of their first use either way
      const stored = opts.lookUpKeys ? await storedKeys(sql, bundles) : new Set<string>();
      const outcomes: IntakeWriteOutcome[] = [];
      const fresh: IntakeBundle[] = [];
      for (const b of bundles) {
        const key = b.row.idempotencyKey === null ? null : `${b.row.countyId}\u0000${b.row.idempotencyKey}`;
        if (key !== null && stored.has(key)) {
          outcomes.push({ created: false, replay: 'idempotency-key' });
          continue;
        }
        if (key !== null) stored.add(key);
        fresh.push(b);
        outcomes.push({ created: true });
      }
      await insert(sql, models.Event, fresh.map((b) => b.row as unknown as Record<string, unknown>));
      // new events: their history starts at 1
      const history: HistoryInsert[] = fresh.flatMap((b) =>
        b.history.map((e, i) => ({
          countyId: e.countyId, eventId: e.eventId, seq: i + 1, at: e.at, actorId: e.actor.id, actorRole: e.actor.role,
          action: e.action, fromState: e.from, toState: e.to, ruleId: e.ruleId ?? null, detail: e.detail ?? {},
        })),
      );
      moves = await linkBatch(this.db, sql, history, pipelined);
      await insert(sql, models.EventHistory, history as unknown as Array<Record<string, unknown>>);
      await insert(sql, models.Timer, fresh.flatMap((b) =>
        b.timers.map((timer) => ({
          countyId: b.row.countyId, id: newId(b.now), eventId: b.row.id, kind: timer.kind, clock: timer.of, dueAt: timer.at,
          status: 'pending', channels: [...timer.channels], createdAt: b.now,
        })),
      ));
      await insert(sql, models.Outbox, fresh.flatMap((b) => b.outbox.map((d) => ({ ...d, id: newId(b.now), status: 'pending', nextAttemptAt: b.now, createdAt: b.now }))));
      await finishBatch(sql, moves);
      return outcomes;
    }, { pipelined });
    try {
      const outcomes = await written;
      // an optimistic batch remembered its heads when it was built (later batches link after them)
      settleBatch(this.db, moves, { committed: true, optimistic: pipelined });
      return outcomes;
    } catch (err) {
      settleBatch(this.db, moves, { committed: false, optimistic: pipelined });
      throw err;
    }
  }
}

/** The `county \0 key` pairs of the bundles' idempotency keys that are already stored. */
async function storedKeys(sql: SqlExecutor, bundles: readonly IntakeBundle[]): Promise<Set<string>> {
  const byCounty = new Map<string, string[]>();
  for (const b of bundles) {
    if (b.row.idempotencyKey === null) continue;
    const keys = byCounty.get(b.row.countyId) ?? [];
    keys.push(b.row.idempotencyKey);
    byCounty.set(b.row.countyId, keys);
  }
  const stored = new Set<string>();
  for (const [countyId, keys] of byCounty) {
    for (let start = 0; start < keys.length; start += 500) {
      const chunk = keys.slice(start, start + 500);
      const rows = await sql.all<{ idempotency_key: string }>(
        `SELECT idempotency_key FROM events WHERE county_id = ? AND idempotency_key IN (${chunk.map(() => '?').join(', ')})`,
        [countyId, ...chunk],
      );
      for (const r of rows) stored.add(`${countyId}\u0000${r.idempotency_key}`);
    }
  }
  return stored;
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
