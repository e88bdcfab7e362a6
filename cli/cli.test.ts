/**
 * The CLI end to end in direct mode: each command is the real binary in a child process, opening
 * a scratch data directory itself (no server). Tests run in order and share the directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken, CreatedUser, Organisation, User } from '../domain/api.ts';
import { openPglite } from '../server/db/database.ts';
import { acquireLock } from '../server/db/lock.ts';
import { makeDataDir, runCli, runCliJson } from './testing.ts';

const SLOW = 60_000;

// Usage errors never open the database, so these run side by side.
describe.concurrent('liaison usage', () => {
  const dataDir = makeDataDir();
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints help and exits 0', async () => {
    const result = await runCli(['--help'], dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: liaison');
    for (const command of ['serve', 'migrate', 'org', 'user', 'token', 'audit', 'backup', 'restore']) expect(result.stdout).toContain(command);
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['frobnicate'], dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('exits 2 when a required option is missing', async () => {
    const result = await runCli(['org', 'create', '--name', 'Unit'], dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--country');
  });

  it('exits 2 on a role that does not exist', async () => {
    const result = await runCli(['user', 'create', '--email', 'a@example.org', '--name', 'A', '--role', 'superuser'], dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Allowed choices');
  });
});

describe('liaison in direct mode', () => {
  let dataDir: string;
  let organisation: Organisation;

  beforeAll(() => {
    dataDir = makeDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates an organisation', { timeout: SLOW }, async () => {
    organisation = await runCliJson<Organisation>(['org', 'create', '--name', 'Test Cybercrime Unit', '--country', 'fr'], dataDir);
    expect(organisation).toMatchObject({ name: 'Test Cybercrime Unit', country: 'FR' });
  });

  it('creates a user, printing the one-time password once, and lists it', { timeout: SLOW }, async () => {
    const created = await runCli(
      ['user', 'create', '--email', 'Alice@Example.org', '--name', 'Alice Example', '--role', 'admin', '--role', 'auditor', '--org', organisation.id],
      dataDir,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created alice@example.org');
    expect(created.stdout).toMatch(/One-time password/);
    const users = await runCliJson<User[]>(['user', 'list'], dataDir);
    expect(users).toEqual([expect.objectContaining({ email: 'alice@example.org', roles: ['admin', 'auditor'], organisationId: organisation.id, disabled: false })]);
  });

  it('refuses an invalid e-mail address with exit 1, naming the field', { timeout: SLOW }, async () => {
    const result = await runCli(['user', 'create', '--email', 'not-an-address', '--name', 'B', '--role', 'investigator', '--org', organisation.name], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^liaison: /);
    expect(result.stderr).toContain('  email: must be a valid e-mail address');
  });

  it('sets roles with the judge flag, and a supervisor', { timeout: SLOW }, async () => {
    await runCli(['user', 'create', '--email', 'judge@example.org', '--name', 'J. Example', '--role', 'investigator', '--org', organisation.id], dataDir);
    const judge = await runCli(['user', 'roles', 'judge@example.org', '--role', 'prosecutor', '--judge'], dataDir);
    expect(judge.code, judge.stderr).toBe(0);
    expect(judge.stdout).toBe('judge@example.org: prosecutor (judge or court).\n');
    const refused = await runCli(['user', 'roles', 'judge@example.org', '--role', 'investigator', '--judge'], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('judge: a judge or court also holds the prosecutor role');
    const supervised = await runCliJson<User>(['user', 'supervisor', 'alice@example.org', 'judge@example.org'], dataDir);
    const users = await runCliJson<User[]>(['user', 'list'], dataDir);
    expect(supervised.supervisorId).toBe(users.find((u) => u.email === 'judge@example.org')!.id);
    expect((await runCli(['user', 'supervisor', 'alice@example.org'], dataDir)).code).toBe(2);
    expect((await runCli(['user', 'supervisor', 'alice@example.org', '--none'], dataDir)).stdout).toBe('alice@example.org has no supervisor.\n');
  });

  it('disables a user by e-mail', { timeout: SLOW }, async () => {
    const result = await runCli(['user', 'disable', 'alice@example.org'], dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Disabled alice@example.org');
    const table = await runCli(['user', 'list'], dataDir);
    expect(table.stdout).toMatch(/alice@example\.org\s+Alice Example\s+Test Cybercrime Unit\s+admin,auditor\s+disabled/);
  });

  it('creates an API token, printing its secret, and revokes it', { timeout: SLOW }, async () => {
    const created = await runCli(['token', 'create', '--user', 'alice@example.org', '--name', 'nightly export', '--expires-in-days', '30'], dataDir);
    expect(created.code).toBe(0);
    const secret = created.stdout.split('\n').map((line) => line.trim()).find((line) => /^lia_/.test(line));
    expect(secret).toMatch(/^lia_[A-Za-z0-9]+_[A-Za-z0-9_-]{20,}$/);
    const tokenId = /\(id ([0-9a-f-]{36});/.exec(created.stdout)?.[1];
    expect(tokenId).toBeDefined();

    const revoked = await runCli(['token', 'revoke', '--user', 'alice@example.org', tokenId!], dataDir);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked the API token "nightly export" (${tokenId}) of alice@example.org`);
    const [token] = await runCliJson<ApiToken[]>(['token', 'list', '--user', 'alice@example.org'], dataDir);
    expect(token).toMatchObject({ id: tokenId, name: 'nightly export', revokedAt: expect.any(String) });
  });

  it('refuses to open a data directory another process holds (exit 1, naming it)', async () => {
    const lock = acquireLock(dataDir, 'test holder');
    try {
      const result = await runCli(['user', 'list'], dataDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`in use by process ${process.pid} (test holder`);
    } finally {
      lock.release();
    }
  });

  it('verifies the audit chain', { timeout: SLOW }, async () => {
    const result = await runCli(['audit', 'verify'], dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Audit chain intact: \d+ events checked$/m);
  });

  it('backs up and restores the database', { timeout: SLOW }, async () => {
    const file = path.join(dataDir, 'backup.tar.gz');
    const backup = await runCli(['backup', file], dataDir);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backup written to ${file}`);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    expect((await runCli(['backup', file], dataDir)).code).toBe(1); // no overwrite without --force

    await runCliJson<CreatedUser>(['user', 'create', '--email', 'bob@example.org', '--name', 'Bob', '--role', 'investigator', '--org', organisation.id], dataDir);
    const restore = await runCli(['restore', file], dataDir);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/The previous database was kept at .*db\.before-restore-/);

    // Bob, created after the backup, is gone; the users of the backup are back.
    const users = await runCliJson<User[]>(['user', 'list'], dataDir);
    expect(users.map((u) => u.email)).toEqual(['alice@example.org', 'judge@example.org']);
  });

  it('names the first altered audit event and exits 1', { timeout: SLOW }, async () => {
    const db = await openPglite(path.join(dataDir, 'db'));
    try {
      await db.query("UPDATE audit_events SET action = 'x' WHERE seq = 2");
    } finally {
      await db.close();
    }
    const result = await runCli(['audit', 'verify'], dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Audit chain BROKEN at event 2: content does not match its hash');
  });
});
