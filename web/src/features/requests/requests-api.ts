/** Queries and mutations of requests: lists, one request, drafts, transitions, documents, the deadline dashboard. */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Direction, RequestStatus } from '../../../../domain/lifecycle.ts';
import {
  dashboardSchema,
  requestDocumentSchema,
  requestPageSchema,
  requestSchema,
  type incomingRequestSchema,
  type NewRequest,
  type RequestView,
} from '../../../../domain/requests/api.ts';
import type { RequestType } from '../../../../domain/requests/types.ts';
import { API_BASE, apiGet, apiPost, apiPut, toQueryString } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/** Filters and page of a request list. */
export interface RequestFilters {
  caseId?: string;
  status?: RequestStatus;
  type?: RequestType;
  direction?: Direction;
  /** ISO instant: only requests with a deadline at or before it. */
  dueBefore?: string;
  limit: number;
  offset: number;
}

/** What the registration form of an incoming request sends. */
export type IncomingRequest = z.input<typeof incomingRequestSchema>;

/** What an autosave sends: the whole body and the version it was based on. */
export interface DraftSave {
  body: Record<string, unknown>;
  bodyVersion: number;
}

/** Which deadlines the dashboard shows: the user's cases or every case they may see, within `days`. */
export interface DashboardQuery {
  days: number;
  scope: 'mine' | 'visible';
}

function requestPath(id: string, rest = ''): string {
  return `/requests/${encodeURIComponent(id)}${rest}`;
}

/** Where a stored document is downloaded from (a plain link: the browser saves the file). */
export function documentUrl(requestId: string, documentId: string): string {
  return `${API_BASE}${requestPath(requestId, `/documents/${encodeURIComponent(documentId)}`)}`;
}

/** One page of the requests the user may see, soonest deadline first. */
export function useRequests(filters: RequestFilters, enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.requests, 'list', filters],
    queryFn: () => apiGet(`/requests${toQueryString({ ...filters })}`, requestPageSchema),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One request with its check, deadlines, history, documents and what the user may do. */
export function useRequest(id: string) {
  return useQuery({
    queryKey: [...queryKeys.requests, id],
    queryFn: () => apiGet(requestPath(id), requestSchema),
    // Every read is audited on the server: do not re-read a request just because the tab regained focus.
    refetchOnWindowFocus: false,
  });
}

/** Overdue, due-soon and upcoming deadlines. */
export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: [...queryKeys.requests, 'dashboard', query],
    queryFn: () => apiGet(`/deadlines${toQueryString({ days: query.days, scope: query.scope })}`, dashboardSchema),
    placeholderData: keepPreviousData,
  });
}

/**
 * A request changed: its own cache entry takes the server's answer, and lists, the dashboard and
 * the case (its request count, its timeline) are read again.
 */
function storeRequest(queryClient: QueryClient, request: RequestView, refetch = true): void {
  queryClient.setQueryData([...queryKeys.requests, request.id], request);
  // An autosave only marks the rest stale: re-reading the lists and the case on every pause in
  // typing would cost requests for pages nobody is looking at.
  const refetchType = refetch ? 'active' : 'none';
  void queryClient.invalidateQueries({ queryKey: queryKeys.requests, predicate: (query) => query.queryKey[1] !== request.id, refetchType });
  void queryClient.invalidateQueries({ queryKey: queryKeys.cases, refetchType });
}

/** Starts a draft in a case (from the advisor, the case page or as a follow-up); the server prefills it. */
export function useCreateRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRequest) => apiPost('/requests', requestSchema, body),
    onSuccess: (created) => storeRequest(queryClient, created),
  });
}

/** Registers a request received from abroad. */
export function useRegisterIncoming() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IncomingRequest) => apiPost('/requests/incoming', requestSchema, body),
    onSuccess: (created) => storeRequest(queryClient, created),
  });
}

/** Saves a draft (autosave). The caller keeps the typed text; the answer carries the new version and check. */
export function saveDraft(id: string, save: DraftSave): Promise<RequestView> {
  return apiPut(requestPath(id, '/draft'), requestSchema, save);
}

/** Fires a lifecycle transition with its payload. */
export function useTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { transition: string; payload: Record<string, unknown> }) => apiPost(requestPath(id, '/transitions'), requestSchema, body),
    onSuccess: (updated) => storeRequest(queryClient, updated),
  });
}

/** Generates the document of the current version (or returns the one already generated). */
export function useGenerateDocument(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { format: 'pdf' | 'docx'; language: 'en' | 'fr' }) => apiPost(requestPath(id, '/documents'), requestDocumentSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...queryKeys.requests, id] }),
  });
}

/** Puts the answer of an autosave into the cache, marking lists and the case stale without re-reading them. */
export function useStoreSavedDraft() {
  const queryClient = useQueryClient();
  return (request: RequestView) => storeRequest(queryClient, request, false);
}

/** Reads a request again now (after a conflict), puts it in the cache and returns it. */
export function useReloadRequest() {
  const queryClient = useQueryClient();
  return async (id: string): Promise<RequestView> => {
    const fresh = await apiGet(requestPath(id), requestSchema);
    queryClient.setQueryData([...queryKeys.requests, id], fresh);
    return fresh;
  };
}
