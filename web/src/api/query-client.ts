/**
 * The TanStack Query client, with one rule for the whole app: when the server says the session
 * is gone (401) or incomplete (`mfa_required`), re-read `/auth/me`. The route guards then send
 * the user to the login page or to the step of the sign-in they still owe.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';
import { queryKeys } from './query-keys.ts';

function isSessionFailure(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.code === 'mfa_required');
}

/** Builds the app's query client. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: recheckSession }),
    mutationCache: new MutationCache({ onError: recheckSession }),
    defaultOptions: {
      queries: {
        // An API error is an answer, not a glitch: retrying a 403 or 404 only delays the message.
        retry: (failureCount, error) => !(error instanceof ApiError) && failureCount < 2,
        staleTime: 30_000,
      },
    },
  });

  function recheckSession(error: unknown): void {
    if (isSessionFailure(error)) void client.invalidateQueries({ queryKey: queryKeys.me });
  }

  return client;
}
