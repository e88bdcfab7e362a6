/**
 * The route advisor over HTTP: resolves the provider named in the query from the directory,
 * reads treaty facts for the date asked (today by the injected clock when none is given), runs
 * the pure advisor (domain/routes/advisor.ts), and names each route's addressees from the directory.
 */
import type { Authority, AuthorityKind, Provider } from '../../../domain/directory.ts';
import { adviseRoutes } from '../../../domain/routes/advisor.ts';
import type { Advice, AdviseBody } from '../../../domain/routes/api.ts';
import type { adviseBodySchema } from '../../../domain/routes/api.ts';
import type { AddresseeKind, ProviderFacts } from '../../../domain/routes/types.ts';
import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { invalid, notFound, type FieldError } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { authorise } from '../auth/policy.ts';
import type { CountryData } from '../countries/country-data.ts';
import { presentAuthority, presentProvider } from '../directory/directory.presenter.ts';
import { todayOf } from '../directory/directory.service.ts';
import { authoritiesOf, findEntry } from '../directory/directory.store.ts';

export type { AdviseBody };

/** Which directory entries answer for each kind of addressee the advisor names. */
const CONTACT_KINDS: Partial<Record<AddresseeKind, AuthorityKind[]>> = {
  contact_point_24_7: ['contact_point_24_7'],
  central_authority: ['central_authority'],
  judicial_authority: ['judicial_authority', 'competent_authority'],
  eurojust_national_desk: ['eurojust_national_desk'],
};

/** What the advisor needs to know of a directory provider. */
export function providerFactsOf(p: Provider): ProviderFacts {
  return {
    id: p.id,
    name: p.name,
    country: p.country,
    euEstablishment: p.euEstablishmentCountry,
    acceptsDirectPreservation: p.acceptsDirectPreservation,
    disclosesNonContentVoluntarily: p.disclosesNonContentVoluntarily,
    hasEmergencyProcedure: Boolean(p.emergencyProcedure || p.emergencyContact),
    preservationDays: p.preservationDays,
  };
}

/** A real calendar date (the body's pattern accepts 2026-02-30). */
const isCalendarDate = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export async function adviseRoutesFor(deps: Deps, actor: Actor, data: CountryData, body: z.output<typeof adviseBodySchema>): Promise<Advice> {
  authorise(actor, 'directory.read');
  const unknown: FieldError[] = [];
  const known = (code: string | undefined, path: string) => {
    if (code && !data.byCode.has(code)) unknown.push({ path, message: `${code} is not a country code Liaison knows` });
  };
  known(body.from, 'from');
  known(body.to.country, 'to.country');
  body.otherCountries.forEach((c, i) => known(c, `otherCountries.${i}`));
  if (body.date && !isCalendarDate(body.date)) unknown.push({ path: 'date', message: 'is not a calendar date' });
  if (unknown.length) throw invalid(unknown);

  let provider: Provider | null = null;
  if (body.to.providerId) {
    const row = await findEntry(deps.db, 'providers', body.to.providerId);
    if (!row) throw notFound('Provider');
    provider = presentProvider(row);
  }
  const date = body.date ?? todayOf(deps);
  const advice = adviseRoutes(
    {
      from: body.from,
      target: { country: provider?.country ?? body.to.country!, ...(provider ? { provider: providerFactsOf(provider) } : {}) },
      data: body.data,
      purpose: body.purpose,
      emergency: body.emergency ?? null,
      date,
      otherCountries: body.otherCountries,
    },
    data.facts,
  );

  // One query for every addressee's contacts.
  const countries = new Set<string>();
  const kinds = new Set<AuthorityKind>();
  for (const r of advice.routes) {
    const wanted = CONTACT_KINDS[r.addressee.kind];
    if (!wanted) continue;
    countries.add(r.addressee.country);
    wanted.forEach((k) => kinds.add(k));
  }
  const authorities = (await authoritiesOf(deps.db, [...countries], [...kinds])).map(presentAuthority);
  const contactsFor = (kind: AddresseeKind, country: string): Authority[] => {
    const wanted = CONTACT_KINDS[kind] ?? [];
    return authorities.filter((a) => a.country === country && wanted.includes(a.kind));
  };

  return {
    date,
    from: advice.query.from,
    heldIn: provider?.country ?? advice.query.target.country,
    routes: advice.routes.map((r) => ({
      ...r,
      contacts: contactsFor(r.addressee.kind, r.addressee.country),
      provider: provider && r.addressee.providerId === provider.id ? provider : null,
    })),
    unavailable: advice.unavailable,
  };
}
