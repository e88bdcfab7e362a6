/**
 * `liaison event …` in direct mode: the real binary in a child process on a scratch data
 * directory, as a trainer through LIAISON_TOKEN and as the instance operator. A published webinar
 * with registrations (seeded through the API) is found among the upcoming events by an
 * investigator of another organisation, listed by its trainer, its registrations shown, exported as CSV
 * and XLSX (read back), its attendance imported, and its reminders run — as of the day before for
 * the operator only.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSummary, EventView, Registration, UpcomingEvent } from '../domain/events.ts';
import { makeDataDir, runCli, runCliJson, seedCaseUsers, cliEnv, type CaseUser } from './testing.ts';

const SLOW = 120_000;

describe('liaison event usage', () => {
  const dataDir = makeDataDir();
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists the event commands, and refuses a bad --as-of or format before opening anything (exit 2)', async () => {
    const help = await runCli(['event', '--help'], dataDir);
    for (const command of ['upcoming', 'list', 'show', 'registrations', 'stats', 'export', 'attendance', 'remind']) expect(help.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    const asOf = await runCli(['event', 'remind', 'x', '--as-of', 'tomorrow'], dataDir);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('Expected an ISO 8601 date-time with an offset');
    const format = await runCli(['event', 'export', 'x', '--format', 'pdf', '--out', 'x.pdf'], dataDir);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Allowed choices are csv, xlsx');
    const language = await runCli(['event', 'upcoming', '--language', 'english'], dataDir);
    expect(language.code).toBe(2);
    expect(language.stderr).toContain('Expected an ISO 639-1 language code');
  });
});

describe('liaison event in direct mode', () => {
  let dataDir: string;
  let trainer: CaseUser;
  let investigator: CaseUser;
  let event: EventView;
  const asTrainer = () => ({ LIAISON_TOKEN: trainer.token });
  const start = new Date(Date.now() + 3 * 86_400_000);
  start.setUTCMinutes(0, 0, 0);

  beforeAll(async () => {
    dataDir = makeDataDir();
    [trainer] = (await seedCaseUsers(dataDir, { name: 'CLI Training Centre (fictitious)', country: 'FR' }, [
      { email: 'tess.trainer@training.example', name: 'Tess Trainer', roles: ['trainer'] },
    ])) as [CaseUser];
    // A practitioner of another organisation: no event.manage, yet finds the webinar (liaison event upcoming).
    [investigator] = (await seedCaseUsers(dataDir, { name: 'CLI National Police (fictitious)', country: 'BE' }, [
      { email: 'ivan.investigator@police.example', name: 'Ivan Investigator', roles: ['investigator'] },
    ])) as [CaseUser];
    // The event and three people, through the API as the trainer (the CLI has no create command: the web app does that).
    const [{ loadConfig }, { connect }, { ApiClient }, events] = await Promise.all([
      import('../server/config.ts'), import('./transport.ts'), import('./api.ts'), import('../domain/events.ts'),
    ]);
    const saved = process.env.LIAISON_TOKEN;
    process.env.LIAISON_TOKEN = trainer.token;
    const client = new ApiClient(await connect(loadConfig(cliEnv(dataDir)), 'test seed'));
    try {
      const created = await client.post(events.eventSchema, '/api/v1/events', {
        kind: 'webinar', title: 'CLI webinar on e-evidence (fictitious)', timeZone: 'Europe/Paris', startsAt: start.toISOString(), durationMinutes: 60,
        language: 'en', capacity: 2, registrationOpensAt: new Date(Date.now() - 3_600_000).toISOString(), registrationClosesAt: start.toISOString(),
        connectionInstructions: 'Join at https://meet.example.org/j/1', slug: 'cli-webinar',
      });
      event = await client.post(events.eventSchema, `/api/v1/events/${created.id}/publish`);
      for (const [email, country] of [['uma@police.example.org', 'FR'], ['vic@court.example.org', 'BE'], ['wes@police.example.org', 'DE']] as const)
        await client.post(events.registrationSchema, `/api/v1/events/${event.id}/registrations`, {
          name: `Participant ${email.split('@')[0]}`, organisation: 'Agency (fictitious)', country, role: 'law_enforcement', email, notify: false,
        });
    } finally {
      if (saved === undefined) delete process.env.LIAISON_TOKEN;
      else process.env.LIAISON_TOKEN = saved;
      await client.transport.close();
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists the events and shows one by its address', { timeout: SLOW }, async () => {
    const page = await runCliJson<{ items: EventSummary[]; total: number }>(['event', 'list'], dataDir, asTrainer());
    expect(page.items.map((e) => [e.slug, e.seatsTaken, e.counts.waiting])).toEqual([['cli-webinar', 2, 1]]);
    const text = await runCli(['event', 'show', 'cli-webinar'], dataDir, asTrainer());
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('CLI webinar on e-evidence (fictitious)  (webinar, published)');
    expect(text.stdout).toMatch(/^Seats: +2\/2 taken/m);
    expect(text.stdout).toMatch(/^Registrations: 2 confirmed, 1 waiting$/m);
  });

  it('an investigator of another organisation lists the upcoming events of every organisation, with their registration page', { timeout: SLOW }, async () => {
    const asInvestigator = { LIAISON_TOKEN: investigator.token };
    const page = await runCliJson<{ items: UpcomingEvent[]; total: number }>(['event', 'upcoming'], dataDir, asInvestigator);
    expect(page.items.map((e) => [e.slug, e.organiser, e.full, e.registrationState])).toEqual([['cli-webinar', 'CLI Training Centre (fictitious)', true, 'open']]);
    expect(JSON.stringify(page)).not.toContain('meet.example.org');
    const text = await runCli(['event', 'upcoming', '--language', 'EN', '-q', 'e-evidence'], dataDir, asInvestigator);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STARTS \(UTC\) +LANG +REGISTRATION +ORGANISER +REGISTRATION PAGE +TITLE$/);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} +en +open, full: waiting list +CLI Training Centre \(fictitious\) +http\S*\/e\/cli-webinar +CLI webinar on e-evidence \(fictitious\)$/);
  });

  it('lists the registrations, the waiting list first', { timeout: SLOW }, async () => {
    const result = await runCli(['event', 'registrations', 'cli-webinar'], dataDir, asTrainer());
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STATUS +NAME +ORGANISATION +COUNTRY +ROLE +E-MAIL +REGISTERED \(UTC\)$/);
    expect(lines[1]).toMatch(/^waiting #1 +Participant wes .* wes@police\.example\.org/);
    const confirmed = await runCliJson<{ items: Registration[] }>(['event', 'registrations', event.id, '--status', 'confirmed', '--country', 'be'], dataDir, asTrainer());
    expect(confirmed.items.map((r) => r.email)).toEqual(['vic@court.example.org']);
  });

  it('exports CSV and XLSX files that read back', { timeout: SLOW }, async () => {
    const csvFile = path.join(dataDir, 'registrations.csv');
    const csv = await runCli(['event', 'export', 'cli-webinar', '--format', 'csv', '--out', csvFile], dataDir, asTrainer());
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/^Wrote .*registrations\.csv: registrations of "CLI webinar on e-evidence \(fictitious\)" as CSV \(\d+ bytes\)\.$/m);
    const text = fs.readFileSync(csvFile, 'utf8');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(fs.statSync(csvFile).mode & 0o777).toBe(0o600);
    const xlsxFile = path.join(dataDir, 'registrations.xlsx');
    const xlsx = await runCli(['event', 'export', 'cli-webinar', '--format', 'xlsx', '--out', xlsxFile, '--status', 'waiting'], dataDir, asTrainer());
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile);
    expect(book.getWorksheet('Registrations')!.rowCount).toBe(2);
  });

  it('imports an attendance list', { timeout: SLOW }, async () => {
    const file = path.join(dataDir, 'attendance.csv');
    fs.writeFileSync(file, 'email\r\numa@police.example.org\r\nnobody@example.org\r\nwes@police.example.org\r\n');
    const result = await runCli(['event', 'attendance', 'cli-webinar', '--file', file], dataDir, asTrainer());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe([
      'Marked 1 participant as attended (0 already were).',
      '  line 3: nobody@example.org is not registered',
      '  line 4: wes@police.example.org is waiting, not confirmed',
      '',
    ].join('\n'));
  });

  it('runs the reminder pass now as a trainer; as of the day before only as the operator', { timeout: SLOW }, async () => {
    const now = await runCliJson<{ queued: number }>(['event', 'remind', 'cli-webinar'], dataDir, asTrainer());
    expect(now.queued).toBe(0);
    const asOf = new Date(start.getTime() - 23 * 3_600_000).toISOString();
    const refused = await runCli(['event', 'remind', 'cli-webinar', '--as-of', asOf], dataDir, asTrainer());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Only the instance operator may run reminders as of another time');
    const operator = await runCli(['event', 'remind', 'cli-webinar', '--as-of', asOf], dataDir);
    expect(operator.code, operator.stderr).toBe(0);
    // Uma attended (no reminder any more), Vic is confirmed; no SMTP server here: queued, not sent.
    expect(operator.stdout).toBe(`Reminder pass as of ${asOf.slice(0, 16).replace('T', ' ')} UTC: 1 reminder queued, 0 sent now.\n`);
  });
});
