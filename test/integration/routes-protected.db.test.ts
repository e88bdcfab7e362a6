/**
 * Every declared route is protected as declared: enumerated from apiRoutes() (the list the app
 * mounts and OpenAPI documents), so a route added later is covered without editing this file.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../server/app.ts';
import type { AnyRouteSpec } from '../../server/http/route.ts';
import { updateUser } from '../../server/modules/users/users.store.ts';
import { OPERATOR_TOKEN, as, createOrganisation, createTestContext, createUser, halfSignIn, type TestContext } from '../support/context.ts';
import { errorOf } from '../support/http.ts';

let ctx: TestContext;
let routes: AnyRouteSpec[];
/** Half signed-in sessions, one per unfinished sign-in step. */
const partial: Record<'verify_mfa' | 'change_password' | 'enrol_mfa', string> = { verify_mfa: '', change_password: '', enrol_mfa: '' };

beforeAll(async () => {
  ctx = await createTestContext();
  routes = apiRoutes(ctx.deps);
  const org = await createOrganisation(ctx);
  // An admin, so a refusal cannot come from missing permissions rather than the sign-in step.
  const withMfa = await createUser(ctx, { organisationId: org.id, roles: ['admin', 'auditor'] });
  partial.verify_mfa = await halfSignIn(ctx, withMfa);
  const firstLogin = await createUser(ctx, { organisationId: org.id, roles: ['admin'], mfa: false });
  partial.change_password = await halfSignIn(ctx, firstLogin);
  const notEnrolled = await createUser(ctx, { organisationId: org.id, roles: ['admin'], mfa: false });
  await updateUser(ctx.deps.db, notEnrolled.id, { must_change_password: false });
  partial.enrol_mfa = await halfSignIn(ctx, notEnrolled);
});
afterAll(() => ctx.close());

const key = (r: Pick<AnyRouteSpec, 'method' | 'url'>) => `${r.method} ${r.url}`;
/** The route's URL with a fresh random UUID for each `:param`. */
const concrete = (r: AnyRouteSpec) => r.url.replace(/:[A-Za-z]+/g, () => randomUUID());
const byAccess = (access: AnyRouteSpec['access']) => routes.filter((r) => r.access === access);

/** Calls every route in `list`; returns a line per route whose answer is not `status` + `code`. */
async function mismatches(list: AnyRouteSpec[], headers: Record<string, string>, status: number, code: string, remoteAddress?: string) {
  const wrong: string[] = [];
  for (const r of list) {
    const res = await ctx.app.inject({
      method: r.method,
      url: concrete(r),
      headers,
      ...(remoteAddress ? { remoteAddress } : {}),
      ...(r.body ? { payload: {} } : {}),
    });
    let got: string;
    try {
      got = `${res.statusCode} ${errorOf(res).code}`;
    } catch {
      got = `${res.statusCode} (not the error shape) ${res.body.slice(0, 80)}`;
    }
    if (got !== `${status} ${code}`) wrong.push(`${key(r)} → ${got}`);
  }
  return wrong;
}

describe('the route list', () => {
  it('enumerates every route, without duplicates, each mounted on the app', () => {
    // 14 auth/account + 12 users + 3 audit + 2 organisations + 1 system at the time of writing.
    expect(routes.length).toBeGreaterThanOrEqual(32);
    expect(byAccess('user').length).toBeGreaterThanOrEqual(24);
    expect(byAccess('partial').length).toBeGreaterThanOrEqual(6);
    expect(new Set(routes.map(key)).size).toBe(routes.length);
    const declared = new Map(routes.map((r) => [key(r), r.access]));
    expect(declared.get('POST /api/v1/auth/login')).toBe('public');
    expect(declared.get('GET /api/v1/auth/banner')).toBe('public');
    expect(declared.get('POST /api/v1/auth/mfa/verify')).toBe('partial');
    expect(declared.get('GET /api/v1/users')).toBe('user');
    expect(declared.get('PUT /api/v1/users/:id/roles')).toBe('user');
    expect(declared.get('GET /api/v1/audit/export')).toBe('user');
    expect(declared.get('GET /api/v1/system/backup')).toBe('user');
    // Only the login banner, the login itself, the calendar feed (behind its 256-bit secret
    // URL, rate-limited; tested in reminders.db.test.ts) and the public event registration pages
    // (rate-limited per IP and e-mail domain, link actions behind 256-bit tokens; tested in
    // events*.db.test.ts) are reachable without a session.
    expect(byAccess('public').map(key).sort()).toEqual([
      'GET /api/v1/auth/banner', 'GET /api/v1/calendar/:token', 'GET /api/v1/public/events/:slug', 'POST /api/v1/auth/login',
      'POST /api/v1/public/events/:slug/cancel', 'POST /api/v1/public/events/:slug/offer/accept', 'POST /api/v1/public/events/:slug/offer/decline',
      'POST /api/v1/public/events/:slug/registration', 'POST /api/v1/public/events/:slug/registrations', 'POST /api/v1/public/events/:slug/verify',
    ]);
    for (const r of routes) expect(ctx.app.hasRoute({ method: r.method, url: r.url }), key(r)).toBe(true);
  });
});

