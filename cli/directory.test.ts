/**
 * `liaison directory`, `liaison country` and `liaison route` end to end in direct mode: the real
 * binary in a child process on a scratch data directory. Tests run in order and share it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advice } from '../domain/routes/api.ts';
import { makeDataDir, runCli, runCliJson } from './testing.ts';

const SLOW = 60_000;

const HEADER = 'id,country,kind,name,unit,availability,officeHours,timeZone,channels,languages,encryptionRequired,eSignatureRequired,requirements,notes,fictitious,source,updatedAt';
const row = (country: string, name: string, zone: string, channels: string) =>
  `,${country},contact_point_24_7,${name},,24/7,,${zone},${channels},en,true,false,,,true,CLI test,`;

describe('liaison directory, country and route in direct mode', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = makeDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists the new commands in the help', async () => {
    const result = await runCli(['--help'], dataDir);
    for (const command of ['directory', 'country', 'route']) expect(result.stdout).toContain(command);
  });

  it('refuses a CSV with a bad row (exit 1), listing its line and field, and imports nothing', { timeout: SLOW }, async () => {
    const file = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(file, [HEADER, row('US', 'US point (fictitious)', 'America/New_York', 'email:us@example.org'), row('Nowhere', 'Bad point (fictitious)', 'Europe/Paris', 'email:bad@example.org')].join('\r\n'));
    const result = await runCli(['directory', 'import', file, '--kind', 'authorities'], dataDir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('liaison: A row is invalid; nothing was imported');
    expect(result.stderr).toContain('  line 3.country: must be an ISO 3166-1 alpha-2 code (e.g. FR)');
    const exported = await runCli(['directory', 'export', '--kind', 'authorities', '--format', 'json'], dataDir);
    expect(JSON.parse(exported.stdout)).toEqual([]);
  });

  it('imports a good CSV and reports the counts', { timeout: SLOW }, async () => {
    const file = path.join(dataDir, 'good.csv');
    fs.writeFileSync(file, [HEADER, row('US', 'US point (fictitious)', 'America/New_York', 'email:us@example.org; phone:+00 1 555 0100'), row('FR', 'French point (fictitious)', 'Europe/Paris', 'email:fr@example.org')].join('\r\n') + '\r\n');
    const result = await runCli(['directory', 'import', file, '--kind', 'authorities'], dataDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 created, 0 updated, 0 unchanged');
  });

  it('exports to a file that imports back unchanged', { timeout: SLOW }, async () => {
    const file = path.join(dataDir, 'export.csv');
    const result = await runCli(['directory', 'export', '--kind', 'authorities', '--output', file], dataDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Exported authorities as csv to ${file}`);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(HEADER);
    expect(csv).toContain("US point (fictitious),,24/7,,America/New_York,email:us@example.org; phone:+00 1 555 0100,en,true,false,,,true,CLI test,");
    expect((await runCli(['directory', 'export', '--kind', 'authorities', '--output', file], dataDir)).code).toBe(1); // no overwrite without --force
    const again = await runCliJson<{ created: number; updated: number; unchanged: number }>(['directory', 'import', file, '--kind', 'authorities'], dataDir);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('shows a country: Budapest with its dates, contact points, languages, local time', { timeout: SLOW }, async () => {
    const result = await runCli(['country', 'show', 'FR'], dataDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^France \(FR\)$/m);
    expect(result.stdout).toMatch(/Budapest Convention\)\s+party\s+2001-11-23\s+2006-01-10\s+2006-05-01\s+bound/);
    expect(result.stdout).toMatch(/^ {2}budapest: https?:\/\//m);
    expect(result.stdout).toContain('French point (fictitious)');
    expect(result.stdout).toMatch(/Local time: +\w{3} \d{1,2} \w{3} \d{2}:\d{2} GMT\+\d+ +Europe\/Paris/);
    expect(result.stdout).toContain('Languages:   fr');
    const unknown = await runCli(['country', 'show', 'ZZ'], dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no country has the code ZZ');
  });

  it('advises routes as JSON: Budapest Art. 29 preservation, addressed to the imported 24/7 point', { timeout: SLOW }, async () => {
    const advice = await runCliJson<Advice>(['route', '--from', 'FR', '--to', 'US', '--data', 'subscriber', '--purpose', 'preserve'], dataDir);
    expect(advice.from).toBe('FR');
    expect(advice.heldIn).toBe('US');
    const art29 = advice.routes.find((r) => r.id === 'budapest-29-preservation');
    expect(art29).toBeDefined();
    expect(art29!.contacts.map((c) => c.name)).toEqual(['US point (fictitious)']);
    expect(advice.unavailable.find((r) => r.id === 'budapest-31-mla')!.reasons.join(' ')).toContain('Art. 29');
  });

  it('prints a ranked table and the closed routes with reasons; a bad date is a usage error', { timeout: SLOW }, async () => {
    const result = await runCli(['route', '--from', 'fr', '--to', 'us', '--data', 'content', '--purpose', 'obtain', '--date', '2026-11-23', '--other', 'NL,BE'], dataDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^RANK\s+ROUTE\s+LEGAL BASIS\s+CHANNEL\s+TIME LIMIT$/m);
    expect(result.stdout).toMatch(/^1\s+\S/m);
    expect(result.stdout).toContain('Mutual legal assistance for stored data (Budapest Art. 31)');
    expect(result.stdout).toContain('Not available:');
    expect(result.stdout).toMatch(/- Voluntary disclosure by the provider \(direct request\): .*content data needs MLA/);
    const bad = await runCli(['route', '--from', 'FR', '--to', 'US', '--data', 'subscriber', '--purpose', 'preserve', '--date', '23/11/2026'], dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('YYYY-MM-DD');
  });
});
