/**
 * A kept-open read-write SQLite connection for the hot write paths (intake batches, outbox
 * claims), with its prepared statements cached. sequelize opens a new SQLite connection for
 * every transaction (open, pragmas, close) and builds each INSERT as one escaped string.
 *
 * A transaction here costs as few trips to the driver's thread pool as possible, because each
 * trip waits for the event loop, which is busy with requests: the writes of a transaction
 * (`run`) are collected and sent as ONE script, `BEGIN IMMEDIATE; …; COMMIT`, with their
 * parameters written in as SQL literals (measured: a multi-row INSERT of literals costs SQLite
 * little more than one with bound parameters, and far less than unpacking rows from JSON);
 * reads (`all`) run at once, inside the transaction.
 *
 * Callers serialise transactions with the database's other writers (see `Database.writeBatch`),
 * so this connection never waits for the write lock of its own process.
 */
import sqlite3 from 'sqlite3';
import { SQLITE_PRAGMAS } from './sqlite-dialect';
import type { SqlExecutor } from './raw-sql';
import { sqlLiteral } from './sql-literals';

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;
const escapeUnit = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text with every non-ASCII character written as a `\uXXXX` escape: the same JSON value,
 * as an ASCII string. A report's few dozen Chinese characters would otherwise make its whole
 * batch script a two-byte string; V8 joins a one-byte script and the driver converts it to UTF-8
 * several times faster, and a two-byte string over 64 K characters is allocated in V8's
 * large-object space, where joining it cost ~8 ns a character instead of ~1 (measured in
 * isolation). In interleaved bench/intake runs: ~10% more intakes per second, lower p99.
 */
export function asciiJson(value: unknown): string {
  const text = JSON.stringify(value ?? null);
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, escapeUnit) : text;
}

const splitCache = new Map<string, string[]>();

/** The pieces of `sql` between its `?` placeholders (cached: statements repeat). */
function splitAtPlaceholders(sql: string, count: number): string[] {
  let parts = splitCache.get(sql);
  if (!parts) {
    parts = sql.split('?');
    if (splitCache.size > 500) splitCache.clear();
    splitCache.set(sql, parts);
  }
  if (parts.length - 1 !== count) throw new Error(`the statement has ${parts.length - 1} placeholders but ${count} parameters were given`);
  return parts;
}

/**
 * Appends `sql` to `pieces` with each `?` replaced by the next parameter as a literal (`literal`:
 * SQLite's by default; `pgLiteral` for PostgreSQL) (no `?` may
 * appear in literals of `sql`), and a `;`. A whole script is joined once at the end: one flat
 * string, which the driver copies far faster than a rope of small pieces.
 */
export function appendStatement(pieces: string[], sql: string, params: readonly unknown[], literal: (value: unknown) => string = sqlLiteral): void {
  const parts = splitAtPlaceholders(sql, params.length);
  pieces.push(parts[0]);
  for (let i = 0; i < params.length; i++) pieces.push(literal(params[i]), parts[i + 1]);
  pieces.push(';\n');
}

/** Prepared statements kept for reads (`all`); their texts vary with the length of IN lists. */
const MAX_STATEMENTS = 128;

export class SqliteWriter {
  private readonly statements = new Map<string, sqlite3.Statement>();
  private database: Promise<sqlite3.Database> | null = null;
  private closed = false;
  /** Transactions and scripts sent so far (the background checkpointer looks at it). */
  writes = 0;

  /** `autocheckpointPages`: the connection's `wal_autocheckpoint` (SQLite's default is 1,000). */
  constructor(private readonly file: string, private readonly opts: { autocheckpointPages?: number } = {}) {}

  private open(): Promise<sqlite3.Database> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    this.database ??= new Promise((resolve, reject) => {
      const database: sqlite3.Database = new sqlite3.Database(this.file, sqlite3.OPEN_READWRITE, (err) => {
        if (err) return reject(err);
        const autocheckpoint = this.opts.autocheckpointPages === undefined ? '' : `; PRAGMA wal_autocheckpoint = ${this.opts.autocheckpointPages}`;
        database.exec(`${SQLITE_PRAGMAS}${autocheckpoint}`, (pragmaErr) => (pragmaErr ? reject(pragmaErr) : resolve(database)));
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

  private all<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return this.statement(sql).then((statement) => new Promise<T[]>((resolve, reject) => statement.all(params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)))));
  }

  /**
   * Runs `fn` in one transaction, rolled back when it throws. Its `run` statements are sent
   * together with the COMMIT (or before the next `all`); a failing statement rolls back all.
   */
  async transaction<T>(fn: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    let begun = false;
    let pieces: string[] = [];
    this.writes++;
    const flush = async (end: string) => {
      const text = [begun ? '' : 'BEGIN IMMEDIATE;\n', ...pieces, end].join('');
      pieces = [];
      begun = true;
      if (text !== '') await this.exec(text);
    };
    const executor: SqlExecutor = {
      run: async (sql, params) => {
        appendStatement(pieces, sql, params);
      },
      all: async <R>(sql: string, params: unknown[]) => {
        await flush('');
        return this.all<R>(sql, params);
      },
    };
    try {
      const result = await fn(executor);
      if (begun || pieces.length > 0) await flush('COMMIT;');
      return result;
    } catch (err) {
      // also when BEGIN or COMMIT failed; a ROLLBACK without a transaction fails harmlessly
      if (begun) await this.exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  /**
   * Runs the statements in `pieces` (see {@link appendStatement}) as one transaction
   * (`BEGIN IMMEDIATE; …; COMMIT`) in one script, queued
   * behind the connection's earlier work without waiting for it (the driver runs a connection's
   * scripts one after another). If a statement fails, the transaction is rolled back; a script
   * queued behind a failed one fails at its BEGIN (the failed transaction is still open then) and
   * changes nothing, and the ROLLBACK follows it.
   */
  async script(pieces: readonly string[]): Promise<void> {
    const database = await this.open();
    const text = ['BEGIN IMMEDIATE;\n', ...pieces, 'COMMIT;'].join('');
    this.writes++;
    await new Promise<void>((resolve, reject) =>
      database.exec(text, (err) => {
        if (!err) return resolve();
        // queued at once, before anything submitted after this callback
        database.exec('ROLLBACK', () => undefined);
        reject(err);
      }),
    );
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