describe('without credentials', () => {
  it('every non-public route answers 401 unauthenticated with the error shape', async () => {
    const list = routes.filter((r) => r.access !== 'public');
    expect(await mismatches(list, {}, 401, 'unauthenticated')).toEqual([]);
  });

  it('a cookie that is not a session answers 401 on every non-public route', async () => {
    const list = routes.filter((r) => r.access !== 'public');
    expect(await mismatches(list, { cookie: 'liaison_session=not-a-session-token' }, 401, 'unauthenticated')).toEqual([]);
  });

  it('public routes answer without credentials', async () => {
    const banner = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/banner' });
    expect(banner.statusCode).toBe(200);
    expect(banner.json().text).toBe(ctx.deps.config.banner);
  });
});

describe('half signed-in (password accepted, sign-in not finished)', () => {
  for (const stage of ['verify_mfa', 'change_password', 'enrol_mfa'] as const) {
    it(`at step ${stage}, every user route answers 401 mfa_required`, async () => {
      // The session itself is valid: it can read where it stands.
      const me = await as(ctx, partial[stage])({ method: 'GET', url: '/api/v1/auth/me' });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ stage, permissions: [] });
      expect(await mismatches(byAccess('user'), { cookie: partial[stage] }, 401, 'mfa_required')).toEqual([]);
    });
  }
});

describe('bad bearer tokens', () => {
  it('an unknown API token answers 401 on every non-public route', async () => {
    const list = routes.filter((r) => r.access !== 'public');
    expect(await mismatches(list, { authorization: 'Bearer lia_abcdefgh_notARealTokenSecretAtAll' }, 401, 'unauthenticated')).toEqual([]);
    expect(await mismatches(list, { authorization: 'Bearer ' }, 401, 'unauthenticated')).toEqual([]);
  });

  it('a bearer token wins over a valid cookie, so a bad token is not rescued by the session', async () => {
    const list = byAccess('partial').filter((r) => r.url !== '/api/v1/auth/logout');
    expect(await mismatches(list, { authorization: 'Bearer nonsense', cookie: partial.verify_mfa }, 401, 'unauthenticated')).toEqual([]);
  });

  it('the operator token is refused from a non-loopback address', async () => {
    const list = byAccess('user');
    expect(await mismatches(list, { authorization: `Bearer ${OPERATOR_TOKEN}` }, 401, 'unauthenticated', '203.0.113.10')).toEqual([]);
    // Control: the same token from loopback is the operator.
    const ok = await ctx.app.inject({ method: 'GET', url: '/api/v1/organisations', remoteAddress: '127.0.0.1', headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(ok.statusCode).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 and lists every declared route and method with its access', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { 'x-access'?: string; security?: unknown[]; operationId?: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    const missing: string[] = [];
    const operationIds = new Set<string>();
    for (const r of routes) {
      const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      if (!op) {
        missing.push(key(r));
        continue;
      }
      expect(op['x-access'], key(r)).toBe(r.access);
      expect(op.security, key(r)).toEqual(r.access === 'public' ? [] : [{ session: [] }, { bearer: [] }]);
      operationIds.add(op.operationId!);
    }
    expect(missing).toEqual([]);
    expect(operationIds.size).toBe(routes.length); // unique operation ids
    const documented = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(documented).toBe(routes.length); // and nothing undeclared
  });

  it('/api/docs serves the interactive documentation as HTML', async () => {
    let res = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++)
      res = await ctx.app.inject({ method: 'GET', url: new URL(String(res.headers.location), 'http://localhost/api/docs').pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
  });
});
