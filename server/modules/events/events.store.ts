/**
 * SQL for events, registrations, their link tokens and the per-domain sign-up counter. Seats are
 * counted on the event row and changed only by the conditional updates here (takeSeat,
 * releaseSeat), inside the transaction that changes the registration; callers lock the event row
 * first (lockEvent) and registrations after it, so concurrent changes never deadlock.
 */
import type { Queryable } from '../../db/database.ts';
import type {
  Answers, EventKind, EventStatus, Material, OrganisationType, ParticipantRole, ProgrammeSession, Question, RegistrationLanguage,
  RegistrationStatus,
} from '../../../domain/events.ts';

/** An event as read: what the organiser wrote (EventValues) and what the system keeps. */
export interface EventRow extends EventValues {
  id: string;
  organisation_id: string;
  organiser: string;
  status: EventStatus;
  seats_taken: number;
  ics_sequence: number;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  cancelled_at: Date | null;
  personal_data_removed_at: Date | null;
}

const EVENT_COLUMNS = `e.id, e.organisation_id, o.name AS organiser, e.slug, e.status, e.kind, e.title, e.description, e.programme, e.time_zone,
  e.starts_at, e.duration_minutes, e.ends_at, e.language, e.interpretation_note, e.capacity, e.seats_taken, e.registration_opens_at,
  e.registration_closes_at, e.questions, e.requires_approval, e.connection_instructions, e.rules_of_engagement, e.reminder_offsets,
  e.offer_window_hours, e.materials, e.privacy_notice, e.contact_email, e.ics_sequence, e.created_at, e.updated_at, e.published_at,
  e.cancelled_at, e.personal_data_removed_at`;

/** The columns an organiser writes (snake_case as stored). */
export interface EventValues {
  slug: string;
  kind: EventKind;
  title: string;
  description: string;
  programme: ProgrammeSession[];
  time_zone: string;
  starts_at: Date;
  duration_minutes: number;
  ends_at: Date;
  language: string;
  interpretation_note: string;
  capacity: number;
  registration_opens_at: Date;
  registration_closes_at: Date;
  questions: Question[];
  requires_approval: boolean;
  connection_instructions: string;
  rules_of_engagement: string;
  reminder_offsets: string[];
  offer_window_hours: number;
  materials: Material[];
  privacy_notice: string;
  contact_email: string | null;
}

const JSON_COLUMNS = new Set(['programme', 'questions', 'materials']);
const param = (key: string, value: unknown) => (JSON_COLUMNS.has(key) ? JSON.stringify(value) : value);

export async function slugTaken(q: Queryable, slug: string, exceptId?: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM events WHERE slug = $1 AND id IS DISTINCT FROM $2', [slug, exceptId ?? null]);
  return rows.length > 0;
}

/** Inserts a draft event; undefined when its slug is taken (by a concurrent insert too). */
export async function insertEventOrSlugTaken(q: Queryable, organisationId: string, createdBy: string | null, v: EventValues, at: Date): Promise<string | undefined> {
  const keys = Object.keys(v) as (keyof EventValues)[];
  const placeholders = keys.map((k, i) => (JSON_COLUMNS.has(k) ? `$${i + 5}::jsonb` : `$${i + 5}`));
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO events (organisation_id, created_by, created_at, updated_at, status, ${keys.join(', ')})
     VALUES ($1, $2, $3, $4, 'draft', ${placeholders.join(', ')}) ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [organisationId, createdBy, at, at, ...keys.map((k) => param(k, v[k]))],
  );
  return rows[0]?.id;
}

export async function updateEvent(q: Queryable, id: string, changes: Partial<EventValues> & { ics_sequence?: number }, at: Date): Promise<void> {
  const keys = Object.keys(changes) as (keyof typeof changes)[];
  const sets = keys.map((k, i) => `${k} = $${i + 3}${JSON_COLUMNS.has(k) ? '::jsonb' : ''}`);
  await q.query(`UPDATE events SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, [id, at, ...keys.map((k) => param(k, changes[k]))]);
}

export async function setEventStatus(q: Queryable, id: string, status: EventStatus, at: Date): Promise<void> {
  await q.query(
    `UPDATE events SET status = $2, updated_at = $3,
       published_at = CASE WHEN $2 = 'published' THEN $3 ELSE published_at END,
       cancelled_at = CASE WHEN $2 = 'cancelled' THEN $3 ELSE cancelled_at END
     WHERE id = $1`,
    [id, status, at],
  );
}

export async function deleteEvent(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM events WHERE id = $1', [id]);
}

/** The event by id, in any organisation (the service checks ownership). */
export async function findEvent(q: Queryable, id: string): Promise<EventRow | undefined> {
  const { rows } = await q.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e JOIN organisations o ON o.id = e.organisation_id WHERE e.id = $1`, [id]);
  return rows[0];
}

