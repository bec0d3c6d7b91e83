/**
 * CLI commands of the platform administrator: `county create | list | disable | enable` and
 * `platform token`. The same functions as the API's `/counties` routes, on the database directly.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { Issue } from '../../engine/index';
import { createPlatformToken } from '../auth/platform-tokens';
import { loadConfigPath } from '../config-loader';
import { CountyError, createCounty, type CountySource } from '../counties/create-county';
import { listCounties } from '../counties/county-list';
import { setCountyDisabled } from '../counties/county-status';
import { ConfigRepository } from '../db/config-repository';
import { withDatabase, withDbOptions, type DbOptions } from './server-commands';

function fail(message: string): void {
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = 1;
}

function issueLines(issues: readonly Issue[]): string {
  return issues.map((i) => `  ${i.file ? `${i.file}:` : ''}${i.pointer || '/'}: ${i.message}\n`).join('');
}

interface CreateOptions extends DbOptions {
  name?: string;
  catalog?: string;
  config?: string;
}

/** The source the options name: `--catalog` or `--config FILE` (a bundled document or a folder; `extends` resolved). */
async function sourceOf(opts: CreateOptions): Promise<CountySource | string> {
  if ((opts.catalog === undefined) === (opts.config === undefined)) return 'give either --catalog CATALOG or --config FILE';
  if (opts.catalog !== undefined) return { type: 'catalog', catalog: opts.catalog };
  const loaded = await loadConfigPath(path.resolve(opts.config!));
  if (!loaded.ok) return `${opts.config} does not load:\n${issueLines(loaded.issues)}`.trimEnd();
  return { type: 'document', document: loaded.value.config };
}

export function registerCountyCommands(program: Command): void {
  const county = program.command('county').description("counties of the platform (the platform administrator's work)");

  withDbOptions(
    county
      .command('create <id>')
      .description("create a county from a catalog or a config file; prints its first county-admin token and its Open311 api key (each shown once)")
      .option('--name <name>', "the county's name (default: the config's county name)")
      .option('--catalog <catalog>', 'a catalog id, e.g. zhejiang-four-platforms')
      .option('--config <file>', 'a bundled config (one JSON file, may extend a catalog) or a config folder'),
  ).action(async (id: string, opts: CreateOptions) => {
    const source = await sourceOf(opts);
    if (typeof source === 'string') return fail(source);
    await withDatabase(opts, async (db) => {
      await db.migrate();
      try {
        const created = await createCounty({ db, configs: new ConfigRepository(db) }, { id, name: opts.name, source, createdBy: 'cli', now: Date.now() });
        process.stdout.write(
          `created county "${created.id}" (${created.name}), config version ${created.activeVersion} active\n` +
            `county-admin token (shown once): ${created.adminToken}\n` +
            `Open311 api_key (shown once): ${created.open311Key}\n`,
        );
      } catch (err) {
        if (!(err instanceof CountyError)) throw err;
        fail(`${err.message} (${err.field})${err.issues ? `\n${issueLines(err.issues)}`.trimEnd() : ''}`);
      }
    });
  });

  withDbOptions(county.command('list').description('list the counties: id, status, active config version, created, name')).action(async (opts: DbOptions) => {
    await withDatabase(opts, async (db) => {
      await db.migrate();
      for (const c of await listCounties(db)) process.stdout.write(`${c.id}\t${c.status}\tv${c.activeVersion ?? '-'}\t${c.createdAt}\t${c.name}\n`);
    });
  });

  for (const [command, disabled] of [['disable', true], ['enable', false]] as const) {
    withDbOptions(county.command(`${command} <id>`).description(disabled ? "disable a county: its tokens and Open311 api key stop working; its data stays" : 'enable a disabled county again')).action(
      async (id: string, opts: DbOptions) => {
        await withDatabase(opts, async (db) => {
          await db.migrate();
          if (!(await setCountyDisabled(db, { county: id, disabled, now: Date.now() }))) return fail(`county "${id}" does not exist`);
          process.stdout.write(`county "${id}" ${disabled ? 'disabled' : 'enabled'}\n`);
        });
      },
    );
  }

  const platform = program.command('platform').description('the platform administrator');
  withDbOptions(platform.command('token').description("create a platform administrator's token and print it (stored only as a hash)").option('--label <text>', 'who holds it')).action(
    async (opts: DbOptions & { label?: string }) => {
      await withDatabase(opts, async (db) => {
        await db.migrate();
        process.stdout.write(`${(await createPlatformToken(db, { label: opts.label ?? 'platform administrator' })).token}\n`);
      });
    },
  );
}
