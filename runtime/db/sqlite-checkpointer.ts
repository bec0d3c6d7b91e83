/**
 * WAL checkpoints off the write path. By default SQLite checkpoints inside the COMMIT of whichever
 * connection pushes the WAL past 1,000 pages: under intake load that was every few batches, and
 * each such commit waited for up to 1,000 pages to be copied into the database file and two
 * fsyncs (20–45 ms, the largest share of the intake p99). Here a connection of its own runs a
 * PASSIVE checkpoint every few milliseconds on the driver's thread pool, never waiting for the
 * writer and never holding it up; the intake writer raises its own automatic checkpoint to
 * {@link WRITER_AUTOCHECKPOINT_PAGES}, a safety valve for when readers keep the background
 * checkpoint from finishing (the WAL is then at most ~80 MB before the writer checkpoints itself).
 * Measured with bench/intake in interleaved runs: ~10–20% more intakes per second and a lower p99.
 */
import sqlite3 from 'sqlite3';
import type { Logger } from 'pino';
import { SQLITE_PRAGMAS } from './sqlite-dialect';

/** The intake writer's own automatic checkpoint (pages), once the background checkpointer runs. */
export const WRITER_AUTOCHECKPOINT_PAGES = 20_000;

/** How often the background checkpoint runs (ms); one at a time. */
const INTERVAL_MS = 20;

export class SqliteCheckpointer {
  private database: sqlite3.Database | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private warned = false;

  /** `writes`: a count that grows with every write of the intake writer (nothing to do while it stands still). */
  constructor(private readonly file: string, private readonly logger: Logger, private readonly writes: () => number) {}

  start(): void {
    if (this.timer) return;
    let seen = this.writes();
    this.timer = setInterval(() => {
      const now = this.writes();
      if (now === seen || this.running) return;
      seen = now;
      void this.checkpoint();
    }, INTERVAL_MS);
    this.timer.unref();
  }

  /** One PASSIVE checkpoint, unless one is running; resolves when it is done. */
  checkpoint(): Promise<void> {
    if (this.running) return this.running;
    const database = (this.database ??= this.open());
    this.running = new Promise<void>((resolve) => {
      database.all('PRAGMA wal_checkpoint(PASSIVE)', (err: Error | null) => {
        this.running = null;
        if (err && !/SQLITE_BUSY|SQLITE_LOCKED/.test(err.message) && !this.warned) {
          this.warned = true;
          this.logger.warn({ err }, 'background WAL checkpoint failed; the writer checkpoints itself');
        }
        resolve();
      });
    });
    return this.running;
  }

  private open(): sqlite3.Database {
    const database = new sqlite3.Database(this.file, sqlite3.OPEN_READWRITE);
    database.exec(SQLITE_PRAGMAS);
    return database;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    const database = this.database;
    this.database = null;
    if (database) await new Promise<void>((resolve) => database.close(() => resolve()));
  }
}
