/**
 * The directory, the country profiles and the route advisor through the API: coordinators edit
 * (audited), everyone reads; search; all-or-nothing import with every bad row named by line and
 * field; export → import → export byte-identical; advice with addressees from the directory.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authority, AuthorityInput, Provider, ProviderInput } from '../../domain/directory.ts';
import { as, asOperator, createOrganisation, createTestContext, createUser, signIn, type TestContext, type TestUser } from '../support/context.ts';
import { expectError, fieldPaths } from '../support/http.ts';

let ctx: TestContext;
let coordinator: TestUser;
let coord: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
let inv: (opts: InjectOptions) => Promise<LightMyRequestResponse>;

beforeAll(async () => {
  ctx = await createTestContext();
  const org = (await createOrganisation(ctx, 'Directory agency (fictitious)', 'FR')).id;
  coordinator = await createUser(ctx, { organisationId: org, roles: ['coordinator'] });
  const coordCookie = await signIn(ctx, coordinator);
  const invCookie = await signIn(ctx, await createUser(ctx, { organisationId: org, roles: ['investigator'] }));
  coord = as(ctx, coordCookie);
  inv = as(ctx, invCookie);
});
afterAll(() => ctx.close());

// ------------------------------------------------------------------------------ helpers

let n = 0;
/** A fictitious authority; every required field set. */
function authorityInput(overrides: Partial<AuthorityInput> = {}): AuthorityInput {
  return {
    country: 'NL',
    kind: 'contact_point_24_7',
    name: `Test contact point ${++n} (fictitious)`,
    availability: '24/7',
    timeZone: 'Europe/Amsterdam',
    channels: [{ type: 'email', value: `cp${n}@example.org` }],
    languages: ['en'],
    fictitious: true,
    ...overrides,
  };
}

function providerInput(overrides: Partial<ProviderInput> = {}): ProviderInput {
  return { name: `Provider ${++n}`, legalEntity: `Provider ${n} Ltd (fictitious)`, country: 'US', fictitious: true, ...overrides };
}

const count = async (table: string, where = 'TRUE', params: unknown[] = []) =>
  (await ctx.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0]!.n;
const events = async (action: string, targetId?: string) =>
  (await ctx.deps.db.query<{ actor_label: string; target_type: string; target_id: string | null; details: Record<string, unknown> }>(
    `SELECT * FROM audit_events WHERE action = $1 ${targetId ? 'AND target_id = $2' : ''} ORDER BY seq`, targetId ? [action, targetId] : [action],
  )).rows;
/** Rows and audit events, to show that a refused request changed nothing. */
const snapshot = async () => ({
  authorities: (await ctx.deps.db.query('SELECT id, name, updated_at FROM authorities ORDER BY id')).rows,
  providers: (await ctx.deps.db.query('SELECT id, name, updated_at FROM providers ORDER BY id')).rows,
  audit: await count('audit_events'),
});

