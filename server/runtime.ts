/**
 * Opens what a Liaison process needs: configuration, the data directory lock (embedded mode),
 * the database with migrations applied, and the adapters. Used by `serve` and by CLI commands
 * that work on the data directory directly when no server holds it.
 */
import path from 'node:path';
import { loadConfig, type Config } from './config.ts';
import { openPglite, openPostgres, type Database } from './db/database.ts';
import { acquireLock, type DataDirLock } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import { systemClock } from './adapters/clock.ts';
import { fileKeyStore } from './adapters/keys.ts';
import type { Deps } from './deps.ts';

export interface Runtime {
  deps: Deps;
  lock: DataDirLock | null;
  migrationsApplied: string[];
  close(): Promise<void>;
}

export function pgliteDir(config: Config): string {
  return path.join(config.dataDir, 'db');
}

/** Opens the database named by the configuration (PGlite under the data directory by default). */
export async function openDatabase(config: Config, command: string): Promise<{ db: Database; lock: DataDirLock | null }> {
  if (config.databaseUrl) return { db: await openPostgres(config.databaseUrl), lock: null };
  const lock = acquireLock(config.dataDir, command);
  try {
    return { db: await openPglite(pgliteDir(config)), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export async function openRuntime(command: string, config: Config = loadConfig()): Promise<Runtime> {
  const { db, lock } = await openDatabase(config, command);
  const migrationsApplied = await migrate(db);
  const deps: Deps = { db, clock: systemClock, config, keys: fileKeyStore(config.dataDir) };
  return {
    deps,
    lock,
    migrationsApplied,
    async close() {
      await db.close();
      lock?.release();
    },
  };
}
