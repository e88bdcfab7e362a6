/**
 * The organiser's tools: approval and rejection, capacity changes, the message log and re-sending,
 * delivery retries after an SMTP failure, attendance import, CSV and XLSX export (read back with
 * exceljs), statistics and the printable list, reminders on demand (as of another time for the
 * operator only), cancellation of the event, and the retention job (anonymised registrants,
 * statistics kept, audited without personal data).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceResult, EventStatistics, EventView, MailMessageView, ParticipantList, Registration } from '../../domain/events.ts';
import { JOBS } from '../../server/jobs/jobs.ts';
import { parseCsv } from '../../server/modules/directory/csv.ts';
import { asOperator, createOrganisation, createTestContext, createUser, type TestContext } from '../support/context.ts';
import { CONNECTION, linkIn, publicPath, publishedEvent, registrant, tokenClient, webinar, type Client } from '../support/events.ts';
import { expectError, fieldPaths } from '../support/http.ts';
import { startSmtp, type TestSmtp } from '../support/mail.ts';

let ctx: TestContext;
let smtp: TestSmtp;
let trainer: Client;
let event: EventView;
const mailJob = JOBS.find((j) => j.name === 'event-mail')!;
const retentionJob = JOBS.find((j) => j.name === 'event-retention')!;

const START = '2026-04-01T12:00:00.000Z';
const visitor: Client = (opts) => ctx.app.inject({ ...opts, remoteAddress: '203.0.113.50' });

async function signUp(email: string, overrides: Parameters<typeof registrant>[1] = {}): Promise<void> {
  const res = await visitor({ method: 'POST', url: publicPath(event.slug, 'registrations'), payload: registrant(email, { joinWaitingList: true, ...overrides }) });
  expect(res.statusCode, res.body).toBe(202);
  const verified = await visitor({ method: 'POST', url: publicPath(event.slug, 'verify'), payload: { token: linkIn(smtp.to(email).at(-1)!, '/verify').token } });
  expect(verified.statusCode, verified.body).toBe(200);
}
async function registrations(query = ''): Promise<Registration[]> {
  const res = await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations?limit=500${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Registration[] }).items;
}
const byEmail = async (email: string) => (await registrations()).find((r) => r.email === email)!;

beforeAll(async () => {
  smtp = await startSmtp();
  ctx = await createTestContext({ LIAISON_SMTP_URL: smtp.url, LIAISON_PUBLIC_URL: 'https://liaison.example.org', LIAISON_EVENT_IP_RATE_LIMIT: '1000', LIAISON_EVENT_LINK_RATE_LIMIT: '1000' });
  const org = (await createOrganisation(ctx, 'Organiser Training Centre (fictitious)', 'BE')).id;
  trainer = await tokenClient(ctx, await createUser(ctx, { organisationId: org, roles: ['trainer'] }));
  event = await publishedEvent(trainer, webinar(START, '2026-03-01T00:00:00Z', {
    capacity: 2, requiresApproval: true,
    questions: [{ id: 'diet', label: 'Dietary needs', kind: 'text' }],
  }));
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

describe('approval', () => {
  it('a verified registration waits for the organiser, who approves (confirmed) or rejects (told, with the reason)', async () => {
    await signUp('ines@police.example.org', { country: 'BE' });
    await signUp('jon@court.example.org', { country: 'DE', role: 'judge', organisationType: 'court' });
    await signUp('kim@ngo.example.org', { country: 'DE', role: 'ngo', organisationType: 'ngo' });
    expect((await registrations()).map((r) => r.status)).toEqual(['pending_approval', 'pending_approval', 'pending_approval']);
    expect(smtp.to('ines@police.example.org').at(-1)!.subject).toBe(`Registration received, awaiting approval: ${event.title}`);
    const ines = await byEmail('ines@police.example.org');
    expect(ines.allowed).toEqual({ approve: true, reject: true });
    const approved = await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${ines.id}/approve` });
    expect(approved.json()).toMatchObject({ status: 'confirmed' });
    expect(smtp.to('ines@police.example.org').at(-1)!.text).toContain(CONNECTION);
    const kim = await byEmail('kim@ngo.example.org');
    const rejected = await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${kim.id}/reject`, payload: { reason: 'This session is for public authorities only.' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected', allowed: { approve: false, reject: false } });
    expect(smtp.to('kim@ngo.example.org').at(-1)!.text).toContain('public authorities only');
    expectError(await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${kim.id}/approve` }), 409, 'conflict');
    // Registering again does not get round the decision: the same answer, the rejection again.
    const again = await visitor({ method: 'POST', url: publicPath(event.slug, 'registrations'), payload: registrant('kim@ngo.example.org', { joinWaitingList: true }) });
    expect(again.json()).toEqual({ status: 'check_mailbox', waitingList: false });
    expect(smtp.to('kim@ngo.example.org').at(-1)!.subject).toBe(`Registration not accepted: ${event.title}`);
    expect((await registrations()).filter((r) => r.email === 'kim@ngo.example.org')).toHaveLength(1);
    const jon = await byEmail('jon@court.example.org');
    expect((await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${jon.id}/approve` })).json()).toMatchObject({ status: 'confirmed' });
  });

  it('approved into a full event, a registration joins the waiting list; raising the capacity offers the new seat', async () => {
    await signUp('lea@police.example.org', { country: 'FR' });
    const lea = await byEmail('lea@police.example.org');
    expect((await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${lea.id}/approve` })).json()).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    const lower = await trainer({ method: 'PATCH', url: `/api/v1/events/${event.id}`, payload: { capacity: 1 } });
    expectError(lower, 409, 'conflict');
    expect(fieldPaths(lower)).toEqual(['capacity']);
    const raised = await trainer({ method: 'PATCH', url: `/api/v1/events/${event.id}`, payload: { capacity: 3 } });
    expect(raised.json()).toMatchObject({ capacity: 3, seatsTaken: 3, counts: { offered: 1 } });
    expect(smtp.to('lea@police.example.org').at(-1)!.subject).toBe(`A seat is free for you: ${event.title}`);
    await visitor({ method: 'POST', url: publicPath(event.slug, 'offer/accept'), payload: { token: linkIn(smtp.to('lea@police.example.org').at(-1)!, '/registration', 'accept').token } });
    expect((await byEmail('lea@police.example.org')).status).toBe('confirmed');
  });

  it('changes are validated as a whole event, and a published event keeps its address', async () => {
    const bad = await trainer({ method: 'PATCH', url: `/api/v1/events/${event.id}`, payload: { registrationClosesAt: '2026-02-01T00:00:00Z' } });
    expectError(bad, 400, 'validation_failed');
    expect(fieldPaths(bad)).toEqual(['registrationClosesAt']);
    expectError(await trainer({ method: 'PATCH', url: `/api/v1/events/${event.id}`, payload: { slug: 'a-new-address' } }), 409, 'conflict');
    expectError(await trainer({ method: 'DELETE', url: `/api/v1/events/${event.id}` }), 409, 'conflict');
  });
});

describe('e-mail delivery', () => {
  it('records every message with its status; links are hidden from the organiser', async () => {
    const ines = await byEmail('ines@police.example.org');
    const log = (await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations/${ines.id}/messages` })).json() as { items: MailMessageView[] };
    expect(log.items.map((m) => [m.kind, m.status])).toEqual([['verification', 'sent'], ['approval_pending', 'sent'], ['confirmation', 'sent']]);
    expect(log.items[2]).toMatchObject({ recipient: 'ines@police.example.org', attachment: 'event.ics', attempts: 1, lastError: null });
    expect(log.items.map((m) => m.text).join('\n')).toContain('[link]');
    expect(log.items.map((m) => m.text).join('\n')).not.toMatch(/token=/);
    // The sealed link token is gone once sent.
    const sealed = (await ctx.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM event_messages WHERE status = 'sent' AND link_token_sealed IS NOT NULL")).rows[0]!.n;
    expect(sealed).toBe(0);
  });

  it('a message refused by the SMTP server is retried by the job with backoff, then delivered', async () => {
    smtp.refuseNext(2);
    const ines = await byEmail('ines@police.example.org');
    const confirmation = ((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations/${ines.id}/messages` })).json() as { items: MailMessageView[] }).items.find((m) => m.kind === 'confirmation')!;
    const before = smtp.to('ines@police.example.org').length;
    const resent = await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${ines.id}/messages/${confirmation.id}/resend` });
    expect(resent.statusCode, resent.body).toBe(201);
    const queued = resent.json() as MailMessageView;
    expect(queued).toMatchObject({ kind: 'confirmation', status: 'queued', attempts: 1, lastError: expect.stringMatching(/451/) });
    expect(Date.parse(queued.nextAttemptAt!) - ctx.clock.now().getTime()).toBe(60_000);
    expect(await mailJob.run(ctx.deps)).toMatchObject({ sent: 0, failed: 0 }); // not due yet
    ctx.clock.advance(60_000);
    expect(await mailJob.run(ctx.deps)).toMatchObject({ sent: 0, failed: 1 }); // second refusal: 2 minutes now
    ctx.clock.advance(60_000);
    expect(await mailJob.run(ctx.deps)).toMatchObject({ sent: 0, failed: 0 });
    ctx.clock.advance(60_000);
    expect(await mailJob.run(ctx.deps)).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.to('ines@police.example.org').length).toBe(before + 1);
    const fresh = linkIn(smtp.to('ines@police.example.org').at(-1)!, '/registration', 'cancel');
    expect((await visitor({ method: 'POST', url: publicPath(event.slug, 'registration'), payload: { token: fresh.token } })).json()).toMatchObject({ status: 'confirmed' });
    const log = (await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/messages?status=sent&kind=confirmation` })).json() as { items: MailMessageView[] };
    expect(log.items[0]).toMatchObject({ id: queued.id, status: 'sent', attempts: 3, lastError: null });
  });

  it('gives up after the configured number of attempts and marks the message failed', async () => {
    smtp.refuseNext(100);
    const jon = await byEmail('jon@court.example.org');
    const original = ((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations/${jon.id}/messages` })).json() as { items: MailMessageView[] }).items.at(-1)!;
    const queued = (await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${jon.id}/messages/${original.id}/resend` })).json() as MailMessageView;
    for (let i = 0; i < 10; i++) {
      ctx.clock.advance(6 * 3_600_000);
      await mailJob.run(ctx.deps);
    }
    const log = ((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations/${jon.id}/messages` })).json() as { items: MailMessageView[] }).items;
    expect(log.find((m) => m.id === queued.id)).toMatchObject({ status: 'failed', attempts: ctx.deps.config.mailMaxAttempts, nextAttemptAt: null });
    smtp.refuseNext(0);
    // A message that no longer applies cannot be re-sent.
    const kim = await byEmail('kim@ngo.example.org');
    const verification = ((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations/${kim.id}/messages` })).json() as { items: MailMessageView[] }).items[0]!;
    expectError(await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${kim.id}/messages/${verification.id}/resend` }), 409, 'conflict');
  });
});

describe('reminders on demand', () => {
  it('a trainer runs the pass now; only the operator may run it as of another time', async () => {
    expect((await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/remind`, payload: {} })).json()).toMatchObject({ queued: 0 });
    expectError(await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/remind`, payload: { asOf: '2026-03-31T13:00:00Z' } }), 403, 'forbidden');
    const before = smtp.inbox.length;
    const res = await asOperator(ctx)({ method: 'POST', url: `/api/v1/events/${event.id}/remind`, payload: { asOf: '2026-03-31T13:00:00Z' } });
    expect(res.json()).toMatchObject({ asOf: '2026-03-31T13:00:00.000Z', queued: 3, sent: 3 });
    expect(smtp.inbox.slice(before).flatMap((m) => m.to).sort()).toEqual(['ines@police.example.org', 'jon@court.example.org', 'lea@police.example.org']);
    const tokens = async () => (await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_registration_tokens')).rows[0]!.n;
    const before2 = await tokens();
    expect((await asOperator(ctx)({ method: 'POST', url: `/api/v1/events/${event.id}/remind`, payload: { asOf: '2026-03-31T13:00:00Z' } })).json()).toMatchObject({ queued: 0 });
    expect(await tokens()).toBe(before2); // a pass that finds its reminders sent mints no links
  });

  it('a reminder not delivered before the start is marked failed, never sent late', async () => {
    smtp.refuseNext(100);
    const lea = await byEmail('lea@police.example.org');
    const reminder = ((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations/${lea.id}/messages` })).json() as { items: MailMessageView[] }).items.find((m) => m.kind === 'reminder')!;
    const queued = (await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations/${lea.id}/messages/${reminder.id}/resend` })).json() as MailMessageView;
    expect(queued).toMatchObject({ kind: 'reminder', status: 'queued', attempts: 1 });
    smtp.refuseNext(0);
    ctx.clock.set(START);
    await mailJob.run(ctx.deps);
    const log = ((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/messages?kind=reminder&status=failed` })).json() as { items: MailMessageView[] }).items;
    expect(log.map((m) => [m.id, m.lastError])).toEqual([[queued.id, 'not delivered before the event started']]);
  });
});

describe('attendance, export, statistics, printable list', () => {
  it('imports an attendance list: confirmed → attended; unknown, unconfirmed and invalid rows reported', async () => {
    const csv = ['Name;E-mail;Minutes', 'Ines;INES@police.example.org;85', 'Jon;jon@court.example.org;90', 'Kim;kim@ngo.example.org;10', 'Ghost;ghost@example.org;5', 'Bad;not-an-address;1', ''].join('\r\n');
    const res = await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/attendance`, payload: { csv, delimiter: ';' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      marked: 2, alreadyAttended: 0, unknown: [{ line: 5, email: 'ghost@example.org' }],
      notConfirmed: [{ line: 4, email: 'kim@ngo.example.org', status: 'rejected' }], invalid: [{ line: 6, value: 'not-an-address' }],
    } satisfies AttendanceResult);
    const again = (await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/attendance`, payload: { csv: 'ines@police.example.org\n' } })).json() as AttendanceResult;
    expect(again).toMatchObject({ marked: 0, alreadyAttended: 1 });
    expectError(await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/attendance`, payload: { csv: 'name\nAna\n' } }), 400, 'validation_failed');
    expect((await registrations('&status=attended')).map((r) => r.email).sort()).toEqual(['ines@police.example.org', 'jon@court.example.org']);
  });

  it('filters the registrations list by status, country, role, organisation type and text', async () => {
    expect((await registrations('&country=DE')).map((r) => r.email).sort()).toEqual(['jon@court.example.org', 'kim@ngo.example.org']);
    expect((await registrations('&role=judge')).map((r) => r.email)).toEqual(['jon@court.example.org']);
    expect((await registrations('&organisationType=ngo&status=rejected')).map((r) => r.email)).toEqual(['kim@ngo.example.org']);
    expect((await registrations('&q=LEA@')).map((r) => r.email)).toEqual(['lea@police.example.org']);
    expect((await registrations('&status=confirmed&status=attended')).length).toBe(3);
    const page = (await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations?limit=2&offset=2` })).json() as { items: Registration[]; total: number };
    expect(page).toMatchObject({ total: 4 });
    expect(page.items).toHaveLength(2);
    expectError(await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/registrations?status=bogus` }), 400, 'validation_failed');
  });

  it('exports CSV (formulas neutralised) and XLSX that exceljs reads back; the export is audited', async () => {
    await trainer({ method: 'POST', url: `/api/v1/events/${event.id}/registrations`, payload: { ...registrant('formula@police.example.org'), name: '=HYPERLINK("http://evil.example.org","x")', answers: { diet: '+vegetarian' }, notify: false } });
    const csvRes = await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/export?format=csv` });
    expect(csvRes.statusCode).toBe(200);
    expect(csvRes.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csvRes.headers['content-disposition']).toBe(`attachment; filename="registrations-${event.slug}.csv"`);
    const [header, ...rows] = parseCsv(csvRes.body).map((r) => r.fields);
    expect(header).toEqual(expect.arrayContaining(['Registration id', 'Status', 'Name', 'E-mail', 'Country', 'Dietary needs']));
    expect(rows).toHaveLength(5);
    const name = header!.indexOf('Name');
    expect(rows.map((r) => r[name])).toContain('\'=HYPERLINK("http://evil.example.org","x")');
    expect(rows.flat().filter((c) => /^[=+\-@]/.test(c))).toEqual([]);

    const xlsxRes = await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/export?format=xlsx&status=attended` });
    expect(xlsxRes.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsxRes.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Registrations')!;
    const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values[0]).toEqual(header);
    expect(values.slice(1).map((r) => r[header!.indexOf('E-mail')]).sort()).toEqual(['ines@police.example.org', 'jon@court.example.org']);
    expect(values.slice(1).map((r) => r[header!.indexOf('Status')])).toEqual(['Attended', 'Attended']);

    const audit = (await ctx.deps.db.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_events WHERE action = 'event.export' ORDER BY seq")).rows;
    expect(audit.map((a) => a.details)).toEqual([{ format: 'csv', count: 5 }, { format: 'xlsx', count: 2 }]);
  });

  it('counts by status, country, role and organisation type; lists the participants by name', async () => {
    const stats = (await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/statistics` })).json() as EventStatistics;
    // Ines and Jon attended, Lea is confirmed, Kim rejected; the person added last waits (3 seats).
    expect(stats).toMatchObject({ capacity: 3, seatsTaken: 3, counted: ['confirmed', 'attended'], total: 3, byStatus: { confirmed: 1, attended: 2, rejected: 1, waiting: 1 } });
    expect(stats.byCountry).toEqual([{ key: 'BE', count: 1 }, { key: 'DE', count: 1 }, { key: 'FR', count: 1 }]);
    expect(stats.byRole).toEqual([{ key: 'law_enforcement', count: 2 }, { key: 'judge', count: 1 }]);
    expect(stats.byOrganisationType).toEqual([{ key: 'police', count: 2 }, { key: 'court', count: 1 }]);
    const all = (await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/statistics?status=rejected` })).json() as EventStatistics;
    expect(all.byRole).toEqual([{ key: 'ngo', count: 1 }]);
    const list = (await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/participants` })).json() as ParticipantList;
    expect(list.event).toMatchObject({ id: event.id, startsAt: START, timeZone: 'Europe/Paris' });
    expect(list.participants.map((p) => p.name)).toEqual(['Participant ines', 'Participant jon', 'Participant lea']);
  });
});

describe('after the event', () => {
  it('the retention job anonymises registrants 12 months after the end, keeps the statistics, and audits counts only', async () => {
    const statsBefore = (await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/statistics` })).json() as EventStatistics;
    ctx.clock.set('2027-03-31T12:00:00Z'); // 11 months and 30 days after
    expect(await retentionJob.run(ctx.deps)).toMatchObject({ events: [], anonymised: 0 });
    ctx.clock.set('2027-04-02T00:00:00Z');
    const result = await retentionJob.run(ctx.deps);
    expect(result).toMatchObject({ events: [event.id], anonymised: 5 });
    const rows = (await ctx.deps.db.query<{ name: string; organisation: string; email: string | null; answers: object; country: string }>('SELECT name, organisation, email, answers, country FROM event_registrations WHERE event_id = $1', [event.id])).rows;
    expect(rows.every((r) => r.name === '' && r.organisation === '' && r.email === null && Object.keys(r.answers).length === 0)).toBe(true);
    expect(rows.map((r) => r.country).sort()).toEqual(['BE', 'DE', 'DE', 'FR', 'FR']);
    expect((await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_messages WHERE event_id = $1', [event.id])).rows[0]!.n).toBe(0);
    expect((await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_registration_tokens t JOIN event_registrations r ON r.id = t.registration_id WHERE r.event_id = $1', [event.id])).rows[0]!.n).toBe(0);
    const statsAfter = (await trainer({ method: 'GET', url: `/api/v1/events/${event.id}/statistics` })).json() as EventStatistics;
    expect(statsAfter).toEqual(statsBefore);
    expect(((await trainer({ method: 'GET', url: `/api/v1/events/${event.id}` })).json() as EventView).personalDataRemovedAt).toBe('2027-04-02T00:00:00.000Z');
    const audit = (await ctx.deps.db.query<{ actor_label: string; target_id: string; details: Record<string, unknown> }>("SELECT actor_label, target_id, details FROM audit_events WHERE action = 'event.retention.anonymise'")).rows;
    expect(audit).toEqual([{ actor_label: 'operator:retention', target_id: event.id, details: { eventId: event.id, registrations: 5, messages: expect.any(Number), tokens: expect.any(Number), retentionMonths: 12 } }]);
    expect(JSON.stringify(audit)).not.toMatch(/@|Participant/);
    // Nothing left to do: the next run changes nothing and records nothing.
    expect(await retentionJob.run(ctx.deps)).toMatchObject({ events: [], anonymised: 0, unverifiedDeleted: 0 });
    expect((await ctx.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'event.retention.%'")).rows[0]!.n).toBe(1);
  });

  it('registrations never verified are deleted after 7 days, audited with a count', async () => {
    const later = await publishedEvent(trainer, webinar('2027-06-01T12:00:00Z', '2027-04-01T00:00:00Z'));
    await visitor({ method: 'POST', url: publicPath(later.slug, 'registrations'), payload: registrant('never@police.example.org') });
    ctx.clock.advance(8 * 86_400_000);
    expect(await retentionJob.run(ctx.deps)).toMatchObject({ unverifiedDeleted: 1 });
    const audit = (await ctx.deps.db.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_events WHERE action = 'event.retention.unverified'")).rows;
    expect(audit.map((a) => a.details)).toEqual([{ eventId: later.id, deleted: 1 }]);
  });

  it('cancelling an event tells the live registrants; the public page says cancelled; links refuse actions', async () => {
    const next = await publishedEvent(trainer, webinar('2027-06-10T12:00:00Z', '2027-04-01T00:00:00Z'));
    event = next;
    await signUp('mia@police.example.org');
    const cancelled = await trainer({ method: 'POST', url: `/api/v1/events/${next.id}/cancel`, payload: { message: 'The speaker is unavailable.' } });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const mail = smtp.to('mia@police.example.org').at(-1)!;
    expect(mail.subject).toBe(`Event cancelled: ${next.title}`);
    expect(mail.text).toContain('The speaker is unavailable.');
    expect((await visitor({ method: 'GET', url: `/api/v1/public/events/${next.slug}` })).json()).toMatchObject({ status: 'cancelled' });
    const token = linkIn(smtp.to('mia@police.example.org').at(-2)!, '/registration', 'cancel').token;
    expect((await visitor({ method: 'POST', url: publicPath(next.slug, 'registration'), payload: { token } })).json()).toMatchObject({ allowed: { cancel: false } });
    expectError(await visitor({ method: 'POST', url: publicPath(next.slug, 'cancel'), payload: { token } }), 409, 'event_cancelled');
    expectError(await trainer({ method: 'PATCH', url: `/api/v1/events/${next.id}`, payload: { capacity: 10 } }), 409, 'conflict');
  });

  it('a draft can be deleted', async () => {
    const draft = (await trainer({ method: 'POST', url: '/api/v1/events', payload: webinar('2027-07-01T12:00:00Z', '2027-04-01T00:00:00Z') })).json() as EventView;
    expect((await trainer({ method: 'DELETE', url: `/api/v1/events/${draft.id}` })).json()).toEqual({ ok: true });
    expectError(await trainer({ method: 'GET', url: `/api/v1/events/${draft.id}` }), 404, 'not_found');
  });
});

describe('review findings: the waiting list, mail at delivery, retention', () => {
  /** Registers `email` to `ev` and follows the verification link. */
  async function signUpTo(ev: EventView, email: string): Promise<void> {
    const res = await visitor({ method: 'POST', url: publicPath(ev.slug, 'registrations'), payload: registrant(email, { joinWaitingList: true }) });
    expect(res.statusCode, res.body).toBe(202);
    const verified = await visitor({ method: 'POST', url: publicPath(ev.slug, 'verify'), payload: { token: linkIn(smtp.to(email).at(-1)!, '/verify').token } });
    expect(verified.statusCode, verified.body).toBe(200);
  }
  async function addByHand(eventId: string, email: string): Promise<Registration> {
    const res = await trainer({ method: 'POST', url: `/api/v1/events/${eventId}/registrations`, payload: { ...registrant(email), notify: false } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Registration;
  }
  async function registrationsOf(eventId: string): Promise<Registration[]> {
    return ((await trainer({ method: 'GET', url: `/api/v1/events/${eventId}/registrations?limit=100` })).json() as { items: Registration[] }).items;
  }
  const statusesOf = async (eventId: string) => Object.fromEntries((await registrationsOf(eventId)).map((r) => [r.email, [r.status, r.waitingPosition]]));
  const reject = (eventId: string, id: string) => trainer({ method: 'POST', url: `/api/v1/events/${eventId}/registrations/${id}/reject`, payload: { reason: '', notify: false } });

  it('a seat freed on a draft is not taken by a newcomer while someone waits; publishing offers it to the first in line', async () => {
    const draft = (await trainer({ method: 'POST', url: '/api/v1/events', payload: webinar('2027-06-20T12:00:00Z', '2027-04-01T00:00:00Z', { capacity: 1 }) })).json() as EventView;
    const a = await addByHand(draft.id, 'fifo-a@police.example.org');
    expect(a.status).toBe('confirmed');
    expect((await addByHand(draft.id, 'fifo-b@police.example.org')).status).toBe('waiting');
    expect((await reject(draft.id, a.id)).statusCode).toBe(200);
    expect(await statusesOf(draft.id)).toMatchObject({ 'fifo-b@police.example.org': ['waiting', 1] }); // no offers from a draft
    expect((await addByHand(draft.id, 'fifo-c@police.example.org')).status).toBe('waiting');
    const published = await trainer({ method: 'POST', url: `/api/v1/events/${draft.id}/publish` });
    expect(published.json()).toMatchObject({ status: 'published', seatsTaken: 1, counts: { offered: 1, waiting: 1 } });
    expect(await statusesOf(draft.id)).toMatchObject({ 'fifo-b@police.example.org': ['offered', null], 'fifo-c@police.example.org': ['waiting', 1] });
    expect(smtp.to('fifo-b@police.example.org').at(-1)!.subject).toBe(`A seat is free for you: ${draft.title}`);
  });

  it('a queued confirmation or reminder is dropped at delivery once the registration is no longer confirmed, or the event is cancelled', async () => {
    const ev = await publishedEvent(trainer, webinar('2027-07-01T12:00:00Z', '2027-04-01T00:00:00Z'));
    await signUpTo(ev, 'drop-a@police.example.org');
    await signUpTo(ev, 'drop-b@police.example.org');
    const [a] = (await registrationsOf(ev.id)).filter((r) => r.email === 'drop-a@police.example.org');
    const messagesOf = async (id: string) => ((await trainer({ method: 'GET', url: `/api/v1/events/${ev.id}/registrations/${id}/messages` })).json() as { items: MailMessageView[] }).items;
    // A's confirmation is sent again while the mail server refuses it: it waits for a retry …
    smtp.refuseNext(1);
    const confirmation = (await messagesOf(a!.id)).find((m) => m.kind === 'confirmation')!;
    const resent = (await trainer({ method: 'POST', url: `/api/v1/events/${ev.id}/registrations/${a!.id}/messages/${confirmation.id}/resend` })).json() as MailMessageView;
    expect(resent).toMatchObject({ status: 'queued', attempts: 1 });
    // … and A cancels meanwhile.
    const cancelToken = linkIn(smtp.to('drop-a@police.example.org').find((m) => m.subject.startsWith('Registration confirmed'))!, '/registration', 'cancel').token;
    expect((await visitor({ method: 'POST', url: publicPath(ev.slug, 'cancel'), payload: { token: cancelToken } })).json()).toMatchObject({ status: 'cancelled' });
    // B's reminder is refused once too, then the organiser cancels the event without telling anyone.
    smtp.refuseNext(1);
    expect((await asOperator(ctx)({ method: 'POST', url: `/api/v1/events/${ev.id}/remind`, payload: { asOf: '2027-06-30T13:00:00Z' } })).json()).toMatchObject({ queued: 1, sent: 0 });
    expect((await trainer({ method: 'POST', url: `/api/v1/events/${ev.id}/cancel`, payload: { notify: false } })).statusCode).toBe(200);
    const before = smtp.inbox.length;
    ctx.clock.advance(60_000);
    expect(await mailJob.run(ctx.deps)).toMatchObject({ sent: 0, dropped: 2 });
    expect(smtp.inbox.slice(before).map((m) => m.subject)).toEqual([]);
    const log = ((await trainer({ method: 'GET', url: `/api/v1/events/${ev.id}/messages?status=failed` })).json() as { items: MailMessageView[] }).items;
    expect(log.map((m) => [m.kind, m.recipient, m.lastError, m.nextAttemptAt]).sort()).toEqual([
      ['confirmation', 'drop-a@police.example.org', 'not sent: the registration is no longer confirmed', null],
      ['reminder', 'drop-b@police.example.org', 'not sent: the event has been cancelled', null],
    ]);
    expect((await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_messages WHERE event_id = $1 AND link_token_sealed IS NOT NULL', [ev.id])).rows[0]!.n).toBe(0);
  });

  it('after the start, a newcomer queues behind those already waiting', async () => {
    const ev = await publishedEvent(trainer, webinar('2027-05-01T12:00:00Z', '2027-04-01T00:00:00Z', { capacity: 1 }));
    const a = await addByHand(ev.id, 'late-a@police.example.org');
    expect((await addByHand(ev.id, 'late-b@police.example.org')).status).toBe('waiting');
    ctx.clock.set('2027-05-01T12:30:00Z');
    expect((await reject(ev.id, a.id)).statusCode).toBe(200); // no offers once started: the seat stays free
    expect((await addByHand(ev.id, 'late-c@police.example.org')).status).toBe('waiting');
    expect(await statusesOf(ev.id)).toMatchObject({ 'late-b@police.example.org': ['waiting', 1], 'late-c@police.example.org': ['waiting', 2] });
  });

  it('once personal data is removed: the job returns to anything added later; adds, attendance, date changes, publication and public registration are refused', async () => {
    const past = await publishedEvent(trainer, webinar('2027-06-01T12:00:00Z', '2027-04-01T00:00:00Z'));
    await signUpTo(past, 'ret-a@police.example.org');
    const draft = (await trainer({ method: 'POST', url: '/api/v1/events', payload: webinar('2027-06-02T12:00:00Z', '2027-04-01T00:00:00Z') })).json() as EventView;
    await addByHand(draft.id, 'ret-b@police.example.org');
    ctx.clock.set('2028-06-03T00:00:00Z');
    expect((await retentionJob.run(ctx.deps)).events).toEqual(expect.arrayContaining([past.id, draft.id]));

    // A registration written after the removal (as the old code allowed) is found on the next run.
    await ctx.deps.db.query(
      `INSERT INTO event_registrations (event_id, status, source, name, organisation, email, country, role, language, created_at, verified_at)
       VALUES ($1, 'waiting', 'organiser', 'Participant late', 'Agency (fictitious)', 'ret-late@police.example.org', 'FR', 'law_enforcement', 'en', $2, $2)`,
      [past.id, ctx.clock.now()],
    );
    expect(await retentionJob.run(ctx.deps)).toMatchObject({ events: [past.id], anonymised: 1 });
    expect((await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_registrations WHERE event_id = $1 AND email IS NOT NULL', [past.id])).rows[0]!.n).toBe(0);
    expect(await retentionJob.run(ctx.deps)).toMatchObject({ events: [], anonymised: 0 });

    const removed = /personal data .* removed/;
    const refusedWith = (res: Awaited<ReturnType<Client>>, code: 'conflict' | 'registration_closed' = 'conflict') => {
      expectError(res, 409, code);
      expect((res.json() as { error: { message: string } }).error.message).toMatch(removed);
    };
    refusedWith(await trainer({ method: 'POST', url: `/api/v1/events/${past.id}/registrations`, payload: registrant('ret-c@police.example.org') }));
    refusedWith(await trainer({ method: 'POST', url: `/api/v1/events/${past.id}/attendance`, payload: { csv: 'email\nret-a@police.example.org\n' } }));
    refusedWith(await trainer({ method: 'PATCH', url: `/api/v1/events/${past.id}`, payload: webinarTimes('2028-09-01T12:00:00Z', '2028-06-01T00:00:00Z') }));
    // Dates moved by other means: the public form and publication are still refused.
    for (const id of [past.id, draft.id])
      await ctx.deps.db.query(
        `UPDATE events SET starts_at = $2, ends_at = $2::timestamptz + interval '90 minutes', registration_opens_at = $3, registration_closes_at = $4,
           programme = '[]'::jsonb WHERE id = $1`,
        [id, '2028-09-01T12:00:00Z', '2028-06-01T00:00:00Z', '2028-09-01T11:00:00Z'],
      );
    refusedWith(await visitor({ method: 'POST', url: publicPath(past.slug, 'registrations'), payload: registrant('ret-d@police.example.org') }), 'registration_closed');
    refusedWith(await trainer({ method: 'POST', url: `/api/v1/events/${draft.id}/publish` }));
    expect(smtp.to('ret-d@police.example.org')).toEqual([]);
    expect((await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_registrations WHERE event_id = ANY($1::uuid[]) AND anonymised_at IS NULL', [[past.id, draft.id]])).rows[0]!.n).toBe(0);
  });
});

/** The time fields of a webinar payload (an event moved to another date). */
function webinarTimes(startsAt: string, opensAt: string) {
  const { startsAt: s, registrationOpensAt, registrationClosesAt, programme } = webinar(startsAt, opensAt);
  return { startsAt: s, registrationOpensAt, registrationClosesAt, programme };
}
