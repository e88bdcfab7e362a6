/**
 * `liaison case …`: cases, their team, notes and identifiers. Case work is need-to-know, so these
 * commands act as a user: set LIAISON_TOKEN to one of your API tokens.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { okSchema } from '../../domain/api.ts';
import {
  addedIdentifierSchema, caseIdentifierListSchema, caseNoteListSchema, caseNoteSchema, casePageSchema, caseSchema, colleagueListSchema,
  HANDLING_CODES, OFFENCE_CATEGORIES, teamMemberSchema, timelineSchema, CASE_STATUSES,
  type Case, type CaseIdentifier, type CaseSummary,
} from '../../domain/cases.ts';
import { IDENTIFIER_KINDS } from '../../domain/identifiers.ts';
import { z } from 'zod';
import { withQuery, type ApiClient } from '../api.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { CliError } from '../errors.ts';
import { formatDate, formatTable, plural, print, printJson } from '../output.ts';

/** A record id, as opposed to a reference. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case by id or by its reference (2026/00042). */
export async function resolveCase(api: ApiClient, ref: string): Promise<Case> {
  if (UUID.test(ref)) return api.get(caseSchema, `/api/v1/cases/${ref}`);
  const page = await api.get(casePageSchema, withQuery('/api/v1/cases', { q: ref, limit: 20 }));
  const hit = page.items.find((c) => c.reference === ref.trim());
  if (!hit) throw new CliError(`no case ${ref} among the cases you may see`);
  return api.get(caseSchema, `/api/v1/cases/${hit.id}`);
}

const choice = (values: readonly string[], what: string) => (value: string) => {
  if (!values.includes(value)) throw new InvalidArgumentError(`Expected ${what}: ${values.join(', ')}.`);
  return value;
};
const collect = (parse: (v: string) => string) => (value: string, previous: string[] = []) => [...previous, parse(value)];

function printCase(c: Case): void {
  print(
    `${c.reference}  ${c.title}`,
    `Status:     ${c.status}    Handling: ${HANDLING_CODES[c.handlingCode].en}`,
    `Offences:   ${c.offenceCategories.map((o) => OFFENCE_CATEGORIES[o].label.en).join('; ') || '-'}`,
    `Opened:     ${formatDate(c.createdAt)} UTC by ${c.createdBy}    Changed: ${formatDate(c.updatedAt)} UTC`,
    `Contents:   ${plural(c.counts.identifiers, 'identifier')}, ${plural(c.counts.requests, 'request')}, ${plural(c.counts.notes, 'note')}`,
    '',
  );
  if (c.summary) print('Summary:', ...c.summary.split('\n').map((l) => `  ${l}`), '');
  print('Team:');
  process.stdout.write(formatTable(c.team, [
    { header: 'NAME', value: (m) => m.displayName },
    { header: 'E-MAIL', value: (m) => m.email },
    { header: 'TEAM ROLE', value: (m) => m.teamRole },
    { header: 'ROLES', value: (m) => m.roles.join(', ') },
  ]));
}

function printIdentifiers(items: CaseIdentifier[]): void {
  if (items.length === 0) return print('No identifiers yet.');
  process.stdout.write(formatTable(items, [
    { header: 'KIND', value: (i) => i.kind },
    { header: 'IDENTIFIER', value: (i) => i.display },
    { header: 'SEEN (UTC)', value: (i) => (i.observedAt ? formatDate(i.observedAt) : '-') },
    { header: 'TIME ZONE', value: (i) => i.timeZone ?? '-' },
    { header: 'LOCAL TIME', value: (i) => i.localTime ?? '-' },
    { header: 'TIMES', value: (i) => String(i.occurrences) },
    { header: 'ALSO IN', value: (i) => i.links.map((l) => l.reference).join(', ') || '-' },
  ]));
}

