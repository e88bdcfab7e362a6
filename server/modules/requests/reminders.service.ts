/**
 * Deadline reminders and calendar feeds. The reminder job (jobs.ts, every 5 minutes) e-mails the
 * case team once when a deadline's warning window opens and once when it is overdue, and expires
 * preservations whose period ended. E-mails carry references and dates only, never case content:
 * they leave the instance. Each user may have one secret, revocable iCalendar URL listing the
 * open deadlines of the cases they are on.
 */
import type { Deadline } from '../../../domain/deadlines.ts';
import { icsEscape as escapeText, icsDocument, icsTime } from '../../../domain/icalendar.ts';
import { formatInZone } from '../../../domain/time.ts';
import { getRequestDefinition } from '../../../domain/requests/index.ts';
import type { Deps } from '../../deps.ts';
import { mailerFor } from '../../adapters/mailer.ts';
import { notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { randomSecret, sha256Hex } from '../auth/crypto.ts';
import { requireCaseUser } from '../cases/cases.service.ts';
import { deadlinesOf, expireIfDue } from './requests.service.ts';
import * as store from './requests.store.ts';

const KIND_WORDS: Record<Deadline['kind'], string> = {
  preservation_expiry: 'Preservation ends',
  response_due: 'Answer due',
  service_due: 'Service on the provider due',
  production_due: 'Production due',
};

function reminderText(deps: Deps, row: store.RequestRow, d: Deadline): { subject: string; text: string } {
  const zone = row.counterpart_zone ?? 'UTC';
  const due = formatInZone(d.dueAt, zone, 'en-GB');
  const title = getRequestDefinition(row.type).title.en;
  const state = d.state === 'overdue' ? 'OVERDUE' : 'due soon';
  return {
    subject: `[Liaison] ${KIND_WORDS[d.kind]} ${state}: ${row.reference} - ${due}`,
    text: [
      `${KIND_WORDS[d.kind]} (${state}) for request ${row.reference} in case ${row.case_reference}.`,
      '',
      `Request:   ${title}`,
      `Addressee: ${row.counterpart.name ?? '—'} (${row.counterpart.country ?? '—'})`,
      `Due:       ${due} (${zone}), ${d.dueAt} UTC`,
      `Rule:      ${d.rule}`,
      ...(d.actions?.length ? [`You can:   ${d.actions.map((a) => a.replace(/_/g, ' ')).join(', ')}`] : []),
      '',
      `Open it in Liaison: ${deps.config.publicUrl}/requests/${row.id}`,
      '',
      'This message carries references only; the case stays in Liaison.',
    ].join('\n'),
  };
}

/**
 * One pass of the reminder job: expire what has expired, then send each due-soon or overdue
 * deadline's reminder to every team member who has not had it. A failed send is released so the
 * next pass retries it.
 */
export async function sendDueReminders(deps: Deps): Promise<{ sent: number; failed: number; expired: number }> {
  const mailer = deps.mailer ?? mailerFor(deps.config);
  const now = deps.clock.now();
  let sent = 0;
  let failed = 0;
  let expired = 0;
  for (const row of await store.requestsToRemind(deps.db, now)) {
    if (await deps.db.transaction((tx) => expireIfDue(deps, tx, row))) {
      expired++;
      continue;
    }
    if (!mailer.enabled) continue;
    const recipients = await store.reminderRecipients(deps.db, row.case_id);
    for (const d of deadlinesOf(row, now).deadlines) {
      if (d.state !== 'due_soon' && d.state !== 'overdue') continue;
      const key = `${d.kind}:${d.state}`;
      const reached: string[] = [];
      for (const r of recipients) {
        if (!(await store.claimReminder(deps.db, row.id, key, new Date(d.dueAt), r.user_id, now))) continue;
        try {
          await mailer.send({ to: r.email, ...reminderText(deps, row, d) });
          reached.push(r.email);
          sent++;
        } catch {
          await store.releaseReminder(deps.db, row.id, key, new Date(d.dueAt), r.user_id);
          failed++;
        }
      }
      if (reached.length)
        await deps.db.transaction((tx) =>
          appendAudit(deps, tx, systemActor('reminders'), {
            action: 'request.reminder', targetType: 'request', targetId: row.id, organisationId: row.organisation_id,
            details: { caseId: row.case_id, reference: row.reference, deadline: d.kind, state: d.state, dueAt: d.dueAt, to: reached },
          }),
        );
    }
  }
  return { sent, failed, expired };
}

// ------------------------------------------------------------------------------ iCalendar

/** Turns a user's secret feed URL on (or replaces it); the URL is shown once. */
export async function createCalendarFeed(deps: Deps, actor: Actor): Promise<{ url: string; createdAt: string }> {
  const user = requireCaseUser(actor, 'case.read');
  const token = randomSecret(32);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await store.setCalendarFeed(tx, user.userId, sha256Hex(token), now);
    await appendAudit(deps, tx, user, { action: 'calendar.feed.create', targetType: 'user', targetId: user.userId });
  });
  return { url: `${deps.config.publicUrl}/api/v1/calendar/${token}.ics`, createdAt: now.toISOString() };
}

