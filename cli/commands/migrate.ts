/** `liaison migrate`: apply pending database migrations (the server also does this at start). */
import type { Command } from 'commander';
import { readLock } from '../../server/db/lock.ts';
import { addDataDirOption, commandLine, configFor } from '../context.ts';
import { CliError } from '../errors.ts';
import { print } from '../output.ts';

export function registerMigrateCommand(program: Command): void {
  addDataDirOption(
    program
      .command('migrate')
      .description('apply pending database migrations and list them (`liaison serve` also applies them at start)'),
  ).action(async (_options: unknown, command: Command) => {
    const config = configFor(command);
    const holder = config.databaseUrl ? undefined : readLock(config.dataDir);
    if (holder?.command === 'liaison serve')
      throw new CliError(`the server (process ${holder.pid}) holds ${config.dataDir} and applied its migrations when it started; restart it to apply newer ones`);
    const { openRuntime } = await import('../../server/runtime.ts');
    const runtime = await openRuntime(commandLine(command), config);
    await runtime.close();
    const applied = runtime.migrationsApplied;
    const where = config.databaseUrl ? 'the PostgreSQL database' : `the embedded database in ${config.dataDir}`;
    if (applied.length === 0) return print(`Database up to date (${where}).`);
    print(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${where}:`, ...applied.map((id) => `  ${id}`));
  });
}