export async function findEventBySlug(q: Queryable, slug: string): Promise<EventRow | undefined> {
  const { rows } = await q.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e JOIN organisations o ON o.id = e.organisation_id WHERE e.slug = $1`, [slug]);
  return rows[0];
}

/**
 * Locks the event row for a change of seats or status and returns it fresh. Every transaction
 * that changes seats locks the event first, then registrations: one order, no deadlock.
 */
export async function lockEvent(q: Queryable, id: string): Promise<EventRow | undefined> {
  const { rows } = await q.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e JOIN organisations o ON o.id = e.organisation_id WHERE e.id = $1 FOR UPDATE OF e`,
    [id],
  );
  return rows[0];
}

export interface EventSearch {
  /** null: every organisation (the operator). */
  organisationId: string | null;
  status?: EventStatus;
  text: string | null;
  endsAfter?: Date;
  limit: number;
  offset: number;
}

export async function searchEvents(q: Queryable, s: EventSearch): Promise<{ rows: EventRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (s.organisationId) where.push(`e.organisation_id = ${add(s.organisationId)}`);
  if (s.status) where.push(`e.status = ${add(s.status)}`);
  if (s.text) where.push(`e.search @@ to_tsquery('simple', ${add(s.text)})`);
  if (s.endsAfter) where.push(`e.ends_at >= ${add(s.endsAfter)}`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM events e ${clause}`, params)).rows[0]!.n;
  const { rows } = await q.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e JOIN organisations o ON o.id = e.organisation_id ${clause}
      ORDER BY e.starts_at DESC, e.id LIMIT ${add(s.limit)} OFFSET ${add(s.offset)}`,
    params,
  );
  return { rows, total };
}

/**
 * The columns of an upcoming event the listing needs: public ones only. The private fields
 * (connection instructions, rules of engagement, materials) are not even read from the database,
 * so no later change to the presenter can leak them.
 */
export type UpcomingEventRow = Pick<
  EventRow,
  | 'slug' | 'organiser' | 'kind' | 'title' | 'time_zone' | 'starts_at' | 'ends_at' | 'duration_minutes' | 'language' | 'interpretation_note' | 'capacity'
  | 'seats_taken' | 'registration_opens_at' | 'registration_closes_at' | 'requires_approval'
>;

export interface UpcomingSearch {
  /** Events starting strictly after this instant. */
  after: Date;
  /** A `to_tsquery('simple', …)` text (prefixQuery), or null. */
  text: string | null;
  language?: string;
  limit: number;
  offset: number;
}

/**
 * Published events of every organisation starting after `after`, soonest first (ties by id, so
 * pages never overlap). Runs on the partial index events_starts_idx (starts_at WHERE status =
 * 'published'): a cancelled or draft event is not in it, and a past one is before the range.
 */
export async function searchUpcomingEvents(q: Queryable, s: UpcomingSearch): Promise<{ rows: UpcomingEventRow[]; total: number }> {
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`e.status = 'published'`, `e.starts_at > ${add(s.after)}`];
  if (s.text) where.push(`e.search @@ to_tsquery('simple', ${add(s.text)})`);
  if (s.language) where.push(`e.language = ${add(s.language)}`);
  const clause = `WHERE ${where.join(' AND ')}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM events e ${clause}`, params)).rows[0]!.n;
  const { rows } = await q.query<UpcomingEventRow>(
    `SELECT e.slug, o.name AS organiser, e.kind, e.title, e.time_zone, e.starts_at, e.ends_at, e.duration_minutes, e.language, e.interpretation_note,
            e.capacity, e.seats_taken, e.registration_opens_at, e.registration_closes_at, e.requires_approval
       FROM events e JOIN organisations o ON o.id = e.organisation_id ${clause}
      ORDER BY e.starts_at, e.id LIMIT ${add(s.limit)} OFFSET ${add(s.offset)}`,
    params,
  );
  return { rows, total };
}

