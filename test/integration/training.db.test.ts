/**
 * The training catalogue through the API: trainers of the owning organisation create, replace
 * and delete entries and their files; every signed-in user reads; another organisation's trainer
 * is refused (403, nothing changes); bad input names its field and stores nothing; files are
 * size-checked (413), recognised by content (415 otherwise) and stored once by SHA-256; public
 * entries and their files are readable without an account, private ones are 404 alike; search,
 * filters, order and paging; every change in the audit log.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingInput, TrainingItem, TrainingPage, TrainingUploadPolicy, TrainingUploadResult } from '../../domain/training.ts';
import { loadConfig } from '../../server/config.ts';
import { as, asOperator, createOrganisation, createTestContext, createUser, signIn, type TestContext, type TestUser } from '../support/context.ts';
import { expectError, fieldPaths } from '../support/http.ts';
import { sampleOffice, samplePdf, samplePng } from '../support/sample-files.ts';

type Client = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

let ctx: TestContext;
let org: string;
let trainer: TestUser;
let trainerApi: Client;
let colleagueApi: Client; // another trainer of the same organisation
let investigatorApi: Client;
let foreignTrainerApi: Client;
let auditorApi: Client;
const anonymous: Client = (opts) => ctx.app.inject(opts);
const operatorApi: Client = (opts) => asOperator(ctx)(opts);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const COURSE: TrainingInput = {
  kind: 'course',
  title: 'Darknet investigations for first responders',
  summary: 'Two days on hidden services, marketplaces and attribution.',
  description: 'Hands-on exercises on a fictitious onion forum. Attribution techniques and preservation requests.',
  provider: 'Europol (fictitious course)',
  audiences: ['law_enforcement'],
  topics: ['darknet', 'osint'],
  languages: ['en'],
  format: 'classroom',
  level: 'intermediate',
  startsOn: '2026-05-12',
  endsOn: '2026-05-13',
  location: 'The Hague',
  links: [{ url: 'https://training.example.org/darknet', label: 'Course page' }],
};

beforeAll(async () => {
  // 1 MiB upload limit, so the oversized case needs little memory.
  ctx = await createTestContext({ LIAISON_TRAINING_UPLOAD_MAX_MB: '1' });
  org = (await createOrganisation(ctx, 'Police academy (fictitious)', 'FR')).id;
  const other = (await createOrganisation(ctx, 'Other academy (fictitious)', 'BE')).id;
  trainer = await createUser(ctx, { organisationId: org, roles: ['trainer'] });
  trainerApi = as(ctx, await signIn(ctx, trainer));
  colleagueApi = as(ctx, await signIn(ctx, await createUser(ctx, { organisationId: org, roles: ['trainer'] })));
  investigatorApi = as(ctx, await signIn(ctx, await createUser(ctx, { organisationId: org, roles: ['investigator'] })));
  foreignTrainerApi = as(ctx, await signIn(ctx, await createUser(ctx, { organisationId: other, roles: ['trainer'] })));
  auditorApi = as(ctx, await signIn(ctx, await createUser(ctx, { organisationId: other, roles: ['auditor'] })));
});
afterAll(() => ctx.close());

async function create(api: Client, payload: Partial<TrainingInput> = {}): Promise<TrainingItem> {
  const res = await api({ method: 'POST', url: '/api/v1/training', payload: { ...COURSE, ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TrainingItem;
}

/** The editable fields of an entry, as a PUT body. */
function bodyOf(item: TrainingItem): Record<string, unknown> {
  const { kind, title, summary, description, provider, audiences, topics, languages, format, level, startsOn, endsOn, location, links } = item;
  return { kind, title, summary, description, provider, audiences, topics, languages, format, level, startsOn, endsOn, location, links, public: item.public, version: item.version };
}

