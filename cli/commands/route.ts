/**
 * `liaison route`: which legal routes are open to obtain or preserve data held abroad, ranked,
 * with the addressees from the directory, and why every other route is closed.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { providerPageSchema, type Provider } from '../../domain/directory.ts';
import { adviceSchema, type Advice } from '../../domain/routes/api.ts';
import { DATA_CATEGORIES } from '../../domain/routes/types.ts';
import { withQuery, type ApiClient } from '../api.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { CliError } from '../errors.ts';
import { formatTable, print, printJson } from '../output.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COUNTRY = /^[A-Za-z]{2}$/;

type Target = { country: string } | { provider: string };

/** `--to US` or `--to provider:<id or name>`. */
export function parseTarget(value: string): Target {
  const v = value.trim();
  if (COUNTRY.test(v)) return { country: v.toUpperCase() };
  const match = /^provider:(.+)$/i.exec(v);
  if (match) return { provider: match[1]!.trim() };
  throw new InvalidArgumentError('Expected a country code (US) or provider:<id or name>.');
}

/** `--other NL,BE` → ['NL', 'BE']. */
export function parseCountries(value: string): string[] {
  const codes = value.split(/[\s,;]+/).filter(Boolean);
  if (!codes.every((c) => COUNTRY.test(c))) throw new InvalidArgumentError('Expected country codes separated by commas (NL,BE).');
  return codes.map((c) => c.toUpperCase());
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) throw new InvalidArgumentError('Expected a date YYYY-MM-DD.');
  return value.trim();
}

