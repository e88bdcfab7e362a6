/**
 * Events as their organisers run them: create, change, publish, cancel; the registrations list,
 * approval and rejection, manual additions, attendance import, export, statistics, the printable
 * list, the message log and re-sending, and the reminder pass on demand. An event belongs to the
 * organiser's organisation: trainers of another organisation get 404 for it, never 403. The
 * instance operator (local CLI) acts on every organisation's events.
 */
import {
  answerErrors, eventInputSchema, eventTimeErrors, slugify, type AttendanceResult, type EventInput, type EventPatch, type EventStatistics, type EventSummary,
  type EventView, type MailMessageView, type ManualRegistrationInput, type ParticipantList, type Registration, type RegistrationQuery,
  type RegistrationStatus, manualRegistrationSchema, type eventQuerySchema, type cancelEventSchema, type eventMessagesQuerySchema,
  type exportQuerySchema, registrantEmailSchema,
} from '../../../domain/events.ts';
import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { prefixQuery } from '../../db/search.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { authorise } from '../auth/policy.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { CsvSyntaxError, parseCsv } from '../directory/csv.ts';
import { fullCounts, presentEvent, presentEventSummary, presentMessage, presentRegistration, REJECTABLE } from './events.presenter.ts';
import { exportRegistrations } from './export.ts';
import type { CancelReason } from './mail-texts.ts';
import { deliverMessages, eventUrlOf, queueMail } from './outbox.service.ts';
import { inEvent, offerFreeSeats, place, queueReminders, releaseSeatOf, statusMailKind } from './registrations.service.ts';
import * as store from './events.store.ts';
import * as outbox from './outbox.store.ts';

type EventQuery = z.output<typeof eventQuerySchema>;

/** The organisation whose events the actor manages; null for the operator (all of them). */
function scopeOf(actor: Actor): string | null {
  authorise(actor, 'event.manage');
  return actor.kind === 'user' ? actor.organisationId : null;
}

/** The event if the actor may manage it; 404 for another organisation's (its existence is not disclosed). */
async function ownedEvent(deps: Deps, actor: Actor, id: string): Promise<store.EventRow> {
  const scope = scopeOf(actor);
  const event = await store.findEvent(deps.db, id);
  if (!event || (scope && event.organisation_id !== scope)) throw notFound('Event');
  return event;
}

async function present(deps: Deps, event: store.EventRow): Promise<EventView> {
  const counts = (await store.statusCounts(deps.db, [event.id])).get(event.id);
  return presentEvent(event, fullCounts(counts), eventUrlOf(deps, event.slug), deps.clock.now());
}

const endOf = (startsAt: string | Date, minutes: number) => new Date(new Date(startsAt).getTime() + minutes * 60_000);

/**
 * Refuses what would bring registrants' personal data back to an event after the retention job
 * removed it (new registrations, attendance, new dates that reopen registration): the event's
 * record is closed, and its statistics must stay what they were.
 */
function refuseAfterRetention(event: store.EventRow, what: string): void {
  if (event.personal_data_removed_at)
    throw conflict(`The registrants' personal data was removed on ${event.personal_data_removed_at.toISOString().slice(0, 10)} (retention): ${what}`);
}

// ------------------------------------------------------------------------------ events

export async function listEvents(deps: Deps, actor: Actor, query: EventQuery): Promise<{ items: EventSummary[]; total: number }> {
  const scope = scopeOf(actor);
  const { rows, total } = await store.searchEvents(deps.db, {
    organisationId: scope, text: prefixQuery(query.q), limit: query.limit, offset: query.offset,
    ...(query.status ? { status: query.status } : {}),
    ...(query.endsAfter ? { endsAfter: new Date(query.endsAfter) } : {}),
  });
  const counts = await store.statusCounts(deps.db, rows.map((r) => r.id));
  const now = deps.clock.now();
  return { items: rows.map((r) => presentEventSummary(r, fullCounts(counts.get(r.id)), eventUrlOf(deps, r.slug), now)), total };
}

export async function getEvent(deps: Deps, actor: Actor, id: string): Promise<EventView> {
  return present(deps, await ownedEvent(deps, actor, id));
}

