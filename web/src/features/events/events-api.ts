/**
 * Queries and mutations of events: the organiser's events, registrations, messages, statistics and
 * printable list (event.manage), the upcoming events every signed-in user sees on the training page,
 * and the public pages' calls (no account). Paths come from the
 * contract (EVENT_ROUTES in domain/events.ts) and every answer is parsed with its schema there.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  attendanceResultSchema,
  EVENT_ROUTES,
  eventPageSchema,
  eventPath,
  eventSchema,
  eventStatisticsSchema,
  mailMessageListSchema,
  mailMessageSchema,
  participantListSchema,
  publicEventSchema,
  registrationAcceptedSchema,
  type registrationInputSchema,
  registrationLinkViewSchema,
  registrationPageSchema,
  registrationSchema,
  upcomingEventPageSchema,
  type EventInput,
  type EventPatch,
  type EventStatus,
  type EventView,
  type ExportFormat,
  type ManualRegistrationInput,
  type RegistrationStatus,
} from '../../../../domain/events.ts';
import { API_BASE, apiDelete, apiGet, apiPatch, apiPost } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';

type RouteName = keyof typeof EVENT_ROUTES;

/** The client-side path (without `/api/v1`) of a contract route with its parameters filled in. */
function pathOf(route: RouteName, params: Record<string, string>): string {
  const full = eventPath(EVENT_ROUTES[route].path, params);
  return full.startsWith(API_BASE) ? full.slice(API_BASE.length) : full;
}

/** `?a=1&a=2&b=x`: the contract takes repeated keys for several values of a filter. */
function queryOf(params: Record<string, string | number | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.set(key, String(value));
  }
  const query = search.toString();
  return query === '' ? '' : `?${query}`;
}

// ------------------------------------------------------------------------------ organisers

/** Filters of the organiser's event list. */
export interface EventListFilters {
  status?: EventStatus;
  q?: string;
  /** ISO instant: only events ending at or after it (upcoming and running). */
  endsAfter?: string;
  limit: number;
  offset: number;
}

/** Filters of a registrations list (and of its export). */
export interface RegistrationFilters {
  status?: RegistrationStatus[];
  country?: string[];
  role?: string[];
  q?: string;
}

/** One page of the organisation's events. */
export function useEvents(filters: EventListFilters) {
  return useQuery({
    queryKey: [...queryKeys.events, 'list', filters],
    queryFn: () => apiGet(`${pathOf('list', {})}${queryOf({ ...filters })}`, eventPageSchema),
    placeholderData: keepPreviousData,
  });
}

/** One event with its private fields and counts. */
export function useEvent(id: string) {
  return useQuery({
    queryKey: [...queryKeys.events, id],
    queryFn: () => apiGet(pathOf('get', { id }), eventSchema),
  });
}

/** An event changed: its entry takes the server's answer, and everything else about events is read again. */
function storeEvent(queryClient: QueryClient, event: EventView): void {
  queryClient.setQueryData([...queryKeys.events, event.id], event);
  void queryClient.invalidateQueries({ queryKey: queryKeys.events, predicate: (query) => !(query.queryKey.length === 2 && query.queryKey[1] === event.id) });
}

/** Creates a draft. */
export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EventInput) => apiPost(pathOf('create', {}), eventSchema, body),
    onSuccess: (created) => storeEvent(queryClient, created),
  });
}

/** Changes some fields of an event. */
export function useUpdateEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: EventPatch) => apiPatch(pathOf('update', { id }), eventSchema, patch),
    onSuccess: (saved) => storeEvent(queryClient, saved),
  });
}

/** Publishes a draft: the registration page goes live. */
export function usePublishEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost(pathOf('publish', { id }), eventSchema),
    onSuccess: (saved) => storeEvent(queryClient, saved),
  });
}

/** Cancels an event; its registrants are told unless `notify` is false. */
export function useCancelEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { notify: boolean; message: string }) => apiPost(pathOf('cancelEvent', { id }), eventSchema, body),
    onSuccess: (saved) => storeEvent(queryClient, saved),
  });
}

/** Deletes a draft. */
export function useDeleteEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiDelete(pathOf('remove', { id })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: [...queryKeys.events, id] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.events });
    },
  });
}

/** One page of an event's registrations. */
export function useRegistrations(eventId: string, filters: RegistrationFilters & { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...queryKeys.events, eventId, 'registrations', filters],
    queryFn: () => apiGet(`${pathOf('registrations', { id: eventId })}${queryOf({ ...filters })}`, registrationPageSchema),
    placeholderData: keepPreviousData,
  });
}

/** A registration changed (approved, rejected, added): every view of the event is read again (counts, seats, lists). */
function refreshEvent(queryClient: QueryClient, eventId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: [...queryKeys.events, eventId] }).then(() => queryClient.invalidateQueries({ queryKey: [...queryKeys.events, 'list'] }));
}

/** Approves a registration waiting for approval. */
export function useApproveRegistration(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (registrationId: string) => apiPost(pathOf('approve', { id: eventId, registrationId }), registrationSchema),
    onSuccess: () => refreshEvent(queryClient, eventId),
  });
}

/** Rejects a registration (a held seat goes to the waiting list). */
export function useRejectRegistration(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ registrationId, ...body }: { registrationId: string; reason: string; notify: boolean }) =>
      apiPost(pathOf('reject', { id: eventId, registrationId }), registrationSchema, body),
    onSuccess: () => refreshEvent(queryClient, eventId),
  });
}

