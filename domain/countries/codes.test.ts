import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryCodeSchema, ISO_COUNTRY_CODES } from './codes.ts';

describe('country codes', () => {
  it('are the codes of the shipped country data, plus XK', () => {
    const data = JSON.parse(fs.readFileSync('data/countries/countries.json', 'utf8')) as { countries: { alpha2: string }[] };
    expect([...ISO_COUNTRY_CODES].sort()).toEqual(data.countries.map((c) => c.alpha2).sort());
    expect(COUNTRY_CODES).toContain('XK');
    expect(COUNTRY_CODES.length).toBe(250);
  });

  it('accept lower case and refuse unknown codes', () => {
    expect(countryCodeSchema.parse(' fr ')).toBe('FR');
    expect(countryCodeSchema.safeParse('ZZ').success).toBe(false);
    expect(countryCodeSchema.safeParse('FRA').success).toBe(false);
  });
});
