/**
 * HTTP for events (paths, schemas and codes: domain/events.ts). Public routes need no account and
 * are rate-limited per IP (registration more strictly; the per-domain limit is counted in the
 * database by the service); the upcoming list needs any signed-in user (`training.read`); organiser
 * routes need `event.manage`.
 */
import { z } from 'zod';
import { okSchema } from '../../../domain/api.ts';
import {
  attendanceImportSchema, attendanceResultSchema, cancelEventSchema, EVENT_ROUTES, eventInputSchema, eventMessagesQuerySchema, eventPageSchema,
  eventPatchSchema, eventQuerySchema, eventSchema, eventStatisticsSchema, exportQuerySchema, mailMessageListSchema, mailMessagePageSchema,
  mailMessageSchema, manualRegistrationSchema, participantListSchema, publicEventSchema, registrationAcceptedSchema, registrationInputSchema,
  registrationLinkViewSchema, registrationPageSchema, registrationQuerySchema, registrationSchema, rejectBodySchema, remindBodySchema,
  remindResultSchema, slugSchema, statisticsQuerySchema, tokenBodySchema, upcomingEventPageSchema, upcomingEventQuerySchema,
} from '../../../domain/events.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import * as events from './events.service.ts';
import * as registrations from './registrations.service.ts';
import { listUpcomingEvents } from './upcoming.service.ts';

const slugParams = z.object({ slug: slugSchema });
const eventParams = z.object({ id: z.uuid() });
const registrationParams = z.object({ id: z.uuid(), registrationId: z.uuid() });
const messageParams = z.object({ id: z.uuid(), registrationId: z.uuid(), messageId: z.uuid() });

const R = EVENT_ROUTES;

