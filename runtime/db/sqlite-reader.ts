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

export class SqliteReader {
  private readonly statements = new Map<string, sqlite3.Statement>();
  private database: sqlite3.Database | null = null;

  constructor(private readonly file: string) {}

  private open(): sqlite3.Database {
    if (!this.database) {
      this.database = new sqlite3.Database(this.file, sqlite3.OPEN_READONLY);
      this.database.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
    }
    return this.database;
  }

  /** Every row of a query. Statements are prepared once and reused. */
  all<T>(sql: string, params: unknown[]): Promise<T[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.open().prepare(sql);
      this.statements.set(sql, statement);
    }
    const prepared = statement;
    // `all` steps the statement to its end, which releases its read snapshot (a statement left
    // part-way would block checkpoints until reset)
    return new Promise((resolve, reject) => {
      prepared.all(params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
    });
  }

  async close(): Promise<void> {
    const database = this.database;
    if (!database) return;
    for (const statement of this.statements.values()) await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    this.statements.clear();
    this.database = null;
    await new Promise<void>((resolve, reject) => database.close((err) => (err ? reject(err) : resolve())));
  }
}
