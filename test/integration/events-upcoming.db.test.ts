/**
 * Upcoming events for practitioners (GET /api/v1/events/upcoming): an investigator of another
 * organisation — no event.manage — finds the published events that have not started yet, soonest
 * first, with their public fields only; not drafts, not cancelled events, not past ones. Paging,
 * text and language filters, input errors naming the field, and no access without signing in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upcomingEventPageSchema, type EventView, type UpcomingEvent } from '../../domain/events.ts';
import { asOperator, createOrganisation, createTestContext, createUser, type TestContext } from '../support/context.ts';
import { CONNECTION, publishedEvent, RULES, tokenClient, webinar, type Client } from '../support/events.ts';
import { expectError, fieldPaths } from '../support/http.ts';

let ctx: TestContext;
let trainer: Client;
let investigator: Client;
/** Events by the day they start (March 2026; the test clock starts on 2 March, 08:00 UTC). */
const events: Record<string, EventView> = {};

const day = (d: number, hour = 12) => `2026-03-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const OPEN = '2026-03-01T00:00:00.000Z';

async function upcoming(api: Client, query = ''): Promise<{ items: UpcomingEvent[]; total: number }> {
  const res = await api({ method: 'GET', url: `/api/v1/events/upcoming${query}` });
  expect(res.statusCode, res.body).toBe(200);
  // The body is exactly the contract's shape: nothing beyond its fields.
  const page = upcomingEventPageSchema.strict().parse(res.json());
  for (const item of page.items) expect(Object.keys(item).sort()).toEqual(Object.keys(upcomingEventPageSchema.shape.items.element.shape).sort());
  return page;
}
const slugs = (page: { items: UpcomingEvent[] }) => page.items.map((e) => e.slug);

beforeAll(async () => {
  ctx = await createTestContext({ LIAISON_PUBLIC_URL: 'https://liaison.example.org' });
  const organiser = (await createOrganisation(ctx, 'Upcoming Training Academy (fictitious)', 'FR')).id;
  const police = (await createOrganisation(ctx, 'Upcoming National Police (fictitious)', 'BE')).id;
  trainer = await tokenClient(ctx, await createUser(ctx, { organisationId: organiser, roles: ['trainer'] }));
  investigator = await tokenClient(ctx, await createUser(ctx, { organisationId: police, roles: ['investigator'] }));

  events.soon = await publishedEvent(trainer, webinar(day(3), OPEN, { slug: 'soon-webinar' }));
  events.french = await publishedEvent(trainer, webinar(day(20), OPEN, {
    slug: 'french-conference', kind: 'conference', title: 'Conférence sur les preuves électroniques', language: 'fr', interpretationNote: '',
  }));
  events.full = await publishedEvent(trainer, webinar(day(12), OPEN, { slug: 'full-webinar', title: 'Darknet marketplaces webinar', capacity: 1 }));
  const added = await trainer({
    method: 'POST', url: `/api/v1/events/${events.full.id}/registrations`,
    payload: { name: 'Participant one', organisation: 'Agency (fictitious)', country: 'BE', role: 'law_enforcement', email: 'one@police.example.org', notify: false },
  });
  expect(added.statusCode, added.body).toBe(201);
  // Registration opens later: listed, with its state.
  events.later = await publishedEvent(trainer, webinar(day(30), day(10), { slug: 'later-webinar' }));

  // Never listed: a draft, a cancelled event, one that starts before the clock moves past it.
  const draft = await trainer({ method: 'POST', url: '/api/v1/events', payload: webinar(day(5), OPEN, { slug: 'draft-webinar' }) });
  expect(draft.statusCode, draft.body).toBe(201);
  events.cancelled = await publishedEvent(trainer, webinar(day(6), OPEN, { slug: 'cancelled-webinar' }));
  const cancelled = await trainer({ method: 'POST', url: `/api/v1/events/${events.cancelled.id}/cancel`, payload: { notify: false } });
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  events.today = await publishedEvent(trainer, webinar(day(2, 10), OPEN, { slug: 'today-webinar', registrationClosesAt: day(2, 9) }));
});
afterAll(() => ctx.close());

describe('upcoming events for a practitioner', () => {
  it('an investigator of another organisation sees published events not started yet, soonest first — not drafts, cancelled or past ones', async () => {
    const page = await upcoming(investigator);
    expect(slugs(page)).toEqual(['today-webinar', 'soon-webinar', 'full-webinar', 'french-conference', 'later-webinar']);
    expect(page.total).toBe(5);

    // Once an event has started it leaves the list.
    ctx.clock.set(new Date(day(2, 10)));
    expect(slugs(await upcoming(investigator))).toEqual(['soon-webinar', 'full-webinar', 'french-conference', 'later-webinar']);
  });

  it('gives the public fields a practitioner needs to choose and register: organiser, times and zone, language, seats, registration state, address', async () => {
    const { items } = await upcoming(investigator);
    const soon = items.find((e) => e.slug === 'soon-webinar')!;
    expect(soon).toEqual({
      slug: 'soon-webinar', kind: 'webinar', title: events.soon!.title, organiser: 'Upcoming Training Academy (fictitious)',
      timeZone: 'Europe/Paris', startsAt: day(3), endsAt: '2026-03-03T13:30:00.000Z', durationMinutes: 90, language: 'en',
      interpretationNote: 'Interpretation into French', capacity: 3, seatsLeft: 3, full: false, registrationOpensAt: OPEN,
      registrationClosesAt: day(3, 11), registrationState: 'open', requiresApproval: false, publicUrl: 'https://liaison.example.org/e/soon-webinar',
    });
    expect(items.find((e) => e.slug === 'full-webinar')).toMatchObject({ capacity: 1, seatsLeft: 0, full: true, registrationState: 'open' });
    expect(items.find((e) => e.slug === 'later-webinar')).toMatchObject({ registrationState: 'not_open', registrationOpensAt: day(10) });
  });

  it('never carries connection instructions, rules of engagement, materials, counts or people', async () => {
    const res = await investigator({ method: 'GET', url: '/api/v1/events/upcoming?limit=100' });
    expect(res.statusCode).toBe(200);
    for (const secret of [CONNECTION, RULES, 'meet.example.org', 'one@police.example.org', 'Participant one', events.soon!.id, events.soon!.organisationId])
      expect(res.body).not.toContain(secret);
    for (const field of ['connectionInstructions', 'rulesOfEngagement', 'materials', 'counts', 'seatsTaken', 'questions', 'description', 'organisationId'])
      expect(res.body).not.toContain(`"${field}"`);
  });

  it('pages without overlap, with the total of all pages', async () => {
    const first = await upcoming(investigator, '?limit=2');
    const second = await upcoming(investigator, '?limit=2&offset=2');
    const third = await upcoming(investigator, '?limit=2&offset=4');
    expect([first.total, second.total, third.total]).toEqual([4, 4, 4]);
    expect([...slugs(first), ...slugs(second), ...slugs(third)]).toEqual(['soon-webinar', 'full-webinar', 'french-conference', 'later-webinar']);
    expect(slugs(third)).toEqual([]);
  });

  it('filters by words of the title or description and by the event’s language', async () => {
    expect(slugs(await upcoming(investigator, '?q=darkn'))).toEqual(['full-webinar']);
    expect(slugs(await upcoming(investigator, '?q=' + encodeURIComponent('preuves électroniques')))).toEqual(['french-conference']);
    // Operators of a tsquery are only words here: nothing breaks, nothing matches.
    expect(await upcoming(investigator, '?q=' + encodeURIComponent("!&|:*()'"))).toMatchObject({ total: 4 });
    const french = await upcoming(investigator, '?language=FR');
    expect([slugs(french), french.total]).toEqual([['french-conference'], 1]);
    expect(await upcoming(investigator, '?language=de')).toEqual({ items: [], total: 0 });
  });

  it('refuses bad input naming the field, and answers the instance operator too', async () => {
    expect(fieldPaths(await investigator({ method: 'GET', url: '/api/v1/events/upcoming?language=xx' }))).toEqual(['query.language']);
    expect(fieldPaths(await investigator({ method: 'GET', url: '/api/v1/events/upcoming?limit=0&offset=-1' })).sort()).toEqual(['query.limit', 'query.offset']);
    expect(fieldPaths(await investigator({ method: 'GET', url: `/api/v1/events/upcoming?q=${'x'.repeat(201)}` }))).toEqual(['query.q']);
    const operator = await asOperator(ctx)({ method: 'GET', url: '/api/v1/events/upcoming' });
    expect(operator.statusCode, operator.body).toBe(200);
    expect(operator.json()).toMatchObject({ total: 4 });
  });

  it('needs a signed-in user: 401 without a session', async () => {
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/v1/events/upcoming' }), 401, 'unauthenticated');
  });

  it('is a plain read: the organisers’ own routes stay closed to the investigator', async () => {
    expectError(await investigator({ method: 'GET', url: '/api/v1/events' }), 403, 'forbidden');
    expectError(await investigator({ method: 'GET', url: `/api/v1/events/${events.soon!.id}` }), 403, 'forbidden');
  });
});
