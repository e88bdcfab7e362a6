/**
 * Property tests of the sign-in routes with malformed requests: arbitrary JSON, objects with the
 * right keys and wrong types, huge strings, deep nesting, invalid JSON text and wrong content
 * types. Whatever arrives, the answer is a 4xx in the one error shape (or 200 where the route
 * ignores its body), never a 5xx; sessions survive and the audit chain stays intact.
 *
 * Generators lean towards shapes that fail validation: a body that passes reaches argon2
 * (20-50 ms), so only a few percent do. Runs on PGlite and on PostgreSQL.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../domain/api.ts';
import { verifyAudit } from '../../server/modules/audit/audit.service.ts';
import { randomSecret, sha256Hex } from '../../server/modules/auth/crypto.ts';
import { insertSession } from '../../server/modules/auth/sessions.store.ts';
import { sealSecret } from '../../server/modules/auth/seal.ts';
import { generateTotpSecret, totpCode } from '../../server/modules/auth/totp.ts';
import { updateUser } from '../../server/modules/users/users.store.ts';
import { as, createOrganisation, createTestContext, createUser, halfSignIn, type TestContext, type TestUser } from '../support/context.ts';

const RUNS = 1000;
const MIB = 1_048_576;

let ctx: TestContext;
let loginTarget: TestUser; // valid-shaped logins sometimes name this account (wrong passwords)
const cookies = { changePassword: '', enrol: '', enable: '', verify: '' };
let excludedCodes: Set<string>; // the codes that would be accepted right now: never generated

beforeAll(async () => {
  ctx = await createTestContext();
  const org = (await createOrganisation(ctx)).id;
  loginTarget = await createUser(ctx, { organisationId: org });
  // Stage change_password: a first sign-in.
  cookies.changePassword = await halfSignIn(ctx, await createUser(ctx, { organisationId: org, mfa: false }));
  // Stage enrol_mfa, twice: one for setup, one (with a known pending key) for enable.
  const pending = generateTotpSecret();
  for (const which of ['enrol', 'enable'] as const) {
    const user = await createUser(ctx, { organisationId: org, mfa: false });
    await updateUser(ctx.deps.db, user.id, { must_change_password: false, ...(which === 'enable' ? { totp_pending_secret: sealSecret(ctx.deps.keys, pending) } : {}) });
    cookies[which] = await halfSignIn(ctx, user);
  }
  // Stage verify_mfa.
  const mfaUser = await createUser(ctx, { organisationId: org });
  cookies.verify = await halfSignIn(ctx, mfaUser);
  // The clock stands still during the fuzzing: exclude the codes valid now (±1 step) for both keys.
  const now = ctx.clock.now().getTime();
  excludedCodes = new Set(
    [pending, mfaUser.totpSecret!].flatMap((secret) => [-30_000, 0, 30_000].map((d) => totpCode(secret, new Date(now + d)))),
  );
});
afterAll(() => ctx.close());

// ------------------------------------------------------------------------- generators

interface RawRequest {
  payload: string;
  contentType: string | undefined;
}

const scalar = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }), // lone surrogates, NUL and friends
);
/** Strings far beyond any field's limit; some beyond the 1 MiB body limit. */
const huge = fc
  .tuple(fc.constantFrom('a', 'é', '\u0000', '𝕏', '"', '\\', ' ', '<'), fc.integer({ min: 257, max: 300_000 }))
  .map(([c, n]) => c.repeat(n));
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 4 }) },
);
/** Objects with the route's own field names (and a few others) holding values of the wrong type. */
const wrongTypes = (fields: string[]) =>
  fc.dictionary(
    fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...fields) }, fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'prototype')),
    junk,
    { maxKeys: fields.length + 2 },
  );
/** Nesting thousands of levels deep (some beyond the body limit). */
const deep = fc
  .tuple(fc.integer({ min: 20, max: 250_000 }), fc.constantFrom<[string, string]>(['[', ']'], ['{"a":', '}'], ['[{"x":', '}]']))
  .map(([n, [open, close]]) => open.repeat(n) + '1' + close.repeat(n));
/** Text that is not JSON, or not quite. */
const invalidJson = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '', ' ', '{', '}', '[', '{"email":', '{"email": "a@b.test",}', "{'email':'a@b.test'}", 'NaN', 'undefined', 'Infinity',
    '\ufeff{}', '{"a":1}{"b":2}', '[1,]', '"unterminated', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}',
    '\u0000', 'nul', 'tru', '01', '{"password":"\\ud800"}', '{"email":"\\u0000@agency.test"}', '{"a":"\\x41"}', '{"a":1e999999}',
  ),
  fc.jsonValue().chain((v) => {
    const text = JSON.stringify(v) ?? 'null';
    return fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut)); // truncated
  }),
);
const otherContentType = fc.oneof(
  fc.constantFrom(
    'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz',
    'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/jsonx', 'image/png',
    'application/octet-stream', ';', 'application/json;;', 'APPLICATION/JSON', 'application/vnd.api+json', 'text/json', '"""',
  ),
  fc.stringMatching(/^[\x21-\x7e]{1,40}$/),
  fc.constant(undefined),
);

