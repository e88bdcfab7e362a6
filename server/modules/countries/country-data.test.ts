/** The shipped country data loads and agrees with itself; a bad file is refused naming file and field. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COUNTRY_DATA_DIR, CountryDataError, loadCountryData } from './country-data.ts';

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A copy of the shipped files with `edit` applied to one of them. */
function withEdited(file: 'countries.json' | 'treaties.json', edit: (json: Record<string, unknown>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-countries-'));
  scratch.push(dir);
  for (const name of ['countries.json', 'treaties.json']) {
    const json = JSON.parse(fs.readFileSync(path.join(COUNTRY_DATA_DIR, name), 'utf8')) as Record<string, unknown>;
    if (name === file) edit(json);
    fs.writeFileSync(path.join(dir, name), JSON.stringify(json));
  }
  return dir;
}

type Rows = Record<string, unknown>[];

describe('loadCountryData', () => {
  it('loads the shipped files: every ISO country, Kosovo apart, and the treaty facts', () => {
    const data = loadCountryData();
    expect(data.countries.length).toBe(250);
    expect(data.byCode.get('FR')).toEqual({ code: 'FR', name: 'France', timeZones: ['Europe/Paris'], languages: ['fr'] });
    expect(data.byCode.has('XK')).toBe(true);
    expect(data.facts.bound('FR', 'budapest', '2026-11-23').bound).toBe(true);
  });

  it('refuses a membership with a malformed field, naming the file and the field', () => {
    const dir = withEdited('treaties.json', (json) => {
      (json.memberships as Rows)[3]!.inForce = '1 May 2006';
    });
    expect(() => loadCountryData(dir)).toThrow(CountryDataError);
    expect(() => loadCountryData(dir)).toThrow(/treaties\.json is invalid: memberships\.3\.inForce: must be a date YYYY-MM-DD/);
  });

  it('refuses a country without a name in countries.json', () => {
    const dir = withEdited('countries.json', (json) => {
      delete (json.countries as Rows)[10]!.name;
    });
    expect(() => loadCountryData(dir)).toThrow(/countries\.json is invalid: countries\.10\.name/);
  });

  it('refuses a membership of a country the country list does not have, and a file that is not JSON', () => {
    const dir = withEdited('treaties.json', (json) => {
      (json.memberships as Rows)[0]!.country = 'QQ';
    });
    expect(() => loadCountryData(dir)).toThrow(/memberships\.0\.country: QQ is not in countries\.json/);
    fs.writeFileSync(path.join(dir, 'treaties.json'), '{ "version": ');
    expect(() => loadCountryData(dir)).toThrow(/treaties\.json is not valid JSON/);
  });

  it('refuses treaty data missing an instrument the advisor knows', () => {
    const dir = withEdited('treaties.json', (json) => {
      json.instruments = (json.instruments as Rows).filter((i) => i.id !== 'e-evidence');
    });
    expect(() => loadCountryData(dir)).toThrow(/instruments: e-evidence not described/);
  });
});
