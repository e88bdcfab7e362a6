/**
 * Registration to events: the public flow (register, verify, cancel, accept or decline an
 * offer), the seat rules shared with the organiser's actions, and the passes the mail job runs
 * (expire offers, queue reminders and follow-ups).
 *
 * Concurrency: every change of seats happens in one transaction that first locks the event row
 * (so changes to one event's seats are serialised by PostgreSQL itself), then the registration,
 * then appends its audit events last. Seats are taken with a conditional UPDATE and bounded by a
 * CHECK constraint: no in-memory counter, no SERIALIZABLE retries, no error under load — a
 * verification that finds no seat joins the waiting list instead.
 */
import {
  answerErrors, durationMs, type MailKind, type PublicEvent, type RegistrationAccepted, type RegistrationInput, type RegistrationLinkView, type RegistrationStatus,
  registrationInputSchema,
} from '../../../domain/events.ts';
import type { Queryable } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { appendAudit, type AuditInput } from '../audit/audit.service.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { sha256Hex } from '../auth/crypto.ts';
import { isCancellable, presentLinkView, presentPublicEvent } from './events.presenter.ts';
import type { CancelReason } from './mail-texts.ts';
import { deliverMessages, queueMail, type QueueOptions } from './outbox.service.ts';
import * as store from './events.store.ts';
import * as outbox from './outbox.store.ts';

// ------------------------------------------------------------------------------ unit of work

/** One transaction on one event: the event row locked, e-mails and audit events collected. */
export interface EventWork {
  tx: Queryable;
  event: store.EventRow;
  now: Date;
  actor: Actor;
  /** Queues an e-mail in this transaction; it is delivered after the commit. */
  mail(o: Omit<QueueOptions, 'event'>): Promise<void>;
  /** Records an audit event, appended at the end of the transaction (the audit lock is taken last). */
  audit(input: AuditInput): void;
}

/**
 * Runs `fn` in a transaction holding the event's row lock, appends the collected audit events
 * (with the event's organisation, so its organisers' auditors see public actions too), commits,
 * then delivers the queued e-mails (best effort; the job retries).
 */
export async function inEvent<T>(deps: Deps, actor: Actor, eventId: string, fn: (w: EventWork) => Promise<T>): Promise<T> {
  const queued: (string | undefined)[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const event = await store.lockEvent(tx, eventId);
    if (!event) throw notFound('Event');
    const audits: AuditInput[] = [];
    const work: EventWork = {
      tx, event, now: deps.clock.now(), actor,
      mail: async (o) => {
        queued.push(await queueMail(deps, tx, { ...o, event: work.event }));
      },
      audit: (input) => audits.push({ organisationId: event.organisation_id, ...input }),
    };
    const value = await fn(work);
    for (const input of audits) await appendAudit(deps, tx, actor, input);
    return value;
  });
  await deliverMessages(deps, queued);
  return result;
}

const auditChange = (w: EventWork, r: store.RegistrationRow, action: string, to: RegistrationStatus, extra: Record<string, unknown> = {}) =>
  w.audit({ action, targetType: 'event_registration', targetId: r.id, details: { eventId: w.event.id, from: r.status, to, ...extra } });

// ------------------------------------------------------------------------------ seats

/**
 * A registration whose address is verified (or approved, or added by hand) takes a free seat
 * and is confirmed, or joins the end of the waiting list. Its e-mail says which.
 *
 * First come, first served: while anyone waits or holds an offer, a newcomer queues behind them
 * even if a seat is free (one freed on a draft or after the start, when no offers are made);
 * the free seat is then offered to the head of the list, which may be the newcomer.
 */
export async function place(w: EventWork, r: store.RegistrationRow, action: string, options: { notify?: boolean } = {}): Promise<store.RegistrationRow> {
  const queued = await store.hasQueue(w.tx, w.event.id);
  const seat = !queued && (await store.takeSeat(w.tx, w.event.id));
  let next = await store.changeRegistration(w.tx, r.id, seat
    ? { status: 'confirmed', confirmed_at: w.now, ...(r.verified_at ? {} : { verified_at: w.now }) }
    : { status: 'waiting', ...(r.verified_at ? {} : { verified_at: w.now }) });
  auditChange(w, r, action, next.status);
  if (queued && (await offerFreeSeats(w)) > 0) next = (await store.findRegistration(w.tx, r.id))!;
  // Offered a seat at once: the offer e-mail (sent by offerFreeSeats) says all there is to say.
  if (options.notify !== false && next.status !== 'offered') await w.mail({ kind: seat ? 'confirmation' : 'waiting_list', registration: next });
  return next;
}

