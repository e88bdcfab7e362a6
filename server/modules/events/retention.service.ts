/**
 * Retention of registrants' personal data (issue 5): `config.eventRetentionMonths` after an event
 * ends (default 12), its registrants' names, organisations, addresses and answers are removed,
 * their link tokens and e-mails deleted; country, role, organisation type and status stay, so the
 * statistics survive. Registrations never verified are deleted after 7 days. Each run that
 * changes anything writes one audit event per event with counts only — no personal data.
 */
import type { Deps } from '../../deps.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { systemActor } from '../auth/actor.ts';
import * as store from './events.store.ts';

/** Registrations whose address was never verified are deleted after this long. */
export const UNVERIFIED_RETENTION_MS = 7 * 86_400_000;

/** `months` calendar months before `at` (the same day of the month, clamped to its end). */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export interface RetentionResult {
  /** Events whose registrants were anonymised in this run. */
  events: string[];
  anonymised: number;
  messagesDeleted: number;
  unverifiedDeleted: number;
}

export async function applyEventRetention(deps: Deps): Promise<RetentionResult> {
  const actor = systemActor('retention');
  const now = deps.clock.now();
  const cutoff = monthsBefore(now, deps.config.eventRetentionMonths);
  const result: RetentionResult = { events: [], anonymised: 0, messagesDeleted: 0, unverifiedDeleted: 0 };
  for (const event of await store.eventsPastRetention(deps.db, cutoff)) {
    await deps.db.transaction(async (tx) => {
      // The event row first, as every change of its registrations does.
      await store.lockEvent(tx, event.id);
      const counts = await store.anonymiseEvent(tx, event.id, now);
      await appendAudit(deps, tx, actor, {
        action: 'event.retention.anonymise', targetType: 'event', targetId: event.id, organisationId: event.organisation_id,
        details: { eventId: event.id, registrations: counts.registrations, messages: counts.messages, tokens: counts.tokens, retentionMonths: deps.config.eventRetentionMonths },
      });
      result.events.push(event.id);
      result.anonymised += counts.registrations;
      result.messagesDeleted += counts.messages;
    });
  }
  await deps.db.transaction(async (tx) => {
    for (const gone of await store.deleteUnverified(tx, new Date(now.getTime() - UNVERIFIED_RETENTION_MS))) {
      result.unverifiedDeleted += gone.n;
      await appendAudit(deps, tx, actor, {
        action: 'event.retention.unverified', targetType: 'event', targetId: gone.event_id, organisationId: gone.organisation_id,
        details: { eventId: gone.event_id, deleted: gone.n },
      });
    }
    // The per-domain counters are only needed for the rate-limit window.
    await store.pruneSignups(tx, new Date(now.getTime() - deps.config.eventRateLimits.domainWindowMs));
  });
  return result;
}
