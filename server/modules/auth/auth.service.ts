/**
 * Sign-in and session use cases: password, MFA (TOTP and recovery codes), sessions with idle and
 * absolute timeouts, lockout, API tokens. Each change is audited in its own transaction.
 */
import type { AuthStage, ChangePasswordBody, Me, MfaVerifyBody, TotpSetup } from '../../../domain/api.ts';
import { permissionsFor } from '../../../domain/roles.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import type { Queryable } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findOrganisation } from '../organisations/organisations.store.ts';
import { presentUser } from '../users/users.presenter.ts';
import * as users from '../users/users.store.ts';
import type { Actor, RequestMeta, UserActor } from './actor.ts';
import { normaliseRecoveryCode, randomSecret, recoveryCode, sha256Hex } from './crypto.ts';
import { burnPasswordCheck, checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { openSecret, sealSecret } from './seal.ts';
import * as sessions from './sessions.store.ts';
import { generateTotpSecret, matchTotp, totpEnrolment } from './totp.ts';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
const RECOVERY_CODE_COUNT = 10;
const INVALID_LOGIN = 'Invalid e-mail address or password';

/** The next step the (half) signed-in user must take. */
export function stageOf(actor: UserActor): AuthStage {
  if (actor.mfaEnabled && !actor.mfaVerified) return 'verify_mfa';
  if (actor.mustChangePassword) return 'change_password';
  if (!actor.mfaEnabled) return 'enrol_mfa';
  return 'done';
}

function requireStage(actor: Actor, ...allowed: AuthStage[]): UserActor {
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
  const stage = stageOf(actor);
  if (!allowed.includes(stage)) throw new AppError('forbidden', `Not allowed at sign-in step ${stage}`);
  return actor;
}

function actorFromUser(user: users.UserRow, meta: RequestMeta, ids: { sessionId: string | null; tokenId: string | null; mfaVerified: boolean }): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    organisationId: user.organisation_id,
    email: user.email,
    roles: user.roles,
    permissions: permissionsFor(user.roles),
    mustChangePassword: user.must_change_password,
    mfaEnabled: user.totp_secret !== null,
    ...ids,
    // Only the request fields: callers may pass a whole actor (login passes the anonymous one),
    // whose `kind` would otherwise override `'user'` and misattribute the audit event.
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
}

// ------------------------------------------------------------------------------- login

