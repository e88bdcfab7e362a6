/**
 * `liaison request …`: draft a request in a case, fill its body from a JSON file, move it through
 * its life (submit, validate, send, record the answer), and render its document. Case work is
 * need-to-know, so these commands act as a user: set LIAISON_TOKEN to one of your API tokens.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import { z } from 'zod';
import { authoritySchema, providerSchema, type Authority } from '../../domain/directory.ts';
import { CANNOT_EXECUTE_GROUNDS, REQUEST_DATA_CATEGORIES, REQUEST_STATES, TRANSITION_IDS, TRANSITION_PAYLOAD_SCHEMAS, type TransitionId } from '../../domain/lifecycle.ts';
import { DOCUMENT_LANGUAGES } from '../../domain/documents.ts';
import {
  COUNTERPART_KINDS, requestDocumentSchema, requestPageSchema, requestSchema,
  type Counterpart, type RequestSummary, type RequestView,
} from '../../domain/requests/api.ts';
import { REQUEST_DEFINITIONS } from '../../domain/requests/index.ts';
import { REQUEST_TYPE_BY_ROUTE, REQUEST_TYPES, type RequestType } from '../../domain/requests/types.ts';
import { formatInZone, isoInstantSchema } from '../../domain/time.ts';
import { withQuery, type ApiClient } from '../api.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { ApiError, CliError } from '../errors.ts';
import { formatDate, formatTable, plural, print, printJson } from '../output.ts';
import { resolveCase, UUID } from './case.ts';
import { resolveProvider } from './route.ts';

/** `2026/00042-R3`: the case's reference, then the request's number in the case. */
const REQUEST_REFERENCE = /^(.+)-R(\d+)$/;

/** Dates shown to people: `22 Jan 2027, 23:59 CET (UTC+01:00)`. */
export const DISPLAY_LOCALE = 'en-GB';

/** The time zone of whoever runs the command (TZ, or the system's). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A request type's title in English: "Request for expedited preservation …". */
export function typeTitle(type: RequestType): string {
  return REQUEST_DEFINITIONS[type].title.en;
}

/** `Ruritania 24/7 point (NL, Europe/Amsterdam)`, or `-` when the request has no counterpart yet. */
export function counterpartOf(c: Partial<Counterpart>): string {
  if (!c.name) return '-';
  const where = [c.country, c.timeZone].filter(Boolean).join(', ');
  return where ? `${c.name} (${where})` : c.name;
}

const KIND_NAMES: Record<Counterpart['kind'], string> = {
  contact_point_24_7: '24/7 point of contact',
  central_authority: 'central authority',
  judicial_authority: 'judicial authority',
  provider: 'service provider',
  registrar: 'domain registrar',
};

/** `preservation_expiry` → `preservation expiry`. */
export const words = (id: string) => id.replace(/_/g, ' ');

/**
 * A request by id or by its reference (2026/00042-R3): the case part is resolved first (among the
 * cases you may see), then the request among that case's requests.
 */
export async function resolveRequest(api: ApiClient, ref: string): Promise<RequestView> {
  const wanted = ref.trim();
  if (UUID.test(wanted)) return api.get(requestSchema, `/api/v1/requests/${wanted}`);
  const match = REQUEST_REFERENCE.exec(wanted);
  if (!match) throw new CliError(`${ref} is not a request reference (such as 2026/00042-R3) or id`);
  const theCase = await resolveCase(api, match[1]!);
  const PAGE = 200;
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.get(requestPageSchema, withQuery('/api/v1/requests', { caseId: theCase.id, limit: PAGE, offset }));
    const hit = page.items.find((r) => r.reference === wanted);
    if (hit) return api.get(requestSchema, `/api/v1/requests/${hit.id}`);
    if (offset + PAGE >= page.total) break;
  }
  throw new CliError(`case ${theCase.reference} has no request ${wanted} (see liaison request list --case ${theCase.reference})`);
}

// ------------------------------------------------------------------------------------ parsing

const choice = (values: readonly string[], what: string) => (value: string) => {
  if (!values.includes(value)) throw new InvalidArgumentError(`Expected ${what}: ${values.join(', ')}.`);
  return value;
};
const collect = (parse: (v: string) => string) => (value: string, previous: string[] = []) => [...previous, parse(value)];

