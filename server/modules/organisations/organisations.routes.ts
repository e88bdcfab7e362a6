/** HTTP for organisations (agencies). Creating one is the operator's job (CLI). */
import { z } from 'zod';
import { organisationSchema } from '../../../domain/api.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import * as organisations from './organisations.service.ts';

export function organisationRoutes(deps: Deps) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/organisations', summary: 'Organisations I can see (mine; all for the operator)', tags: ['organisations'],
      access: 'user', permission: 'organisation.read', response: z.object({ organisations: z.array(organisationSchema) }),
      handler: async ({ actor }) => ({ organisations: await organisations.listVisible(deps, actor) }),
    });
    route({
      method: 'POST', url: '/api/v1/organisations', summary: 'Create an organisation (operator only)', tags: ['organisations'],
      access: 'user', body: z.object({ name: z.string().trim().min(1).max(200), country: z.string().regex(/^[A-Za-z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' }) }),
      response: organisationSchema, status: 201,
      handler: ({ actor, body }) => organisations.createOrganisation(deps, actor, body),
    });
  });
}
