/**
 * SQLite serves one runtime process: the outbox keeps its claims in that process's memory, and
 * the recent-reports counts are kept by its writer. A server on SQLite therefore holds a lock
 * file, `pingtai.lock` beside the database, naming its process id. A second server on the same
 * folder is refused with a clear message; a lock left by a process that is gone (killed, say)
 * is taken over. The CLI's other commands (`migrate`, `token create`) do not take it.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'pingtai.lock';

/** Lock files held by servers of this process. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`the data folder ${dir} is already served by pingtai process ${pid}: SQLite serves one process (stop that one, or use PostgreSQL with DATABASE_URL for several)`);
    this.name = 'DataDirInUseError';
  }
}

/** Takes the data folder's lock for this process; throws {@link DataDirInUseError} when a live server holds it. */
export function lockDataDir(dir: string): { release(): void } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const mine = `${process.pid}\n`;
  try {
    writeFileSync(path, mine, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    let holder = NaN;
    try {
      holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // removed meanwhile, or unreadable: taken over below
    }
    const held = Number.isInteger(holder) && holder > 0 && (holder === process.pid ? heldHere.has(path) : alive(holder));
    if (held) throw new DataDirInUseError(dir, holder);
    // left behind by a process that is gone
    writeFileSync(path, mine);
  }
  heldHere.add(path);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      try {
        if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
