/** The session cookie: HttpOnly, SameSite=Strict, Secure except on plain-HTTP loopback. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';

export const SESSION_COOKIE = 'liaison_session';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

function secure(deps: Pick<Deps, 'config'>, request: FastifyRequest): boolean {
  if (deps.config.secureCookies === 'always' || request.protocol === 'https') return true;
  return !LOOPBACK.test(request.host);
}

export function setSessionCookie(deps: Pick<Deps, 'config'>, request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(deps, request),
    // The browser may keep it as long as the server would; the server enforces the real limits.
    maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