/**
 * Offers free seats to the waiting list, first verified first: each offer holds its seat until
 * accepted, declined or expired. No offers for a cancelled event or once it has started.
 */
export async function offerFreeSeats(w: EventWork): Promise<number> {
  if (w.event.status !== 'published' || w.now >= w.event.starts_at) return 0;
  let offered = 0;
  for (;;) {
    const first = await store.firstWaiting(w.tx, w.event.id);
    if (!first) break;
    if (!(await store.takeSeat(w.tx, w.event.id))) break;
    // The offer window, but never past the start: a seat offered at the last minute is answered before it.
    const expires = new Date(Math.min(w.now.getTime() + w.event.offer_window_hours * 3_600_000, w.event.starts_at.getTime()));
    const next = await store.changeRegistration(w.tx, first.id, { status: 'offered', offered_at: w.now, offer_expires_at: expires });
    await w.mail({ kind: 'offer', registration: next });
    auditChange(w, first, 'event.registration.offer', 'offered', { offerExpiresAt: expires.toISOString() });
    offered++;
  }
  return offered;
}

/** Gives back the seat of a registration that held one, and offers it to the waiting list. */
export async function releaseSeatOf(w: EventWork, before: store.RegistrationRow): Promise<void> {
  if (before.status !== 'confirmed' && before.status !== 'offered') return;
  await store.releaseSeat(w.tx, w.event.id);
  await offerFreeSeats(w);
}

/** The e-mail that tells a registrant where they stand, for re-sending. */
export function statusMailKind(status: RegistrationStatus): MailKind | null {
  switch (status) {
    case 'pending_email':
      return 'verification';
    case 'pending_approval':
      return 'approval_pending';
    case 'confirmed':
    case 'attended':
      return 'confirmation';
    case 'waiting':
      return 'waiting_list';
    case 'offered':
      return 'offer';
    case 'cancelled':
      return 'cancellation';
    case 'rejected':
      return 'rejection';
  }
}

// ------------------------------------------------------------------------------ public flow

/**
 * A published (or cancelled after publication) event by slug; drafts do not exist for the
 * public, nor does an event cancelled without ever being published (published_at is the proof).
 */
async function publicEvent(deps: Deps, slug: string): Promise<store.EventRow> {
  const event = await store.findEventBySlug(deps.db, slug);
  if (!event || event.status === 'draft' || !event.published_at) throw notFound('Event');
  return event;
}

/** The public page of an event: published or cancelled ones only, without private fields. */
export async function getPublicEvent(deps: Deps, slug: string): Promise<PublicEvent> {
  return presentPublicEvent(await publicEvent(deps, slug), deps.clock.now());
}

const cancelledError = () => new AppError('event_cancelled', 'The event has been cancelled');

/**
 * The actor of a registrant's public step as the audit log records it: without the visitor's IP
 * address and User-Agent. The hash-chained log is never purged, so anything kept there outlives
 * the retention of the registration itself; the per-address rate limit works in memory and needs
 * neither. The registration id and the step still link the event to its record.
 */
function withoutAddress(actor: Actor): Actor {
  return { ...actor, ip: null, userAgent: null };
}

/**
 * The public registration form. Always answers "check your mailbox" when the input is valid and
 * registration open: for a new registration (verification e-mail), for an address already
 * registered (its status e-mail again — the caller cannot tell), and for a filled honeypot (then
 * nothing is stored or sent).
 */