const json = (contentType: fc.Arbitrary<string | undefined> = fc.constant('application/json')) => (body: fc.Arbitrary<unknown>) =>
  fc.record({ payload: body.map((b) => JSON.stringify(b) ?? 'null'), contentType });

/**
 * Malformed requests for a route whose JSON body has `fields`; `valid` is a rare well-formed body.
 * `bodyless` routes ignore a body that parses (and answer 200, which costs a full request), so
 * their requests lean further towards text the parser refuses.
 */
function malformed(fields: string[], options: { valid?: fc.Arbitrary<Record<string, unknown>>; bodyless?: boolean } = {}): fc.Arbitrary<RawRequest> {
  const mostlyJson = fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, otherContentType);
  const parsed = options.bodyless ? 1 : 5;
  return fc.oneof(
    { weight: parsed + 1, arbitrary: json(mostlyJson)(wrongTypes(fields)) },
    { weight: parsed, arbitrary: json(mostlyJson)(junk) },
    { weight: options.bodyless ? 8 : 4, arbitrary: fc.record({ payload: invalidJson, contentType: fc.constant('application/json') }) },
    { weight: 1, arbitrary: fc.record({ payload: deep, contentType: fc.constant('application/json') }) },
    { weight: 3, arbitrary: fc.record({ payload: fc.oneof(invalidJson, junk.map((j) => JSON.stringify(j) ?? '')), contentType: otherContentType }) },
    { weight: 1, arbitrary: fc.record({ payload: fc.integer({ min: 1, max: 1000 }).map((n) => JSON.stringify({ pad: 'x'.repeat(MIB + n) })), contentType: fc.constant('application/json') }) },
    ...(options.valid ? [{ weight: 1, arbitrary: json()(options.valid) }] : []),
  );
}

const sixDigits = fc.stringMatching(/^\d{6}$/).filter((c) => !excludedCodes.has(c));
const email = fc.oneof(fc.emailAddress(), fc.constant('nobody@agency.test'), fc.constant('placeholder'));

// ---------------------------------------------------------------------------- the fuzzer

type Variant = 'anonymous' | 'session';
interface FuzzRoute {
  method: 'GET' | 'POST';
  url: string;
  requests: fc.Arbitrary<RawRequest>;
  /** Statuses allowed per variant; the session variant only for routes needing a partial session. */
  allowed: Partial<Record<Variant, number[]>>;
  /** The cookie for the session variant; called per run (logout ends the session it is given). */
  cookie?: () => Promise<string>;
}

/** A new half signed-in session straight in the database (no argon2): for logout, which ends it. */
async function freshPartialSession(): Promise<string> {
  const token = randomSecret();
  const now = ctx.clock.now();
  await insertSession(ctx.deps.db, {
    tokenHash: sha256Hex(token), userId: loginTarget.id, createdAt: now,
    absoluteExpiresAt: new Date(now.getTime() + ctx.deps.config.sessionAbsoluteMs), ip: null, userAgent: null,
  });
  return `liaison_session=${token}`;
}

function check(res: LightMyRequestResponse, allowed: number[], label: string): void {
  if (res.statusCode >= 500 || !allowed.includes(res.statusCode))
    throw new Error(`${label}: status ${res.statusCode} not in [${allowed.join(', ')}]: ${res.body.slice(0, 300)}`);
  if (res.statusCode >= 400) {
    const parsed = errorBodySchema.safeParse(JSON.parse(res.body));
    if (!parsed.success) throw new Error(`${label}: ${res.statusCode} body is not the error shape: ${res.body.slice(0, 300)}`);
    const { code, fields } = parsed.data.error;
    if (code === 'validation_failed' && fields.length === 0) throw new Error(`${label}: validation_failed without naming a field`);
    if (res.statusCode === 401 && !['unauthenticated', 'invalid_credentials'].includes(code)) throw new Error(`${label}: 401 ${code}`);
  }
}

async function fuzz(route: FuzzRoute): Promise<Record<Variant, Map<number, number>>> {
  const seen: Record<Variant, Map<number, number>> = { anonymous: new Map(), session: new Map() };
  await fc.assert(
    fc.asyncProperty(route.requests, async ({ payload, contentType }) => {
      for (const variant of Object.keys(route.allowed) as Variant[]) {
        const headers: Record<string, string> = { 'user-agent': 'fuzz' };
        if (contentType !== undefined) headers['content-type'] = contentType;
        if (variant === 'session') headers.cookie = await route.cookie!();
        const res = await ctx.app.inject({ method: route.method, url: route.url, payload, headers });
        check(res, route.allowed[variant]!, `${route.method} ${route.url} (${variant})`);
        seen[variant].set(res.statusCode, (seen[variant].get(res.statusCode) ?? 0) + 1);
      }
    }),
    { numRuns: RUNS },
  );
  return seen;
}

