/**
 * Starting and stopping the runtime: open the database and migrate it, seed a demo county on an
 * empty database, serve HTTP, run the timer scheduler and the outbox loop, and shut all of it
 * down gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight requests, stop the loops,
 * close the database).
 */
import { once } from 'node:events';
import { ensureOpen311Key } from './open311/api-key';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { compile } from '../engine/index';
import { CATALOGS_DIR, loadConfigPath } from './config-loader';
import { createToken } from './auth/tokens';
import { ensureFirstPlatformToken } from './auth/platform-tokens';
import { ConfigRepository } from './db/config-repository';
import { markInterrupted } from './backtest/backtest-store';
import { lockDataDir } from './db/data-lock';
import { openDatabase, type Database } from './db/open-database';
import { attachmentOptionsFromEnv, createAttachments, type AttachmentOptions } from './attachments/attachment-config';
import { createApp } from './http/app';
import { errSerializer } from './loggable-error';
import { withDirectIntake } from './http/direct-intake';
import { createMetrics, type Metrics } from './metrics/metrics';
import { createChannelRegistry, webhooksFromEnv } from './outbox/channels';
import { createOutboxDelivery, type OutboxDelivery } from './outbox/delivery';
import { createScheduler, type Scheduler } from './timers/scheduler';
import { useAlertLogger } from './alerts/alert-log';
import { createAberrationJob, type AberrationJob } from './alerts/aberration-job';
import { createShadowJob, type ShadowJob } from './shadows/shadow-job';

export const DEMO_COUNTY = 'demo';
export const DEMO_CATALOG = 'zhejiang-four-platforms';

export interface ServerOptions {
  host?: string;
  port?: number;
  /** Folder of the SQLite database (ignored with `databaseUrl`). */
  dataDir?: string;
  /** `postgres://…`: use PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** The clock of everything the server decides and schedules (default `Date.now`). */
  now?: () => number;
  logger?: Logger;
  /** Poll intervals of the timer scheduler and the outbox (default 1 s each). */
  timerIntervalMs?: number;
  outboxIntervalMs?: number;
  /** Run the background loops (default true; tests may drive them by hand). */
  loops?: boolean;
  /** Install SIGTERM/SIGINT handlers that shut down and exit (default true). */
  handleSignals?: boolean;
  /** Webhook URLs by channel name (default: from the environment). */
  webhooks?: Record<string, string>;
  /** Where status lines (URL, demo token) go; default stdout. */
  print?: (line: string) => void;
  /** When set, `/metrics` answers only requests with `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /** The public origin (`https://host[:port]`), for links the server hands out (Open311 discovery). */
  publicUrl?: string;
  /** express's `trust proxy` setting, behind a reverse proxy. */
  trustProxy?: false | number | string;
  /** Attachment store (default: files under the data folder) and limits. */
  attachments?: AttachmentOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  configs: ConfigRepository;
  metrics: Metrics;
  scheduler: Scheduler;
  outbox: OutboxDelivery;
  /** The daily aberration test (early warning). */
  alertJob: AberrationJob;
  /** Shadow runs: new reports decided again under a shadow version, recorded, never acted on. */
  shadowJob: ShadowJob;
  /** The county-admin token of the demo county, when this start created it. */
  demoToken?: string;
  /** The platform administrator's first token, when this start created it. */
  platformToken?: string;
  close(): Promise<void>;
}

/** A variable of the environment that the server cannot use (the message names it). */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

/** A metrics token shorter than this is refused: it would be guessed. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** Server options from the environment: HOST, PORT, PINGTAI_DATA, DATABASE_URL, PINGTAI_METRICS_TOKEN. */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const port = env.PORT === undefined || env.PORT === '' ? undefined : Number(env.PORT);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new EnvironmentError(`PORT must be a port number (0–65535), not "${env.PORT}"`);
  const metricsToken = env.PINGTAI_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(metricsToken))) {
    throw new EnvironmentError(`PINGTAI_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces (it has ${metricsToken.length})`);
  }
  return {
    host: env.HOST || undefined,
    port,
    dataDir: env.PINGTAI_DATA || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    metricsToken,
    publicUrl: publicUrlOf(env.PINGTAI_PUBLIC_URL),
    trustProxy: trustProxyOf(env.PINGTAI_TRUST_PROXY),
    attachments: attachmentOptionsOf(env),
  };
}

/** PINGTAI_PUBLIC_URL as an origin without a trailing slash, or undefined. */
function publicUrlOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EnvironmentError(`PINGTAI_PUBLIC_URL must be a URL such as https://311.example.gov.cn, not "${text}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new EnvironmentError(`PINGTAI_PUBLIC_URL must be an http(s) URL without credentials, query or fragment, not "${text}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** PINGTAI_TRUST_PROXY: false, a number of hops, or addresses/subnets as express takes them (not true). */
function trustProxyOf(text: string | undefined): false | number | string | undefined {
  if (!text) return undefined;
  // `true` would trust whatever X-Forwarded-For a client writes: each request a fresh rate-limit budget
  if (text === 'true') throw new EnvironmentError('PINGTAI_TRUST_PROXY=true would let clients choose their own address; give the number of proxies in front (e.g. 1) or their addresses (e.g. loopback, 10.0.0.0/8)');
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[\w.:/, -]+$/.test(text)) throw new EnvironmentError(`PINGTAI_TRUST_PROXY must be false, a number of proxies or a list of addresses, not "${text}"`);
  return text;
}

