/**
 * The public registration form against bad and hostile input: each refusal is a 4xx naming the
 * problem, and stores nothing (no registration, no e-mail, no audit event). Script tags are
 * stored and returned as the text they are; control characters are refused. The honeypot,
 * duplicate sign-ups, and the rate limits per e-mail domain (in the database) and per IP.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../domain/api.ts';
import type { EventView, Registration } from '../../domain/events.ts';
import { createOrganisation, createTestContext, createUser, type TestContext } from '../support/context.ts';
import { linkIn, publicPath, publishedEvent, registrant, tokenClient, webinar, type Client } from '../support/events.ts';
import { expectError, fieldPaths } from '../support/http.ts';
import { startSmtp, type TestSmtp } from '../support/mail.ts';

let ctx: TestContext;
let smtp: TestSmtp;
let trainer: Client;
let open: EventView;
let closed: EventView;
let notYet: EventView;
let cancelled: EventView;
let draft: EventView;

const form = (url: string, payload: unknown, ip = '192.0.2.10'): InjectOptions => ({ method: 'POST', url, payload: payload as InjectOptions['payload'], remoteAddress: ip });

/** Everything a registration attempt could leave behind. */
async function footprint() {
  const q = async (sql: string) => (await ctx.deps.db.query<{ n: number }>(sql)).rows[0]!.n;
  return {
    registrations: await q('SELECT count(*)::int AS n FROM event_registrations'),
    messages: await q('SELECT count(*)::int AS n FROM event_messages'),
    tokens: await q('SELECT count(*)::int AS n FROM event_registration_tokens'),
    audit: await q("SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'event.registration.%'"),
    mails: smtp.inbox.length,
  };
}