/** Registrations per status for each event. */
export async function statusCounts(q: Queryable, eventIds: string[]): Promise<Map<string, Partial<Record<RegistrationStatus, number>>>> {
  const out = new Map<string, Partial<Record<RegistrationStatus, number>>>();
  if (eventIds.length === 0) return out;
  const { rows } = await q.query<{ event_id: string; status: RegistrationStatus; n: number }>(
    'SELECT event_id, status, count(*)::int AS n FROM event_registrations WHERE event_id = ANY($1::uuid[]) GROUP BY 1, 2',
    [eventIds],
  );
  for (const r of rows) {
    const counts = out.get(r.event_id) ?? {};
    counts[r.status] = r.n;
    out.set(r.event_id, counts);
  }
  return out;
}

// ------------------------------------------------------------------------------ seats

/** Takes one seat if one is free: the database, not this process, decides. */
export async function takeSeat(q: Queryable, eventId: string): Promise<boolean> {
  const { rows } = await q.query('UPDATE events SET seats_taken = seats_taken + 1 WHERE id = $1 AND seats_taken < capacity RETURNING seats_taken', [eventId]);
  return rows.length === 1;
}

export async function releaseSeat(q: Queryable, eventId: string): Promise<void> {
  await q.query('UPDATE events SET seats_taken = seats_taken - 1 WHERE id = $1', [eventId]);
}

// ------------------------------------------------------------------------------ registrations

export interface RegistrationRow {
  id: string;
  /** Arrival order (ties of verification time). */
  seq: number;
  event_id: string;
  status: RegistrationStatus;
  source: 'public' | 'organiser';
  name: string;
  organisation: string;
  email: string | null;
  answers: Answers;
  organisation_type: OrganisationType | null;
  country: string;
  role: ParticipantRole;
  language: RegistrationLanguage;
  consent_at: Date | null;
  created_at: Date;
  verified_at: Date | null;
  confirmed_at: Date | null;
  offered_at: Date | null;
  offer_expires_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  attended_at: Date | null;
  rejected_at: Date | null;
  anonymised_at: Date | null;
}

export interface NewRegistration {
  eventId: string;
  status: RegistrationStatus;
  source: 'public' | 'organiser';
  name: string;
  organisation: string;
  email: string;
  answers: Answers;
  organisationType: OrganisationType | null;
  country: string;
  role: ParticipantRole;
  language: RegistrationLanguage;
  consentAt: Date | null;
  at: Date;
  verifiedAt: Date | null;
  confirmedAt: Date | null;
}

/**
 * Inserts a registration unless the address already has one for the event that is not cancelled
 * (the partial unique index decides, also between concurrent sign-ups): then returns undefined.
 */
export async function insertRegistration(q: Queryable, r: NewRegistration): Promise<RegistrationRow | undefined> {
  const { rows } = await q.query<RegistrationRow>(
    `INSERT INTO event_registrations (event_id, status, source, name, organisation, email, answers, organisation_type, country, role, language,
       consent_at, created_at, verified_at, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (event_id, email) WHERE status IN ('pending_email', 'pending_approval', 'confirmed', 'waiting', 'offered', 'attended', 'rejected') DO NOTHING
     RETURNING *`,
    [r.eventId, r.status, r.source, r.name, r.organisation, r.email, JSON.stringify(r.answers), r.organisationType, r.country, r.role, r.language,
      r.consentAt, r.at, r.verifiedAt, r.confirmedAt],
  );
  return rows[0];
}

/** The registration of an address for an event that blocks a new one (any but cancelled), if any. */
export async function findLiveRegistration(q: Queryable, eventId: string, email: string): Promise<RegistrationRow | undefined> {
  const { rows } = await q.query<RegistrationRow>(
    `SELECT * FROM event_registrations WHERE event_id = $1 AND email = $2
        AND status IN ('pending_email', 'pending_approval', 'confirmed', 'waiting', 'offered', 'attended', 'rejected')`,
    [eventId, email],
  );
  return rows[0];
}

