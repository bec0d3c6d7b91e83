/**
 * The head of each county's hash chains (`audit_chain_heads`: county, log, last seq, last hash),
 * and how writers move it. A writer inside a transaction it can read in locks the head first
 * ({@link lockHead}: `SELECT … FOR UPDATE` on PostgreSQL; SQLite has one writer at a time), so
 * two processes appending for one county take turns and the chain stays a chain.
 *
 * Intake writes its batches without reading (one script); it links them after the head this
 * process remembers ({@link knownHead}) and ends the script with {@link advanceHead}, which
 * fails the whole transaction (a NOT NULL violation on `audit_chain_heads`, see
 * {@link isChainConflict}) when the head is no longer where the batch was linked from — another
 * process or writer moved it. The batch is then written again after the locked head.
 */
import type { Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';
import type { Database, Dialect } from '../db/open-database';
import type { SqlExecutor } from '../db/raw-sql';
import { GENESIS_HASH } from './canonical-json';
import type { AuditLog, ChainHead } from './audit-records';

const known = new WeakMap<Database, Map<string, ChainHead>>();
const key = (county: string, log: AuditLog) => `${county}\u0000${log}`;

function heads(db: Database): Map<string, ChainHead> {
  let map = known.get(db);
  if (!map) known.set(db, (map = new Map()));
  return map;
}

/** Locked writers of this process in flight per chain, and until when they count (a rolled-back one is not reported). */
const lockedWriters = new WeakMap<Database, Map<string, { count: number; until: number }>>();
const LOCKED_WRITER_MS = 5_000;

/**
 * The head this process last wrote or read, if any (it may be stale: {@link advanceHead} checks);
 * none while a writer of this process that locked the head is in flight (it is about to move it).
 */
export function knownHead(db: Database, county: string, log: AuditLog, now = Date.now()): ChainHead | undefined {
  const writers = lockedWriters.get(db)?.get(key(county, log));
  if (writers && writers.count > 0 && writers.until > now) return undefined;
  return heads(db).get(key(county, log));
}

/** A writer of this process is about to lock the head and move it (see {@link knownHead}). */
export function beginLockedWrite(db: Database, county: string, log: AuditLog, now = Date.now()): void {
  let map = lockedWriters.get(db);
  if (!map) lockedWriters.set(db, (map = new Map()));
  const k = key(county, log);
  const entry = map.get(k);
  if (entry && entry.until > now) {
    entry.count++;
    entry.until = now + LOCKED_WRITER_MS;
  } else {
    map.set(k, { count: 1, until: now + LOCKED_WRITER_MS });
  }
}

/** The writer of {@link beginLockedWrite} is done: the head it committed, or null (rolled back). */
export function endLockedWrite(db: Database, county: string, log: AuditLog, head: ChainHead | null): void {
  const k = key(county, log);
  const entry = lockedWriters.get(db)?.get(k);
  if (entry && --entry.count <= 0) lockedWriters.get(db)!.delete(k);
  if (head) heads(db).set(k, head);
  else heads(db).delete(k);
}

export function rememberHead(db: Database, county: string, log: AuditLog, head: ChainHead): void {
  heads(db).set(key(county, log), head);
}

export function forgetHead(db: Database, county: string, log: AuditLog): void {
  heads(db).delete(key(county, log));
}

/** Reads the head (creating it at the genesis), locked until the transaction ends on PostgreSQL. */
export async function lockHead(sql: SqlExecutor, dialect: Dialect, county: string, log: AuditLog): Promise<ChainHead> {
  await sql.run('INSERT INTO audit_chain_heads (county_id, log, seq, hash) VALUES (?, ?, 0, ?) ON CONFLICT DO NOTHING', [county, log, GENESIS_HASH]);
  const rows = await sql.all<{ seq: number | string; hash: string }>(
    `SELECT seq, hash FROM audit_chain_heads WHERE county_id = ? AND log = ?${dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
    [county, log],
  );
  return { seq: Number(rows[0].seq), hash: rows[0].hash };
}

/** Moves the head from `from` to `to`; fails the transaction when the head is not at `from`. */
export async function advanceHead(sql: SqlExecutor, county: string, log: AuditLog, from: ChainHead, to: ChainHead): Promise<void> {
  await sql.run('UPDATE audit_chain_heads SET seq = ?, hash = ? WHERE county_id = ? AND log = ? AND seq = ? AND hash = ?', [to.seq, to.hash, county, log, from.seq, from.hash]);
  // a head elsewhere: a row with a NULL seq, refused by the NOT NULL constraint (checked before the key)
  await sql.run(
    'INSERT INTO audit_chain_heads (county_id, log, seq, hash) SELECT county_id, log, NULL, NULL FROM audit_chain_heads WHERE county_id = ? AND log = ? AND NOT (seq = ? AND hash = ?)',
    [county, log, to.seq, to.hash],
  );
}

/** True when `err` is {@link advanceHead}'s refusal: the batch was linked after a stale head. */
export function isChainConflict(err: unknown): boolean {
  const e = err as { message?: string; parent?: { message?: string }; table?: string } | null;
  if (!e) return false;
  const text = `${e.message ?? ''} ${e.parent?.message ?? ''} ${e.table ?? ''}`;
  return text.includes('audit_chain_heads') && /NOT NULL|null value/i.test(text);
}

/** Raw statements inside a sequelize transaction (`?` placeholders, as `Database.writeBatch`'s). */
export function transactionSql(db: Pick<Database, 'sequelize'>, t: Transaction): SqlExecutor {
  return {
    run: async (sql, params) => {
      await db.sequelize.query(sql, { replacements: params, transaction: t, type: QueryTypes.RAW, raw: true });
    },
    all: async <R>(sql: string, params: unknown[]) => (await db.sequelize.query(sql, { replacements: params, transaction: t, type: QueryTypes.SELECT, raw: true })) as R[],
  };
}