/** Adds a person by hand (confirmed if a seat is free, else waiting). */
export function useAddRegistration(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ManualRegistrationInput) => apiPost(pathOf('addRegistration', { id: eventId }), registrationSchema, body),
    onSuccess: () => refreshEvent(queryClient, eventId),
  });
}

/** The e-mails of one registration, oldest first, with their delivery status. */
export function useRegistrationMessages(eventId: string, registrationId: string | null) {
  return useQuery({
    queryKey: [...queryKeys.events, eventId, 'messages', registrationId],
    queryFn: () => apiGet(pathOf('registrationMessages', { id: eventId, registrationId: registrationId ?? '' }), mailMessageListSchema),
    enabled: registrationId !== null,
  });
}

/** Sends an e-mail of the same kind again, with fresh links. */
export function useResendMessage(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ registrationId, messageId }: { registrationId: string; messageId: string }) =>
      apiPost(pathOf('resendMessage', { id: eventId, registrationId, messageId }), mailMessageSchema),
    onSuccess: (_sent, { registrationId }) => queryClient.invalidateQueries({ queryKey: [...queryKeys.events, eventId, 'messages', registrationId] }),
  });
}

/** Imports an attendance list (CSV text): confirmed → attended. */
export function useImportAttendance(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { csv: string; delimiter: ',' | ';' | '\t' }) => apiPost(pathOf('attendance', { id: eventId }), attendanceResultSchema, body),
    onSuccess: () => refreshEvent(queryClient, eventId),
  });
}

/** Where the export is downloaded from: a plain link, so the browser saves the file with the server's name. */
export function exportUrl(eventId: string, format: ExportFormat, filters: RegistrationFilters): string {
  return `${API_BASE}${pathOf('export', { id: eventId })}${queryOf({ ...filters, format })}`;
}

/** Counts by status, country, role and organisation type (of the registrations in `counted`, default confirmed and attended). */
export function useStatistics(eventId: string, counted: RegistrationStatus[] | undefined) {
  return useQuery({
    queryKey: [...queryKeys.events, eventId, 'statistics', counted ?? null],
    queryFn: () => apiGet(`${pathOf('statistics', { id: eventId })}${queryOf({ status: counted })}`, eventStatisticsSchema),
    placeholderData: keepPreviousData,
  });
}

/** The printable participant list (confirmed and attended, by name). */
export function useParticipantList(eventId: string) {
  return useQuery({
    queryKey: [...queryKeys.events, eventId, 'participants'],
    queryFn: () => apiGet(pathOf('participants', { id: eventId }), participantListSchema),
  });
}

// ----------------------------------------------------------------------------- every role

/** Filters of the upcoming events list (the training page). */
export interface UpcomingEventFilters {
  q?: string;
  language?: string;
  limit: number;
  offset?: number;
}

/**
 * Published events of every organisation that have not started yet, soonest first. Under the
 * events key, so an organiser's publish or cancel refreshes the list too.
 */
export function useUpcomingEvents(filters: UpcomingEventFilters) {
  return useQuery({
    queryKey: [...queryKeys.events, 'upcoming', filters],
    queryFn: () => apiGet(`${pathOf('upcoming', {})}${queryOf({ ...filters })}`, upcomingEventPageSchema),
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------------------------- public

/** Keys of the public pages: apart from the organiser's, since they hold other data under other rules. */
const publicKeys = {
  event: (slug: string) => ['public-event', slug] as const,
  link: (slug: string, token: string, kind: 'verify' | 'status') => ['public-event', slug, kind, token] as const,
};

/** A published event as anyone sees it. */
export function usePublicEvent(slug: string) {
  return useQuery({
    queryKey: publicKeys.event(slug),
    queryFn: () => apiGet(pathOf('publicEvent', { slug }), publicEventSchema),
  });
}

/** Sends the public registration form; the answer is always "check your mailbox". */
export function useRegister(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.output<typeof registrationInputSchema>) => apiPost(pathOf('register', { slug }), registrationAcceptedSchema, body),
    // The seats left may have changed; a refused "full" answer too means the page is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: publicKeys.event(slug) }),
  });
}

/**
 * Follows a verification link. A query rather than a mutation: the page submits it on load, the
 * server answers the same thing every time (it is idempotent), and React's double effects in
 * development must not send it twice. The token goes in a POST body, never in an API address.
 */
export function useVerify(slug: string, token: string) {
  return useQuery({
    queryKey: publicKeys.link(slug, token, 'verify'),
    queryFn: () => apiPost(pathOf('verify', { slug }), registrationLinkViewSchema, { token }),
    enabled: token !== '',
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** Where a registration stands, by its personal link (read only: a mail scanner opening it changes nothing). */
export function useLinkStatus(slug: string, token: string) {
  return useQuery({
    queryKey: publicKeys.link(slug, token, 'status'),
    queryFn: () => apiPost(pathOf('linkStatus', { slug }), registrationLinkViewSchema, { token }),
    enabled: token !== '',
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** What the registrant can do through their personal link. */
export type LinkAction = 'cancel' | 'accept' | 'decline';

const ACTION_ROUTES: Record<LinkAction, RouteName> = { cancel: 'cancel', accept: 'acceptOffer', decline: 'declineOffer' };

/** Cancels, accepts or declines through the personal link; the answer replaces the status shown. */
export function useLinkAction(slug: string, token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: LinkAction) => apiPost(pathOf(ACTION_ROUTES[action], { slug }), registrationLinkViewSchema, { token }),
    onSuccess: (view) => {
      queryClient.setQueryData(publicKeys.link(slug, token, 'status'), view);
      void queryClient.invalidateQueries({ queryKey: publicKeys.event(slug) });
    },
  });
}
