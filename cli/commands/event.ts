/**
 * `liaison event …`: the upcoming webinars and conferences of every organisation (any signed-in
 * role), and those of your organisation (or, as the instance operator, of every organisation): list
 * them, show one, list its registrations, export them as CSV or XLSX, import an attendance list,
 * and run the reminder pass — as of another time too, for the operator
 * (docs/adr/0008-event-reminders-as-of.md). Set LIAISON_TOKEN to a trainer's API token to act as
 * them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  attendanceResultSchema, EVENT_STATUSES, eventPageSchema, eventSchema, eventStatisticsSchema, EXPORT_FORMATS, instantSchema, PARTICIPANT_ROLES,
  REGISTRATION_STATUSES, registrationPageSchema, remindResultSchema, upcomingEventPageSchema, type EventSummary, type EventView, type Registration,
  type UpcomingEvent,
} from '../../domain/events.ts';
import { isLanguageCode } from '../../domain/languages.ts';
import { formatInZone } from '../../domain/time.ts';
import { withQuery, type ApiClient } from '../api.ts';
import { addDataDirOption, addJsonOption, parsePositiveInt, withApi } from '../context.ts';
import { CliError } from '../errors.ts';
import { formatDate, formatTable, plural, print, printJson } from '../output.ts';
import { UUID } from './case.ts';

const collect = <T>(parse: (value: string) => T) => (value: string, previous: T[] = []) => [...previous, parse(value)];
const choice = (values: readonly string[], what: string) => (value: string) => {
  if (!values.includes(value)) throw new InvalidArgumentError(`Not ${what}. Allowed: ${values.join(', ')}.`);
  return value;
};

/** Query string with repeatable keys (`status=confirmed&status=attended`). */
function query(pathname: string, params: Record<string, string | number | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `${pathname}?${text}` : pathname;
}

/** An event by id or by its public address (slug), among the events you may manage. */
export async function resolveEvent(api: ApiClient, ref: string): Promise<EventView> {
  const wanted = ref.trim();
  if (UUID.test(wanted)) return api.get(eventSchema, `/api/v1/events/${wanted}`);
  const PAGE = 200;
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.get(eventPageSchema, withQuery('/api/v1/events', { limit: PAGE, offset }));
    const hit = page.items.find((e) => e.slug === wanted);
    if (hit) return api.get(eventSchema, `/api/v1/events/${hit.id}`);
    if (offset + PAGE >= page.total) break;
  }
  throw new CliError(`no event ${ref} among the events you may manage (see liaison event list)`);
}

const words = (id: string) => id.replace(/_/g, ' ');
const seats = (e: Pick<EventSummary, 'seatsTaken' | 'capacity'>) => `${e.seatsTaken}/${e.capacity}`;

/** `open, 3/20 seats left`, `open, full: waiting list`, `opens 2026-03-10 00:00 UTC`, `closed`. */
function registrationOf(e: UpcomingEvent): string {
  switch (e.registrationState) {
    case 'closed':
      return 'closed';
    case 'not_open':
      return `opens ${formatDate(e.registrationOpensAt)} UTC`;
    case 'open':
      return e.full ? 'open, full: waiting list' : `open, ${e.seatsLeft}/${e.capacity} seats left`;
  }
}

function printEvent(e: EventView): void {
  print(
    `${e.title}  (${e.kind}, ${e.status})`,
    `Address:       ${e.publicUrl}`,
    `Organiser:     ${e.organiser}`,
    `Starts:        ${formatInZone(e.startsAt, e.timeZone, 'en-GB')} — ${formatDate(e.startsAt)} UTC`,
    `Duration:      ${e.durationMinutes} minutes    Language: ${e.language}${e.interpretationNote ? ` (${e.interpretationNote})` : ''}`,
    `Registration:  ${words(e.registrationState)}, ${formatDate(e.registrationOpensAt)} – ${formatDate(e.registrationClosesAt)} UTC${e.requiresApproval ? ', with approval' : ''}`,
    `Seats:         ${seats(e)} taken    Reminders: ${e.reminderOffsets.join(', ') || 'none'}    Offer window: ${e.offerWindowHours} h`,
    `Registrations: ${REGISTRATION_STATUSES.filter((s) => e.counts[s] > 0).map((s) => `${e.counts[s]} ${words(s)}`).join(', ') || 'none'}`,
  );
  if (e.personalDataRemovedAt) print(`Personal data removed ${formatDate(e.personalDataRemovedAt)} UTC (retention).`);
}

function printRegistrations(items: Registration[], total: number): void {
  if (items.length === 0) return print('No registrations.');
  process.stdout.write(formatTable(items, [
    { header: 'STATUS', value: (r) => words(r.status) + (r.waitingPosition ? ` #${r.waitingPosition}` : '') },
    { header: 'NAME', value: (r) => r.name || '(removed)' },
    { header: 'ORGANISATION', value: (r) => r.organisation || '-' },
    { header: 'COUNTRY', value: (r) => r.country },
    { header: 'ROLE', value: (r) => words(r.role) },
    { header: 'E-MAIL', value: (r) => r.email ?? '-' },
    { header: 'REGISTERED (UTC)', value: (r) => formatDate(r.createdAt) },
  ]));
  if (total > items.length) print(`(${items.length} of ${total}; use --limit)`);
}

