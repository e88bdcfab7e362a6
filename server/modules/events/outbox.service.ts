/**
 * The e-mail outbox of events. Services queue messages inside their transaction (queueMail), so
 * a registration and its e-mail commit or roll back together; once committed they are delivered
 * at once, best effort (deliverMessages), and the job retries what failed with exponential
 * backoff until `config.mailMaxAttempts`, then marks it failed. Every message stays recorded with
 * its delivery status until the retention job removes the event's personal data.
 *
 * Links: a message that links to the registrant's page gets its own fresh 256-bit token, stored
 * hashed (event_registration_tokens) and, until delivery, sealed in the message row (AES-256-GCM,
 * key outside the database): the body itself keeps placeholders, so neither the database nor the
 * organiser's message log holds a usable link.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EVENT_WEB_PATHS, VERIFY_LINK_HOURS, type MailKind } from '../../../domain/events.ts';
import { mailerFor, type Mailer } from '../../adapters/mailer.ts';
import type { Queryable } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { randomSecret, sha256Hex } from '../auth/crypto.ts';
import { eventIcs } from './ics.ts';
import { LINK_PLACEHOLDER, linkPurposeOf, renderMail, type LinkKind, type MailContext } from './mail-texts.ts';
import * as store from './events.store.ts';
import * as outbox from './outbox.store.ts';

/** How long a claimed message is reserved for its sender before another may retry it. */
const LEASE_MS = 10 * 60_000;
/** Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours. */
export const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

const SEAL_PREFIX = 'v1:';

