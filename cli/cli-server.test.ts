/**
 * The CLI while `liaison serve` holds the data directory: commands go through the server's API
 * (not around it), and restore is refused, naming the server's process.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPageSchema, type User } from '../domain/api.ts';
import { readLock, type LockInfo } from '../server/db/lock.ts';
import { CLI_VERSION } from './version.ts';
import { makeDataDir, runCli, runCliJson, spawnCli, waitFor } from './testing.ts';

const SLOW = 60_000;

/** Sends SIGTERM and waits for the exit; SIGKILL if the server does not stop in time. */
async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

describe('liaison with a running server', () => {
  let dataDir: string;
  let server: ChildProcess;
  let holder: LockInfo & { url: string };
  let serverOutput = '';

  beforeAll(async () => {
    dataDir = makeDataDir();
    server = spawnCli(['serve'], dataDir, { PORT: '0', HOST: '127.0.0.1' });
    server.stdout!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString('utf8')));
    server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString('utf8')));
    holder = await waitFor(
      () => {
        if (server.exitCode !== null) throw new Error(`liaison serve exited ${server.exitCode}: ${serverOutput}`);
        const lock = readLock(dataDir);
        return lock?.url ? { ...lock, url: lock.url } : undefined;
      },
      SLOW,
      'the server to record its URL in the lock file',
    );
  }, SLOW);

  afterAll(async () => {
    if (server) await stop(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, SLOW);

  it('records the serving process and its URL in the lock file', async () => {
    expect(holder.pid).toBe(server.pid);
    expect(holder.command).toBe('liaison serve');
    expect(holder.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The banner follows the lock update by a moment.
    await waitFor(() => (serverOutput.includes(`Liaison is running on ${holder.url}`) ? true : undefined), 10_000, 'the start-up banner');
  });

  it('goes through the server’s API, audited as operator:cli', { timeout: SLOW }, async () => {
    const users = await runCliJson<User[]>(['user', 'list'], dataDir);
    expect(users.map((u) => u.email)).toContain('admin@demo.liaison.test');

    const created = await runCli(['org', 'create', '--name', 'Served Unit', '--country', 'DE'], dataDir);
    expect(created.code).toBe(0);
    const list = await runCli(['org', 'list'], dataDir);
    expect(list.stdout).toMatch(/^ID\s+COUNTRY\s+NAME$/m);
    expect(list.stdout).toMatch(/^[0-9a-f-]{36}\s+DE\s+Served Unit$/m);
    // The server still holds the directory: the CLI did not open the database itself.
    expect(readLock(dataDir)?.pid).toBe(server.pid);

    const token = fs.readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    const response = await fetch(`${holder.url}/api/v1/audit?action=organisation.create`, { headers: { authorization: `Bearer ${token}` } });
    const { events } = auditPageSchema.parse(await response.json());
    const event = events.find((e) => e.details.name === 'Served Unit');
    expect(event).toMatchObject({ actorLabel: 'operator:cli', ip: '127.0.0.1', userAgent: `liaison-cli/${CLI_VERSION}` });
  });

  it('verifies the audit chain through the server', { timeout: SLOW }, async () => {
    const result = await runCli(['audit', 'verify', '--json'], dataDir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, checked: expect.any(Number), firstBad: null });
  });

  it('refuses to restore while the server runs, naming its process', { timeout: SLOW }, async () => {
    const file = path.join(dataDir, 'backup.tar.gz');
    expect((await runCli(['backup', file], dataDir)).code).toBe(0);
    const result = await runCli(['restore', file], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`process ${server.pid}`);
    expect(result.stderr).toContain('stop it first');
    expect(fs.readdirSync(dataDir).some((name) => name.startsWith('db.before-restore-'))).toBe(false);
  });

  it('stops on SIGTERM, releasing the lock and removing the operator token', { timeout: SLOW }, async () => {
    expect(await stop(server)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'liaison.lock'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'operator.token'))).toBe(false);
  });
});
