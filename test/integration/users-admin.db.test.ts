/**
 * User administration through the API: creation with a one-time password, disable/enable,
 * unlock, MFA and password resets, roles, API tokens; refused input changes nothing.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/modules/auth/crypto.ts';
import { as, asOperator, cookieOf, createOrganisation, createTestContext, createUser, nextCode, signIn, type TestContext, type TestUser } from '../support/context.ts';
import { expectError, fieldPaths } from '../support/http.ts';

let ctx: TestContext;
let org: string;
let admin: TestUser;
let adminCookie: string;
let call: (opts: InjectOptions) => Promise<LightMyRequestResponse>;

beforeAll(async () => {
  ctx = await createTestContext();
  org = (await createOrganisation(ctx)).id;
  admin = await createUser(ctx, { organisationId: org, roles: ['admin'] });
  adminCookie = await signIn(ctx, admin);
  call = (opts) => as(ctx, adminCookie)(opts);
});
afterAll(() => ctx.close());

const login = (email: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, acknowledgeBanner: true } });
const me = (cookie: string) => as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' });
const count = async (sql: string, params: unknown[] = []) => (await ctx.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const userRow = async (id: string) => (await ctx.deps.db.query<Record<string, unknown>>('SELECT * FROM users WHERE id = $1', [id])).rows[0]!;
const openSessions = (userId: string) => count('sessions WHERE user_id = $1 AND ended_at IS NULL', [userId]);

describe('creating users', () => {
  it('returns the user and a one-time password, which must be changed at first sign-in', async () => {
    const res = await call({ method: 'POST', url: '/api/v1/users', payload: { email: 'Alice.Martin@Agency.test', displayName: '  Alice Martin ', roles: ['investigator', 'prosecutor', 'investigator'] } });
    expect(res.statusCode).toBe(201);
    const { user, oneTimePassword } = res.json() as { user: Record<string, unknown> & { id: string }; oneTimePassword: string };
    expect(user).toMatchObject({
      organisationId: org, email: 'alice.martin@agency.test', displayName: 'Alice Martin', roles: ['investigator', 'prosecutor'],
      mfaEnabled: false, disabled: false, locked: false, mustChangePassword: true, lastLoginAt: null,
    });
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
    // Only a hash is stored; reading the user back never shows the password.
    const row = await userRow(user.id);
    expect(String(row.password_hash)).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain(oneTimePassword);
    const read = await call({ method: 'GET', url: `/api/v1/users/${user.id}` });
    expect(read.json()).toEqual(user);
    expect(read.body).not.toContain(oneTimePassword);
    // The one-time password opens the change-password step, nothing more.
    const first = await login('alice.martin@agency.test', oneTimePassword);
    expect(first.json()).toEqual({ stage: 'change_password' });
    expectError(await as(ctx, cookieOf(first))({ method: 'GET', url: '/api/v1/account/tokens' }), 401, 'mfa_required');
  });

  it('refuses a duplicate e-mail address (any case) with 409 naming email, creating nothing', async () => {
    const before = await count('users');
    const events = await count('audit_events');
    const res = await call({ method: 'POST', url: '/api/v1/users', payload: { email: admin.email.toUpperCase(), displayName: 'Twin', roles: ['investigator'] } });
    expectError(res, 409, 'conflict');
    expect(fieldPaths(res)).toEqual(['email']);
    expect(await count('users')).toBe(before);
    expect(await count('audit_events')).toBe(events);
  });

  it('refuses invalid input with 400 naming each field, creating nothing', async () => {
    const before = await count('users');
    const cases: [Record<string, unknown>, string[]][] = [
      [{ email: 'not-an-address', displayName: 'X', roles: ['investigator'] }, ['email']],
      [{ email: 'x@agency', displayName: 'X', roles: ['investigator'] }, ['email']],
      [{ email: 'roles@agency.test', displayName: 'X', roles: [] }, ['roles']],
      [{ email: 'roles@agency.test', displayName: 'X', roles: ['superuser'] }, ['roles.0']],
      [{ email: 'name@agency.test', displayName: '   ', roles: ['investigator'] }, ['displayName']],
      [{ displayName: 'X', roles: ['investigator'] }, ['email']],
      [{ email: 'org@agency.test', displayName: 'X', roles: ['investigator'], organisationId: 'not-a-uuid' }, ['organisationId']],
    ];
    for (const [payload, fields] of cases) {
      const res = await call({ method: 'POST', url: '/api/v1/users', payload });
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res), JSON.stringify(payload)).toEqual(fields);
    }
    expect(await count('users')).toBe(before);
  });
});

describe('account state', () => {
  it('disable ends every session and token and refuses sign-in; enable lets the user back in', async () => {
    const target = await createUser(ctx, { organisationId: org });
    const cookie = await signIn(ctx, target);
    const token = (await as(ctx, cookie)({ method: 'POST', url: '/api/v1/account/tokens', payload: { name: 'cron' } })).json().secret as string;
    const disabled = await call({ method: 'POST', url: `/api/v1/users/${target.id}/disable` });
    expect(disabled.json()).toMatchObject({ id: target.id, disabled: true });
    expect(await openSessions(target.id)).toBe(0);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expectError(await login(target.email, target.password), 401, 'invalid_credentials');
    // Disabling again keeps the original time.
    const at = (await userRow(target.id)).disabled_at;
    ctx.clock.advance(60_000);
    await call({ method: 'POST', url: `/api/v1/users/${target.id}/disable` });
    expect((await userRow(target.id)).disabled_at).toEqual(at);

    expect((await call({ method: 'POST', url: `/api/v1/users/${target.id}/enable` })).json()).toMatchObject({ disabled: false });
    expect((await login(target.email, target.password)).statusCode).toBe(200);
  });

  it('unlock clears a lockout and its failure count', async () => {
    const target = await createUser(ctx, { organisationId: org });
    for (let i = 0; i < 5; i++) await login(target.email, `wrong password ${i}`);
    expect((await call({ method: 'GET', url: `/api/v1/users/${target.id}` })).json().locked).toBe(true);
    expectError(await login(target.email, target.password), 401, 'invalid_credentials');
    expect((await call({ method: 'POST', url: `/api/v1/users/${target.id}/unlock` })).json().locked).toBe(false);
    expect(await count('login_failures WHERE user_id = $1', [target.id])).toBe(0);
    // The count starts again from zero: four more failures do not lock.
    for (let i = 0; i < 4; i++) await login(target.email, `wrong again ${i}`);
    expect((await login(target.email, target.password)).statusCode).toBe(200);
  });

  it('reset MFA removes the second factor and recovery codes, ends sessions, and the user enrols again', async () => {
    const target = await createUser(ctx, { organisationId: org });
    const cookie = await signIn(ctx, target);
    expect((await as(ctx, cookie)({ method: 'POST', url: '/api/v1/account/recovery-codes' })).statusCode).toBe(200);
    expect(await count('recovery_codes WHERE user_id = $1', [target.id])).toBe(10);
    const res = await call({ method: 'POST', url: `/api/v1/users/${target.id}/reset-mfa` });
    expect(res.json()).toMatchObject({ mfaEnabled: false });
    expect(await count('recovery_codes WHERE user_id = $1', [target.id])).toBe(0);
    expect((await me(cookie)).statusCode).toBe(401);
    const next = await login(target.email, target.password);
    expect(next.json()).toEqual({ stage: 'enrol_mfa' });
    expectError(await as(ctx, cookieOf(next))({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload: { code: nextCode(ctx, target.totpSecret!) } }), 403, 'forbidden');
  });

  it('reset password issues a one-time password, ends sessions, and forces a change at next sign-in', async () => {
    const target = await createUser(ctx, { organisationId: org });
    const a = await signIn(ctx, target);
    const b = await signIn(ctx, target);
    const res = await call({ method: 'POST', url: `/api/v1/users/${target.id}/reset-password` });
    expect(res.statusCode).toBe(200);
    const { oneTimePassword } = res.json() as { oneTimePassword: string };
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
    expect(await openSessions(target.id)).toBe(0);
    for (const c of [a, b]) expect((await me(c)).statusCode).toBe(401);
    expectError(await login(target.email, target.password), 401, 'invalid_credentials');
    // Second factor first (still enrolled), then the password change.
    const partial = cookieOf(await login(target.email, oneTimePassword));
    const verified = await as(ctx, partial)({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload: { code: nextCode(ctx, target.totpSecret!) } });
    expect(verified.json()).toEqual({ stage: 'change_password' });
    const cookie = cookieOf(verified);
    expect((await me(cookie)).json()).toMatchObject({ stage: 'change_password', user: { mustChangePassword: true } });
    expectError(await as(ctx, cookie)({ method: 'GET', url: '/api/v1/account/sessions' }), 401, 'mfa_required');
    const changed = await as(ctx, cookie)({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: oneTimePassword, newPassword: 'juniper kettle harbour 82' } });
    expect(changed.json()).toEqual({ stage: 'done' });
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/account/sessions' })).statusCode).toBe(200);
  });
});

describe('roles', () => {
  it('replaces roles (deduplicated) and the new permissions apply to open sessions at once', async () => {
    const target = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
    const cookie = await signIn(ctx, target);
    expectError(await as(ctx, cookie)({ method: 'GET', url: '/api/v1/audit' }), 403, 'forbidden');
    const res = await call({ method: 'PUT', url: `/api/v1/users/${target.id}/roles`, payload: { roles: ['auditor', 'auditor', 'trainer'] } });
    expect(res.json().roles).toEqual(['auditor', 'trainer']);
    expect((await me(cookie)).json().permissions).toEqual(['audit.read', 'audit.export', 'organisation.read', 'directory.read', 'training.read', 'training.manage', 'event.manage']);
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(200);
  });

  it('refuses bad roles, changing nothing', async () => {
    const target = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
    for (const [roles, field] of [[[], 'roles'], [['root'], 'roles.0'], ['admin', 'roles']] as const) {
      const res = await call({ method: 'PUT', url: `/api/v1/users/${target.id}/roles`, payload: { roles } });
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res)).toEqual([field]);
    }
    expect((await userRow(target.id)).roles).toEqual(['investigator']);
  });

  it('an admin cannot remove their own admin role, nor disable themself', async () => {
    const self = await call({ method: 'PUT', url: `/api/v1/users/${admin.id}/roles`, payload: { roles: ['auditor'] } });
    expectError(self, 400, 'validation_failed');
    expect(fieldPaths(self)).toEqual(['roles']);
    expectError(await call({ method: 'POST', url: `/api/v1/users/${admin.id}/disable` }), 403, 'forbidden');
    const row = await userRow(admin.id);
    expect(row.roles).toEqual(['admin']);
    expect(row.disabled_at).toBeNull();
    expect((await me(adminCookie)).statusCode).toBe(200);
    // Adding a role to oneself is fine.
    expect((await call({ method: 'PUT', url: `/api/v1/users/${admin.id}/roles`, payload: { roles: ['admin', 'auditor'] } })).json().roles).toEqual(['admin', 'auditor']);
  });
});

describe('API tokens', () => {
  it('shows the secret once, lists without it, works as a bearer token until revoked', async () => {
    const owner = await createUser(ctx, { organisationId: org, roles: ['coordinator'] });
    const cookie = await signIn(ctx, owner);
    const created = await as(ctx, cookie)({ method: 'POST', url: '/api/v1/account/tokens', payload: { name: ' reporting ', expiresInDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json() as { token: { id: string; prefix: string; name: string; expiresAt: string }; secret: string };
    expect(secret).toMatch(new RegExp(`^lia_${token.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(token.name).toBe('reporting');
    expect(token.expiresAt).toBe(new Date(ctx.clock.now().getTime() + 30 * 86_400_000).toISOString());
    // Stored as a hash only.
    const stored = (await ctx.deps.db.query<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [token.id])).rows[0]!;
    expect(stored.token_hash).toBe(sha256Hex(secret));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(13));

    const bearer = { authorization: `Bearer ${secret}` };
    const used = await ctx.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(used.statusCode).toBe(200); // the owner's rights (coordinator: user.read)
    expectError(await ctx.app.inject({ method: 'POST', url: `/api/v1/users/${owner.id}/disable`, headers: bearer }), 403, 'forbidden');

    const list = await as(ctx, cookie)({ method: 'GET', url: '/api/v1/account/tokens' });
    expect(list.body).not.toContain(secret.slice(13));
    expect(list.body).not.toContain('"secret"');
    expect(list.json().tokens).toEqual([expect.objectContaining({ id: token.id, name: 'reporting', lastUsedAt: ctx.clock.now().toISOString(), revokedAt: null })]);
    // "Last used" is kept to the minute: a second call within it writes nothing.
    const firstUse = ctx.clock.now().toISOString();
    const lastUsed = async () => (await as(ctx, cookie)({ method: 'GET', url: '/api/v1/account/tokens' })).json().tokens[0].lastUsedAt as string;
    ctx.clock.advance(59_000);
    await ctx.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(await lastUsed()).toBe(firstUse);
    ctx.clock.advance(1_000);
    await ctx.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(await lastUsed()).toBe(ctx.clock.now().toISOString());

    expect((await as(ctx, cookie)({ method: 'DELETE', url: `/api/v1/account/tokens/${token.id}` })).json()).toEqual({ ok: true });
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer }), 401, 'unauthenticated');
    expectError(await as(ctx, cookie)({ method: 'DELETE', url: `/api/v1/account/tokens/${token.id}` }), 404, 'not_found');
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/account/tokens' })).json().tokens[0].revokedAt).toBe(ctx.clock.now().toISOString());
  });

  it('stops working when it expires', async () => {
    const owner = await createUser(ctx, { organisationId: org });
    const cookie = await signIn(ctx, owner);
    const { secret } = (await as(ctx, cookie)({ method: 'POST', url: '/api/v1/account/tokens', payload: { name: 'short', expiresInDays: 1 } })).json() as { secret: string };
    const bearer = { authorization: `Bearer ${secret}` };
    ctx.clock.advance(86_400_000 - 1_000);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);
    ctx.clock.advance(1_000);
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer }), 401, 'unauthenticated');
    adminCookie = await signIn(ctx, admin); // a day passed: the admin's session has ended too
  });

  it('refuses bad token input, creating nothing', async () => {
    const before = await count('api_tokens');
    for (const [payload, field] of [[{ name: '' }, 'name'], [{ name: 'x'.repeat(101) }, 'name'], [{ name: 'ok', expiresInDays: 0 }, 'expiresInDays'], [{ name: 'ok', expiresInDays: 1.5 }, 'expiresInDays'], [{}, 'name']] as const) {
      const res = await call({ method: 'POST', url: '/api/v1/account/tokens', payload });
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res)).toEqual([field]);
    }
    expect(await count('api_tokens')).toBe(before);
  });

  it('managing another user’s tokens is for the instance operator only: an admin gets 403', async () => {
    const target = await createUser(ctx, { organisationId: org });
    const before = await count('api_tokens');
    expectError(await call({ method: 'GET', url: `/api/v1/users/${target.id}/tokens` }), 403, 'forbidden');
    expectError(await call({ method: 'POST', url: `/api/v1/users/${target.id}/tokens`, payload: { name: 'minted by admin' } }), 403, 'forbidden');
    expect(await count('api_tokens')).toBe(before);

    const operator = asOperator(ctx);
    const created = await operator({ method: 'POST', url: `/api/v1/users/${target.id}/tokens`, payload: { name: 'ops' } });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json() as { token: { id: string }; secret: string };
    // The token acts as its owner.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } })).json().user.id).toBe(target.id);
    expect((await operator({ method: 'GET', url: `/api/v1/users/${target.id}/tokens` })).json().tokens.map((t: { id: string }) => t.id)).toEqual([token.id]);
    expectError(await call({ method: 'DELETE', url: `/api/v1/users/${target.id}/tokens/${token.id}` }), 403, 'forbidden');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200);
    expect((await operator({ method: 'DELETE', url: `/api/v1/users/${target.id}/tokens/${token.id}` })).json()).toEqual({ ok: true });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
  });
});
