/**
 * `pingtai audit verify --county C`: recomputes the county's hash chains (config versions, event
 * history, account changes; docs/audit.md) and exits 1 naming the first broken entry of each
 * broken chain, 0 when all verify.
 */
import type { Command } from 'commander';
import { pino } from 'pino';
import { verifyCounty } from '../audit/chain-verifier';
import { openDatabase } from '../db/open-database';

interface AuditVerifyOptions {
  data: string;
  databaseUrl?: string;
  county: string;
}

const LOG_NAMES = { config: 'config versions', event: 'event history', account: 'account changes' } as const;

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description("check a county's tamper-evident logs");
  audit
    .command('verify')
    .description('recompute the hash chains of a county; exit 1 naming the first broken entry')
    .requiredOption('--county <id>', 'the county to verify')
    .option('--data <dir>', 'folder of the SQLite database (env PINGTAI_DATA)', process.env.PINGTAI_DATA || './data')
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite (env DATABASE_URL)', process.env.DATABASE_URL || undefined)
    .action(async (opts: AuditVerifyOptions) => {
      const db = await openDatabase({ url: opts.databaseUrl, dataDir: opts.data, logger: pino({ level: process.env.LOG_LEVEL || 'warn' }) });
      try {
        const pending = await db.pendingMigrations();
        if (pending.length > 0) {
          process.stderr.write(`error: the database is not migrated (pending: ${pending.join(', ')}); run \`pingtai migrate\` first\n`);
          process.exitCode = 2;
          return;
        }
        const county = await db.models.County.findOne({ where: { id: opts.county }, attributes: ['id'] });
        if (!county) {
          process.stderr.write(`error: --county: county "${opts.county}" not found\n`);
          process.exitCode = 2;
          return;
        }
        let broken = 0;
        for (const r of await verifyCounty(db, opts.county)) {
          if (r.broken) {
            broken++;
            process.stdout.write(`${LOG_NAMES[r.log]}: BROKEN after ${r.verified} verified: ${r.broken.kind}: ${r.broken.entry}: ${r.broken.message}\n`);
          } else {
            process.stdout.write(`${LOG_NAMES[r.log]}: ${r.verified} verified\n`);
          }
        }
        process.stdout.write(broken === 0 ? `county ${opts.county}: all chains verify\n` : `county ${opts.county}: ${broken} broken chain${broken === 1 ? '' : 's'}\n`);
        if (broken > 0) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
