/**
 * The only way event rows become API objects (domain/events.ts). The public presenter is a
 * separate function that never reads the private fields, so a change to the organiser's view
 * cannot leak them.
 */
import {
  REGISTRATION_STATUSES, type EventSummary, type EventView, type MailMessageView, type PublicEvent, type Registration, type RegistrationLinkView,
  type RegistrationStatus, type RegistrationWindowState, type StatusCounts, type UpcomingEvent,
} from '../../../domain/events.ts';
import { redactLinks } from './mail-texts.ts';
import type { EventRow, RegistrationRow, UpcomingEventRow } from './events.store.ts';
import type { MessageRow } from './outbox.store.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether registration is not yet open, open, or closed at `now`. */
export function windowState(e: Pick<EventRow, 'registration_opens_at' | 'registration_closes_at'>, now: Date): RegistrationWindowState {
  if (now < e.registration_opens_at) return 'not_open';
  if (now >= e.registration_closes_at) return 'closed';
  return 'open';
}

export function fullCounts(partial: Partial<Record<RegistrationStatus, number>> | undefined): StatusCounts {
  return Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, partial?.[s] ?? 0])) as StatusCounts;
}

const programmeOf = (e: EventRow) => e.programme.map((s) => ({ title: s.title, speakers: s.speakers, startsAt: s.startsAt, endsAt: s.endsAt }));
const questionsOf = (e: EventRow) => e.questions.map((q) => ({ id: q.id, label: q.label, kind: q.kind, required: q.required, options: q.options, multiple: q.multiple }));

/**
 * What every view of an event announces (organiser, public page, upcoming list): read from the
 * public columns only (UpcomingEventRow), so no private field can slip in through it.
 */
function announced(e: UpcomingEventRow, now: Date) {
  return {
    slug: e.slug,
    kind: e.kind,
    title: e.title,
    organiser: e.organiser,
    timeZone: e.time_zone,
    startsAt: e.starts_at.toISOString(),
    endsAt: e.ends_at.toISOString(),
    durationMinutes: e.duration_minutes,
    language: e.language,
    interpretationNote: e.interpretation_note,
    capacity: e.capacity,
    registrationOpensAt: e.registration_opens_at.toISOString(),
    registrationClosesAt: e.registration_closes_at.toISOString(),
    registrationState: windowState(e, now),
    requiresApproval: e.requires_approval,
  };
}

export function presentEvent(e: EventRow, counts: StatusCounts, publicUrl: string, now: Date): EventView {
  return {
    id: e.id,
    organisationId: e.organisation_id,
    status: e.status,
    ...announced(e, now),
    description: e.description,
    programme: programmeOf(e),
    seatsTaken: e.seats_taken,
    questions: questionsOf(e),
    connectionInstructions: e.connection_instructions,
    rulesOfEngagement: e.rules_of_engagement,
    reminderOffsets: e.reminder_offsets,
    offerWindowHours: e.offer_window_hours,
    materials: e.materials.map((m) => ({ label: m.label, url: m.url })),
    privacyNotice: e.privacy_notice,
    contactEmail: e.contact_email,
    counts,
    publicUrl,
    createdAt: e.created_at.toISOString(),
    updatedAt: e.updated_at.toISOString(),
    publishedAt: iso(e.published_at),
    cancelledAt: iso(e.cancelled_at),
    personalDataRemovedAt: iso(e.personal_data_removed_at),
  };
}

export function presentEventSummary(e: EventRow, counts: StatusCounts, publicUrl: string, now: Date): EventSummary {
  return {
    id: e.id,
    organisationId: e.organisation_id,
    organiser: e.organiser,
    status: e.status,
    slug: e.slug,
    kind: e.kind,
    title: e.title,
    timeZone: e.time_zone,
    startsAt: e.starts_at.toISOString(),
    endsAt: e.ends_at.toISOString(),
    language: e.language,
    capacity: e.capacity,
    seatsTaken: e.seats_taken,
    registrationOpensAt: e.registration_opens_at.toISOString(),
    registrationClosesAt: e.registration_closes_at.toISOString(),
    registrationState: windowState(e, now),
    counts,
    publicUrl,
    updatedAt: e.updated_at.toISOString(),
  };
}

