/**
 * User administration within an organisation: create, disable/enable, unlock, reset MFA or
 * password, change roles. Admins act within their own organisation; the operator anywhere.
 */
import type { CreateUserBody, CreatedUser, User } from '../../../domain/api.ts';
import type { Role } from '../../../domain/roles.ts';
import type { Deps } from '../../deps.ts';
import { conflict, forbidden, invalid } from '../../http/errors.ts';
import type { Queryable } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { oneTimePassword } from '../auth/crypto.ts';
import { hashPassword } from '../auth/passwords.ts';
import { assertVisible, authorise } from '../auth/policy.ts';
import * as sessions from '../auth/sessions.store.ts';
import { findOrganisation, insertOrganisation } from '../organisations/organisations.store.ts';
import { presentUser } from './users.presenter.ts';
import * as store from './users.store.ts';

export async function listUsers(deps: Deps, actor: Actor): Promise<User[]> {
  authorise(actor, 'user.read');
  const rows = await store.listUsers(deps.db, actor.kind === 'user' ? actor.organisationId : null);
  return rows.map(presentUser);
}

async function loadVisible(q: Queryable, actor: Actor, id: string): Promise<store.UserRow> {
  const row = await store.findUserById(q, id);
  assertVisible(actor, row && { ...row, organisationId: row.organisation_id }, 'User');
  return row!;
}

export async function getUser(deps: Deps, actor: Actor, id: string): Promise<User> {
  authorise(actor, 'user.read');
  return presentUser(await loadVisible(deps.db, actor, id));
}

/** Finds a user by e-mail for the CLI (`liaison user disable alice@…`). */
export async function findUserByEmail(deps: Deps, actor: Actor, email: string): Promise<User> {
  authorise(actor, 'user.read');
  const row = await store.findUserByEmail(deps.db, email);
  assertVisible(actor, row && { ...row, organisationId: row.organisation_id }, 'User');
  return presentUser(row!);
}

export async function createUser(deps: Deps, actor: Actor, body: CreateUserBody): Promise<CreatedUser> {
  authorise(actor, 'user.manage');
  const organisationId = actor.kind === 'user' ? actor.organisationId : body.organisationId;
  if (actor.kind === 'user' && body.organisationId && body.organisationId !== actor.organisationId)
    throw invalid([{ path: 'organisationId', message: 'you can only create users in your own organisation' }]);
  if (!organisationId) throw invalid([{ path: 'organisationId', message: 'is required' }]);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return deps.db.transaction(async (tx) => {
    if (!(await findOrganisation(tx, organisationId))) throw invalid([{ path: 'organisationId', message: 'no such organisation' }]);
    if (await store.findUserByEmail(tx, body.email)) throw conflict('A user with this e-mail address already exists', [{ path: 'email', message: 'is already registered' }]);
    const row = await store.insertUser(tx, { organisationId, email: body.email, displayName: body.displayName, roles: [...new Set(body.roles)], passwordHash, createdAt: deps.clock.now() });
    await appendAudit(deps, tx, actor, { action: 'user.create', targetType: 'user', targetId: row.id, organisationId, details: { email: row.email, roles: row.roles } });
    return { user: presentUser(row), oneTimePassword: password };
  });
}

type AdminAction = 'disable' | 'enable' | 'unlock' | 'reset-mfa';

/** The state changes an admin makes to an account, each ending sessions where it must. */
export async function administerUser(deps: Deps, actor: Actor, id: string, action: AdminAction): Promise<User> {
  authorise(actor, 'user.manage');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    if (actor.kind === 'user' && actor.userId === id && action === 'disable') throw forbidden('You cannot disable your own account');
    let updated: store.UserRow;
    const details: Record<string, unknown> = {};
    switch (action) {
      case 'disable':
        updated = await store.updateUser(tx, id, { disabled_at: row.disabled_at ?? now });
        details.sessionsEnded = await sessions.endUserSessions(tx, id, 'disabled', now);
        break;
      case 'enable':
        updated = await store.updateUser(tx, id, { disabled_at: null });
        break;
      case 'unlock':
        updated = await store.updateUser(tx, id, { locked_at: null });
        await store.clearLoginFailures(tx, id);
        break;
      case 'reset-mfa':
        updated = await store.updateUser(tx, id, { totp_secret: null, totp_pending_secret: null, totp_last_step: null });
        await store.replaceRecoveryCodes(tx, id, []);
        details.sessionsEnded = await sessions.endUserSessions(tx, id, 'mfa_reset', now);
        break;
    }
    await appendAudit(deps, tx, actor, { action: `user.${action}`, targetType: 'user', targetId: id, organisationId: row.organisation_id, details });
    return presentUser(updated);
  });
}

