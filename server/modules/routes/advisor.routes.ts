/** HTTP for the route advisor. */
import { adviceSchema, adviseBodySchema } from '../../../domain/routes/api.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import type { CountryData } from '../countries/country-data.ts';
import { adviseRoutesFor } from './advisor.service.ts';

export function advisorRoutes(deps: Deps, data: CountryData) {
  return defineRoutes((route) => {
    route({
      method: 'POST', url: '/api/v1/routes/advise', summary: 'Rank the legal routes to obtain or preserve data held abroad, with reasons for those not open', tags: ['routes'],
      access: 'user', permission: 'directory.read', body: adviseBodySchema, response: adviceSchema,
      handler: ({ actor, body }) => adviseRoutesFor(deps, actor, data, body),
    });
  });
}
