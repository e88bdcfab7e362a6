/**
 * Cases through the API: references, team need-to-know (members and their supervisors; everyone
 * else 404, each attempt audited), search, notes, timeline, identifiers (normalised, merged within a
 * case, linked across the cases a user may see), and audited reads.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseIdentifier } from '../../domain/cases.ts';
import { updateUser } from '../../server/modules/users/users.store.ts';
import { as, createOrganisation, createTestContext, createUser, signIn, type TestContext, type TestUser } from '../support/context.ts';
import { expectError, fieldPaths } from '../support/http.ts';

type Client = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

let ctx: TestContext;
let org: string;
let lead: TestUser;
let leadApi: Client;
let mateApi: Client;
let outsiderApi: Client;
let supervisorApi: Client;
let foreignApi: Client;
let coordinatorApi: Client;
let mate: TestUser;
let outsider: TestUser;
let foreigner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  org = (await createOrganisation(ctx, 'Case agency (fictitious)', 'FR')).id;
  const other = (await createOrganisation(ctx, 'Other agency (fictitious)', 'DE')).id;
  lead = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
  mate = await createUser(ctx, { organisationId: org, roles: ['prosecutor'] });
  outsider = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
  const supervisor = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
  await updateUser(ctx.deps.db, lead.id, { supervisor_id: supervisor.id });
  foreigner = await createUser(ctx, { organisationId: other, roles: ['investigator'] });
  const coordinator = await createUser(ctx, { organisationId: org, roles: ['coordinator'] });
  leadApi = as(ctx, await signIn(ctx, lead));
  mateApi = as(ctx, await signIn(ctx, mate));
  outsiderApi = as(ctx, await signIn(ctx, outsider));
  supervisorApi = as(ctx, await signIn(ctx, supervisor));
  foreignApi = as(ctx, await signIn(ctx, foreigner));
  coordinatorApi = as(ctx, await signIn(ctx, coordinator));
});
afterAll(() => ctx.close());

async function newCase(api: Client, payload: Record<string, unknown> = {}): Promise<Case> {
  const res = await api({ method: 'POST', url: '/api/v1/cases', payload: { title: 'Distribution of CSAM via a forum', summary: 'Forum user shares material; IP logs obtained.', offenceCategories: ['csam_distribution'], ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Case;
}

const ip = { kind: 'ip', value: '203.0.113.45', observedAt: '2026-03-29 01:30:00', timeZone: 'Europe/Paris' };

async function auditRows(where: string, params: unknown[]) {
  return (await ctx.deps.db.query<{ action: string; outcome: string; actor_id: string; target_id: string; details: Record<string, unknown> }>(
    `SELECT action, outcome, actor_id, target_id, details FROM audit_events WHERE ${where} ORDER BY seq`, params)).rows;
}

describe('cases', () => {
  it('opens a case with a yearly reference; its creator leads the team', async () => {
    const c = await newCase(leadApi);
    expect(c.reference).toMatch(/^\d{4}\/\d{5}$/);
    expect(c.status).toBe('open');
    expect(c.handlingCode).toBe('H0');
    expect(c.team).toEqual([expect.objectContaining({ userId: lead.id, teamRole: 'lead' })]);
    expect(c.allowed).toEqual({ edit: true, manageTeam: true });
    const next = await newCase(leadApi);
    expect(Number(next.reference.slice(5))).toBe(Number(c.reference.slice(5)) + 1);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = (await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;
    const res = await leadApi({ method: 'POST', url: '/api/v1/cases', payload: { title: 'x', offenceCategories: ['shoplifting'], handlingCode: 'H9' } });
    expectError(res, 400, 'validation_failed');
    expect(fieldPaths(res).sort()).toEqual(['handlingCode', 'offenceCategories.0', 'title']);
    expect((await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n).toBe(before);
  });

  it('keeps cases need-to-know: team and supervisors see them, everyone else gets 404, audited', async () => {
    const c = await newCase(leadApi, { title: 'Grooming on a game platform' });
    const urls = [`/api/v1/cases/${c.id}`, `/api/v1/cases/${c.id}/identifiers`, `/api/v1/cases/${c.id}/notes`, `/api/v1/cases/${c.id}/timeline`];
    for (const api of [outsiderApi, foreignApi]) {
      for (const url of urls) expectError(await api({ method: 'GET', url }), 404, 'not_found');
      expectError(await api({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, payload: { title: 'Taken over' } }), 404, 'not_found');
      expectError(await api({ method: 'POST', url: `/api/v1/cases/${c.id}/identifiers`, payload: { kind: 'email', value: 'a@example.org' } }), 404, 'not_found');
    }
    // A case that does not exist answers the same.
    expectError(await outsiderApi({ method: 'GET', url: `/api/v1/cases/${randomUUID()}` }), 404, 'not_found');
    const denied = await auditRows(`action = 'case.access_denied' AND target_id = $1`, [c.id]);
    expect(denied.filter((d) => d.actor_id === outsider.id)).toHaveLength(6);
    expect(denied.filter((d) => d.actor_id === foreigner.id)).toHaveLength(6);
    expect(denied.every((d) => d.outcome === 'denied')).toBe(true);

    // The lead's supervisor sees the case but is not on the team: reads, no edits.
    const seen = await supervisorApi({ method: 'GET', url: `/api/v1/cases/${c.id}` });
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as Case).allowed).toEqual({ edit: false, manageTeam: true });
    expectError(await supervisorApi({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, payload: { title: 'Renamed' } }), 403, 'forbidden');

    // Added to the team, the outsider sees it.
    expect((await leadApi({ method: 'PUT', url: `/api/v1/cases/${c.id}/team/${outsider.id}`, payload: { teamRole: 'member' } })).statusCode).toBe(200);
    expect((await outsiderApi({ method: 'GET', url: `/api/v1/cases/${c.id}` })).statusCode).toBe(200);
    // A user of another organisation cannot be added.
    const foreignAdd = await leadApi({ method: 'PUT', url: `/api/v1/cases/${c.id}/team/${foreigner.id}`, payload: {} });
    expectError(foreignAdd, 400, 'validation_failed');
    // The last lead cannot leave.
    expectError(await leadApi({ method: 'DELETE', url: `/api/v1/cases/${c.id}/team/${lead.id}` }), 409, 'conflict');
  });

  it('refuses case content to roles without case permissions', async () => {
    expectError(await coordinatorApi({ method: 'GET', url: '/api/v1/cases' }), 403, 'forbidden');
    expectError(await coordinatorApi({ method: 'POST', url: '/api/v1/cases', payload: { title: 'Not mine to open' } }), 403, 'forbidden');
  });

  it('searches only the cases the user may see, by words of the title, summary or reference', async () => {
    const mine = await newCase(leadApi, { title: 'Sextortion of a teenager via Rei Messenger', summary: 'Payment demanded in bitcoin.' });
    await newCase(mateApi, { title: 'Sextortion ring, second country' });
    const found = (await leadApi({ method: 'GET', url: '/api/v1/cases?q=sextort' })).json() as { items: Case[]; total: number };
    expect(found.items.map((i) => i.id)).toEqual([mine.id]);
    const byRef = (await leadApi({ method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent(mine.reference)}` })).json() as { items: Case[] };
    expect(byRef.items.map((i) => i.id)).toEqual([mine.id]);
    const bySummary = (await leadApi({ method: 'GET', url: '/api/v1/cases?q=bitcoin' })).json() as { items: Case[] };
    expect(bySummary.items.map((i) => i.id)).toEqual([mine.id]);
    // The lead's supervisor finds it too; an outsider does not.
    expect(((await supervisorApi({ method: 'GET', url: '/api/v1/cases?q=sextortion' })).json() as { items: Case[] }).items.map((i) => i.id)).toContain(mine.id);
    expect(((await foreignApi({ method: 'GET', url: '/api/v1/cases?q=sextortion' })).json() as { total: number }).total).toBe(0);
  });

  it('records changes on the timeline and audits reads', async () => {
    const c = await newCase(leadApi);
    await leadApi({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, payload: { status: 'suspended', handlingCode: 'H1' } });
    await leadApi({ method: 'POST', url: `/api/v1/cases/${c.id}/notes`, payload: { body: 'Waiting for the provider.' } });
    const notes = (await leadApi({ method: 'GET', url: `/api/v1/cases/${c.id}/notes` })).json() as { items: { body: string }[] };
    expect(notes.items.map((n) => n.body)).toEqual(['Waiting for the provider.']);
    const timeline = (await leadApi({ method: 'GET', url: `/api/v1/cases/${c.id}/timeline` })).json() as { items: { action: string; details: Record<string, unknown> }[] };
    expect(timeline.items.map((e) => e.action)).toEqual(['case.note.add', 'case.update', 'case.create']);
    expect(timeline.items[1]!.details.changes).toEqual({ status: { from: 'open', to: 'suspended' }, handlingCode: { from: 'H0', to: 'H1' } });
    await leadApi({ method: 'GET', url: `/api/v1/cases/${c.id}` });
    const reads = await auditRows(`action = 'case.read' AND details->>'caseId' = $1`, [c.id]);
    expect(reads.map((r) => r.details.part)).toEqual(['notes', 'timeline', 'case']);
  });
});

describe('identifiers', () => {
  let c: Case;
  beforeAll(async () => {
    c = await newCase(leadApi, { title: 'Onion forum' });
    await leadApi({ method: 'PUT', url: `/api/v1/cases/${c.id}/team/${mate.id}`, payload: { teamRole: 'member' } });
  });
  const add = (api: Client, caseId: string, payload: Record<string, unknown>) => api({ method: 'POST', url: `/api/v1/cases/${caseId}/identifiers`, payload });

  it('refuses an IP address without the time it was seen and its time zone', async () => {
    const res = await add(leadApi, c.id, { kind: 'ip', value: '203.0.113.45' });
    expectError(res, 400, 'validation_failed');
    expect(fieldPaths(res)).toEqual(expect.arrayContaining(['observedAt']));
    expect(((await leadApi({ method: 'GET', url: `/api/v1/cases/${c.id}/identifiers` })).json() as { items: unknown[] }).items).toEqual([]);
  });

  it('normalises, merges duplicates within the case and links the same identifier in other visible cases', async () => {
    const first = await add(leadApi, c.id, { ...ip, note: 'From the forum login log' });
    expect(first.statusCode, first.body).toBe(201);
    const created = first.json() as { identifier: CaseIdentifier; merged: boolean };
    expect(created.merged).toBe(false);
    expect(created.identifier).toMatchObject({ kind: 'ip', value: '203.0.113.45', timeZone: 'Europe/Paris', observedAt: '2026-03-29T00:30:00.000Z' });

    const again = (await add(mateApi, c.id, { ...ip, note: 'Also in the payment log' })).json() as { identifier: CaseIdentifier; merged: boolean };
    expect(again.merged).toBe(true);
    expect(again.identifier.id).toBe(created.identifier.id);
    expect(again.identifier.occurrences).toBe(2);
    expect(again.identifier.note).toBe('From the forum login log\nAlso in the payment log');

    // The same address in another case of the lead: a link; in a case the lead cannot see: none.
    const other = await newCase(leadApi, { title: 'Second forum' });
    await add(leadApi, other.id, { ...ip, observedAt: '2026-04-02T10:00:00Z' });
    const hidden = await newCase(outsiderApi, { title: 'Unrelated' });
    await add(outsiderApi, hidden.id, ip);
    const list = (await leadApi({ method: 'GET', url: `/api/v1/cases/${c.id}/identifiers` })).json() as { items: CaseIdentifier[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.links).toEqual([expect.objectContaining({ caseId: other.id, reference: other.reference })]);
  });

  it('will not add to a closed case until it is reopened', async () => {
    const closed = await newCase(leadApi);
    await leadApi({ method: 'PATCH', url: `/api/v1/cases/${closed.id}`, payload: { status: 'closed' } });
    expectError(await add(leadApi, closed.id, { kind: 'email', value: 'x@example.org' }), 409, 'conflict');
    await leadApi({ method: 'PATCH', url: `/api/v1/cases/${closed.id}`, payload: { status: 'open' } });
    expect((await add(leadApi, closed.id, { kind: 'email', value: 'x@example.org' })).statusCode).toBe(201);
  });
});