export async function register(deps: Deps, actor: Actor, slug: string, raw: RegistrationInput): Promise<RegistrationAccepted> {
  const input = registrationInputSchema.parse(raw);
  const event = await publicEvent(deps, slug);
  if (event.status === 'cancelled') throw cancelledError();
  // After retention the event's record is closed: nobody's data is taken in again.
  if (event.personal_data_removed_at) throw new AppError('registration_closed', 'Registration is closed: the event is over and its registrants\' personal data was removed');
  const now = deps.clock.now();
  if (now < event.registration_opens_at) throw new AppError('registration_not_open', `Registration opens at ${event.registration_opens_at.toISOString()}`);
  if (now >= event.registration_closes_at) throw new AppError('registration_closed', `Registration closed at ${event.registration_closes_at.toISOString()}`);
  const errors = answerErrors(event.questions, input.answers);
  if (errors.length) throw invalid(errors);
  const full = event.seats_taken >= event.capacity;
  if (full && !input.joinWaitingList)
    throw new AppError('event_full', 'The event is full: send the form again with joinWaitingList: true to join the waiting list', [
      { path: 'joinWaitingList', message: 'must be true to join the waiting list of a full event' },
    ]);
  const accepted: RegistrationAccepted = { status: 'check_mailbox', waitingList: full };
  // The honeypot: a bot gets the same answer as a person, and nothing is kept.
  if (input.website.trim() !== '') return accepted;

  const domain = input.email.slice(input.email.lastIndexOf('@') + 1);
  const limits = deps.config.eventRateLimits;
  const queued: (string | undefined)[] = [];
  await deps.db.transaction(async (tx) => {
    if (!(await store.countSignup(tx, domain, new Date(now.getTime() - limits.domainWindowMs), now, limits.registrationsPerDomain)))
      throw new AppError('rate_limited', `Too many registrations from addresses at ${domain}; try again later`);
    const audit = (a: AuditInput) => appendAudit(deps, tx, withoutAddress(actor), { organisationId: event.organisation_id, ...a });
    const created = await store.insertRegistration(tx, {
      eventId: event.id, status: 'pending_email', source: 'public', name: input.name, organisation: input.organisation, email: input.email,
      answers: input.answers, organisationType: input.organisationType, country: input.country, role: input.role, language: input.language,
      consentAt: now, at: now, verifiedAt: null, confirmedAt: null,
    });
    if (created) {
      queued.push(await queueMail(deps, tx, { kind: 'verification', event, registration: created }));
      await audit({ action: 'event.registration.create', targetType: 'event_registration', targetId: created.id, details: { eventId: event.id, source: 'public', status: 'pending_email' } });
      return;
    }
    // Registered already: tell the address's owner (only them) where they stand.
    const existing = await store.findLiveRegistration(tx, event.id, input.email);
    const kind = existing && statusMailKind(existing.status);
    if (!existing || !kind) return;
    queued.push(await queueMail(deps, tx, { kind, event, registration: existing }));
    await audit({ action: 'event.registration.resend', targetType: 'event_registration', targetId: existing.id, details: { eventId: event.id, kind, reason: 'registered_again' } });
  });
  await deliverMessages(deps, queued);
  return accepted;
}

/** The registration behind a link token of the event at `slug`, or 404. */
async function registrationOfLink(deps: Deps, slug: string, token: string, purpose: 'verify' | 'manage'): Promise<{ event: store.EventRow; registration: store.RegistrationRow }> {
  const event = await publicEvent(deps, slug);
  const registration = await store.registrationOfToken(deps.db, sha256Hex(token), purpose, deps.clock.now());
  if (!registration || registration.event_id !== event.id) throw notFound('Registration (the link is not valid or has expired)');
  return { event, registration };
}

async function linkView(deps: Deps, w: EventWork, r: store.RegistrationRow): Promise<RegistrationLinkView> {
  const event = (await store.findEvent(w.tx, w.event.id))!;
  const position = r.status === 'waiting' ? await store.waitingPosition(w.tx, r) : null;
  return presentLinkView(event, r, position, w.now);
}

/**
 * Follows the verification link: the registration counts from now. It goes to the organiser for
 * approval, takes a free seat, or joins the waiting list. Following it again changes nothing.
 */
export async function verify(deps: Deps, actor: Actor, slug: string, token: string): Promise<RegistrationLinkView> {
  const { event, registration } = await registrationOfLink(deps, slug, token, 'verify');
  return inEvent(deps, withoutAddress(actor), event.id, async (w) => {
    const r = (await store.findRegistration(w.tx, registration.id, true))!;
    if (r.status !== 'pending_email') return linkView(deps, w, r);
    if (w.event.status === 'cancelled') throw cancelledError();
    if (w.now >= w.event.ends_at) throw new AppError('registration_closed', 'The event is over');
    if (w.event.requires_approval) {
      const next = await store.changeRegistration(w.tx, r.id, { status: 'pending_approval', verified_at: w.now });
      await w.mail({ kind: 'approval_pending', registration: next });
      auditChange(w, r, 'event.registration.verify', next.status);
      return linkView(deps, w, next);
    }
    return linkView(deps, w, await place(w, r, 'event.registration.verify'));
  });
}