function upload(api: Client, id: string, name: string | null, bytes: Buffer, contentType = 'application/octet-stream') {
  return api({
    method: 'POST', url: `/api/v1/training/${id}/files`,
    headers: { 'content-type': contentType, ...(name === null ? {} : { 'x-file-name': encodeURIComponent(name) }) },
    payload: bytes,
  });
}

async function counts() {
  const { rows } = await ctx.deps.db.query<{ items: number; files: number; attachments: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM training_items) AS items, (SELECT count(*)::int FROM files) AS files,
            (SELECT count(*)::int FROM training_files) AS attachments, (SELECT count(*)::int FROM audit_events) AS events`);
  return rows[0]!;
}

async function events(targetId: string) {
  return (await ctx.deps.db.query<{ action: string; actor_id: string; organisation_id: string; target_type: string; details: Record<string, unknown> }>(
    'SELECT action, actor_id, organisation_id, target_type, details FROM audit_events WHERE target_id = $1 ORDER BY seq', [targetId])).rows;
}

describe('entries', () => {
  it('a trainer adds an entry owned by their organisation; everyone signed in reads it; only its trainers may edit', async () => {
    const item = await create(trainerApi);
    expect(item).toMatchObject({
      title: COURSE.title, provider: COURSE.provider, audiences: ['law_enforcement'], topics: ['darknet', 'osint'], languages: ['en'],
      format: 'classroom', level: 'intermediate', startsOn: '2026-05-12', endsOn: '2026-05-13', location: 'The Hague', public: false,
      organisation: { id: org, name: 'Police academy (fictitious)' }, createdBy: trainer.email, version: 1, files: [], fileCount: 0,
      allowed: { edit: true },
    });
    for (const [api, edit] of [[colleagueApi, true], [investigatorApi, false], [foreignTrainerApi, false], [auditorApi, false]] as const) {
      const res = await api({ method: 'GET', url: `/api/v1/training/${item.id}` });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as TrainingItem).allowed).toEqual({ edit });
    }
    const events0 = await events(item.id);
    expect(events0).toEqual([expect.objectContaining({ action: 'training.create', actor_id: trainer.id, organisation_id: org, target_type: 'training_item', details: { title: COURSE.title, provider: COURSE.provider, kind: 'course', public: false } })]);
  });

  it('roles without training.manage cannot add, change or delete (403) and nothing is stored', async () => {
    const item = await create(trainerApi, { title: 'Protected entry' });
    const before = await counts();
    expectError(await investigatorApi({ method: 'POST', url: '/api/v1/training', payload: COURSE }), 403, 'forbidden');
    expectError(await auditorApi({ method: 'PUT', url: `/api/v1/training/${item.id}`, payload: bodyOf(item) }), 403, 'forbidden');
    expectError(await investigatorApi({ method: 'DELETE', url: `/api/v1/training/${item.id}` }), 403, 'forbidden');
    expectError(await upload(investigatorApi, item.id, 'a.pdf', samplePdf()), 403, 'forbidden');
    expect(await counts()).toEqual(before);
  });

  it('another organisation’s trainer is refused every change (403, naming the owner) and nothing changes', async () => {
    const item = await create(trainerApi, { title: 'Owned by the academy' });
    const up = await upload(trainerApi, item.id, 'handout.pdf', samplePdf('owned'));
    const fileId = (up.json() as TrainingUploadResult).file.id;
    const before = { counts: await counts(), row: (await ctx.deps.db.query('SELECT * FROM training_items WHERE id = $1', [item.id])).rows };
    const refusals = [
      await foreignTrainerApi({ method: 'PUT', url: `/api/v1/training/${item.id}`, payload: { ...bodyOf(item), title: 'Hijacked' } }),
      await foreignTrainerApi({ method: 'DELETE', url: `/api/v1/training/${item.id}` }),
      await upload(foreignTrainerApi, item.id, 'other.pdf', samplePdf('other')),
      await foreignTrainerApi({ method: 'DELETE', url: `/api/v1/training/${item.id}/files/${fileId}` }),
    ];
    for (const res of refusals) expect(expectError(res, 403, 'forbidden').message).toBe('Only trainers of Police academy (fictitious) may change this entry');
    expect({ counts: await counts(), row: (await ctx.deps.db.query('SELECT * FROM training_items WHERE id = $1', [item.id])).rows }).toEqual(before);
    // An entry that does not exist is 404 for everyone.
    expectError(await trainerApi({ method: 'PUT', url: `/api/v1/training/${randomUUID()}`, payload: bodyOf(item) }), 404, 'not_found');
    expectError(await investigatorApi({ method: 'GET', url: `/api/v1/training/${randomUUID()}` }), 404, 'not_found');
  });

  it('a colleague trainer replaces the entry: the changes are audited, long texts by length; an unchanged replacement records nothing', async () => {
    const item = await create(trainerApi, { title: 'Victim identification basics' });
    const res = await colleagueApi({ method: 'PUT', url: `/api/v1/training/${item.id}`, payload: { ...bodyOf(item), level: 'advanced', public: true, description: 'New longer description.' } });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json() as TrainingItem;
    expect(updated).toMatchObject({ level: 'advanced', public: true, version: 2 });
    const update = (await events(item.id)).filter((e) => e.action === 'training.update');
    expect(update).toEqual([expect.objectContaining({
      details: {
        title: 'Victim identification basics',
        changes: { level: { from: 'intermediate', to: 'advanced' }, public: { from: false, to: true }, description: { from: `${COURSE.description!.length} characters`, to: '23 characters' } },
      },
    })]);
    const before = await counts();
    const same = await trainerApi({ method: 'PUT', url: `/api/v1/training/${item.id}`, payload: bodyOf(updated) });
    expect(same.statusCode).toBe(200);
    expect((same.json() as TrainingItem).version).toBe(2);
    expect(await counts()).toEqual(before);
  });

  it('an edit based on an old version is refused (409 naming version) instead of overwriting', async () => {
    const item = await create(trainerApi, { title: 'MLA drafting workshop', topics: ['mla'] });
    expect((await colleagueApi({ method: 'PUT', url: `/api/v1/training/${item.id}`, payload: { ...bodyOf(item), summary: 'First edit' } })).statusCode).toBe(200);
    const stale = await trainerApi({ method: 'PUT', url: `/api/v1/training/${item.id}`, payload: { ...bodyOf(item), summary: 'Second edit' } });
    expectError(stale, 409, 'conflict');
    expect(fieldPaths(stale)).toEqual(['version']);
    const now = (await trainerApi({ method: 'GET', url: `/api/v1/training/${item.id}` })).json() as TrainingItem;
    expect(now.summary).toBe('First edit');
  });

  it('bad input is refused with the field and the rule named, and nothing is stored', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string[], RegExp?][] = [
      [{ title: '' }, ['title'], /at least 3/],
      [{ provider: undefined }, ['provider']],
      [{ audiences: [] }, ['audiences'], /at least 1 audience/],
      [{ topics: ['knitting'] }, ['topics.0']],
      [{ languages: ['xx'] }, ['languages.0'], /ISO 639-1/],
      [{ format: 'self_paced', location: null }, ['startsOn', 'endsOn'], /self-paced entry has no dates/],
      [{ startsOn: '2026-05-12', endsOn: '2026-05-01' }, ['endsOn'], /on or after the start date/],
      [{ startsOn: null, endsOn: '2026-05-01' }, ['startsOn'], /required when an end date/],
      [{ startsOn: '2026-02-30' }, ['startsOn'], /YYYY-MM-DD/],
      [{ location: '' }, ['location'], /required for a classroom course/],
      [{ format: 'online' }, ['location'], /only a classroom course has a location/],
      [{ links: [{ url: 'javascript:alert(1)', label: 'x' }] }, ['links.0.url'], /http:\/\/ or https:\/\//],
      [{ links: [{ url: 'https://example.org', label: '' }] }, ['links.0.label']],
      [{ title: 'x'.repeat(201) }, ['title'], /at most 200/],
      [{ title: 'Nul \u0000 inside' }, ['title'], /cannot be stored/],
    ];
    for (const [patch, paths, message] of cases) {
      const res = await trainerApi({ method: 'POST', url: '/api/v1/training', payload: { ...COURSE, ...patch } });
      const error = expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res), JSON.stringify(patch)).toEqual(paths);
      if (message) expect(error.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('a trainer deletes an entry: its files go with it, and bytes nothing else uses are purged; audited', async () => {
    const item = await create(trainerApi, { title: 'To be withdrawn' });
    const pdf = samplePdf('to be withdrawn');
    await upload(trainerApi, item.id, 'withdrawn.pdf', pdf);
    expect((await ctx.deps.db.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256(pdf)])).rows).toHaveLength(1);
    expect((await trainerApi({ method: 'DELETE', url: `/api/v1/training/${item.id}` })).json()).toEqual({ ok: true });
    expectError(await trainerApi({ method: 'GET', url: `/api/v1/training/${item.id}` }), 404, 'not_found');
    expect((await ctx.deps.db.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256(pdf)])).rows).toHaveLength(0);
    expect((await events(item.id)).map((e) => e.action)).toEqual(['training.create', 'training.delete']);
    expect((await events(item.id)).at(-1)!.details).toEqual({ title: 'To be withdrawn', provider: COURSE.provider, public: false, files: [{ filename: 'withdrawn.pdf', sha256: sha256(pdf) }], purged: 1 });
  });

  it('the operator reads the catalogue but owns no entry: adding one needs a trainer’s token', async () => {
    const operator = operatorApi;
    expect((await operator({ method: 'GET', url: '/api/v1/training' })).statusCode).toBe(200);
    expect(expectError(await operator({ method: 'POST', url: '/api/v1/training', payload: COURSE }), 403, 'forbidden').message).toMatch(/act as a trainer/);
  });
});

describe('files', () => {
  let item: TrainingItem;
  beforeAll(async () => {
    item = await create(trainerApi, { title: 'E-evidence handbook', kind: 'material', format: 'self_paced', startsOn: null, endsOn: null, location: null, topics: ['e_evidence'] });
  });

  it('uploads a PDF: recognised by content whatever the client claims, stored by SHA-256, audited', async () => {
    const pdf = samplePdf('E-evidence handbook, chapter 1');
    const res = await upload(trainerApi, item.id, 'Chapitre 1 — preuve électronique.pdf', pdf, 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(201);
    const { file, duplicate } = res.json() as TrainingUploadResult;
    expect(duplicate).toBe(false);
    expect(file).toMatchObject({ filename: 'Chapitre 1 — preuve électronique.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) });
    const got = (await trainerApi({ method: 'GET', url: `/api/v1/training/${item.id}` })).json() as TrainingItem;
    expect(got.files).toEqual([file]);
    expect(got.version).toBe(2);
    const uploadEvent = (await events(file.id))[0]!;
    expect(uploadEvent).toMatchObject({ action: 'training.file.upload', actor_id: trainer.id, target_type: 'training_file', details: { itemId: item.id, filename: file.filename, contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) } });

    // Downloaded as an attachment with its real type, never sniffed or rendered by the browser.
    const download = await investigatorApi({ method: 'GET', url: `/api/v1/training/${item.id}/files/${file.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Chapitre 1  preuve electronique.pdf"; filename*=UTF-8''Chapitre%201%20%E2%80%94%20preuve%20%C3%A9lectronique.pdf`,
      'x-content-type-options': 'nosniff',
      'x-content-sha256': sha256(pdf),
      'cache-control': 'private, no-store',
    });
    expect(String(download.headers['content-security-policy'])).toContain('sandbox');
  });

  it('the same bytes twice are stored once: on one entry the upload answers the existing file; on another, a second reference', async () => {
    const pptx = sampleOffice('pptx');
    const first = await upload(trainerApi, item.id, 'slides.pptx', pptx);
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const again = await upload(colleagueApi, item.id, 'renamed copy.pptx', pptx);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ file: (first.json() as TrainingUploadResult).file, duplicate: true });
    expect(await counts()).toEqual(before); // no row, no event
    const other = await create(trainerApi, { title: 'Second entry using the slides' });
    const elsewhere = await upload(trainerApi, other.id, 'slides.pptx', pptx);
    expect(elsewhere.statusCode).toBe(201);
    expect((elsewhere.json() as TrainingUploadResult).duplicate).toBe(false);
    expect((await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM files WHERE sha256 = $1', [sha256(pptx)])).rows[0]!.n).toBe(1);
    expect((await ctx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM training_files WHERE sha256 = $1', [sha256(pptx)])).rows[0]!.n).toBe(2);
    // The audit does not say whether the bytes were stored already (the store is shared instance-wide).
    expect((await events((elsewhere.json() as TrainingUploadResult).file.id))[0]!.details).not.toHaveProperty('stored');

    // Removing it from one entry keeps the bytes the other still uses; from the last, purges them.
    const firstId = (first.json() as TrainingUploadResult).file.id;
    expect((await trainerApi({ method: 'DELETE', url: `/api/v1/training/${item.id}/files/${firstId}` })).statusCode).toBe(200);
    expect((await ctx.deps.db.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256(pptx)])).rows).toHaveLength(1);
    expect((await events(firstId)).map((e) => [e.action, e.details.purged])).toEqual([['training.file.upload', undefined], ['training.file.delete', false]]);
    const otherId = (elsewhere.json() as TrainingUploadResult).file.id;
    expect((await trainerApi({ method: 'DELETE', url: `/api/v1/training/${other.id}/files/${otherId}` })).statusCode).toBe(200);
    expect((await ctx.deps.db.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256(pptx)])).rows).toHaveLength(0);
    expectError(await trainerApi({ method: 'DELETE', url: `/api/v1/training/${other.id}/files/${otherId}` }), 404, 'not_found');
  });

  it('bytes another record still refers to are kept when the last entry lets go of them (and the change still commits)', async () => {
    // A stand-in for another module's table that keeps files by SHA-256 (request documents do).
    await ctx.deps.db.exec('CREATE TABLE IF NOT EXISTS test_file_refs (sha256 text NOT NULL REFERENCES files(sha256))');
    const txt = Buffer.from('Shared between a training entry and another record\n');
    const res = await upload(trainerApi, item.id, 'shared.txt', txt);
    const fileId = (res.json() as TrainingUploadResult).file.id;
    await ctx.deps.db.query('INSERT INTO test_file_refs (sha256) VALUES ($1)', [sha256(txt)]);
    expect((await trainerApi({ method: 'DELETE', url: `/api/v1/training/${item.id}/files/${fileId}` })).statusCode).toBe(200);
    expect((await ctx.deps.db.query('SELECT 1 FROM training_files WHERE id = $1', [fileId])).rows).toHaveLength(0);
    expect((await ctx.deps.db.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256(txt)])).rows).toHaveLength(1);
    expect((await events(fileId)).at(-1)).toMatchObject({ action: 'training.file.delete', details: { purged: false } });
  });

  it('an oversized file is refused with 413 before anything is stored', async () => {
    const before = await counts();
    const big = Buffer.concat([samplePdf(), Buffer.alloc(1024 * 1024, 0x20)]);
    const res = await upload(trainerApi, item.id, 'big.pdf', big);
    expectError(res, 413, 'payload_too_large');
    expect(await counts()).toEqual(before);
    // The default limit is 25 MiB; clients read the one in force before sending.
    expect(loadConfig({}).trainingUploadMaxBytes).toBe(25 * 1024 * 1024);
    const policy = (await investigatorApi({ method: 'GET', url: '/api/v1/training/upload-policy' })).json() as TrainingUploadPolicy;
    expect(policy.maxBytes).toBe(1024 * 1024);
    expect(policy.types.map((t) => t.type)).toEqual(['pdf', 'docx', 'xlsx', 'pptx', 'mp4', 'png', 'jpeg', 'text']);
  });

  it('a file of another type, or named as another type, is refused (415, naming why) and nothing is stored', async () => {
    const before = await counts();
    const exe = await upload(trainerApi, item.id, 'tool.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 0x90)]));
    expect(expectError(exe, 415, 'unsupported_media_type').message).toMatch(/programs \(Windows executables\) are not accepted/);
    const html = await upload(trainerApi, item.id, 'page.html', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(expectError(html, 415, 'unsupported_media_type').message).toMatch(/the content is of type Plain text \(UTF-8\), but the name ends in \.html/);
    expect(fieldPaths(html)).toEqual(['headers.x-file-name']);
    const disguised = await upload(trainerApi, item.id, 'photo.pdf', samplePng());
    expect(fieldPaths(disguised)).toEqual(['headers.x-file-name']);
    const macro = await upload(trainerApi, item.id, 'macro.docx', sampleOffice('docx', { vba: true }));
    expect(expectError(macro, 415, 'unsupported_media_type').message).toMatch(/macro-enabled/);
    const empty = await upload(trainerApi, item.id, 'empty.txt', Buffer.alloc(0));
    expect([400, 415]).toContain(empty.statusCode);
    const noName = await upload(trainerApi, item.id, null, samplePdf());
    expectError(noName, 400, 'validation_failed');
    expect(fieldPaths(noName)).toEqual(['headers.x-file-name']);
    const json = await trainerApi({ method: 'POST', url: `/api/v1/training/${item.id}/files`, payload: { file: 'not bytes' } });
    expectError(json, 415, 'unsupported_media_type');
    // The client's content type is no evidence: anything but application/octet-stream is refused.
    const pdfType = await trainerApi({ method: 'POST', url: `/api/v1/training/${item.id}/files`, headers: { 'content-type': 'application/pdf', 'x-file-name': 'a.pdf' }, payload: samplePdf() });
    expect(expectError(pdfType, 415, 'unsupported_media_type').message).toMatch(/application\/octet-stream/);
    expect(await counts()).toEqual(before);
  });
});

