/** Queries and mutations of the user's own account (`/account/*`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createdTokenSchema,
  recoveryCodesSchema,
  sessionListSchema,
  tokenListSchema,
  type CreateTokenBody,
} from '../../../../domain/api.ts';
import { calendarFeedSchema, calendarStatusSchema } from '../../../../domain/requests/api.ts';
import { apiDelete, apiGet, apiPost } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/** The user's open sessions, the current one flagged. */
export function useSessions() {
  return useQuery({ queryKey: queryKeys.sessions, queryFn: () => apiGet('/account/sessions', sessionListSchema) });
}

/** Ends one of the user's other sessions (another browser or device). */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => apiDelete(`/account/sessions/${encodeURIComponent(sessionId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

/** The user's API tokens (for the CLI and scripts). */
export function useTokens() {
  return useQuery({ queryKey: queryKeys.tokens, queryFn: () => apiGet('/account/tokens', tokenListSchema) });
}

/** Creates a token; the answer holds its secret, which is never shown again. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) => apiPost('/account/tokens', createdTokenSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

/** Revokes a token at once. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => apiDelete(`/account/tokens/${encodeURIComponent(tokenId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

/** Replaces all recovery codes with new ones; the old ones stop working. */
export function useRegenerateRecoveryCodes() {
  return useMutation({ mutationFn: () => apiPost('/account/recovery-codes', recoveryCodesSchema) });
}

/** Whether the user's deadline calendar feed is on, and since when. */
export function useCalendarStatus(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.calendar, queryFn: () => apiGet('/account/calendar', calendarStatusSchema), enabled });
}

/** Turns the calendar feed on, or renews its address (the old one stops working); the answer holds the secret address, shown once. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost('/account/calendar', calendarFeedSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendar }),
  });
}

/** Revokes the calendar feed's address. */
export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiDelete('/account/calendar'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendar }),
  });
}