/** What the holder of a personal link sees (a read: not audited). */
export async function linkStatus(deps: Deps, slug: string, token: string): Promise<RegistrationLinkView> {
  const { event, registration } = await registrationOfLink(deps, slug, token, 'manage');
  const position = registration.status === 'waiting' ? await store.waitingPosition(deps.db, registration) : null;
  return presentLinkView(event, registration, position, deps.clock.now());
}

/** Cancels a registration by `reason`; a held seat goes to the waiting list. */
async function cancelIn(w: EventWork, r: store.RegistrationRow, reason: CancelReason, action: string): Promise<store.RegistrationRow> {
  const next = await store.changeRegistration(w.tx, r.id, { status: 'cancelled', cancelled_at: w.now, cancel_reason: reason, offered_at: null, offer_expires_at: null });
  // After the event itself was cancelled (and everyone told), an expiring offer needs no e-mail.
  if (w.event.status !== 'cancelled') await w.mail({ kind: 'cancellation', registration: next, cancelReason: reason });
  auditChange(w, r, action, 'cancelled', { reason });
  await releaseSeatOf(w, r);
  return next;
}

/** The registrant cancels through their personal link. Cancelling twice changes nothing. */
export async function cancelByLink(deps: Deps, actor: Actor, slug: string, token: string): Promise<RegistrationLinkView> {
  const { event, registration } = await registrationOfLink(deps, slug, token, 'manage');
  return inEvent(deps, withoutAddress(actor), event.id, async (w) => {
    const r = (await store.findRegistration(w.tx, registration.id, true))!;
    if (r.status === 'cancelled') return linkView(deps, w, r);
    if (w.event.status === 'cancelled') throw cancelledError();
    if (!isCancellable(r.status)) throw conflict(`A registration that is ${r.status} cannot be cancelled`);
    return linkView(deps, w, await cancelIn(w, r, 'by_registrant', 'event.registration.cancel'));
  });
}

/** Accepts an offered seat before the offer expires. */
export async function acceptOffer(deps: Deps, actor: Actor, slug: string, token: string): Promise<RegistrationLinkView> {
  const { event, registration } = await registrationOfLink(deps, slug, token, 'manage');
  return inEvent(deps, withoutAddress(actor), event.id, async (w) => {
    const r = (await store.findRegistration(w.tx, registration.id, true))!;
    if (r.status === 'confirmed') return linkView(deps, w, r);
    if (w.event.status === 'cancelled') throw cancelledError();
    if (r.status !== 'offered' || !r.offer_expires_at || r.offer_expires_at <= w.now)
      throw new AppError('offer_expired', 'The offered seat is no longer available: the offer expired or was answered');
    const next = await store.changeRegistration(w.tx, r.id, { status: 'confirmed', confirmed_at: w.now, offer_expires_at: null });
    await w.mail({ kind: 'confirmation', registration: next });
    auditChange(w, r, 'event.registration.accept_offer', 'confirmed');
    return linkView(deps, w, next);
  });
}

/** Declines an offered seat: it goes to the next on the waiting list. */
export async function declineOffer(deps: Deps, actor: Actor, slug: string, token: string): Promise<RegistrationLinkView> {
  const { event, registration } = await registrationOfLink(deps, slug, token, 'manage');
  return inEvent(deps, withoutAddress(actor), event.id, async (w) => {
    const r = (await store.findRegistration(w.tx, registration.id, true))!;
    if (r.status === 'cancelled') return linkView(deps, w, r);
    if (w.event.status === 'cancelled') throw cancelledError();
    if (r.status !== 'offered') throw new AppError('offer_expired', 'There is no open offer on this registration');
    return linkView(deps, w, await cancelIn(w, r, 'offer_declined', 'event.registration.decline_offer'));
  });
}

// ------------------------------------------------------------------------------ job passes

const jobActor = systemActor('events');

