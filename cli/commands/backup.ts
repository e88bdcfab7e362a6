/**
 * `liaison backup` and `liaison restore`: the embedded database as one gzipped tarball.
 * A backup goes through the API (so it works while the server runs, and is audited); a restore
 * replaces the database files, so it needs the data directory to itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { readLock } from '../../server/db/lock.ts';
import { addDataDirOption, configFor, withApi } from '../context.ts';
import { CliError } from '../errors.ts';
import { print } from '../output.ts';

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function registerBackupCommands(program: Command): void {
  addDataDirOption(
    program
      .command('backup')
      .description('write a backup of the embedded database (gzipped tarball) to <file>; works while the server runs')
      .argument('<file>', 'the file to write (created readable by you only)')
      .option('-f, --force', 'overwrite <file> if it exists')
      .addHelpText('after', '\nBack up <data-dir>/keys/ separately: without the audit key, old checkpoints cannot be verified.\nPostgreSQL deployments use pg_dump instead.'),
  ).action(async (file: string, options: { force?: boolean }, command: Command) => {
    const target = path.resolve(file);
    if (!options.force && fs.existsSync(target)) throw new CliError(`${target} exists; choose another name or add --force`);
    const archive = await withApi(command, (api) => api.download('/api/v1/system/backup'));
    // Written beside the target and renamed, so a failed backup never leaves a truncated file;
    // 0600 because the database holds password hashes and personal data.
    const partial = `${target}.partial-${process.pid}`;
    try {
      fs.writeFileSync(partial, archive, { mode: 0o600 });
      fs.renameSync(partial, target);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw new CliError(`cannot write ${target}: ${(error as Error).message}`);
    }
    print(`Backup written to ${target} (${formatSize(archive.length)}).`);
  });

  addDataDirOption(
    program
      .command('restore')
      .description('replace the embedded database with a backup made by `liaison backup`; the server must be stopped')
      .argument('<file>', 'the backup to restore')
      .addHelpText('after', '\nThe current database is kept beside the restored one (<data-dir>/db.before-restore-…), so a restore can be undone.'),
  ).action(async (file: string, _options: unknown, command: Command) => {
    const config = configFor(command);
    const source = path.resolve(file);
    if (!fs.existsSync(source)) throw new CliError(`${source} does not exist`);
    const holder = readLock(config.dataDir);
    if (holder)
      throw new CliError(
        `cannot restore while process ${holder.pid} (${holder.command}${holder.url ? ` at ${holder.url}` : ''}) uses ${config.dataDir}: stop it first`,
      );
    const [{ restoreDatabase }, { pgliteDir }] = await Promise.all([
      import('../../server/modules/system/backup.service.ts'),
      import('../../server/runtime.ts'),
    ]);
    const { previous } = await restoreDatabase(config, source);
    print(
      `Restored ${source} into ${pgliteDir(config)}.`,
      previous
        ? `The previous database was kept at ${previous}; delete it once you have checked the restored data.`
        : 'There was no previous database.',
    );
  });
}
