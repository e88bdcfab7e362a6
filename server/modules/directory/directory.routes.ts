/** HTTP for the directory: search, read, create, replace, delete; import and export files. */
import { z } from 'zod';
import { okSchema } from '../../../domain/api.ts';
import {
  authorityInputSchema, authorityPageSchema, authorityQuerySchema, authoritySchema, exportQuerySchema, importBodySchema,
  importResultSchema, providerInputSchema, providerPageSchema, providerQuerySchema, providerSchema,
} from '../../../domain/directory.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import type { CountryData } from '../countries/country-data.ts';
import * as directory from './directory.service.ts';

const idParams = z.object({ id: z.uuid() });

/** An import is a file of up to 20 million characters, sent as a JSON string (escapes included). */
const IMPORT_BODY_LIMIT = 48 * 1024 * 1024;

export function directoryRoutes(deps: Deps, countries: CountryData) {
  return defineRoutes((route) => {
    // ---- authorities
    route({
      method: 'GET', url: '/api/v1/directory/authorities', summary: 'Search authorities and contact points (full text, country, kind, treaty, 24/7)', tags: ['directory'],
      access: 'user', permission: 'directory.read', query: authorityQuerySchema, response: authorityPageSchema,
      handler: ({ actor, query }) => directory.searchAuthorities(deps, actor, countries, query),
    });
    route({
      method: 'POST', url: '/api/v1/directory/authorities', summary: 'Add an authority or contact point', tags: ['directory'],
      access: 'user', permission: 'directory.manage', body: authorityInputSchema, response: authoritySchema, status: 201,
      handler: ({ actor, body }) => directory.createAuthority(deps, actor, body),
    });
    route({
      method: 'GET', url: '/api/v1/directory/authorities/:id', summary: 'One authority or contact point', tags: ['directory'],
      access: 'user', permission: 'directory.read', params: idParams, response: authoritySchema,
      handler: ({ actor, params }) => directory.getAuthority(deps, actor, params.id),
    });
    route({
      method: 'PUT', url: '/api/v1/directory/authorities/:id', summary: 'Replace an authority’s details', tags: ['directory'],
      access: 'user', permission: 'directory.manage', params: idParams, body: authorityInputSchema, response: authoritySchema,
      handler: ({ actor, params, body }) => directory.updateAuthority(deps, actor, params.id, body),
    });
    route({
      method: 'DELETE', url: '/api/v1/directory/authorities/:id', summary: 'Remove an authority', tags: ['directory'],
      access: 'user', permission: 'directory.manage', params: idParams, response: okSchema,
      handler: async ({ actor, params }) => {
        await directory.deleteAuthority(deps, actor, params.id);
        return { ok: true as const };
      },
    });

    // ---- providers
    route({
      method: 'GET', url: '/api/v1/directory/providers', summary: 'Search service providers (full text over names, aliases, legal entity; country)', tags: ['directory'],
      access: 'user', permission: 'directory.read', query: providerQuerySchema, response: providerPageSchema,
      handler: ({ actor, query }) => directory.searchProviders(deps, actor, query),
    });
    route({
      method: 'POST', url: '/api/v1/directory/providers', summary: 'Add a service provider', tags: ['directory'],
      access: 'user', permission: 'directory.manage', body: providerInputSchema, response: providerSchema, status: 201,
      handler: ({ actor, body }) => directory.createProvider(deps, actor, body),
    });
    route({
      method: 'GET', url: '/api/v1/directory/providers/:id', summary: 'One service provider', tags: ['directory'],
      access: 'user', permission: 'directory.read', params: idParams, response: providerSchema,
      handler: ({ actor, params }) => directory.getProvider(deps, actor, params.id),
    });
    route({
      method: 'PUT', url: '/api/v1/directory/providers/:id', summary: 'Replace a provider’s details', tags: ['directory'],
      access: 'user', permission: 'directory.manage', params: idParams, body: providerInputSchema, response: providerSchema,
      handler: ({ actor, params, body }) => directory.updateProvider(deps, actor, params.id, body),
    });
    route({
      method: 'DELETE', url: '/api/v1/directory/providers/:id', summary: 'Remove a provider', tags: ['directory'],
      access: 'user', permission: 'directory.manage', params: idParams, response: okSchema,
      handler: async ({ actor, params }) => {
        await directory.deleteProvider(deps, actor, params.id);
        return { ok: true as const };
      },
    });

    // ---- files
    route({
      method: 'POST', url: '/api/v1/directory/import', summary: 'Import a CSV or JSON file: every row valid, or nothing imported (each bad row named by line and field)', tags: ['directory'],
      access: 'user', permission: 'directory.manage', body: importBodySchema, response: importResultSchema, bodyLimit: IMPORT_BODY_LIMIT,
      handler: ({ actor, body }) => directory.importDirectory(deps, actor, body),
    });
    route({
      method: 'GET', url: '/api/v1/directory/export', summary: 'Export authorities or providers as CSV or JSON (the import format)', tags: ['directory'],
      access: 'user', permission: 'directory.read', query: exportQuerySchema, response: null,
      handler: async ({ actor, query, reply }) => {
        const body = await directory.exportDirectory(deps, actor, query.kind, query.format);
        void reply
          .header('content-type', query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="liaison-${query.kind}.${query.format}"`)
          .send(body);
      },
    });
  });
}
