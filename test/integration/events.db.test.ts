/**
 * Webinar registration end to end through HTTP, with a real SMTP server capturing the e-mails and
 * the test following their links: capacity 3, four register and verify (three confirmed, one
 * waiting), one cancels by link, the waiting one is offered the seat and accepts; an offer that
 * is not answered passes on; the day-before reminder reaches the confirmed participants only,
 * with the connection instructions; the .ics parses; personal links expire a day after the end;
 * public steps are audited without the visitor's address. A draft cannot be cancelled (nor ever
 * shown to the public). Then permissions: a non-trainer gets 403, another organisation's trainer 404.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventView, PublicEvent, Registration, RegistrationLinkView } from '../../domain/events.ts';
import { JOBS } from '../../server/jobs/jobs.ts';
import { verifyAudit } from '../../server/modules/audit/audit.service.ts';
import { randomSecret } from '../../server/modules/auth/crypto.ts';
import { createOrganisation, createTestContext, createUser, type TestContext } from '../support/context.ts';
import { CONNECTION, RULES, linkIn, publicPath, registrant, tokenClient, webinar, type Client } from '../support/events.ts';
import { expectError } from '../support/http.ts';
import { startSmtp, type TestSmtp } from '../support/mail.ts';

let ctx: TestContext;
let smtp: TestSmtp;
let trainer: Client;
let otherTrainer: Client;
let investigator: Client;
let event: EventView;

const START = '2026-03-20T13:00:00.000Z'; // 14:00 in Paris
const job = JOBS.find((j) => j.name === 'event-mail')!;
const people = ['ana@police.example.org', 'ben@police.example.org', 'chloe@justice.example.org', 'dario@police.example.org'];
const [ana, ben, chloe, dario] = people as [string, string, string, string];

/** A visitor of the public pages, from its own address. */
const visitor = (ip: string): Client => (opts) => ctx.app.inject({ ...opts, remoteAddress: ip, headers: { ...(opts.headers ?? {}), 'user-agent': 'events-test-browser' } });
const publicUser = visitor('203.0.113.7');

