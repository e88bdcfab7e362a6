/**
 * Factories and helpers for the events tests: a webinar payload (synthetic data only), the
 * registration form, and the links found in the e-mails the test SMTP server received.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { as, signIn, type TestContext, type TestUser } from './context.ts';
import type { EventInput, EventView, RegistrationInput } from '../../domain/events.ts';
import type { ReceivedMail } from './mail.ts';

export type Client = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

export const CONNECTION = 'Join at https://meet.example.org/j/4242 with the PIN 1234.';
export const RULES = 'Cameras off during the talks; no recording; Chatham House rule.';

let n = 0;

/** A webinar starting `startsAt`, registration open from `opensAt` to one hour before the start. */
export function webinar(startsAt: string, opensAt: string, overrides: Partial<EventInput> = {}): EventInput {
  return {
    kind: 'webinar',
    title: `OCSEA investigations webinar ${++n}`,
    description: 'Victim identification and e-evidence across borders (fictitious training).',
    programme: [{ title: 'Opening', speakers: ['A. Speaker (fictitious)'], startsAt, endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString() }],
    timeZone: 'Europe/Paris',
    startsAt,
    durationMinutes: 90,
    language: 'en',
    interpretationNote: 'Interpretation into French',
    capacity: 3,
    registrationOpensAt: opensAt,
    registrationClosesAt: new Date(Date.parse(startsAt) - 3_600_000).toISOString(),
    connectionInstructions: CONNECTION,
    rulesOfEngagement: RULES,
    ...overrides,
  };
}

/** A registration form for `email` (everything synthetic). */
export function registrant(email: string, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    name: `Participant ${email.split('@')[0]}`,
    organisation: 'Ruritania National Police (fictitious)',
    organisationType: 'police',
    country: 'FR',
    role: 'law_enforcement',
    email,
    consent: true,
    language: 'en',
    ...overrides,
  };
}

/**
 * A client acting with an API token of `user`: unlike a session it survives the fake clock
 * jumping days ahead (reminders, offer expiry, retention).
 */
export async function tokenClient(ctx: TestContext, user: TestUser): Promise<Client> {
  const res = await as(ctx, await signIn(ctx, user))({ method: 'POST', url: '/api/v1/account/tokens', payload: { name: 'events test' } });
  if (res.statusCode !== 201) throw new Error(`token: ${res.body}`);
  const { secret } = res.json() as { secret: string };
  return (opts) => ctx.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), authorization: `Bearer ${secret}` } });
}

/** Creates and publishes an event as `api`; returns it. */
export async function publishedEvent(api: Client, input: EventInput): Promise<EventView> {
  const created = await api({ method: 'POST', url: '/api/v1/events', payload: input });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as EventView).id;
  const published = await api({ method: 'POST', url: `/api/v1/events/${id}/publish` });
  expect(published.statusCode, published.body).toBe(200);
  return published.json() as EventView;
}

/** The link with `path` (`/verify`, `/registration`) in a mail, as an URL; its token and action. */
export function linkIn(mail: ReceivedMail, path: '/verify' | '/registration', action?: 'cancel' | 'accept' | 'decline'): { url: URL; token: string } {
  const links = [...mail.text.matchAll(/https:\/\/liaison\.example\.org\/e\/[^\s]+/g)].map((m) => new URL(m[0]));
  const link = links.find((l) => l.pathname.endsWith(path) && (action ? l.searchParams.get('action') === action : !l.searchParams.has('action')));
  if (!link) throw new Error(`no ${path}${action ? `?action=${action}` : ''} link in "${mail.subject}":\n${mail.text}`);
  return { url: link, token: link.searchParams.get('token')! };
}

/** The public API path of an action on the event at `slug`. */
export const publicPath = (slug: string, action: 'verify' | 'registration' | 'cancel' | 'offer/accept' | 'offer/decline' | 'registrations') =>
  `/api/v1/public/events/${slug}/${action}`;
