/**
 * HTTP plumbing: security headers, the one error shape for 404/400/413/415/429/500, health,
 * readiness and metrics, and text the database cannot store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLogFields } from '../../server/app.ts';
import { as, asOperator, createOrganisation, createTestContext, createUser, halfSignIn, signIn, type TestContext, type TestUser } from '../support/context.ts';
import { errorOf, expectError, fieldPaths } from '../support/http.ts';

const SECRET_DETAIL = 'secret detail /srv/liaison/server/internal.ts password=hunter2';

let ctx: TestContext;
let webDir: string;
let user: TestUser;
let cookie: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html><head><title>Liaison</title></head><body><div id="root"></div></body></html>');
  ctx = await createTestContext({}, {
    webDir,
    beforeReady: (app) => {
      // A route that fails the way a bug would.
      app.get('/api/v1/test/explode', async () => {
        throw new TypeError(SECRET_DETAIL);
      });
    },
  });
  const org = (await createOrganisation(ctx)).id;
  user = await createUser(ctx, { organisationId: org, roles: ['admin', 'auditor'] });
  cookie = await signIn(ctx, user);
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

function expectSecurityHeaders(res: LightMyRequestResponse): void {
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers.server).toBeUndefined();
}

describe('security headers', () => {
  it('are on API answers, errors included', async () => {
    for (const res of [
      await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' }),
      await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/banner' }),
      await ctx.app.inject({ method: 'GET', url: '/api/v1/users' }), // 401
      await ctx.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' }), // 404
      await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' }),
    ]) {
      expect(res.statusCode).toBeLessThan(500);
      expectSecurityHeaders(res);
    }
  });

  it('are on HTML pages: the web app (and its client-side routes) and the API docs', async () => {
    for (const url of ['/', '/requests/123', '/api/docs/']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expectSecurityHeaders(res);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/requests/123' })).body).toContain('<div id="root">');
  });
});

describe('errors have the one shape', () => {
  it('an unknown API route answers 404, whatever the method, even with a web app present', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await ctx.app.inject({ method, url: '/api/v1/nothing/here?x=1' });
      expect(expectError(res, 404, 'not_found').message).toBe(`No route ${method} /api/v1/nothing/here`);
    }
    // Outside /api, only GET falls back to the web app.
    expectError(await ctx.app.inject({ method: 'POST', url: '/somewhere' }), 404, 'not_found');
  });

  it('an unknown route answers 404 JSON when there is no web app', async () => {
    const bare = await createTestContext();
    try {
      expectError(await bare.app.inject({ method: 'GET', url: '/' }), 404, 'not_found');
    } finally {
      await bare.close();
    }
  });

  it('invalid JSON answers 400 naming the body', async () => {
    for (const payload of ['{"email":', '{bad json}', '', '{"__proto__":{"admin":true}}']) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload });
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res), payload).toEqual(['body']);
    }
  });

  it('a body over 1 MiB answers 413; one just under is read', async () => {
    const over = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'x'.repeat(1_048_576) }) });
    expectError(over, 413, 'payload_too_large');
    const under = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'x'.repeat(1_048_000) }) });
    expectError(under, 400, 'validation_failed'); // read and validated
    expect(fieldPaths(under)).toContain('email');
  });

  it('a body that is not JSON answers 415', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<login/>' });
    expectError(res, 415, 'unsupported_media_type');
  });

  it('an unexpected error answers 500 internal_error without a stack trace or the error’s text', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/test/explode' });
    const error = expectError(res, 500, 'internal_error');
    expect(error.fields).toEqual([]);
    expect(res.body).not.toContain('secret detail');
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toMatch(/TypeError|\bat .*:\d+:\d+|\/srv\//);
    expect(Object.keys(res.json())).toEqual(['error']);
    // The app carries on.
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('text the database cannot store (NUL, unpaired surrogates) answers 400 naming the field, never 500', async () => {
    const admin = as(ctx, cookie);
    const cases: [Promise<LightMyRequestResponse>, string][] = [
      [admin({ method: 'GET', url: '/api/v1/users?email=a%00b' }), 'query.email'],
      [admin({ method: 'GET', url: '/api/v1/audit?action=user%00create' }), 'query.action'],
      [admin({ method: 'GET', url: '/api/v1/audit/export?format=csv&targetType=%00' }), 'query.targetType'],
      [admin({ method: 'POST', url: '/api/v1/account/tokens', payload: { name: 'script\u0000' } }), 'name'],
      [admin({ method: 'POST', url: '/api/v1/account/tokens', headers: { 'content-type': 'application/json' }, payload: '{"name":"a\\ud800b"}' }), 'name'],
      [admin({ method: 'POST', url: '/api/v1/users', payload: { email: 'nul@agency.test', displayName: 'Nul\u0000Byte', roles: ['investigator'] } }), 'displayName'],
      [asOperator(ctx)({ method: 'POST', url: '/api/v1/organisations', headers: { 'content-type': 'application/json' }, payload: '{"name":"Agency \\udc00","country":"NL"}' }), 'name'],
      [ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'pass\u0000word', acknowledgeBanner: true } }), 'password'],
    ];
    for (const [pending, field] of cases) {
      const res = await pending;
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res)).toEqual([field]);
    }
    // Nothing was written; well-formed surrogate pairs (emoji) are fine.
    expect((await ctx.deps.db.query("SELECT 1 FROM users WHERE email = 'nul@agency.test'")).rows).toEqual([]);
    const emoji = await admin({ method: 'POST', url: '/api/v1/account/tokens', payload: { name: 'deploy 🚀' } });
    expect(emoji.statusCode).toBe(201);
    expect(emoji.json().token.name).toBe('deploy 🚀');
  });
});

describe('health, readiness, metrics', () => {
  it('/healthz and /readyz answer', async () => {
    const health = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('/readyz answers 503 when the database is gone', async () => {
    const doomed = await createTestContext();
    await doomed.database.close();
    try {
      const res = await doomed.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable' });
      expect((await doomed.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200); // alive, not ready
    } finally {
      await doomed.app.close();
    }
  });

  it('/metrics is Prometheus text with request durations by route and status', async () => {
    await ctx.app.inject({ method: 'GET', url: '/healthz' });
    await ctx.app.inject({ method: 'GET', url: '/api/v1/users' }); // 401
    const res = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('# TYPE liaison_http_request_duration_seconds histogram');
    expect(res.body).toMatch(/liaison_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/);
    expect(res.body).toMatch(/liaison_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/users",status="401"\} [1-9]/);
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});

describe('request log', () => {
  it('records paths without their query (e-mail links carry tokens there)', () => {
    expect(requestLogFields({ method: 'GET', url: '/e/webinar/verify?token=secret-token', ip: '203.0.113.4' }))
      .toEqual({ method: 'GET', url: '/e/webinar/verify', remoteAddress: '203.0.113.4' });
  });
});

describe('rate limits', () => {
  it('the fourth login attempt in a minute from one address answers 429 when the limit is 3', async () => {
    const limited = await createTestContext({ LIAISON_LOGIN_RATE_LIMIT: '3' });
    try {
      const org = (await createOrganisation(limited)).id;
      const victim = await createUser(limited, { organisationId: org });
      const attempt = (remoteAddress: string) =>
        limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email: victim.email, password: 'wrong guess!', acknowledgeBanner: true } });
      for (let i = 0; i < 3; i++) expectError(await attempt('203.0.113.1'), 401, 'invalid_credentials');
      const refused = await attempt('203.0.113.1');
      const error = expectError(refused, 429, 'rate_limited');
      expect(error.message).toMatch(/try again in \d+ s/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Even the right password is refused now, before it is checked.
      const right = await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.1', payload: { email: victim.email, password: victim.password, acknowledgeBanner: true } });
      expectError(right, 429, 'rate_limited');
      // Another address is not affected.
      expectError(await attempt('203.0.113.2'), 401, 'invalid_credentials');
    } finally {
      await limited.close();
    }
  });

  it('behind a configured reverse proxy, limits count the forwarded client address; other senders are not believed', async () => {
    const proxied = await createTestContext({ LIAISON_LOGIN_RATE_LIMIT: '2', LIAISON_TRUST_PROXY: '10.0.0.5' });
    try {
      const org = (await createOrganisation(proxied)).id;
      const victim = await createUser(proxied, { organisationId: org });
      const attempt = (remoteAddress: string, forwardedFor: string) => proxied.app.inject({
        method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers: { 'x-forwarded-for': forwardedFor },
        payload: { email: victim.email, password: 'wrong guess!', acknowledgeBanner: true },
      });
      // Two clients behind the proxy: each has its own budget.
      for (let i = 0; i < 2; i++) expectError(await attempt('10.0.0.5', '198.51.100.1'), 401, 'invalid_credentials');
      expectError(await attempt('10.0.0.5', '198.51.100.1'), 429, 'rate_limited');
      expectError(await attempt('10.0.0.5', '198.51.100.2'), 401, 'invalid_credentials');
      // The audit records the client's address, not the proxy's.
      const { rows } = await proxied.deps.db.query<{ ip: string }>("SELECT ip FROM audit_events WHERE ip IS NOT NULL ORDER BY seq DESC LIMIT 1");
      expect(rows[0]?.ip).toBe('198.51.100.2');
      // A sender that is not the proxy cannot pick its address with the header.
      for (let i = 0; i < 2; i++) expectError(await attempt('203.0.113.9', `198.51.100.${10 + i}`), 401, 'invalid_credentials');
      expectError(await attempt('203.0.113.9', '198.51.100.99'), 429, 'rate_limited');
    } finally {
      await proxied.close();
    }
  });

  it('the second factor is rate limited too', async () => {
    const limited = await createTestContext({ LIAISON_LOGIN_RATE_LIMIT: '3' });
    try {
      const org = (await createOrganisation(limited)).id;
      const partial = await halfSignIn(limited, await createUser(limited, { organisationId: org }));
      const verify = () => as(limited, partial)({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload: { code: '000000' } });
      for (let i = 0; i < 3; i++) expectError(await verify(), 400, 'validation_failed');
      expect(errorOf(await verify()).code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
