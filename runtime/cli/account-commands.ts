/**
 * `pingtai account create`: a county's first administrator (or anyone) from a shell. Prints the
 * temporary password once; the person changes it at the first sign-in.
 */
import type { Command } from 'commander';
import { pino } from 'pino';
import { ACCOUNT_ROLES, accountFields, createAccount } from '../auth/accounts';
import { openDatabase } from '../db/open-database';
import { HttpError } from '../http/errors';

interface AccountCreateOptions {
  data: string;
  databaseUrl?: string;
  county: string;
  name: string;
  phone?: string;
  username?: string;
  role: string;
  unit?: string;
}

export function registerAccountCommands(program: Command): void {
  const account = program.command('account').description("manage a county's accounts (people who sign in with a password)");
  account
    .command('create')
    .description('create an account and print its temporary password (shown once)')
    .requiredOption('--county <id>', 'county of the account')
    .requiredOption('--name <name>', "the person's name, as history shows it")
    .option('--phone <phone>', 'phone number to sign in with')
    .option('--username <name>', 'username to sign in with (instead of or beside the phone)')
    .requiredOption('--role <role>', `one of ${ACCOUNT_ROLES.join(', ')}`)
    .option('--unit <id>', 'unit the person works for: required for handlers and dispatchers, a grid for grid workers')
    .option('--data <dir>', 'folder of the SQLite database (env PINGTAI_DATA)', process.env.PINGTAI_DATA || './data')
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite (env DATABASE_URL)', process.env.DATABASE_URL || undefined)
    .action(async (opts: AccountCreateOptions) => {
      const db = await openDatabase({ url: opts.databaseUrl, dataDir: opts.data, logger: pino({ level: process.env.LOG_LEVEL || 'warn' }) });
      try {
        await db.migrate();
        const fields = accountFields(
          { name: opts.name, role: opts.role, ...(opts.phone ? { phone: opts.phone } : {}), ...(opts.username ? { username: opts.username } : {}), ...(opts.unit ? { unit: opts.unit } : {}) },
          'create',
        );
        const created = await createAccount(db, { county: opts.county, fields, now: Date.now() });
        process.stdout.write(`account ${created.account.id} (${created.account.name}, ${created.account.role})\ntemporary password: ${created.temporaryPassword}\n`);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        process.stderr.write(`error: ${err.field ? `--${err.field}: ` : ''}${err.message}\n`);
        process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
