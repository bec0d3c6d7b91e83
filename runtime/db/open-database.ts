/**
 * Opens the runtime's database: an embedded SQLite file by default (one runtime process), or
 * PostgreSQL when a URL is given (several stateless processes). All state lives here.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ConnectionError, QueryTypes, Sequelize, Transaction } from 'sequelize';
import { defineModels, type Models } from './models';
import { installConfigChain } from '../audit/config-chain';
import { pendingMigrations, runMigrations } from './migrator';
import { SqliteCheckpointer, WRITER_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer';
import { SqliteReader } from './sqlite-reader';
import { sqliteDialectModule } from './sqlite-dialect';
import { appendStatement, SqliteWriter } from './sqlite-writer';
import { numberedPlaceholders, type SqlExecutor } from './raw-sql';
import { checkPgSession, pgLiteral } from './sql-literals';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly sequelize: Sequelize;
  readonly dialect: Dialect;
  readonly models: Models;
  /** Where the data lives, for logs: the SQLite file path or the PostgreSQL URL without password. */
  readonly location: string;
  /** How another thread of this process reaches the same data (a backtest's workers): never logged. */
  readonly address: DatabaseAddress;
  /** SQLite only: a read-only connection for the hot reads of intake (readers never wait in WAL). */
  readonly reader: SqliteReader | null;
  /**
   * Runs `fn` in one transaction, committed when it resolves and rolled back when it throws.
   * SQLite: writers queue in-process and take the write lock up front (`BEGIN IMMEDIATE`), so two
   * transactions never deadlock upgrading read locks. PostgreSQL: READ COMMITTED; a deadlock or
   * serialization failure is retried (fn must only touch the database). Never call
   * `transaction` again inside `fn`: on SQLite it would wait for itself.
   */
  transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one transaction with raw statements (`?` placeholders), for the hot write path.
   * SQLite: on a kept-open connection of its own, queued with `transaction` so the two never
   * wait for each other's lock. PostgreSQL: a pooled connection; deadlocks retried as above.
   * `pipelined`: `fn` only writes (`run`). SQLite: its statements go to the writer as one script
   * without waiting for pipelined batches before it to finish. PostgreSQL: they go as one simple
   * query (one round trip, one implicit transaction); a deadlock is retried as a whole.
   */
  writeBatch<T>(fn: (sql: SqlExecutor) => Promise<T>, opts?: { pipelined?: boolean }): Promise<T>;
  migrate(): Promise<string[]>;
  pendingMigrations(): Promise<string[]>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseAddress = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface OpenDatabaseOptions {
  /** A `postgres://` URL; when absent, SQLite in `dataDir`. */
  url?: string;
  /** Folder of the SQLite file `pingtai.sqlite` (default `./data`). */
  dataDir?: string;
  logger: Logger;
  /** Connection pool size for PostgreSQL (default 10). */
  poolMax?: number;
}