/** Checks e-mail and password, applies lockout, and opens a session that still needs MFA. */
export async function login(
  deps: Deps,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<{ token: string; stage: AuthStage }> {
  const now = deps.clock.now();
  const anonymous: Actor = { kind: 'anonymous', ...meta };
  const user = await users.findUserByEmail(deps.db, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    await deps.db.transaction((tx) =>
      appendAudit(deps, tx, anonymous, { action: 'auth.login', outcome: 'failure', details: { email: input.email, reason: 'unknown_account' } }),
    );
    throw new AppError('invalid_credentials', INVALID_LOGIN);
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  const refusal = user.disabled_at ? 'disabled' : user.locked_at ? 'locked' : passwordOk ? null : 'bad_password';
  if (refusal) {
    await deps.db.transaction(async (tx) => {
      const audit = { targetType: 'user', targetId: user.id, organisationId: user.organisation_id };
      await appendAudit(deps, tx, anonymous, { action: 'auth.login', outcome: 'failure', ...audit, details: { email: user.email, reason: refusal } });
      if (refusal !== 'bad_password') return;
      await users.lockUser(tx, user.id);
      await users.recordLoginFailure(tx, user.id, now);
      const failures = await users.countLoginFailuresSince(tx, user.id, new Date(now.getTime() - LOCKOUT_WINDOW_MS));
      if (failures >= LOCKOUT_THRESHOLD) {
        await users.updateUser(tx, user.id, { locked_at: now });
        await sessions.endUserSessions(tx, user.id, 'locked', now);
        await appendAudit(deps, tx, anonymous, { action: 'user.lock', ...audit, details: { failures, windowMinutes: LOCKOUT_WINDOW_MS / 60_000 } });
      }
    });
    throw new AppError('invalid_credentials', INVALID_LOGIN);
  }
  const token = randomSecret();
  const session = await deps.db.transaction(async (tx) => {
    await users.clearLoginFailures(tx, user.id);
    const updated = await users.updateUser(tx, user.id, { last_login_at: now });
    const row = await sessions.insertSession(tx, {
      tokenHash: sha256Hex(token),
      userId: user.id,
      createdAt: now,
      absoluteExpiresAt: new Date(now.getTime() + deps.config.sessionAbsoluteMs),
      ...meta,
    });
    const actor = actorFromUser(updated, meta, { sessionId: row.id, tokenId: null, mfaVerified: false });
    await appendAudit(deps, tx, actor, { action: 'auth.login', targetType: 'user', targetId: user.id, details: { sessionId: row.id, step: 'password' } });
    return actor;
  });
  return { token, stage: stageOf(session) };
}

// -------------------------------------------------------------------- authentication

async function expire(deps: Deps, tx: Queryable, session: sessions.SessionRow, user: users.UserRow, reason: string, meta: RequestMeta) {
  await sessions.endSession(tx, session.id, reason, deps.clock.now());
  const actor = actorFromUser(user, meta, { sessionId: session.id, tokenId: null, mfaVerified: session.mfa_verified });
  await appendAudit(deps, tx, actor, { action: 'session.end', targetType: 'session', targetId: session.id, details: { reason } });
}

/** Resolves a session cookie to its actor, enforcing idle and absolute timeouts server-side. */
export async function authenticateSession(deps: Deps, token: string, meta: RequestMeta): Promise<UserActor> {
  const now = deps.clock.now();
  const session = await sessions.findOpenSessionByTokenHash(deps.db, sha256Hex(token));
  if (!session) throw new AppError('unauthenticated', 'Your session has ended; sign in again');
  const user = await users.findUserById(deps.db, session.user_id);
  if (!user) throw new AppError('unauthenticated', 'Your session has ended; sign in again');
  const reason =
    user.disabled_at ? 'disabled'
    : now >= new Date(session.absolute_expires_at) ? 'absolute_timeout'
    : now.getTime() - new Date(session.last_seen_at).getTime() >= deps.config.sessionIdleMs ? 'idle_timeout'
    : null;
  if (reason) {
    await deps.db.transaction((tx) => expire(deps, tx, session, user, reason, meta));
    throw new AppError('unauthenticated', 'Your session has ended; sign in again');
  }
  await sessions.touchSession(deps.db, session.id, now);
  return actorFromUser(user, meta, { sessionId: session.id, tokenId: null, mfaVerified: session.mfa_verified });
}

/** Resolves an API token (`Authorization: Bearer lia_…`). Tokens act with the owner's rights. */
export async function authenticateApiToken(deps: Deps, secret: string, meta: RequestMeta): Promise<UserActor> {
  const now = deps.clock.now();
  const found = await sessions.findApiTokenWithUser(deps.db, sha256Hex(secret));
  const token = found?.token;
  const user = found?.user;
  if (!token || !user || token.revoked_at || user.disabled_at || user.locked_at || (token.expires_at && now >= new Date(token.expires_at)))
    throw new AppError('unauthenticated', 'Invalid, expired or revoked API token');
  // "Last used" to the minute: a script calling in a loop must not turn every read into a write.
  if (!token.last_used_at || now.getTime() - new Date(token.last_used_at).getTime() >= 60_000) await sessions.touchApiToken(deps.db, token.id, now);
  return actorFromUser(user, meta, { sessionId: null, tokenId: token.id, mfaVerified: true });
}

export async function me(deps: Deps, actor: Actor): Promise<Me> {
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
  const user = await users.findUserById(deps.db, actor.userId);
  const organisation = await findOrganisation(deps.db, actor.organisationId);
  if (!user || !organisation) throw new AppError('unauthenticated', 'Sign in first');
  const now = deps.clock.now().getTime();
  let absolute = new Date(now + deps.config.sessionAbsoluteMs);
  if (actor.sessionId) {
    const open = await sessions.listOpenSessions(deps.db, actor.userId);
    const current = open.find((s) => s.id === actor.sessionId);
    if (current) absolute = new Date(current.absolute_expires_at);
  }
  const stage = stageOf(actor);
  return {
    user: presentUser(user),
    organisation,
    stage,
    permissions: stage === 'done' ? actor.permissions : [],
    session: { idleExpiresAt: new Date(now + deps.config.sessionIdleMs).toISOString(), absoluteExpiresAt: absolute.toISOString() },
  };
}

// ------------------------------------------------------------------------- passwords

/** Changes the password (first-login change or voluntary); ends the user's other sessions. */
export async function changePassword(deps: Deps, actor: Actor, body: ChangePasswordBody): Promise<AuthStage> {
  const user = requireStage(actor, 'change_password', 'done');
  const row = await users.findUserById(deps.db, user.userId);
  if (!row || !(await verifyPassword(row.password_hash, body.currentPassword)))
    throw invalid([{ path: 'currentPassword', message: 'is not your current password' }]);
  const problems = checkPasswordPolicy(body.newPassword, 'newPassword', { email: row.email });
  if (body.newPassword === body.currentPassword) problems.push({ path: 'newPassword', message: 'must differ from the current password' });
  if (problems.length) throw invalid(problems);
  const passwordHash = await hashPassword(body.newPassword);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const updated = await users.updateUser(tx, user.userId, { password_hash: passwordHash, must_change_password: false });
    const ended = await sessions.endUserSessions(tx, user.userId, 'password_changed', now, user.sessionId ?? undefined);
    await appendAudit(deps, tx, actor, { action: 'user.password.change', targetType: 'user', targetId: user.userId, details: { otherSessionsEnded: ended } });
    return stageOf({ ...user, mustChangePassword: updated.must_change_password });
  });
}

