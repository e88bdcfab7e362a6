/** HTTP for cases: search, create, read, change; team, notes, timeline and identifiers. */
import { z } from 'zod';
import { okSchema } from '../../../domain/api.ts';
import {
  addedIdentifierSchema, colleagueListSchema, caseIdentifierListSchema, caseInputSchema, caseNoteListSchema, caseNoteSchema, casePageSchema,
  casePatchSchema, caseQuerySchema, caseSchema, noteInputSchema, teamMemberInputSchema, teamMemberSchema, timelineQuerySchema,
  timelineSchema,
} from '../../../domain/cases.ts';
import { identifierInputSchema } from '../../../domain/identifiers.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import * as cases from './cases.service.ts';

const caseParams = z.object({ id: z.uuid() });
const memberParams = z.object({ id: z.uuid(), userId: z.uuid() });
const identifierParams = z.object({ id: z.uuid(), identifierId: z.uuid() });
const teamSchema = z.object({ items: z.array(teamMemberSchema) });
const identifierBodySchema = identifierInputSchema.extend({ note: z.string().trim().max(2000).nullish() });

export function caseRoutes(deps: Deps) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/cases', summary: 'The cases you may see (team or supervised), full-text search over reference, title and summary', tags: ['cases'],
      access: 'user', permission: 'case.read', query: caseQuerySchema, response: casePageSchema,
      handler: ({ actor, query }) => cases.searchCases(deps, actor, query),
    });
    route({
      method: 'POST', url: '/api/v1/cases', summary: 'Open a case; you become its lead', tags: ['cases'],
      access: 'user', permission: 'case.write', body: caseInputSchema, response: caseSchema, status: 201,
      handler: ({ actor, body }) => cases.createCase(deps, actor, body),
    });
    route({
      method: 'GET', url: '/api/v1/cases/:id', summary: 'One case with its team (404 outside your need-to-know; audited)', tags: ['cases'],
      access: 'user', permission: 'case.read', params: caseParams, response: caseSchema,
      handler: ({ actor, params }) => cases.getCase(deps, actor, params.id),
    });
    route({
      method: 'PATCH', url: '/api/v1/cases/:id', summary: 'Change a case’s title, summary, offences, handling code or status', tags: ['cases'],
      access: 'user', permission: 'case.write', params: caseParams, body: casePatchSchema, response: caseSchema,
      handler: ({ actor, params, body }) => cases.updateCase(deps, actor, params.id, body),
    });
    route({
      method: 'GET', url: '/api/v1/colleagues', summary: 'Users of your organisation who can join a case team', tags: ['cases'],
      access: 'user', permission: 'case.write', response: colleagueListSchema,
      handler: async ({ actor }) => ({ items: await cases.listColleagues(deps, actor) }),
    });
    route({
      method: 'PUT', url: '/api/v1/cases/:id/team/:userId', summary: 'Add a user of your organisation to the case team, or change their team role', tags: ['cases'],
      access: 'user', permission: 'case.write', params: memberParams, body: teamMemberInputSchema, response: teamSchema,
      handler: async ({ actor, params, body }) => ({ items: await cases.setMember(deps, actor, params.id, params.userId, body.teamRole) }),
    });
    route({
      method: 'DELETE', url: '/api/v1/cases/:id/team/:userId', summary: 'Remove someone from the case team', tags: ['cases'],
      access: 'user', permission: 'case.write', params: memberParams, response: teamSchema,
      handler: async ({ actor, params }) => ({ items: await cases.removeMember(deps, actor, params.id, params.userId) }),
    });
    route({
      method: 'GET', url: '/api/v1/cases/:id/notes', summary: 'The case notes, newest first', tags: ['cases'],
      access: 'user', permission: 'case.read', params: caseParams, response: caseNoteListSchema,
      handler: async ({ actor, params }) => ({ items: await cases.listNotes(deps, actor, params.id) }),
    });
    route({
      method: 'POST', url: '/api/v1/cases/:id/notes', summary: 'Add a note to the case', tags: ['cases'],
      access: 'user', permission: 'case.write', params: caseParams, body: noteInputSchema, response: caseNoteSchema, status: 201,
      handler: ({ actor, params, body }) => cases.addNote(deps, actor, params.id, body.body),
    });
    route({
      method: 'GET', url: '/api/v1/cases/:id/timeline', summary: 'Everything that happened in the case, newest first', tags: ['cases'],
      access: 'user', permission: 'case.read', params: caseParams, query: timelineQuerySchema, response: timelineSchema,
      handler: ({ actor, params, query }) => cases.getTimeline(deps, actor, params.id, query),
    });
    route({
      method: 'GET', url: '/api/v1/cases/:id/identifiers', summary: 'The case’s identifiers, each with its links to other cases you may see', tags: ['cases'],
      access: 'user', permission: 'case.read', params: caseParams, response: caseIdentifierListSchema,
      handler: async ({ actor, params }) => ({ items: await cases.listIdentifiers(deps, actor, params.id) }),
    });
    route({
      method: 'POST', url: '/api/v1/cases/:id/identifiers', summary: 'Add an identifier (parsed and normalised; an IP needs its time and time zone; duplicates merge)', tags: ['cases'],
      access: 'user', permission: 'case.write', params: caseParams, body: identifierBodySchema, response: addedIdentifierSchema, status: 201,
      handler: ({ actor, params, body }) => cases.addIdentifier(deps, actor, params.id, body),
    });
    route({
      method: 'DELETE', url: '/api/v1/cases/:id/identifiers/:identifierId', summary: 'Remove an identifier from the case', tags: ['cases'],
      access: 'user', permission: 'case.write', params: identifierParams, response: okSchema,
      handler: async ({ actor, params }) => {
        await cases.removeIdentifier(deps, actor, params.id, params.identifierId);
        return { ok: true as const };
      },
    });
  });
}
