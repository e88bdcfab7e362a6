/**
 * `liaison case …` end to end in direct mode: the real binary in a child process on a scratch data
 * directory, acting as an investigator through LIAISON_TOKEN. Tests run in order and share it.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseIdentifier, CaseNote, CaseSummary } from '../domain/cases.ts';
import { makeDataDir, runCli, runCliJson, seedCaseUsers, type CaseUser } from './testing.ts';

const SLOW = 120_000; // several CLI processes per test, each opening the database (slow on a loaded machine)

describe('liaison case in direct mode', () => {
  let dataDir: string;
  let investigator: CaseUser;
  let as: Record<string, string>;
  let reference: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    [investigator] = (await seedCaseUsers(dataDir, { name: 'Case unit (fictitious)', country: 'FR' }, [
      { email: 'ines.enquete@case-unit.example', name: 'Inès Enquête', roles: ['investigator'] },
    ])) as [CaseUser];
    as = { LIAISON_TOKEN: investigator.token };
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses case work as the operator, saying to set LIAISON_TOKEN', { timeout: SLOW }, async () => {
    const result = await runCli(['case', 'list'], dataDir, { LIAISON_TOKEN: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('LIAISON_TOKEN');
  });

  it('opens a case and lists it', { timeout: SLOW }, async () => {
    const created = await runCli(['case', 'new', '--title', 'Chat grooming (fictitious)', '--summary', 'An adult contacts children on a chat service.', '--offence', 'solicitation'], dataDir, as);
    expect(created.code, created.stderr).toBe(0);
    reference = /^Opened case (\S+) \(/.exec(created.stdout)?.[1] ?? '';
    expect(reference).toMatch(/^\d{4}\/\d{5}$/);

    const table = await runCli(['case', 'list'], dataDir, as);
    expect(table.stdout).toMatch(/^REFERENCE\s+STATUS\s+HC\s+CHANGED \(UTC\)\s+TITLE$/m);
    expect(table.stdout).toContain(`${reference}  open    H0`);
    const page = await runCliJson<{ items: CaseSummary[]; total: number }>(['case', 'list'], dataDir, as);
    expect(page.items.map((c) => c.reference)).toEqual([reference]);
  });

  it('adds an IP address with its time and zone; the same one again merges', { timeout: SLOW }, async () => {
    const added = await runCli(['case', 'identifier', 'add', reference, '--kind', 'ip', '--value', '203.0.113.7:4444', '--at', '2026-11-20 14:45:12', '--tz', 'Europe/Paris'], dataDir, as);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^Added: ip 203\.0\.113\.7:4444 at 2026-11-20T13:45:12/m);
    const again = await runCli(['case', 'identifier', 'add', reference, '--kind', 'ip', '--value', '203.0.113.7:4444', '--at', '2026-11-20T13:45:12Z', '--tz', 'Europe/Paris'], dataDir, as);
    expect(again.stdout).toContain('Merged with the same identifier already in the case (seen 2 times)');
    const noTime = await runCli(['case', 'identifier', 'add', reference, '--kind', 'ip', '--value', '203.0.113.8'], dataDir, as);
    expect(noTime.code).toBe(1);
  });

  it('lists the identifiers as a table and as JSON', { timeout: SLOW }, async () => {
    const table = await runCli(['case', 'identifier', 'list', reference], dataDir, as);
    expect(table.stdout).toMatch(/^KIND\s+IDENTIFIER\s+SEEN \(UTC\)\s+TIME ZONE/m);
    expect(table.stdout).toMatch(/^ip\s+203\.0\.113\.7:4444\s+2026-11-20 13:45\s+Europe\/Paris/m);
    const list = await runCliJson<{ items: CaseIdentifier[] }>(['case', 'identifier', 'list', reference], dataDir, as);
    expect(list.items).toEqual([expect.objectContaining({ kind: 'ip', timeZone: 'Europe/Paris', occurrences: 2 })]);
  });

  it('adds a note and lists the notes', { timeout: SLOW }, async () => {
    const added = await runCli(['case', 'note', reference, 'The provider keeps logs for 30 days.'], dataDir, as);
    expect(added.stdout).toBe('Note added.\n');
    const notes = await runCli(['case', 'note', reference], dataDir, as);
    expect(notes.stdout).toMatch(/UTC {2}ines\.enquete@case-unit\.example\n {2}The provider keeps logs for 30 days\./);
    const json = await runCliJson<{ items: CaseNote[] }>(['case', 'note', reference], dataDir, as);
    expect(json.items.map((n) => n.body)).toEqual(['The provider keeps logs for 30 days.']);
  });

  it('shows the case with its team and contents', { timeout: SLOW }, async () => {
    const shown = await runCli(['case', 'show', reference], dataDir, as);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`${reference}  Chat grooming (fictitious)`);
    expect(shown.stdout).toContain('Contents:   1 identifier, 0 requests, 1 note');
    expect(shown.stdout).toMatch(/^Inès Enquête\s+ines\.enquete@case-unit\.example\s+lead\s+investigator$/m);
    const json = await runCliJson<Case>(['case', 'show', reference], dataDir, as);
    expect(json).toMatchObject({ reference, status: 'open', offenceCategories: ['solicitation'] });
    const missing = await runCli(['case', 'show', '1999/99999'], dataDir, as);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no case 1999/99999 among the cases you may see');
  });
});