// ------------------------------------------------------------------------------- MFA

export async function setupTotp(deps: Deps, actor: Actor): Promise<TotpSetup> {
  const user = requireStage(actor, 'enrol_mfa');
  const secret = generateTotpSecret();
  await deps.db.transaction(async (tx) => {
    await users.updateUser(tx, user.userId, { totp_pending_secret: sealSecret(deps.keys, secret) });
    await appendAudit(deps, tx, actor, { action: 'user.mfa.setup', targetType: 'user', targetId: user.userId });
  });
  return { secret, ...(await totpEnrolment(secret, user.email)) };
}

async function issueRecoveryCodes(tx: Queryable, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
  await users.replaceRecoveryCodes(tx, userId, codes.map((c) => sha256Hex(normaliseRecoveryCode(c))));
  return codes;
}

/** Confirms enrolment with a first code; the session becomes fully signed in with a new token. */
export async function enableTotp(deps: Deps, actor: Actor, code: string): Promise<{ recoveryCodes: string[]; token: string | null }> {
  const user = requireStage(actor, 'enrol_mfa');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await users.lockUser(tx, user.userId);
    const step = row?.totp_pending_secret ? matchTotp(openSecret(deps.keys, row.totp_pending_secret), code, now) : null;
    if (!row?.totp_pending_secret) throw invalid([{ path: 'code', message: 'start the enrolment first' }]);
    if (step === null) throw invalid([{ path: 'code', message: 'is not the current code of the authenticator app' }]);
    await users.updateUser(tx, user.userId, { totp_secret: row.totp_pending_secret, totp_pending_secret: null, totp_last_step: step });
    const recoveryCodes = await issueRecoveryCodes(tx, user.userId);
    const token = user.sessionId ? randomSecret() : null;
    if (user.sessionId && token) await sessions.elevateSession(tx, user.sessionId, sha256Hex(token), now);
    await appendAudit(deps, tx, actor, { action: 'user.mfa.enable', targetType: 'user', targetId: user.userId });
    return { recoveryCodes, token };
  });
}

/** Second factor at sign-in: a TOTP code (each usable once) or a single-use recovery code. */
export async function verifyMfa(deps: Deps, actor: Actor, body: MfaVerifyBody): Promise<{ token: string; stage: AuthStage }> {
  const user = requireStage(actor, 'verify_mfa');
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const row = await users.lockUser(tx, user.userId);
    if (!row?.totp_secret || !user.sessionId) return { ok: false as const, method: 'none' };
    if ('code' in body) {
      const step = matchTotp(openSecret(deps.keys, row.totp_secret), body.code, now);
      if (step === null || (row.totp_last_step !== null && step <= row.totp_last_step)) return { ok: false as const, method: 'totp', reused: step !== null };
      await users.updateUser(tx, user.userId, { totp_last_step: step });
    } else if (!(await users.consumeRecoveryCode(tx, user.userId, sha256Hex(normaliseRecoveryCode(body.recoveryCode)), now))) {
      return { ok: false as const, method: 'recovery_code' };
    }
    const token = randomSecret();
    await sessions.elevateSession(tx, user.sessionId, sha256Hex(token), now);
    const method = 'code' in body ? 'totp' : 'recovery_code';
    await appendAudit(deps, tx, actor, { action: 'auth.mfa', targetType: 'user', targetId: user.userId, details: { method } });
    return { ok: true as const, token };
  });
  if (!outcome.ok) {
    await deps.db.transaction((tx) =>
      appendAudit(deps, tx, actor, { action: 'auth.mfa', outcome: 'failure', targetType: 'user', targetId: user.userId, details: outcome }),
    );
    const path = 'code' in body ? 'code' : 'recoveryCode';
    const message = 'reused' in outcome && outcome.reused ? 'has already been used; wait for the next code' : 'is not valid';
    throw invalid([{ path, message }]);
  }
  return { token: outcome.token, stage: stageOf({ ...user, mfaVerified: true }) };
}

export async function regenerateRecoveryCodes(deps: Deps, actor: Actor): Promise<string[]> {
  const user = requireStage(actor, 'done');
  return deps.db.transaction(async (tx) => {
    const codes = await issueRecoveryCodes(tx, user.userId);
    await appendAudit(deps, tx, actor, { action: 'user.mfa.recovery_codes', targetType: 'user', targetId: user.userId });
    return codes;
  });
}

// --------------------------------------------------------------------------- sessions

