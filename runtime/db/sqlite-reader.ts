/**
 * A read-only connection of its own for the hot reads of intake (idempotency key, recent
 * reports), with prepared statements. In WAL mode readers never wait for the writer, whereas
 * sequelize sends every query outside a transaction down one shared connection, one at a time.
 * Dates are compared in the text form sequelize stores them in on SQLite.
 */
import sqlite3 from 'sqlite3';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-dialect';

/** sequelize's SQLite DATE format: `2026-03-10 02:00:00.000 +00:00`. */
let lastDate = { ms: NaN, text: '' };

export function sqliteDate(epochMs: number): string {
  // most dates written together are the same instant (an event, its history, timers and messages)
  if (epochMs === lastDate.ms) return lastDate.text;
  const iso = new Date(epochMs).toISOString();
  // years 0–9999 only: `YYYY-MM-DDTHH:mm:ss.sssZ`
  const text = iso.length === 24 ? `${iso.slice(0, 10)} ${iso.slice(11, 23)} +00:00` : iso.replace('T', ' ').replace('Z', ' +00:00');
  lastDate = { ms: epochMs, text };
  return text;
}

/** Idle prepared statements kept per SQL text. */
const IDLE_PER_SQL = 8;

export class SqliteReader {
  /** Idle prepared statements by SQL text. A statement runs one query at a time: concurrent queries each take their own. */
  private readonly idle = new Map<string, sqlite3.Statement[]>();
  private database: sqlite3.Database | null = null;

  constructor(private readonly file: string) {}

  private open(): sqlite3.Database {
    if (!this.database) {
      this.database = new sqlite3.Database(this.file, sqlite3.OPEN_READONLY);
      this.database.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
    }
    return this.database;
  }

  /**
   * Every row of a query. Statements are prepared once and reused, but never shared by two
   * queries at a time: the driver queues a statement's calls one behind another, each waiting for
   * the previous one's callback on the event loop, so under load a burst of queries (the first
   * recent-report counts after a start) would wait for each other's turns of a busy event loop.
   */
  all<T>(sql: string, params: unknown[]): Promise<T[]> {
    const database = this.open();
    const statement = this.idle.get(sql)?.pop() ?? database.prepare(sql);
    // `all` steps the statement to its end, which releases its read snapshot (a statement left
    // part-way would block checkpoints until reset)
    return new Promise((resolve, reject) => {
      statement.all(params, (err: Error | null, rows: T[]) => {
        if (this.database === database) {
          const idle = this.idle.get(sql) ?? [];
          if (idle.length < IDLE_PER_SQL) {
            idle.push(statement);
            this.idle.set(sql, idle);
          } else statement.finalize();
        } else statement.finalize();
        if (err) reject(err);
        else resolve(rows);
      });
    });
  }

  async close(): Promise<void> {
    const database = this.database;
    if (!database) return;
    for (const statements of this.idle.values()) for (const statement of statements) await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    this.idle.clear();
    this.database = null;
    await new Promise<void>((resolve, reject) => database.close((err) => (err ? reject(err) : resolve())));
  }
}