function seal(deps: Pick<Deps, 'keys'>, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deps.keys.secret('mail-link-seal'), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return SEAL_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(deps: Pick<Deps, 'keys'>, sealed: string): string {
  const raw = Buffer.from(sealed.slice(SEAL_PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', deps.keys.secret('mail-link-seal'), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** The absolute URL of an event's public page. */
export const eventUrlOf = (deps: Pick<Deps, 'config'>, slug: string) => `${deps.config.publicUrl}${EVENT_WEB_PATHS.event(slug)}`;

/**
 * Mints a link token for a registration: the raw value (for the e-mail) is returned, its hash
 * stored. A verification link expires after VERIFY_LINK_HOURS; a personal (manage) link stores no
 * expiry of its own but stops opening a day after its event ends (store.registrationOfToken), so
 * it follows the event when the organiser moves it.
 */
export async function mintToken(deps: Pick<Deps, 'clock'>, tx: Queryable, registrationId: string, purpose: 'verify' | 'manage'): Promise<string> {
  const token = randomSecret(32);
  const now = deps.clock.now();
  const expires = purpose === 'verify' ? new Date(now.getTime() + VERIFY_LINK_HOURS * 3_600_000) : null;
  await store.insertToken(tx, sha256Hex(token), registrationId, purpose, now, expires);
  return token;
}

export interface QueueOptions extends Omit<MailContext, 'eventUrl'> {
  kind: MailKind;
  /** Reminders and follow-ups: queued once per key. */
  dedupeKey?: string;
}

/**
 * Renders and queues one e-mail to a registrant inside `tx`; returns its id (undefined when the
 * dedupe key was already used, or the registrant has no address any more).
 */
export async function queueMail(deps: Deps, tx: Queryable, o: QueueOptions): Promise<string | undefined> {
  if (!o.registration.email) return undefined;
  // Checked before a link token is minted, so a pass that finds its reminder sent leaves nothing behind.
  if (o.dedupeKey && (await outbox.dedupeKeyUsed(tx, o.dedupeKey))) return undefined;
  const eventUrl = eventUrlOf(deps, o.event.slug);
  const { subject, body } = renderMail(o.kind, { ...o, eventUrl });
  const purpose = linkPurposeOf(body);
  const token = purpose ? await mintToken(deps, tx, o.registration.id, purpose) : null;
  const now = deps.clock.now();
  const withIcs = o.kind === 'confirmation' || o.kind === 'reminder';
  return outbox.insertMessage(tx, {
    eventId: o.event.id,
    registrationId: o.registration.id,
    kind: o.kind,
    language: o.registration.language,
    recipient: o.registration.email,
    replyTo: o.event.contact_email,
    subject,
    body,
    ics: withIcs ? eventIcs(o.event, eventUrl, deps.config.publicUrl, now) : null,
    icsFilename: withIcs ? 'event.ics' : null,
    linkTokenSealed: token ? seal(deps, token) : null,
    dedupeKey: o.dedupeKey ?? null,
    at: now,
  });
}

function fillLinks(deps: Deps, body: string, slug: string, token: string | null): string {
  return body.replace(LINK_PLACEHOLDER, (_, kind: LinkKind) => {
    if (!token) return '[link unavailable]';
    const path =
      kind === 'verify' ? EVENT_WEB_PATHS.verify(slug, token)
      : kind === 'manage' ? EVENT_WEB_PATHS.manage(slug, token)
      : EVENT_WEB_PATHS.manage(slug, token, kind);
    return deps.config.publicUrl + path;
  });
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  /** No SMTP server configured: messages stay queued. */
  skipped: number;
  /** No longer applicable when their turn came (dropIfInapplicable): marked failed, not sent. */
  dropped: number;
}

/**
 * Attempts delivery of the given messages (those still queued and due). Never throws: a failure
 * is recorded on the message for the job to retry. Each message is checked against the
 * registration and event as they are now, not as they were when it was queued.
 */
export async function deliverMessages(deps: Deps, ids: readonly (string | undefined)[]): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, skipped: 0, dropped: 0 };
  const mailer: Mailer = deps.mailer ?? mailerFor(deps.config);
  for (const id of ids) {
    if (!id) continue;
    if (!mailer.enabled) {
      result.skipped++;
      continue;
    }
    try {
      if (await outbox.dropIfInapplicable(deps.db, id)) {
        result.dropped++;
        continue;
      }
      const message = await outbox.claimMessage(deps.db, id, deps.clock.now(), LEASE_MS);
      if (!message) continue;
      const slug = (await store.findEvent(deps.db, message.event_id))?.slug ?? '';
      try {
        const token = message.link_token_sealed ? unseal(deps, message.link_token_sealed) : null;
        await mailer.send({
          to: message.recipient!,
          subject: message.subject,
          text: fillLinks(deps, message.body, slug, token),
          ...(message.reply_to ? { replyTo: message.reply_to } : {}),
          ...(message.ics
            ? { attachments: [{ filename: message.ics_filename ?? 'event.ics', content: message.ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] }
            : {}),
        });
        await outbox.markSent(deps.db, id, deps.clock.now());
        result.sent++;
      } catch (error) {
        const last = message.attempts >= deps.config.mailMaxAttempts;
        const retryAt = last ? null : new Date(deps.clock.now().getTime() + retryDelayMs(message.attempts));
        await outbox.markFailed(deps.db, id, error instanceof Error ? error.message : String(error), retryAt);
        result.failed++;
      }
    } catch {
      // The database itself failed (shutting down?): the lease runs out and the job retries.
      result.failed++;
    }
  }
  return result;
}

/** The job's delivery pass: every queued message that is due, oldest first, in batches. */
export async function deliverDueMessages(deps: Deps, batch = 200): Promise<DeliveryResult> {
  const total: DeliveryResult = { sent: 0, failed: 0, skipped: 0, dropped: 0 };
  await outbox.failStaleReminders(deps.db, deps.clock.now());
  const mailer = deps.mailer ?? mailerFor(deps.config);
  if (!mailer.enabled) return total;
  for (let round = 0; round < 50; round++) {
    const ids = await outbox.dueMessages(deps.db, deps.clock.now(), batch);
    if (ids.length === 0) break;
    const r = await deliverMessages(deps, ids);
    total.sent += r.sent;
    total.failed += r.failed;
    total.dropped += r.dropped;
    if (ids.length < batch) break;
  }
  return total;
}