export async function findRegistration(q: Queryable, id: string, lock = false): Promise<RegistrationRow | undefined> {
  const { rows } = await q.query<RegistrationRow>(`SELECT * FROM event_registrations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** Status changes with the timestamps that go with them; unset fields are left as they are. */
export interface RegistrationChange {
  status: RegistrationStatus;
  verified_at?: Date;
  confirmed_at?: Date;
  offered_at?: Date | null;
  offer_expires_at?: Date | null;
  cancelled_at?: Date;
  cancel_reason?: string;
  attended_at?: Date;
  rejected_at?: Date;
}

export async function changeRegistration(q: Queryable, id: string, change: RegistrationChange): Promise<RegistrationRow> {
  const keys = Object.keys(change) as (keyof RegistrationChange)[];
  const sets = keys.map((k, i) => `${k} = $${i + 2}`);
  const { rows } = await q.query<RegistrationRow>(`UPDATE event_registrations SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, [id, ...keys.map((k) => change[k])]);
  return rows[0]!;
}

/** Whether anyone waits for a seat or holds an offer (newcomers then queue behind them). */
export async function hasQueue(q: Queryable, eventId: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM event_registrations WHERE event_id = $1 AND status IN ('waiting', 'offered') LIMIT 1`, [eventId]);
  return rows.length > 0;
}

/** The first of the waiting list (FIFO by verification time), locked. */
export async function firstWaiting(q: Queryable, eventId: string): Promise<RegistrationRow | undefined> {
  const { rows } = await q.query<RegistrationRow>(
    `SELECT * FROM event_registrations WHERE event_id = $1 AND status = 'waiting' ORDER BY verified_at, seq LIMIT 1 FOR UPDATE`,
    [eventId],
  );
  return rows[0];
}

/** The 1-based place of one waiting registration (an index range count, not the whole list). */
export async function waitingPosition(q: Queryable, r: Pick<RegistrationRow, 'event_id' | 'verified_at' | 'seq'>): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM event_registrations WHERE event_id = $1 AND status = 'waiting' AND (verified_at, seq) <= ($2, $3)`,
    [r.event_id, r.verified_at, r.seq],
  );
  return rows[0]!.n;
}

/** 1-based places on the waiting list of the given registrations. */
export async function waitingPositions(q: Queryable, eventId: string): Promise<Map<string, number>> {
  const { rows } = await q.query<{ id: string; position: number }>(
    `SELECT id, row_number() OVER (ORDER BY verified_at, seq)::int AS position FROM event_registrations WHERE event_id = $1 AND status = 'waiting'`,
    [eventId],
  );
  return new Map(rows.map((r) => [r.id, r.position]));
}

export interface RegistrationFilter {
  eventId: string;
  statuses?: RegistrationStatus[];
  countries?: string[];
  roles?: ParticipantRole[];
  organisationTypes?: OrganisationType[];
  text?: string;
}

function filterClause(f: RegistrationFilter, params: unknown[]): string {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`r.event_id = ${add(f.eventId)}`];
  if (f.statuses?.length) where.push(`r.status = ANY(${add(f.statuses)}::text[])`);
  if (f.countries?.length) where.push(`r.country = ANY(${add(f.countries)}::text[])`);
  if (f.roles?.length) where.push(`r.role = ANY(${add(f.roles)}::text[])`);
  if (f.organisationTypes?.length) where.push(`r.organisation_type = ANY(${add(f.organisationTypes)}::text[])`);
  if (f.text) {
    // Plain substring match: an event has at most 10,000 registrations, and names need no stemming.
    const like = add(`%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(r.name ILIKE ${like} OR r.organisation ILIKE ${like} OR r.email ILIKE ${like})`);
  }
  return where.join(' AND ');
}

