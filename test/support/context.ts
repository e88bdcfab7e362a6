/**
 * An in-process Liaison for integration tests: a real database (PGlite or PostgreSQL), a fake
 * clock, in-memory keys, and factories for organisations and users.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { FakeClock } from '../../server/adapters/clock.ts';
import { memoryKeyStore } from '../../server/adapters/keys.ts';
import { loadConfig } from '../../server/config.ts';
import type { Deps } from '../../server/deps.ts';
import { hashPassword } from '../../server/modules/auth/passwords.ts';
import { sealSecret } from '../../server/modules/auth/seal.ts';
import { generateTotpSecret, totpCode } from '../../server/modules/auth/totp.ts';
import { insertOrganisation } from '../../server/modules/organisations/organisations.store.ts';
import { insertUser, updateUser } from '../../server/modules/users/users.store.ts';
import type { Role } from '../../domain/roles.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';

export const OPERATOR_TOKEN = 'operator-token-for-tests-only';

export interface TestContext {
  app: FastifyInstance;
  deps: Deps;
  clock: FakeClock;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestContextOptions {
  /** A directory holding a built web app (index.html); by default there is none. */
  webDir?: string;
  /** Runs after the app is built and before ready(): a test can add its own routes here. */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}

export async function createTestContext(env: Record<string, string> = {}, options: TestContextOptions = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const clock = new FakeClock('2026-03-02T08:00:00.000Z');
  const config = loadConfig({ LIAISON_LOG_LEVEL: 'silent', LIAISON_DATA_DIR: '.tmp/unused', LIAISON_LOGIN_RATE_LIMIT: '100000', ...env });
  const deps: Deps = { db: database.db, clock, config, keys: memoryKeyStore() };
  const app = await buildApp(deps, { logger: false, operatorToken: OPERATOR_TOKEN, webDir: options.webDir ?? '.tmp/no-web' });
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    deps,
    clock,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface TestUser {
  id: string;
  organisationId: string;
  email: string;
  password: string;
  totpSecret: string | null;
}

let counter = 0;

export async function createOrganisation(ctx: TestContext, name = `Agency ${++counter} (fictitious)`, country = 'NL') {
  return insertOrganisation(ctx.deps.db, { name, country, createdAt: ctx.clock.now() });
}

/** A user straight in the database: known password, optionally MFA enrolled and password set. */
export async function createUser(
  ctx: TestContext,
  options: { organisationId: string; roles?: Role[]; email?: string; mfa?: boolean; password?: string },
): Promise<TestUser> {
  const password = options.password ?? `correct horse battery ${++counter}`;
  const email = options.email ?? `user${++counter}@agency.test`;
  const row = await insertUser(ctx.deps.db, {
    organisationId: options.organisationId,
    email,
    displayName: email.split('@')[0]!,
    roles: options.roles ?? ['investigator'],
    passwordHash: await hashPassword(password),
    createdAt: ctx.clock.now(),
  });
  const totpSecret = options.mfa === false ? null : generateTotpSecret();
  await updateUser(ctx.deps.db, row.id, { must_change_password: options.mfa === false, totp_secret: totpSecret && sealSecret(ctx.deps.keys, totpSecret) });
  return { id: row.id, organisationId: options.organisationId, email, password, totpSecret };
}

/** The current TOTP code; moves the clock on 30 s first so no code is reused across calls. */
export function nextCode(ctx: TestContext, secret: string): string {
  ctx.clock.advance(30_000);
  return totpCode(secret, ctx.clock.now());
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'liaison_session');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode} ${res.body}`);
  return `liaison_session=${c.value}`;
}

/** The first sign-in step only (e-mail and password): a half signed-in session's cookie. */
export async function halfSignIn(ctx: TestContext, user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password, acknowledgeBanner: true } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  return cookieOf(login);
}

/** Signs in with password and TOTP; returns the session cookie header value. */
export async function signIn(ctx: TestContext, user: TestUser): Promise<string> {
  const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password, acknowledgeBanner: true } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const partial = cookieOf(login);
  if (!user.totpSecret) return partial;
  const verify = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers: { cookie: partial }, payload: { code: nextCode(ctx, user.totpSecret) } });
  if (verify.statusCode !== 200) throw new Error(`mfa failed: ${verify.body}`);
  return cookieOf(verify);
}

/** inject() with a session cookie. */
export function as(ctx: TestContext, cookie: string) {
  return (opts: InjectOptions) => ctx.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
}

export function asOperator(ctx: TestContext) {
  return (opts: InjectOptions) =>
    ctx.app.inject({ ...opts, remoteAddress: '127.0.0.1', headers: { ...(opts.headers ?? {}), authorization: `Bearer ${OPERATOR_TOKEN}` } });
}
