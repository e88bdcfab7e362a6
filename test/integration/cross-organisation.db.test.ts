/**
 * Organisation isolation and the role table: a record of another organisation answers 404 (its
 * existence is not disclosed) and nothing changes; lists show one's own organisation only; each
 * permission is held by exactly the roles domain/roles.ts names.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_ROLES, ROLES, type Permission, type Role } from '../../domain/roles.ts';
import { updateUser } from '../../server/modules/users/users.store.ts';
import { as, asOperator, createOrganisation, createTestContext, createUser, signIn, type TestContext, type TestUser } from '../support/context.ts';
import { expectError, fieldPaths } from '../support/http.ts';

let ctx: TestContext;
let orgA: string;
let orgB: string;
const cookies = {} as Record<'adminA' | 'auditorA' | 'investigatorA' | 'coordinatorA' | 'adminB' | 'auditorB' | 'targetB', string>;
let targetB: TestUser; // active, signed in: the victim of the attempted changes
let lockedB: TestUser; // disabled and locked: the victim of enable and unlock
let userA: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  orgA = (await createOrganisation(ctx, 'Agency A (fictitious)', 'NL')).id;
  orgB = (await createOrganisation(ctx, 'Agency B (fictitious)', 'BE')).id;
  const sign = async (name: keyof typeof cookies, organisationId: string, roles: Role[]) => {
    const user = await createUser(ctx, { organisationId, roles });
    cookies[name] = await signIn(ctx, user);
    return user;
  };
  await sign('adminA', orgA, ['admin']);
  await sign('auditorA', orgA, ['auditor']);
  await sign('investigatorA', orgA, ['investigator']);
  await sign('coordinatorA', orgA, ['coordinator']);
  await sign('adminB', orgB, ['admin']);
  await sign('auditorB', orgB, ['auditor']);
  targetB = await sign('targetB', orgB, ['investigator']);
  lockedB = await createUser(ctx, { organisationId: orgB, roles: ['investigator'] });
  await updateUser(ctx.deps.db, lockedB.id, { disabled_at: ctx.clock.now(), locked_at: ctx.clock.now() });
  userA = await createUser(ctx, { organisationId: orgA, roles: ['investigator'] });
  // Some activity in each organisation, for the audit log.
  expect((await as(ctx, cookies.adminA)({ method: 'POST', url: '/api/v1/users', payload: { email: 'new.a@agency.test', displayName: 'New A', roles: ['investigator'] } })).statusCode).toBe(201);
  expect((await as(ctx, cookies.adminB)({ method: 'POST', url: '/api/v1/users', payload: { email: 'new.b@agency.test', displayName: 'New B', roles: ['investigator'] } })).statusCode).toBe(201);
});
afterAll(() => ctx.close());

/** Everything about a user row that an administrative action could change. */
async function snapshot(id: string) {
  const user = (await ctx.deps.db.query('SELECT * FROM users WHERE id = $1', [id])).rows[0];
  const sessions = (await ctx.deps.db.query('SELECT id, ended_at, end_reason FROM sessions WHERE user_id = $1 ORDER BY id', [id])).rows;
  const recovery = (await ctx.deps.db.query('SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1', [id])).rows;
  const audit = (await ctx.deps.db.query('SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1', [id])).rows;
  return { user, sessions, recovery, audit };
}