const RETRYABLE_PG_CODES = new Set(['40P01', '40001']);

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const { logger } = opts;
  const logging = (sql: string) => logger.trace({ sql }, 'sql');
  let sequelize: Sequelize;
  let location: string;
  if (opts.url) {
    if (!/^postgres(ql)?:\/\//.test(opts.url)) throw new Error(`unsupported database URL "${redact(opts.url)}": only postgres:// is supported`);
    location = redact(opts.url);
    sequelize = new Sequelize(opts.url, {
      dialect: 'postgres',
      logging,
      pool: { max: opts.poolMax ?? 10, min: 0, idle: 10_000, acquire: 30_000 },
      // every new connection: the settings the batch's literals rely on (sql-literals.ts)
      hooks: { afterConnect: (connection) => checkPgSession(connection as Parameters<typeof checkPgSession>[0]) },
    });
  } else {
    const dir = resolve(opts.dataDir ?? './data');
    mkdirSync(dir, { recursive: true });
    location = join(dir, 'pingtai.sqlite');
    sequelize = new Sequelize({
      dialect: 'sqlite',
      storage: location,
      dialectModule: sqliteDialectModule,
      logging,
      transactionType: Transaction.TYPES.IMMEDIATE,
    });
  }
  const dialect = sequelize.getDialect() as Dialect;
  const models = defineModels(sequelize);
  installConfigChain(models.ConfigVersion, sequelize, dialect);
  await sequelize.authenticate();

  // SQLite writers in this process: pipelined intake scripts may overlap one another (they queue
  // on the writer's own connection, each one whole transaction); every other write — sequelize
  // transactions, migrations, other raw batches — runs alone: it waits for the scripts in flight
  // to finish, and new scripts wait until it is done.
  let writeQueue: Promise<unknown> = Promise.resolve();
  let scriptsInFlight = 0;
  let exclusiveWaiting = 0;
  let onDrained: Array<() => void> = [];
  let onExclusiveDone: Array<() => void> = [];
  const wake = (waiters: Array<() => void>) => waiters.forEach((resolve) => resolve());
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    exclusiveWaiting++;
    const alone = async () => {
      while (scriptsInFlight > 0) await new Promise<void>((resolve) => onDrained.push(resolve));
      return fn();
    };
    const run = writeQueue.then(alone, alone).finally(() => {
      if (--exclusiveWaiting === 0) {
        const waiters = onExclusiveDone;
        onExclusiveDone = [];
        wake(waiters);
      }
    });
    writeQueue = run.catch(() => undefined);
    return run;
  };
  const pipelinedScript = async (pieces: readonly string[]): Promise<void> => {
    while (exclusiveWaiting > 0) await new Promise<void>((resolve) => onExclusiveDone.push(resolve));
    scriptsInFlight++;
    try {
      await writer!.script(pieces);
    } finally {
      if (--scriptsInFlight === 0) {
        const waiters = onDrained;
        onDrained = [];
        wake(waiters);
      }
    }
  };

  /**
   * PostgreSQL: the statements in `pieces` in ONE simple query on a pooled connection: one round
   * trip, where a transaction through sequelize took one for BEGIN, each statement and COMMIT.
   * A simple query of several statements runs as one transaction: all of it commits, or none;
   * so a deadlock or serialization failure is retried as a whole, as `transaction` does.
   */
  const pgScript = async (pieces: readonly string[]): Promise<void> => {
    const manager = sequelize.connectionManager;
    const text = pieces.join('');
    for (let attempt = 1; ; attempt++) {
      const client = (await manager.getConnection({ type: 'write' })) as { query(text: string): Promise<unknown> };
      try {
        await client.query(text);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        // no SQLSTATE: the connection failed (refused, dropped), which the API answers 503 as sequelize's errors
        if (code === undefined || !/^[0-9A-Z]{5}$/.test(code)) throw new ConnectionError(err as Error);
        if (attempt >= 4 || !RETRYABLE_PG_CODES.has(code)) throw err;
        logger.debug({ code, attempt }, 'retrying a pipelined batch');
      } finally {
        manager.releaseConnection(client);
      }
    }
  };

  const transaction = async <T>(fn: (t: Transaction) => Promise<T>): Promise<T> => {
    if (dialect === 'sqlite') return serialized(() => sequelize.transaction((t) => fn(t)));
    for (let attempt = 1; ; attempt++) {
      try {
        return await sequelize.transaction((t) => fn(t));
      } catch (err) {
        const code = (err as { parent?: { code?: string } }).parent?.code;
        if (attempt >= 4 || code === undefined || !RETRYABLE_PG_CODES.has(code)) throw err;
        logger.debug({ code, attempt }, 'retrying transaction');
      }
    }
  };

  const reader = dialect === 'sqlite' ? new SqliteReader(location) : null;
  // checkpoints run in the background; the writer's own are only a safety valve (sqlite-checkpointer.ts)
  const writer = dialect === 'sqlite' ? new SqliteWriter(location, { autocheckpointPages: WRITER_AUTOCHECKPOINT_PAGES }) : null;
  const checkpointer = writer ? new SqliteCheckpointer(location, logger, () => writer.writes) : null;
  checkpointer?.start();
  const writeBatch = async <T>(fn: (sql: SqlExecutor) => Promise<T>, opts: { pipelined?: boolean } = {}): Promise<T> => {
    if (writer && opts.pipelined) {
      const pieces: string[] = [];
      const result = await fn({
        run: async (sql, params) => {
          appendStatement(pieces, sql, params);
        },
        all: () => Promise.reject(new Error('a pipelined batch cannot read')),
      });
      if (pieces.length > 0) await pipelinedScript(pieces);
      return result;
    }
    if (dialect === 'postgres' && opts.pipelined) {
      const pieces: string[] = [];
      const result = await fn({
        run: async (sql, params) => {
          appendStatement(pieces, sql, params, pgLiteral);
        },
        all: () => Promise.reject(new Error('a pipelined batch cannot read')),
      });
      if (pieces.length > 0) await pgScript(pieces);
      return result;
    }
    if (writer) return serialized(() => writer.transaction(fn));
    return transaction((t) =>
      fn({
        run: async (sql, params) => {
          await sequelize.query(numberedPlaceholders(sql), { bind: params, transaction: t, type: QueryTypes.RAW, raw: true });
        },
        all: async <R>(sql: string, params: unknown[]) => (await sequelize.query(numberedPlaceholders(sql), { bind: params, transaction: t, type: QueryTypes.SELECT, raw: true })) as R[],
      }),
    );
  };
  return {
    sequelize,
    dialect,
    models,
    location,
    address: dialect === 'sqlite' ? { dialect, file: location } : { dialect: 'postgres', url: opts.url! },
    reader,
    transaction,
    writeBatch,
    migrate: () => (dialect === 'sqlite' ? serialized(() => runMigrations(sequelize, logger)) : runMigrations(sequelize, logger)),
    pendingMigrations: () => pendingMigrations(sequelize, logger),
    ping: async () => {
      await sequelize.query('SELECT 1');
    },
    close: async () => {
      await reader?.close();
      await checkpointer?.close();
      await serialized(() => writer?.close() ?? Promise.resolve());
      await sequelize.close();
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