/** Offers whose window passed are cancelled and their seats offered to the next person. */
export async function expireOffers(deps: Deps): Promise<number> {
  let expired = 0;
  for (const offer of await store.expiredOffers(deps.db, deps.clock.now())) {
    expired += await inEvent(deps, jobActor, offer.event_id, async (w) => {
      const r = await store.findRegistration(w.tx, offer.id, true);
      if (!r || r.status !== 'offered' || !r.offer_expires_at || r.offer_expires_at > w.now) return 0;
      await cancelIn(w, r, 'offer_expired', 'event.registration.offer_expired');
      return 1;
    });
  }
  return expired;
}

/** The longest reminder offset allowed (P30D): how far ahead the reminder pass looks. */
const MAX_OFFSET_MS = 30 * 86_400_000;

/**
 * Queues the reminders due at `asOf`: for each offset of each published event starting within
 * it, one e-mail to every participant confirmed before the reminder time (someone confirmed
 * later just received the confirmation, which carries the same instructions). Each
 * (registration, offset) is queued once, whenever and however often the pass runs.
 */
export async function queueReminders(deps: Deps, actor: Actor, asOf: Date, onlyEventId?: string): Promise<{ queued: number; sent: number }> {
  const events = onlyEventId
    ? [await store.findEvent(deps.db, onlyEventId)].filter((e): e is store.EventRow => Boolean(e && e.status === 'published' && e.starts_at > asOf))
    : await store.eventsStartingSoon(deps.db, asOf, MAX_OFFSET_MS);
  let queued = 0;
  let sent = 0;
  for (const event of events) {
    const ids: (string | undefined)[] = [];
    await deps.db.transaction(async (tx) => {
      const due = event.reminder_offsets.filter((offset) => asOf.getTime() >= event.starts_at.getTime() - (durationMs(offset) ?? 0));
      if (due.length === 0) return;
      const participants = await store.registrationsIn(tx, event.id, ['confirmed']);
      // Most passes find every due reminder queued already: one query instead of one per person.
      const done = await outbox.dedupeKeysOf(tx, event.id, 'reminder');
      let count = 0;
      for (const offset of due) {
        const at = event.starts_at.getTime() - (durationMs(offset) ?? 0);
        for (const r of participants) {
          if (!r.confirmed_at || r.confirmed_at.getTime() > at || done.has(`reminder:${r.id}:${offset}`)) continue;
          const id = await queueMail(deps, tx, { kind: 'reminder', event, registration: r, offset, dedupeKey: `reminder:${r.id}:${offset}` });
          if (id) {
            ids.push(id);
            count++;
          }
        }
      }
      if (count)
        await appendAudit(deps, tx, actor, {
          action: 'event.reminders', targetType: 'event', targetId: event.id, organisationId: event.organisation_id,
          details: { queued: count, asOf: asOf.toISOString() },
        });
    });
    queued += ids.length;
    sent += (await deliverMessages(deps, ids)).sent;
  }
  return { queued, sent };
}

/** How long after an event its follow-up may still go out (a job that was down catches up; older events are left alone). */
const FOLLOW_UP_WINDOW_MS = 7 * 86_400_000;

/** Queues the follow-up with material links to the confirmed and attended participants of events that ended. */
export async function queueFollowUps(deps: Deps): Promise<{ queued: number; sent: number }> {
  const now = deps.clock.now();
  let queued = 0;
  let sent = 0;
  for (const event of await store.eventsEndedRecently(deps.db, now, new Date(now.getTime() - FOLLOW_UP_WINDOW_MS))) {
    const ids: (string | undefined)[] = [];
    await deps.db.transaction(async (tx) => {
      const done = await outbox.dedupeKeysOf(tx, event.id, 'follow_up');
      for (const r of await store.registrationsIn(tx, event.id, ['confirmed', 'attended'])) {
        if (done.has(`follow_up:${r.id}`)) continue;
        const id = await queueMail(deps, tx, { kind: 'follow_up', event, registration: r, dedupeKey: `follow_up:${r.id}` });
        if (id) ids.push(id);
      }
      if (ids.length)
        await appendAudit(deps, tx, jobActor, {
          action: 'event.follow_ups', targetType: 'event', targetId: event.id, organisationId: event.organisation_id, details: { queued: ids.length },
        });
    });
    queued += ids.length;
    sent += (await deliverMessages(deps, ids)).sent;
  }
  return { queued, sent };
}