describe('another organisation’s users', () => {
  it('reading one answers 404, exactly as for a user that does not exist', async () => {
    const admin = as(ctx, cookies.adminA);
    const other = await admin({ method: 'GET', url: `/api/v1/users/${targetB.id}` });
    const none = await admin({ method: 'GET', url: `/api/v1/users/${randomUUID()}` });
    expect(expectError(other, 404, 'not_found')).toEqual(expectError(none, 404, 'not_found'));
    expectError(await admin({ method: 'GET', url: `/api/v1/users?email=${encodeURIComponent(targetB.email)}` }), 404, 'not_found');
    // Control: the same requests work within B.
    expect((await as(ctx, cookies.adminB)({ method: 'GET', url: `/api/v1/users/${targetB.id}` })).json()).toMatchObject({ id: targetB.id, email: targetB.email });
  });

  const changes: { name: string; victim: () => TestUser; request: (id: string) => InjectOptions }[] = [
    { name: 'disable', victim: () => targetB, request: (id) => ({ method: 'POST', url: `/api/v1/users/${id}/disable` }) },
    { name: 'enable', victim: () => lockedB, request: (id) => ({ method: 'POST', url: `/api/v1/users/${id}/enable` }) },
    { name: 'unlock', victim: () => lockedB, request: (id) => ({ method: 'POST', url: `/api/v1/users/${id}/unlock` }) },
    { name: 'reset-mfa', victim: () => targetB, request: (id) => ({ method: 'POST', url: `/api/v1/users/${id}/reset-mfa` }) },
    { name: 'reset-password', victim: () => targetB, request: (id) => ({ method: 'POST', url: `/api/v1/users/${id}/reset-password` }) },
    { name: 'roles', victim: () => targetB, request: (id) => ({ method: 'PUT', url: `/api/v1/users/${id}/roles`, payload: { roles: ['admin'] } }) },
  ];
  for (const change of changes)
    it(`${change.name} answers 404 and changes nothing`, async () => {
      const victim = change.victim();
      const before = await snapshot(victim.id);
      const res = await as(ctx, cookies.adminA)(change.request(victim.id));
      const error = expectError(res, 404, 'not_found');
      expect(error.message).toBe('User not found');
      expect(await snapshot(victim.id)).toEqual(before);
      // The victim's session is still open (only checked for the signed-in victim).
      if (victim === targetB) expect((await as(ctx, cookies.targetB)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    });

  it('creating a user in the other organisation is refused, naming organisationId', async () => {
    const res = await as(ctx, cookies.adminA)({ method: 'POST', url: '/api/v1/users', payload: { email: 'sneaky@agency.test', displayName: 'Sneaky', roles: ['admin'], organisationId: orgB } });
    expectError(res, 400, 'validation_failed');
    expect(fieldPaths(res)).toEqual(['organisationId']);
    expect((await ctx.deps.db.query("SELECT 1 FROM users WHERE email = 'sneaky@agency.test'")).rows).toEqual([]);
  });

  it('another user’s session or API token cannot be ended from outside', async () => {
    const tokenRes = await as(ctx, cookies.targetB)({ method: 'POST', url: '/api/v1/account/tokens', payload: { name: 'b-script' } });
    expect(tokenRes.statusCode).toBe(201);
    const { token, secret } = tokenRes.json() as { token: { id: string }; secret: string };
    const sessionId = (await ctx.deps.db.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1 AND ended_at IS NULL LIMIT 1', [targetB.id])).rows[0]!.id;
    expectError(await as(ctx, cookies.adminA)({ method: 'DELETE', url: `/api/v1/account/sessions/${sessionId}` }), 404, 'not_found');
    expectError(await as(ctx, cookies.adminA)({ method: 'DELETE', url: `/api/v1/account/tokens/${token.id}` }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200);
    expect((await as(ctx, cookies.targetB)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });
});

describe('lists are scoped to one’s organisation', () => {
  it('the users list shows only one’s own organisation', async () => {
    const a = (await as(ctx, cookies.adminA)({ method: 'GET', url: '/api/v1/users' })).json() as { users: { id: string; organisationId: string }[] };
    expect(a.users.length).toBeGreaterThanOrEqual(5);
    expect(new Set(a.users.map((u) => u.organisationId))).toEqual(new Set([orgA]));
    expect(a.users.map((u) => u.id)).toContain(userA.id);
    const b = (await as(ctx, cookies.adminB)({ method: 'GET', url: '/api/v1/users' })).json() as { users: { id: string; organisationId: string }[] };
    expect(new Set(b.users.map((u) => u.organisationId))).toEqual(new Set([orgB]));
    expect(b.users.map((u) => u.id)).toEqual(expect.arrayContaining([targetB.id, lockedB.id]));
    // The operator sees everyone.
    const all = (await asOperator(ctx)({ method: 'GET', url: '/api/v1/users' })).json() as { users: { id: string }[] };
    expect(all.users.length).toBe(a.users.length + b.users.length);
  });

  it('the audit list and export show only one’s own organisation’s events', async () => {
    const total = (await ctx.deps.db.query<{ org: string | null; n: number }>('SELECT organisation_id AS org, count(*)::int AS n FROM audit_events GROUP BY 1')).rows;
    expect(total.find((r) => r.org === orgB)?.n).toBeGreaterThan(0); // B has events to leak
    for (const [who, org] of [['auditorA', orgA], ['auditorB', orgB]] as const) {
      const res = await as(ctx, cookies[who])({ method: 'GET', url: '/api/v1/audit?limit=1000' });
      expect(res.statusCode).toBe(200);
      const events = (res.json() as { events: { organisationId: string | null }[] }).events;
      expect(events.length).toBe(total.find((r) => r.org === org)!.n);
      expect(new Set(events.map((e) => e.organisationId))).toEqual(new Set([org]));
      const exported = (await as(ctx, cookies[who])({ method: 'GET', url: '/api/v1/audit/export?format=json' })).json() as { organisationId: string | null }[];
      expect(exported.length).toBeGreaterThan(0);
      expect(new Set(exported.map((e) => e.organisationId))).toEqual(new Set([org]));
    }
    // Filtering for the other organisation's records finds nothing either.
    const filtered = await as(ctx, cookies.auditorA)({ method: 'GET', url: `/api/v1/audit?targetId=${targetB.id}` });
    expect(filtered.json().events).toEqual([]);
  });

  it('the organisations list shows one’s own organisation only', async () => {
    const res = await as(ctx, cookies.investigatorA)({ method: 'GET', url: '/api/v1/organisations' });
    expect(res.json().organisations).toEqual([{ id: orgA, name: 'Agency A (fictitious)', country: 'NL' }]);
  });
});

describe('roles', () => {
  it('an investigator cannot administer users (403) and nothing changes', async () => {
    const inv = as(ctx, cookies.investigatorA);
    expectError(await inv({ method: 'GET', url: '/api/v1/users' }), 403, 'forbidden');
    expectError(await inv({ method: 'GET', url: `/api/v1/users/${userA.id}` }), 403, 'forbidden');
    expectError(await inv({ method: 'POST', url: '/api/v1/users', payload: { email: 'inv.made@agency.test', displayName: 'X', roles: ['admin'] } }), 403, 'forbidden');
    const before = await snapshot(userA.id);
    for (const action of ['disable', 'reset-mfa', 'reset-password'])
      expectError(await inv({ method: 'POST', url: `/api/v1/users/${userA.id}/${action}` }), 403, 'forbidden');
    expectError(await inv({ method: 'PUT', url: `/api/v1/users/${userA.id}/roles`, payload: { roles: ['admin'] } }), 403, 'forbidden');
    expect(await snapshot(userA.id)).toEqual(before);
    expectError(await inv({ method: 'GET', url: '/api/v1/audit' }), 403, 'forbidden');
  });

  it('an auditor reads and verifies the audit log but cannot manage (or list) users', async () => {
    const aud = as(ctx, cookies.auditorA);
    expect((await aud({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(200);
    expect((await aud({ method: 'GET', url: '/api/v1/audit/verify' })).json()).toMatchObject({ ok: true });
    expect((await aud({ method: 'GET', url: '/api/v1/audit/export?format=csv' })).statusCode).toBe(200);
    const before = await snapshot(userA.id);
    expectError(await aud({ method: 'POST', url: `/api/v1/users/${userA.id}/disable` }), 403, 'forbidden');
    expectError(await aud({ method: 'POST', url: '/api/v1/users', payload: { email: 'aud.made@agency.test', displayName: 'X', roles: ['auditor'] } }), 403, 'forbidden');
    expectError(await aud({ method: 'GET', url: '/api/v1/users' }), 403, 'forbidden');
    expect(await snapshot(userA.id)).toEqual(before);
  });

  it('a coordinator can read users but not manage them', async () => {
    const coord = as(ctx, cookies.coordinatorA);
    expect((await coord({ method: 'GET', url: `/api/v1/users/${userA.id}` })).statusCode).toBe(200);
    expectError(await coord({ method: 'POST', url: `/api/v1/users/${userA.id}/disable` }), 403, 'forbidden');
  });

  it('each role holds exactly the permissions of the table in domain/roles.ts', async () => {
    // A directory entry whose replacement by the same values changes nothing (no write, no audit).
    const created = await asOperator(ctx)({
      method: 'POST', url: '/api/v1/directory/authorities',
      payload: { country: 'NL', kind: 'contact_point_24_7', name: 'Probe point (fictitious)', availability: '24/7', timeZone: 'Europe/Amsterdam', channels: [{ type: 'email', value: 'probe@example.org' }], languages: ['en'], fictitious: true },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id: authorityId, updatedAt: _at, ...authority } = created.json() as Record<string, unknown>;
    // One harmless request per permission (enable of an enabled user changes nothing).
    const probes: Record<Permission, InjectOptions> = {
      'user.read': { method: 'GET', url: `/api/v1/users/${userA.id}` },
      'user.manage': { method: 'POST', url: `/api/v1/users/${userA.id}/enable` },
      'audit.read': { method: 'GET', url: '/api/v1/audit?limit=1' },
      'audit.export': { method: 'GET', url: '/api/v1/audit/export?format=json&action=none' },
      'organisation.read': { method: 'GET', url: '/api/v1/organisations' },
      'directory.read': { method: 'GET', url: '/api/v1/directory/authorities?limit=1' },
      'directory.manage': { method: 'PUT', url: `/api/v1/directory/authorities/${String(authorityId)}`, payload: authority },
      'case.read': { method: 'GET', url: '/api/v1/cases?limit=1' },
      'case.write': { method: 'POST', url: '/api/v1/cases', payload: { title: 'Permission probe' } },
      'training.read': { method: 'GET', url: '/api/v1/training?limit=1' },
      'training.manage': { method: 'POST', url: '/api/v1/training', payload: { title: 'Permission probe', provider: 'Probe academy (fictitious)', audiences: ['law_enforcement'], topics: ['osint'], languages: ['en'], format: 'self_paced', level: 'introductory' } },
      'event.manage': { method: 'GET', url: '/api/v1/events?limit=1' },
    };
    const success = (p: Permission) => (p === 'case.write' || p === 'training.manage' ? 201 : 200);
    const expected: string[] = [];
    const actual: string[] = [];
    for (const role of ROLES) {
      const cookie = await signIn(ctx, await createUser(ctx, { organisationId: orgA, roles: [role] }));
      for (const [permission, request] of Object.entries(probes) as [Permission, InjectOptions][]) {
        expected.push(`${role} ${permission} ${PERMISSION_ROLES[permission].includes(role) ? success(permission) : 403}`);
        actual.push(`${role} ${permission} ${(await as(ctx, cookie)(request)).statusCode}`);
      }
    }
    expect(actual).toEqual(expected);
    expect(expected.filter((l) => !l.endsWith('403')).length).toBeGreaterThan(ROLES.length); // not all refused
  });
});