export async function logout(deps: Deps, actor: Actor): Promise<void> {
  if (actor.kind !== 'user' || !actor.sessionId) return;
  const sessionId = actor.sessionId;
  await deps.db.transaction(async (tx) => {
    await sessions.endSession(tx, sessionId, 'logout', deps.clock.now());
    await appendAudit(deps, tx, actor, { action: 'auth.logout', targetType: 'session', targetId: sessionId });
  });
}

export async function listSessions(deps: Deps, actor: Actor) {
  const user = requireStage(actor, 'done');
  return (await sessions.listOpenSessions(deps.db, user.userId)).map((s) => ({
    id: s.id,
    createdAt: new Date(s.created_at).toISOString(),
    lastSeenAt: new Date(s.last_seen_at).toISOString(),
    absoluteExpiresAt: new Date(s.absolute_expires_at).toISOString(),
    ip: s.ip,
    userAgent: s.user_agent,
    current: s.id === user.sessionId,
  }));
}

export async function endOwnSession(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  const user = requireStage(actor, 'done');
  const open = await sessions.listOpenSessions(deps.db, user.userId);
  if (!open.some((s) => s.id === sessionId)) throw notFound('Session');
  await deps.db.transaction(async (tx) => {
    await sessions.endSession(tx, sessionId, 'ended_by_user', deps.clock.now());
    await appendAudit(deps, tx, actor, { action: 'session.end', targetType: 'session', targetId: sessionId, details: { reason: 'ended_by_user' } });
  });
}

/** The scheduled job: ends sessions past their idle or absolute limit and records each. */
export async function expireIdleSessions(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const ended = await sessions.expireSessions(tx, now, new Date(now.getTime() - deps.config.sessionIdleMs));
    for (const s of ended)
      await appendAudit(deps, tx, { kind: 'operator', label: 'job:expire-sessions', ip: null, userAgent: null }, {
        action: 'session.end', targetType: 'session', targetId: s.id, organisationId: s.organisation_id, details: { reason: s.end_reason, userId: s.user_id },
      });
    return ended.length;
  });
}

// ------------------------------------------------------------------------- API tokens

const presentToken = (t: sessions.ApiTokenRow) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: new Date(t.created_at).toISOString(),
  lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
  expiresAt: t.expires_at ? new Date(t.expires_at).toISOString() : null,
  revokedAt: t.revoked_at ? new Date(t.revoked_at).toISOString() : null,
});

/**
 * Creates a token for `userId`: the user for themself, or the instance operator for a user
 * (scripts set up from the server's shell). Admins cannot mint tokens for others.
 */
export async function createApiToken(deps: Deps, actor: Actor, input: { name: string; expiresInDays?: number | undefined }, forUserId?: string) {
  const user = forUserId !== undefined ? await tokenOwner(deps, actor, forUserId) : requireStage(actor, 'done');
  const prefix = randomSecret(6).replace(/[-_]/g, 'x').slice(0, 8);
  const secret = `lia_${prefix}_${randomSecret()}`;
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const t = await sessions.insertApiToken(tx, {
      userId: user.userId,
      name: input.name,
      prefix,
      tokenHash: sha256Hex(secret),
      createdAt: now,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    });
    await appendAudit(deps, tx, actor, { action: 'token.create', targetType: 'api_token', targetId: t.id, organisationId: user.organisationId, details: forUserId !== undefined ? { name: t.name, userId: user.userId } : { name: t.name } });
    return t;
  });
  return { token: presentToken(row), secret };
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  const user = requireStage(actor, 'done');
  return (await sessions.listApiTokens(deps.db, user.userId)).map(presentToken);
}

async function tokenOwner(deps: Deps, actor: Actor, userId: string): Promise<{ userId: string; organisationId: string }> {
  if (actor.kind !== 'operator') throw new AppError('forbidden', 'Only the instance operator manages other users’ tokens');
  const row = await users.findUserById(deps.db, userId);
  if (!row) throw notFound('User');
  return { userId: row.id, organisationId: row.organisation_id };
}

export async function listApiTokensOf(deps: Deps, actor: Actor, userId: string) {
  const owner = await tokenOwner(deps, actor, userId);
  return (await sessions.listApiTokens(deps.db, owner.userId)).map(presentToken);
}

export async function revokeApiToken(deps: Deps, actor: Actor, tokenId: string, forUserId?: string): Promise<void> {
  const user = forUserId !== undefined ? await tokenOwner(deps, actor, forUserId) : requireStage(actor, 'done');
  await deps.db.transaction(async (tx) => {
    if (!(await sessions.revokeApiToken(tx, tokenId, user.userId, deps.clock.now()))) throw notFound('API token');
    await appendAudit(deps, tx, actor, { action: 'token.revoke', targetType: 'api_token', targetId: tokenId, organisationId: user.organisationId, ...(forUserId !== undefined ? { details: { userId: user.userId } } : {}) });
  });
}
