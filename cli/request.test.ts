/**
 * `liaison request …` and `liaison deadlines` end to end in direct mode: the real binary in a child
 * process on a scratch data directory, acting as an investigator or a prosecutor through
 * LIAISON_TOKEN. A preservation request is drafted, filled from a JSON file, sent, found among the
 * deadlines and rendered; the lifecycle's refusals exit 1 with the reason. Tests run in order.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../domain/cases.ts';
import type { DashboardItem, RequestDocument, RequestSummary, RequestView } from '../domain/requests/api.ts';
import { PRESERVATION_247_BODY } from '../domain/requests/test-fixtures.ts';
import { writeVerifiedFile } from './commands/request.ts';
import { CliError } from './errors.ts';
import { makeDataDir, runCli, runCliJson, seedCaseUsers, type CaseUser } from './testing.ts';

const SLOW = 120_000; // several CLI processes per test, each opening the database (slow on a loaded machine)
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// Usage errors are found before the data directory is opened, so these run side by side.
describe.concurrent('liaison request usage', () => {
  const dataDir = makeDataDir();
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists request and deadlines in the help', async () => {
    const result = await runCli(['--help'], dataDir);
    expect(result.stdout).toMatch(/^ {2}request /m);
    expect(result.stdout).toMatch(/^ {2}deadlines /m);
    expect(result.stdout).toContain('liaison request transition 2026/00042-R1 send --channel e-mail');
  });

  it('exits 2 when an option does not apply to the transition, naming those that do', async () => {
    const result = await runCli(['request', 'transition', '2026/00001-R1', 'send', '--reason', 'because'], dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reason does not apply to send (it takes --channel');
  });

  it('exits 2 on an unknown transition or a half-given addressee', async () => {
    const unknown = await runCli(['request', 'transition', '2026/00001-R1', 'teleport'], dataDir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Allowed choices are submit_for_validation');
    const half = await runCli(['request', 'new', '--case', '2026/00001', '--type', 'preservation_247', '--to-country', 'NL'], dataDir);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('needs all of --to-country, --to-kind and --to-name');
  });

  it('keeps a downloaded document only if the bytes written hash to the SHA-256 announced', () => {
    const target = path.join(dataDir, 'doc.pdf');
    const bytes = Buffer.from('%PDF-1.7 fictitious');
    expect(() => writeVerifiedFile(target, bytes, { announced: sha256(Buffer.from('something else')), recorded: sha256(bytes) })).toThrow(CliError);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('doc.pdf'))).toEqual([]);
    expect(writeVerifiedFile(target, bytes, { announced: sha256(bytes).toUpperCase(), recorded: sha256(bytes) })).toBe(sha256(bytes));
    expect(fs.readFileSync(target)).toEqual(bytes);
  });

  it('exits 2 on a deadline horizon it cannot read', async () => {
    const result = await runCli(['deadlines', '--due', 'soon'], dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Expected a period such as 48h, 7d or 2w');
  });
});

describe('liaison request and deadlines in direct mode', () => {
  let dataDir: string;
  let investigator: CaseUser;
  let prosecutor: CaseUser;
  const as = (user: CaseUser) => ({ LIAISON_TOKEN: user.token });
  let theCase: Case;
  let ref: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    [investigator, prosecutor] = await seedCaseUsers(dataDir, { name: 'Request unit (fictitious)', country: 'FR' }, [
      { email: 'claire.martin@request-unit.example', name: 'Claire Martin', roles: ['investigator'] },
      { email: 'paul.juge@request-unit.example', name: 'Paul Juge', roles: ['prosecutor'] },
    ]) as [CaseUser, CaseUser];
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('opens a case with the prosecutor on the team and an IP address seen at a local time', { timeout: SLOW }, async () => {
    theCase = await runCliJson<Case>(['case', 'new', '--title', 'Forum distribution (fictitious)', '--offence', 'csam_distribution'], dataDir, as(investigator));
    const team = await runCli(['case', 'team', 'add', theCase.reference, prosecutor.email], dataDir, as(investigator));
    expect(team.code, team.stderr).toBe(0);
    const added = await runCli(['case', 'identifier', 'add', theCase.reference, '--kind', 'ip', '--value', '203.0.113.45:51234', '--at', '2026-11-20 14:45:12', '--tz', 'Europe/Paris'], dataDir, as(investigator));
    expect(added.code, added.stderr).toBe(0);
  });

  it('drafts a preservation request and lists the missing items with their articles', { timeout: SLOW }, async () => {
    const result = await runCli(
      ['request', 'new', '--case', theCase.reference, '--type', 'preservation_247', '--to-country', 'NL', '--to-kind', 'contact_point_24_7', '--to-name', 'Ruritania 24/7 point of contact (fictitious)'],
      dataDir, as(investigator),
    );
    expect(result.code, result.stderr).toBe(0);
    ref = `${theCase.reference}-R1`;
    expect(result.stdout).toContain(`Drafted ${ref} (`);
    expect(result.stdout).toMatch(/^Status: +draft$/m);
    expect(result.stdout).toMatch(/^To: +Ruritania 24\/7 point of contact \(fictitious\) \(NL, Europe\/\w+\)$/m);
    expect(result.stdout).toMatch(/^Incomplete: \d+ required items missing or invalid:$/m);
    expect(result.stdout).toMatch(/^ {2}- mlaToFollow: Item 12\(f\) .* is required by Budapest Art\. 29\(2\)\(f\)$/m);
    expect(result.stdout).toContain(`liaison request body ${ref} > body.json`);
  });

  it('refuses to send it while items are missing: one line per item, with its article (exit 1)', { timeout: SLOW }, async () => {
    const result = await runCli(['request', 'transition', ref, 'send', '--channel', 'e-mail'], dataDir, as(investigator));
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^liaison: cannot send ${ref.replace('/', '\\/')}: \\d+ required items missing or invalid`));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}mlaToFollow: Item 12\(f\) .* Budapest Art\. 29\(2\)\(f\)$/));
  });

  it('round-trips the body through a file: body > f.json, fill it in, edit --file f.json', { timeout: SLOW }, async () => {
    const printed = await runCli(['request', 'body', ref], dataDir, as(investigator));
    expect(printed.code, printed.stderr).toBe(0);
    const body = JSON.parse(printed.stdout) as { identifiers: { value: string; timeZone?: string; observedAt?: string }[] };
    // The identifier of the case, prefilled: the local time 14:45:12 in Paris is 13:45:12 UTC.
    expect(body.identifiers).toEqual([expect.objectContaining({ value: '203.0.113.45:51234', timeZone: 'Europe/Paris', observedAt: '2026-11-20T13:45:12Z' })]);

    const file = path.join(dataDir, 'body.json');
    fs.writeFileSync(file, JSON.stringify({ ...PRESERVATION_247_BODY, identifiers: body.identifiers }, null, 2));
    const saved = await runCli(['request', 'edit', ref, '--file', file], dataDir, as(investigator));
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toBe(`Saved ${ref}: body version 2.\nComplete: every legally required item is present.\n`);

    // The same body from standard input changes nothing; a bad value is refused, naming it.
    const same = await runCli(['request', 'edit', ref, '--file', '-'], dataDir, as(investigator), fs.readFileSync(file, 'utf8'));
    expect(same.stdout).toContain(`Nothing changed in ${ref} (body version 2).`);
    const bad = await runCli(['request', 'edit', ref, '--file', '-'], dataDir, as(investigator), JSON.stringify({ ...PRESERVATION_247_BODY, mlaToFollow: 'yes' }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`liaison: ${ref} was not saved: 1 value in the body is not valid\n  mlaToFollow: `);
  });

  it('refuses what the lifecycle does not allow, with the reason (exit 1)', { timeout: SLOW }, async () => {
    const validate = await runCli(['request', 'transition', ref, 'validate', '--decision', 'Approved'], dataDir, as(investigator));
    expect(validate.code).toBe(1);
    expect(validate.stderr).toBe('liaison: only a prosecutor or judge may validate a preservation request\n');
  });

  it('sends it by e-mail: the preservation period starts', { timeout: SLOW }, async () => {
    const sent = await runCli(['request', 'transition', ref, 'send', '--channel', 'e-mail'], dataDir, as(investigator));
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain(`${ref}: draft → sent (send).`);
    expect(sent.stdout).toMatch(/^ {2}preservation expiry due \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC — .* in Europe\/\w+$/m);

    const again = await runCli(['request', 'transition', ref, 'send', '--channel', 'e-mail'], dataDir, as(investigator));
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('liaison: you cannot send this request: it is sent\n');
  });

  it('lists it among the deadlines of the next 90 days, not of the next 7', { timeout: SLOW }, async () => {
    const report = await runCli(['deadlines', '--due', '90d'], dataDir, as(investigator));
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/^UPCOMING \(1\)$/m);
    expect(report.stdout).toMatch(/^REFERENCE\s+CASE\s+TYPE\s+DEADLINE\s+DUE \(UTC\)\s+WHEN\s+COUNTERPART TIME$/m);
    expect(report.stdout).toMatch(new RegExp(`^${ref.replace('/', '\\/')}\\s+Forum distribution \\(fictitious\\)\\s+preservation_247\\s+preservation expiry\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\s+in 6\\d d`, 'm'));
    expect(report.stdout).toContain('0 overdue, 0 due soon, 1 upcoming in the next 90 days, in the cases you are on.');

    const json = await runCliJson<{ overdue: DashboardItem[]; dueSoon: DashboardItem[]; upcoming: DashboardItem[] }>(['deadlines', '--due', '90d'], dataDir, as(investigator));
    expect(json.upcoming.map((i) => [i.reference, i.deadline.kind])).toEqual([[ref, 'preservation_expiry']]);

    const week = await runCli(['deadlines', '--due', '1w'], dataDir, as(investigator));
    expect(week.code).toBe(0);
    expect(week.stdout).toBe('No deadlines in the next week, nor overdue, in the cases you are on.\n');
  });

  it('renders the PDF to a file whose SHA-256 is the one printed and recorded', { timeout: SLOW }, async () => {
    const out = path.join(dataDir, 'r1.pdf');
    const result = await runCli(['request', 'render', ref, '--format', 'pdf', '--out', out], dataDir, as(investigator));
    expect(result.code, result.stderr).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(result.stdout).toContain(`Wrote ${out}\n  ${ref}, document version 1, PDF in English, `);
    expect(result.stdout).toContain(`(${bytes.length} bytes)`);
    expect(result.stdout).toContain(`  SHA-256 ${sha256(bytes)} (verified)`);

    // No overwrite without --force; with it, the same version is the same document.
    expect((await runCli(['request', 'render', ref, '--format', 'pdf', '--out', out], dataDir, as(investigator))).code).toBe(1);
    const doc = await runCliJson<RequestDocument & { path: string }>(['request', 'render', ref, '--format', 'pdf', '--out', out, '--force'], dataDir, as(investigator));
    expect(doc).toMatchObject({ path: out, version: 1, format: 'pdf', language: 'en', sha256: sha256(fs.readFileSync(out)), current: true });
  });

  it('shows the request: addressee, validation, deadlines in three zones, history, documents, follow-ups', { timeout: SLOW }, async () => {
    const shown = await runCli(['request', 'show', ref], dataDir, { ...as(prosecutor), TZ: 'America/New_York' });
    expect(shown.code, shown.stderr).toBe(0);
    const out = shown.stdout;
    expect(out).toMatch(new RegExp(`^${ref.replace('/', '\\/')}  Request for the expedited preservation of stored computer data$`, 'm'));
    expect(out).toMatch(/^Status: +sent \(outgoing\)/m);
    expect(out).toMatch(/^To: +Ruritania 24\/7 point of contact \(fictitious\) \(NL, Europe\/\w+\), 24\/7 point of contact$/m);
    expect(out).toMatch(/^Validation: +not required$/m);
    expect(out).toContain('Complete: every legally required item is present.');
    expect(out).toMatch(/^ {2}preservation expiry \(pending, binding\)$/m);
    expect(out).toMatch(/^ {4}Due: +\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m);
    expect(out).toMatch(/^ {4}Counterpart: +.+ {2}Europe\/\w+$/m);
    expect(out).toMatch(/^ {4}Your time: +.+ {2}America\/New_York$/m);
    expect(out).toMatch(/^ {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+send\s+draft → sent\s+claire\.martin@request-unit\.example\s+channel: e-mail$/m);
    expect(out).toMatch(/^ {2}1\s+pdf en\s+\d+ KB\s+.*[0-9a-f]{64}$/m);
    expect(out).toContain(`liaison request new --case ${theCase.reference} --type mla_subscriber --parent ${ref} --relation follow_up`);

    const json = await runCliJson<RequestView>(['request', 'show', ref], dataDir, as(prosecutor));
    expect(json).toMatchObject({ reference: ref, status: 'sent', bodyVersion: 2, check: { ok: true } });
    expect(json.history.map((h) => h.transition)).toEqual(['create_draft', 'send']);
    expect((await runCliJson<RequestView>(['request', 'show', json.id], dataDir, as(prosecutor))).reference).toBe(ref);
  });

  it('lists requests by case and status, as a table and as JSON', { timeout: SLOW }, async () => {
    const table = await runCli(['request', 'list', '--case', theCase.reference, '--status', 'sent', '--status', 'acknowledged'], dataDir, as(investigator));
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^REFERENCE\s+TYPE\s+STATUS\s+NEXT DEADLINE \(UTC\)\s+COUNTERPART$/m);
    expect(table.stdout).toMatch(new RegExp(`^${ref.replace('/', '\\/')}\\s+preservation_247\\s+sent\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} preservation expiry\\s+Ruritania`, 'm'));
    const drafts = await runCliJson<{ items: RequestSummary[]; total: number }>(['request', 'list', '--status', 'draft'], dataDir, as(investigator));
    expect(drafts).toEqual({ items: [], total: 0 });
    const due = await runCliJson<{ items: RequestSummary[] }>(['request', 'list', '--due-before', '2099-01-01T00:00:00Z'], dataDir, as(investigator));
    expect(due.items.map((r) => r.reference)).toEqual([ref]);
  });

  it('drafts the follow-up MLA request as the prosecutor; it cannot be sent before validation', { timeout: SLOW }, async () => {
    const mla = await runCliJson<RequestView>(['request', 'new', '--case', theCase.reference, '--type', 'mla_subscriber', '--parent', ref], dataDir, as(prosecutor));
    expect(mla).toMatchObject({ reference: `${theCase.reference}-R2`, relation: 'follow_up', parent: { reference: ref }, validation: { requirement: 'prosecutor' } });
    const send = await runCli(['request', 'transition', mla.reference, 'send', '--channel', 'e-mail'], dataDir, as(investigator));
    expect(send.code).toBe(1);
    expect(send.stderr).toBe('liaison: An MLA request must be validated by a prosecutor or judge before it is sent: submit it for validation\n');
  });
});
