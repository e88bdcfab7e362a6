/**
 * What every command shares: the common options, the configuration (with `--data-dir`
 * applied), and `withApi`, which connects, runs a command's calls and always disconnects.
 */
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig, type Config } from '../server/config.ts';
import { ApiClient } from './api.ts';
import { connect } from './transport.ts';

/** `--data-dir DIR`: overrides LIAISON_DATA_DIR for this command. */
export function addDataDirOption(command: Command): Command {
  return command.addOption(
    new Option('-d, --data-dir <dir>', 'data directory (default ./data)').env('LIAISON_DATA_DIR'),
  );
}

/** `--json`: print machine-readable JSON instead of text. */
export function addJsonOption(command: Command, what = 'the result'): Command {
  return command.option('--json', `print ${what} as JSON`);
}

/** The configuration for a command: the environment, with its `--data-dir` applied. */
export function configFor(command: Command): Config {
  const dataDir = (command.opts() as { dataDir?: string }).dataDir;
  // Through the environment, so code that reads it itself (serve) sees the same directory.
  if (dataDir) process.env.LIAISON_DATA_DIR = path.resolve(dataDir);
  return loadConfig();
}

/** `liaison user list`: how the command names itself in the lock file. */
export function commandLine(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Connects to the API for `command`, runs `fn`, and disconnects (releasing the data directory). */
export async function withApi<T>(command: Command, fn: (api: ApiClient) => Promise<T>): Promise<T> {
  const transport = await connect(configFor(command), commandLine(command));
  try {
    return await fn(new ApiClient(transport));
  } finally {
    await transport.close();
  }
}

/** Parses a positive whole number option (`--expires-in-days 30`); anything else is a usage error. */
export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

/** Parses a TCP port (0 = any free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) throw new InvalidArgumentError('Expected a port number (0–65535).');
  return port;
}
