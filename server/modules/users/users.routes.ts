/** HTTP for user administration. */
import { z } from 'zod';
import {
  createdUserSchema, createUserBodySchema, resetPasswordResultSchema, updateRolesBodySchema, setSupervisorBodySchema,
  userIdParamsSchema, userListSchema, userSchema,
} from '../../../domain/api.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import { createdTokenSchema, createTokenBodySchema, okSchema, tokenListSchema } from '../../../domain/api.ts';
import * as auth from '../auth/auth.service.ts';
import * as users from './users.service.ts';

const actions = ['disable', 'enable', 'unlock', 'reset-mfa'] as const;
const summaries: Record<(typeof actions)[number], string> = {
  disable: 'Disable an account and end all its sessions',
  enable: 'Re-enable a disabled account',
  unlock: 'Unlock an account locked after failed sign-ins',
  'reset-mfa': 'Remove the second factor; the user enrols again at next sign-in',
};

export function userRoutes(deps: Deps) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/users', summary: 'Users of my organisation', tags: ['users'],
      access: 'user', permission: 'user.read',
      query: z.object({ email: z.string().max(254).optional() }), response: userListSchema,
      handler: async ({ actor, query }) => ({
        users: query.email ? [await users.findUserByEmail(deps, actor, query.email)] : await users.listUsers(deps, actor),
      }),
    });
    route({
      method: 'POST', url: '/api/v1/users', summary: 'Create a user with a one-time password', tags: ['users'],
      access: 'user', permission: 'user.manage', body: createUserBodySchema, response: createdUserSchema, status: 201,
      handler: ({ actor, body }) => users.createUser(deps, actor, body),
    });
    route({
      method: 'GET', url: '/api/v1/users/:id', summary: 'One user', tags: ['users'],
      access: 'user', permission: 'user.read', params: userIdParamsSchema, response: userSchema,
      handler: ({ actor, params }) => users.getUser(deps, actor, params.id),
    });
    for (const action of actions)
      route({
        method: 'POST', url: `/api/v1/users/:id/${action}`, summary: summaries[action], tags: ['users'],
        access: 'user', permission: 'user.manage', params: userIdParamsSchema, response: userSchema,
        handler: ({ actor, params }) => users.administerUser(deps, actor, params.id, action),
      });
    route({
      method: 'POST', url: '/api/v1/users/:id/reset-password', summary: 'Issue a new one-time password and end all sessions', tags: ['users'],
      access: 'user', permission: 'user.manage', params: userIdParamsSchema, response: resetPasswordResultSchema,
      handler: ({ actor, params }) => users.resetPassword(deps, actor, params.id),
    });
    route({
      method: 'PUT', url: '/api/v1/users/:id/roles', summary: 'Replace the roles of a user', tags: ['users'],
      access: 'user', permission: 'user.manage', params: userIdParamsSchema, body: updateRolesBodySchema, response: userSchema,
      handler: ({ actor, params, body }) => users.setRoles(deps, actor, params.id, body.roles, body.judge),
    });
    route({
      method: 'PUT', url: '/api/v1/users/:id/supervisor', summary: 'Set or clear a user’s line supervisor (who then sees the cases of that user)', tags: ['users'],
      access: 'user', permission: 'user.manage', params: userIdParamsSchema, body: setSupervisorBodySchema, response: userSchema,
      handler: ({ actor, params, body }) => users.setSupervisor(deps, actor, params.id, body.supervisorId),
    });
    route({
      method: 'GET', url: '/api/v1/users/:id/tokens', summary: 'API tokens of a user (instance operator only)', tags: ['users'],
      access: 'user', params: userIdParamsSchema, response: tokenListSchema,
      handler: async ({ actor, params }) => ({ tokens: await auth.listApiTokensOf(deps, actor, params.id) }),
    });
    route({
      method: 'POST', url: '/api/v1/users/:id/tokens', summary: 'Create an API token for a user (instance operator only)', tags: ['users'],
      access: 'user', params: userIdParamsSchema, body: createTokenBodySchema, response: createdTokenSchema, status: 201,
      handler: ({ actor, params, body }) => auth.createApiToken(deps, actor, body, params.id),
    });
    route({
      method: 'DELETE', url: '/api/v1/users/:id/tokens/:tokenId', summary: 'Revoke a user’s API token (instance operator only)', tags: ['users'],
      access: 'user', params: z.object({ id: z.uuid(), tokenId: z.uuid() }), response: okSchema,
      handler: async ({ actor, params }) => {
        await auth.revokeApiToken(deps, actor, params.tokenId, params.id);
        return { ok: true as const };
      },
    });
  });
}