/** The attachment settings, a bad one as an EnvironmentError. */
function attachmentOptionsOf(env: NodeJS.ProcessEnv): AttachmentOptions {
  try {
    return attachmentOptionsFromEnv(env);
  } catch (err) {
    throw new EnvironmentError((err as Error).message);
  }
}

export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  // errors are logged without the user's data they may carry (loggable-error.ts)
  return pino({ level: env.LOG_LEVEL || 'info', base: { service: 'pingtai' }, serializers: { err: errSerializer } });
}

/** Creates county `demo` from the Zhejiang catalog when the database has no county yet. */
async function seedDemoCounty(db: Database, configs: ConfigRepository, now: number): Promise<string | undefined> {
  if ((await db.models.County.count()) > 0) return undefined;
  const loaded = await loadConfigPath(join(CATALOGS_DIR, DEMO_CATALOG));
  if (!loaded.ok) throw new Error(`cannot load catalog ${DEMO_CATALOG}: ${loaded.issues.map((i) => `${i.file ?? ''}${i.pointer} ${i.message}`).join('; ')}`);
  const compiled = compile(loaded.value.config, { sources: loaded.value.sources });
  if (!compiled.ok) throw new Error(`catalog ${DEMO_CATALOG} does not compile: ${compiled.issues.map((i) => `${i.file ?? ''}${i.pointer} ${i.message}`).join('; ')}`);
  const name = compiled.value.config.county.name.zh;
  if (!(await configs.createCounty({ id: DEMO_COUNTY, name, compiled: compiled.value, createdBy: 'seed', now }))) return undefined;
  const { token } = await createToken(db, { county: DEMO_COUNTY, role: 'county_admin', label: 'demo county admin (created at first start)', now });
  return token;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? createLogger();
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  // SQLite serves one process: a second server on the same data folder is refused
  const lock = opts.databaseUrl ? null : await lockDataDir(resolve(opts.dataDir ?? './data'));
  let db: Database;
  try {
    db = await openDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir ?? './data', logger });
  } catch (err) {
    await lock?.release();
    throw err;
  }
  let server: Server | undefined;
  try {
    const applied = await db.migrate();
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    const configs = new ConfigRepository(db);
    useAlertLogger(db, logger);
    // backtests left running by a process that stopped (their heartbeat is old) are interrupted
    await markInterrupted(db, now());
    const demoToken = await seedDemoCounty(db, configs, now());
    const platformToken = await ensureFirstPlatformToken(db, now());
    const metrics = createMetrics({ db });
    const attachments = createAttachments({ db, dataDir: opts.dataDir ?? './data', options: opts.attachments });
    const app = createApp({ db, configs, metrics, logger, now, attachments, metricsToken: opts.metricsToken, publicUrl: opts.publicUrl, trustProxy: opts.trustProxy });
    const scheduler = createScheduler({ db, configs, logger, now, metrics, intervalMs: opts.timerIntervalMs });
    const channels = createChannelRegistry({ logger, webhooks: opts.webhooks ?? webhooksFromEnv(process.env) });
    const outbox = createOutboxDelivery({ db, channels, logger, now, metrics, intervalMs: opts.outboxIntervalMs });
    const alertJob = createAberrationJob({ db, configs, logger, now });
    const shadowJob = createShadowJob({ db, configs, logger, now });

    server = createServer(withDirectIntake({ db, configs, metrics, logger, now, attachments }, app));
    server.keepAliveTimeout = 5_000;
    server.listen(opts.port ?? 3000, opts.host ?? '127.0.0.1');
    await once(server, 'listening');
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    if (opts.loops !== false) {
      scheduler.start();
      outbox.start();
      alertJob.start();
      shadowJob.start();
    }
    if (platformToken) print(`the platform administrator's token (shown once): ${platformToken}`);
    if (demoToken) print(`created county "${DEMO_COUNTY}"; its county-admin token (shown once): ${demoToken}`);
    const open311Key = demoToken ? await ensureOpen311Key(db, DEMO_COUNTY) : undefined;
    if (open311Key) print(`county "${DEMO_COUNTY}": its Open311 api_key (shown once): ${open311Key}`);
    print(`pingtai listening on ${url} (database: ${db.location})`);

    const httpServer = server;
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        // In-flight requests get a grace period; then remaining connections are cut.
        const grace = setTimeout(() => httpServer.closeAllConnections(), 10_000);
        await closed;
        clearTimeout(grace);
        await Promise.all([scheduler.stop(), outbox.stop(), alertJob.stop(), shadowJob.stop()]);
        try {
          await db.close();
        } finally {
          await lock?.release();
        }
      })());

    if (opts.handleSignals !== false) {
      const onSignal = (signal: NodeJS.Signals) => {
        logger.info({ signal }, 'shutting down');
        close().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    }
    return { url, port: address.port, db, configs, metrics, scheduler, outbox, alertJob, shadowJob, demoToken, platformToken, close };
  } catch (err) {
    server?.close();
    try {
      await db.close();
    } finally {
      await lock?.release();
    }
    throw err;
  }
}
