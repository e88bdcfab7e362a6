/**
 * One embedded data directory, one process: a second opener (another process, or this one) is
 * refused with DataDirLockedError naming the holder's PID; once the holder exits, or when the lock
 * file names a process that no longer exists, opening succeeds.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { acquireLock, DataDirLockedError, lockFilePath, readLock, type LockInfo } from '../../server/db/lock.ts';
import { openRuntime, type Runtime } from '../../server/runtime.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/hold-datadir.ts', import.meta.url));
const FIXTURE_COMMAND = 'test fixture: hold-datadir';

const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
let runtime: Runtime | undefined;

const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-lock-'));
  dirs.push(dir);
  return dir;
};
const configFor = (dataDir: string) => loadConfig({ LIAISON_DATA_DIR: dataDir, LIAISON_LOG_LEVEL: 'silent' });
const lockOf = (dir: string) => JSON.parse(fs.readFileSync(lockFilePath(dir), 'utf8')) as LockInfo;

afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Holder {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  migrations: number;
  exited: Promise<number | null>;
}

/** Starts the fixture holding `dir`; resolves once it holds the lock (or rejects with its stderr). */
function spawnFixture(dir: string): { child: ChildProcessWithoutNullStreams; exited: Promise<number | null>; firstLine: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir], { cwd: ROOT, stdio: 'pipe' });
  children.push(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    void exited.then((code) => reject(new Error(`fixture exited with ${code} before holding the lock: ${stderr}`)));
  });
  firstLine.catch(() => undefined); // a fixture expected to fail is awaited through `exited`
  return { child, exited, firstLine, stderr: () => stderr };
}

async function hold(dir: string): Promise<Holder> {
  const { child, exited, firstLine } = spawnFixture(dir);
  const { pid, migrations } = JSON.parse(await firstLine) as { pid: number; migrations: number };
  return { child, pid, migrations, exited };
}

describe('the data directory lock', () => {
  it('refuses a second process while the first holds the directory, naming its PID; frees it when the holder exits', async () => {
    const dir = tempDir();
    const holder = await hold(dir);
    expect(holder.pid).toBe(holder.child.pid);
    expect(holder.migrations).toBeGreaterThan(0); // a fresh directory, migrated by the holder
    expect(lockOf(dir)).toMatchObject({ pid: holder.pid, command: FIXTURE_COMMAND });
    expect(readLock(dir)?.pid).toBe(holder.pid);

    // Another process is refused and says by whom.
    const second = spawnFixture(dir);
    expect(await second.exited).not.toBe(0);
    expect(second.stderr()).toContain('DataDirLockedError');
    expect(second.stderr()).toContain(`in use by process ${holder.pid}`);

    // So is this process.
    const refusal = await openRuntime('second opener', configFor(dir)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    const locked = refusal as DataDirLockedError;
    expect(locked.message).toContain(`in use by process ${holder.pid}`);
    expect(locked.message).toContain(FIXTURE_COMMAND);
    expect(locked.holder.pid).toBe(holder.pid);
    expect(locked.lockFile).toBe(lockFilePath(dir));

    // The refusals left the holder and its lock alone.
    expect(holder.child.exitCode).toBeNull();
    expect(lockOf(dir).pid).toBe(holder.pid);

    // The holder closes: the lock goes with it, and the directory opens with its data intact.
    holder.child.stdin.write('close\n');
    expect(await holder.exited).toBe(0);
    expect(fs.existsSync(lockFilePath(dir))).toBe(false);
    runtime = await openRuntime('after the holder', configFor(dir));
    expect(runtime.migrationsApplied).toEqual([]); // already migrated by the holder
    expect(lockOf(dir).pid).toBe(process.pid);
    await runtime.close();
    runtime = undefined;
    expect(fs.existsSync(lockFilePath(dir))).toBe(false);
  });

  it('takes over the lock of a holder that was killed (no chance to clean up)', async () => {
    const dir = tempDir();
    const holder = await hold(dir);
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(lockOf(dir).pid).toBe(holder.pid); // the stale file is still there
    expect(readLock(dir)).toBeUndefined(); // but counts as free
    runtime = await openRuntime('after a crash', configFor(dir));
    expect(lockOf(dir).pid).toBe(process.pid);
    const { rows } = await runtime.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('treats a lock file naming a dead PID as stale', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const dir = tempDir();
    fs.writeFileSync(lockFilePath(dir), JSON.stringify({ pid: deadPid, startedAt: '2026-01-01T00:00:00.000Z', command: 'ghost' }));
    runtime = await openRuntime('over a stale lock', configFor(dir));
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, command: 'over a stale lock' });
    await runtime.close();
    runtime = undefined;
    expect(fs.existsSync(lockFilePath(dir))).toBe(false);
  });

  it('treats an unreadable lock file as stale, but a live holder’s as taken', () => {
    const dir = tempDir();
    fs.writeFileSync(lockFilePath(dir), 'not json');
    const lock = acquireLock(dir, 'over garbage');
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, command: 'over garbage' });
    lock.release();
    // A live process other than this one (the parent of this worker) holds it: refused.
    fs.writeFileSync(lockFilePath(dir), JSON.stringify({ pid: process.ppid, startedAt: '2026-01-01T00:00:00.000Z', command: 'live' }));
    expect(() => acquireLock(dir, 'second')).toThrow(new RegExp(`in use by process ${process.ppid} \\(live,`));
  });
});