/** Registrations matching the filter: waiting ones in list order, the rest newest first. */
export async function listRegistrations(q: Queryable, f: RegistrationFilter, page?: { limit: number; offset: number }): Promise<{ rows: RegistrationRow[]; total: number }> {
  const params: unknown[] = [];
  const where = filterClause(f, params);
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_registrations r WHERE ${where}`, params)).rows[0]!.n;
  const paging = page ? ` LIMIT ${Number(page.limit)} OFFSET ${Number(page.offset)}` : '';
  const { rows } = await q.query<RegistrationRow>(
    `SELECT r.* FROM event_registrations r WHERE ${where}
      ORDER BY (r.status = 'waiting') DESC, CASE WHEN r.status = 'waiting' THEN r.verified_at END, CASE WHEN r.status = 'waiting' THEN r.seq END, r.created_at DESC, r.seq DESC${paging}`,
    params,
  );
  return { rows, total };
}

/** Counts for the statistics: by status (all), and by country, role and organisation type (the given statuses). */
export async function countBy(q: Queryable, eventId: string, column: 'country' | 'role' | 'organisation_type', statuses: RegistrationStatus[]): Promise<{ key: string; count: number }[]> {
  const { rows } = await q.query<{ key: string | null; count: number }>(
    `SELECT ${column} AS key, count(*)::int AS count FROM event_registrations
      WHERE event_id = $1 AND status = ANY($2::text[]) GROUP BY 1 ORDER BY 2 DESC, 1`,
    [eventId, statuses],
  );
  return rows.map((r) => ({ key: r.key ?? 'unknown', count: r.count }));
}

/** Confirmed (and attended) registrations by address, for the attendance import. */
export async function registrationsByEmail(q: Queryable, eventId: string): Promise<Map<string, RegistrationRow>> {
  const { rows } = await q.query<RegistrationRow>(
    `SELECT * FROM event_registrations WHERE event_id = $1 AND email IS NOT NULL ORDER BY seq`,
    [eventId],
  );
  // A live registration wins over older cancelled ones of the same address.
  const out = new Map<string, RegistrationRow>();
  for (const r of rows) {
    const seen = out.get(r.email!);
    if (!seen || ['cancelled', 'rejected'].includes(seen.status)) out.set(r.email!, r);
  }
  return out;
}

export async function markAttended(q: Queryable, ids: string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const { rowCount } = await q.query(
    `UPDATE event_registrations SET status = 'attended', attended_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'confirmed'`,
    [ids, at],
  );
  return rowCount;
}

// ------------------------------------------------------------------------------ tokens

export async function insertToken(q: Queryable, hash: string, registrationId: string, purpose: 'verify' | 'manage', at: Date, expiresAt: Date | null): Promise<void> {
  await q.query('INSERT INTO event_registration_tokens (token_hash, registration_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    hash, registrationId, purpose, at, expiresAt,
  ]);
}

/** How long after its event ends a personal (manage) link still opens the registration. */
export const MANAGE_LINK_AFTER_END_MS = 86_400_000;

/**
 * The registration a link token opens, if the token exists, has that purpose and has not
 * expired. Verification links carry their own expiry; personal (manage) links expire a day after
 * their event ends — reckoned from the event's current end, so moving the event moves the expiry
 * of every link already sent, and a leaked link is not valid for ever.
 */
export async function registrationOfToken(q: Queryable, hash: string, purpose: 'verify' | 'manage', now: Date): Promise<RegistrationRow | undefined> {
  const { rows } = await q.query<RegistrationRow>(
    `SELECT r.* FROM event_registration_tokens t JOIN event_registrations r ON r.id = t.registration_id JOIN events e ON e.id = r.event_id
      WHERE t.token_hash = $1 AND t.purpose = $2 AND (t.expires_at IS NULL OR t.expires_at > $3)
        AND (t.purpose <> 'manage' OR e.ends_at > $4)`,
    [hash, purpose, now, new Date(now.getTime() - MANAGE_LINK_AFTER_END_MS)],
  );
  return rows[0];
}

// ------------------------------------------------------------------------------ per-domain counter

/**
 * Counts the domain's sign-ups in the window and records this one, unless the limit is reached.
 * A transaction-scoped advisory lock per domain makes count-then-insert exact under concurrency.
 */
export async function countSignup(q: Queryable, domain: string, since: Date, at: Date, limit: number): Promise<boolean> {
  await q.query("SELECT pg_advisory_xact_lock(hashtext('event-signup:' || $1))", [domain]);
  const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM event_signup_attempts WHERE domain = $1 AND at > $2', [domain, since]);
  if (rows[0]!.n >= limit) return false;
  await q.query('INSERT INTO event_signup_attempts (domain, at) VALUES ($1, $2)', [domain, at]);
  return true;
}

export async function pruneSignups(q: Queryable, before: Date): Promise<number> {
  return (await q.query('DELETE FROM event_signup_attempts WHERE at <= $1', [before])).rowCount;
}

// ------------------------------------------------------------------------------ jobs and retention

/** Offers whose window has passed. */
export async function expiredOffers(q: Queryable, now: Date, limit = 500): Promise<RegistrationRow[]> {
  const { rows } = await q.query<RegistrationRow>(
    `SELECT * FROM event_registrations WHERE status = 'offered' AND offer_expires_at <= $1 ORDER BY offer_expires_at, id LIMIT $2`,
    [now, limit],
  );
  return rows;
}

/** Published events starting within `horizonMs` after `now` (reminder candidates). */
export async function eventsStartingSoon(q: Queryable, now: Date, horizonMs: number): Promise<EventRow[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e JOIN organisations o ON o.id = e.organisation_id
      WHERE e.status = 'published' AND e.starts_at > $1 AND e.starts_at <= $2`,
    [now, new Date(now.getTime() + horizonMs)],
  );
  return rows;
}