function parseInstant(value: string): string {
  const v = value.trim();
  if (!isoInstantSchema.safeParse(v).success) throw new InvalidArgumentError('Expected an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:30:00+01:00 or 2026-12-01T08:30:00Z.');
  return v;
}

function parseCountry(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value.trim())) throw new InvalidArgumentError('Expected a country code (NL).');
  return value.trim().toUpperCase();
}

function parseObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`Expected a JSON object: ${(error as Error).message}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('Expected a JSON object, e.g. \'{"addresseeReference":"NL-123"}\'.');
  return parsed as Record<string, unknown>;
}

/** The body in `file` (`-` for standard input): a JSON object, as `liaison request body` prints it. */
function readBodyFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file === '-' ? 'standard input' : file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const name = file === '-' ? 'standard input' : file;
  if (text.trim() === '') throw new CliError(`${name} is empty: give the request body as a JSON object (as liaison request body prints it)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new CliError(`${name} must hold the request body as one JSON object (as liaison request body prints it)`);
  return parsed as Record<string, unknown>;
}

/** JSON with object keys sorted, to compare bodies whatever order the database keeps keys in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

// ------------------------------------------------------------------------------------ printing

/** The completeness check: what is still missing, with its article, and what looks wrong. */
function printCheck(r: RequestView): void {
  if (r.check.ok) print('Complete: every legally required item is present.');
  else {
    print(`Incomplete: ${plural(r.check.missing.length, 'required item')} missing or invalid:`);
    for (const m of r.check.missing) print(`  - ${m.path}: ${m.message.en}`);
  }
  if (r.check.warnings.length) {
    print(`${plural(r.check.warnings.length, 'warning')}:`);
    for (const w of r.check.warnings) print(`  - ${w.path ? `${w.path}: ` : ''}${w.message.en}`);
  }
}

/** A deadline's due time in UTC, in the counterpart's zone, and in the user's. */
function dueLines(dueAt: string, counterpartZone: string | undefined, indent: string): string[] {
  const local = localTimeZone();
  const lines = [`${indent}Due:          ${formatDate(dueAt)} UTC`];
  if (counterpartZone) lines.push(`${indent}Counterpart:  ${formatInZone(dueAt, counterpartZone, DISPLAY_LOCALE)}  ${counterpartZone}`);
  lines.push(`${indent}Your time:    ${formatInZone(dueAt, local, DISPLAY_LOCALE)}  ${local}`);
  return lines;
}

/** Which option of `request transition` fills each payload field. */
const OPTION_OF_PAYLOAD: Record<string, string> = {
  reason: '--reason',
  decision: '--decision',
  channel: '--channel',
  occurredAt: '--at',
  summary: '--summary',
  ground: '--ground',
  note: '--note',
};

const optionFor = (field: string) => OPTION_OF_PAYLOAD[field] ?? `--payload-json '{"${field}":…}'`;