/** A provider by id, or by its exact name or alias (case-insensitive); `option` names where to give the id. */
export async function resolveProvider(api: ApiClient, wanted: string, option = '--to provider:<id>'): Promise<string> {
  if (UUID.test(wanted)) return wanted;
  const { items } = await api.get(providerPageSchema, withQuery('/api/v1/directory/providers', { q: wanted, limit: 200 }));
  const lower = wanted.toLowerCase();
  const matches = items.filter((p) => p.name.toLowerCase() === lower || p.aliases.some((a) => a.toLowerCase() === lower));
  if (matches.length === 1) return matches[0]!.id;
  const list = (ps: Provider[]) => ps.slice(0, 10).map((p) => `${p.id}  ${p.name} (${p.country})`);
  if (matches.length > 1) throw new CliError(`${matches.length} providers are named "${wanted}": give the id (${option})`, list(matches));
  throw new CliError(`no provider is named "${wanted}"${items.length ? '; did you mean one of these?' : ' (import providers with liaison directory import)'}`, list(items));
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
type Route = Advice['routes'][number];

/** `Budapest Convention (ETS 185) Art. 29, Art. 35`; an article the instrument's name already says is not repeated. */
const legalBasisOf = (r: Route) => {
  const articles = r.legalBasis.articles
    .filter((a) => !r.legalBasis.instrument.includes(a))
    .map((a) => (/^\d+[a-z]?(\(\w+\))*$/.test(a) ? `Art. ${a}` : a));
  return [r.legalBasis.instrument, articles.join(', ')].filter(Boolean).join(' ');
};

const timeLimitOf = (r: Route) =>
  r.timeLimit.hours !== undefined ? `${r.timeLimit.hours} hours` : r.timeLimit.days !== undefined ? `${r.timeLimit.days} days` : cut(r.timeLimit.text, 40);

function printAdvice(advice: Advice, ask: { data: string; purpose: string; emergency: boolean }): void {
  const provider = advice.routes.find((r) => r.provider)?.provider ?? null;
  print(
    `Routes from ${advice.from} to ${ask.data.replace('_', ' ')} data held in ${advice.heldIn}${provider ? ` (${provider.name})` : ''}: ` +
      `${ask.purpose}${ask.emergency ? ', emergency' : ''}, on ${advice.date}`,
    '',
  );
  if (advice.routes.length === 0) print('No route is open.');
  else
    process.stdout.write(
      formatTable(advice.routes.map((r, i) => ({ r, rank: i + 1 })), [
        { header: 'RANK', value: ({ rank }) => String(rank) },
        { header: 'ROUTE', value: ({ r }) => cut(r.title, 60) },
        { header: 'LEGAL BASIS', value: ({ r }) => cut(legalBasisOf(r), 48) },
        { header: 'CHANNEL', value: ({ r }) => cut(r.channel, 44) },
        { header: 'TIME LIMIT', value: ({ r }) => timeLimitOf(r) },
      ]),
    );

  advice.routes.forEach((r, i) => {
    const lines = [``, `${i + 1}. ${r.title}`, `   Legal basis: ${legalBasisOf(r)} (${r.legalBasis.citation})`, `   Channel:     ${r.channel}`, `   Form:        ${r.form}`, `   Time:        ${r.timeLimit.text}`];
    if (r.reasons.length) lines.push(`   Open because: ${r.reasons.join('; ')}`);
    for (const p of r.prerequisites) lines.push(`   - ${p}`);
    if (r.provider) lines.push(`   Provider:    ${r.provider.name}${r.provider.lawEnforcementPortal ? `, ${r.provider.lawEnforcementPortal}` : ''}`);
    for (const c of r.contacts) lines.push(`   Contact:     ${c.name} (${c.availability === '24/7' ? '24/7' : `${c.officeHours ?? 'office hours'}, ${c.timeZone}`}): ${c.channels.map((ch) => `${ch.type} ${ch.value}`).join('; ')}${c.fictitious ? ' [fictitious]' : ''}`);
    if (r.contacts.length === 0 && !r.provider && r.addressee.kind !== 'domestic_authority')
      lines.push(`   Contact:     none in the directory for ${r.addressee.kind.replace(/_/g, ' ')} of ${r.addressee.country}`);
    print(...lines);
  });

  if (advice.unavailable.length) {
    print('', 'Not available:');
    for (const u of advice.unavailable) print(`  - ${u.title}: ${u.reasons.join('; ')}`);
  }
}

export function registerRouteCommand(program: Command): void {
  addJsonOption(
    addDataDirOption(
      program
        .command('route')
        .description('rank the legal routes to preserve or obtain data held abroad, with addressees and reasons')
        .requiredOption('--from <country>', 'the requesting State, e.g. FR', (v: string) => {
          if (!COUNTRY.test(v.trim())) throw new InvalidArgumentError('Expected a country code (FR).');
          return v.trim().toUpperCase();
        })
        .requiredOption('--to <target>', 'where the data are: a country code (US) or provider:<id or name>', parseTarget)
        .addOption(new Option('--data <category>', 'the data sought').choices(DATA_CATEGORIES).makeOptionMandatory())
        .addOption(new Option('--purpose <purpose>', 'preserve the data, or obtain them').choices(['preserve', 'obtain']).makeOptionMandatory())
        .option('--emergency <facts>', 'an imminent risk to life or safety: describe the facts')
        .option('--date <date>', 'the date to advise for, YYYY-MM-DD (default: today, UTC)', parseDate)
        .option('--other <countries>', 'other States involved in the case, e.g. NL,BE', parseCountries)
        .addHelpText('after', '\nExample:\n  liaison route --from FR --to provider:Examplemail --data subscriber --purpose preserve'),
    ),
    'the advice',
  ).action(async (options: { from: string; to: Target; data: string; purpose: string; emergency?: string; date?: string; other?: string[]; json?: boolean }, command: Command) => {
    const advice = await withApi(command, async (api) => {
      const to = 'country' in options.to ? { country: options.to.country } : { providerId: await resolveProvider(api, options.to.provider) };
      return api.post(adviceSchema, '/api/v1/routes/advise', {
        from: options.from,
        to,
        data: options.data,
        purpose: options.purpose,
        ...(options.emergency !== undefined ? { emergency: { facts: options.emergency } } : {}),
        ...(options.date ? { date: options.date } : {}),
        otherCountries: options.other ?? [],
      });
    });
    if (options.json) return printJson(advice);
    printAdvice(advice, { data: options.data, purpose: options.purpose, emergency: options.emergency !== undefined });
  });
}
