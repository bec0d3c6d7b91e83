/**
 * `pingtai backtest --county C (--config DRAFT | --version N | --file PATH) --from DATE --to DATE`:
 * decides the county's events of the period again under the config and compares
 * (docs/backtest.md). Progress on stderr (a bar on a terminal, a line every few seconds
 * otherwise); Ctrl-C cancels, keeping what was found; the summary and the run's id at the end.
 * `pingtai backtest show RUN --county C` prints a saved run again.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { pino } from 'pino';
import { compile, type Issue } from '../../engine/index';
import { loadConfigPath } from '../config-loader';
import { openDatabase, type Database } from '../db/open-database';
import { HttpError } from '../http/errors';
import { startBacktest } from '../backtest/backtest-job';
import { prepareBacktest } from '../backtest/backtest-request';
import { getRun, listChanged, type BacktestRun } from '../backtest/backtest-store';
import { summaryView, type BacktestTotals } from '../backtest/backtest-summary';

interface DbOptions {
  db?: string;
  data: string;
  databaseUrl?: string;
}

interface RunOptions extends DbOptions {
  county: string;
  config?: string;
  version?: string;
  file?: string;
  from: string;
  to: string;
  threads?: string;
}

class CliError extends Error {}

function dbOptions(command: Command): Command {
  return command
    .option('--db <url-or-dir>', 'a postgres:// URL, or the folder of the SQLite database')
    .option('--data <dir>', 'folder of the SQLite database (env PINGTAI_DATA)', process.env.PINGTAI_DATA || './data')
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite (env DATABASE_URL)', process.env.DATABASE_URL || undefined);
}

async function open(opts: DbOptions, countyId: string): Promise<Database> {
  const url = opts.db?.startsWith('postgres') ? opts.db : opts.db === undefined ? opts.databaseUrl : undefined;
  const dataDir = opts.db !== undefined && !opts.db.startsWith('postgres') ? opts.db : opts.data;
  const db = await openDatabase({ url, dataDir, logger: pino({ level: process.env.LOG_LEVEL || 'warn' }) });
  try {
    const pending = await db.pendingMigrations();
    if (pending.length > 0) throw new CliError(`the database is not migrated (pending: ${pending.join(', ')}); run \`pingtai migrate\` first`);
    const county = await db.models.County.findOne({ where: { id: countyId }, attributes: ['id'] });
    if (!county) throw new CliError(`--county: county "${countyId}" not found`);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

const OPTION_OF: Record<string, string> = { draft: '--config', version: '--version', document: '--file', from: '--from', to: '--to' };

function issueLines(issues: readonly Issue[]): string {
  return issues.slice(0, 20).map((i) => `  ${i.file ? `${i.file}: ` : ''}${i.pointer || '/'}: ${i.message}`).join('\n');
}

/** A progress reporter on stderr: a redrawn bar on a terminal, a plain line every 5 s otherwise. */
function progressReporter(stream: NodeJS.WriteStream) {
  let last = 0;
  const tty = stream.isTTY === true;
  return {
    update(done: number, total: number, totals: BacktestTotals, force = false) {
      const now = Date.now();
      if (!force && now - last < (tty ? 100 : 5_000)) return;
      last = now;
      const fraction = total === 0 ? 1 : Math.min(1, done / total);
      const text = `${done.toLocaleString('en')} / ${total.toLocaleString('en')} events, ${totals.changed.toLocaleString('en')} changed`;
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${text}\u001b[K`);
      } else {
        stream.write(`backtest: ${(fraction * 100).toFixed(0)}% ${text}\n`);
      }
    },
    end() {
      if (tty) stream.write('\n');
    },
  };
}

export function printRun(run: BacktestRun, write: (s: string) => void, timeZone: string): void {
  const time = (ms: number) => new Date(ms).toLocaleString('sv', { timeZone }).replace(' ', 'T');
  write(`backtest ${run.id}: ${run.status}\n`);
  write(`config: ${run.source.label}; period ${time(run.from)} to ${time(run.to)} (${timeZone}, end exclusive)\n`);
  const t = run.totals;
  write(`events: ${run.done} of ${run.total}; changed ${t?.changed ?? 0}; could not decide ${t?.failed ?? 0}\n`);
  if (t) {
    const fields = Object.entries(t.fields).map(([f, n]) => `${f} ${n}`).join(', ');
    if (fields) write(`changed fields: ${fields}\n`);
    write(`newly late: ${t.newlyLate.events} events (acceptance ${t.newlyLate.accept}, resolution ${t.newlyLate.resolve})\n`);
  }
  if (run.summary) {
    const s = summaryView(run.summary);
    const changedOnly = <T extends { changed: number }>(rows: T[]) => rows.filter((r) => r.changed > 0).slice(0, 20);
    if (changedOnly(s.byCategory).length) write(`by category:\n${changedOnly(s.byCategory).map((r) => `  ${r.category}: ${r.changed} of ${r.events}`).join('\n')}\n`);
    if (changedOnly(s.byTownship).length) write(`by township:\n${changedOnly(s.byTownship).map((r) => `  ${r.township ?? '(none)'}: ${r.changed} of ${r.events}`).join('\n')}\n`);
    if (s.loadMoved.length) write(`load moved:\n${s.loadMoved.slice(0, 20).map((r) => `  ${r.from ?? '(none)'} -> ${r.to ?? '(none)'}: ${r.events}`).join('\n')}\n`);
    if (s.failures.length) write(`could not decide:\n${s.failures.map((r) => `  ${r.code}: ${r.events}`).join('\n')}\n`);
  }
  if (run.error) write(`error: ${run.error}\n`);
}

async function runBacktest(opts: RunOptions): Promise<void> {
  const given = [opts.config, opts.version, opts.file].filter((v) => v !== undefined);
  if (given.length !== 1) throw new CliError('give exactly one of --config DRAFT, --version N or --file PATH');
  let document: unknown;
  let label: string | undefined;
  if (opts.file !== undefined) {
    const loaded = await loadConfigPath(path.resolve(opts.file));
    if (!loaded.ok) throw new CliError(`--file: the config has problems:\n${issueLines(loaded.issues)}`);
    // compiled with its source map: each problem names its file and JSON pointer
    const compiled = compile(loaded.value.config, { sources: loaded.value.sources });
    if (!compiled.ok) throw new CliError(`--file: the config does not compile:\n${issueLines(compiled.issues)}`);
    document = loaded.value.config;
    label = `file ${opts.file}`;
  }
  const db = await open(opts, opts.county);
  try {
    let prepared;
    try {
      prepared = await prepareBacktest(db, opts.county, { draft: opts.config, version: opts.version, document, label, from: opts.from, to: opts.to });
    } catch (err) {
      if (err instanceof HttpError) {
        const option = err.field ? OPTION_OF[err.field] ?? `--${err.field}` : '';
        const issues = err.issues;
        throw new CliError(`${option ? `${option}: ` : ''}${err.message}${issues?.length ? `\n${issueLines(issues)}` : ''}`);
      }
      throw err;
    }
    const threads = opts.threads === undefined ? undefined : Number(opts.threads);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 64)) throw new CliError('--threads: a whole number from 0 to 64');
    const bar = progressReporter(process.stderr);
    const handle = await startBacktest(db, {
      countyId: opts.county, source: prepared.source, document: prepared.document, from: prepared.from, to: prepared.to, createdBy: 'cli', now: Date.now, threads,
      onProgress: (p) => bar.update(p.done, p.total, p.totals),
    });
    const onSignal = () => {
      process.stderr.write('\ncancelling: the run keeps what it found so far\n');
      handle.cancel();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const status = await handle.finished;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const run = await getRun(db, opts.county, handle.id, Date.now());
    bar.update(run.done, run.total, run.totals ?? { events: 0, changed: 0, failed: 0, fields: {}, newlyLate: { accept: 0, resolve: 0, events: 0 } }, true);
    bar.end();
    printRun(run, (s) => process.stdout.write(s), prepared.timeZone);
    process.stdout.write(`run id: ${run.id} (reopen: pingtai backtest show ${run.id} --county ${opts.county})\n`);
    if (status === 'failed') process.exitCode = 1;
    if (status === 'cancelled') process.exitCode = 130;
  } finally {
    await db.close();
  }
}

async function showBacktest(id: string, opts: DbOptions & { county: string; changes?: string }): Promise<void> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new CliError(`RUN: "${id}" is not a backtest id`);
  const db = await open(opts, opts.county);
  try {
    let run: BacktestRun;
    try {
      run = await getRun(db, opts.county, id, Date.now());
    } catch (err) {
      if (err instanceof HttpError) throw new CliError(`RUN: ${err.message}`);
      throw err;
    }
    const document = (await db.models.ConfigVersion.findOne({ where: { countyId: opts.county }, order: [['version', 'DESC']], attributes: ['document'] }))?.document as { county?: { timeZone?: string } } | undefined;
    const timeZone = document?.county?.timeZone ?? 'Asia/Shanghai';
    printRun(run, (s) => process.stdout.write(s), timeZone);
    const n = opts.changes === undefined ? 0 : Number(opts.changes);
    if (!Number.isInteger(n) || n < 0 || n > 500) throw new CliError('--changes: a whole number from 0 to 500');
    if (n > 0) {
      for (const c of await listChanged(db, opts.county, id, { limit: n })) {
        const side = (s: Record<string, unknown>) => `level ${String(s.level)}, ${String(s.unit)}, ${String(s.dispatcher)}, ${String(s.slaPolicy)}`;
        process.stdout.write(`${c.eventId} ${c.category} ${c.township ?? ''}: ${c.changes.join(', ')}${c.newlyLate.length ? ` (newly late: ${c.newlyLate.join(', ')})` : ''}\n  before: ${side(c.before)}\n  after:  ${side(c.after)}\n`);
      }
    }
  } finally {
    await db.close();
  }
}

function reported(action: () => Promise<void>): Promise<void> {
  return action().catch((err: unknown) => {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    process.exitCode = 2;
  });
}

export function registerBacktestCommand(program: Command): void {
  const backtest = dbOptions(
    program
      .command('backtest')
      .description("decide a county's past events again under a draft, a published version or a file, and compare (docs/backtest.md)")
      .option('--county <id>', 'the county')
      .option('--config <draft>', "a draft's number")
      .option('--version <n>', 'a published version')
      .option('--file <path>', 'a config folder or bundled JSON file')
      .option('--from <date>', 'YYYY-MM-DD (county time) or a date-time with offset')
      .option('--to <date>', 'YYYY-MM-DD (inclusive) or a date-time with offset (exclusive)')
      .option('--threads <n>', 'worker threads (default: one per core; 0 decides on the main thread)'),
  ).action((opts: RunOptions & { county?: string; from?: string; to?: string }) =>
    reported(async () => {
      for (const name of ['county', 'from', 'to'] as const) if (opts[name] === undefined) throw new CliError(`--${name} is required`);
      await runBacktest(opts);
    }),
  );
  // the county and the database are the options of `backtest` itself (given before or after `show RUN`)
  backtest
    .command('show <run>')
    .description('print a saved backtest again (with --county and the database options)')
    .option('--changes <n>', 'also print its first N changed events')
    .action((id: string, opts: { changes?: string }, command: Command) =>
      reported(async () => {
        const all = { ...(command.parent!.opts() as DbOptions & { county?: string }), ...opts };
        if (all.county === undefined) throw new CliError('--county is required');
        await showBacktest(id, { ...all, county: all.county });
      }),
    );
}
