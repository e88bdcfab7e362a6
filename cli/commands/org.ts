/** `liaison org`: the organisations (agencies) of this instance; creating one is the operator's job. */
import type { Command } from 'commander';
import { organisationSchema, type Organisation } from '../../domain/api.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { listOrganisations } from '../lookups.ts';
import { formatTable, print, printJson } from '../output.ts';

export function registerOrgCommands(program: Command): void {
  const org = program
    .command('org')
    .description('create and list organisations (agencies)');

  addJsonOption(
    addDataDirOption(
      org
        .command('create')
        .description('create an organisation; then add its first admin with `liaison user create --org <id> --role admin`')
        .requiredOption('--name <name>', 'the organisation’s name, e.g. "National Cybercrime Unit"')
        .requiredOption('--country <code>', 'its country, ISO 3166-1 alpha-2 (e.g. FR, DE, US)'),
    ),
    'the organisation',
  ).action(async (options: { name: string; country: string; json?: boolean }, command: Command) => {
    const created = await withApi(command, (api) =>
      api.post(organisationSchema, '/api/v1/organisations', { name: options.name, country: options.country.toUpperCase() }),
    );
    if (options.json) return printJson(created);
    print(`Created organisation ${created.name} (${created.country}), id ${created.id}`);
  });

  addJsonOption(
    addDataDirOption(org.command('list').description('list all organisations')),
    'the organisations',
  ).action(async (options: { json?: boolean }, command: Command) => {
    const organisations = await withApi(command, listOrganisations);
    if (options.json) return printJson(organisations);
    if (organisations.length === 0) return print('No organisations yet: create one with `liaison org create`.');
    process.stdout.write(
      formatTable<Organisation>(organisations, [
        { header: 'ID', value: (o) => o.id },
        { header: 'COUNTRY', value: (o) => o.country },
        { header: 'NAME', value: (o) => o.name },
      ]),
    );
  });
}
