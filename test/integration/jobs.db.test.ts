/**
 * Background jobs: pg-boss runs in the application's own database (PGlite or PostgreSQL), and the
 * session-expiry job ends idle and expired sessions, each recorded in the audit log.
 */
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS, startJobs } from '../../server/jobs/jobs.ts';
import { randomSecret, sha256Hex } from '../../server/modules/auth/crypto.ts';
import { expireIdleSessions } from '../../server/modules/auth/auth.service.ts';
import { endSession, insertSession } from '../../server/modules/auth/sessions.store.ts';
import { as, createOrganisation, createTestContext, createUser, signIn, type TestContext } from '../support/context.ts';

let ctx: TestContext;
let org: string;

beforeAll(async () => {
  ctx = await createTestContext();
  org = (await createOrganisation(ctx)).id;
});
afterAll(() => ctx.close());

/** A logger that keeps what was logged at error level. */
function recordingLogger(errors: unknown[]): FastifyBaseLogger {
  const noop = () => undefined;
  const logger = {
    level: 'debug', fatal: noop, warn: noop, info: noop, debug: noop, trace: noop, silent: noop,
    error: (...args: unknown[]) => void errors.push(args),
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}

const until = async (what: string, check: () => Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('the job queue', () => {
  it('starts on the application database (creating its schema), runs a job, stops, and starts again', async () => {
    const errors: unknown[] = [];
    const jobs = await startJobs(ctx.deps, recordingLogger(errors));
    let stopped = false;
    try {
      const schema = await ctx.deps.db.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'pgboss'");
      expect(schema.rows).toHaveLength(1);
      const schedules = (await ctx.deps.db.query<{ name: string; cron: string }>('SELECT name, cron FROM pgboss.schedule ORDER BY name')).rows;
      expect(schedules).toEqual(JOBS.map((j) => ({ name: j.name, cron: j.cron })).sort((a, b) => a.name.localeCompare(b.name)));

      // A job sent now is picked up by its worker and does its work (here: a checkpoint).
      const before = (await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_checkpoints')).rows[0]!.n;
      await signIn(ctx, await createUser(ctx, { organisationId: org })); // at least one audit event to checkpoint
      const id = await jobs.boss.send('audit-checkpoint', {});
      expect(id).toBeTruthy();
      await until('the audit-checkpoint job', async () => (await jobs.boss.getJobById('audit-checkpoint', id!))?.state === 'completed');
      const after = (await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_checkpoints')).rows[0]!.n;
      expect(after).toBe(before + 1);

      await jobs.stop();
      stopped = true;
      expect(errors).toEqual([]);
    } finally {
      if (!stopped) await jobs.stop();
    }
    // Starting again over the existing schema works (a restart of the server).
    const again = await startJobs(ctx.deps, recordingLogger(errors));
    await again.stop();
    expect(errors).toEqual([]);
  });
});

describe('expireIdleSessions', () => {
  it('ends idle and absolutely expired sessions, leaves fresh and ended ones, and audits each ending once', async () => {
    const { sessionIdleMs, sessionAbsoluteMs } = ctx.deps.config;
    const now = ctx.clock.now().getTime();
    const user = await createUser(ctx, { organisationId: org });
    const open = async (label: string, createdAgo: number, lastSeenAgo: number) => {
      const token = randomSecret();
      const row = await insertSession(ctx.deps.db, {
        tokenHash: sha256Hex(token), userId: user.id, createdAt: new Date(now - createdAgo),
        absoluteExpiresAt: new Date(now - createdAgo + sessionAbsoluteMs), ip: null, userAgent: label,
      });
      await ctx.deps.db.query('UPDATE sessions SET last_seen_at = $2, mfa_verified = true WHERE id = $1', [row.id, new Date(now - lastSeenAgo)]);
      return { id: row.id, cookie: `liaison_session=${token}` };
    };
    const idle = await open('idle', 60 * 60_000, sessionIdleMs + 1);
    const idleExactly = await open('idle exactly', 60 * 60_000, sessionIdleMs);
    const expired = await open('expired', sessionAbsoluteMs, 60_000); // active, but 12 hours old
    const fresh = await open('fresh', 60 * 60_000, sessionIdleMs - 1);
    const young = await open('young', 0, 0);
    const ended = await open('ended', 60 * 60_000, sessionIdleMs * 3);
    await endSession(ctx.deps.db, ended.id, 'logout', new Date(now - sessionIdleMs));

    const auditBefore = (await ctx.deps.db.query<{ n: number }>('SELECT max(seq)::int AS n FROM audit_events')).rows[0]!.n ?? 0;
    expect(await expireIdleSessions(ctx.deps)).toBe(3);

    const state = async (id: string) =>
      (await ctx.deps.db.query<{ ended_at: Date | null; end_reason: string | null }>('SELECT ended_at, end_reason FROM sessions WHERE id = $1', [id])).rows[0]!;
    expect(await state(idle.id)).toEqual({ ended_at: new Date(now), end_reason: 'idle_timeout' });
    expect(await state(idleExactly.id)).toEqual({ ended_at: new Date(now), end_reason: 'idle_timeout' });
    expect(await state(expired.id)).toEqual({ ended_at: new Date(now), end_reason: 'absolute_timeout' });
    expect(await state(fresh.id)).toEqual({ ended_at: null, end_reason: null });
    expect(await state(young.id)).toEqual({ ended_at: null, end_reason: null });
    expect(await state(ended.id)).toEqual({ ended_at: new Date(now - sessionIdleMs), end_reason: 'logout' });

    const events = (await ctx.deps.db.query<{ action: string; actor_label: string; actor_id: string | null; organisation_id: string | null; target_type: string; target_id: string; details: Record<string, unknown> }>(
      'SELECT action, actor_label, actor_id, organisation_id, target_type, target_id, details FROM audit_events WHERE seq > $1 ORDER BY seq', [auditBefore],
    )).rows;
    expect(events).toHaveLength(3);
    const expected = [
      [idle.id, 'idle_timeout'],
      [idleExactly.id, 'idle_timeout'],
      [expired.id, 'absolute_timeout'],
    ].map(([id, reason]) => ({
      action: 'session.end', actor_label: 'operator:job:expire-sessions', actor_id: null,
      organisation_id: org, // the user's organisation, so its auditors see it
      target_type: 'session', target_id: id, details: { reason, userId: user.id },
    }));
    expect(events).toEqual(expect.arrayContaining(expected));

    // The ended sessions no longer work, and using them records no second ending.
    expect((await as(ctx, idle.cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await as(ctx, fresh.cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    // Running again finds nothing more to do.
    expect(await expireIdleSessions(ctx.deps)).toBe(0);
    const total = (await ctx.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE seq > $1 AND action = 'session.end'", [auditBefore])).rows[0]!.n;
    expect(total).toBe(3);
  });

  it('ends a signed-in session once the fake clock passes the idle limit', async () => {
    await ctx.deps.db.query("UPDATE sessions SET ended_at = $1, end_reason = 'earlier test' WHERE ended_at IS NULL", [ctx.clock.now()]);
    const user = await createUser(ctx, { organisationId: org });
    const cookie = await signIn(ctx, user);
    ctx.clock.advance(ctx.deps.config.sessionIdleMs - 60_000);
    expect(await expireIdleSessions(ctx.deps)).toBe(0);
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200); // activity
    ctx.clock.advance(ctx.deps.config.sessionIdleMs - 60_000);
    expect(await expireIdleSessions(ctx.deps)).toBe(0); // the activity reset the idle timer
    ctx.clock.advance(60_000);
    expect(await expireIdleSessions(ctx.deps)).toBe(1);
    expect((await as(ctx, cookie)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });
});