/** Published events that ended between `since` and `now`, with materials to send (follow-ups). */
export async function eventsEndedRecently(q: Queryable, now: Date, since: Date): Promise<EventRow[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e JOIN organisations o ON o.id = e.organisation_id
      WHERE e.status = 'published' AND e.ends_at <= $1 AND e.ends_at > $2 AND jsonb_array_length(e.materials) > 0
        AND e.personal_data_removed_at IS NULL`,
    [now, since],
  );
  return rows;
}

/** Registrations of an event in the given statuses (reminder and follow-up recipients). */
export async function registrationsIn(q: Queryable, eventId: string, statuses: RegistrationStatus[]): Promise<RegistrationRow[]> {
  const { rows } = await q.query<RegistrationRow>(
    'SELECT * FROM event_registrations WHERE event_id = $1 AND status = ANY($2::text[]) AND email IS NOT NULL ORDER BY seq',
    [eventId, statuses],
  );
  return rows;
}

/**
 * Events whose registrants are due for anonymisation: ended before `cutoff`, and either never
 * done or holding registrations not anonymised yet — whatever personal_data_removed_at says, so
 * a registration written after a run (by a race or older code) is not kept for ever.
 */
export async function eventsPastRetention(q: Queryable, cutoff: Date): Promise<{ id: string; organisation_id: string }[]> {
  const { rows } = await q.query<{ id: string; organisation_id: string }>(
    `SELECT e.id, e.organisation_id FROM events e
      WHERE e.ends_at < $1
        AND (e.personal_data_removed_at IS NULL
             OR EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = e.id AND r.anonymised_at IS NULL))
      ORDER BY e.ends_at, e.id`,
    [cutoff],
  );
  return rows;
}

/**
 * Removes the personal data of an event's registrants: names, organisations, addresses and
 * answers go; country, role, organisation type and status stay (the statistics). Their link
 * tokens and e-mails are deleted. Returns the counts.
 */
export async function anonymiseEvent(q: Queryable, eventId: string, at: Date): Promise<{ registrations: number; messages: number; tokens: number }> {
  const tokens = (await q.query(
    'DELETE FROM event_registration_tokens t USING event_registrations r WHERE r.id = t.registration_id AND r.event_id = $1', [eventId],
  )).rowCount;
  const messages = (await q.query('DELETE FROM event_messages WHERE event_id = $1', [eventId])).rowCount;
  const registrations = (await q.query(
    `UPDATE event_registrations SET name = '', organisation = '', email = NULL, answers = '{}'::jsonb, anonymised_at = $2
      WHERE event_id = $1 AND anonymised_at IS NULL`,
    [eventId, at],
  )).rowCount;
  await q.query('UPDATE events SET personal_data_removed_at = $2 WHERE id = $1', [eventId, at]);
  return { registrations, messages, tokens };
}

/** Deletes registrations never verified, created before `before`; returns them per event. */
export async function deleteUnverified(q: Queryable, before: Date): Promise<{ event_id: string; organisation_id: string; n: number }[]> {
  const { rows } = await q.query<{ event_id: string; organisation_id: string; n: number }>(
    `WITH gone AS (DELETE FROM event_registrations WHERE status = 'pending_email' AND created_at < $1 RETURNING event_id)
     SELECT g.event_id, e.organisation_id, count(*)::int AS n FROM gone g JOIN events e ON e.id = g.event_id GROUP BY 1, 2 ORDER BY 1`,
    [before],
  );
  return rows;
}
