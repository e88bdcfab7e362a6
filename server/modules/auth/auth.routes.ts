/** HTTP for sign-in, MFA, sessions and API tokens. Routes validate, call a service, present. */
import { z } from 'zod';
import {
  bannerSchema, changePasswordBodySchema, createdTokenSchema, createTokenBodySchema,
  loginBodySchema, loginResultSchema, meSchema, mfaVerifyBodySchema, okSchema, recoveryCodesSchema,
  sessionListSchema, tokenListSchema, totpEnableBodySchema, totpSetupSchema,
} from '../../../domain/api.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import * as auth from './auth.service.ts';

const idParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

export function authRoutes(deps: Deps) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/auth/banner', summary: 'The login banner (use is monitored) to acknowledge', tags: ['auth'],
      access: 'public', response: bannerSchema,
      handler: async () => ({ text: deps.config.banner }),
    });
    route({
      method: 'POST', url: '/api/v1/auth/login', summary: 'Sign in with e-mail and password; opens a session that still needs MFA', tags: ['auth'],
      access: 'public', body: loginBodySchema, response: loginResultSchema,
      rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 },
      handler: async ({ body, actor, request, reply }) => {
        const { token, stage } = await auth.login(deps, body, actor);
        setSessionCookie(deps, request, reply, token);
        return { stage };
      },
    });
    route({
      method: 'GET', url: '/api/v1/auth/me', summary: 'The signed-in user, organisation, sign-in step and permissions', tags: ['auth'],
      access: 'partial', response: meSchema,
      handler: ({ actor }) => auth.me(deps, actor),
    });
    route({
      method: 'POST', url: '/api/v1/auth/password', summary: 'Change the password (required at first sign-in)', tags: ['auth'],
      access: 'partial', body: changePasswordBodySchema, response: loginResultSchema,
      handler: async ({ actor, body }) => ({ stage: await auth.changePassword(deps, actor, body) }),
    });
    route({
      method: 'POST', url: '/api/v1/auth/mfa/totp/setup', summary: 'Start TOTP enrolment: key and QR code', tags: ['auth'],
      access: 'partial', response: totpSetupSchema,
      handler: ({ actor }) => auth.setupTotp(deps, actor),
    });
    route({
      method: 'POST', url: '/api/v1/auth/mfa/totp/enable', summary: 'Confirm TOTP enrolment with a code; returns recovery codes once', tags: ['auth'],
      access: 'partial', body: totpEnableBodySchema, response: recoveryCodesSchema,
      rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 },
      handler: async ({ actor, body, request, reply }) => {
        const { recoveryCodes, token } = await auth.enableTotp(deps, actor, body.code);
        if (token) setSessionCookie(deps, request, reply, token);
        return { recoveryCodes };
      },
    });
    route({
      method: 'POST', url: '/api/v1/auth/mfa/verify', summary: 'Second factor at sign-in: TOTP code or recovery code', tags: ['auth'],
      access: 'partial', body: mfaVerifyBodySchema, response: loginResultSchema,
      rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 },
      handler: async ({ actor, body, request, reply }) => {
        const { token, stage } = await auth.verifyMfa(deps, actor, body);
        setSessionCookie(deps, request, reply, token);
        return { stage };
      },
    });
    route({
      method: 'POST', url: '/api/v1/auth/logout', summary: 'End this session', tags: ['auth'],
      access: 'partial', response: okSchema,
      handler: async ({ actor, reply }) => {
        await auth.logout(deps, actor);
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    });
    route({
      method: 'GET', url: '/api/v1/account/sessions', summary: 'My open sessions', tags: ['account'],
      access: 'user', response: sessionListSchema,
      handler: async ({ actor }) => ({ sessions: await auth.listSessions(deps, actor) }),
    });
    route({
      method: 'DELETE', url: '/api/v1/account/sessions/:id', summary: 'End one of my sessions', tags: ['account'],
      access: 'user', params: idParams, response: okSchema,
      handler: async ({ actor, params }) => {
        await auth.endOwnSession(deps, actor, params.id);
        return { ok: true as const };
      },
    });
    route({
      method: 'POST', url: '/api/v1/account/recovery-codes', summary: 'Replace my recovery codes (old ones stop working)', tags: ['account'],
      access: 'user', response: recoveryCodesSchema,
      handler: async ({ actor }) => ({ recoveryCodes: await auth.regenerateRecoveryCodes(deps, actor) }),
    });
    route({
      method: 'GET', url: '/api/v1/account/tokens', summary: 'My API tokens', tags: ['account'],
      access: 'user', response: tokenListSchema,
      handler: async ({ actor }) => ({ tokens: await auth.listApiTokens(deps, actor) }),
    });
    route({
      method: 'POST', url: '/api/v1/account/tokens', summary: 'Create an API token (the secret is shown once)', tags: ['account'],
      access: 'user', body: createTokenBodySchema, response: createdTokenSchema, status: 201,
      handler: ({ actor, body }) => auth.createApiToken(deps, actor, body),
    });
    route({
      method: 'DELETE', url: '/api/v1/account/tokens/:id', summary: 'Revoke one of my API tokens', tags: ['account'],
      access: 'user', params: idParams, response: okSchema,
      handler: async ({ actor, params }) => {
        await auth.revokeApiToken(deps, actor, params.id);
        return { ok: true as const };
      },
    });
  });
}
