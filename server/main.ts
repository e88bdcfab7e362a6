/** `npm start` / `liaison serve`: config → database → migrations → app → listen → jobs. */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { DataDirLockedError } from './db/lock.ts';
import { startJobs } from './jobs/jobs.ts';
import { randomSecret } from './modules/auth/crypto.ts';
import { systemActor } from './modules/auth/actor.ts';
import { importDirectory } from './modules/directory/directory.service.ts';
import { ensureDemoAccount } from './modules/users/users.service.ts';
import { openRuntime } from './runtime.ts';

async function loadSampleDirectory(deps: Parameters<typeof importDirectory>[0]): Promise<{ authorities: number; providers: number }> {
  const read = (name: string) => fs.readFileSync(new URL(`../data/directory/${name}`, import.meta.url), 'utf8');
  const actor = systemActor('bootstrap');
  const a = await importDirectory(deps, actor, { kind: 'authorities', format: 'json', content: read('sample-authorities.json') });
  const p = await importDirectory(deps, actor, { kind: 'providers', format: 'json', content: read('sample-providers.json') });
  return { authorities: a.created, providers: p.created };
}

export async function serve(): Promise<void> {
  const runtime = await openRuntime('liaison serve');
  const { deps } = runtime;
  const demo = await ensureDemoAccount(deps, systemActor('bootstrap'));
  // A first start also gets the fictitious sample directory, so the demo has someone to ask.
  const samples = demo ? await loadSampleDirectory(deps) : null;

  // A fresh operator token per start, readable only by whoever can read the data directory.
  const operatorToken = randomSecret();
  const tokenFile = path.join(deps.config.dataDir, 'operator.token');
  fs.writeFileSync(tokenFile, operatorToken, { mode: 0o600 });

  const app = await buildApp(deps, { operatorToken });
  let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;
  let address: string;
  try {
    jobs = await startJobs(deps, app.log);
    address = await app.listen({ host: deps.config.host, port: deps.config.port });
  } catch (error) {
    // A failed start (port taken, …) leaves nothing behind: no token file, no lock, no timers.
    await app.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    fs.rmSync(tokenFile, { force: true });
    await runtime.close();
    throw error;
  }
  runtime.lock?.setUrl(address);

  const url = address.replace('://127.0.0.1', '://127.0.0.1').replace('[::1]', 'localhost');
  const lines = [
    '',
    `Liaison is running on ${url}  (database: ${deps.db.kind === 'pglite' ? `embedded, ${deps.config.dataDir}` : 'PostgreSQL'})`,
    `API documentation: ${url}/api/docs`,
  ];
  if (demo)
    lines.push(
      '',
      'Demo account created (fictitious organisation):',
      `  e-mail:             ${demo.email}`,
      `  one-time password:  ${demo.password}`,
      'You will set your own password and enrol an authenticator app at first sign-in.',
    );
  if (samples)
    lines.push(`Sample directory loaded: ${samples.authorities} authorities and ${samples.providers} providers, all fictitious.`);
  process.stdout.write(lines.join('\n') + '\n\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await jobs?.stop();
    fs.rmSync(tokenFile, { force: true });
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  serve().catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`liaison: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`liaison: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