export function registerEventCommands(program: Command): void {
  const group = program
    .command('event')
    .description('webinars and conferences: list, registrations, export, attendance, reminders (as a trainer: set LIAISON_TOKEN)');

  addJsonOption(addDataDirOption(group.command('upcoming').description('published events of every organisation not started yet, soonest first (any role)')))
    .option('-q, --query <text>', 'words of the title or description')
    .option('--language <code>', 'only events held in this language (ISO 639-1, e.g. fr)', (value: string) => {
      const code = value.trim().toLowerCase();
      if (!isLanguageCode(code)) throw new InvalidArgumentError('Expected an ISO 639-1 language code, e.g. en or fr.');
      return code;
    })
    .option('--limit <n>', 'at most this many (up to 100)', parsePositiveInt, 20)
    .action(async (opts: { query?: string; language?: string; limit: number; json?: boolean }, command: Command) => {
      const page = await withApi(command, (api) =>
        api.get(upcomingEventPageSchema, withQuery('/api/v1/events/upcoming', { q: opts.query, language: opts.language, limit: Math.min(opts.limit, 100) })));
      if (opts.json) return printJson(page);
      if (page.items.length === 0) return print('No upcoming webinars or conferences.');
      process.stdout.write(formatTable(page.items, [
        { header: 'STARTS (UTC)', value: (e) => formatDate(e.startsAt) },
        { header: 'LANG', value: (e) => e.language },
        { header: 'REGISTRATION', value: registrationOf },
        { header: 'ORGANISER', value: (e) => e.organiser },
        { header: 'REGISTRATION PAGE', value: (e) => e.publicUrl },
        { header: 'TITLE', value: (e) => e.title },
      ]));
      if (page.total > page.items.length) print(`(${page.items.length} of ${page.total}; use --limit or --query)`);
    });

  addJsonOption(addDataDirOption(group.command('list').description('the events you may manage, latest start first')))
    .addOption(new Option('--status <status>', 'only this status').choices(EVENT_STATUSES))
    .option('-q, --query <text>', 'words of the title or description')
    .option('--limit <n>', 'at most this many', parsePositiveInt, 50)
    .action(async (opts: { status?: string; query?: string; limit: number; json?: boolean }, command: Command) => {
      const page = await withApi(command, (api) => api.get(eventPageSchema, withQuery('/api/v1/events', { status: opts.status, q: opts.query, limit: opts.limit })));
      if (opts.json) return printJson(page);
      if (page.items.length === 0) return print('No events.');
      process.stdout.write(formatTable(page.items, [
        { header: 'STARTS (UTC)', value: (e) => formatDate(e.startsAt) },
        { header: 'STATUS', value: (e) => e.status },
        { header: 'SEATS', value: seats },
        { header: 'WAITING', value: (e) => String(e.counts.waiting) },
        { header: 'ADDRESS', value: (e) => e.slug },
        { header: 'TITLE', value: (e) => e.title },
      ]));
      if (page.total > page.items.length) print(`(${page.items.length} of ${page.total}; use --limit or --query)`);
    });

  addJsonOption(addDataDirOption(group.command('show').argument('<event>', 'id or address (slug)').description('one event with its counts')))
    .action(async (ref: string, opts: { json?: boolean }, command: Command) => {
      const event = await withApi(command, (api) => resolveEvent(api, ref));
      if (opts.json) return printJson(event);
      printEvent(event);
    });

  addJsonOption(addDataDirOption(group.command('registrations').argument('<event>', 'id or address (slug)').description('the registrations of an event (waiting list in order first)')))
    .option('--status <status>', `only this status, repeatable (${REGISTRATION_STATUSES.join(', ')})`, collect(choice(REGISTRATION_STATUSES, 'a status')))
    .option('--country <code>', 'only this country (ISO 3166 alpha-2), repeatable', collect((v: string) => v.toUpperCase()))
    .option('--role <role>', `only this role, repeatable (${PARTICIPANT_ROLES.join(', ')})`, collect(choice(PARTICIPANT_ROLES, 'a role')))
    .option('-q, --query <text>', 'words of the name, organisation or e-mail')
    .option('--limit <n>', 'at most this many', parsePositiveInt, 500)
    .action(async (ref: string, opts: { status?: string[]; country?: string[]; role?: string[]; query?: string; limit: number; json?: boolean }, command: Command) => {
      const page = await withApi(command, async (api) => {
        const event = await resolveEvent(api, ref);
        return api.get(registrationPageSchema, query(`/api/v1/events/${event.id}/registrations`, { status: opts.status, country: opts.country, role: opts.role, q: opts.query, limit: opts.limit }));
      });
      if (opts.json) return printJson(page);
      printRegistrations(page.items, page.total);
    });

  addJsonOption(addDataDirOption(group.command('stats').argument('<event>', 'id or address (slug)').description('counts by status, country, role and organisation type')))
    .action(async (ref: string, opts: { json?: boolean }, command: Command) => {
      const stats = await withApi(command, async (api) => api.get(eventStatisticsSchema, `/api/v1/events/${(await resolveEvent(api, ref)).id}/statistics`));
      if (opts.json) return printJson(stats);
      print(`Seats: ${stats.seatsTaken}/${stats.capacity}    ${REGISTRATION_STATUSES.filter((s) => stats.byStatus[s] > 0).map((s) => `${stats.byStatus[s]} ${words(s)}`).join(', ')}`);
      print(`Counted (${stats.counted.join(', ')}): ${stats.total}`);
      for (const [title, rows] of [['Country', stats.byCountry], ['Role', stats.byRole], ['Organisation type', stats.byOrganisationType]] as const)
        print('', `${title}:`, ...rows.map((r) => `  ${words(r.key).padEnd(28)} ${r.count}`));
    });

  addJsonOption(addDataDirOption(group.command('export').argument('<event>', 'id or address (slug)').description('export the registrations as CSV or XLSX (audited)')))
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('-o, --out <file>', 'where to write it')
    .option('--status <status>', 'only this status, repeatable', collect(choice(REGISTRATION_STATUSES, 'a status')))
    .action(async (ref: string, opts: { format: string; out: string; status?: string[]; json?: boolean }, command: Command) => {
      const { event, body } = await withApi(command, async (api) => {
        const e = await resolveEvent(api, ref);
        return { event: e, body: await api.download(query(`/api/v1/events/${e.id}/export`, { format: opts.format, status: opts.status })) };
      });
      const target = path.resolve(opts.out);
      try {
        // Personal data: readable by the owner only.
        fs.writeFileSync(target, body, { mode: 0o600 });
      } catch (error) {
        throw new CliError(`cannot write ${target}: ${(error as Error).message}`);
      }
      if (opts.json) return printJson({ eventId: event.id, format: opts.format, path: target, bytes: body.length });
      print(`Wrote ${target}: registrations of "${event.title}" as ${opts.format.toUpperCase()} (${body.length} bytes).`);
    });

  addJsonOption(addDataDirOption(group.command('attendance').argument('<event>', 'id or address (slug)').description('mark attended from a CSV attendance list with an e-mail column')))
    .requiredOption('-f, --file <file>', 'the CSV file (- for standard input)')
    .addOption(new Option('--delimiter <char>', 'field separator').choices([',', ';', 'tab']).default(','))
    .action(async (ref: string, opts: { file: string; delimiter: string; json?: boolean }, command: Command) => {
      let csv: string;
      try {
        csv = fs.readFileSync(opts.file === '-' ? 0 : opts.file, 'utf8');
      } catch (error) {
        throw new CliError(`cannot read ${opts.file}: ${(error as Error).message}`);
      }
      const result = await withApi(command, async (api) =>
        api.post(attendanceResultSchema, `/api/v1/events/${(await resolveEvent(api, ref)).id}/attendance`, { csv, delimiter: opts.delimiter === 'tab' ? '\t' : opts.delimiter }));
      if (opts.json) return printJson(result);
      print(`Marked ${plural(result.marked, 'participant')} as attended (${result.alreadyAttended} already were).`);
      for (const u of result.unknown) print(`  line ${u.line}: ${u.email} is not registered`);
      for (const n of result.notConfirmed) print(`  line ${n.line}: ${n.email} is ${words(n.status)}, not confirmed`);
      for (const i of result.invalid) print(`  line ${i.line}: "${i.value}" is not an e-mail address`);
    });

  addJsonOption(addDataDirOption(group.command('remind').argument('<event>', 'id or address (slug)').description('send the reminders due now (or as of --as-of: instance operator only)')))
    .option('--as-of <instant>', 'run the pass as if it were this time (ISO 8601 with an offset, e.g. 2026-12-01T13:00:00Z)', (value: string) => {
      if (!instantSchema.safeParse(value).success) throw new InvalidArgumentError('Expected an ISO 8601 date-time with an offset, e.g. 2026-12-01T13:00:00Z.');
      return value;
    })
    .action(async (ref: string, opts: { asOf?: string; json?: boolean }, command: Command) => {
      const result = await withApi(command, async (api) =>
        api.post(remindResultSchema, `/api/v1/events/${(await resolveEvent(api, ref)).id}/remind`, opts.asOf ? { asOf: opts.asOf } : {}));
      if (opts.json) return printJson(result);
      print(`Reminder pass as of ${formatDate(result.asOf)} UTC: ${plural(result.queued, 'reminder')} queued, ${result.sent} sent now.`);
    });
}
