/**
 * Deadline reminders and calendar feeds. A real SMTP server on loopback receives the reminder job's
 * e-mails; the fake clock decides when: nothing before the warning window, one e-mail per team
 * member when it opens, none twice, one more when the deadline passes (and the preservation
 * expires). The iCalendar feed parses (ical.js) and lists the deadline; revoking it ends it.
 */
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../domain/cases.ts';
import type { RequestView } from '../../domain/requests/api.ts';
import { PRESERVATION_247_BODY } from '../../domain/requests/test-fixtures.ts';
import { JOBS } from '../../server/jobs/jobs.ts';
import { as, createOrganisation, createTestContext, createUser, signIn, type TestContext, type TestUser } from '../support/context.ts';
import { expectError } from '../support/http.ts';

type Client = (opts: InjectOptions) => Promise<LightMyRequestResponse>;
interface Received { to: string[]; data: string }

let ctx: TestContext;
let smtp: SMTPServer;
const inbox: Received[] = [];
let lead: TestUser;
let mate: TestUser;
let api: Client;
let request: RequestView;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  ctx = await createTestContext({ LIAISON_SMTP_URL: `smtp://127.0.0.1:${port}`, LIAISON_PUBLIC_URL: 'https://liaison.example.org' });
  ctx.clock.set('2026-11-23T09:00:00Z');
  const org = (await createOrganisation(ctx, 'Reminder agency (fictitious)', 'FR')).id;
  lead = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
  mate = await createUser(ctx, { organisationId: org, roles: ['prosecutor'] });
  api = as(ctx, await signIn(ctx, lead));
  const theCase = (await api({ method: 'POST', url: '/api/v1/cases', payload: { title: 'Reminder case' } })).json() as Case;
  await api({ method: 'PUT', url: `/api/v1/cases/${theCase.id}/team/${mate.id}`, payload: { teamRole: 'member' } });
  request = (await api({ method: 'POST', url: '/api/v1/requests', payload: { caseId: theCase.id, type: 'preservation_247', counterpart: { kind: 'contact_point_24_7', name: 'Ruritania 24/7 (fictitious)', country: 'NL', timeZone: 'Europe/Amsterdam' } } })).json() as RequestView;
  await api({ method: 'PUT', url: `/api/v1/requests/${request.id}/draft`, payload: { body: PRESERVATION_247_BODY, bodyVersion: 1 } });
  const sent = await api({ method: 'POST', url: `/api/v1/requests/${request.id}/transitions`, payload: { transition: 'send', payload: { channel: 'e-mail' } } });
  expect(sent.statusCode, sent.body).toBe(200);
  request = sent.json() as RequestView;
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const job = JOBS.find((j) => j.name === 'deadline-reminders')!;

describe('deadline reminders', () => {
  it('is a scheduled job', () => {
    expect(job.cron).toBe('*/5 * * * *');
  });

  it('sends nothing before the warning window opens', async () => {
    ctx.clock.set('2027-01-07T22:00:00Z'); // expiry 2027-01-22 23:59:59.999 CET; warning 15 days before
    expect(await job.run(ctx.deps)).toEqual({ sent: 0, failed: 0, expired: 0 });
    expect(inbox).toHaveLength(0);
  });

  it('e-mails every team member once when the window opens, with references only', async () => {
    ctx.clock.set('2027-01-08T09:00:00Z');
    expect(await job.run(ctx.deps)).toEqual({ sent: 2, failed: 0, expired: 0 });
    expect(inbox.map((m) => m.to[0]).sort()).toEqual([lead.email, mate.email].sort());
    const mail = inbox[0]!.data.replace(/\r\n[ \t]+/g, ' '); // unfold headers
    expect(mail).toContain(`Preservation ends due soon: ${request.reference}`);
    expect(mail).toContain('https://liaison.example.org/requests/');
    expect(mail).not.toContain(PRESERVATION_247_BODY.facts.slice(0, 30)); // no case content leaves by e-mail
    expect(await job.run(ctx.deps)).toEqual({ sent: 0, failed: 0, expired: 0 });
    expect(inbox).toHaveLength(2);
  });

  it('when the period has ended, expires the preservation', async () => {
    ctx.clock.set('2027-01-23T00:00:00Z');
    expect((await job.run(ctx.deps)).expired).toBe(1);
    const status = (await ctx.deps.db.query<{ status: string }>('SELECT status FROM requests WHERE id = $1', [request.id])).rows[0]!.status;
    expect(status).toBe('expired');
    const audit = (await ctx.deps.db.query<{ action: string; actor_label: string }>(`SELECT action, actor_label FROM audit_events WHERE target_id = $1 AND action IN ('request.expire', 'request.reminder') ORDER BY seq`, [request.id])).rows;
    expect(audit).toEqual([{ action: 'request.reminder', actor_label: 'operator:reminders' }, { action: 'request.expire', actor_label: 'operator:deadlines' }]);
  });
});

describe('calendar feed', () => {
  it('lists the deadlines of my cases behind a secret URL, and stops when revoked', async () => {
    ctx.clock.set('2026-12-01T09:00:00Z');
    api = as(ctx, await signIn(ctx, lead));
    // A second request still running, so the feed has something to show.
    const c = (await api({ method: 'POST', url: '/api/v1/cases', payload: { title: 'Feed case' } })).json() as Case;
    const r = (await api({ method: 'POST', url: '/api/v1/requests', payload: { caseId: c.id, type: 'preservation_247', counterpart: { kind: 'contact_point_24_7', name: 'Ruritania 24/7 (fictitious)', country: 'NL', timeZone: 'Europe/Amsterdam' } } })).json() as RequestView;
    await api({ method: 'PUT', url: `/api/v1/requests/${r.id}/draft`, payload: { body: PRESERVATION_247_BODY, bodyVersion: 1 } });
    await api({ method: 'POST', url: `/api/v1/requests/${r.id}/transitions`, payload: { transition: 'send', payload: { channel: 'e-mail' } } });

    expect(((await api({ method: 'GET', url: '/api/v1/account/calendar' })).json() as { active: boolean }).active).toBe(false);
    const created = await api({ method: 'POST', url: '/api/v1/account/calendar' });
    expect(created.statusCode).toBe(201);
    const { url } = created.json() as { url: string };
    expect(url).toMatch(/^https:\/\/liaison\.example\.org\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(url).pathname;

    const feed = await ctx.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const event = events.find((e) => e.summary.includes(r.reference))!;
    expect(event.summary).toBe(`Preservation ends: ${r.reference} (NL)`);
    // Sent 2026-12-01 09:00 UTC: 60 days on the Amsterdam calendar end 2027-01-30 23:59:59 CET.
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-01-30T22:59:59.000Z');
    expect(event.description).toContain('Art. 29(7)');
    expect(feed.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

    // Renewing replaces the URL; revoking ends it.
    const renewed = ((await api({ method: 'POST', url: '/api/v1/account/calendar' })).json() as { url: string }).url;
    expectError(await ctx.app.inject({ method: 'GET', url: path }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: new URL(renewed).pathname })).statusCode).toBe(200);
    await api({ method: 'DELETE', url: '/api/v1/account/calendar' });
    expectError(await ctx.app.inject({ method: 'GET', url: new URL(renewed).pathname }), 404, 'not_found');
  });
});
