/** The directory's CSV and JSON formats: columns, cells, errors by line and field, exact round trips. */
import { describe, expect, it } from 'vitest';
import {
  AUTHORITY_CSV_COLUMNS, PROVIDER_CSV_COLUMNS, authoritySchema, providerSchema, type Authority, type Provider,
} from '../../../domain/directory.ts';
import { readDirectoryFile, writeDirectoryCsv, writeDirectoryJson } from './directory-format.ts';

const authority: Authority = {
  id: '0b8f3c2e-8d4f-4a57-9a41-3f1f0f7b2a10',
  country: 'FR',
  kind: 'contact_point_24_7',
  name: 'Point de contact 24/7, "Paris" (fictitious)',
  unit: 'Unité; cyber\\section',
  availability: '24/7',
  timeZone: 'Europe/Paris',
  channels: [{ type: 'email', value: 'cp;247@example.org' }, { type: 'phone', value: '+00 33 555 0102' }, { type: 'portal', value: 'https://example.org/a:b' }],
  languages: ['fr', 'en'],
  encryptionRequired: true,
  eSignatureRequired: false,
  requirements: '=SUM(A1) is not a formula\r\nSecond line',
  notes: "'quoted already",
  fictitious: true,
  source: '-dash first',
  updatedAt: '2026-03-02T08:00:00.000Z',
};

const provider: Provider = {
  id: '7c1d8a57-2f35-4a0e-8a34-1a0d2c6b9e11',
  name: 'Examplemail',
  aliases: ['ExMail', '@ex'],
  legalEntity: 'Examplemail, Inc. (fictitious)',
  country: 'US',
  dataHeld: [{ category: 'subscriber', retention: 'while the account exists; then 90 days' }, { category: 'content', retention: '' }],
  preservationDays: 90,
  acceptsDirectPreservation: true,
  disclosesNonContentVoluntarily: false,
  euEstablishmentCountry: null,
  fictitious: true,
  updatedAt: '2026-03-02T08:00:00.000Z',
};

describe('columns', () => {
  it('the CSV columns are exactly the fields of the API records', () => {
    expect([...AUTHORITY_CSV_COLUMNS].sort()).toEqual(Object.keys(authoritySchema.shape).sort());
    expect([...PROVIDER_CSV_COLUMNS].sort()).toEqual(Object.keys(providerSchema.shape).sort());
  });
});