export async function calendarFeedStatus(deps: Deps, actor: Actor): Promise<{ active: boolean; createdAt: string | null }> {
  const user = requireCaseUser(actor, 'case.read');
  const feed = await store.findCalendarFeed(deps.db, user.userId);
  return { active: Boolean(feed), createdAt: feed?.created_at.toISOString() ?? null };
}

export async function revokeCalendarFeed(deps: Deps, actor: Actor): Promise<void> {
  const user = requireCaseUser(actor, 'case.read');
  await deps.db.transaction(async (tx) => {
    if (await store.deleteCalendarFeed(tx, user.userId))
      await appendAudit(deps, tx, user, { action: 'calendar.feed.revoke', targetType: 'user', targetId: user.userId });
  });
}

/** The feed's owner as the audit log records a fetch of their feed (by a calendar application). */
function feedActor(owner: { id: string; organisation_id: string; email: string }, meta: { ip: string | null; userAgent: string | null }): Actor {
  return {
    kind: 'user', userId: owner.id, organisationId: owner.organisation_id, email: owner.email, roles: [], permissions: [],
    sessionId: null, tokenId: null, mfaVerified: false, mustChangePassword: false, mfaEnabled: true, ...meta,
  };
}

/**
 * The feed behind a secret URL: one event per open deadline of the requests in the cases the
 * user is on, with an alarm when the warning window opens. Unknown or revoked tokens get 404.
 */
export async function calendarFeed(deps: Deps, token: string, meta: { ip: string | null; userAgent: string | null }): Promise<string> {
  const owner = await store.userOfFeed(deps.db, sha256Hex(token.replace(/\.ics$/, '')));
  if (!owner) throw notFound('Calendar');
  const now = deps.clock.now();
  const rows = await store.dueRequests(deps.db, owner.id, owner.organisation_id, 'mine', new Date(now.getTime() + 400 * 86_400_000));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Liaison//Deadlines//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Liaison deadlines'];
  let events = 0;
  for (const row of rows) {
    for (const d of deadlinesOf(row, now).deadlines) {
      if (d.state === 'met' || d.state === 'suspended') continue;
      events++;
      const summary = `${KIND_WORDS[d.kind]}: ${row.reference} (${row.counterpart.country ?? '—'})`;
      lines.push(
        'BEGIN:VEVENT',
        `UID:${row.id}-${d.kind}@liaison`,
        `DTSTAMP:${icsTime(now.toISOString())}`,
        `DTSTART:${icsTime(d.dueAt)}`,
        `DTEND:${icsTime(d.dueAt)}`,
        `SUMMARY:${escapeText(summary)}`,
        `DESCRIPTION:${escapeText(`${getRequestDefinition(row.type).title.en}, case ${row.case_reference}.\n${d.rule}\nDue in the addressee's zone (${row.counterpart_zone ?? 'UTC'}): ${formatInZone(d.dueAt, row.counterpart_zone ?? 'UTC', 'en-GB')}`)}`,
        `URL:${deps.config.publicUrl}/requests/${row.id}`,
        `STATUS:CONFIRMED`,
        ...(d.warnAt && d.warnAt < d.dueAt
          ? ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(summary)}`, `TRIGGER;VALUE=DATE-TIME:${icsTime(d.warnAt)}`, 'END:VALARM']
          : []),
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  await deps.db.transaction((tx) =>
    appendAudit(deps, tx, feedActor(owner, meta), {
      action: 'calendar.feed.read', targetType: 'user', targetId: owner.id, organisationId: owner.organisation_id, details: { events },
    }),
  );
  return icsDocument(lines);
}