export function eventRoutes(deps: Deps) {
  const limits = deps.config.eventRateLimits;
  const linkLimit = { max: limits.linkCallsPerIpPerMinute, timeWindow: 60_000 };
  return defineRoutes((route) => {
    // ---- public
    route({
      method: R.publicEvent.method, url: R.publicEvent.path, summary: 'A published event by its address (no private fields)', tags: ['events (public)'],
      access: 'public', params: slugParams, response: publicEventSchema, rateLimit: linkLimit,
      handler: ({ params }) => registrations.getPublicEvent(deps, params.slug),
    });
    route({
      method: R.register.method, url: R.register.path, summary: 'Register (no account): an e-mail with a verification link follows; the registration counts once it is followed', tags: ['events (public)'],
      access: 'public', params: slugParams, body: registrationInputSchema, response: registrationAcceptedSchema, status: 202,
      rateLimit: { max: limits.registrationsPerIpPerMinute, timeWindow: 60_000 },
      handler: ({ actor, params, body }) => registrations.register(deps, actor, params.slug, body),
    });
    route({
      method: R.verify.method, url: R.verify.path, summary: 'Follow the verification link: confirmed, waiting list, or pending approval', tags: ['events (public)'],
      access: 'public', params: slugParams, body: tokenBodySchema, response: registrationLinkViewSchema, rateLimit: linkLimit,
      handler: ({ actor, params, body }) => registrations.verify(deps, actor, params.slug, body.token),
    });
    route({
      method: R.linkStatus.method, url: R.linkStatus.path, summary: 'Where a registration stands, by its personal link', tags: ['events (public)'],
      access: 'public', params: slugParams, body: tokenBodySchema, response: registrationLinkViewSchema, rateLimit: linkLimit,
      handler: ({ params, body }) => registrations.linkStatus(deps, params.slug, body.token),
    });
    route({
      method: R.cancel.method, url: R.cancel.path, summary: 'Cancel a registration by its personal link (the seat goes to the waiting list)', tags: ['events (public)'],
      access: 'public', params: slugParams, body: tokenBodySchema, response: registrationLinkViewSchema, rateLimit: linkLimit,
      handler: ({ actor, params, body }) => registrations.cancelByLink(deps, actor, params.slug, body.token),
    });
    route({
      method: R.acceptOffer.method, url: R.acceptOffer.path, summary: 'Accept a seat offered from the waiting list', tags: ['events (public)'],
      access: 'public', params: slugParams, body: tokenBodySchema, response: registrationLinkViewSchema, rateLimit: linkLimit,
      handler: ({ actor, params, body }) => registrations.acceptOffer(deps, actor, params.slug, body.token),
    });
    route({
      method: R.declineOffer.method, url: R.declineOffer.path, summary: 'Decline a seat offered from the waiting list (it goes to the next)', tags: ['events (public)'],
      access: 'public', params: slugParams, body: tokenBodySchema, response: registrationLinkViewSchema, rateLimit: linkLimit,
      handler: ({ actor, params, body }) => registrations.declineOffer(deps, actor, params.slug, body.token),
    });

    // ---- every signed-in role
    route({
      method: R.upcoming.method, url: R.upcoming.path, summary: 'Upcoming webinars and conferences of every organisation (public fields), soonest first', tags: ['events'],
      access: 'user', permission: 'training.read', query: upcomingEventQuerySchema, response: upcomingEventPageSchema,
      handler: ({ actor, query }) => listUpcomingEvents(deps, actor, query),
    });

    // ---- organisers
    route({
      method: R.list.method, url: R.list.path, summary: 'Your organisation’s events', tags: ['events'],
      access: 'user', permission: 'event.manage', query: eventQuerySchema, response: eventPageSchema,
      handler: ({ actor, query }) => events.listEvents(deps, actor, query),
    });
    route({
      method: R.create.method, url: R.create.path, summary: 'Create an event (a draft)', tags: ['events'],
      access: 'user', permission: 'event.manage', body: eventInputSchema, response: eventSchema, status: 201,
      handler: ({ actor, body }) => events.createEvent(deps, actor, body),
    });
    route({
      method: R.get.method, url: R.get.path, summary: 'One event, with its private fields and counts', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, response: eventSchema,
      handler: ({ actor, params }) => events.getEvent(deps, actor, params.id),
    });
    route({
      method: R.update.method, url: R.update.path, summary: 'Change an event', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, body: eventPatchSchema, response: eventSchema,
      handler: ({ actor, params, body }) => events.updateEvent(deps, actor, params.id, body),
    });
    route({
      method: R.remove.method, url: R.remove.path, summary: 'Delete a draft event', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, response: okSchema,
      handler: async ({ actor, params }) => {
        await events.deleteEvent(deps, actor, params.id);
        return { ok: true as const };
      },
    });
    route({
      method: R.publish.method, url: R.publish.path, summary: 'Publish a draft: its registration page goes live', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, response: eventSchema,
      handler: ({ actor, params }) => events.publishEvent(deps, actor, params.id),
    });
    route({
      method: R.cancelEvent.method, url: R.cancelEvent.path, summary: 'Cancel an event and tell its registrants', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, body: cancelEventSchema, response: eventSchema,
      handler: ({ actor, params, body }) => events.cancelEvent(deps, actor, params.id, body),
    });
    route({
      method: R.registrations.method, url: R.registrations.path, summary: 'Registrations, filtered (status, country, role, organisation type, text) and paged', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, query: registrationQuerySchema, response: registrationPageSchema,
      handler: ({ actor, params, query }) => events.listRegistrations(deps, actor, params.id, query),
    });
    route({
      method: R.addRegistration.method, url: R.addRegistration.path, summary: 'Add a person by hand: confirmed if a seat is free, else waiting', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, body: manualRegistrationSchema, response: registrationSchema, status: 201,
      handler: ({ actor, params, body }) => events.addRegistration(deps, actor, params.id, body),
    });
    route({
      method: R.registration.method, url: R.registration.path, summary: 'One registration', tags: ['events'],
      access: 'user', permission: 'event.manage', params: registrationParams, response: registrationSchema,
      handler: ({ actor, params }) => events.getRegistration(deps, actor, params.id, params.registrationId),
    });
    route({
      method: R.approve.method, url: R.approve.path, summary: 'Approve a registration: confirmed if a seat is free, else waiting', tags: ['events'],
      access: 'user', permission: 'event.manage', params: registrationParams, response: registrationSchema,
      handler: ({ actor, params }) => events.approveRegistration(deps, actor, params.id, params.registrationId),
    });
    route({
      method: R.reject.method, url: R.reject.path, summary: 'Reject a registration (a held seat goes to the waiting list)', tags: ['events'],
      access: 'user', permission: 'event.manage', params: registrationParams, body: rejectBodySchema, response: registrationSchema,
      handler: ({ actor, params, body }) => events.rejectRegistration(deps, actor, params.id, params.registrationId, body),
    });
    route({
      method: R.registrationMessages.method, url: R.registrationMessages.path, summary: 'The e-mails of a registration with their delivery status', tags: ['events'],
      access: 'user', permission: 'event.manage', params: registrationParams, response: mailMessageListSchema,
      handler: async ({ actor, params }) => ({ items: await events.registrationMessages(deps, actor, params.id, params.registrationId) }),
    });
    route({
      method: R.resendMessage.method, url: R.resendMessage.path, summary: 'Send an e-mail of the same kind again, with fresh links', tags: ['events'],
      access: 'user', permission: 'event.manage', params: messageParams, response: mailMessageSchema, status: 201,
      handler: ({ actor, params }) => events.resendMessage(deps, actor, params.id, params.registrationId, params.messageId),
    });
    route({
      method: R.messages.method, url: R.messages.path, summary: 'Every e-mail of the event with its delivery status, newest first', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, query: eventMessagesQuerySchema, response: mailMessagePageSchema,
      handler: ({ actor, params, query }) => events.eventMessages(deps, actor, params.id, query),
    });
    route({
      method: R.attendance.method, url: R.attendance.path, summary: 'Import an attendance list (CSV with an e-mail column): confirmed → attended', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, body: attendanceImportSchema, response: attendanceResultSchema, bodyLimit: 3 * 1_048_576,
      handler: ({ actor, params, body }) => events.importAttendance(deps, actor, params.id, body),
    });
    route({
      method: R.export.method, url: R.export.path, summary: 'Export the registrations as CSV or XLSX (audited)', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, query: exportQuerySchema, response: null,
      handler: async ({ actor, params, query, reply }) => {
        const file = await events.exportEvent(deps, actor, params.id, query);
        void reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .send(file.content);
      },
    });
    route({
      method: R.statistics.method, url: R.statistics.path, summary: 'Counts by status, country, role and organisation type', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, query: statisticsQuerySchema, response: eventStatisticsSchema,
      handler: ({ actor, params, query }) => events.statistics(deps, actor, params.id, query.status),
    });
    route({
      method: R.participants.method, url: R.participants.path, summary: 'The participant list (confirmed and attended, by name) for printing', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, response: participantListSchema,
      handler: ({ actor, params }) => events.participantList(deps, actor, params.id),
    });
    route({
      method: R.remind.method, url: R.remind.path, summary: 'Run the reminder pass of the event now (asOf: operator only, see ADR 8)', tags: ['events'],
      access: 'user', permission: 'event.manage', params: eventParams, body: remindBodySchema, response: remindResultSchema,
      handler: ({ actor, params, body }) => events.remindEvent(deps, actor, params.id, body.asOf),
    });
  });
}
