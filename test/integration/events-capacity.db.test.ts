/**
 * Capacity under concurrency (issue 5 acceptance): 1,000 verified sign-ups arriving at once for a
 * 300-seat webinar give exactly 300 confirmed and 700 waiting, every answer 2xx — on PGlite and
 * on PostgreSQL. Then 100 confirmed participants cancel at once: their seats go, in waiting-list
 * order, to the first 100 waiting, and the seat count never passes the capacity. The database
 * refuses an overbooked event row whatever the code does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventView, RegistrationLinkView } from '../../domain/events.ts';
import { randomSecret, sha256Hex } from '../../server/modules/auth/crypto.ts';
import { createOrganisation, createTestContext, createUser, type TestContext } from '../support/context.ts';
import { publicPath, publishedEvent, tokenClient, webinar } from '../support/events.ts';

const SIGN_UPS = 1000;
const CAPACITY = 300;

let ctx: TestContext;
let event: EventView;
const verifyTokens: string[] = [];
const manageTokens: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ LIAISON_EVENT_LINK_RATE_LIMIT: '100000', LIAISON_PUBLIC_URL: 'https://liaison.example.org' });
  const org = (await createOrganisation(ctx, 'Capacity Training Centre (fictitious)', 'NL')).id;
  const trainer = await tokenClient(ctx, await createUser(ctx, { organisationId: org, roles: ['trainer'] }));
  event = await publishedEvent(trainer, webinar('2026-04-15T12:00:00Z', '2026-03-01T00:00:00Z', { capacity: CAPACITY }));

  // 1,000 registrations waiting for their e-mail to be verified, with known link tokens (set up
  // in bulk: the verifications below are what this test is about).
  const ids: string[] = [];
  const emails = Array.from({ length: SIGN_UPS }, (_, i) => `person${i}@agency${i % 40}.example.org`);
  const { rows } = await ctx.deps.db.query<{ id: string }>(
    `INSERT INTO event_registrations (event_id, status, source, name, organisation, email, country, role, language, consent_at, created_at)
     SELECT $1, 'pending_email', 'public', 'Participant ' || n, 'Agency (fictitious)', e, 'NL', 'law_enforcement', 'en', $3, $3
       FROM unnest($2::text[]) WITH ORDINALITY AS t(e, n) ORDER BY n RETURNING id`,
    [event.id, emails, ctx.clock.now()],
  );
  ids.push(...rows.map((r) => r.id));
  for (let i = 0; i < SIGN_UPS; i++) {
    verifyTokens.push(randomSecret(32));
    manageTokens.push(randomSecret(32));
  }
  await ctx.deps.db.query(
    `INSERT INTO event_registration_tokens (token_hash, registration_id, purpose, created_at, expires_at)
     SELECT h, r, p, $4, NULL FROM unnest($1::text[], $2::uuid[], $3::text[]) AS t(h, r, p)`,
    [
      [...verifyTokens.map(sha256Hex), ...manageTokens.map(sha256Hex)],
      [...ids, ...ids],
      [...ids.map(() => 'verify'), ...ids.map(() => 'manage')],
      ctx.clock.now(),
    ],
  );
}, 120_000);
afterAll(() => ctx.close());

const counts = async () =>
  Object.fromEntries((await ctx.deps.db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM event_registrations WHERE event_id = $1 GROUP BY 1', [event.id],
  )).rows.map((r) => [r.status, r.n]));
const seatsTaken = async () => (await ctx.deps.db.query<{ seats_taken: number }>('SELECT seats_taken FROM events WHERE id = $1', [event.id])).rows[0]!.seats_taken;

describe(`${SIGN_UPS} simultaneous verifications for ${CAPACITY} seats`, () => {
  it(`confirm exactly ${CAPACITY}, put ${SIGN_UPS - CAPACITY} on the waiting list, and answer every request 2xx`, async () => {
    const started = performance.now();
    const responses = await Promise.all(verifyTokens.map((token, i) =>
      ctx.app.inject({ method: 'POST', url: publicPath(event.slug, 'verify'), payload: { token }, remoteAddress: `198.51.100.${i % 250}` }),
    ));
    const elapsed = performance.now() - started;
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s < 200 || s >= 300), responses.find((r) => r.statusCode >= 300)?.body).toEqual([]);
    const answered = responses.map((r) => (r.json() as RegistrationLinkView).status);
    expect(answered.filter((s) => s === 'confirmed')).toHaveLength(CAPACITY);
    expect(answered.filter((s) => s === 'waiting')).toHaveLength(SIGN_UPS - CAPACITY);
    expect(await counts()).toEqual({ confirmed: CAPACITY, waiting: SIGN_UPS - CAPACITY });
    expect(await seatsTaken()).toBe(CAPACITY);
    // Every verification recorded its e-mail and its audit event.
    const messages = (await ctx.deps.db.query<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM event_messages WHERE event_id = $1 GROUP BY 1 ORDER BY 1', [event.id])).rows;
    expect(messages).toEqual([{ kind: 'confirmation', n: CAPACITY }, { kind: 'waiting_list', n: SIGN_UPS - CAPACITY }]);
    const audits = (await ctx.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'event.registration.verify'")).rows[0]!.n;
    expect(audits).toBe(SIGN_UPS);
    console.log(`[${ctx.deps.db.kind}] ${SIGN_UPS} concurrent verifications: ${Math.round(elapsed)} ms (${(elapsed / SIGN_UPS).toFixed(1)} ms each)`);
  }, 180_000);

  it('100 simultaneous cancellations hand their seats to the first 100 on the waiting list, in order', async () => {
    const confirmed = (await ctx.deps.db.query<{ id: string }>("SELECT id FROM event_registrations WHERE event_id = $1 AND status = 'confirmed' ORDER BY random() LIMIT 100", [event.id])).rows.map((r) => r.id);
    const firstWaiting = (await ctx.deps.db.query<{ id: string }>("SELECT id FROM event_registrations WHERE event_id = $1 AND status = 'waiting' ORDER BY verified_at, seq LIMIT 100", [event.id])).rows.map((r) => r.id).sort();
    // The tokens set up above (each e-mail since has minted its own as well).
    const byHash = new Map(manageTokens.map((t) => [sha256Hex(t), t]));
    const tokenOf = new Map((await ctx.deps.db.query<{ registration_id: string; token_hash: string }>("SELECT registration_id, token_hash FROM event_registration_tokens WHERE purpose = 'manage'")).rows
      .filter((r) => byHash.has(r.token_hash)).map((r) => [r.registration_id, r.token_hash]));
    const responses = await Promise.all(confirmed.map((id) =>
      ctx.app.inject({ method: 'POST', url: publicPath(event.slug, 'cancel'), payload: { token: byHash.get(tokenOf.get(id)!)! } }),
    ));
    expect(responses.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
    expect(await counts()).toEqual({ confirmed: CAPACITY - 100, offered: 100, cancelled: 100, waiting: SIGN_UPS - CAPACITY - 100 });
    expect(await seatsTaken()).toBe(CAPACITY);
    const offered = (await ctx.deps.db.query<{ id: string }>("SELECT id FROM event_registrations WHERE event_id = $1 AND status = 'offered' ORDER BY id", [event.id])).rows.map((r) => r.id).sort();
    expect(offered).toEqual(firstWaiting);
  }, 120_000);

  it('the database refuses more seats taken than the capacity, whatever the code does', async () => {
    await expect(ctx.deps.db.query('UPDATE events SET seats_taken = capacity + 1 WHERE id = $1', [event.id])).rejects.toThrow(/events_seats_within_capacity/);
    await expect(ctx.deps.db.query('UPDATE events SET capacity = 10 WHERE id = $1', [event.id])).rejects.toThrow(/events_seats_within_capacity/);
  });
});
