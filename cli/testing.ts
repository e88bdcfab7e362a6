/** Test support: run the real `liaison` binary as a child process against a scratch data directory. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'cli', 'bin.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh, empty data directory under the system temp directory. */
export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-cli-test-'));
}

/** The environment of a CLI child: this data directory, quiet logs, never a PostgreSQL URL. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LIAISON_DATA_DIR: dataDir, LIAISON_LOG_LEVEL: 'silent', ...extra };
  delete env.DATABASE_URL;
  return env;
}

/** Starts `node cli/bin.mjs …args` (for long-running commands such as `serve`); `stdin: 'pipe'` to feed it input. */
export function spawnCli(args: string[], dataDir: string, extra: Record<string, string> = {}, stdin: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(dataDir, extra), stdio: [stdin, 'pipe', 'pipe'] });
}

/** Runs `liaison …args` to completion; `input`, if given, is its standard input. */
export function runCli(args: string[], dataDir: string, extra: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, dataDir, extra, input === undefined ? 'ignore' : 'pipe');
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command that prints JSON and must succeed. */
export async function runCliJson<T>(args: string[], dataDir: string, extra: Record<string, string> = {}): Promise<T> {
  const result = await runCli([...args, '--json'], dataDir, extra);
  if (result.code !== 0) throw new Error(`liaison ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Waits until `check` returns a value, polling; throws after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A user ready for case work: an API token whose owner has finished the first sign-in. */
export interface CaseUser {
  id: string;
  email: string;
  /** The API token's secret, for LIAISON_TOKEN. */
  token: string;
}

/**
 * Seeds an organisation and users who can do case work from the CLI. As the operator (the CLI's
 * own transport, in this process): the organisation, the users and an API token each. Then, as
 * each user through their token, what a person does at first sign-in in the web app: replace the
 * one-time password and enrol a second factor; until then the API refuses case work.
 * LIAISON_TOKEN is the only environment variable this process changes; it is restored.
 */
export async function seedCaseUsers(
  dataDir: string,
  organisation: { name: string; country: string },
  people: { email: string; name: string; roles: string[] }[],
): Promise<CaseUser[]> {
  const [{ loadConfig }, { connect }, { ApiClient }, { totpCode }, api] = await Promise.all([
    import('../server/config.ts'),
    import('./transport.ts'),
    import('./api.ts'),
    import('../server/modules/auth/totp.ts'),
    import('../domain/api.ts'),
  ]);
  const saved = process.env.LIAISON_TOKEN;
  delete process.env.LIAISON_TOKEN;
  const client = new ApiClient(await connect(loadConfig(cliEnv(dataDir)), 'test seed'));
  try {
    const org = await client.post(api.organisationSchema, '/api/v1/organisations', organisation);
    const users: CaseUser[] = [];
    for (const person of people) {
      delete process.env.LIAISON_TOKEN;
      const created = await client.post(api.createdUserSchema, '/api/v1/users', { email: person.email, displayName: person.name, roles: person.roles, organisationId: org.id });
      const { secret } = await client.post(api.createdTokenSchema, `/api/v1/users/${created.user.id}/tokens`, { name: 'CLI tests' });
      process.env.LIAISON_TOKEN = secret;
      await client.post(api.loginResultSchema, '/api/v1/auth/password', { currentPassword: created.oneTimePassword, newPassword: `Test-${secret.slice(-24)}` });
      const setup = await client.post(api.totpSetupSchema, '/api/v1/auth/mfa/totp/setup');
      await client.post(api.recoveryCodesSchema, '/api/v1/auth/mfa/totp/enable', { code: totpCode(setup.secret, new Date()) });
      users.push({ id: created.user.id, email: created.user.email, token: secret });
    }
    return users;
  } finally {
    if (saved === undefined) delete process.env.LIAISON_TOKEN;
    else process.env.LIAISON_TOKEN = saved;
    await client.transport.close();
  }
}
