/**
 * An exclusive lock on an embedded data directory. Two processes writing one PGlite directory
 * silently lose writes, so the second opener is refused with the holder's PID. The lock file also
 * tells the CLI where the running server listens, so it can go through the API instead.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  startedAt: string;
  /** Set by `liaison serve` once it listens: the CLI talks to this URL. */
  url?: string;
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data directory ${path.dirname(lockFile)} is in use by process ${holder.pid} ` +
        `(${holder.command}, since ${holder.startedAt}). Stop it first, or point ` +
        `LIAISON_DATA_DIR elsewhere. If that process no longer exists, delete ${lockFile}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export function lockFilePath(dataDir: string): string {
  return path.join(dataDir, 'liaison.lock');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Returns the live holder of the lock, or undefined (a stale file from a dead process counts as free). */
export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')) as LockInfo;
    return isAlive(info.pid) && info.pid !== process.pid ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  /** Records the URL the server listens on, for the CLI. */
  setUrl(url: string): void;
  release(): void;
}

/** Takes the lock or throws DataDirLockedError. Stale locks of dead processes are taken over. */
export function acquireLock(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFilePath(dataDir);
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), command };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return {
        setUrl(url) {
          info.url = url;
          fs.writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
        },
        release,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(dataDir);
      if (holder) throw new DataDirLockedError(file, holder);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
