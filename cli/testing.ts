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

/** Starts `node cli/bin.mjs …args` (for long-running commands such as `serve`). */
export function spawnCli(args: string[], dataDir: string, extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(dataDir, extra), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `liaison …args` to completion. */
export function runCli(args: string[], dataDir: string, extra: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, dataDir, extra);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command that prints JSON and must succeed. */
export async function runCliJson<T>(args: string[], dataDir: string): Promise<T> {
  const result = await runCli([...args, '--json'], dataDir);
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