/** Issues a new one-time password; the user must change it and every session ends. */
export async function resetPassword(deps: Deps, actor: Actor, id: string): Promise<{ oneTimePassword: string }> {
  authorise(actor, 'user.manage');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    await store.updateUser(tx, id, { password_hash: passwordHash, must_change_password: true });
    const ended = await sessions.endUserSessions(tx, id, 'password_reset', now);
    await appendAudit(deps, tx, actor, { action: 'user.password.reset', targetType: 'user', targetId: id, organisationId: row.organisation_id, details: { sessionsEnded: ended } });
    return { oneTimePassword: password };
  });
}

export async function setRoles(deps: Deps, actor: Actor, id: string, roles: Role[], judge?: boolean): Promise<User> {
  authorise(actor, 'user.manage');
  const unique = [...new Set(roles)];
  if (actor.kind === 'user' && actor.userId === id && !unique.includes('admin'))
    throw invalid([{ path: 'roles', message: 'you cannot remove your own admin role' }]);
  if (judge && !unique.includes('prosecutor'))
    throw invalid([{ path: 'judge', message: 'a judge or court also holds the prosecutor role (the role that validates requests)' }]);
  return deps.db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    // Without the prosecutor role the judge flag means nothing: it goes with it.
    const nextJudge = unique.includes('prosecutor') ? (judge ?? row.judge) : false;
    const updated = await store.updateUser(tx, id, { roles: unique, judge: nextJudge });
    await appendAudit(deps, tx, actor, { action: 'user.roles', targetType: 'user', targetId: id, organisationId: row.organisation_id, details: { from: row.roles, to: unique, ...(nextJudge !== row.judge ? { judge: nextJudge } : {}) } });
    return presentUser(updated);
  });
}

/**
 * Sets a user's line supervisor (same organisation, not themselves, no cycle): supervisors see
 * the cases of the people they supervise.
 */
export async function setSupervisor(deps: Deps, actor: Actor, id: string, supervisorId: string | null): Promise<User> {
  authorise(actor, 'user.manage');
  if (supervisorId === id) throw invalid([{ path: 'supervisorId', message: 'a user cannot supervise themselves' }]);
  return deps.db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    if (supervisorId) {
      const supervisor = await store.findUserById(tx, supervisorId);
      if (!supervisor || supervisor.organisation_id !== row.organisation_id)
        throw invalid([{ path: 'supervisorId', message: 'must be a user of the same organisation' }]);
      // Walk up from the new supervisor: meeting the user again would make a cycle.
      for (let up: string | null = supervisor.supervisor_id, hops = 0; up && hops < 100; hops++) {
        if (up === id) throw invalid([{ path: 'supervisorId', message: 'would make a supervision cycle' }]);
        up = (await store.findUserById(tx, up))?.supervisor_id ?? null;
      }
    }
    if (row.supervisor_id === supervisorId) return presentUser(row);
    const updated = await store.updateUser(tx, id, { supervisor_id: supervisorId });
    await appendAudit(deps, tx, actor, { action: 'user.supervisor', targetType: 'user', targetId: id, organisationId: row.organisation_id, details: { from: row.supervisor_id, to: supervisorId } });
    return presentUser(updated);
  });
}

/** First start: a demo organisation and an admin with a one-time password (printed once). */
export async function ensureDemoAccount(deps: Deps, actor: Actor): Promise<{ email: string; password: string } | null> {
  if ((await store.countUsers(deps.db)) > 0) return null;
  const email = 'admin@demo.liaison.test';
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const org = await insertOrganisation(tx, { name: 'Demo Cybercrime Unit (fictitious)', country: 'FR', createdAt: deps.clock.now() });
    await appendAudit(deps, tx, actor, { action: 'organisation.create', targetType: 'organisation', targetId: org.id, organisationId: org.id, details: { name: org.name, demo: true } });
    const row = await store.insertUser(tx, { organisationId: org.id, email, displayName: 'Demo administrator', roles: ['admin'], passwordHash, createdAt: deps.clock.now() });
    await appendAudit(deps, tx, actor, { action: 'user.create', targetType: 'user', targetId: row.id, organisationId: org.id, details: { email, roles: row.roles, demo: true } });
  });
  return { email, password };
}
