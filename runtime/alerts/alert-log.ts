/**
 * Where alert evaluation reports its failures: a report is never refused because an alert could
 * not be evaluated, so the error goes to the log of the server that opened the database.
 */
import type { Logger } from 'pino';
import type { Database } from '../db/open-database';

const loggers = new WeakMap<Database, Logger>();

/** The server's logger for the alerts of `db` (set at start). */
export function useAlertLogger(db: Database, logger: Logger): void {
  loggers.set(db, logger);
}

/** Logs a failed evaluation (stderr when the server registered no logger). */
export function logAlertError(db: Database, err: unknown, context: Record<string, unknown>): void {
  const logger = loggers.get(db);
  if (logger) logger.error({ err, ...context }, 'alert evaluation failed');
  else process.stderr.write(`alert evaluation failed (${JSON.stringify(context)}): ${err instanceof Error ? err.message : String(err)}\n`);
}