/** What anyone sees of a published event: never connection instructions, rules, materials or people. */
export function presentPublicEvent(e: EventRow, now: Date): PublicEvent {
  const seatsLeft = Math.max(0, e.capacity - e.seats_taken);
  return {
    id: e.id,
    ...announced(e, now),
    status: e.status,
    description: e.description,
    programme: programmeOf(e),
    questions: questionsOf(e),
    privacyNotice: e.privacy_notice,
    contactEmail: e.contact_email,
    full: seatsLeft === 0,
    seatsLeft,
  };
}

/**
 * An upcoming event in a signed-in practitioner's list: built from the public columns only
 * (UpcomingEventRow), so the private fields cannot reach it.
 */
export function presentUpcomingEvent(e: UpcomingEventRow, publicUrl: string, now: Date): UpcomingEvent {
  const seatsLeft = Math.max(0, e.capacity - e.seats_taken);
  return {
    ...announced(e, now),
    seatsLeft,
    full: seatsLeft === 0,
    publicUrl,
  };
}

const CANCELLABLE: readonly RegistrationStatus[] = ['pending_email', 'pending_approval', 'confirmed', 'waiting', 'offered'];
/** Statuses an organiser may reject from. */
export const REJECTABLE: readonly RegistrationStatus[] = ['pending_approval', 'confirmed', 'waiting', 'offered'];
export const isCancellable = (s: RegistrationStatus) => CANCELLABLE.includes(s);

export function presentRegistration(r: RegistrationRow, positions: Map<string, number>): Registration {
  return {
    id: r.id,
    eventId: r.event_id,
    status: r.status,
    name: r.name,
    organisation: r.organisation,
    organisationType: r.organisation_type,
    country: r.country,
    role: r.role,
    email: r.email,
    language: r.language,
    answers: r.answers,
    source: r.source,
    createdAt: r.created_at.toISOString(),
    verifiedAt: iso(r.verified_at),
    confirmedAt: iso(r.confirmed_at),
    waitingPosition: r.status === 'waiting' ? (positions.get(r.id) ?? null) : null,
    offerExpiresAt: r.status === 'offered' ? iso(r.offer_expires_at) : null,
    cancelledAt: iso(r.cancelled_at),
    attendedAt: iso(r.attended_at),
    rejectedAt: iso(r.rejected_at),
    anonymisedAt: iso(r.anonymised_at),
    allowed: { approve: r.status === 'pending_approval', reject: REJECTABLE.includes(r.status) },
  };
}

/** What the holder of a registration's link sees: status and actions, no personal data. */
export function presentLinkView(e: EventRow, r: RegistrationRow, position: number | null, now: Date): RegistrationLinkView {
  const live = e.status !== 'cancelled';
  const offerOpen = r.status === 'offered' && r.offer_expires_at !== null && r.offer_expires_at > now;
  return {
    event: { slug: e.slug, title: e.title, startsAt: e.starts_at.toISOString(), endsAt: e.ends_at.toISOString(), timeZone: e.time_zone, status: e.status },
    status: r.status,
    waitingPosition: r.status === 'waiting' ? position : null,
    offerExpiresAt: r.status === 'offered' ? iso(r.offer_expires_at) : null,
    allowed: { cancel: live && isCancellable(r.status), acceptOffer: live && offerOpen, declineOffer: live && r.status === 'offered' },
  };
}

export function presentMessage(m: MessageRow): MailMessageView {
  return {
    id: m.id,
    registrationId: m.registration_id,
    kind: m.kind,
    recipient: m.recipient,
    subject: m.subject,
    text: redactLinks(m.body),
    attachment: m.ics ? (m.ics_filename ?? 'event.ics') : null,
    status: m.status,
    attempts: m.attempts,
    lastError: m.last_error,
    nextAttemptAt: m.status === 'queued' ? iso(m.next_attempt_at) : null,
    sentAt: iso(m.sent_at),
    createdAt: m.created_at.toISOString(),
  };
}
