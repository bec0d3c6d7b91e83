/**
 * SQLite serves one runtime process: the outbox keeps its claims in that process's memory, and
 * the recent-reports counts are kept by its writer. A server on SQLite therefore holds an
 * exclusive lock on `pingtai.lock` beside the database: a small SQLite file kept open in
 * exclusive locking mode, so the operating system frees the lock when the process ends however
 * it ends (no stale lock after a kill, no reliance on process ids, which containers reuse). A
 * second server on the same folder — in this process or another — is refused with a clear
 * message; `pingtai.pid` names the holder for that message. The CLI's other commands
 * (`migrate`, `token create`) do not take the lock.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';

export const LOCK_FILE = 'pingtai.lock';
export const PID_FILE = 'pingtai.pid';

export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number | null,
  ) {
    super(`the data folder ${dir} is already served by ${pid === null ? 'another pingtai process' : `pingtai process ${pid}`}: SQLite serves one process (stop that one, or use PostgreSQL with DATABASE_URL for several)`);
    this.name = 'DataDirInUseError';
  }
}

function exec(database: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => database.exec(sql, (err) => (err ? reject(err) : resolve())));
}

function close(database: sqlite3.Database): Promise<void> {
  return new Promise((resolve) => database.close(() => resolve()));
}

function open(path: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const database: sqlite3.Database = new sqlite3.Database(path, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) => (err ? reject(err) : resolve(database)));
  });
}

function holderPid(dir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(dir, PID_FILE), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the data folder's lock; throws {@link DataDirInUseError} when a running server holds it. */
export async function lockDataDir(dir: string): Promise<{ release(): Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  let database = await open(path);
  try {
    // no busy timeout: a held lock answers SQLITE_BUSY at once
    await exec(database, 'PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE');
  } catch (err) {
    await close(database);
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_BUSY') throw new DataDirInUseError(dir, holderPid(dir));
    if (code !== 'SQLITE_NOTADB') throw err;
    // not a lock this version wrote: start it afresh
    unlinkSync(path);
    database = await open(path);
    try {
      await exec(database, 'PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE');
    } catch (again) {
      await close(database);
      if ((again as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(dir, holderPid(dir));
      throw again;
    }
  }
  const pid = `${process.pid}\n`;
  writeFileSync(join(dir, PID_FILE), pid);
  let released: Promise<void> | undefined;
  const held = database;
  return {
    release: () =>
      (released ??= (async () => {
        try {
          if (readFileSync(join(dir, PID_FILE), 'utf8') === pid) unlinkSync(join(dir, PID_FILE));
        } catch {
          // already gone
        }
        await exec(held, 'COMMIT').catch(() => undefined);
        await close(held);
      })()),
  };
}
