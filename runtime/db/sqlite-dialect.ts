/**
 * The sqlite3 driver as sequelize's `dialectModule`, with every connection configured as it opens.
 * sequelize opens a fresh sqlite connection for each transaction and never fires `afterConnect`
 * for them, so per-connection pragmas (busy_timeout, synchronous) must be applied by the driver's
 * `Database` itself. WAL is a property of the file and persists, but setting it again is cheap.
 */
import sqlite3 from 'sqlite3';

/** Milliseconds a connection waits for the write lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Each connection's page cache (KiB; SQLite's default is 2 MiB): the hot index and table pages
 * of a big database stay in the connection instead of being read again from the file on every
 * query. On bench/worklist's million events, worklist queries took a third less time (p50 of a
 * unit's open events 7–8.5 ms instead of 11.5–13.5). Pages are allocated as they are read, so
 * short-lived connections pay nothing for it.
 */
export const CONNECTION_CACHE_KIB = 64 * 1024;

/** The pragmas every connection to the runtime's SQLite file runs as it opens. */
export const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  // With WAL, NORMAL is durable across application crashes (not power loss of the last commits) and far faster than FULL.
  'PRAGMA synchronous = NORMAL',
  // Statement journals in memory, not in temporary files: a multi-row INSERT inside a transaction
  // keeps one (to undo just that statement) and wrote it to a temp file, a write per page it
  // touched. Replaying intake batches on a 27,000-event database: ~25% less SQLite time per event.
  'PRAGMA temp_store = MEMORY',
  `PRAGMA cache_size = -${CONNECTION_CACHE_KIB}`,
].join('; ');

type OpenCallback = (err: Error | null) => void;

class ConfiguredDatabase extends sqlite3.Database {
  constructor(filename: string, mode?: number, callback?: OpenCallback) {
    const holder: { db?: ConfiguredDatabase } = {};
    super(filename, mode ?? sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err: Error | null) => {
      if (err || !holder.db) return callback?.(err);
      holder.db.exec(SQLITE_PRAGMAS, (pragmaErr: Error | null) => callback?.(pragmaErr ?? null));
    });
    holder.db = this;
  }
}

/** Pass as `dialectModule` to `new Sequelize({ dialect: 'sqlite', ... })`. */
export const sqliteDialectModule = { ...sqlite3, Database: ConfiguredDatabase };
