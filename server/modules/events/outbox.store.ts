/**
 * SQL for the e-mail outbox of events. A message is claimed before each delivery attempt (its
 * attempt counted and a lease set), so the post-commit send and the job never send it twice.
 */
import type { Queryable } from '../../db/database.ts';
import type { MailKind, MailStatus, RegistrationLanguage } from '../../../domain/events.ts';

export interface MessageRow {
  id: string;
  /** Queue order. */
  seq: number;
  event_id: string;
  registration_id: string | null;
  kind: MailKind;
  language: RegistrationLanguage;
  recipient: string | null;
  reply_to: string | null;
  subject: string;
  body: string;
  ics: string | null;
  ics_filename: string | null;
  link_token_sealed: string | null;
  dedupe_key: string | null;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
}

export interface NewMessage {
  eventId: string;
  registrationId: string | null;
  kind: MailKind;
  language: RegistrationLanguage;
  recipient: string;
  replyTo: string | null;
  subject: string;
  body: string;
  ics: string | null;
  icsFilename: string | null;
  linkTokenSealed: string | null;
  dedupeKey: string | null;
  at: Date;
}

/** Queues a message; with a dedupe key already used, queues nothing and returns undefined. */
export async function insertMessage(q: Queryable, m: NewMessage): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO event_messages (event_id, registration_id, kind, language, recipient, reply_to, subject, body, ics, ics_filename, link_token_sealed,
       dedupe_key, status, attempts, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'queued', 0, $13, $13)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [m.eventId, m.registrationId, m.kind, m.language, m.recipient, m.replyTo, m.subject, m.body, m.ics, m.icsFilename, m.linkTokenSealed, m.dedupeKey, m.at],
  );
  return rows[0]?.id;
}

/** The dedupe keys already used for an event's messages of `kind` (reminders, follow-ups). */
export async function dedupeKeysOf(q: Queryable, eventId: string, kind: MailKind): Promise<Set<string>> {
  const { rows } = await q.query<{ dedupe_key: string }>('SELECT dedupe_key FROM event_messages WHERE event_id = $1 AND kind = $2 AND dedupe_key IS NOT NULL', [eventId, kind]);
  return new Set(rows.map((r) => r.dedupe_key));
}

export async function dedupeKeyUsed(q: Queryable, key: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM event_messages WHERE dedupe_key = $1', [key])).rows.length > 0;
}

/** Reminders still queued when their event has started are pointless: marked failed, never sent late. */
export async function failStaleReminders(q: Queryable, now: Date): Promise<number> {
  return (await q.query(
    `UPDATE event_messages m SET status = 'failed', last_error = 'not delivered before the event started', next_attempt_at = NULL, link_token_sealed = NULL
       FROM events e WHERE e.id = m.event_id AND m.status = 'queued' AND m.kind = 'reminder' AND e.starts_at <= $1`,
    [now],
  )).rowCount;
}

/**
 * Drops a queued confirmation, reminder or follow-up that no longer applies — its registration
 * is no longer confirmed (or attended), or its event was cancelled — so connection instructions
 * queued or retried hours ago never reach someone who cancelled or was rejected meanwhile. The
 * message is kept as failed with the reason (the organiser's log shows it), its sealed link
 * token erased. Returns whether it was dropped.
 */
export async function dropIfInapplicable(q: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE event_messages m SET status = 'failed', next_attempt_at = NULL, link_token_sealed = NULL,
       last_error = CASE WHEN r.status NOT IN ('confirmed', 'attended') THEN 'not sent: the registration is no longer confirmed' ELSE 'not sent: the event has been cancelled' END
       FROM events e, event_registrations r
      WHERE m.id = $1 AND m.status = 'queued' AND m.kind IN ('confirmation', 'reminder', 'follow_up')
        AND e.id = m.event_id AND r.id = m.registration_id
        AND (e.status = 'cancelled' OR r.status NOT IN ('confirmed', 'attended'))`,
    [id],
  );
  return rowCount > 0;
}

/**
 * Claims a queued message that is due: counts the attempt and leases it for `leaseMs`, so no
 * other sender picks it meanwhile (a crashed sender's lease runs out and the job retries).
 */
export async function claimMessage(q: Queryable, id: string, now: Date, leaseMs: number): Promise<MessageRow | undefined> {
  const { rows } = await q.query<MessageRow>(
    `UPDATE event_messages SET attempts = attempts + 1, next_attempt_at = $3
      WHERE id = $1 AND status = 'queued' AND next_attempt_at <= $2 AND recipient IS NOT NULL RETURNING *`,
    [id, now, new Date(now.getTime() + leaseMs)],
  );
  return rows[0];
}

export async function markSent(q: Queryable, id: string, at: Date): Promise<void> {
  // The sealed link token has done its work: it does not stay in the database.
  await q.query(
    `UPDATE event_messages SET status = 'sent', sent_at = $2, next_attempt_at = NULL, last_error = NULL, link_token_sealed = NULL WHERE id = $1`,
    [id, at],
  );
}

/** Records a failed attempt: retried at `retryAt`, or failed for good when `retryAt` is null. */
export async function markFailed(q: Queryable, id: string, error: string, retryAt: Date | null): Promise<void> {
  await q.query(
    `UPDATE event_messages SET last_error = $2, next_attempt_at = $3,
       status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'queued' END,
       link_token_sealed = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE link_token_sealed END
     WHERE id = $1`,
    [id, error.slice(0, 500), retryAt],
  );
}

/** Queued messages due for an attempt, oldest first. */
export async function dueMessages(q: Queryable, now: Date, limit: number): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM event_messages WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, seq LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

export async function findMessage(q: Queryable, id: string): Promise<MessageRow | undefined> {
  const { rows } = await q.query<MessageRow>('SELECT * FROM event_messages WHERE id = $1', [id]);
  return rows[0];
}

export async function messagesOfRegistration(q: Queryable, registrationId: string): Promise<MessageRow[]> {
  const { rows } = await q.query<MessageRow>('SELECT * FROM event_messages WHERE registration_id = $1 ORDER BY seq', [registrationId]);
  return rows;
}

export async function messagesOfEvent(
  q: Queryable,
  eventId: string,
  f: { statuses?: MailStatus[]; kinds?: MailKind[]; limit: number; offset: number },
): Promise<{ rows: MessageRow[]; total: number }> {
  const params: unknown[] = [eventId];
  const where = ['event_id = $1'];
  if (f.statuses?.length) {
    params.push(f.statuses);
    where.push(`status = ANY($${params.length}::text[])`);
  }
  if (f.kinds?.length) {
    params.push(f.kinds);
    where.push(`kind = ANY($${params.length}::text[])`);
  }
  const clause = where.join(' AND ');
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_messages WHERE ${clause}`, params)).rows[0]!.n;
  const { rows } = await q.query<MessageRow>(
    `SELECT * FROM event_messages WHERE ${clause} ORDER BY seq DESC LIMIT ${Number(f.limit)} OFFSET ${Number(f.offset)}`,
    params,
  );
  return { rows, total };
}
