/**
 * `liaison country show FR`: a country's treaties (dates and sources), the directory's contact
 * points there, its languages and the local time now in each of its time zones.
 */
import type { Command } from 'commander';
import { countryListSchema, countryProfileSchema, type Authority, type CountryProfile } from '../../domain/directory.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { ApiError, CliError } from '../errors.ts';
import { formatTable, print, printJson } from '../output.ts';

type Membership = CountryProfile['memberships'][number];

/** `Mon 23 Nov 13:05 (GMT+1)` in `timeZone`, for `at`. */
export function localTime(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset',
  }).format(at).replace(',', '');
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const KIND_LABELS: Record<Authority['kind'], string> = {
  contact_point_24_7: '24/7 point of contact',
  central_authority: 'central authority',
  eurojust_national_desk: 'Eurojust national desk',
  eurojust_contact_point: 'Eurojust contact point',
  judicial_authority: 'judicial authority',
  competent_authority: 'competent authority',
};

function printProfile(profile: CountryProfile, now: Date): void {
  const { country } = profile;
  const lines = [`${country.name} (${country.code})`, `Languages:   ${country.languages.join(', ') || '-'}`];
  if (country.timeZones.length === 0) lines.push('Local time:  no time zone on record');
  country.timeZones.forEach((tz, i) => lines.push(`${i === 0 ? 'Local time:  ' : '             '}${localTime(tz, now)}  ${tz}`));
  print(...lines, '');

  if (profile.memberships.length === 0) print('Treaties: none on record.', '');
  else {
    print(`Treaties and cooperation frameworks (bound today: ${profile.country.instruments.join(', ') || 'none'}):`);
    process.stdout.write(
      formatTable<Membership>(profile.memberships, [
        { header: 'INSTRUMENT', value: (m) => cut(m.instrumentName, 48) },
        { header: 'STATUS', value: (m) => m.status },
        { header: 'SIGNED', value: (m) => m.signed ?? '-' },
        { header: 'RATIFIED', value: (m) => m.ratified ?? '-' },
        { header: 'IN FORCE', value: (m) => m.inForce ?? '-' },
        { header: 'TODAY', value: (m) => (m.boundToday ? 'bound' : 'not bound') },
        { header: 'CHECKED', value: (m) => m.checkedAt },
      ]),
    );
    print('', 'Sources:', ...profile.memberships.map((m) => `  ${m.instrument}: ${m.source}`));
    const notes = profile.memberships.filter((m) => m.notes);
    if (notes.length) print('Notes:', ...notes.map((m) => `  ${m.instrument}: ${m.notes}`));
    print('');
  }

  if (profile.authorities.length === 0) print('Contact points and authorities: none in the directory (import them with `liaison directory import`).');
  else {
    print('Contact points and authorities:');
    process.stdout.write(
      formatTable<Authority>(profile.authorities, [
        { header: 'KIND', value: (a) => KIND_LABELS[a.kind] },
        { header: 'NAME', value: (a) => cut(a.name, 60) },
        { header: 'AVAILABLE', value: (a) => (a.availability === '24/7' ? '24/7' : `${cut(a.officeHours ?? 'office hours', 32)} (${a.timeZone})`) },
        { header: 'CHANNELS', value: (a) => a.channels.map((c) => `${c.type}: ${c.value}`).join('; ') },
        { header: 'LANGUAGES', value: (a) => a.languages.join(', ') },
      ]),
    );
    const requirements = profile.authorities.filter((a) => a.requirements || a.encryptionRequired || a.eSignatureRequired);
    if (requirements.length) {
      print('Requirements:');
      for (const a of requirements) {
        const needs = [a.encryptionRequired && 'encryption required', a.eSignatureRequired && 'e-signature required', a.requirements].filter(Boolean);
        print(`  ${cut(a.name, 60)}: ${needs.join('; ')}`);
      }
    }
    if (profile.authorities.some((a) => a.fictitious)) print('(entries marked fictitious are samples, not real contact details)');
  }
  print(`Service providers established here: ${profile.providers.length ? profile.providers.map((p) => p.name).join(', ') : 'none in the directory'}`);
}

export function registerCountryCommands(program: Command): void {
  const country = program.command('country').description('countries: treaties binding them, contact points, languages, local time');

  addJsonOption(
    addDataDirOption(
      country
        .command('show')
        .description('a country’s treaties with dates and sources, contact points, languages and local time')
        .argument('<code>', 'ISO 3166-1 alpha-2 code, e.g. FR'),
    ),
    'the country profile',
  ).action(async (code: string, options: { json?: boolean }, command: Command) => {
    const profile = await withApi(command, async (api) => {
      try {
        return await api.get(countryProfileSchema, `/api/v1/countries/${encodeURIComponent(code.trim())}`);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') throw new CliError(`no country has the code ${code} (see liaison country list)`);
        throw error;
      }
    });
    if (options.json) return printJson(profile);
    printProfile(profile, new Date());
  });

  addJsonOption(
    addDataDirOption(country.command('list').description('every country: code, name and the instruments binding it today')),
    'the countries',
  ).action(async (options: { json?: boolean }, command: Command) => {
    const { countries } = await withApi(command, (api) => api.get(countryListSchema, '/api/v1/countries'));
    if (options.json) return printJson(countries);
    process.stdout.write(
      formatTable(countries, [
        { header: 'CODE', value: (c) => c.code },
        { header: 'NAME', value: (c) => cut(c.name, 40) },
        { header: 'BOUND TODAY BY', value: (c) => c.instruments.join(', ') },
      ]),
    );
  });
}
