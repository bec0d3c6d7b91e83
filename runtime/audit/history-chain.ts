/**
 * Links event history rows into their county's chain as they are written: inside a sequelize
 * transaction (actions, timers) after the locked head, or in an intake batch (see
 * runtime/events/intake-writer.ts) after the head this process knows.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../db/open-database';
import type { SqlExecutor } from '../db/raw-sql';
import { historyCanonical, linkRecords, type ChainHead, type HistoryRecord } from './audit-records';
import { advanceHead, beginLockedWrite, endLockedWrite, forgetHead, knownHead, lockHead, rememberHead, transactionSql } from './chain-heads';

/** A history row about to be inserted (the model's attributes). */
export interface HistoryInsert {
  countyId: string;
  eventId: string;
  seq: number;
  at: Date | number;
  actorId: string;
  actorRole: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  ruleId: string | null;
  detail: unknown;
  chainSeq?: number;
  chainHash?: string;
}

function record(r: HistoryInsert): HistoryRecord {
  return { ...r, at: r.at instanceof Date ? r.at.getTime() : r.at };
}

/** Sets `chainSeq`/`chainHash` on rows of ONE county, after `head`; returns the new head. */
export function linkHistory(county: string, head: ChainHead, rows: HistoryInsert[]): ChainHead {
  const linked = linkRecords(county, head, rows.map(record), historyCanonical);
  rows.forEach((r, i) => Object.assign(r, linked.links[i]));
  return linked.head;
}

/** Rows grouped by county, in their order. */
export function byCounty(rows: readonly HistoryInsert[]): Map<string, HistoryInsert[]> {
  const groups = new Map<string, HistoryInsert[]>();
  for (const r of rows) {
    const list = groups.get(r.countyId);
    if (list) list.push(r);
    else groups.set(r.countyId, [r]);
  }
  return groups;
}

/**
 * In a sequelize transaction: links `rows` (one county) after the locked head and moves it.
 * Call before inserting the rows.
 */
export async function chainHistoryInTransaction(db: Database, t: Transaction, county: string, rows: HistoryInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const sql = transactionSql(db, t);
  // intake batches built meanwhile lock the head too, rather than link after one this transaction moves
  beginLockedWrite(db, county, 'event');
  let to: ChainHead;
  try {
    const from = await lockHead(sql, db.dialect, county, 'event');
    to = linkHistory(county, from, rows);
    await advanceHead(sql, county, 'event', from, to);
  } catch (err) {
    endLockedWrite(db, county, 'event', null);
    throw err;
  }
  // a rollback after this point is not reported: the in-flight mark expires by itself
  t.afterCommit(() => endLockedWrite(db, county, 'event', to));
}

/**
 * In an intake batch: links each county's rows after its head — the remembered one when
 * `optimistic` (the batch cannot read; {@link advanceHead} checks it at commit), else the locked
 * one. Appends the head moves to `sql` (after the rows' inserts, which the caller makes before
 * calling {@link finishBatch}). Returns the new heads.
 */
export async function linkBatch(db: Database, sql: SqlExecutor, rows: HistoryInsert[], optimistic: boolean): Promise<Array<{ county: string; from: ChainHead; to: ChainHead }>> {
  const moves: Array<{ county: string; from: ChainHead; to: ChainHead }> = [];
  for (const [county, list] of byCounty(rows)) {
    if (!optimistic) beginLockedWrite(db, county, 'event');
    const from = optimistic ? knownHead(db, county, 'event') : await lockHeadOrEnd(db, sql, county);
    if (!from) throw new Error(`no known chain head for county "${county}"`);
    const to = linkHistory(county, from, list);
    // later batches of this process link after this one
    if (optimistic) rememberHead(db, county, 'event', to);
    moves.push({ county, from, to });
  }
  return moves;
}

async function lockHeadOrEnd(db: Database, sql: SqlExecutor, county: string): Promise<ChainHead> {
  try {
    return await lockHead(sql, db.dialect, county, 'event');
  } catch (err) {
    endLockedWrite(db, county, 'event', null);
    throw err;
  }
}

/** Appends the head moves of {@link linkBatch} to the batch. */
export async function finishBatch(sql: SqlExecutor, moves: ReadonlyArray<{ county: string; from: ChainHead; to: ChainHead }>): Promise<void> {
  for (const m of moves) await advanceHead(sql, m.county, 'event', m.from, m.to);
}

/** How long a county whose head another writer moved is written after the locked head only. */
const CONTENDED_MS = 2_000;
const contended = new WeakMap<Database, Map<string, number>>();

/**
 * Another process (or writer) moved the county's head under an optimistic batch: for a while,
 * batches of the county read and lock the head rather than fail and be written twice.
 */
export function markContended(db: Database, counties: Iterable<string>, now = Date.now()): void {
  let map = contended.get(db);
  if (!map) contended.set(db, (map = new Map()));
  for (const c of counties) map.set(c, now + CONTENDED_MS);
}

/** True when this process knows the event-chain head of every county of `counties`, none of them contended. */
export function headsKnown(db: Database, counties: Iterable<string>, now = Date.now()): boolean {
  const until = contended.get(db);
  for (const c of counties) {
    if (!knownHead(db, c, 'event')) return false;
    const end = until?.get(c);
    if (end !== undefined) {
      if (end > now) return false;
      until!.delete(c);
    }
  }
  return true;
}

/**
 * After a batch: a batch that locked its heads remembers them (committed) or forgets them; an
 * optimistic one that failed forgets them (later batches re-read).
 */
export function settleBatch(db: Database, moves: ReadonlyArray<{ county: string; to: ChainHead }>, opts: { committed: boolean; optimistic: boolean }): void {
  for (const m of moves) {
    if (!opts.optimistic) endLockedWrite(db, m.county, 'event', opts.committed ? m.to : null);
    else if (!opts.committed) forgetHead(db, m.county, 'event');
  }
}