describe('CSV', () => {
  it('writes the header in the fixed order, lists with "; ", channels as type:value, formulas guarded', () => {
    const csv = writeDirectoryCsv('authorities', [authority]);
    const header = csv.slice(0, csv.indexOf('\r\n'));
    const row = csv.slice(header.length + 2);
    expect(header).toBe(AUTHORITY_CSV_COLUMNS.join(','));
    expect(row).toContain('email:cp\\;247@example.org; phone:+00 33 555 0102; portal:https://example.org/a:b');
    expect(row).toContain('fr; en');
    expect(row).toContain(`"'=SUM(A1) is not a formula`);
    expect(row).toContain(`''quoted already`);
    expect(row).toContain(`'-dash first`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('reads back exactly what it wrote (both kinds)', () => {
    for (const [kind, record] of [['authorities', authority], ['providers', provider]] as const) {
      const { rows, errors } = readDirectoryFile(kind, 'csv', writeDirectoryCsv(kind, [record]));
      expect(errors).toEqual([]);
      const { updatedAt: _u, ...expected } = record;
      expect(rows[0]!.value).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(rows[0]!.label).toBe('line 2');
    }
  });

  it('reads columns in any order and any case; empty cells are absent, [] or null', () => {
    const text = 'NAME,country,legalEntity,aliases,preservationDays,euEstablishmentCountry,fictitious\nX,US,X Inc.,,,,\n';
    const { rows, errors } = readDirectoryFile('providers', 'csv', text);
    expect(errors).toEqual([]);
    expect(rows[0]!.value).toEqual({ name: 'X', country: 'US', legalEntity: 'X Inc.', aliases: [], preservationDays: null, euEstablishmentCountry: null });
  });

  it('reads a semicolon-separated file (spreadsheets with a decimal comma) and yes/no booleans', () => {
    const text = 'name;legalEntity;country;acceptsDirectPreservation;dataHeld\r\nX;"X; Inc.";US;Yes;subscriber:1 year\r\n';
    const { rows, errors } = readDirectoryFile('providers', 'csv', text);
    expect(errors).toEqual([]);
    expect(rows[0]!.value).toMatchObject({ legalEntity: 'X; Inc.', acceptsDirectPreservation: true, dataHeld: [{ category: 'subscriber', retention: '1 year' }] });
  });

  it('names the line and field of every cell it cannot read', () => {
    const text = [
      'name,legalEntity,country,acceptsDirectPreservation,preservationDays,dataHeld',
      'A,A Inc.,US,perhaps,90,subscriber:1 year',
      '"B',
      'two lines",B Inc.,US,true,ninety,',
      'C,C Inc.,US,false,,subscriber:1 year; just text',
    ].join('\n');
    const { rows, errors } = readDirectoryFile('providers', 'csv', text);
    expect(errors).toEqual([]);
    expect(rows.flatMap((r) => r.errors)).toEqual([
      { path: 'line 2.acceptsDirectPreservation', message: 'must be true or false' },
      { path: 'line 3.preservationDays', message: 'must be a whole number of days' },
      { path: 'line 5.dataHeld.1', message: 'write category:retention (e.g. subscriber:12 months)' },
    ]);
  });

  it('refuses unknown and repeated columns (line 1) and rows of the wrong width', () => {
    expect(readDirectoryFile('providers', 'csv', 'name,legalEntity,country,contry,name\nx,y,z,a,b\n').errors).toEqual([
      { path: 'line 1.contry', message: expect.stringContaining('unknown column') },
      { path: 'line 1.name', message: 'column appears twice' },
    ]);
    const header = 'country,kind,name,availability,timeZone,channels,languages';
    expect(readDirectoryFile('authorities', 'csv', `${header}\nx\n`).rows[0]!.errors).toEqual([{ path: 'line 2', message: 'has 1 fields; the header has 7' }]);
    expect(readDirectoryFile('authorities', 'csv', `${header}\n"x,FR\n`).errors).toEqual([{ path: 'line 2', message: expect.stringContaining('not closed') }]);
    // A header alone is an empty directory (what the export of an empty one writes).
    expect(readDirectoryFile('authorities', 'csv', `${header}\r\n`)).toEqual({ rows: [], errors: [] });
  });

  it('names each required column that is missing, once, on line 1', () => {
    expect(readDirectoryFile('providers', 'csv', 'name,aliases\nx,y\nz,w\n').errors).toEqual([
      { path: 'line 1.legalEntity', message: 'required column is missing' },
      { path: 'line 1.country', message: 'required column is missing' },
    ]);
  });
});

describe('JSON', () => {
  it('writes the API records and reads them back, each row labelled by its position', () => {
    const text = writeDirectoryJson([provider, provider]);
    expect(JSON.parse(text)).toEqual([provider, provider]);
    const { rows, errors } = readDirectoryFile('providers', 'json', text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.label)).toEqual(['item 1', 'item 2']);
  });

  it('says what is wrong with a file that is not an array of objects', () => {
    expect(readDirectoryFile('providers', 'json', '{"name":1}').errors).toEqual([{ path: 'content', message: 'must be a JSON array of entries' }]);
    expect(readDirectoryFile('providers', 'json', '[1,').errors[0]!.path).toBe('content');
    expect(readDirectoryFile('providers', 'json', '[{}, 3]').rows[1]!.errors).toEqual([{ path: 'item 2', message: 'must be an object' }]);
  });
});