export function registerCaseCommands(program: Command): void {
  const group = program
    .command('case')
    .description('cases: open, list, show, change; team, notes, identifiers (acts as the user of LIAISON_TOKEN)');

  addJsonOption(addDataDirOption(group.command('list').description('the cases you may see, newest first')))
    .option('-q, --query <text>', 'words of the reference, title or summary')
    .addOption(new Option('--status <status>', 'only cases with this status').choices(CASE_STATUSES))
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { query?: string; status?: string; limit: string; json?: boolean }, command: Command) => {
      const page = await withApi(command, (api) => api.get(casePageSchema, withQuery('/api/v1/cases', { q: opts.query, status: opts.status, limit: opts.limit })));
      if (opts.json) return printJson(page);
      if (page.items.length === 0) return print('No cases.');
      process.stdout.write(formatTable<CaseSummary>(page.items, [
        { header: 'REFERENCE', value: (c) => c.reference },
        { header: 'STATUS', value: (c) => c.status },
        { header: 'HC', value: (c) => c.handlingCode },
        { header: 'CHANGED (UTC)', value: (c) => formatDate(c.updatedAt) },
        { header: 'TITLE', value: (c) => c.title },
      ]));
      if (page.total > page.items.length) print(`(${page.items.length} of ${page.total}; use --limit or --query)`);
    });

  addJsonOption(addDataDirOption(group.command('new').description('open a case; you become its lead')))
    .requiredOption('--title <title>', 'short title')
    .option('--summary <text>', 'summary of the facts')
    .option('--offence <category>', `offence category, repeatable (${Object.keys(OFFENCE_CATEGORIES).join(', ')})`, collect(choice(Object.keys(OFFENCE_CATEGORIES), 'an offence category')))
    .addOption(new Option('--handling <code>', 'SIENA handling code').choices(Object.keys(HANDLING_CODES)).default('H0'))
    .action(async (opts: { title: string; summary?: string; offence?: string[]; handling: string; json?: boolean }, command: Command) => {
      const created = await withApi(command, (api) => api.post(caseSchema, '/api/v1/cases', {
        title: opts.title, summary: opts.summary ?? '', offenceCategories: opts.offence ?? [], handlingCode: opts.handling,
      }));
      if (opts.json) return printJson(created);
      print(`Opened case ${created.reference} (${created.id}).`);
    });

  addJsonOption(addDataDirOption(group.command('show').argument('<case>', 'reference (2026/00042) or id').description('a case with its team')))
    .action(async (ref: string, opts: { json?: boolean }, command: Command) => {
      const c = await withApi(command, (api) => resolveCase(api, ref));
      if (opts.json) return printJson(c);
      printCase(c);
    });

  addJsonOption(addDataDirOption(group.command('update').argument('<case>', 'reference or id').description('change title, summary, status or handling code')))
    .option('--title <title>')
    .option('--summary <text>')
    .addOption(new Option('--status <status>').choices(CASE_STATUSES))
    .addOption(new Option('--handling <code>').choices(Object.keys(HANDLING_CODES)))
    .action(async (ref: string, opts: { title?: string; summary?: string; status?: string; handling?: string; json?: boolean }, command: Command) => {
      const patch = { title: opts.title, summary: opts.summary, status: opts.status, handlingCode: opts.handling };
      if (Object.values(patch).every((v) => v === undefined)) throw new CliError('nothing to change: give --title, --summary, --status or --handling');
      const updated = await withApi(command, async (api) => {
        const c = await resolveCase(api, ref);
        return api.call(caseSchema, 'PATCH', `/api/v1/cases/${c.id}`, patch);
      });
      if (opts.json) return printJson(updated);
      print(`Updated case ${updated.reference}.`);
    });

  addJsonOption(addDataDirOption(group.command('timeline').argument('<case>', 'reference or id').description('everything that happened in the case, newest first')))
    .action(async (ref: string, opts: { json?: boolean }, command: Command) => {
      const timeline = await withApi(command, async (api) => api.get(timelineSchema, `/api/v1/cases/${(await resolveCase(api, ref)).id}/timeline?limit=200`));
      if (opts.json) return printJson(timeline);
      process.stdout.write(formatTable(timeline.items, [
        { header: 'WHEN (UTC)', value: (e) => formatDate(e.occurredAt) },
        { header: 'WHO', value: (e) => e.actor },
        { header: 'WHAT', value: (e) => e.action },
      ]));
    });

  // ---- notes
  addJsonOption(addDataDirOption(group.command('note').argument('<case>', 'reference or id').argument('[text]', 'the note; omit to list the notes').description('add a note, or list the notes')))
    .action(async (ref: string, text: string | undefined, opts: { json?: boolean }, command: Command) => {
      const result = await withApi(command, async (api) => {
        const c = await resolveCase(api, ref);
        return text === undefined ? api.get(caseNoteListSchema, `/api/v1/cases/${c.id}/notes`) : api.post(caseNoteSchema, `/api/v1/cases/${c.id}/notes`, { body: text });
      });
      if (opts.json) return printJson(result);
      if ('items' in result) for (const n of result.items) print(`${formatDate(n.createdAt)} UTC  ${n.author}`, ...n.body.split('\n').map((l) => `  ${l}`));
      else print('Note added.');
    });

  // ---- team
  const team = group.command('team').description('the case team: add, change or remove members');
  addJsonOption(addDataDirOption(team.command('add').argument('<case>', 'reference or id').argument('<email>', 'a colleague’s e-mail address').description('add a colleague (or change their team role)')))
    .option('--lead', 'make them a lead of the case')
    .action(async (ref: string, email: string, opts: { lead?: boolean; json?: boolean }, command: Command) => {
      const members = await withApi(command, async (api) => {
        const c = await resolveCase(api, ref);
        const colleague = (await api.get(colleagueListSchema, '/api/v1/colleagues')).items.find((u) => u.email === email.trim().toLowerCase());
        if (!colleague) throw new CliError(`${email} is not a colleague with a case role in your organisation`);
        return api.call(z.object({ items: z.array(teamMemberSchema) }), 'PUT', `/api/v1/cases/${c.id}/team/${colleague.id}`, { teamRole: opts.lead ? 'lead' : 'member' });
      });
      if (opts.json) return printJson(members);
      print(`Team: ${members.items.map((m) => `${m.email} (${m.teamRole})`).join(', ')}`);
    });
  addJsonOption(addDataDirOption(team.command('remove').argument('<case>', 'reference or id').argument('<email>', 'the member’s e-mail address').description('remove someone from the team')))
    .action(async (ref: string, email: string, opts: { json?: boolean }, command: Command) => {
      const members = await withApi(command, async (api) => {
        const c = await resolveCase(api, ref);
        const member = c.team.find((m) => m.email === email.trim().toLowerCase());
        if (!member) throw new CliError(`${email} is not on the team of ${c.reference}`);
        return api.call(z.object({ items: z.array(teamMemberSchema) }), 'DELETE', `/api/v1/cases/${c.id}/team/${member.userId}`);
      });
      if (opts.json) return printJson(members);
      print(`Team: ${members.items.map((m) => `${m.email} (${m.teamRole})`).join(', ')}`);
    });

  // ---- identifiers
  const identifiers = group.command('identifier').description('identifiers of a case: add, list, remove');
  addJsonOption(addDataDirOption(identifiers.command('add').argument('<case>', 'reference or id').description('add an identifier (an IP needs --at and --tz)')))
    .addOption(new Option('--kind <kind>', 'what it is').choices(IDENTIFIER_KINDS).makeOptionMandatory())
    .requiredOption('--value <value>', 'the identifier as found (e.g. 203.0.113.7:51234, user@example.org, +33…)')
    .option('--at <time>', 'when it was seen: 2026-03-01 14:05:00 (local to --tz) or ISO 8601 with offset')
    .option('--tz <zone>', 'time zone of that time, e.g. Europe/Paris')
    .option('--platform <name>', 'platform of a username')
    .option('--note <text>', 'where it comes from')
    .action(async (ref: string, opts: { kind: string; value: string; at?: string; tz?: string; platform?: string; note?: string; json?: boolean }, command: Command) => {
      const result = await withApi(command, async (api) => {
        const c = await resolveCase(api, ref);
        return api.post(addedIdentifierSchema, `/api/v1/cases/${c.id}/identifiers`, {
          kind: opts.kind, value: opts.value, observedAt: opts.at, timeZone: opts.tz, platform: opts.platform, note: opts.note,
        });
      });
      if (opts.json) return printJson(result);
      const i = result.identifier;
      print(`${result.merged ? `Merged with the same identifier already in the case (seen ${i.occurrences} times)` : 'Added'}: ${i.kind} ${i.display}${i.observedAt ? ` at ${i.observedAt} (${i.timeZone})` : ''}`);
      if (i.links.length) print(`Also in: ${i.links.map((l) => `${l.reference} ${l.title}`).join('; ')}`);
    });
  addJsonOption(addDataDirOption(identifiers.command('list').argument('<case>', 'reference or id').description('the case’s identifiers and their links to other cases')))
    .action(async (ref: string, opts: { json?: boolean }, command: Command) => {
      const list = await withApi(command, async (api) => api.get(caseIdentifierListSchema, `/api/v1/cases/${(await resolveCase(api, ref)).id}/identifiers`));
      if (opts.json) return printJson(list);
      printIdentifiers(list.items);
    });
  addDataDirOption(identifiers.command('remove').argument('<case>', 'reference or id').argument('<id>', 'identifier id (see list --json)').description('remove an identifier'))
    .action(async (ref: string, id: string, _opts: unknown, command: Command) => {
      await withApi(command, async (api) => api.delete(okSchema, `/api/v1/cases/${(await resolveCase(api, ref)).id}/identifiers/${id}`));
      print('Removed.');
    });
}