describe('public entries', () => {
  let privateItem: TrainingItem;
  let publicItem: TrainingItem;
  let privateFile: string;
  let publicFile: string;
  const pdf = samplePdf('Public factsheet on reporting OCSEA');

  beforeAll(async () => {
    privateItem = await create(trainerApi, { title: 'Internal undercover techniques', topics: ['undercover_online'] });
    privateFile = ((await upload(trainerApi, privateItem.id, 'internal.pdf', samplePdf('internal'))).json() as TrainingUploadResult).file.id;
    publicItem = await create(trainerApi, { title: 'Recognising OCSEA: a factsheet', kind: 'material', format: 'self_paced', startsOn: null, endsOn: null, location: null, topics: ['ocsea'], audiences: ['ngos', 'private_sector'], public: true });
    publicFile = ((await upload(trainerApi, publicItem.id, 'factsheet.pdf', pdf)).json() as TrainingUploadResult).file.id;
  });

  it('are listed, shown and downloadable without an account, without who maintains them', async () => {
    const list = await anonymous({ method: 'GET', url: '/api/v1/public/training?limit=100' });
    expect(list.statusCode).toBe(200);
    const page = list.json() as TrainingPage;
    expect(page.items.map((i) => i.id)).toContain(publicItem.id);
    expect(page.items.every((i) => i.public)).toBe(true);
    const one = await anonymous({ method: 'GET', url: `/api/v1/public/training/${publicItem.id}` });
    expect(one.statusCode).toBe(200);
    const body = one.json() as Record<string, unknown>;
    expect(body).toMatchObject({ title: 'Recognising OCSEA: a factsheet', files: [expect.objectContaining({ id: publicFile, sha256: sha256(pdf) })] });
    for (const hidden of ['organisation', 'createdBy', 'allowed', 'version']) expect(body).not.toHaveProperty(hidden);
    const file = await anonymous({ method: 'GET', url: `/api/v1/public/training/${publicItem.id}/files/${publicFile}` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
  });

  it('private entries and their files are 404 without a session, exactly like entries that do not exist', async () => {
    const none = expectError(await anonymous({ method: 'GET', url: `/api/v1/public/training/${randomUUID()}` }), 404, 'not_found');
    expect(expectError(await anonymous({ method: 'GET', url: `/api/v1/public/training/${privateItem.id}` }), 404, 'not_found')).toEqual(none);
    expectError(await anonymous({ method: 'GET', url: `/api/v1/public/training/${privateItem.id}/files/${privateFile}` }), 404, 'not_found');
    // A public entry's address does not open another entry's file.
    expectError(await anonymous({ method: 'GET', url: `/api/v1/public/training/${publicItem.id}/files/${privateFile}` }), 404, 'not_found');
    const list = (await anonymous({ method: 'GET', url: '/api/v1/public/training?q=undercover' })).json() as TrainingPage;
    expect(list).toEqual({ items: [], total: 0 });
    // The signed-in routes need a session.
    expectError(await anonymous({ method: 'GET', url: `/api/v1/training/${privateItem.id}` }), 401, 'unauthenticated');
    expectError(await anonymous({ method: 'GET', url: `/api/v1/training/${privateItem.id}/files/${privateFile}` }), 401, 'unauthenticated');
  });

  it('unpublishing takes an entry off the public page at once', async () => {
    const current = (await trainerApi({ method: 'GET', url: `/api/v1/training/${publicItem.id}` })).json() as TrainingItem;
    expect((await trainerApi({ method: 'PUT', url: `/api/v1/training/${publicItem.id}`, payload: { ...bodyOf(current), public: false } })).statusCode).toBe(200);
    expectError(await anonymous({ method: 'GET', url: `/api/v1/public/training/${publicItem.id}/files/${publicFile}` }), 404, 'not_found');
    expect((await trainerApi({ method: 'PUT', url: `/api/v1/training/${publicItem.id}`, payload: { ...bodyOf(current), public: true, version: current.version + 1 } })).statusCode).toBe(200);
    expect((await anonymous({ method: 'GET', url: `/api/v1/public/training/${publicItem.id}` })).statusCode).toBe(200);
  });
});

describe('search and filters', () => {
  const ids: Record<string, string> = {};
  const search = async (query: string, api: Client = investigatorApi) => {
    const res = await api({ method: 'GET', url: `/api/v1/training?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TrainingPage;
  };
  const titles = (page: TrainingPage) => page.items.map((i) => i.title);

  beforeAll(async () => {
    // The test clock says 2026-03-02.
    const entries: Partial<TrainingInput>[] = [
      { title: 'Zeta: cryptocurrency tracing', provider: 'UNODC (fictitious)', topics: ['cryptocurrency'], audiences: ['law_enforcement', 'prosecutors'], languages: ['en', 'fr'], format: 'online', location: null, level: 'advanced', startsOn: '2026-04-01', endsOn: '2026-04-03' },
      { title: 'Alpha: the Budapest Convention for judges', provider: 'Council of Europe (fictitious)', topics: ['legal_framework', 'mla'], audiences: ['judges'], languages: ['fr'], format: 'classroom', location: 'Strasbourg', level: 'introductory', startsOn: '2026-01-10', endsOn: '2026-01-11' },
      { title: 'Mu: OSINT self-study', provider: 'National academy (fictitious)', topics: ['osint'], audiences: ['contact_points_24_7'], languages: ['es'], format: 'self_paced', location: null, level: 'intermediate', startsOn: null, endsOn: null, kind: 'material' },
      { title: 'Beta: wellbeing for investigators', provider: 'INTERPOL (fictitious)', summary: 'Coping with exposure to abuse material.', topics: ['wellbeing'], audiences: ['law_enforcement'], languages: ['en'], format: 'online', location: null, level: 'introductory', startsOn: '2026-03-02', endsOn: null },
    ];
    for (const e of entries) ids[e.title!] = (await create(foreignTrainerApi, { description: '', links: [], ...e })).id;
  });

  it('full text over title, provider, summary and description, by word prefix', async () => {
    expect(titles(await search('q=unod'))).toEqual(['Zeta: cryptocurrency tracing']);
    expect(titles(await search('q=exposure'))).toEqual(['Beta: wellbeing for investigators']);
    expect(titles(await search('q=budapest+judges'))).toEqual(['Alpha: the Budapest Convention for judges']);
    // Operators typed into the box are words, not tsquery syntax.
    expect((await search(`q=${encodeURIComponent("osint & ! | ( ' :*")}`)).total).toBeGreaterThanOrEqual(1);
  });

  it('filters by audience, topic, language, format, level and kind; any value within a filter, all filters together', async () => {
    expect(titles(await search('audience=judges'))).toEqual(['Alpha: the Budapest Convention for judges']);
    expect(titles(await search('topic=cryptocurrency&topic=wellbeing&sort=title'))).toEqual(['Beta: wellbeing for investigators', 'Zeta: cryptocurrency tracing']);
    expect(titles(await search('topic=cryptocurrency,wellbeing&level=advanced'))).toEqual(['Zeta: cryptocurrency tracing']);
    expect(titles(await search('language=FR&sort=title'))).toEqual(['Alpha: the Budapest Convention for judges', 'Zeta: cryptocurrency tracing']);
    expect(titles(await search('format=self_paced&kind=material&q=osint'))).toEqual(['Mu: OSINT self-study']);
    const bad = await investigatorApi({ method: 'GET', url: '/api/v1/training?topic=knitting&language=xx' });
    expectError(bad, 400, 'validation_failed');
    expect(fieldPaths(bad)).toEqual(['query.topic.0', 'query.language.0']);
  });

  it('upcoming (not yet ended, soonest first) and past (latest first); undated entries in neither', async () => {
    const mine = (page: TrainingPage) => titles(page).filter((t) => /^(Alpha|Beta|Mu|Zeta):/.test(t));
    expect(mine(await search('when=upcoming&limit=100'))).toEqual(['Beta: wellbeing for investigators', 'Zeta: cryptocurrency tracing']);
    expect(mine(await search('when=past&limit=100'))).toEqual(['Alpha: the Budapest Convention for judges']);
    // A month later (read by the operator: the users' sessions would have expired meanwhile).
    const now = ctx.clock.now();
    ctx.clock.set('2026-04-02T23:30:00Z');
    try {
      expect(mine(await search('when=upcoming&limit=100', operatorApi))).toEqual(['Zeta: cryptocurrency tracing']);
    } finally {
      ctx.clock.set(now);
    }
  });

  it('pages with a total, sorted by title or start date', async () => {
    const all = await search('sort=title&limit=100');
    expect(titles(all)).toEqual([...titles(all)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const first = await search('sort=title&limit=2&offset=0');
    const second = await search('sort=title&limit=2&offset=2');
    expect(first.total).toBe(all.total);
    expect([...titles(first), ...titles(second)]).toEqual(titles(all).slice(0, 4));
    const byStart = titles(await search('sort=start&limit=100')).filter((t) => /^(Alpha|Beta|Mu|Zeta):/.test(t));
    expect(byStart).toEqual(['Alpha: the Budapest Convention for judges', 'Beta: wellbeing for investigators', 'Zeta: cryptocurrency tracing', 'Mu: OSINT self-study']);
  });
});