async function registrations(): Promise<Registration[]> {
  const res = await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations?limit=100` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Registration[] }).items;
}
const statusOf = async (email: string) => (await registrations()).find((r) => r.email === email)?.status;
const last = (email: string) => smtp.to(email).at(-1)!;

beforeAll(async () => {
  smtp = await startSmtp();
  ctx = await createTestContext({
    LIAISON_SMTP_URL: smtp.url, LIAISON_PUBLIC_URL: 'https://liaison.example.org', LIAISON_EVENT_IP_RATE_LIMIT: '1000', LIAISON_EVENT_LINK_RATE_LIMIT: '1000',
  });
  const orgA = (await createOrganisation(ctx, 'Training Centre A (fictitious)', 'FR')).id;
  const orgB = (await createOrganisation(ctx, 'Training Centre B (fictitious)', 'BE')).id;
  trainer = await tokenClient(ctx, await createUser(ctx, { organisationId: orgA, roles: ['trainer'] }));
  otherTrainer = await tokenClient(ctx, await createUser(ctx, { organisationId: orgB, roles: ['trainer'] }));
  investigator = await tokenClient(ctx, await createUser(ctx, { organisationId: orgA, roles: ['investigator'] }));
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

describe('a webinar with capacity 3', () => {
  it('is created as a draft, invisible to the public until published; the public page hides private fields', async () => {
    const created = await trainer({ method: 'POST', url: '/api/v1/events', payload: webinar(START, '2026-03-01T00:00:00Z', { questions: [{ id: 'track', label: 'Track', kind: 'choice', options: ['Investigators', 'Prosecutors'], required: true }] }) });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json() as EventView;
    expect(draft).toMatchObject({ status: 'draft', capacity: 3, seatsTaken: 0, reminderOffsets: ['P1D'], offerWindowHours: 48, endsAt: '2026-03-20T14:30:00.000Z', registrationState: 'open' });
    expect(draft.publicUrl).toBe(`https://liaison.example.org/e/${draft.slug}`);
    expectError(await publicUser({ method: 'GET', url: `/api/v1/public/events/${draft.slug}` }), 404, 'not_found');

    const published = await trainer({ method: 'POST', url: `/api/v1/events/${draft.id}/publish` });
    expect(published.statusCode, published.body).toBe(200);
    event = published.json() as EventView;
    const page = await publicUser({ method: 'GET', url: `/api/v1/public/events/${event.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: event.title, timeZone: 'Europe/Paris', startsAt: START, full: false, seatsLeft: 3, registrationState: 'open' } satisfies Partial<PublicEvent>);
    expect(page.body).not.toContain('meet.example.org');
    expect(page.body).not.toContain('Chatham');
    expect(Object.keys(page.json() as object)).not.toEqual(expect.arrayContaining(['connectionInstructions']));
  });

  it('four register: each gets a verification e-mail, and nothing counts before the link is followed', async () => {
    for (const email of people) {
      const res = await publicUser({ method: 'POST', url: publicPath(event.slug, 'registrations'), payload: registrant(email, { answers: { track: 'Investigators' } }) });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toEqual({ status: 'check_mailbox', waitingList: false });
    }
    for (const email of people) {
      expect(smtp.to(email)).toHaveLength(1);
      const mail = last(email);
      expect(mail.subject).toBe(`Confirm your registration: ${event.title}`);
      expect(linkIn(mail, '/verify').url.pathname).toBe(`/e/${event.slug}/verify`);
      expect(mail.text).not.toContain(CONNECTION);
    }
    expect((await registrations()).map((r) => r.status)).toEqual(['pending_email', 'pending_email', 'pending_email', 'pending_email']);
    expect(((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}` })).json() as EventView).seatsTaken).toBe(0);
  });

  it('following the links: three confirmed (with the .ics and the connection instructions), the fourth waits', async () => {
    const views: RegistrationLinkView[] = [];
    for (const email of people) {
      const res = await publicUser({ method: 'POST', url: publicPath(event.slug, 'verify'), payload: { token: linkIn(smtp.to(email)[0]!, '/verify').token } });
      expect(res.statusCode, res.body).toBe(200);
      views.push(res.json() as RegistrationLinkView);
    }
    expect(views.map((v) => v.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waiting']);
    expect(views[3]).toMatchObject({ waitingPosition: 1, allowed: { cancel: true, acceptOffer: false, declineOffer: false } });
    for (const email of [ana, ben, chloe]) {
      const mail = last(email);
      expect(mail.subject).toBe(`Registration confirmed: ${event.title}`);
      expect(mail.text).toContain(CONNECTION);
      expect(mail.text).toContain(RULES);
      expect(mail.text).toContain('20 Mar 2026, 14:00 CET (UTC+01:00)');
      const ics = mail.attachments.find((a) => a.filename === 'event.ics')!;
      expect(ics.contentType).toMatch(/^text\/calendar/);
      const vevent = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.content)).getFirstSubcomponent('vevent')!);
      expect(vevent.uid).toBe(`event-${event.id}@liaison.example.org`);
      expect(vevent.summary).toBe(event.title);
      expect(vevent.startDate.toJSDate().toISOString()).toBe(START);
      expect(vevent.endDate.toJSDate().toISOString()).toBe('2026-03-20T14:30:00.000Z');
      expect(ics.content).toContain('DTSTART:20260320T130000Z');
      expect(ics.content.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    }
    const waiting = last(dario);
    expect(waiting.subject).toBe(`You are on the waiting list: ${event.title}`);
    expect(waiting.text).not.toContain(CONNECTION);
    expect(waiting.attachments).toEqual([]);
    expect(((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}` })).json() as EventView)).toMatchObject({ seatsTaken: 3, counts: { confirmed: 3, waiting: 1 } });
    const page = (await publicUser({ method: 'GET', url: `/api/v1/public/events/${event.slug}` })).json() as PublicEvent;
    expect(page).toMatchObject({ full: true, seatsLeft: 0 });
  });

  it('following a verification link again changes nothing and sends nothing', async () => {
    const before = smtp.inbox.length;
    const res = await publicUser({ method: 'POST', url: publicPath(event.slug, 'verify'), payload: { token: linkIn(smtp.to(ana)[0]!, '/verify').token } });
    expect(res.json()).toMatchObject({ status: 'confirmed' });
    expect(smtp.inbox.length).toBe(before);
  });

  it('one cancels by the link in the confirmation; the waiting one is offered the seat, accepts, and is confirmed', async () => {
    const cancelLink = linkIn(last(ben), '/registration', 'cancel');
    expect(cancelLink.url.pathname).toBe(`/e/${event.slug}/registration`);
    const status = await publicUser({ method: 'POST', url: publicPath(event.slug, 'registration'), payload: { token: cancelLink.token } });
    expect(status.json()).toMatchObject({ status: 'confirmed', allowed: { cancel: true } });
    const cancelled = await publicUser({ method: 'POST', url: publicPath(event.slug, 'cancel'), payload: { token: cancelLink.token } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', allowed: { cancel: false } });
    expect(last(ben).subject).toBe(`Registration cancelled: ${event.title}`);

    const offer = last(dario);
    expect(offer.subject).toBe(`A seat is free for you: ${event.title}`);
    expect(offer.text).toContain('Accept it before 4 Mar 2026');
    expect(await statusOf(dario)).toBe('offered');
    expect(((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}` })).json() as EventView).seatsTaken).toBe(3); // the offer holds the seat

    const accepted = await publicUser({ method: 'POST', url: publicPath(event.slug, 'offer/accept'), payload: { token: linkIn(offer, '/registration', 'accept').token } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'confirmed' });
    expect(last(dario).subject).toBe(`Registration confirmed: ${event.title}`);
    expect(last(dario).text).toContain(CONNECTION);
    // Accepting twice is harmless; declining an accepted offer is refused.
    expect((await publicUser({ method: 'POST', url: publicPath(event.slug, 'offer/accept'), payload: { token: linkIn(offer, '/registration', 'accept').token } })).json()).toMatchObject({ status: 'confirmed' });
    expectError(await publicUser({ method: 'POST', url: publicPath(event.slug, 'offer/decline'), payload: { token: linkIn(offer, '/registration', 'decline').token } }), 409, 'offer_expired');
  });

  it('a full event asks for consent to the waiting list; an unanswered offer passes on when it expires', async () => {
    const eve = 'eve@police.example.org';
    const finn = 'finn@police.example.org';
    const refused = await publicUser({ method: 'POST', url: publicPath(event.slug, 'registrations'), payload: registrant(eve, { answers: { track: 'Prosecutors' } }) });
    expectError(refused, 409, 'event_full');
    expect(smtp.to(eve)).toEqual([]);
    for (const email of [eve, finn]) {
      const res = await publicUser({ method: 'POST', url: publicPath(event.slug, 'registrations'), payload: registrant(email, { answers: { track: 'Prosecutors' }, joinWaitingList: true, language: 'fr' }) });
      expect(res.json()).toEqual({ status: 'check_mailbox', waitingList: true });
      ctx.clock.advance(1_000);
      const verified = await publicUser({ method: 'POST', url: publicPath(event.slug, 'verify'), payload: { token: linkIn(last(email), '/verify').token } });
      expect(verified.json()).toMatchObject({ status: 'waiting' });
    }
    expect(last(eve).subject).toBe(`Vous êtes sur la liste d’attente : ${event.title}`);
    // Chloe cancels: Eve (first verified) is offered the seat; Finn is now first in line.
    await publicUser({ method: 'POST', url: publicPath(event.slug, 'cancel'), payload: { token: linkIn(last(chloe), '/registration', 'cancel').token } });
    expect(last(eve).subject).toBe(`Une place est disponible pour vous : ${event.title}`);
    expect((await registrations()).find((r) => r.email === finn)).toMatchObject({ status: 'waiting', waitingPosition: 1 });

    ctx.clock.advance(47 * 3_600_000);
    expect(await job.run(ctx.deps)).toMatchObject({ offersExpired: 0 });
    ctx.clock.advance(2 * 3_600_000);
    expect(await job.run(ctx.deps)).toMatchObject({ offersExpired: 1 });
    expect(await statusOf(eve)).toBe('cancelled');
    expect(last(eve).text).toContain('n’a pas été acceptée à temps');
    expect(await statusOf(finn)).toBe('offered');
    expectError(await publicUser({ method: 'POST', url: publicPath(event.slug, 'offer/accept'), payload: { token: linkIn(smtp.to(eve).at(-2)!, '/registration', 'accept').token } }), 409, 'offer_expired');

    // Finn declines: nobody waits any more, so the seat is free again.
    const declined = await publicUser({ method: 'POST', url: publicPath(event.slug, 'offer/decline'), payload: { token: linkIn(last(finn), '/registration', 'decline').token } });
    expect(declined.json()).toMatchObject({ status: 'cancelled' });
    expect(((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}` })).json() as EventView).seatsTaken).toBe(2);
  });

  it('the organiser adds someone by hand: confirmed while a seat is free', async () => {
    const res = await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations`, payload: { ...registrant('gus@police.example.org'), answers: {} } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'confirmed', source: 'organiser' });
    expect(last('gus@police.example.org').subject).toBe(`Registration confirmed: ${event.title}`);
    const again = await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations`, payload: registrant('gus@police.example.org') });
    expectError(again, 409, 'conflict');
  });

  it('the day before, the reminder with connection instructions reaches the confirmed participants only, once', async () => {
    const confirmed = (await registrations()).filter((r) => r.status === 'confirmed').map((r) => r.email!).sort();
    expect(confirmed).toEqual([ana, dario, 'gus@police.example.org'].sort());
    ctx.clock.set('2026-03-19T12:00:00Z'); // 25 h before: not yet
    expect(await job.run(ctx.deps)).toMatchObject({ remindersQueued: 0 });
    const before = smtp.inbox.length;
    ctx.clock.set('2026-03-19T14:00:00Z'); // 23 h before
    expect(await job.run(ctx.deps)).toMatchObject({ remindersQueued: 3, sent: 3 });
    const reminders = smtp.inbox.slice(before);
    expect(reminders.flatMap((m) => m.to).sort()).toEqual(confirmed);
    for (const mail of reminders) {
      expect(mail.subject).toBe(`Reminder: ${event.title} starts in 1 day`);
      expect(mail.text).toContain(CONNECTION);
      expect(mail.text).toContain(RULES);
      expect(linkIn(mail, '/registration', 'cancel').token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(await job.run(ctx.deps)).toMatchObject({ remindersQueued: 0, sent: 0 });
    expect(smtp.inbox.length).toBe(before + 3);
  });

  it('after the event, the follow-up with the materials goes to the participants', async () => {
    const patched = await trainer({ method: 'PATCH', url: `/api/v1/events/${event.id}`, payload: { materials: [{ label: 'Slides', url: 'https://files.example.org/slides.pdf' }] } });
    expect(patched.statusCode, patched.body).toBe(200);
    ctx.clock.set('2026-03-20T15:00:00Z');
    expect(await job.run(ctx.deps)).toMatchObject({ followUpsQueued: 3 });
    expect(last(ana).subject).toBe(`Thank you for taking part: ${event.title}`);
    expect(last(ana).text).toContain('Slides: https://files.example.org/slides.pdf');
    expect(await job.run(ctx.deps)).toMatchObject({ followUpsQueued: 0 });
  });

  it('a personal link works until a day after the end, then answers 404 exactly like an unknown link', async () => {
    const reminder = smtp.to(ana).find((m) => m.subject.startsWith('Reminder'))!;
    const token = linkIn(reminder, '/registration', 'cancel').token;
    const read = () => publicUser({ method: 'POST', url: publicPath(event.slug, 'registration'), payload: { token } });
    expect((await read()).json()).toMatchObject({ status: 'confirmed' });
    ctx.clock.set('2026-03-21T14:29:59Z'); // the event ended at 14:30 the day before
    expect((await read()).statusCode).toBe(200);
    ctx.clock.set('2026-03-21T14:30:00Z');
    const expired = await read();
    expectError(expired, 404, 'not_found');
    const unknown = await publicUser({ method: 'POST', url: publicPath(event.slug, 'registration'), payload: { token: randomSecret(32) } });
    expect(expired.json()).toEqual(unknown.json());
    expectError(await publicUser({ method: 'POST', url: publicPath(event.slug, 'cancel'), payload: { token } }), 404, 'not_found');
  });

  it('every public step is audited as anonymous without the visitor’s address or browser (the log outlives retention), and without personal data; the chain verifies', async () => {
    const rows = (await ctx.deps.db.query<{ action: string; actor_label: string; ip: string | null; user_agent: string | null; organisation_id: string; details: Record<string, unknown> }>(
      "SELECT action, actor_label, ip, user_agent, organisation_id, details FROM audit_events WHERE action LIKE 'event.registration.%' ORDER BY seq",
    )).rows;
    const anonymous = rows.filter((r) => r.actor_label === 'anonymous');
    expect(new Set(anonymous.map((r) => r.action))).toEqual(new Set([
      'event.registration.create', 'event.registration.verify', 'event.registration.cancel', 'event.registration.offer',
      'event.registration.accept_offer', 'event.registration.decline_offer',
    ]));
    expect(new Set(anonymous.map((r) => r.ip))).toEqual(new Set([null]));
    expect(new Set(anonymous.map((r) => r.user_agent))).toEqual(new Set([null]));
    const stored = (await ctx.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE ip = '203.0.113.7' OR user_agent = 'events-test-browser'")).rows[0]!.n;
    expect(stored).toBe(0);
    expect(new Set(rows.map((r) => r.organisation_id))).toEqual(new Set([event.organisationId]));
    expect(JSON.stringify(rows.map((r) => r.details))).not.toMatch(/@|Participant |Ruritania/);
    expect(rows.find((r) => r.action === 'event.registration.offer_expired')?.actor_label).toBe('operator:events');
    expect((await verifyAudit(ctx.deps)).ok).toBe(true);
  });
});

describe('a draft', () => {
  it('cannot be cancelled (409: delete it instead), and an event never published is never shown to the public', async () => {
    const draft = (await trainer({ method: 'POST', url: '/api/v1/events', payload: webinar('2026-06-01T12:00:00Z', '2026-03-01T00:00:00Z') })).json() as EventView;
    const refused = await trainer({ method: 'POST', url: `/api/v1/events/${draft.id}/cancel`, payload: {} });
    expectError(refused, 409, 'conflict');
    expect((refused.json() as { error: { message: string } }).error.message).toMatch(/delete the draft/);
    expect(((await trainer({ method: 'GET', url: `/api/v1/events/${draft.id}` })).json() as EventView).status).toBe('draft');
    expectError(await publicUser({ method: 'GET', url: `/api/v1/public/events/${draft.slug}` }), 404, 'not_found');
    // A row cancelled without ever being published (written before this rule) stays hidden too.
    await ctx.deps.db.query("UPDATE events SET status = 'cancelled', cancelled_at = $2 WHERE id = $1", [draft.id, ctx.clock.now()]);
    expectError(await publicUser({ method: 'GET', url: `/api/v1/public/events/${draft.slug}` }), 404, 'not_found');
    expectError(await publicUser({ method: 'POST', url: publicPath(draft.slug, 'registrations'), payload: registrant('zoe@police.example.org') }), 404, 'not_found');
  });
});

describe('permissions', () => {
  it('a user without event.manage gets 403', async () => {
    expectError(await investigator({ method: 'GET', url: '/api/v1/events' }), 403, 'forbidden');
    expectError(await investigator({ method: 'POST', url: '/api/v1/events', payload: webinar(START, '2026-03-01T00:00:00Z') }), 403, 'forbidden');
    expectError(await investigator({ method: 'GET', url: `/api/v1/events/${event.id}/registrations` }), 403, 'forbidden');
  });

  it('another organisation’s trainer gets 404 for the event and everything under it, and does not see it listed', async () => {
    const before = await trainer({ method: 'GET', url: `/api/v1/events/${event.id}` });
    const urls = ['', '/registrations', '/statistics', '/participants', '/messages', '/export?format=csv'];
    for (const suffix of urls) expectError(await otherTrainer({ method: 'GET', url: `/api/v1/events/${event.id}${suffix}` }), 404, 'not_found');
    expectError(await otherTrainer({ method: 'PATCH', url: `/api/v1/events/${event.id}`, payload: { capacity: 100 } }), 404, 'not_found');
    expectError(await otherTrainer({ method: 'POST', url: `/api/v1/events/${event.id}/cancel`, payload: {} }), 404, 'not_found');
    expectError(await otherTrainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations`, payload: registrant('mole@example.org') }), 404, 'not_found');
    const someone = (await registrations())[0]!;
    expectError(await otherTrainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${someone.id}/reject`, payload: {} }), 404, 'not_found');
    expect(((await otherTrainer({ method: 'GET', url: '/api/v1/events' })).json() as { total: number }).total).toBe(0);
    expect((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}` })).json()).toEqual(before.json());
  });
});
