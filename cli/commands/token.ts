/** `liaison token`: API tokens for scripts, created and revoked for a user by the operator. */
import type { Command } from 'commander';
import { createdTokenSchema, okSchema, tokenListSchema, type ApiToken } from '../../domain/api.ts';
import { addDataDirOption, addJsonOption, parsePositiveInt, withApi } from '../context.ts';
import { CliError } from '../errors.ts';
import { findUserByEmail } from '../lookups.ts';
import { formatDate, formatTable, print, printJson } from '../output.ts';

function statusOf(token: ApiToken, now: Date): string {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= now) return 'expired';
  return 'active';
}

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('create, list and revoke users’ API tokens');

  addJsonOption(
    addDataDirOption(
      token
        .command('create')
        .description('create an API token for a user; the secret is printed once (send it as "Authorization: Bearer <secret>")')
        .requiredOption('--user <email>', 'the user the token acts as')
        .requiredOption('--name <name>', 'what the token is for, e.g. "nightly export"')
        .option('--expires-in-days <days>', 'let it expire after this many days (1–366; default: never)', parsePositiveInt),
    ),
    'the token and secret',
  ).action(async (options: { user: string; name: string; expiresInDays?: number; json?: boolean }, command: Command) => {
    const { email, created } = await withApi(command, async (api) => {
      const owner = await findUserByEmail(api, options.user);
      const body = { name: options.name, ...(options.expiresInDays !== undefined ? { expiresInDays: options.expiresInDays } : {}) };
      return { email: owner.email, created: await api.post(createdTokenSchema, `/api/v1/users/${owner.id}/tokens`, body) };
    });
    if (options.json) return printJson(created);
    const expiry = created.token.expiresAt ? `expires ${formatDate(created.token.expiresAt)} UTC` : 'does not expire';
    print(
      `Created the API token "${created.token.name}" for ${email} (id ${created.token.id}; ${expiry}).`,
      '',
      'Secret (shown once; it acts as the user, so keep it like a password):',
      '',
      `  ${created.secret}`,
      '',
    );
  });

  addJsonOption(
    addDataDirOption(
      token.command('list').description('list a user’s API tokens (never their secrets)').requiredOption('--user <email>', 'whose tokens'),
    ),
    'the tokens',
  ).action(async (options: { user: string; json?: boolean }, command: Command) => {
    const { email, tokens } = await withApi(command, async (api) => {
      const owner = await findUserByEmail(api, options.user);
      return { email: owner.email, tokens: (await api.get(tokenListSchema, `/api/v1/users/${owner.id}/tokens`)).tokens };
    });
    if (options.json) return printJson(tokens);
    if (tokens.length === 0) return print(`${email} has no API tokens.`);
    const now = new Date();
    process.stdout.write(
      formatTable<ApiToken>(tokens, [
        { header: 'ID', value: (t) => t.id },
        { header: 'NAME', value: (t) => t.name },
        { header: 'PREFIX', value: (t) => `lia_${t.prefix}_…` },
        { header: 'STATUS', value: (t) => statusOf(t, now) },
        { header: 'CREATED (UTC)', value: (t) => formatDate(t.createdAt) },
        { header: 'LAST USED', value: (t) => formatDate(t.lastUsedAt) },
        { header: 'EXPIRES', value: (t) => formatDate(t.expiresAt) },
      ]),
    );
  });

  addDataDirOption(
    token
      .command('revoke')
      .description('revoke one of a user’s API tokens; it stops working at once')
      .argument('<token-id>', 'the token’s id, or its prefix, as `liaison token list` shows them')
      .requiredOption('--user <email>', 'whose token'),
  ).action(async (tokenId: string, options: { user: string }, command: Command) => {
    const { email, revoked } = await withApi(command, async (api) => {
      const owner = await findUserByEmail(api, options.user);
      const { tokens } = await api.get(tokenListSchema, `/api/v1/users/${owner.id}/tokens`);
      // The id from `token list`; the prefix it shows (lia_AbCd1234_…) is accepted too.
      const wanted = tokenId.trim();
      const prefix = /^(?:lia_)?([A-Za-z0-9]+)(?:_.*)?$/.exec(wanted)?.[1];
      const match = tokens.find((t) => t.id === wanted.toLowerCase()) ?? tokens.find((t) => t.prefix === prefix);
      if (!match) throw new CliError(`${owner.email} has no API token ${tokenId} (see liaison token list --user ${owner.email})`);
      if (match.revokedAt) throw new CliError(`the API token "${match.name}" (${match.id}) was already revoked on ${formatDate(match.revokedAt)} UTC`);
      await api.delete(okSchema, `/api/v1/users/${owner.id}/tokens/${match.id}`);
      return { email: owner.email, revoked: match };
    });
    print(`Revoked the API token "${revoked.name}" (${revoked.id}) of ${email}.`);
  });
}