async function create(kind: 'authorities', body: AuthorityInput): Promise<Authority>;
async function create(kind: 'providers', body: ProviderInput): Promise<Provider>;
async function create(kind: 'authorities' | 'providers', body: AuthorityInput | ProviderInput) {
  const res = await coord({ method: 'POST', url: `/api/v1/directory/${kind}`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const importFile = (kind: 'authorities' | 'providers', format: 'csv' | 'json', content: string, call = coord) =>
  call({ method: 'POST', url: '/api/v1/directory/import', payload: { kind, format, content } });
const exportFile = async (kind: 'authorities' | 'providers', format: 'csv' | 'json', call = inv) => {
  const res = await call({ method: 'GET', url: `/api/v1/directory/export?kind=${kind}&format=${format}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};

// ------------------------------------------------------------------------------ editing

describe('editing the directory', () => {
  it('a coordinator creates, updates and deletes an authority, each change audited with the changed fields', async () => {
    const created = await create('authorities', authorityInput({ name: '  Edit me (fictitious) ', unit: 'Cyber unit', officeHours: '' }));
    expect(created).toMatchObject({ name: 'Edit me (fictitious)', unit: 'Cyber unit', encryptionRequired: false, eSignatureRequired: false, fictitious: true, updatedAt: ctx.clock.now().toISOString() });
    expect(created).not.toHaveProperty('officeHours'); // an empty optional text is absent
    expect(await events('directory.authority.create', created.id)).toEqual([
      expect.objectContaining({ actor_label: coordinator.email, target_type: 'authority', details: { name: 'Edit me (fictitious)', country: 'NL', kind: 'contact_point_24_7' } }),
    ]);
    // Everyone reads it.
    expect((await inv({ method: 'GET', url: `/api/v1/directory/authorities/${created.id}` })).json()).toEqual(created);

    ctx.clock.advance(60_000);
    const { id: _id, updatedAt: _at, ...input } = created;
    const put = await coord({ method: 'PUT', url: `/api/v1/directory/authorities/${created.id}`, payload: { ...input, name: 'Edited (fictitious)', channels: [{ type: 'phone', value: '+00 31 555 0100' }] } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ id: created.id, name: 'Edited (fictitious)', channels: [{ type: 'phone', value: '+00 31 555 0100' }], updatedAt: ctx.clock.now().toISOString() });
    const [update] = await events('directory.authority.update', created.id);
    expect(update!.details.changes).toEqual({
      name: { from: 'Edit me (fictitious)', to: 'Edited (fictitious)' },
      channels: { from: created.channels, to: [{ type: 'phone', value: '+00 31 555 0100' }] },
    });

    // The same values again: nothing is written, nothing audited.
    ctx.clock.advance(60_000);
    const same = await coord({ method: 'PUT', url: `/api/v1/directory/authorities/${created.id}`, payload: { ...input, name: 'Edited (fictitious)', channels: [{ type: 'phone', value: '+00 31 555 0100' }] } });
    expect(same.json().updatedAt).toBe(put.json().updatedAt);
    expect(await events('directory.authority.update', created.id)).toHaveLength(1);

    expect((await coord({ method: 'DELETE', url: `/api/v1/directory/authorities/${created.id}` })).json()).toEqual({ ok: true });
    expectError(await inv({ method: 'GET', url: `/api/v1/directory/authorities/${created.id}` }), 404, 'not_found');
    expect(await events('directory.authority.delete', created.id)).toEqual([expect.objectContaining({ details: { name: 'Edited (fictitious)', country: 'NL', kind: 'contact_point_24_7' } })]);
    expectError(await coord({ method: 'DELETE', url: `/api/v1/directory/authorities/${created.id}` }), 404, 'not_found');
    expectError(await coord({ method: 'PUT', url: `/api/v1/directory/authorities/${randomUUID()}`, payload: input }), 404, 'not_found');
  });

  it('a coordinator creates, updates and deletes a provider, audited', async () => {
    const created = await create('providers', providerInput({ name: 'Edit provider', aliases: ['EP'], dataHeld: [{ category: 'subscriber', retention: '1 year' }], preservationDays: 90 }));
    expect(created).toMatchObject({ aliases: ['EP'], preservationDays: 90, euEstablishmentCountry: null, acceptsDirectPreservation: false });
    const { id, updatedAt: _at, ...input } = created;
    const put = await coord({ method: 'PUT', url: `/api/v1/directory/providers/${id}`, payload: { ...input, euEstablishmentCountry: 'IE', preservationDays: null } });
    expect(put.json()).toMatchObject({ euEstablishmentCountry: 'IE', preservationDays: null });
    expect((await events('directory.provider.update', id))[0]!.details.changes).toEqual({
      euEstablishmentCountry: { from: null, to: 'IE' },
      preservationDays: { from: 90, to: null },
    });
    expect((await coord({ method: 'DELETE', url: `/api/v1/directory/providers/${id}` })).statusCode).toBe(200);
    expect(await events('directory.provider.create', id)).toHaveLength(1);
    expect(await events('directory.provider.delete', id)).toHaveLength(1);
    expectError(await inv({ method: 'GET', url: `/api/v1/directory/providers/${id}` }), 404, 'not_found');
  });

  it('refuses invalid entries with 400 naming each field, creating nothing', async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...authorityInput(), country: 'France' }, ['country']],
      [{ ...authorityInput(), channels: [] }, ['channels']],
      [{ ...authorityInput(), channels: [{ type: 'pigeon', value: 'x' }] }, ['channels.0.type']],
      [{ ...authorityInput(), languages: ['fra'], timeZone: 'Europe/Atlantis' }, ['timeZone', 'languages.0']],
      [{ ...authorityInput(), kind: 'oracle', name: ' ' }, ['kind', 'name']],
    ];
    for (const [payload, fields] of cases) {
      const res = await coord({ method: 'POST', url: '/api/v1/directory/authorities', payload });
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res).sort(), JSON.stringify(payload)).toEqual(fields.sort());
    }
    const res = await coord({ method: 'POST', url: '/api/v1/directory/providers', payload: { ...providerInput(), preservationDays: -1, euEstablishmentCountry: 'ie' } });
    expect(fieldPaths(res).sort()).toEqual(['euEstablishmentCountry', 'preservationDays']);
    expect(await snapshot()).toEqual(before);
  });

  it('an investigator reads but cannot write (403, nothing changes); without a session, 401', async () => {
    const existing = await create('authorities', authorityInput());
    const provider = await create('providers', providerInput());
    const before = await snapshot();
    const { id, updatedAt: _at, ...input } = existing;
    expectError(await inv({ method: 'POST', url: '/api/v1/directory/authorities', payload: authorityInput() }), 403, 'forbidden');
    expectError(await inv({ method: 'PUT', url: `/api/v1/directory/authorities/${id}`, payload: { ...input, name: 'Hijacked' } }), 403, 'forbidden');
    expectError(await inv({ method: 'DELETE', url: `/api/v1/directory/authorities/${id}` }), 403, 'forbidden');
    expectError(await inv({ method: 'POST', url: '/api/v1/directory/providers', payload: providerInput() }), 403, 'forbidden');
    expectError(await inv({ method: 'DELETE', url: `/api/v1/directory/providers/${provider.id}` }), 403, 'forbidden');
    expectError(await importFile('authorities', 'json', JSON.stringify([authorityInput()]), inv), 403, 'forbidden');
    expect(await snapshot()).toEqual(before);
    // Reading is open to the investigator…
    expect((await inv({ method: 'GET', url: '/api/v1/directory/authorities?limit=1' })).statusCode).toBe(200);
    expect((await inv({ method: 'GET', url: `/api/v1/directory/providers/${provider.id}` })).json()).toEqual(provider);
    // …and closed to anyone not signed in.
    for (const opts of [
      { method: 'GET', url: '/api/v1/directory/authorities' },
      { method: 'GET', url: `/api/v1/directory/providers/${provider.id}` },
      { method: 'POST', url: '/api/v1/directory/authorities', payload: authorityInput() },
      { method: 'GET', url: '/api/v1/countries/FR' },
      { method: 'POST', url: '/api/v1/routes/advise', payload: { from: 'FR', to: { country: 'US' }, data: 'subscriber', purpose: 'preserve' } },
    ] as InjectOptions[])
      expectError(await ctx.app.inject(opts), 401, 'unauthenticated');
    expect(await snapshot()).toEqual(before);
    await coord({ method: 'DELETE', url: `/api/v1/directory/authorities/${id}` });
    await coord({ method: 'DELETE', url: `/api/v1/directory/providers/${provider.id}` });
  });
});

// ------------------------------------------------------------------------------ search

describe('searching', () => {
  const made: Record<string, Authority> = {};
  beforeAll(async () => {
    const entries: [string, AuthorityInput][] = [
      ['frPoint', authorityInput({ country: 'FR', name: 'Searchable Paris cybercrime point', timeZone: 'Europe/Paris', notes: 'searchtoken-alpha' })],
      ['frCentral', authorityInput({ country: 'FR', kind: 'central_authority', name: 'Searchable Ministry central authority', availability: 'office_hours', timeZone: 'Europe/Paris', notes: 'searchtoken-alpha' })],
      ['cnPoint', authorityInput({ country: 'CN', name: 'Searchable Beijing point', timeZone: 'Asia/Shanghai', notes: 'searchtoken-alpha' })],
      ['usPoint', authorityInput({ country: 'US', name: 'Searchable Washington point', unit: 'Computer Crime Section', timeZone: 'America/New_York', notes: 'searchtoken-alpha' })],
      ['deJudge', authorityInput({ country: 'DE', kind: 'judicial_authority', name: 'Searchable Staatsanwaltschaft', availability: 'office_hours', timeZone: 'Europe/Berlin', notes: 'searchtoken-alpha' })],
    ];
    for (const [key, input] of entries) made[key] = await create('authorities', input);
  });
  afterAll(async () => {
    for (const a of Object.values(made)) await coord({ method: 'DELETE', url: `/api/v1/directory/authorities/${a.id}` });
  });

  const search = async (query: string) => {
    const res = await inv({ method: 'GET', url: `/api/v1/directory/authorities?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Authority[]; total: number };
  };
  const names = (page: { items: Authority[] }) => page.items.map((a) => a.id).map((id) => Object.entries(made).find(([, a]) => a.id === id)?.[0]).sort();

  it('full text over name, unit, country and notes, with word prefixes, all words required', async () => {
    expect(names(await search('q=searchtoken'))).toEqual(['cnPoint', 'deJudge', 'frCentral', 'frPoint', 'usPoint']);
    expect(names(await search('q=cyber'))).toEqual(['frPoint']); // prefix of "cybercrime"
    expect(names(await search('q=computer%20crime'))).toEqual(['usPoint']); // the unit
    expect(names(await search('q=searchable%20fr'))).toEqual(['frCentral', 'frPoint']); // the country code
    expect(names(await search('q=Searchable%20point%20Beij'))).toEqual(['cnPoint']);
    // Operators and quotes are just separators: no tsquery syntax reaches the database.
    expect(names(await search(`q=${encodeURIComponent("paris' | !(& searchable:*")}`))).toEqual(['frPoint']);
    expect((await search('q=nothingmatchesthis')).total).toBe(0);
  });

  it('filters by country, kind, treaty binding today and 24/7 availability', async () => {
    expect(names(await search('q=searchtoken&country=FR'))).toEqual(['frCentral', 'frPoint']);
    expect(names(await search('q=searchtoken&kind=contact_point_24_7'))).toEqual(['cnPoint', 'frPoint', 'usPoint']);
    // China is not a Party to the Budapest Convention; France, Germany and the United States are.
    expect(names(await search('q=searchtoken&treaty=budapest'))).toEqual(['deJudge', 'frCentral', 'frPoint', 'usPoint']);
    expect(names(await search('q=searchtoken&treaty=eu'))).toEqual(['deJudge', 'frCentral', 'frPoint']);
    expect(names(await search('q=searchtoken&available247=true'))).toEqual(['cnPoint', 'frPoint', 'usPoint']);
    expect(names(await search('q=searchtoken&available247=false'))).toEqual(['deJudge', 'frCentral']);
    expect(names(await search('q=searchtoken&country=FR&available247=true&treaty=budapest'))).toEqual(['frPoint']);
    const bad = await inv({ method: 'GET', url: '/api/v1/directory/authorities?treaty=warsaw&country=fr&kind=x' });
    expectError(bad, 400, 'validation_failed');
    expect(fieldPaths(bad).sort()).toEqual(['query.country', 'query.kind']);
    expect(fieldPaths(await inv({ method: 'GET', url: '/api/v1/directory/authorities?treaty=warsaw' }))).toEqual(['query.treaty']);
  });

  it('pages with a total', async () => {
    const first = await search('q=searchtoken&limit=2&offset=0');
    const second = await search('q=searchtoken&limit=2&offset=2');
    const third = await search('q=searchtoken&limit=2&offset=4');
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
    const ids = [...first.items, ...second.items, ...third.items].map((a) => a.id);
    expect(new Set(ids).size).toBe(5);
    expect((await search('q=searchtoken&limit=2&offset=10')).items).toEqual([]);
    // Without a query: ordered by country then name.
    const all = await search('limit=200');
    const keys = all.items.map((a) => a.country);
    expect(keys).toEqual([...keys].sort());
  });

  it('searches providers by name, alias and legal entity, and filters by country', async () => {
    const p = await create('providers', providerInput({ name: 'Quokkachat', aliases: ['QuokkaTalk'], legalEntity: 'Marsupial Messaging Pty Ltd', country: 'AU' }));
    const q = async (query: string) => ((await inv({ method: 'GET', url: `/api/v1/directory/providers?${query}` })).json() as { items: Provider[] }).items.map((x) => x.id);
    expect(await q('q=quokkat')).toEqual([p.id]);
    expect(await q('q=marsupial%20messaging')).toEqual([p.id]);
    expect(await q('q=quokka&country=AU')).toEqual([p.id]);
    expect(await q('q=quokka&country=US')).toEqual([]);
    await coord({ method: 'DELETE', url: `/api/v1/directory/providers/${p.id}` });
  });
});

// ------------------------------------------------------------------------------ import and export

const AUTHORITY_HEADER = 'id,country,kind,name,unit,availability,officeHours,timeZone,channels,languages,encryptionRequired,eSignatureRequired,requirements,notes,fictitious,source,updatedAt';

describe('import', () => {
  it('a file with bad rows imports nothing and names every bad row by line and field', async () => {
    const before = await snapshot();
    const csv = [
      AUTHORITY_HEADER,
      ',FR,contact_point_24_7,Good row (fictitious),,24/7,,Europe/Paris,email:a@example.org,fr,false,false,,,true,,',
      ',France,contact_point_24_7,Bad country (fictitious),,24/7,,Europe/Paris,email:b@example.org,fr,false,false,,,true,,',
      ',FR,central_authority,"Spans',
      'two lines (fictitious)",,office_hours,,Europe/Paris,email:c@example.org,fr,perhaps,false,,,true,,',
      ',FR,central_authority,No channel (fictitious),,office_hours,,Mars/Olympus,,fr,false,false,,,true,,',
      ',FR,contact_point_24_7,Bad channel (fictitious),,24/7,,Europe/Paris,pigeon:coo; email,fr,false,false,,,true,,',
    ].join('\r\n') + '\r\n';
    const res = await importFile('authorities', 'csv', csv);
    const error = expectError(res, 400, 'validation_failed');
    expect(error.message).toBe('4 rows are invalid; nothing was imported');
    expect(error.fields).toEqual([
      { path: 'line 3.country', message: 'must be an ISO 3166-1 alpha-2 code (e.g. FR)' },
      { path: 'line 4.encryptionRequired', message: 'must be true or false' },
      { path: 'line 6.timeZone', message: 'must be an IANA time zone (e.g. Europe/Paris)' },
      { path: 'line 6.channels', message: 'at least one channel is required' },
      { path: 'line 7.channels.1', message: 'write type:value (e.g. email:unit@example.org)' },
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await events('directory.import')).toEqual([]);
  });

  it('names items of a JSON file, and refuses a repeated id', async () => {
    const before = await snapshot();
    const id = randomUUID();
    const items = [
      { ...authorityInput(), id },
      { ...authorityInput(), languages: [] },
      authorityInput(),
      { ...authorityInput(), id, country: 'fr' },
      { ...authorityInput(), id: 'not-a-uuid' },
    ];
    const res = await importFile('authorities', 'json', JSON.stringify(items));
    expectError(res, 400, 'validation_failed');
    expect(fieldPaths(res)).toEqual(['item 2.languages', 'item 4.country', 'item 5.id']);
    const repeated = await importFile('authorities', 'json', JSON.stringify([{ ...authorityInput(), id }, { ...authorityInput(), id }]));
    expect(errorFields(repeated)).toEqual([{ path: 'item 2.id', message: 'repeats the id of item 1' }]);
    expect(fieldPaths(await importFile('providers', 'json', '{"not":"an array"}'))).toEqual(['content']);
    expect(fieldPaths(await importFile('providers', 'csv', 'name,legalEntity,country,colour\nx,y,US,z\n'))).toEqual(['line 1.colour']);
    expect(await snapshot()).toEqual(before);
  });

  it('a good file imports, audited once with the counts; rows with a known id update', async () => {
    const csv = [
      'name,legalEntity,country,aliases,dataHeld,preservationDays,acceptsDirectPreservation,euEstablishmentCountry,fictitious',
      'Importmail,"Importmail, Inc. (fictitious)",US,IM; Imail,"subscriber:while the account exists; traffic:90 days",90,true,IE,true',
      'Importhost,Importhost B.V. (fictitious),NL,,,,,,true',
    ].join('\r\n');
    const res = await importFile('providers', 'csv', csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'providers', created: 2, updated: 0, unchanged: 0 });
    const imported = ((await inv({ method: 'GET', url: '/api/v1/directory/providers?q=importmail' })).json() as { items: Provider[] }).items;
    expect(imported).toEqual([expect.objectContaining({
      name: 'Importmail', legalEntity: 'Importmail, Inc. (fictitious)', aliases: ['IM', 'Imail'], preservationDays: 90, acceptsDirectPreservation: true,
      euEstablishmentCountry: 'IE', dataHeld: [{ category: 'subscriber', retention: 'while the account exists' }, { category: 'traffic', retention: '90 days' }],
    })]);
    const [event] = await events('directory.import');
    expect(event).toMatchObject({ actor_label: coordinator.email, target_type: 'provider', details: { kind: 'providers', format: 'csv', created: 2, updated: 0, unchanged: 0, rows: 2 } });
    expect(event!.details.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The same entry by id, changed: an update.
    const again = await importFile('providers', 'json', JSON.stringify([{ ...imported[0]!, preservationDays: 180 }]));
    expect(again.json()).toEqual({ kind: 'providers', created: 0, updated: 1, unchanged: 0 });
    expect((await inv({ method: 'GET', url: `/api/v1/directory/providers/${imported[0]!.id}` })).json().preservationDays).toBe(180);
    expect(await events('directory.import')).toHaveLength(2);
  });
});

const errorFields = (res: LightMyRequestResponse) => (res.json() as { error: { fields: unknown[] } }).error.fields;

describe('export → import → export', () => {
  beforeAll(async () => {
    // Values that test the formats: commas, quotes, line breaks, list separators, formula starts.
    await create('authorities', authorityInput({
      country: 'BE', name: 'Round trip, "quoted" (fictitious)', unit: 'Unit; with\\backslash', officeHours: 'Mon–Fri 08:00–18:00', availability: 'office_hours',
      timeZone: 'Europe/Brussels', channels: [{ type: 'email', value: 'rt@example.org' }, { type: 'phone', value: '+00 32 555 0100' }, { type: 'portal', value: 'https://portal.example.org/a;b' }],
      languages: ['fr', 'nl', 'de'], encryptionRequired: true, requirements: 'Line one\r\nLine two\nLine three', notes: '=not a formula', source: "'apostrophe first",
    }));
    await create('providers', providerInput({
      name: '@Roundtrip', aliases: ['-dash', 'semi;colon'], legalEntity: 'Roundtrip, Ltd. (fictitious)', country: 'IE', address: '1 Example Street\nDublin',
      emergencyContact: '+00 353 555 0100', dataHeld: [{ category: 'content', retention: '30 days' }, { category: 'subscriber', retention: '' }],
      preservationDays: 60, disclosesNonContentVoluntarily: true, euEstablishmentCountry: 'IE', euEstablishmentName: 'Roundtrip Ireland Ltd',
    }));
  });

  for (const kind of ['authorities', 'providers'] as const)
    for (const format of ['csv', 'json'] as const)
      it(`${kind} as ${format}: byte-identical, and the import finds every row unchanged`, async () => {
        const first = await exportFile(kind, format);
        const total = await count(kind);
        expect(total).toBeGreaterThan(0);
        ctx.clock.advance(60_000);
        const res = await importFile(kind, format, first);
        expect(res.json()).toEqual({ kind, created: 0, updated: 0, unchanged: total });
        expect(await exportFile(kind, format)).toBe(first);
      });

  it('the export of one instance recreates the same entries (ids and values) in another', async () => {
    const other = await createTestContext();
    try {
      // An empty directory's export imports as nothing, in both formats.
      for (const format of ['csv', 'json'] as const) {
        const empty = await exportFile('providers', format, asOperator(other));
        expect((await importFile('providers', format, empty, asOperator(other))).json()).toEqual({ kind: 'providers', created: 0, updated: 0, unchanged: 0 });
      }
      for (const kind of ['authorities', 'providers'] as const) {
        const json = await exportFile(kind, 'json');
        const res = await importFile(kind, 'json', json, asOperator(other));
        expect(res.json()).toMatchObject({ created: JSON.parse(json).length, updated: 0 });
        const strip = (text: string) => (JSON.parse(text) as { updatedAt?: string }[]).map(({ updatedAt: _u, ...rest }) => rest);
        const exported = await asOperator(other)({ method: 'GET', url: `/api/v1/directory/export?kind=${kind}&format=json` });
        expect(strip(exported.body)).toEqual(strip(json));
      }
    } finally {
      await other.close();
    }
  });

  it('CSV has the fixed header, CRLF records and guarded formula cells; the export is audited', async () => {
    const csv = await exportFile('authorities', 'csv');
    expect(csv.startsWith(AUTHORITY_HEADER + '\r\n')).toBe(true);
    expect(csv).toContain("'=not a formula");
    expect(csv).toContain('email:rt@example.org; phone:+00 32 555 0100; portal:https://portal.example.org/a\\;b');
    const res = await inv({ method: 'GET', url: '/api/v1/directory/export?kind=authorities&format=csv' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="liaison-authorities.csv"');
    expect((await events('directory.export')).length).toBeGreaterThan(0);
  });
});

// ------------------------------------------------------------------------------ countries

describe('countries', () => {
  it('lists every country with time zones, languages and the instruments binding it today', async () => {
    const res = await inv({ method: 'GET', url: '/api/v1/countries' });
    expect(res.statusCode).toBe(200);
    const { countries } = res.json() as { countries: { code: string; instruments: string[]; timeZones: string[]; languages: string[] }[] };
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(countries.find((c) => c.code === 'FR')).toEqual({ code: 'FR', name: 'France', timeZones: ['Europe/Paris'], languages: ['fr'], instruments: expect.arrayContaining(['budapest', 'eu', 'eio', 'lanzarote']) });
    // The test clock says 2026-03-02: the e-Evidence Regulation applies only from 2026-08-18.
    expect(countries.find((c) => c.code === 'FR')!.instruments).not.toContain('e-evidence');
    expect(countries.find((c) => c.code === 'CN')!.instruments).not.toContain('budapest');
  });

  it('a country profile: memberships with dates and sources, and the directory’s entries there', async () => {
    const point = await create('authorities', authorityInput({ country: 'FR', name: 'Profile point (fictitious)', timeZone: 'Europe/Paris' }));
    const res = await inv({ method: 'GET', url: '/api/v1/countries/fr' });
    expect(res.statusCode, res.body).toBe(200);
    const profile = res.json();
    expect(profile.country).toMatchObject({ code: 'FR', name: 'France' });
    const budapest = profile.memberships.find((m: { instrument: string }) => m.instrument === 'budapest');
    expect(budapest).toMatchObject({ instrument: 'budapest', instrumentName: expect.stringContaining('Budapest'), status: 'party', signed: '2001-11-23', inForce: '2006-05-01', boundToday: true });
    expect(budapest.source).toMatch(/^https?:\/\//);
    expect(budapest.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(profile.memberships.find((m: { instrument: string }) => m.instrument === 'e-evidence')).toMatchObject({ inForce: '2026-08-18', boundToday: false });
    expect(profile.authorities.map((a: Authority) => a.id)).toContain(point.id);
    expect(profile.authorities.every((a: Authority) => a.country === 'FR')).toBe(true);
    await coord({ method: 'DELETE', url: `/api/v1/directory/authorities/${point.id}` });
  });

  it('an unknown code answers 404; a malformed one 400', async () => {
    expectError(await inv({ method: 'GET', url: '/api/v1/countries/ZZ' }), 404, 'not_found');
    expect(fieldPaths(await inv({ method: 'GET', url: '/api/v1/countries/FRA' }))).toEqual(['params.code']);
  });
});

// ------------------------------------------------------------------------------ route advisor

describe('route advisor', () => {
  let mail: Provider;
  beforeAll(async () => {
    const contacts = [
      authorityInput({ country: 'US', name: 'US 24/7 point (fictitious)', timeZone: 'America/New_York' }),
      authorityInput({ country: 'US', kind: 'central_authority', name: 'US central authority (fictitious)', availability: 'office_hours', timeZone: 'America/New_York' }),
      authorityInput({ country: 'FR', kind: 'eurojust_national_desk', name: 'French desk at Eurojust (fictitious)', availability: 'office_hours', timeZone: 'Europe/Amsterdam' }),
      authorityInput({ country: 'DE', kind: 'competent_authority', name: 'German competent authority (fictitious)', availability: 'office_hours', timeZone: 'Europe/Berlin' }),
      authorityInput({ country: 'DE', kind: 'contact_point_24_7', name: 'German 24/7 point (fictitious)', timeZone: 'Europe/Berlin' }),
    ];
    expect((await importFile('authorities', 'json', JSON.stringify(contacts))).statusCode).toBe(200);
    mail = await create('providers', providerInput({
      name: 'Advicemail', country: 'US', euEstablishmentCountry: 'IE', acceptsDirectPreservation: true, disclosesNonContentVoluntarily: true,
      emergencyContact: 'emergency@advicemail.example', preservationDays: 90,
    }));
  });

  const advise = (payload: Record<string, unknown>) => inv({ method: 'POST', url: '/api/v1/routes/advise', payload });
  type Advice = { date: string; from: string; heldIn: string; routes: { id: string; contacts: Authority[]; provider: Provider | null; addressee: { kind: string; country: string } }[]; unavailable: { id: string; reasons: string[] }[] };

  it('resolves the provider, fills the contacts from the directory, and uses today by the clock', async () => {
    const res = await advise({ from: 'FR', to: { providerId: mail.id }, data: 'subscriber', purpose: 'preserve' });
    expect(res.statusCode, res.body).toBe(200);
    const advice = res.json() as Advice;
    expect(advice).toMatchObject({ date: '2026-03-02', from: 'FR', heldIn: 'US' });
    const byId = new Map(advice.routes.map((r) => [r.id, r]));
    expect([...byId.keys()]).toEqual(expect.arrayContaining(['budapest-29-preservation', 'provider-preservation']));
    expect(byId.get('budapest-29-preservation')!.contacts.map((c) => c.name)).toEqual(['US 24/7 point (fictitious)']);
    expect(byId.get('budapest-29-preservation')!.provider).toBeNull();
    expect(byId.get('provider-preservation')!.provider).toEqual(mail);
    expect(byId.get('provider-preservation')!.contacts).toEqual([]);
    // Eurojust: the desk of the requesting State.
    expect(byId.get('eurojust-coordination')?.contacts.map((c) => c.name)).toEqual(['French desk at Eurojust (fictitious)']);
  });

  it('a judicial addressee is answered by judicial or competent authorities', async () => {
    const advice = (await advise({ from: 'FR', to: { country: 'DE' }, data: 'content', purpose: 'obtain', date: '2026-03-02' })).json() as Advice;
    const eio = advice.routes.find((r) => r.id === 'eu-eio')!;
    expect(eio.addressee).toMatchObject({ kind: 'judicial_authority', country: 'DE' });
    expect(eio.contacts.map((c) => c.name)).toEqual(['German competent authority (fictitious)']);
  });

  it('a date after the e-Evidence Regulation applies opens the EPOC-PR that was closed before', async () => {
    const body = { from: 'FR', to: { providerId: mail.id }, data: 'subscriber', purpose: 'preserve' };
    const before = (await advise({ ...body, date: '2026-08-17' })).json() as Advice;
    expect(before.routes.map((r) => r.id)).not.toContain('eu-epoc-pr');
    expect(before.unavailable.find((r) => r.id === 'eu-epoc-pr')!.reasons.join(' ')).toMatch(/2026-08-18/);
    const after = (await advise({ ...body, date: '2026-08-18' })).json() as Advice;
    const epoc = after.routes.find((r) => r.id === 'eu-epoc-pr')!;
    expect(epoc).toBeDefined();
    expect(epoc.addressee).toMatchObject({ kind: 'provider', country: 'IE' });
    expect(epoc.provider?.id).toBe(mail.id);
    expect(after.date).toBe('2026-08-18');
  });

  it('an unknown provider answers 404; a malformed body 400 naming the fields', async () => {
    expectError(await advise({ from: 'FR', to: { providerId: randomUUID() }, data: 'subscriber', purpose: 'preserve' }), 404, 'not_found');
    const cases: [Record<string, unknown>, string[]][] = [
      [{ from: 'France', to: { country: 'US' }, data: 'subscriber', purpose: 'preserve' }, ['from']],
      [{ from: 'FR', to: {}, data: 'subscriber', purpose: 'preserve' }, ['to']],
      [{ from: 'FR', to: { country: 'US' }, data: 'everything', purpose: 'preserve' }, ['data']],
      [{ from: 'FR', to: { country: 'US' }, data: 'subscriber', purpose: 'preserve', date: '23/11/2026' }, ['date']],
      [{ from: 'FR', to: { providerId: 'not-a-uuid' }, data: 'subscriber', purpose: 'obtain', emergency: { facts: ' ' } }, ['to.providerId', 'emergency.facts']],
      [{ from: 'QQ', to: { country: 'US' }, data: 'subscriber', purpose: 'preserve', otherCountries: ['NL', 'QZ'] }, ['from', 'otherCountries.1']],
      [{ from: 'FR', to: { country: 'US' }, data: 'subscriber', purpose: 'preserve', date: '2026-02-30' }, ['date']],
    ];
    for (const [payload, fields] of cases) {
      const res = await advise(payload);
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res).sort(), JSON.stringify(payload)).toEqual(fields.sort());
    }
  });
});
