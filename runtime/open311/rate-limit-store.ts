/**
 * An express-rate-limit store in the database, for PostgreSQL, where several runtime processes
 * serve one county: each POST adds one hit to its client's row for the current fixed window
 * (one upsert), so the budget is shared by every process, and a restart does not reset it.
 * Windows that have ended are swept now and then.
 */
import type { Logger } from 'pino';
import { QueryTypes } from 'sequelize';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from '../db/open-database';

export class DatabaseRateLimitStore implements Store {
  /** Keys count for every process on the database. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private lastSweep = 0;

  constructor(private readonly db: Database, private readonly logger: Logger) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private windowStart(): number {
    const now = Date.now();
    return now - (now % this.windowMs);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const start = this.windowStart();
    const rows = await this.db.sequelize.query<{ hits: number }>('SELECT hits FROM rate_limit_hits WHERE key = $1 AND window_start = $2', { bind: [key, start], type: QueryTypes.SELECT });
    return rows.length === 0 ? undefined : { totalHits: Number(rows[0].hits), resetTime: new Date(start + this.windowMs) };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const start = this.windowStart();
    const rows = await this.db.sequelize.query<{ hits: number }>(
      'INSERT INTO rate_limit_hits (key, window_start, hits) VALUES ($1, $2, 1) ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 RETURNING hits',
      { bind: [key, start], type: QueryTypes.SELECT },
    );
    this.sweep(start);
    return { totalHits: Number(rows[0].hits), resetTime: new Date(start + this.windowMs) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.sequelize.query('UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = $1 AND window_start = $2 AND hits > 0', { bind: [key, this.windowStart()] });
  }

  async resetKey(key: string): Promise<void> {
    await this.db.sequelize.query('DELETE FROM rate_limit_hits WHERE key = $1', { bind: [key] });
  }

  async resetAll(): Promise<void> {
    await this.db.sequelize.query('DELETE FROM rate_limit_hits');
  }

  /** Deletes the rows of windows that have ended, at most once a window, in the background. */
  private sweep(currentStart: number): void {
    if (currentStart - this.lastSweep < this.windowMs) return;
    this.lastSweep = currentStart;
    this.db.sequelize
      .query('DELETE FROM rate_limit_hits WHERE window_start < $1', { bind: [currentStart] })
      .catch((err: unknown) => this.logger.warn({ err }, 'could not sweep old rate-limit windows'));
  }
}
