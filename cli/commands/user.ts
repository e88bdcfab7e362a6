/** `liaison user`: accounts, as the instance operator administers them (any organisation). */
import { Option, type Command } from 'commander';
import { createdUserSchema, resetPasswordResultSchema, userListSchema, userSchema, type User } from '../../domain/api.ts';
import { ROLES } from '../../domain/roles.ts';
import type { ApiClient } from '../api.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { findUserByEmail, listOrganisations, resolveOrganisation } from '../lookups.ts';
import { formatDate, formatTable, print, printJson } from '../output.ts';

/** What an account can do right now, in a word or two. */
function statusOf(user: User): string {
  const flags = [user.disabled && 'disabled', user.locked && 'locked'].filter(Boolean);
  if (flags.length) return flags.join(', ');
  return user.mustChangePassword ? 'new password due' : 'active';
}

type AccountAction = 'disable' | 'enable' | 'unlock' | 'reset-mfa';

const ACCOUNT_ACTIONS: Record<AccountAction, { description: string; done: (u: User) => string }> = {
  disable: {
    description: 'disable an account and end all its sessions (its API tokens stop working too)',
    done: (u) => `Disabled ${u.email}; their sessions were ended.`,
  },
  enable: { description: 're-enable a disabled account', done: (u) => `Enabled ${u.email}.` },
  unlock: {
    description: 'unlock an account locked after too many failed sign-ins',
    done: (u) => `Unlocked ${u.email}.`,
  },
  'reset-mfa': {
    description: 'remove an account’s second factor (lost phone); the user enrols again at next sign-in',
    done: (u) => `Removed the second factor of ${u.email}; they will enrol an authenticator app at next sign-in.`,
  },
};

