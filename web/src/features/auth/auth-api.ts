/** Queries and mutations of the sign-in steps (`/auth/*`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  bannerSchema,
  loginResultSchema,
  recoveryCodesSchema,
  totpSetupSchema,
  type ChangePasswordBody,
  type LoginBody,
  type MfaVerifyBody,
  type totpEnableBodySchema,
} from '../../../../domain/api.ts';
import type { z } from 'zod';
import { apiGet, apiPost } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { useRefreshSession } from './session.ts';

/** The monitoring notice shown on the login page. */
export function useBanner() {
  return useQuery({
    queryKey: queryKeys.banner,
    queryFn: () => apiGet('/auth/banner', bannerSchema),
    staleTime: Infinity,
  });
}

/** Password sign-in; the session query is re-read so the guards route to the next stage. */
export function useLogin() {
  const refreshSession = useRefreshSession();
  return useMutation({
    mutationFn: (body: LoginBody) => apiPost('/auth/login', loginResultSchema, body),
    onSuccess: () => refreshSession(),
  });
}

/** Password change, both the forced first-login step and the one on the account page. */
export function useChangePassword() {
  const refreshSession = useRefreshSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => apiPost('/auth/password', loginResultSchema, body),
    onSuccess: async () => {
      // The server may end the user's other sessions on a password change.
      await queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
      await refreshSession();
    },
  });
}

/**
 * A fresh TOTP secret for enrolment. A query (not a mutation) so that React's double mount in
 * development and re-renders reuse one secret instead of asking the server for another.
 */
export function useTotpSetup() {
  return useQuery({
    queryKey: queryKeys.totpSetup,
    queryFn: () => apiPost('/auth/mfa/totp/setup', totpSetupSchema),
    staleTime: Infinity,
    // Keep the secret in memory only while the enrolment page shows it.
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** Confirms enrolment with a first code; answers with the recovery codes. */
export function useEnableTotp() {
  return useMutation({
    mutationFn: (body: z.output<typeof totpEnableBodySchema>) =>
      apiPost('/auth/mfa/totp/enable', recoveryCodesSchema, body),
  });
}

/** Second-factor check at sign-in, with a TOTP code or a recovery code. */
export function useVerifyMfa() {
  const refreshSession = useRefreshSession();
  return useMutation({
    mutationFn: (body: MfaVerifyBody) => apiPost('/auth/mfa/verify', loginResultSchema, body),
    onSuccess: () => refreshSession(),
  });
}
