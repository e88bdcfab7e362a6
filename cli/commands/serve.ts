/** `liaison serve`: run the server (web app, API, background jobs) until SIGINT or SIGTERM. */
import type { Command } from 'commander';
import { addDataDirOption, configFor, parsePort } from '../context.ts';

export function registerServeCommand(program: Command): void {
  addDataDirOption(
    program
      .command('serve')
      .description('run the Liaison server: web app, API and background jobs')
      .option('--host <address>', 'address to listen on (overrides HOST; default 127.0.0.1)')
      .option('--port <port>', 'port to listen on, 0 for any free port (overrides PORT; default 3000)', parsePort)
      .addHelpText('after', '\nStop it with Ctrl-C or SIGTERM. While it runs, other liaison commands go through its API.'),
  ).action(async (options: { host?: string; port?: number }, command: Command) => {
    // serve() reads its configuration from the environment, like `npm start`.
    if (options.host !== undefined) process.env.HOST = options.host;
    if (options.port !== undefined) process.env.PORT = String(options.port);
    configFor(command); // applies --data-dir, and reports a bad configuration before anything starts
    const { serve } = await import('../../server/main.ts');
    await serve();
  });
}