const seenStatuses = (m: Map<number, number>) => [...m.keys()].sort();
const REJECTED = [400, 413, 415];
const ANONYMOUS = [...REJECTED, 401];

describe('malformed requests to the sign-in routes', () => {
  it('POST /auth/login', async () => {
    const seen = await fuzz({
      method: 'POST', url: '/api/v1/auth/login',
      requests: malformed(['email', 'password', 'acknowledgeBanner'], { valid: fc.record({
        email: fc.oneof(email, fc.constant(loginTarget.email)),
        password: fc.string({ minLength: 1, maxLength: 64 }),
        acknowledgeBanner: fc.constant(true),
      }) }),
      allowed: { anonymous: ANONYMOUS },
    });
    // The generators reach every kind of refusal, including the password check itself.
    expect(seenStatuses(seen.anonymous)).toEqual([400, 401, 413, 415]);
  });

  it('GET /auth/banner ignores whatever body comes with it', async () => {
    const seen = await fuzz({ method: 'GET', url: '/api/v1/auth/banner', requests: malformed(['text'], { bodyless: true }), allowed: { anonymous: [200] } });
    expect(seen.anonymous.get(200)).toBe(RUNS);
  });

  it('POST /auth/password, anonymous and half signed-in', async () => {
    const seen = await fuzz({
      method: 'POST', url: '/api/v1/auth/password',
      requests: malformed(['currentPassword', 'newPassword'], { valid: fc.record({
        currentPassword: fc.string({ minLength: 1, maxLength: 64 }),
        newPassword: fc.string({ minLength: 12, maxLength: 64 }),
      }) }),
      allowed: { anonymous: ANONYMOUS, session: REJECTED },
      cookie: async () => cookies.changePassword,
    });
    expect(seenStatuses(seen.session)).toEqual(REJECTED);
    expect(seenStatuses(seen.anonymous)).toEqual(ANONYMOUS.sort());
  });

  it('POST /auth/mfa/totp/setup (no body expected), anonymous and half signed-in', async () => {
    const seen = await fuzz({
      method: 'POST', url: '/api/v1/auth/mfa/totp/setup',
      requests: malformed(['code'], { bodyless: true }),
      allowed: { anonymous: ANONYMOUS, session: [200, ...REJECTED] },
      cookie: async () => cookies.enrol,
    });
    expect(seenStatuses(seen.session)).toEqual([200, ...REJECTED]);
  });

  it('POST /auth/mfa/totp/enable, anonymous and half signed-in', async () => {
    const seen = await fuzz({
      method: 'POST', url: '/api/v1/auth/mfa/totp/enable',
      requests: malformed(['code'], { valid: fc.record({ code: sixDigits }) }),
      allowed: { anonymous: ANONYMOUS, session: REJECTED },
      cookie: async () => cookies.enable,
    });
    expect(seenStatuses(seen.session)).toEqual(REJECTED);
  });

  it('POST /auth/mfa/verify, anonymous and half signed-in', async () => {
    const seen = await fuzz({
      method: 'POST', url: '/api/v1/auth/mfa/verify',
      requests: malformed(['code', 'recoveryCode'], {
        valid: fc.oneof(fc.record({ code: sixDigits }), fc.record({ recoveryCode: fc.string({ minLength: 8, maxLength: 32 }) })),
      }),
      allowed: { anonymous: ANONYMOUS, session: REJECTED },
      cookie: async () => cookies.verify,
    });
    expect(seenStatuses(seen.session)).toEqual(REJECTED);
  });

  it('POST /auth/logout (no body expected), anonymous and with a fresh half session each time', async () => {
    const seen = await fuzz({
      method: 'POST', url: '/api/v1/auth/logout',
      requests: malformed(['everywhere'], { bodyless: true }),
      allowed: { anonymous: ANONYMOUS, session: [200, ...REJECTED] },
      cookie: freshPartialSession,
    });
    expect(seenStatuses(seen.session)).toEqual([200, ...REJECTED]);
  });
});

describe('after the fuzzing', () => {
  it('the app still answers, the half sessions still work, and the audit chain is intact', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const stages = { changePassword: 'change_password', enrol: 'enrol_mfa', enable: 'enrol_mfa', verify: 'verify_mfa' } as const;
    for (const [which, stage] of Object.entries(stages) as [keyof typeof cookies, string][]) {
      const me = await as(ctx, cookies[which])({ method: 'GET', url: '/api/v1/auth/me' });
      expect(me.statusCode, which).toBe(200);
      expect(me.json().stage).toBe(stage);
    }
    // Failed attempts were recorded (audit appends survived arbitrary input)...
    const failures = (await ctx.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE outcome = 'failure'")).rows[0]!.n;
    expect(failures).toBeGreaterThan(10);
    // ...and every stored event still matches its hash.
    expect(await verifyAudit(ctx.deps)).toMatchObject({ ok: true, firstBad: null });
  });
});
