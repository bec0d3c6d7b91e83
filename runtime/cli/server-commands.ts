/**
 * CLI commands of the runtime: `serve`, `migrate` and `token create`. Database selection is the
 * same everywhere: `--database-url` (or DATABASE_URL) for PostgreSQL, else SQLite in `--data`
 * (or PINGTAI_DATA, default ./data).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { pino } from 'pino';
import { createToken, TokenError, TOKEN_ROLES } from '../auth/tokens';
import { openDatabase } from '../db/open-database';
import { DataDirInUseError } from '../db/data-lock';

export interface DbOptions {
  data?: string;
  databaseUrl?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number (0–65535)');
  return port;
}

export function withDbOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'folder of the SQLite database (env PINGTAI_DATA)', process.env.PINGTAI_DATA || './data')
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite (env DATABASE_URL)', process.env.DATABASE_URL || undefined);
}

export async function withDatabase<T>(opts: DbOptions, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const logger = pino({ level: process.env.LOG_LEVEL || 'warn' });
  const db = await openDatabase({ url: opts.databaseUrl, dataDir: opts.data, logger });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function registerServerCommands(program: Command): void {
  withDbOptions(
    program
      .command('serve')
      .description('run the HTTP API, the SLA timer scheduler and the notification outbox (env PINGTAI_METRICS_TOKEN: a bearer token /metrics then wants)')
      .option('--host <host>', 'interface to listen on (env HOST, default 127.0.0.1)')
      .option('--port <port>', 'port to listen on (env PORT, default 3000)', parsePort),
  ).action(async (opts: DbOptions & { host?: string; port?: number }) => {
    // the server (express, the routes, the stores) loads only to serve: other commands start faster
    const { createLogger, EnvironmentError, serverOptionsFromEnv, startServer } = await import('../server');
    try {
      // read when serving, so that a bad variable stops only `serve`, with its name
      const env = serverOptionsFromEnv();
      await startServer({
        host: opts.host ?? env.host ?? '127.0.0.1',
        port: opts.port ?? env.port ?? 3000,
        dataDir: opts.data,
        databaseUrl: opts.databaseUrl,
        metricsToken: env.metricsToken,
        publicUrl: env.publicUrl,
        trustProxy: env.trustProxy,
        logger: createLogger(),
      });
    } catch (err) {
      if (!(err instanceof DataDirInUseError || err instanceof EnvironmentError)) throw err;
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 1;
    }
  });

  withDbOptions(program.command('migrate').description('apply pending database migrations (the server also does this at start)')).action(async (opts: DbOptions) => {
    await withDatabase(opts, async (db) => {
      const applied = await db.migrate();
      process.stdout.write(applied.length === 0 ? 'database is up to date\n' : `applied: ${applied.join(', ')}\n`);
    });
  });

  const token = program.command('token').description('manage API tokens');
  withDbOptions(
    token
      .command('create')
      .description('create a bearer token and print it (it is stored only as a hash)')
      .requiredOption('--county <id>', 'county the token belongs to')
      .requiredOption('--role <role>', `one of ${TOKEN_ROLES.join(', ')}`)
      .option('--unit <id>', 'unit the holder acts for: required for handlers and dispatchers, a grid for grid workers')
      .option('--label <text>', 'who or what holds it, for the audit trail'),
  ).action(async (opts: DbOptions & { county: string; role: string; unit?: string; label?: string }) => {
    await withDatabase(opts, async (db) => {
      await db.migrate();
      try {
        const created = await createToken(db, { county: opts.county, role: opts.role, unit: opts.unit, label: opts.label });
        process.stdout.write(`${created.token}\n`);
      } catch (err) {
        if (!(err instanceof TokenError)) throw err;
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = 1;
      }
    });
  });
}