async function administer(api: ApiClient, email: string, action: AccountAction): Promise<User> {
  const user = await findUserByEmail(api, email);
  return api.post(userSchema, `/api/v1/users/${user.id}/${action}`);
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('create and administer user accounts');

  addJsonOption(
    addDataDirOption(
      user
        .command('create')
        .description('create a user with a one-time password, printed once; they set their own and enrol MFA at first sign-in')
        .requiredOption('--email <email>', 'their e-mail address (the sign-in name)')
        .requiredOption('--name <name>', 'their display name')
        .addOption(new Option('--role <role...>', 'a role; repeat for several (--role admin --role auditor)').choices(ROLES).makeOptionMandatory())
        .option('--org <id-or-name>', 'their organisation, by id or exact name (see `liaison org list`)'),
    ),
    'the user and one-time password',
  ).action(async (options: { email: string; name: string; role: string[]; org?: string; json?: boolean }, command: Command) => {
    const { created, organisation } = await withApi(command, async (api) => {
      const organisation = options.org ? await resolveOrganisation(api, options.org) : undefined;
      const created = await api.post(createdUserSchema, '/api/v1/users', {
        email: options.email,
        displayName: options.name,
        roles: options.role,
        ...(organisation ? { organisationId: organisation.id } : {}),
      });
      return { created, organisation };
    });
    if (options.json) return printJson(created);
    const u = created.user;
    print(
      `Created ${u.email} (${u.displayName})${organisation ? ` in ${organisation.name}` : ''} with the role${u.roles.length === 1 ? '' : 's'} ${u.roles.join(', ')}.`,
      '',
      'One-time password (shown once; give it to the user over a separate channel):',
      '',
      `  ${created.oneTimePassword}`,
      '',
    );
  });

  addJsonOption(
    addDataDirOption(user.command('list').description('list the users of every organisation')),
    'the users',
  ).action(async (options: { json?: boolean }, command: Command) => {
    const { users, organisations } = await withApi(command, async (api) => ({
      users: (await api.get(userListSchema, '/api/v1/users')).users,
      organisations: options.json ? [] : await listOrganisations(api),
    }));
    if (options.json) return printJson(users);
    if (users.length === 0) return print('No users yet: create one with `liaison user create`.');
    const orgName = new Map(organisations.map((o) => [o.id, o.name]));
    process.stdout.write(
      formatTable<User>(users, [
        { header: 'EMAIL', value: (u) => u.email },
        { header: 'NAME', value: (u) => u.displayName },
        { header: 'ORGANISATION', value: (u) => orgName.get(u.organisationId) ?? u.organisationId },
        { header: 'ROLES', value: (u) => u.roles.join(',') },
        { header: 'STATUS', value: statusOf },
        { header: 'MFA', value: (u) => (u.mfaEnabled ? 'yes' : 'no') },
        { header: 'LAST SIGN-IN (UTC)', value: (u) => formatDate(u.lastLoginAt) },
      ]),
    );
  });

  for (const action of Object.keys(ACCOUNT_ACTIONS) as AccountAction[]) {
    const { description, done } = ACCOUNT_ACTIONS[action];
    addDataDirOption(
      user.command(action).description(description).argument('<email>', 'the account’s e-mail address'),
    ).action(async (email: string, _options: unknown, command: Command) => {
      const updated = await withApi(command, (api) => administer(api, email, action));
      print(done(updated));
    });
  }

  addJsonOption(
    addDataDirOption(
      user
        .command('reset-password')
        .description('issue a new one-time password (printed once) and end all the user’s sessions')
        .argument('<email>', 'the account’s e-mail address'),
    ),
    'the one-time password',
  ).action(async (email: string, options: { json?: boolean }, command: Command) => {
    const { target, result } = await withApi(command, async (api) => {
      const target = await findUserByEmail(api, email);
      return { target, result: await api.post(resetPasswordResultSchema, `/api/v1/users/${target.id}/reset-password`) };
    });
    if (options.json) return printJson({ email: target.email, ...result });
    print(
      `New one-time password for ${target.email} (shown once; their sessions were ended):`,
      '',
      `  ${result.oneTimePassword}`,
      '',
    );
  });

  addJsonOption(
    addDataDirOption(
      user
        .command('roles')
        .description('replace a user’s roles; --judge marks a prosecutor who is a judge or court (validates an EPOC for traffic or content data)')
        .argument('<email>', 'the account’s e-mail address')
        .addOption(new Option('--role <role...>', 'a role; repeat for several').choices(ROLES).makeOptionMandatory())
        .option('--judge', 'a judge or court (needs --role prosecutor)')
        .option('--no-judge', 'not a judge'),
    ),
    'the user',
  ).action(async (email: string, options: { role: string[]; judge?: boolean; json?: boolean }, command: Command) => {
    const updated = await withApi(command, async (api) => {
      const target = await findUserByEmail(api, email);
      return api.put(userSchema, `/api/v1/users/${target.id}/roles`, { roles: options.role, ...(options.judge !== undefined ? { judge: options.judge } : {}) });
    });
    if (options.json) return printJson(updated);
    print(`${updated.email}: ${updated.roles.join(', ')}${updated.judge ? ' (judge or court)' : ''}.`);
  });

  addJsonOption(
    addDataDirOption(
      user
        .command('supervisor')
        .description('set the line supervisor of a user (who then sees the cases of that user), or clear it with --none')
        .argument('<email>', 'the account’s e-mail address')
        .argument('[supervisor]', 'the supervisor’s e-mail address')
        .option('--none', 'clear the supervisor'),
    ),
    'the user',
  ).action(async (email: string, supervisor: string | undefined, options: { none?: boolean; json?: boolean }, command: Command) => {
    if (!supervisor === !options.none) command.error('error: give the supervisor’s e-mail address, or --none');
    const updated = await withApi(command, async (api) => {
      const target = await findUserByEmail(api, email);
      const boss = supervisor ? await findUserByEmail(api, supervisor) : null;
      return api.put(userSchema, `/api/v1/users/${target.id}/supervisor`, { supervisorId: boss?.id ?? null });
    });
    if (options.json) return printJson(updated);
    print(supervisor ? `${updated.email} is now supervised by ${supervisor.trim().toLowerCase()}.` : `${updated.email} has no supervisor.`);
  });
}
