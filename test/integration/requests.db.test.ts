/**
 * Requests through the API: a preservation request drafted from the advisor's route and prefilled
 * from the case; refused while a legally required item is missing (the error names item and
 * article); autosave with stale-version protection; validation by another person; sending starts
 * the 60-day preservation (Budapest Art. 29(7)); documents with SHA-256 and versions, audited;
 * a follow-up MLA prefilled from it keeps the preservation alive; the dashboard; need-to-know.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../domain/cases.ts';
import type { RequestView } from '../../domain/requests/api.ts';
import { EPOC_BODY, MLA_SUBSCRIBER_BODY, PRESERVATION_247_BODY } from '../../domain/requests/test-fixtures.ts';
import { effectiveCategory } from '../../server/modules/requests/requests.service.ts';
import { as, createOrganisation, createTestContext, createUser, signIn, type TestContext, type TestUser } from '../support/context.ts';
import { errorOf, expectError } from '../support/http.ts';
import { extractPdfText } from '../support/pdf-text.ts';

type Client = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

let ctx: TestContext;
let investigator: TestUser;
let prosecutor: TestUser;
let outsider: TestUser;
let foreigner: TestUser;
let inv: Client;
let pros: Client;
let out: Client;
let foreign: Client;
let theCase: Case;

async function signInAll() {
  inv = as(ctx, await signIn(ctx, investigator));
  pros = as(ctx, await signIn(ctx, prosecutor));
  out = as(ctx, await signIn(ctx, outsider));
  foreign = as(ctx, await signIn(ctx, foreigner));
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-11-23T09:00:00Z');
  const org = (await createOrganisation(ctx, 'Requests agency (fictitious)', 'FR')).id;
  const other = (await createOrganisation(ctx, 'Foreign agency (fictitious)', 'DE')).id;
  investigator = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
  prosecutor = await createUser(ctx, { organisationId: org, roles: ['prosecutor'] });
  outsider = await createUser(ctx, { organisationId: org, roles: ['investigator'] });
  foreigner = await createUser(ctx, { organisationId: other, roles: ['investigator'] });
  await signInAll();
  theCase = (await inv({ method: 'POST', url: '/api/v1/cases', payload: { title: 'Forum distribution', summary: 'A forum account distributes abuse material.', offenceCategories: ['csam_distribution'] } })).json() as Case;
  await inv({ method: 'PUT', url: `/api/v1/cases/${theCase.id}/team/${prosecutor.id}`, payload: { teamRole: 'member' } });
  const added = await inv({ method: 'POST', url: `/api/v1/cases/${theCase.id}/identifiers`, payload: { kind: 'ip', value: '203.0.113.45:51234', observedAt: '2026-11-20 14:45:12', timeZone: 'Europe/Paris' } });
  expect(added.statusCode, added.body).toBe(201);
});
afterAll(() => ctx.close());

const post = (api: Client, url: string, payload: unknown) => api({ method: 'POST', url, payload: payload as Record<string, unknown> });
const move = (api: Client, id: string, transition: string, payload: Record<string, unknown> = {}) => post(api, `/api/v1/requests/${id}/transitions`, { transition, payload });

describe('a preservation request through its life', () => {
  let request: RequestView;

  it('starts as a draft prefilled from the case, its identifiers and the addressee', async () => {
    const res = await post(inv, '/api/v1/requests', {
      caseId: theCase.id, type: 'preservation_247', routeId: 'budapest-29-preservation',
      counterpart: { kind: 'contact_point_24_7', name: 'Ruritania 24/7 point of contact (fictitious)', country: 'NL' },
    });
    expect(res.statusCode, res.body).toBe(201);
    request = res.json() as RequestView;
    expect(request.reference).toBe(`${theCase.reference}-R1`);
    expect(request.status).toBe('draft');
    expect(request.counterpart.country).toBe('NL');
    expect(request.counterpart.timeZone).toBe('Europe/Amsterdam');
    expect(JSON.stringify(request.body)).toContain('203.0.113.45');
    expect(JSON.stringify(request.body)).toContain('Requests agency (fictitious)');
    expect(request.check.ok).toBe(false);
    expect(request.allowed.edit).toBe(true);
    expect(request.allowed.transitions.map((t) => t.id)).toEqual(expect.arrayContaining(['submit_for_validation', 'send', 'withdraw']));
  });

  it('cannot be sent or submitted while a required item is missing: the error names the item and the article', async () => {
    for (const transition of ['send', 'submit_for_validation']) {
      const res = await move(inv, request.id, transition, { channel: 'e-mail' });
      const error = expectError(res, 400, 'validation_failed');
      expect(error.fields.length).toBeGreaterThan(0);
      expect(error.fields.map((f) => f.path)).toContain('body.mlaToFollow');
      expect(error.message).toMatch(/Art\. 29\(2\)\(f\)/);
    }
    const again = (await inv({ method: 'GET', url: `/api/v1/requests/${request.id}` })).json() as RequestView;
    expect(again.status).toBe('draft');
  });

  it('autosaves the draft and refuses a save based on an older version', async () => {
    const body = { ...PRESERVATION_247_BODY, identifiers: request.body.identifiers };
    const saved = await inv({ method: 'PUT', url: `/api/v1/requests/${request.id}/draft`, payload: { body, bodyVersion: 1 } });
    expect(saved.statusCode, saved.body).toBe(200);
    request = saved.json() as RequestView;
    expect(request.bodyVersion).toBe(2);
    expect(request.check).toMatchObject({ ok: true, missing: [] });
    const stale = await pros({ method: 'PUT', url: `/api/v1/requests/${request.id}/draft`, payload: { body: { ...body, facts: 'overwritten' }, bodyVersion: 1 } });
    expectError(stale, 409, 'conflict');
    expect(((await inv({ method: 'GET', url: `/api/v1/requests/${request.id}` })).json() as RequestView).body.facts).toBe(PRESERVATION_247_BODY.facts);
    // A bad value in the draft is refused naming its path.
    const bad = await inv({ method: 'PUT', url: `/api/v1/requests/${request.id}/draft`, payload: { body: { ...body, mlaToFollow: 'yes' }, bodyVersion: 2 } });
    expect(errorOf(bad).fields.map((f) => f.path)).toContain('body.mlaToFollow');
  });

  it('renders a PDF with every Art. 29(2) item, stored by SHA-256 and version; downloads are audited', async () => {
    const res = await post(inv, `/api/v1/requests/${request.id}/documents`, { format: 'pdf', language: 'en' });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as RequestView['documents'][number];
    expect(doc).toMatchObject({ version: 1, format: 'pdf', current: true });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Same version again: the same document.
    expect(((await post(inv, `/api/v1/requests/${request.id}/documents`, { format: 'pdf', language: 'en' })).json() as { id: string }).id).toBe(doc.id);
    const file = await inv({ method: 'GET', url: `/api/v1/requests/${request.id}/documents/${doc.id}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-sha256']).toBe(doc.sha256);
    const text = (await extractPdfText(file.rawPayload)).replace(/\s+/g, ' ');
    for (const expected of [request.reference, PRESERVATION_247_BODY.facts.slice(0, 60), PRESERVATION_247_BODY.data.relationToOffence.slice(0, 60),
      PRESERVATION_247_BODY.necessity.slice(0, 60), 'Polderhost B.V. (fictitious)', '203.0.113.45', 'Europe/Paris'])
      expect(text).toContain(expected);
    expect(text).toMatch(/mutual assistance/i);
    const audit = (await ctx.deps.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq`, [doc.id])).rows;
    expect(audit.map((a) => a.action)).toEqual(['request.document.generate', 'request.document.download']);
    // DOCX in French, a separate document of the same version.
    const docx = (await post(inv, `/api/v1/requests/${request.id}/documents`, { format: 'docx', language: 'fr' })).json() as { id: string; format: string };
    expect(docx).toMatchObject({ format: 'docx' });
    expect(docx.id).not.toBe(doc.id);
    // Editing the request makes the next document a new version; the old one is marked outdated.
    const edited = await inv({ method: 'PUT', url: `/api/v1/requests/${request.id}/draft`, payload: { body: { ...request.body, necessity: `${PRESERVATION_247_BODY.necessity} Urgent.` }, bodyVersion: request.bodyVersion } });
    request = edited.json() as RequestView;
    const v2 = (await post(inv, `/api/v1/requests/${request.id}/documents`, { format: 'pdf', language: 'en' })).json() as { version: number; sha256: string };
    expect(v2.version).toBe(2);
    expect(v2.sha256).not.toBe(doc.sha256);
    const docs = ((await inv({ method: 'GET', url: `/api/v1/requests/${request.id}` })).json() as RequestView).documents;
    expect(docs.map((d) => [d.version, d.format, d.current])).toEqual(expect.arrayContaining([[2, 'pdf', true], [1, 'pdf', false], [1, 'docx', false]]));
  });

  it('is validated by someone else, then sent: the preservation runs 60 days on the addressee’s calendar', async () => {
    expect((await move(inv, request.id, 'submit_for_validation')).statusCode).toBe(200);
    const self = await move(inv, request.id, 'validate', { decision: 'Approved' });
    expectError(self, 403, 'forbidden');
    const validated = await move(pros, request.id, 'validate', { decision: 'Preservation necessary and proportionate.' });
    expect(validated.statusCode, validated.body).toBe(200);
    expect((validated.json() as RequestView).validatedBy).toBe(prosecutor.email);
    const sent = await move(inv, request.id, 'send', { channel: '24/7 network e-mail' });
    expect(sent.statusCode, sent.body).toBe(200);
    request = sent.json() as RequestView;
    expect(request.status).toBe('sent');
    const expiry = request.deadlines.deadlines.find((d) => d.kind === 'preservation_expiry')!;
    // Sent 2026-11-23 09:00 UTC; 60 days after in Europe/Amsterdam ends 2027-01-22 23:59:59.999 CET.
    expect(expiry.dueAt).toBe('2027-01-22T22:59:59.999Z');
    expect(request.nextDue).toMatchObject({ kind: 'preservation_expiry', dueAt: '2027-01-22T22:59:59.999Z' });
    // Sent: no more edits; a new document version is not possible without a change.
    expectError(await inv({ method: 'PUT', url: `/api/v1/requests/${request.id}/draft`, payload: { body: request.body, bodyVersion: request.bodyVersion } }), 409, 'conflict');
  });

  it('shows on the dashboard, and moves to "due soon" 15 days before expiry', async () => {
    const dash = (await inv({ method: 'GET', url: '/api/v1/deadlines?days=90' })).json() as { upcoming: { id: string }[]; dueSoon: unknown[] };
    expect(dash.upcoming.map((i) => i.id)).toContain(request.id);
    ctx.clock.set('2027-01-10T09:00:00Z');
    await signInAll();
    const later = (await inv({ method: 'GET', url: '/api/v1/deadlines?days=30' })).json() as { dueSoon: { id: string; deadline: { kind: string } }[] };
    expect(later.dueSoon).toEqual([expect.objectContaining({ id: request.id, deadline: expect.objectContaining({ kind: 'preservation_expiry' }) })]);
    const filtered = (await inv({ method: 'GET', url: `/api/v1/requests?status=sent&dueBefore=${encodeURIComponent('2027-02-01T00:00:00Z')}` })).json() as { items: { id: string }[] };
    expect(filtered.items.map((i) => i.id)).toEqual([request.id]);
  });

  it('a follow-up MLA request is prefilled from it, and once received keeps the preservation alive', async () => {
    const res = await post(inv, '/api/v1/requests', { caseId: theCase.id, type: 'mla_subscriber', parentId: request.id, counterpart: { kind: 'central_authority', name: 'Ruritania central authority (fictitious)', country: 'NL' } });
    expect(res.statusCode, res.body).toBe(201);
    const mla = res.json() as RequestView;
    expect(mla.parent).toMatchObject({ id: request.id, reference: request.reference });
    expect(mla.relation).toBe('follow_up');
    const body = JSON.stringify(mla.body);
    expect(body).toContain(request.reference);
    expect(body).toContain('203.0.113.45');
    expect(body).toContain(PRESERVATION_247_BODY.facts.slice(0, 40));
    expect(mla.validation.requirement).toBe('prosecutor');
    // An MLA request needs a prosecutor's validation before it goes.
    expect(mla.allowed.transitions.map((t) => t.id)).not.toContain('send');
    const saved = await inv({ method: 'PUT', url: `/api/v1/requests/${mla.id}/draft`, payload: { body: { ...MLA_SUBSCRIBER_BODY, identifiers: mla.body.identifiers }, bodyVersion: mla.bodyVersion } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await move(inv, mla.id, 'submit_for_validation')).statusCode).toBe(200);
    expect((await move(pros, mla.id, 'validate', { decision: 'Issued.' })).statusCode).toBe(200);
    expect((await move(inv, mla.id, 'send', { channel: 'central authority e-mail' })).statusCode).toBe(200);
    const acknowledged = await move(inv, mla.id, 'acknowledge', { occurredAt: '2027-01-12T10:00:00Z' });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    const parent = (await inv({ method: 'GET', url: `/api/v1/requests/${request.id}` })).json() as RequestView;
    expect(parent.children).toEqual([expect.objectContaining({ id: mla.id, relation: 'follow_up' })]);
    expect(parent.deadlines.deadlines.find((d) => d.kind === 'preservation_expiry')!.state).toBe('suspended');
    expect(parent.nextDue).toBeNull();
  });

  it('keeps the request and its documents from anyone outside the case (404, audited)', async () => {
    const doc = request.documents[0]!;
    for (const api of [out, foreign]) {
      expectError(await api({ method: 'GET', url: `/api/v1/requests/${request.id}` }), 404, 'not_found');
      expectError(await api({ method: 'GET', url: `/api/v1/requests/${request.id}/documents/${doc.id}` }), 404, 'not_found');
      expectError(await move(api, request.id, 'withdraw', { reason: 'x' }), 404, 'not_found');
      expectError(await post(api, '/api/v1/requests', { caseId: theCase.id, type: 'preservation_247' }), 404, 'not_found');
      const list = (await api({ method: 'GET', url: `/api/v1/requests?caseId=${theCase.id}` })).json() as { total: number };
      expect(list.total).toBe(0);
    }
    expectError(await out({ method: 'GET', url: `/api/v1/requests/${randomUUID()}` }), 404, 'not_found');
    const denied = (await ctx.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE outcome = 'denied' AND actor_id = $1`, [foreigner.id])).rows[0]!.n;
    expect(denied).toBeGreaterThanOrEqual(4);
  });
});

describe('an EPOC for content data', () => {
  it('is validated by a judge only; the admin marks a prosecutor as judge', async () => {
    const org = (await ctx.deps.db.query<{ organisation_id: string }>('SELECT organisation_id FROM users WHERE id = $1', [investigator.id])).rows[0]!.organisation_id;
    const judgeUser = await createUser(ctx, { organisationId: org, roles: ['prosecutor'] });
    const admin = await createUser(ctx, { organisationId: org, roles: ['admin'] });
    const adminApi = as(ctx, await signIn(ctx, admin));
    await signInAll();
    await inv({ method: 'PUT', url: `/api/v1/cases/${theCase.id}/team/${judgeUser.id}`, payload: { teamRole: 'member' } });
    const created = await post(inv, '/api/v1/requests', { caseId: theCase.id, type: 'epoc', dataCategory: 'content', counterpart: { kind: 'provider', name: 'Polderhost B.V. (fictitious)', country: 'NL' } });
    expect(created.statusCode, created.body).toBe(201);
    const epoc = created.json() as RequestView;
    expect(epoc.validation.requirement).toBe('judge');
    await inv({ method: 'PUT', url: `/api/v1/requests/${epoc.id}/draft`, payload: { body: EPOC_BODY, bodyVersion: epoc.bodyVersion } });
    expect((await move(inv, epoc.id, 'submit_for_validation')).statusCode).toBe(200);
    const notJudge = expectError(await move(pros, epoc.id, 'validate', { decision: 'Approved' }), 403, 'forbidden');
    expect(notJudge.message).toMatch(/judge/i);

    // The judge flag goes with the prosecutor role only.
    expectError(await adminApi({ method: 'PUT', url: `/api/v1/users/${judgeUser.id}/roles`, payload: { roles: ['investigator'], judge: true } }), 400, 'validation_failed');
    const marked = await adminApi({ method: 'PUT', url: `/api/v1/users/${judgeUser.id}/roles`, payload: { roles: ['prosecutor'], judge: true } });
    expect(marked.json()).toMatchObject({ judge: true });
    const judgeApi = as(ctx, await signIn(ctx, judgeUser));
    const validated = await move(judgeApi, epoc.id, 'validate', { decision: 'Production of the content is necessary and proportionate.' });
    expect(validated.statusCode, validated.body).toBe(200);
  });
});

describe('the data category that decides validation', () => {
  it('is the strictest of the request’s and the body’s', () => {
    expect(effectiveCategory({ data_category: 'subscriber', body: { data: { categories: ['subscriber', 'traffic'] } } })).toBe('traffic');
    expect(effectiveCategory({ data_category: null, body: { data: { categories: ['content'] } } })).toBe('content');
    expect(effectiveCategory({ data_category: 'subscriber', body: {} })).toBe('subscriber');
    expect(effectiveCategory({ data_category: null, body: {} })).toBeUndefined();
  });
});
