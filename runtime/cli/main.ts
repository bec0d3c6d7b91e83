/** The `pingtai` command line. */
import { Command } from 'commander';
import { registerConfigCommands } from './config-commands';
import { registerLintCommand } from './lint-command';

const program = new Command();
program.name('pingtai').description('pingtai — low-code rules and forms engine for the Four Platforms model').showHelpAfterError();
registerConfigCommands(program);
registerLintCommand(program);
try {
  const server = await import('./server-commands');
  server.registerServerCommands(program);
  (await import('./account-commands')).registerAccountCommands(program);
  (await import('./county-commands')).registerCountyCommands(program);
  (await import('./audit-commands')).registerAuditCommands(program);
  (await import('./backtest-command')).registerBacktestCommand(program);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}
await program.parseAsync(process.argv);
