/**
 * Backup and restore of the embedded database. PGlite dumps its whole data directory as one
 * gzipped tarball; PostgreSQL deployments use their own tools (pg_dump, base backups).
 */
import fs from 'node:fs';
import type { Config } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { openPglite } from '../../db/database.ts';
import { acquireLock } from '../../db/lock.ts';
import { migrate } from '../../db/migrate.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { pgliteDir } from '../../runtime.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { systemClock } from '../../adapters/clock.ts';

export async function backupDatabase(deps: Deps, actor: Actor): Promise<Buffer> {
  if (actor.kind !== 'operator') throw forbidden('Only the instance operator takes backups');
  if (!deps.db.dumpDataDir) throw new AppError('conflict', 'This instance runs on PostgreSQL: back it up with pg_dump');
  // Audit first, so the backup contains the record of its own making.
  await deps.db.transaction((tx) => appendAudit(deps, tx, actor, { action: 'system.backup' }));
  const blob = await deps.db.dumpDataDir();
  return Buffer.from(await blob.arrayBuffer());
}

/**
 * Replaces the embedded database with a backup. Needs the data directory lock (no server may be
 * running); the previous database is kept beside it, renamed, so a restore can be undone.
 */
export async function restoreDatabase(config: Config, file: string): Promise<{ previous: string | null }> {
  if (config.databaseUrl) throw new Error('DATABASE_URL is set: restore a PostgreSQL database with its own tools (pg_restore)');
  const archive = fs.readFileSync(file);
  const lock = acquireLock(config.dataDir, 'liaison restore');
  try {
    const dir = pgliteDir(config);
    let previous: string | null = null;
    if (fs.existsSync(dir)) {
      previous = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dir, previous);
    }
    try {
      const db = await openPglite(dir, new Blob([archive]));
      try {
        await migrate(db);
        await db.transaction((tx) =>
          appendAudit({ clock: systemClock }, tx, { kind: 'operator', label: 'cli', ip: null, userAgent: null }, { action: 'system.restore', details: { file, previous } }),
        );
      } finally {
        await db.close();
      }
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (previous) fs.renameSync(previous, dir);
      throw new Error(`${file} is not a Liaison backup that can be restored: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return { previous };
  } finally {
    lock.release();
  }
}
