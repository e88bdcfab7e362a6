/**
 * The `liaison` command: server, migrations, organisations, users, API tokens, audit
 * verification, backup and restore, the directory, country profiles, the route advisor, cases,
 * requests and their deadlines, events. Data commands go through the HTTP API (see transport.ts).
 * Run through cli/bin.mjs (`npx liaison …`), or `tsx cli/main.ts …`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerAuditCommands } from './commands/audit.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerCaseCommands } from './commands/case.ts';
import { registerCountryCommands } from './commands/country.ts';
import { registerDeadlinesCommand } from './commands/deadlines.ts';
import { registerDirectoryCommands } from './commands/directory.ts';
import { registerEventCommands } from './commands/event.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerOrgCommands } from './commands/org.ts';
import { registerRequestCommands } from './commands/request.ts';
import { registerRouteCommand } from './commands/route.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerTokenCommands } from './commands/token.ts';
import { registerUserCommands } from './commands/user.ts';
import { ExitCode, formatError } from './errors.ts';
import { CLI_VERSION } from './version.ts';

const HELP_AFTER = `
How commands reach the data:
  While \`liaison serve\` runs, commands talk to it through its API (its lock file in the data
  directory records the address). Otherwise they open the data directory themselves, which
  locks out a second process. Either way they act as the instance operator, through the same
  validation, permissions and audit log as the web app.

Environment:
  LIAISON_DATA_DIR  data directory (default ./data; --data-dir overrides it)
  DATABASE_URL      postgres://… to use a PostgreSQL server instead of the embedded database
  HOST, PORT        where \`liaison serve\` listens (default 127.0.0.1:3000)
  LIAISON_LOG_LEVEL server log level (fatal … trace, silent)
  LIAISON_TOKEN     an API token of yours: commands act as you instead of the operator
                    (needed for case work, which is need-to-know)

Exit codes: 0 success, 1 the operation failed, 2 usage error.

Example: set up an agency and its first admin
  liaison org create --name "National Cybercrime Unit" --country FR
  liaison user create --org "National Cybercrime Unit" --email admin@ncu.example --name "A. Admin" --role admin

Example: load contact points, then ask for routes
  liaison directory import contacts.csv --kind authorities
  liaison route --from FR --to US --data subscriber --purpose preserve

Example: draft, fill in and send a preservation request (as yourself: export LIAISON_TOKEN=lia_…)
  liaison request new --case 2026/00042 --type preservation_247 --to-country NL --to-kind contact_point_24_7 --to-name "NL 24/7 point"
  liaison request body 2026/00042-R1 > body.json       (fill in what request new listed as missing)
  liaison request edit 2026/00042-R1 --file body.json
  liaison request transition 2026/00042-R1 send --channel e-mail
  liaison request render 2026/00042-R1 --format pdf
  liaison deadlines --due 7d

Example: a webinar's registrations and reminders (as a trainer: export LIAISON_TOKEN=lia_…)
  liaison event list
  liaison event export ocsea-webinar-2026-12 --format xlsx --out registrations.xlsx
  liaison event remind ocsea-webinar-2026-12`;

/** Builds the program; commander's own exits become exceptions so `main` can map exit codes. */
export function buildProgram(): Command {
  const program = new Command('liaison')
    .description('Liaison: cross-border e-evidence cooperation. Server and instance administration.')
    .version(CLI_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    // Settings set here are inherited by every subcommand created below with .command().
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: false })
    .addHelpText('after', HELP_AFTER);

  registerServeCommand(program);
  registerMigrateCommand(program);
  registerOrgCommands(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerAuditCommands(program);
  registerBackupCommands(program);
  registerDirectoryCommands(program);
  registerCountryCommands(program);
  registerRouteCommand(program);
  registerCaseCommands(program);
  registerRequestCommands(program);
  registerDeadlinesCommand(program);
  registerEventCommands(program);
  return program;
}

/** Runs the CLI: exit code 0 on success, 1 when the operation failed, 2 on a usage error. */
export async function main(argv: string[] = process.argv): Promise<void> {
  // `liaison request body … | head`: the reader went away; that is the end of the output, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (or the help) already.
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    // Exit rather than wait for the event loop to drain: a server that failed half-way through
    // starting (port in use) still has timers and handles open.
    process.stderr.write(formatError(error).join('\n') + '\n', () => process.exit(ExitCode.failed));
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) await main();
