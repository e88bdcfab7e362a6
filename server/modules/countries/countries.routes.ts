/** HTTP for the shipped country data: the list, and one country's profile. */
import { z } from 'zod';
import { countryListSchema, countryProfileSchema } from '../../../domain/directory.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import type { CountryData } from './country-data.ts';
import * as countries from './countries.service.ts';

export function countryRoutes(deps: Deps, data: CountryData) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/countries', summary: 'Every country: time zones, languages, instruments binding it today', tags: ['countries'],
      access: 'user', permission: 'directory.read', response: countryListSchema,
      handler: async ({ actor }) => countries.listCountries(deps, actor, data),
    });
    route({
      method: 'GET', url: '/api/v1/countries/:code', summary: 'A country’s treaties (dates, sources), authorities and providers', tags: ['countries'],
      access: 'user', permission: 'directory.read',
      params: z.object({ code: z.string().regex(/^[A-Za-z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code (e.g. FR)' }) }),
      response: countryProfileSchema,
      handler: ({ actor, params }) => countries.getCountryProfile(deps, actor, data, params.code),
    });
  });
}
