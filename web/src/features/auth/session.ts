/**
 * The signed-in (or half signed-in) user, read from `GET /auth/me`, and the helpers built on it.
 * The session itself is an HttpOnly cookie the page never sees; this query is the only place the
 * UI learns who is signed in and which sign-in step comes next.
 */
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { meSchema, okSchema, type AuthStage, type Me } from '../../../../domain/api.ts';
import type { Permission } from '../../../../domain/roles.ts';
import { ApiError, apiGet, apiPost } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';

async function fetchMe(): Promise<Me | null> {
  try {
    return await apiGet('/auth/me', meSchema);
  } catch (error) {
    // Not signed in is a normal state of the app, not a failure.
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The current session: `null` when signed out. */
export function useMe(): UseQueryResult<Me | null> {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe });
}

/** Where the user must go for a sign-in stage. */
export function pathForStage(stage: AuthStage): string {
  switch (stage) {
    case 'change_password':
      return '/auth/change-password';
    case 'enrol_mfa':
      return '/auth/mfa/enrol';
    case 'verify_mfa':
      return '/auth/mfa/verify';
    case 'done':
      return '/';
  }
}

/**
 * The fully signed-in user. Only for pages behind `RequireStage stage="done"`, which renders
 * nothing until the session is known; anywhere else this is a programming error.
 */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser() used outside a signed-in route');
  return data;
}

/** Whether the current user holds `permission` (the server checks again on every call). */
export function useCan(permission: Permission): boolean {
  return useMe().data?.permissions.includes(permission) ?? false;
}

/**
 * Re-reads the session after a sign-in step. Resolves once the new stage is known, so the route
 * guards move the user on with fresh data.
 */
export function useRefreshSession(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.refetchQueries({ queryKey: queryKeys.me }), [queryClient]);
}

/**
 * Signs out: ends the session on the server, then forgets every cached answer so the next person
 * at this browser sees nothing of the last one's data.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost('/auth/logout', okSchema),
    // Forget locally even if the call failed: an expired session is signed out already.
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
      queryClient.setQueryData(queryKeys.me, null);
      notifications.clean(); // the next person must not see the last one's messages
    },
  });
}
