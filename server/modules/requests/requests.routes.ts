/** HTTP for requests: draft, autosave, transitions, incoming registration, lists, dashboard, documents. */
import { z } from 'zod';
import {
  calendarFeedSchema, calendarStatusSchema, dashboardQuerySchema, dashboardSchema, incomingRequestSchema, newRequestSchema, renderBodySchema, requestDocumentSchema,
  requestPageSchema, requestQuerySchema, requestSchema, saveDraftSchema, transitionBodySchema,
} from '../../../domain/requests/api.ts';
import { okSchema } from '../../../domain/api.ts';
import type { TransitionId } from '../../../domain/lifecycle.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import * as reminders from './reminders.service.ts';
import * as requests from './requests.service.ts';

const idParams = z.object({ id: z.uuid() });
const documentParams = z.object({ id: z.uuid(), documentId: z.uuid() });

export function requestRoutes(deps: Deps) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/requests', summary: 'Requests in the cases you may see, by status, type, direction, case and due date (soonest deadline first)', tags: ['requests'],
      access: 'user', permission: 'case.read', query: requestQuerySchema, response: requestPageSchema,
      handler: ({ actor, query }) => requests.searchRequests(deps, actor, query),
    });
    route({
      method: 'POST', url: '/api/v1/requests', summary: 'Start a request in a case: a draft prefilled from the case, its identifiers, the directory and the parent request', tags: ['requests'],
      access: 'user', permission: 'case.write', body: newRequestSchema, response: requestSchema, status: 201,
      handler: ({ actor, body }) => requests.createRequest(deps, actor, body),
    });
    route({
      method: 'POST', url: '/api/v1/requests/incoming', summary: 'Register a request received from abroad (24/7 point, central authority)', tags: ['requests'],
      access: 'user', permission: 'case.write', body: incomingRequestSchema, response: requestSchema, status: 201,
      handler: ({ actor, body }) => requests.registerIncoming(deps, actor, body),
    });
    route({
      method: 'GET', url: '/api/v1/requests/:id', summary: 'One request: body, completeness check, deadlines, history, documents and what you may do (audited)', tags: ['requests'],
      access: 'user', permission: 'case.read', params: idParams, response: requestSchema,
      handler: ({ actor, params }) => requests.getRequest(deps, actor, params.id),
    });
    route({
      method: 'PUT', url: '/api/v1/requests/:id/draft', summary: 'Save the draft (autosave); refused if a newer version was saved meanwhile', tags: ['requests'],
      access: 'user', permission: 'case.write', params: idParams, body: saveDraftSchema, response: requestSchema,
      handler: ({ actor, params, body }) => requests.saveDraft(deps, actor, params.id, body),
    });
    route({
      method: 'POST', url: '/api/v1/requests/:id/transitions', summary: 'Move the request on: submit, validate, send, record the answer, withdraw, close …', tags: ['requests'],
      access: 'user', permission: 'case.write', params: idParams, body: transitionBodySchema, response: requestSchema,
      handler: ({ actor, params, body }) => requests.transition(deps, actor, params.id, body.transition as TransitionId, body.payload),
    });
    route({
      method: 'GET', url: '/api/v1/deadlines', summary: 'Due and overdue deadlines: of the cases you are on, or of every case you may see', tags: ['requests'],
      access: 'user', permission: 'case.read', query: dashboardQuerySchema, response: dashboardSchema,
      handler: ({ actor, query }) => requests.dashboard(deps, actor, query.days, query.scope),
    });
    route({
      method: 'POST', url: '/api/v1/requests/:id/documents', summary: 'Generate the request document (PDF or DOCX, English or French) for the current version', tags: ['requests'],
      access: 'user', permission: 'case.read', params: idParams, body: renderBodySchema, response: requestDocumentSchema, status: 201,
      handler: ({ actor, params, body }) => requests.generateDocument(deps, actor, params.id, body.format, body.language),
    });
    route({
      method: 'GET', url: '/api/v1/requests/:id/documents/:documentId', summary: 'Download a generated document (audited)', tags: ['requests'],
      access: 'user', permission: 'case.read', params: documentParams, response: null,
      handler: async ({ actor, params, reply }) => {
        const file = await requests.downloadDocument(deps, actor, params.id, params.documentId);
        void reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('x-content-sha256', file.sha256)
          .header('cache-control', 'no-store')
          .send(file.content);
      },
    });

    // ---- calendar feed
    route({
      method: 'GET', url: '/api/v1/account/calendar', summary: 'Whether your deadline calendar feed is on', tags: ['requests'],
      access: 'user', permission: 'case.read', response: calendarStatusSchema,
      handler: ({ actor }) => reminders.calendarFeedStatus(deps, actor),
    });
    route({
      method: 'POST', url: '/api/v1/account/calendar', summary: 'Turn on (or renew) your secret iCalendar URL of deadlines; the URL is shown once, the old one stops working', tags: ['requests'],
      access: 'user', permission: 'case.read', response: calendarFeedSchema, status: 201,
      handler: ({ actor }) => reminders.createCalendarFeed(deps, actor),
    });
    route({
      method: 'DELETE', url: '/api/v1/account/calendar', summary: 'Revoke your calendar feed URL', tags: ['requests'],
      access: 'user', permission: 'case.read', response: okSchema,
      handler: async ({ actor }) => {
        await reminders.revokeCalendarFeed(deps, actor);
        return { ok: true as const };
      },
    });
    route({
      method: 'GET', url: '/api/v1/calendar/:token', summary: 'A deadline calendar (iCalendar), by its secret URL', tags: ['requests'],
      access: 'public', params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}(\.ics)?$/, { error: 'is not a calendar address' }) }), response: null,
      rateLimit: { max: 60, timeWindow: 60_000 },
      handler: async ({ actor, params, reply }) => {
        const body = await reminders.calendarFeed(deps, params.token, { ip: actor.ip, userAgent: actor.userAgent });
        void reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'no-store').send(body);
      },
    });
  });
}
