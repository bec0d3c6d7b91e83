/**
 * A kept-open read-write SQLite connection for the hot write path (intake batches), with its
 * prepared statements cached. sequelize opens a new SQLite connection for every transaction
 * (open, pragmas, close) and builds each INSERT as one escaped string; here a transaction is
 * `BEGIN IMMEDIATE`, a few prepared multi-row statements and `COMMIT` on one connection.
 *
 * Callers serialise transactions with the database's other writers (see `Database.writeBatch`),
 * so this connection never waits for the write lock of its own process.
 */
import sqlite3 from 'sqlite3';
import { SQLITE_PRAGMAS } from './sqlite-dialect';
import type { SqlExecutor } from './raw-sql';

/** Prepared statements kept per connection (multi-row inserts differ by row count). */
const MAX_STATEMENTS = 128;

export class SqliteWriter {
  private readonly statements = new Map<string, sqlite3.Statement>();
  private database: Promise<sqlite3.Database> | null = null;
  private closed = false;

  constructor(private readonly file: string) {}

  private open(): Promise<sqlite3.Database> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    this.database ??= new Promise((resolve, reject) => {
      const database: sqlite3.Database = new sqlite3.Database(this.file, sqlite3.OPEN_READWRITE, (err) => {
        if (err) return reject(err);
        database.exec(SQLITE_PRAGMAS, (pragmaErr) => (pragmaErr ? reject(pragmaErr) : resolve(database)));
      });
    });
    this.database.catch(() => (this.database = null));
    return this.database;
  }

  private async statement(sql: string): Promise<sqlite3.Statement> {
    const cached = this.statements.get(sql);
    if (cached) {
      // most recently used last
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const database = await this.open();
    const statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const s: sqlite3.Statement = database.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
    });
    this.statements.set(sql, statement);
    if (this.statements.size > MAX_STATEMENTS) {
      const [oldestSql, oldest] = this.statements.entries().next().value as [string, sqlite3.Statement];
      this.statements.delete(oldestSql);
      oldest.finalize();
    }
    return statement;
  }

  private async exec(sql: string): Promise<void> {
    const database = await this.open();
    await new Promise<void>((resolve, reject) => database.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  private readonly executor: SqlExecutor = {
    run: async (sql, params) => {
      const statement = await this.statement(sql);
      await new Promise<void>((resolve, reject) => statement.run(params, (err: Error | null) => (err ? reject(err) : resolve())));
    },
    all: async <T>(sql: string, params: unknown[]) => {
      const statement = await this.statement(sql);
      return new Promise<T[]>((resolve, reject) => statement.all(params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
    },
  };

  /** Runs `fn` in one transaction (`BEGIN IMMEDIATE` … `COMMIT`), rolled back when it throws. */
  async transaction<T>(fn: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    await this.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = await fn(this.executor);
    } catch (err) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
    try {
      await this.exec('COMMIT');
    } catch (err) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    const opening = this.database;
    this.database = null;
    if (!opening) return;
    const database = await opening.catch(() => null);
    for (const statement of this.statements.values()) await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    this.statements.clear();
    if (database) await new Promise<void>((resolve, reject) => database.close((err) => (err ? reject(err) : resolve())));
  }
}
