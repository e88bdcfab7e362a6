/** Queries and mutations of user administration (`/users`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createdUserSchema,
  resetPasswordResultSchema,
  userListSchema,
  userSchema,
  type CreateUserBody,
} from '../../../../domain/api.ts';
import type { Role } from '../../../../domain/roles.ts';
import { apiGet, apiPost, apiPut } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/** The users of the administrator's organisation. */
export function useUsers() {
  return useQuery({ queryKey: queryKeys.users, queryFn: () => apiGet('/users', userListSchema) });
}

/** Refreshes the list after a change, so badges and roles show what the server now holds. */
function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.users });
}

/** Creates a user; the answer carries their one-time password. */
export function useCreateUser() {
  const invalidateUsers = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiPost('/users', createdUserSchema, body),
    onSuccess: invalidateUsers,
  });
}

/** Account actions that answer with the updated user. */
export type UserStatusAction = 'disable' | 'enable' | 'unlock' | 'reset-mfa';

/** Disables, enables, unlocks a user or resets their MFA. */
export function useUserStatusAction() {
  const invalidateUsers = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ userId, action }: { userId: string; action: UserStatusAction }) =>
      apiPost(`/users/${encodeURIComponent(userId)}/${action}`, userSchema),
    onSuccess: invalidateUsers,
  });
}

/** Issues a new one-time password; the user must change it at next sign-in. */
export function useResetPassword() {
  const invalidateUsers = useInvalidateUsers();
  return useMutation({
    mutationFn: (userId: string) =>
      apiPost(`/users/${encodeURIComponent(userId)}/reset-password`, resetPasswordResultSchema),
    onSuccess: invalidateUsers,
  });
}

/** Replaces a user's roles. */
export function useUpdateRoles() {
  const invalidateUsers = useInvalidateUsers();
  return useMutation({
    mutationFn: async ({ userId, roles, judge, supervisorId }: { userId: string; roles: Role[]; judge: boolean; supervisorId?: string | null }) => {
      const updated = await apiPut(`/users/${encodeURIComponent(userId)}/roles`, userSchema, { roles, judge });
      return supervisorId === undefined ? updated : apiPut(`/users/${encodeURIComponent(userId)}/supervisor`, userSchema, { supervisorId });
    },
    onSuccess: invalidateUsers,
  });
}
