import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../server/modules/auth/totp.ts';
import { as, cookieOf, createOrganisation, createTestContext, createUser, signIn, type TestContext } from '../support/context.ts';

let ctx: TestContext;
let orgId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  orgId = (await createOrganisation(ctx)).id;
});
afterAll(() => ctx.close());

const login = (email: string, password: string, extra: Record<string, unknown> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, acknowledgeBanner: true, ...extra } });

describe('full sign-in flow', () => {
  it('takes a new user from one-time password through password change and TOTP enrolment', async () => {
    const user = await createUser(ctx, { organisationId: orgId, roles: ['investigator'], mfa: false });
    const first = await login(user.email, user.password);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ stage: 'change_password' });
    const cookieAttrs = first.cookies.find((c) => c.name === 'liaison_session')!;
    expect(cookieAttrs.httpOnly).toBe(true);
    expect(cookieAttrs.sameSite).toBe('Strict');
    let cookie = cookieOf(first);
    const call = () => as(ctx, cookie);

    // Nothing but the sign-in steps works yet.
    expect((await call()({ method: 'GET', url: '/api/v1/account/sessions' })).statusCode).toBe(401);

    const weak = await call()({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: user.password, newPassword: 'password1234' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0]).toMatchObject({ path: 'newPassword' });
    const short = await call()({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: user.password, newPassword: 'short' } });
    expect(short.json().error.fields[0]).toEqual({ path: 'newPassword', message: 'must be at least 12 characters' });

    const newPassword = 'plum orchard lantern 47';
    const changed = await call()({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: user.password, newPassword } });
    expect(changed.json()).toEqual({ stage: 'enrol_mfa' });

    const setup = await call()({ method: 'POST', url: '/api/v1/auth/mfa/totp/setup' });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = setup.json();
    expect(otpauthUrl).toContain('otpauth://totp/');
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    // The secret is sealed at rest: the database never holds it in the clear.
    const stored = (await ctx.deps.db.query<{ s: string }>('SELECT totp_pending_secret AS s FROM users WHERE id = $1', [user.id])).rows[0]!.s;
    expect(stored.startsWith('v1:')).toBe(true);
    expect(stored).not.toContain(secret);

    const wrong = await call()({ method: 'POST', url: '/api/v1/auth/mfa/totp/enable', payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    const enabled = await call()({ method: 'POST', url: '/api/v1/auth/mfa/totp/enable', payload: { code: totpCode(secret, ctx.clock.now()) } });
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes } = enabled.json();
    expect(recoveryCodes).toHaveLength(10);
    // Privilege changed: the token rotated, and the old one no longer works.
    const rotated = cookieOf(enabled);
    expect(rotated).not.toBe(cookie);
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    cookie = rotated;
    const me = await call()({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json()).toMatchObject({ stage: 'done', user: { email: user.email, mfaEnabled: true } });

    // Next sign-in: password, then a TOTP code; the same code cannot be used twice.
    const again = await login(user.email, newPassword);
    expect(again.json()).toEqual({ stage: 'verify_mfa' });
    const partial = cookieOf(again);
    ctx.clock.advance(30_000);
    const code = totpCode(secret, ctx.clock.now());
    const ok = await as(ctx, partial)({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload: { code } });
    expect(ok.json()).toEqual({ stage: 'done' });
    const third = cookieOf(await login(user.email, newPassword));
    const replay = await as(ctx, third)({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload: { code } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.fields[0].message).toMatch(/already been used/);

    // A recovery code works once.
    const rc = recoveryCodes[0];
    expect((await as(ctx, third)({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload: { recoveryCode: rc } })).statusCode).toBe(200);
    const fourth = cookieOf(await login(user.email, newPassword));
    expect((await as(ctx, fourth)({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload: { recoveryCode: rc } })).statusCode).toBe(400);
  });

  it('requires the banner to be acknowledged', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'acknowledgeBanner', message: 'the monitoring notice must be acknowledged' }]);
  });

  it('answers the same for an unknown account and a wrong password', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    const unknown = await login('nobody@agency.test', 'whatever whatever');
    const wrong = await login(user.email, 'whatever whatever');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });
});

describe('lockout', () => {
  it('locks after 5 failures within 15 minutes until an admin unlocks, without revealing it', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    const admin = await createUser(ctx, { organisationId: orgId, roles: ['admin'] });
    for (let i = 0; i < 5; i++) expect((await login(user.email, `wrong password ${i}`)).statusCode).toBe(401);
    const locked = await login(user.email, user.password);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.message).toBe('Invalid e-mail address or password');
    ctx.clock.advance(60 * 60_000); // time alone does not unlock
    expect((await login(user.email, user.password)).statusCode).toBe(401);

    const adminCookie = await signIn(ctx, admin);
    const unlock = await as(ctx, adminCookie)({ method: 'POST', url: `/api/v1/users/${user.id}/unlock` });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().locked).toBe(false);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
  });

  it('does not lock for failures spread over more than 15 minutes', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    for (let i = 0; i < 8; i++) {
      await login(user.email, `wrong password ${i}`);
      ctx.clock.advance(4 * 60_000);
    }
    expect((await login(user.email, user.password)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('ends after 30 idle minutes, enforced by the server', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    const cookie = await signIn(ctx, user);
    ctx.clock.advance(29 * 60_000);
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    ctx.clock.advance(29 * 60_000); // activity reset the idle timer
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    ctx.clock.advance(30 * 60_000);
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('ends after 12 hours however active', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    const cookie = await signIn(ctx, user);
    for (let i = 0; i < 12 * 3 - 1; i++) {
      ctx.clock.advance(20 * 60_000);
      expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    }
    ctx.clock.advance(20 * 60_000);
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('logout invalidates the token', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    const cookie = await signIn(ctx, user);
    expect((await as(ctx, cookie)({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('disabling a user ends all their sessions and API tokens stop working', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    const admin = await createUser(ctx, { organisationId: orgId, roles: ['admin'] });
    const a = await signIn(ctx, user);
    const b = await signIn(ctx, user);
    const created = await as(ctx, a)({ method: 'POST', url: '/api/v1/account/tokens', payload: { name: 'script' } });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().secret}` };
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);

    const adminCookie = await signIn(ctx, admin);
    expect((await as(ctx, adminCookie)({ method: 'POST', url: `/api/v1/users/${user.id}/disable` })).json().disabled).toBe(true);
    for (const c of [a, b]) expect((await as(ctx, c)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
  });

  it('a new login rotates: each login gets a fresh token', async () => {
    const user = await createUser(ctx, { organisationId: orgId });
    const first = cookieOf(await login(user.email, user.password));
    const second = cookieOf(await login(user.email, user.password));
    expect(first).not.toBe(second);
    expect(second.length).toBeGreaterThanOrEqual('liaison_session='.length + 43); // 256 bits base64url
  });
});