beforeAll(async () => {
  smtp = await startSmtp();
  ctx = await createTestContext({
    LIAISON_SMTP_URL: smtp.url, LIAISON_PUBLIC_URL: 'https://liaison.example.org',
    LIAISON_EVENT_IP_RATE_LIMIT: '1000', LIAISON_EVENT_DOMAIN_LIMIT: '5', LIAISON_EVENT_DOMAIN_WINDOW_MINUTES: '60',
  });
  const org = (await createOrganisation(ctx, 'Input Training Centre (fictitious)', 'FR')).id;
  trainer = await tokenClient(ctx, await createUser(ctx, { organisationId: org, roles: ['trainer'] }));
  // now = 2026-03-02T08:00Z (+ a few sign-in steps)
  const questions = [
    { id: 'track', label: 'Track', kind: 'choice' as const, options: ['Investigators', 'Prosecutors'], required: true },
    { id: 'topics', label: 'Topics', kind: 'choice' as const, options: ['OCSEA', 'MLA', 'E-evidence'], multiple: true },
    { id: 'recorded', label: 'I agree to be recorded', kind: 'checkbox' as const, required: true },
    { id: 'note', label: 'Anything else', kind: 'text' as const },
  ];
  open = await publishedEvent(trainer, webinar('2026-04-01T12:00:00Z', '2026-03-01T00:00:00Z', { questions, capacity: 50 }));
  closed = await publishedEvent(trainer, webinar('2026-04-01T12:00:00Z', '2026-03-01T00:00:00Z', { registrationClosesAt: '2026-03-02T07:00:00Z' }));
  notYet = await publishedEvent(trainer, webinar('2026-04-01T12:00:00Z', '2026-03-10T00:00:00Z'));
  cancelled = await publishedEvent(trainer, webinar('2026-04-01T12:00:00Z', '2026-03-01T00:00:00Z'));
  expect((await trainer({ method: 'POST', url: `/api/v1/events/${cancelled.id}/cancel`, payload: {} })).statusCode).toBe(200);
  draft = (await trainer({ method: 'POST', url: '/api/v1/events', payload: webinar('2026-04-01T12:00:00Z', '2026-03-01T00:00:00Z') })).json() as EventView;
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

const good = (email: string) => registrant(email, { answers: { track: 'Investigators', recorded: true } });
const long = (n: number) => 'x'.repeat(n);

describe('bad input gets a clear 4xx and stores nothing', () => {
  const cases: { name: string; slug?: () => string; payload: () => unknown; status: number; code: ErrorCode; fields?: string[] }[] = [
    { name: 'an oversized name', payload: () => ({ ...good('a@police.example.org'), name: long(201) }), status: 400, code: 'validation_failed', fields: ['name'] },
    { name: 'an oversized organisation', payload: () => ({ ...good('a@police.example.org'), organisation: long(201) }), status: 400, code: 'validation_failed', fields: ['organisation'] },
    { name: 'an oversized answer', payload: () => ({ ...good('a@police.example.org'), answers: { track: 'Investigators', recorded: true, note: long(2001) } }), status: 400, code: 'validation_failed', fields: ['answers.note'] },
    { name: 'an oversized e-mail', payload: () => ({ ...good(`${long(250)}@police.example.org`), name: 'Ana' }), status: 400, code: 'validation_failed', fields: ['email'] },
    { name: 'an oversized honeypot', payload: () => ({ ...good('a@police.example.org'), website: long(501) }), status: 400, code: 'validation_failed', fields: ['website'] },
    { name: 'an invalid e-mail', payload: () => good('not-an-address'), status: 400, code: 'validation_failed', fields: ['email'] },
    { name: 'an e-mail with a line break (header injection)', payload: () => good('a@police.example.org\r\nBcc: x@example.org'), status: 400, code: 'validation_failed', fields: ['email'] },
    { name: 'a control character in the name', payload: () => ({ ...good('a@police.example.org'), name: 'Ana\u0007 Bell' }), status: 400, code: 'validation_failed', fields: ['name'] },
    { name: 'a line break in the name', payload: () => ({ ...good('a@police.example.org'), name: 'Ana\nBcc: x' }), status: 400, code: 'validation_failed', fields: ['name'] },
    { name: 'a bidirectional override in the organisation', payload: () => ({ ...good('a@police.example.org'), organisation: 'Police \u202Eecilop' }), status: 400, code: 'validation_failed', fields: ['organisation'] },
    { name: 'a NUL character', payload: () => ({ ...good('a@police.example.org'), name: 'A\u0000B' }), status: 400, code: 'validation_failed', fields: ['name'] },
    { name: 'an unknown country', payload: () => ({ ...good('a@police.example.org'), country: 'ZZ' }), status: 400, code: 'validation_failed', fields: ['country'] },
    { name: 'an unknown role', payload: () => ({ ...good('a@police.example.org'), role: 'spy' }), status: 400, code: 'validation_failed', fields: ['role'] },
    { name: 'missing consent', payload: () => ({ ...good('a@police.example.org'), consent: false }), status: 400, code: 'validation_failed', fields: ['consent'] },
    { name: 'no consent field', payload: () => { const { consent: _c, ...rest } = good('a@police.example.org'); return rest; }, status: 400, code: 'validation_failed', fields: ['consent'] },
    { name: 'missing required fields', payload: () => ({ consent: true }), status: 400, code: 'validation_failed', fields: ['name', 'organisation', 'country', 'role', 'email'] },
    { name: 'a required question unanswered', payload: () => registrant('a@police.example.org', { answers: { recorded: true } }), status: 400, code: 'validation_failed', fields: ['answers.track'] },
    { name: 'a required checkbox not ticked', payload: () => registrant('a@police.example.org', { answers: { track: 'Investigators', recorded: false } }), status: 400, code: 'validation_failed', fields: ['answers.recorded'] },
    { name: 'a choice not among the options', payload: () => registrant('a@police.example.org', { answers: { track: 'Hackers', recorded: true } }), status: 400, code: 'validation_failed', fields: ['answers.track'] },
    { name: 'several choices for a single choice', payload: () => registrant('a@police.example.org', { answers: { track: ['Investigators', 'Prosecutors'], recorded: true } }), status: 400, code: 'validation_failed', fields: ['answers.track'] },
    { name: 'an answer to an unknown question', payload: () => registrant('a@police.example.org', { answers: { track: 'Investigators', recorded: true, salary: 'x' } }), status: 400, code: 'validation_failed', fields: ['answers.salary'] },
    { name: 'a body that is not JSON', payload: () => 'name=Ana', status: 400, code: 'validation_failed' },
    { name: 'an unknown event', slug: () => 'no-such-event', payload: () => good('a@police.example.org'), status: 404, code: 'not_found' },
    { name: 'a draft event', slug: () => draft.slug, payload: () => good('a@police.example.org'), status: 404, code: 'not_found' },
    { name: 'a malformed event address', slug: () => 'BAD..slug', payload: () => good('a@police.example.org'), status: 400, code: 'validation_failed', fields: ['params.slug'] },
    { name: 'closed registration', slug: () => closed.slug, payload: () => registrant('a@police.example.org'), status: 409, code: 'registration_closed' },
    { name: 'registration not yet open', slug: () => notYet.slug, payload: () => registrant('a@police.example.org'), status: 409, code: 'registration_not_open' },
    { name: 'a cancelled event', slug: () => cancelled.slug, payload: () => registrant('a@police.example.org'), status: 409, code: 'event_cancelled' },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const before = await footprint();
      const res = await ctx.app.inject({ ...form(publicPath(c.slug?.() ?? open.slug, 'registrations'), c.payload()), ...(typeof c.payload() === 'string' ? { headers: { 'content-type': 'application/json' } } : {}) });
      const error = expectError(res, c.status, c.code);
      expect(error.message.length).toBeGreaterThan(5);
      if (c.fields) expect(fieldPaths(res).sort()).toEqual([...c.fields].sort());
      expect(await footprint()).toEqual(before);
    });

  it('a bad verification or personal link is refused without changing anything', async () => {
    const before = await footprint();
    expectError(await ctx.app.inject(form(publicPath(open.slug, 'verify'), { token: 'short' })), 400, 'validation_failed');
    expectError(await ctx.app.inject(form(publicPath(open.slug, 'verify'), { token: 'A'.repeat(43) })), 404, 'not_found');
    expectError(await ctx.app.inject(form(publicPath(open.slug, 'cancel'), { token: 'A'.repeat(43) })), 404, 'not_found');
    expectError(await ctx.app.inject(form(publicPath(open.slug, 'offer/accept'), {})), 400, 'validation_failed');
    expect(await footprint()).toEqual(before);
  });
});

describe('hostile but valid text', () => {
  it('script tags and markup are stored and returned as the plain text they are', async () => {
    const name = '<script>alert("x")</script> O\'Brien & <b>Sons</b> {{link:verify}}';
    const res = await ctx.app.inject(form(publicPath(open.slug, 'registrations'), registrant('markup@police.example.org', { name, organisation: '<img src=x onerror=alert(1)>', answers: { track: 'Investigators', recorded: true, note: '<iframe src="javascript:alert(1)">\nsecond line' } })));
    expect(res.statusCode, res.body).toBe(202);
    const list = (await trainer({ method: 'GET', url: `/api/v1/events/${open.id}/registrations?q=markup` })).json() as { items: Registration[] };
    expect(list.items[0]).toMatchObject({ name, organisation: '<img src=x onerror=alert(1)>', answers: { note: '<iframe src="javascript:alert(1)">\nsecond line' } });
    // The API answers JSON only (never HTML), and the e-mail is plain text.
    const raw = await trainer({ method: 'GET', url: `/api/v1/events/${open.id}/registrations?q=markup` });
    expect(raw.headers['content-type']).toMatch(/^application\/json/);
    expect(smtp.to('markup@police.example.org')[0]!.headers['content-type']).toMatch(/^text\/plain/);
    expect(smtp.to('markup@police.example.org')[0]!.text).toContain(`Hello ${name},`);
    // Text that looks like a link placeholder stays text: only the real verification link is a link.
    expect([...smtp.to('markup@police.example.org')[0]!.text.matchAll(/https:\/\/liaison\.example\.org\/e\/[^\s]+\/verify\?token=/g)]).toHaveLength(1);
  });
});

describe('the honeypot and duplicates', () => {
  it('a filled honeypot gets the same answer as a person, and nothing is stored or sent', async () => {
    const before = await footprint();
    const res = await ctx.app.inject(form(publicPath(open.slug, 'registrations'), { ...good('bot@spam.example.org'), website: 'https://spam.example.org' }));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'check_mailbox', waitingList: false });
    expect(await footprint()).toEqual(before);
  });

  it('the same address twice: one registration, the same answer, the verification sent again with a fresh link', async () => {
    const email = 'twice@police.example.org';
    const first = await ctx.app.inject(form(publicPath(open.slug, 'registrations'), good(email)));
    const second = await ctx.app.inject(form(publicPath(open.slug, 'registrations'), { ...good(email), name: 'Someone Else', email: email.toUpperCase() }));
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    expect(second.json()).toEqual(first.json());
    const rows = (await ctx.deps.db.query<{ name: string }>('SELECT name FROM event_registrations WHERE email = $1', [email])).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe(`Participant twice`);
    const mails = smtp.to(email);
    expect(mails.map((m) => m.subject)).toEqual([`Confirm your registration: ${open.title}`, `Confirm your registration: ${open.title}`]);
    const [a, b] = mails.map((m) => linkIn(m, '/verify').token);
    expect(a).not.toBe(b);
    // Either link works; once verified, registering again sends the confirmation (not a new registration).
    expect((await ctx.app.inject(form(publicPath(open.slug, 'verify'), { token: a! }))).json()).toMatchObject({ status: 'confirmed' });
    await ctx.app.inject(form(publicPath(open.slug, 'registrations'), good(email)));
    expect(smtp.to(email).at(-1)!.subject).toBe(`Registration confirmed: ${open.title}`);
    const audit = (await ctx.deps.db.query<{ action: string }>("SELECT action FROM audit_events WHERE action = 'event.registration.resend' ORDER BY seq")).rows;
    expect(audit).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('per e-mail domain, counted in the database: the 6th sign-up within the hour is refused, other domains go on', async () => {
    const before = await footprint();
    for (let i = 0; i < 5; i++) expect((await ctx.app.inject(form(publicPath(open.slug, 'registrations'), good(`p${i}@burst.example.org`), `192.0.2.${100 + i}`))).statusCode).toBe(202);
    const refused = await ctx.app.inject(form(publicPath(open.slug, 'registrations'), good('p5@burst.example.org'), '192.0.2.200'));
    expectError(refused, 429, 'rate_limited');
    expect(refused.json().error.message).toContain('burst.example.org');
    expect((await footprint()).registrations).toBe(before.registrations + 5);
    expect((await ctx.app.inject(form(publicPath(open.slug, 'registrations'), good('p5@other.example.org')))).statusCode).toBe(202);
    // An hour later the domain may sign up again.
    ctx.clock.advance(61 * 60_000);
    expect((await ctx.app.inject(form(publicPath(open.slug, 'registrations'), good('p6@burst.example.org')))).statusCode).toBe(202);
  });

  it('per IP: the route limit answers 429 with the error shape', async () => {
    const limited = await createTestContext({ LIAISON_EVENT_IP_RATE_LIMIT: '2' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.app.inject(form(publicPath('any-event', 'registrations'), good(`ip${i}@example.org`), '198.51.100.1'))).statusCode);
      expect(statuses).toEqual([404, 404, 429]);
      expect((await limited.app.inject(form(publicPath('any-event', 'registrations'), good('x@example.org'), '198.51.100.2'))).statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});