function printRequest(r: RequestView): void {
  const definition = REQUEST_DEFINITIONS[r.type];
  const direction = r.direction === 'outgoing' ? 'To' : 'From';
  print(
    `${r.reference}  ${definition.title.en}${r.emergency ? '  [EMERGENCY]' : ''}`,
    `Form:        ${definition.form}; ${definition.legalBasis.citation}`,
    `Status:      ${words(r.status)} (${r.direction})    Case: ${r.caseReference}`,
    `${direction}:${' '.repeat(12 - direction.length)}${counterpartOf(r.counterpart)}${r.counterpart.kind ? `, ${KIND_NAMES[r.counterpart.kind]}` : ''}`,
    `Drafted:     ${formatDate(r.createdAt)} UTC by ${r.createdBy}    Changed: ${formatDate(r.updatedAt)} UTC    Body version: ${r.bodyVersion}`,
  );
  if (r.dataCategory) print(`Data:        ${words(r.dataCategory)}`);
  if (r.routeId) print(`Route:       ${r.routeId}`);
  if (r.sentAt) print(`Sent:        ${formatDate(r.sentAt)} UTC`);
  if (r.parent) print(`Follows:     ${r.parent.reference} (${r.parent.type}, ${words(r.parent.status)})${r.relation ? ` as ${words(r.relation)}` : ''}`);
  for (const c of r.children) print(`Followed by: ${c.reference} (${c.type}, ${words(c.status)})${c.relation ? ` as ${words(c.relation)}` : ''}`);
  if (r.emergencyFacts) print('Emergency:', ...r.emergencyFacts.split('\n').map((l) => `  ${l}`));

  print('', `Validation:  ${r.validation.requirement === 'none' ? 'not required' : `by a ${words(r.validation.requirement)}`}`, `  ${r.validation.reason}`);
  if (r.validatedBy) print(`  Validated ${formatDate(r.validatedAt)} UTC by ${r.validatedBy}${r.validationDecision ? `: ${r.validationDecision}` : ''}`);

  print('');
  printCheck(r);

  print('', 'Deadlines:');
  if (r.deadlines.deadlines.length === 0)
    print(['draft', 'awaiting_validation', 'validated'].includes(r.status) ? '  none yet: they start when the request is sent' : '  none');
  for (const d of r.deadlines.deadlines) {
    print(`  ${words(d.kind)} (${words(d.state)}${d.binding ? ', binding' : ', target set by Liaison'})`, ...dueLines(d.dueAt, r.counterpart.timeZone, '    '));
    if (d.warnAt && d.state !== 'met') print(`    Warning from: ${formatDate(d.warnAt)} UTC`);
    if (d.completedAt) print(`    Met:          ${formatDate(d.completedAt)} UTC`);
    print(`    Rule:         ${d.rule}`);
    for (const n of d.notes ?? []) print(`    Note:         ${n}`);
    if (d.actions?.length) print(`    Next steps:   ${d.actions.map(words).join(', ')}`);
  }
  if (r.deadlines.elapsed) print(`  ${r.deadlines.elapsed.days} days elapsed since ${formatDate(r.deadlines.elapsed.since)} UTC`);
  for (const n of r.deadlines.notes) print(`  Note: ${n}`);

  print('', 'History:');
  process.stdout.write(formatTable(r.history, [
    { header: '  WHEN (UTC)', value: (h) => `  ${formatDate(h.at)}` },
    { header: 'TRANSITION', value: (h) => h.transition },
    { header: 'FROM → TO', value: (h) => `${words(h.from)} → ${words(h.to)}` },
    { header: 'BY', value: (h) => h.actor },
    { header: 'DETAILS', value: (h) => Object.entries(h.payload).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ') },
  ]));

  print('', 'Documents:');
  if (r.documents.length === 0) print(`  none yet (liaison request render ${r.reference} --format pdf)`);
  else
    process.stdout.write(formatTable(r.documents, [
      { header: '  VERSION', value: (d) => `  ${d.version}${d.current ? '' : ' (old)'}` },
      { header: 'FORMAT', value: (d) => `${d.format} ${d.language}` },
      { header: 'SIZE', value: (d) => formatSize(d.size) },
      { header: 'GENERATED (UTC)', value: (d) => formatDate(d.generatedAt) },
      { header: 'BY', value: (d) => d.generatedBy },
      { header: 'SHA-256', value: (d) => d.sha256 },
    ]));

  const moves = r.allowed.transitions;
  print('', moves.length ? 'You may now:' : 'You may not move this request on now.');
  for (const t of moves)
    print(`  liaison request transition ${r.reference} ${t.id}${t.requires.map((f) => ` ${optionFor(f)}${OPTION_OF_PAYLOAD[f] ? ' …' : ''}`).join('')}   (→ ${words(t.to)})`);
  if (r.allowed.edit) print(`  liaison request edit ${r.reference} --file body.json   (change the draft; liaison request body prints it)`);
  if (r.allowed.followUps.length) {
    print('', 'Follow-ups you may start:');
    for (const f of r.allowed.followUps)
      print(
        `  ${f.type} (${words(f.relation)}): ${f.explanation}`,
        `    ${f.legalBasis}`,
        `    liaison request new --case ${r.caseReference} --type ${f.type} --parent ${r.reference} --relation ${f.relation}`,
      );
  }
}

/**
 * Writes `bytes` to `target` only if what lands on disk hashes to every expected SHA-256: written
 * beside the target, read back and hashed, then renamed, so the file under the name is byte for
 * byte the document whose hash the server recorded. On a mismatch nothing is kept.
 */
export function writeVerifiedFile(target: string, bytes: Buffer, expected: Record<string, string>): string {
  const partial = `${target}.partial-${process.pid}`;
  try {
    fs.writeFileSync(partial, bytes, { mode: 0o600 });
    const written = createHash('sha256').update(fs.readFileSync(partial)).digest('hex');
    const wrong = Object.entries(expected).filter(([, sha]) => sha.toLowerCase() !== written);
    if (wrong.length)
      throw new CliError(
        `the SHA-256 of the document does not match; nothing was written to ${target}`,
        [['received', written], ...wrong].map(([who, sha]) => `${`${who}:`.padEnd(22)}${sha}`),
      );
    fs.renameSync(partial, target);
    return written;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot write ${target}: ${(error as Error).message}`);
  }
}

/** `41 KB`, `1.2 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// ------------------------------------------------------------------------------------ actions

interface NewOptions {
  case: string;
  type?: RequestType;
  route?: string;
  toProvider?: string;
  toAuthority?: string;
  toCountry?: string;
  toKind?: Counterpart['kind'];
  toName?: string;
  parent?: string;
  relation?: 'extension' | 'follow_up';
  emergency?: string;
  data?: string;
  json?: boolean;
}

/** The directory's authority kinds that a counterpart does not name are judicial or competent authorities. */
function counterpartKindOf(a: Authority): Counterpart['kind'] {
  return (COUNTERPART_KINDS as readonly string[]).includes(a.kind) ? (a.kind as Counterpart['kind']) : 'judicial_authority';
}

/** The addressee from `--to-provider`, `--to-authority`, or `--to-country/--to-kind/--to-name`. */
async function counterpartFrom(api: ApiClient, o: NewOptions): Promise<Counterpart | undefined> {
  if (o.toProvider !== undefined) {
    const p = await api.get(providerSchema, `/api/v1/directory/providers/${await resolveProvider(api, o.toProvider, '--to-provider <id>')}`);
    return { kind: o.toKind ?? 'provider', name: p.name, country: p.country, providerId: p.id };
  }
  if (o.toAuthority !== undefined) {
    if (!UUID.test(o.toAuthority.trim())) throw new CliError(`--to-authority takes the id of an authority in the directory (see liaison directory export --kind authorities --format json)`);
    let a: Authority;
    try {
      a = await api.get(authoritySchema, `/api/v1/directory/authorities/${o.toAuthority.trim()}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') throw new CliError(`no authority in the directory has the id ${o.toAuthority}`);
      throw error;
    }
    return { kind: o.toKind ?? counterpartKindOf(a), name: a.unit ? `${a.name}, ${a.unit}` : a.name, country: a.country, authorityId: a.id, timeZone: a.timeZone };
  }
  if (o.toCountry && o.toKind && o.toName) return { kind: o.toKind, name: o.toName, country: o.toCountry };
  return undefined;
}

/** What `request new` cannot do with the options as given (a usage error), or null. */
function newUsageError(o: NewOptions): string | null {
  const manual = o.toCountry !== undefined || o.toName !== undefined;
  if ([o.toProvider !== undefined, o.toAuthority !== undefined, manual].filter(Boolean).length > 1)
    return 'give one addressee: --to-provider, --to-authority, or --to-country with --to-kind and --to-name';
  if ((manual || (o.toKind !== undefined && !o.toProvider && !o.toAuthority)) && !(o.toCountry && o.toKind && o.toName))
    return 'an addressee outside the directory needs all of --to-country, --to-kind and --to-name';
  if (o.relation && !o.parent) return '--relation needs --parent';
  if (!o.type && !o.route) return 'give --type (or --route, which implies it)';
  if (!o.type && o.route && !REQUEST_TYPE_BY_ROUTE[o.route]) return `the route ${o.route} does not say which request to draft: give --type`;
  return null;
}

/** Payload fields an option sets, checked against what the transition accepts (TRANSITION_PAYLOAD_SCHEMAS). */
function payloadOf(transition: TransitionId, o: TransitionOptions, usage: (message: string) => never): Record<string, unknown> {
  const accepted = Object.keys((TRANSITION_PAYLOAD_SCHEMAS[transition] as z.ZodObject).shape);
  const fromOptions: Record<string, string | undefined> = {
    reason: o.reason, decision: o.decision, channel: o.channel, occurredAt: o.at, summary: o.summary, ground: o.ground, note: o.note,
  };
  const payload: Record<string, unknown> = { ...(o.payloadJson ?? {}) };
  for (const [field, value] of Object.entries(fromOptions)) {
    if (value === undefined) continue;
    if (!accepted.includes(field))
      usage(`${OPTION_OF_PAYLOAD[field]} does not apply to ${transition}${accepted.length ? ` (it takes ${accepted.map(optionFor).join(', ')})` : ' (it takes nothing)'}`);
    payload[field] = value;
  }
  const unknown = Object.keys(o.payloadJson ?? {}).filter((k) => !accepted.includes(k));
  if (unknown.length) usage(`--payload-json: ${transition} takes no ${unknown.join(', ')}${accepted.length ? ` (it takes ${accepted.join(', ')})` : ''}`);
  return payload;
}

interface TransitionOptions {
  reason?: string;
  decision?: string;
  channel?: string;
  at?: string;
  summary?: string;
  ground?: string;
  note?: string;
  payloadJson?: Record<string, unknown>;
  json?: boolean;
}

/**
 * A refused transition, as the user can act on it: the missing items of the body one per line with
 * their articles, payload fields named after their options.
 */
function explainRefusal(error: ApiError, transition: string, reference: string): CliError {
  const fields = error.body.fields;
  if (error.code !== 'validation_failed' || fields.length === 0) return error;
  const missing = fields.filter((f) => f.path.startsWith('body.'));
  const details = fields.map((f) => {
    if (f.path.startsWith('body.')) return `${f.path.slice(5)}: ${f.message}`;
    const field = f.path.startsWith('payload.') ? f.path.slice(8) : '';
    return field ? `${field}: ${f.message} (${optionFor(field)})` : `${f.path || 'payload'}: ${f.message}`;
  });
  const headline = missing.length
    ? `cannot ${words(transition)} ${reference}: ${plural(missing.length, 'required item')} missing or invalid (fill them in with liaison request edit)`
    : `cannot ${words(transition)} ${reference}: the details given are incomplete`;
  return new CliError(headline, details);
}

// ------------------------------------------------------------------------------------ commands

const USER_TRANSITIONS = TRANSITION_IDS.filter((t) => t !== 'create_draft' && t !== 'register' && t !== 'expire');
const GROUNDS: readonly string[] = CANNOT_EXECUTE_GROUNDS;

export function registerRequestCommands(program: Command): void {
  const group = program
    .command('request')
    .description('requests in a case: draft, fill in, move on (submit, validate, send, record the answer), render (acts as the user of LIAISON_TOKEN)');

  // ---- new
  addJsonOption(addDataDirOption(group.command('new').description('draft a request in a case, prefilled from the case, its identifiers and the addressee')))
    .requiredOption('--case <case>', 'the case: reference (2026/00042) or id')
    .addOption(new Option('--type <type>', 'the request type (optional with --route, which implies it)').choices(REQUEST_TYPES))
    .option('--route <route-id>', 'the route chosen with liaison route, e.g. budapest-29-preservation')
    .option('--to-provider <provider>', 'addressee: a provider of the directory, by id or exact name')
    .option('--to-authority <id>', 'addressee: an authority or contact point of the directory, by id')
    .option('--to-country <country>', 'addressee outside the directory: its country (with --to-kind and --to-name)', parseCountry)
    .addOption(new Option('--to-kind <kind>', 'addressee outside the directory: what it is').choices(COUNTERPART_KINDS))
    .option('--to-name <name>', 'addressee outside the directory: its name')
    .option('--parent <request>', 'the request this one extends or follows up: reference (2026/00042-R1) or id')
    .addOption(new Option('--relation <relation>', 'how it relates to --parent (default: as the rules provide)').choices(['extension', 'follow_up']))
    .option('--emergency <facts>', 'an imminent risk to life or safety: describe the facts')
    .addOption(new Option('--data <category>', 'the data sought').choices(REQUEST_DATA_CATEGORIES))
    .addHelpText('after', [
      '',
      'Examples:',
      '  liaison request new --case 2026/00042 --type preservation_247 --to-country NL --to-kind contact_point_24_7 --to-name "NL 24/7 point"',
      '  liaison request new --case 2026/00042 --route provider-preservation --to-provider Examplemail --data subscriber',
      '  liaison request new --case 2026/00042 --type mla_subscriber --parent 2026/00042-R1',
    ].join('\n'))
    .action(async (opts: NewOptions, command: Command) => {
      const problem = newUsageError(opts);
      if (problem) command.error(`error: ${problem}`);
      const type = (opts.type ?? REQUEST_TYPE_BY_ROUTE[opts.route!])!;
      const created = await withApi(command, async (api) => {
        const theCase = await resolveCase(api, opts.case);
        const counterpart = await counterpartFrom(api, opts);
        const parent = opts.parent ? await resolveRequest(api, opts.parent) : undefined;
        return api.post(requestSchema, '/api/v1/requests', {
          caseId: theCase.id,
          type,
          ...(opts.route ? { routeId: opts.route } : {}),
          ...(opts.data ? { dataCategory: opts.data } : {}),
          ...(opts.emergency !== undefined ? { emergency: { facts: opts.emergency } } : {}),
          ...(counterpart ? { counterpart } : {}),
          ...(parent ? { parentId: parent.id } : {}),
          ...(opts.relation ? { relation: opts.relation } : {}),
        });
      });
      if (opts.json) return printJson(created);
      print(
        `Drafted ${created.reference} (${created.id}): ${typeTitle(created.type)}.`,
        `Status:     ${words(created.status)}`,
        `To:         ${counterpartOf(created.counterpart)}`,
        `Validation: ${created.validation.requirement === 'none' ? 'not required' : `by a ${words(created.validation.requirement)}`}`,
        '',
      );
      printCheck(created);
      print(
        '',
        'Fill it in:',
        `  liaison request body ${created.reference} > body.json`,
        `  (edit body.json)`,
        `  liaison request edit ${created.reference} --file body.json`,
      );
    });

  // ---- list
  addJsonOption(addDataDirOption(group.command('list').description('requests in the cases you may see, soonest deadline first')))
    .option('--case <case>', 'only this case: reference or id')
    .option('--status <status>', `only this status, repeatable (${REQUEST_STATES.join(', ')})`, collect(choice(REQUEST_STATES, 'a status')))
    .option('--due-before <time>', 'only requests with a deadline at or before this ISO 8601 time, e.g. 2026-12-31T23:59:59Z', parseInstant)
    .option('--limit <n>', 'at most this many (1–200)', '50')
    .action(async (opts: { case?: string; status?: string[]; dueBefore?: string; limit: string; json?: boolean }, command: Command) => {
      const page = await withApi(command, async (api) => {
        const caseId = opts.case ? (await resolveCase(api, opts.case)).id : undefined;
        // Repeated `status=` for several statuses, which withQuery cannot express.
        const params = new URLSearchParams({ limit: opts.limit });
        if (caseId) params.set('caseId', caseId);
        if (opts.dueBefore) params.set('dueBefore', opts.dueBefore);
        for (const s of opts.status ?? []) params.append('status', s);
        return api.get(requestPageSchema, `/api/v1/requests?${params.toString()}`);
      });
      if (opts.json) return printJson(page);
      if (page.items.length === 0) return print('No requests.');
      process.stdout.write(formatTable<RequestSummary>(page.items, [
        { header: 'REFERENCE', value: (r) => r.reference },
        { header: 'TYPE', value: (r) => `${r.type}${r.emergency ? ' !' : ''}` },
        { header: 'STATUS', value: (r) => words(r.status) },
        { header: 'NEXT DEADLINE (UTC)', value: (r) => (r.nextDue ? `${formatDate(r.nextDue.dueAt)} ${words(r.nextDue.kind)}` : '-') },
        { header: 'COUNTERPART', value: (r) => `${r.direction === 'incoming' ? 'from ' : ''}${counterpartOf(r.counterpart)}` },
      ]));
      if (page.total > page.items.length) print(`(${page.items.length} of ${page.total}; use --limit, --case or --status)`);
    });

  // ---- show
  addJsonOption(addDataDirOption(group.command('show').argument('<request>', 'reference (2026/00042-R1) or id').description('a request: addressee, validation, missing items, deadlines, history, documents, next steps')))
    .action(async (ref: string, opts: { json?: boolean }, command: Command) => {
      const r = await withApi(command, (api) => resolveRequest(api, ref));
      if (opts.json) return printJson(r);
      printRequest(r);
    });

  // ---- body
  addDataDirOption(group.command('body').argument('<request>', 'reference or id').description('print the request body as JSON, to edit and give back with request edit'))
    .addHelpText('after', '\nRound trip:\n  liaison request body 2026/00042-R1 > body.json\n  (edit body.json)\n  liaison request edit 2026/00042-R1 --file body.json')
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const r = await withApi(command, (api) => resolveRequest(api, ref));
      printJson(r.body);
    });

  // ---- edit
  addJsonOption(addDataDirOption(group.command('edit').argument('<request>', 'reference or id').description('replace the draft body with the JSON object in a file')))
    .requiredOption('--file <file>', 'the body as JSON (as liaison request body prints it); - reads standard input')
    .option('--base-version <n>', 'refuse if the draft is no longer at this body version (someone saved meanwhile)', (v: string) => {
      if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new InvalidArgumentError('Expected a body version (1, 2, …).');
      return Number(v);
    })
    .action(async (ref: string, opts: { file: string; baseVersion?: number; json?: boolean }, command: Command) => {
      const body = readBodyFile(opts.file);
      const result = await withApi(command, async (api) => {
        const current = await resolveRequest(api, ref);
        if (!current.allowed.edit)
          throw new CliError(`${current.reference} cannot be edited: it is ${words(current.status)}${current.status === 'draft' ? ' and you are not on the case team' : ' (reopen it as a draft first)'}`);
        if (opts.baseVersion !== undefined && opts.baseVersion !== current.bodyVersion)
          throw new CliError(`${current.reference} is at body version ${current.bodyVersion}, not ${opts.baseVersion}: someone saved it meanwhile; start again from liaison request body ${current.reference}`);
        if (canonicalJson(current.body) === canonicalJson(body)) return { request: current, saved: false };
        try {
          return { request: await api.put(requestSchema, `/api/v1/requests/${current.id}/draft`, { body, bodyVersion: current.bodyVersion }), saved: true };
        } catch (error) {
          if (!(error instanceof ApiError) || error.code !== 'validation_failed' || error.body.fields.length === 0) throw error;
          const fields = error.body.fields;
          throw new CliError(
            `${current.reference} was not saved: ${plural(fields.length, 'value')} in ${opts.file === '-' ? 'the body' : opts.file} ${fields.length === 1 ? 'is' : 'are'} not valid`,
            fields.map((f) => `${f.path.replace(/^body\.?/, '') || '(the body)'}: ${f.message}`),
          );
        }
      });
      if (opts.json) return printJson(result.request);
      const r = result.request;
      print(result.saved ? `Saved ${r.reference}: body version ${r.bodyVersion}.` : `Nothing changed in ${r.reference} (body version ${r.bodyVersion}).`);
      printCheck(r);
    });

  // ---- transition
  addJsonOption(addDataDirOption(group.command('transition')
    .argument('<request>', 'reference or id')
    .addArgument(new Argument('<transition>', 'what happens').choices(USER_TRANSITIONS))
    .description('move a request on: submit it, validate it, send it, record the answer, withdraw or close it')))
    .option('--reason <text>', 'why (reject_validation, reopen_draft, record_refusal, refuse, withdraw, …)')
    .option('--decision <text>', 'the validation decision (validate)')
    .option('--channel <channel>', 'how it was sent, e.g. e-mail, e-CODEX, 24/7 network (send, forward)')
    .option('--at <time>', 'when it happened at the counterpart, if not now: ISO 8601 with offset', parseInstant)
    .option('--summary <text>', 'what was received or sent back (record_partial, record_executed, answer, …)')
    .option('--ground <ground>', `why it cannot be executed (${GROUNDS.join(', ')})`, choice(GROUNDS, 'a ground'))
    .option('--note <text>', 'a note for the validator (submit_for_validation)')
    .option('--payload-json <json>', 'other payload fields as a JSON object, e.g. \'{"addresseeReference":"NL-2026-17"}\'', parseObject)
    .addHelpText('after', [
      '',
      'Examples:',
      '  liaison request transition 2026/00042-R1 submit_for_validation',
      '  liaison request transition 2026/00042-R1 validate --decision "Necessary and proportionate; issued."',
      '  liaison request transition 2026/00042-R1 send --channel e-mail',
      '  liaison request transition 2026/00042-R1 acknowledge --at 2026-11-24T10:02:00+01:00',
    ].join('\n'))
    .action(async (ref: string, transition: TransitionId, opts: TransitionOptions, command: Command) => {
      const payload = payloadOf(transition, opts, (message) => command.error(`error: ${message}`));
      const { before, after } = await withApi(command, async (api) => {
        const request = await resolveRequest(api, ref);
        try {
          return { before: request, after: await api.post(requestSchema, `/api/v1/requests/${request.id}/transitions`, { transition, payload }) };
        } catch (error) {
          throw error instanceof ApiError ? explainRefusal(error, transition, request.reference) : error;
        }
      });
      if (opts.json) return printJson(after);
      print(`${after.reference}: ${words(before.status)} → ${words(after.status)} (${transition}).`);
      const open = after.deadlines.deadlines.filter((d) => d.state !== 'met');
      const zone = after.counterpart.timeZone;
      for (const d of open) print(`  ${words(d.kind)} due ${formatDate(d.dueAt)} UTC${zone ? ` — ${formatInZone(d.dueAt, zone, DISPLAY_LOCALE)} in ${zone}` : ''}`);
      if (after.allowed.transitions.length) print(`Next: ${after.allowed.transitions.map((t) => t.id).join(', ')}`);
    });

  // ---- render
  addJsonOption(addDataDirOption(group.command('render').argument('<request>', 'reference or id').description('generate the request document for the current version and download it')), 'the document')
    .addOption(new Option('--format <format>', 'file format').choices(['pdf', 'docx']).makeOptionMandatory())
    .addOption(new Option('--lang <language>', 'language of the document').choices(DOCUMENT_LANGUAGES).default('en'))
    .option('--out <file>', 'where to write it (default: <reference>-v<version>-<lang>.<format> here)')
    .option('-f, --force', 'overwrite the file if it exists')
    .action(async (ref: string, opts: { format: 'pdf' | 'docx'; lang: string; out?: string; force?: boolean; json?: boolean }, command: Command) => {
      const { request, document, file, target } = await withApi(command, async (api) => {
        const request = await resolveRequest(api, ref);
        // The document is generated for the current body version: the default name is known now,
        // so an existing file is refused before anything is generated (generation is audited).
        const target = path.resolve(opts.out ?? `${request.reference.replace(/[^A-Za-z0-9-]+/g, '-')}-v${request.bodyVersion}-${opts.lang}.${opts.format}`);
        if (!opts.force && fs.existsSync(target)) throw new CliError(`${target} exists: choose another file with --out or add --force`);
        const document = await api.post(requestDocumentSchema, `/api/v1/requests/${request.id}/documents`, { format: opts.format, language: opts.lang });
        return { request, document, target, file: await api.downloadWithHeaders(`/api/v1/requests/${request.id}/documents/${document.id}`) };
      });
      const announced = file.headers['x-content-sha256'];
      if (!announced) throw new CliError('the server sent the document without its SHA-256 (x-content-sha256); nothing was written');
      writeVerifiedFile(target, file.body, { 'the server announced': announced, 'the server recorded': document.sha256 });
      if (opts.json) return printJson({ ...document, path: target });
      print(
        `Wrote ${target}`,
        `  ${request.reference}, document version ${document.version}${document.current ? '' : ' (not the current state of the request)'}, ${document.format.toUpperCase()} in ${document.language === 'fr' ? 'French' : 'English'}, ${formatSize(file.body.length)} (${file.body.length} bytes)`,
        `  SHA-256 ${document.sha256} (verified)`,
      );
    });
}