/** A free slug: the one asked for (409 if taken), or one derived from the title with a number added. */
async function freeSlug(deps: Deps, wanted: string | undefined, title: string, exceptId?: string): Promise<string> {
  if (wanted) {
    if (await store.slugTaken(deps.db, wanted, exceptId)) throw conflict('This address is taken by another event', [{ path: 'slug', message: 'is taken' }]);
    return wanted;
  }
  const base = slugify(title);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await store.slugTaken(deps.db, candidate, exceptId))) return candidate;
  }
  return `${base}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Creates a draft event in the actor's organisation. */
export async function createEvent(deps: Deps, actor: Actor, raw: EventInput): Promise<EventView> {
  const scope = scopeOf(actor);
  if (!scope) throw forbidden('Events belong to an organisation: act as a trainer (set LIAISON_TOKEN to one of your API tokens)');
  const input = eventInputSchema.parse(raw);
  const slug = await freeSlug(deps, input.slug, input.title);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const eventId = await store.insertEventOrSlugTaken(tx, scope, actor.kind === 'user' ? actor.userId : null, {
      slug, kind: input.kind, title: input.title, description: input.description, programme: input.programme, time_zone: input.timeZone,
      starts_at: new Date(input.startsAt), duration_minutes: input.durationMinutes, ends_at: endOf(input.startsAt, input.durationMinutes),
      language: input.language, interpretation_note: input.interpretationNote, capacity: input.capacity,
      registration_opens_at: new Date(input.registrationOpensAt), registration_closes_at: new Date(input.registrationClosesAt),
      questions: input.questions, requires_approval: input.requiresApproval, connection_instructions: input.connectionInstructions,
      rules_of_engagement: input.rulesOfEngagement, reminder_offsets: input.reminderOffsets, offer_window_hours: input.offerWindowHours,
      materials: input.materials, privacy_notice: input.privacyNotice, contact_email: input.contactEmail,
    }, now);
    // Two events created at once with the same title: the database's unique slug decides.
    if (!eventId) throw conflict('This address is taken by another event', [{ path: 'slug', message: 'is taken' }]);
    await appendAudit(deps, tx, actor, { action: 'event.create', targetType: 'event', targetId: eventId, details: { title: input.title, slug, kind: input.kind, capacity: input.capacity } });
    return eventId;
  });
  return getEvent(deps, actor, id);
}

const FIELD_COLUMNS: Record<keyof EventPatch, keyof store.EventValues> = {
  kind: 'kind', title: 'title', description: 'description', programme: 'programme', timeZone: 'time_zone', startsAt: 'starts_at',
  durationMinutes: 'duration_minutes', language: 'language', interpretationNote: 'interpretation_note', capacity: 'capacity',
  registrationOpensAt: 'registration_opens_at', registrationClosesAt: 'registration_closes_at', questions: 'questions',
  requiresApproval: 'requires_approval', connectionInstructions: 'connection_instructions', rulesOfEngagement: 'rules_of_engagement',
  reminderOffsets: 'reminder_offsets', offerWindowHours: 'offer_window_hours', materials: 'materials', privacyNotice: 'privacy_notice',
  contactEmail: 'contact_email', slug: 'slug',
};
const DATE_FIELDS = new Set<keyof EventPatch>(['startsAt', 'registrationOpensAt', 'registrationClosesAt']);
/** Long or private texts: the audit records that they changed, not their content. */
const QUIET_FIELDS = new Set<keyof EventPatch>(['description', 'connectionInstructions', 'rulesOfEngagement', 'privacyNotice', 'programme', 'questions', 'materials']);

/**
 * Changes an event. The merged event must keep the time rules; the capacity cannot drop below
 * the seats taken (409); raising it offers the new seats to the waiting list; a published event
 * keeps its address (slug), since e-mails link to it; a changed time bumps the .ics SEQUENCE.
 */
export async function updateEvent(deps: Deps, actor: Actor, id: string, patch: EventPatch): Promise<EventView> {
  await ownedEvent(deps, actor, id);
  if (patch.slug !== undefined) await freeSlug(deps, patch.slug, '', id);
  await inEvent(deps, actor, id, async (w) => {
    const e = w.event;
    if (e.status === 'cancelled') throw conflict('A cancelled event cannot be changed');
    if (patch.slug !== undefined && patch.slug !== e.slug && e.status !== 'draft')
      throw conflict('A published event keeps its address: e-mails already link to it', [{ path: 'slug', message: 'cannot change once published' }]);
    const merged = {
      startsAt: patch.startsAt ?? e.starts_at.toISOString(),
      durationMinutes: patch.durationMinutes ?? e.duration_minutes,
      registrationOpensAt: patch.registrationOpensAt ?? e.registration_opens_at.toISOString(),
      registrationClosesAt: patch.registrationClosesAt ?? e.registration_closes_at.toISOString(),
      programme: patch.programme ?? e.programme,
    };
    const errors = eventTimeErrors(merged);
    const questions = patch.questions ?? [];
    questions.forEach((q, i) => {
      if (questions.findIndex((o) => o.id === q.id) !== i) errors.push({ path: `questions.${i}.id`, message: 'must be unique within the event' });
    });
    if (errors.length) throw invalid(errors);
    if (patch.capacity !== undefined && patch.capacity < e.seats_taken)
      throw conflict(`${e.seats_taken} seats are taken: the capacity cannot be lower`, [{ path: 'capacity', message: `must be at least ${e.seats_taken} (seats taken)` }]);

    const before: Record<string, unknown> = {
      kind: e.kind, title: e.title, description: e.description, programme: e.programme, timeZone: e.time_zone, startsAt: e.starts_at.toISOString(),
      durationMinutes: e.duration_minutes, language: e.language, interpretationNote: e.interpretation_note, capacity: e.capacity,
      registrationOpensAt: e.registration_opens_at.toISOString(), registrationClosesAt: e.registration_closes_at.toISOString(), questions: e.questions,
      requiresApproval: e.requires_approval, connectionInstructions: e.connection_instructions, rulesOfEngagement: e.rules_of_engagement,
      reminderOffsets: e.reminder_offsets, offerWindowHours: e.offer_window_hours, materials: e.materials, privacyNotice: e.privacy_notice,
      contactEmail: e.contact_email, slug: e.slug,
    };
    const changes: Partial<store.EventValues> & { ics_sequence?: number } = {};
    const audited: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch) as [keyof EventPatch, unknown][]) {
      const same = DATE_FIELDS.has(key) ? Date.parse(String(value)) === Date.parse(String(before[key])) : JSON.stringify(before[key]) === JSON.stringify(value);
      if (same) continue;
      (changes as Record<string, unknown>)[FIELD_COLUMNS[key]] = DATE_FIELDS.has(key) ? new Date(String(value)) : value;
      audited[key] = QUIET_FIELDS.has(key) ? 'changed' : { from: before[key], to: value };
    }
    if (Object.keys(changes).length === 0) return;
    if (changes.starts_at || changes.duration_minutes || changes.registration_opens_at || changes.registration_closes_at)
      refuseAfterRetention(e, 'its dates can no longer change');
    if (changes.starts_at || changes.duration_minutes) {
      changes.ends_at = endOf(merged.startsAt, merged.durationMinutes);
      if (e.status === 'published') changes.ics_sequence = e.ics_sequence + 1;
    }
    await store.updateEvent(w.tx, id, changes, w.now);
    w.audit({ action: 'event.update', targetType: 'event', targetId: id, details: { changes: audited } });
    if (changes.capacity !== undefined && changes.capacity > e.capacity) {
      w.event = (await store.lockEvent(w.tx, id))!;
      await offerFreeSeats(w);
    }
  });
  return getEvent(deps, actor, id);
}

/**
 * Opens the registration page. Seats freed while the event was a draft (no offers are made from
 * a draft) are offered to its waiting list now, first in line first.
 */
export async function publishEvent(deps: Deps, actor: Actor, id: string): Promise<EventView> {
  await ownedEvent(deps, actor, id);
  await inEvent(deps, actor, id, async (w) => {
    if (w.event.status !== 'draft') throw conflict(`The event is ${w.event.status}: only a draft can be published`);
    if (w.event.ends_at <= w.now) throw conflict('The event is over: it cannot be published');
    refuseAfterRetention(w.event, 'it cannot be published');
    await store.setEventStatus(w.tx, id, 'published', w.now);
    w.audit({ action: 'event.publish', targetType: 'event', targetId: id, details: { slug: w.event.slug } });
    w.event = (await store.lockEvent(w.tx, id))!;
    await offerFreeSeats(w);
  });
  return getEvent(deps, actor, id);
}

/**
 * Cancels a published event; every live registrant is told (unless notify is false).
 * Registrations keep their status for the record. A draft is refused: cancelled events are shown
 * to the public (to tell registrants), so cancelling would publish what was never meant to be.
 */
export async function cancelEvent(deps: Deps, actor: Actor, id: string, body: z.output<typeof cancelEventSchema>): Promise<EventView> {
  await ownedEvent(deps, actor, id);
  await inEvent(deps, actor, id, async (w) => {
    if (w.event.status === 'cancelled') return;
    if (w.event.status === 'draft') throw conflict('A draft cannot be cancelled: delete the draft instead');
    await store.setEventStatus(w.tx, id, 'cancelled', w.now);
    w.event = (await store.lockEvent(w.tx, id))!;
    let told = 0;
    if (body.notify)
      for (const r of await store.registrationsIn(w.tx, id, ['pending_approval', 'confirmed', 'waiting', 'offered'])) {
        await w.mail({ kind: 'event_cancelled', registration: r, note: body.message });
        told++;
      }
    w.audit({ action: 'event.cancel', targetType: 'event', targetId: id, details: { notified: told } });
  });
  return getEvent(deps, actor, id);
}

/** Deletes a draft (with anything added to it); a published event is cancelled instead. */
export async function deleteEvent(deps: Deps, actor: Actor, id: string): Promise<void> {
  await ownedEvent(deps, actor, id);
  await inEvent(deps, actor, id, async (w) => {
    if (w.event.status !== 'draft') throw conflict('Only a draft can be deleted: cancel a published event instead');
    const counts = fullCounts((await store.statusCounts(w.tx, [id])).get(id));
    await store.deleteEvent(w.tx, id);
    w.audit({ action: 'event.delete', targetType: 'event', targetId: id, details: { title: w.event.title, registrations: Object.values(counts).reduce((a, b) => a + b, 0) } });
  });
}

// ------------------------------------------------------------------------------ registrations

const filterOf = (eventId: string, q: Omit<RegistrationQuery, 'limit' | 'offset'>): store.RegistrationFilter => ({
  eventId,
  ...(q.status ? { statuses: q.status } : {}),
  ...(q.country ? { countries: q.country } : {}),
  ...(q.role ? { roles: q.role } : {}),
  ...(q.organisationType ? { organisationTypes: q.organisationType } : {}),
  ...(q.q ? { text: q.q } : {}),
});

export async function listRegistrations(deps: Deps, actor: Actor, eventId: string, query: RegistrationQuery): Promise<{ items: Registration[]; total: number }> {
  await ownedEvent(deps, actor, eventId);
  const { rows, total } = await store.listRegistrations(deps.db, filterOf(eventId, query), { limit: query.limit, offset: query.offset });
  const positions = await store.waitingPositions(deps.db, eventId);
  return { items: rows.map((r) => presentRegistration(r, positions)), total };
}

async function ownedRegistration(deps: Deps, actor: Actor, eventId: string, registrationId: string): Promise<{ event: store.EventRow; registration: store.RegistrationRow }> {
  const event = await ownedEvent(deps, actor, eventId);
  const registration = await store.findRegistration(deps.db, registrationId);
  if (!registration || registration.event_id !== eventId) throw notFound('Registration');
  return { event, registration };
}

async function presentOne(deps: Deps, r: store.RegistrationRow): Promise<Registration> {
  return presentRegistration(r, await store.waitingPositions(deps.db, r.event_id));
}

export async function getRegistration(deps: Deps, actor: Actor, eventId: string, registrationId: string): Promise<Registration> {
  const { registration } = await ownedRegistration(deps, actor, eventId, registrationId);
  return presentOne(deps, registration);
}

/**
 * The organiser adds someone by hand: no e-mail verification or approval (the organiser vouches
 * for the address). Confirmed when a seat is free, else at the end of the waiting list.
 */
export async function addRegistration(deps: Deps, actor: Actor, eventId: string, raw: ManualRegistrationInput): Promise<Registration> {
  const input = manualRegistrationSchema.parse(raw);
  const event = await ownedEvent(deps, actor, eventId);
  const errors = answerErrors(event.questions, input.answers, { requireAnswers: false });
  if (errors.length) throw invalid(errors);
  const created = await inEvent(deps, actor, eventId, async (w) => {
    if (w.event.status === 'cancelled') throw conflict('The event has been cancelled');
    refuseAfterRetention(w.event, 'no registration can be added');
    const r = await store.insertRegistration(w.tx, {
      eventId, status: 'pending_approval', source: 'organiser', name: input.name, organisation: input.organisation, email: input.email,
      answers: input.answers, organisationType: input.organisationType, country: input.country, role: input.role, language: input.language,
      consentAt: null, at: w.now, verifiedAt: w.now, confirmedAt: null,
    });
    if (!r) {
      const existing = await store.findLiveRegistration(w.tx, eventId, input.email);
      throw conflict(`This address is already registered (${existing?.status ?? 'live'})`, [{ path: 'email', message: 'is already registered for this event' }]);
    }
    // Placed like a verified registration; the audit records the addition as such.
    return place(w, r, 'event.registration.add', { notify: input.notify });
  });
  return presentOne(deps, created);
}

export async function approveRegistration(deps: Deps, actor: Actor, eventId: string, registrationId: string): Promise<Registration> {
  await ownedRegistration(deps, actor, eventId, registrationId);
  const next = await inEvent(deps, actor, eventId, async (w) => {
    const r = (await store.findRegistration(w.tx, registrationId, true))!;
    if (w.event.status === 'cancelled') throw conflict('The event has been cancelled');
    if (r.status !== 'pending_approval') throw conflict(`Only a registration pending approval can be approved (this one is ${r.status})`);
    return place(w, r, 'event.registration.approve');
  });
  return presentOne(deps, next);
}

export async function rejectRegistration(deps: Deps, actor: Actor, eventId: string, registrationId: string, body: { reason: string; notify: boolean }): Promise<Registration> {
  await ownedRegistration(deps, actor, eventId, registrationId);
  const next = await inEvent(deps, actor, eventId, async (w) => {
    const r = (await store.findRegistration(w.tx, registrationId, true))!;
    if (r.status === 'rejected') return r;
    if (!REJECTABLE.includes(r.status)) throw conflict(`A registration that is ${r.status} cannot be rejected`);
    const rejected = await store.changeRegistration(w.tx, r.id, { status: 'rejected', rejected_at: w.now, offered_at: null, offer_expires_at: null });
    if (body.notify) await w.mail({ kind: 'rejection', registration: rejected, note: body.reason });
    // The reason goes to the registrant; the audit keeps that there was one.
    w.audit({ action: 'event.registration.reject', targetType: 'event_registration', targetId: r.id, details: { eventId, from: r.status, to: 'rejected', reasonGiven: body.reason !== '' } });
    await releaseSeatOf(w, r);
    return rejected;
  });
  return presentOne(deps, next);
}

// ------------------------------------------------------------------------------ attendance

const EMAIL_HEADERS = new Set(['email', 'e-mail', 'mail', 'courriel', 'email address', 'e-mail address', 'adresse e-mail', 'adresse électronique']);

/**
 * Marks confirmed registrations as attended from a CSV attendance list (a videoconference
 * tool's export): the e-mail column is found by its header, or is the first column holding
 * addresses. Reports rows that match nobody, registrations that were not confirmed, and values
 * that are not addresses.
 */
export async function importAttendance(deps: Deps, actor: Actor, eventId: string, body: { csv: string; delimiter: ',' | ';' | '\t' }): Promise<AttendanceResult> {
  await ownedEvent(deps, actor, eventId);
  let records;
  try {
    records = parseCsv(body.csv, { delimiter: body.delimiter });
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw invalid([{ path: 'csv', message: `line ${error.line}: ${error.reason}` }]);
    throw error;
  }
  if (records.length === 0) throw invalid([{ path: 'csv', message: 'has no rows' }]);
  const header = records[0]!.fields.map((f) => f.trim().toLowerCase());
  let column = header.findIndex((h) => EMAIL_HEADERS.has(h));
  let rows = records;
  if (column >= 0) rows = records.slice(1);
  else {
    column = records[0]!.fields.findIndex((f) => f.includes('@'));
    if (column < 0) throw invalid([{ path: 'csv', message: 'has no e-mail column (a header named email, or addresses in the first row)' }]);
  }
  const result: AttendanceResult = { marked: 0, alreadyAttended: 0, unknown: [], notConfirmed: [], invalid: [] };
  return inEvent(deps, actor, eventId, async (w) => {
    refuseAfterRetention(w.event, 'attendance can no longer be imported');
    const byEmail = await store.registrationsByEmail(w.tx, eventId);
    const toMark = new Set<string>();
    for (const record of rows) {
      const value = (record.fields[column] ?? '').trim();
      if (value === '') continue;
      const email = registrantEmailSchema.safeParse(value);
      if (!email.success) {
        result.invalid.push({ line: record.line, value: value.slice(0, 254) });
        continue;
      }
      const r = byEmail.get(email.data);
      if (!r) result.unknown.push({ line: record.line, email: email.data });
      else if (r.status === 'attended') result.alreadyAttended++;
      else if (r.status === 'confirmed') toMark.add(r.id);
      else result.notConfirmed.push({ line: record.line, email: email.data, status: r.status });
    }
    result.marked = await store.markAttended(w.tx, [...toMark], w.now);
    w.audit({
      action: 'event.attendance.import', targetType: 'event', targetId: eventId,
      details: { marked: result.marked, alreadyAttended: result.alreadyAttended, unknown: result.unknown.length, notConfirmed: result.notConfirmed.length, invalid: result.invalid.length },
    });
    return result;
  });
}

// ------------------------------------------------------------------------------ export, statistics, list

/** The registrations as CSV or XLSX (filters apply); the export of personal data is audited. */
export async function exportEvent(deps: Deps, actor: Actor, eventId: string, query: z.output<typeof exportQuerySchema>): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const event = await ownedEvent(deps, actor, eventId);
  const { rows } = await store.listRegistrations(deps.db, filterOf(eventId, query));
  const file = await exportRegistrations(event, rows, query.format);
  await deps.db.transaction((tx) =>
    appendAudit(deps, tx, actor, { action: 'event.export', targetType: 'event', targetId: eventId, organisationId: event.organisation_id, details: { format: query.format, count: rows.length } }),
  );
  return file;
}

const DEFAULT_COUNTED: RegistrationStatus[] = ['confirmed', 'attended'];

export async function statistics(deps: Deps, actor: Actor, eventId: string, statuses: RegistrationStatus[] | undefined): Promise<EventStatistics> {
  const event = await ownedEvent(deps, actor, eventId);
  const counted = statuses?.length ? statuses : DEFAULT_COUNTED;
  const byStatus = fullCounts((await store.statusCounts(deps.db, [eventId])).get(eventId));
  const [byCountry, byRole, byOrganisationType] = await Promise.all([
    store.countBy(deps.db, eventId, 'country', counted),
    store.countBy(deps.db, eventId, 'role', counted),
    store.countBy(deps.db, eventId, 'organisation_type', counted),
  ]);
  return {
    capacity: event.capacity, seatsTaken: event.seats_taken, byStatus, counted,
    total: counted.reduce((n, s) => n + byStatus[s], 0), byCountry, byRole, byOrganisationType,
  };
}

export async function participantList(deps: Deps, actor: Actor, eventId: string): Promise<ParticipantList> {
  const event = await ownedEvent(deps, actor, eventId);
  const { rows } = await store.listRegistrations(deps.db, { eventId, statuses: ['confirmed', 'attended'] });
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  rows.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.organisation, b.organisation));
  return {
    event: {
      id: event.id, title: event.title, startsAt: event.starts_at.toISOString(), endsAt: event.ends_at.toISOString(), timeZone: event.time_zone,
      language: event.language, organiser: event.organiser,
    },
    generatedAt: deps.clock.now().toISOString(),
    participants: rows.map((r) => ({
      registrationId: r.id, name: r.name, organisation: r.organisation, organisationType: r.organisation_type, country: r.country, role: r.role, status: r.status,
    })),
  };
}

// ------------------------------------------------------------------------------ messages

export async function registrationMessages(deps: Deps, actor: Actor, eventId: string, registrationId: string): Promise<MailMessageView[]> {
  await ownedRegistration(deps, actor, eventId, registrationId);
  return (await outbox.messagesOfRegistration(deps.db, registrationId)).map(presentMessage);
}

export async function eventMessages(deps: Deps, actor: Actor, eventId: string, query: z.output<typeof eventMessagesQuerySchema>): Promise<{ items: MailMessageView[]; total: number }> {
  await ownedEvent(deps, actor, eventId);
  const { rows, total } = await outbox.messagesOfEvent(deps.db, eventId, {
    limit: query.limit, offset: query.offset, ...(query.status ? { statuses: query.status } : {}), ...(query.kind ? { kinds: query.kind } : {}),
  });
  return { items: rows.map(presentMessage), total };
}

/**
 * Sends an e-mail of the same kind again, rendered afresh with new links. Only what still applies
 * can be re-sent: an offer while the seat is offered, a confirmation while confirmed, and so on.
 */
export async function resendMessage(deps: Deps, actor: Actor, eventId: string, registrationId: string, messageId: string): Promise<MailMessageView> {
  await ownedRegistration(deps, actor, eventId, registrationId);
  const original = await outbox.findMessage(deps.db, messageId);
  if (!original || original.registration_id !== registrationId) throw notFound('Message');
  const id = await inEvent(deps, actor, eventId, async (w) => {
    const r = (await store.findRegistration(w.tx, registrationId, true))!;
    if (!r.email) throw conflict('The registrant’s personal data has been removed (retention)');
    const applies =
      original.kind === statusMailKind(r.status) ||
      (['reminder', 'follow_up'].includes(original.kind) && ['confirmed', 'attended'].includes(r.status)) ||
      (original.kind === 'event_cancelled' && w.event.status === 'cancelled');
    if (!applies) throw conflict(`The registration is now ${r.status}: a ${original.kind} e-mail no longer applies`);
    const queued = await queueMail(deps, w.tx, {
      kind: original.kind, event: w.event, registration: r,
      ...(original.kind === 'reminder' ? { offset: original.dedupe_key?.split(':')[2] ?? w.event.reminder_offsets[0] ?? 'P1D' } : {}),
      ...(original.kind === 'cancellation' && r.cancel_reason ? { cancelReason: r.cancel_reason as CancelReason } : {}),
    });
    w.audit({ action: 'event.message.resend', targetType: 'event_registration', targetId: r.id, details: { eventId, kind: original.kind, originalMessageId: messageId, messageId: queued } });
    return queued!;
  });
  await deliverMessages(deps, [id]);
  return presentMessage((await outbox.findMessage(deps.db, id))!);
}

/**
 * Runs the reminder pass of one event now — or, for the instance operator only, as of another
 * instant (docs/adr/0008-event-reminders-as-of.md): what would be due then is sent now.
 */
export async function remindEvent(deps: Deps, actor: Actor, eventId: string, asOf: string | undefined): Promise<{ asOf: string; queued: number; sent: number }> {
  await ownedEvent(deps, actor, eventId);
  if (asOf && actor.kind !== 'operator') throw forbidden('Only the instance operator may run reminders as of another time (liaison event remind --as-of)');
  const at = asOf ? new Date(asOf) : deps.clock.now();
  const result = await queueReminders(deps, actor, at, eventId);
  return { asOf: at.toISOString(), ...result };
}
