/**
 * Countries and the treaties binding them, read from the shipped data (country-data.ts) for
 * today's date by the injected clock, with the directory's entries for a country's profile.
 */
import type { CountryProfile } from '../../../domain/directory.ts';
import { INSTRUMENTS, type InstrumentId } from '../../../domain/countries/treaties.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { authorise } from '../auth/policy.ts';
import { presentAuthority, presentProvider } from '../directory/directory.presenter.ts';
import { todayOf } from '../directory/directory.service.ts';
import { entriesOfCountry } from '../directory/directory.store.ts';
import type { Country, CountryData } from './country-data.ts';

type CountrySummary = CountryProfile['country'];

function summaryOf(data: CountryData, country: Country, date: string): CountrySummary {
  return {
    ...country,
    instruments: INSTRUMENTS.filter((id: InstrumentId) => data.facts.bound(country.code, id, date).bound),
  };
}

/** Every country with its time zones, languages and the instruments binding it today. */
export function listCountries(deps: Deps, actor: Actor, data: CountryData): { countries: CountrySummary[] } {
  authorise(actor, 'directory.read');
  const date = todayOf(deps);
  return { countries: data.countries.map((c) => summaryOf(data, c, date)) };
}

/** One country: memberships with dates and sources, and the directory's entries there. */
export async function getCountryProfile(deps: Deps, actor: Actor, data: CountryData, code: string): Promise<CountryProfile> {
  authorise(actor, 'directory.read');
  const country = data.byCode.get(code.toUpperCase());
  if (!country) throw notFound('Country');
  const date = todayOf(deps);
  const order = (id: InstrumentId) => INSTRUMENTS.indexOf(id);
  const memberships = data.facts
    .memberships(country.code)
    .sort((a, b) => order(a.instrument) - order(b.instrument))
    .map((m) => ({
      instrument: m.instrument,
      instrumentName: data.facts.instrument(m.instrument).name,
      status: m.status,
      signed: m.signed ?? null,
      ratified: m.ratified ?? null,
      inForce: m.inForce ?? null,
      boundToday: data.facts.bound(country.code, m.instrument, date).bound,
      notes: m.notes ?? null,
      source: m.source,
      checkedAt: m.checkedAt,
    }));
  const entries = await entriesOfCountry(deps.db, country.code);
  return {
    country: summaryOf(data, country, date),
    memberships,
    authorities: entries.authorities.map(presentAuthority),
    providers: entries.providers.map(presentProvider),
  };
}
