/**
 * `liaison training …` end to end: the real binary on a scratch data directory, in direct mode
 * (the CLI opens the database) and through a running `liaison serve`. A trainer adds an entry
 * from a JSON file and uploads a generated PDF; an investigator finds it with filters, reads it
 * and downloads the file, checked against its SHA-256; refusals exit 1 naming the field. The
 * upload reports its progress piece by piece on both transports, and a file over the server's
 * limit is refused with 413 even while its bytes are still going out.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingUploadResultSchema, type TrainingItem, type TrainingPage, type TrainingUploadResult } from '../domain/training.ts';
import { readLock } from '../server/db/lock.ts';
import { samplePdf } from '../test/support/sample-files.ts';
import { ApiError } from './errors.ts';
import { cliEnv, makeDataDir, runCli, runCliJson, seedCaseUsers, spawnCli, waitFor, type CaseUser } from './testing.ts';

const SLOW = 180_000;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const ITEM = {
  title: 'Darknet investigations (fictitious course)',
  provider: 'Europol',
  summary: 'Hidden services, marketplaces, attribution.',
  audiences: ['law_enforcement', 'prosecutors'],
  topics: ['darknet', 'osint'],
  languages: ['en', 'fr'],
  format: 'online',
  level: 'intermediate',
  startsOn: '2026-05-12',
  endsOn: '2026-05-13',
  links: [{ url: 'https://training.example.org/darknet', label: 'Course page' }],
};

/** An API client for the data directory, in this process, acting as `user` (progress is observable here). */
async function clientFor(dataDir: string, user: CaseUser) {
  const [{ loadConfig }, { connect }, { ApiClient }] = await Promise.all([import('../server/config.ts'), import('./transport.ts'), import('./api.ts')]);
  const saved = process.env.LIAISON_TOKEN;
  process.env.LIAISON_TOKEN = user.token;
  const client = new ApiClient(await connect(loadConfig(cliEnv(dataDir)), 'test upload'));
  return {
    client,
    async close() {
      await client.transport.close();
      if (saved === undefined) delete process.env.LIAISON_TOKEN;
      else process.env.LIAISON_TOKEN = saved;
    },
  };
}

describe.concurrent('liaison training usage', () => {
  const dataDir = makeDataDir();
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists training in the help, with an example', async () => {
    const result = await runCli(['--help'], dataDir);
    expect(result.stdout).toMatch(/^ {2}training /m);
    expect(result.stdout).toContain('liaison training list --topic darknet --format online --q europol');
  });

  it('exits 2 on an unknown topic or a malformed id, before opening anything', async () => {
    const topic = await runCli(['training', 'list', '--topic', 'knitting'], dataDir);
    expect(topic.code).toBe(2);
    expect(topic.stderr).toContain('Expected a topic: e_evidence, darknet');
    const id = await runCli(['training', 'show', '42'], dataDir);
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('Expected the entry’s id');
  });
});

describe('liaison training in direct mode', () => {
  let dataDir: string;
  let trainer: CaseUser;
  let investigator: CaseUser;
  const as = (user: CaseUser) => ({ LIAISON_TOKEN: user.token });
  let item: TrainingItem;
  const pdf = Buffer.concat([samplePdf('Fictitious darknet course handout'), Buffer.from(`%${'x'.repeat(700 * 1024)}\n`)]);

  beforeAll(async () => {
    dataDir = makeDataDir();
    [trainer, investigator] = await seedCaseUsers(dataDir, { name: 'Training academy (fictitious)', country: 'FR' }, [
      { email: 'tina.trainer@academy.example', name: 'Tina Trainer', roles: ['trainer'] },
      { email: 'ivan.investigator@academy.example', name: 'Ivan Investigator', roles: ['investigator'] },
    ]) as [CaseUser, CaseUser];
  }, SLOW);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('a trainer adds an entry from a JSON file; bad fields exit 1 naming them', async () => {
    const file = path.join(dataDir, 'item.json');
    fs.writeFileSync(file, JSON.stringify(ITEM));
    item = await runCliJson<TrainingItem>(['training', 'add', '--file', file], dataDir, as(trainer));
    expect(item).toMatchObject({ title: ITEM.title, organisation: { name: 'Training academy (fictitious)' }, allowed: { edit: true } });

    fs.writeFileSync(file, JSON.stringify({ ...ITEM, format: 'self_paced', languages: ['xx'] }));
    const bad = await runCli(['training', 'add', '--file', file], dataDir, as(trainer));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('languages.0: must be an ISO 639-1 language code');
    expect(bad.stderr).toContain('startsOn: a self-paced entry has no dates');
    const refused = await runCli(['training', 'add', '--file', path.join(dataDir, 'item.json')], dataDir, as(investigator));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Your roles do not allow training.manage');
  }, SLOW);

  it('uploads a file through the binary, then in-process with progress reported piece by piece', async () => {
    const file = path.join(dataDir, 'Handout – darknet.pdf');
    fs.writeFileSync(file, pdf);
    const uploaded = await runCli(['training', 'upload', item.id, file], dataDir, as(trainer));
    expect(uploaded.code, uploaded.stderr).toBe(0);
    expect(uploaded.stdout).toContain('Uploaded Handout – darknet.pdf');
    expect(uploaded.stdout).toContain(`SHA-256 ${sha256(pdf)}`);

    const { client, close } = await clientFor(dataDir, trainer);
    try {
      const sent: number[] = [];
      const again = await client.upload(trainingUploadResultSchema, `/api/v1/training/${item.id}/files`, pdf, { 'x-file-name': 'copy.pdf' }, (n) => sent.push(n));
      expect(again.duplicate).toBe(true);
      expect(sent.length).toBeGreaterThan(1);
      expect(sent.at(-1)).toBe(pdf.length);
      expect([...sent].sort((a, b) => a - b)).toEqual(sent);
    } finally {
      await close();
    }
  }, SLOW);

  it('an investigator finds it with filters, reads it and downloads the file, verified', async () => {
    const page = await runCliJson<TrainingPage>(['training', 'list', '--topic', 'darknet', '--audience', 'prosecutors', '--format', 'online', '--q', 'europol'], dataDir, as(investigator));
    expect(page.items.map((i) => i.id)).toEqual([item.id]);
    const none = await runCli(['training', 'list', '--topic', 'darknet', '--format', 'classroom'], dataDir, as(investigator));
    expect(none.stdout).toContain('No entries match.');

    const shown = await runCli(['training', 'show', item.id], dataDir, as(investigator));
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Provider:   Europol');
    expect(shown.stdout).toContain('Audience:   Law enforcement; Prosecutors');
    expect(shown.stdout).toContain(sha256(pdf));
    const fileId = /^([0-9a-f-]{36}) {2}Handout/m.exec(shown.stdout)?.[1];
    expect(fileId).toBeDefined();

    const target = path.join(dataDir, 'downloaded.pdf');
    const downloaded = await runCli(['training', 'download', item.id, fileId!, '-o', target], dataDir, as(investigator));
    expect(downloaded.code, downloaded.stderr).toBe(0);
    expect(downloaded.stdout).toContain('(verified)');
    expect(sha256(fs.readFileSync(target))).toBe(sha256(pdf));

    // Only the entry's trainers remove files; then the entry has none.
    const refused = await runCli(['training', 'remove-file', item.id, fileId!], dataDir, as(investigator));
    expect(refused.code).toBe(1);
    const removed = await runCli(['training', 'remove-file', item.id, fileId!], dataDir, as(trainer));
    expect(removed.code, removed.stderr).toBe(0);
    expect((await runCliJson<TrainingItem>(['training', 'show', item.id], dataDir, as(investigator))).files).toEqual([]);
  }, SLOW);
});

describe('liaison training through a running server', () => {
  let dataDir: string;
  let server: ChildProcess;
  let trainer: CaseUser;
  let output = '';

  beforeAll(async () => {
    dataDir = makeDataDir();
    // Seeded first, in direct mode: seeding switches tokens per request, which a server connection does not.
    [trainer] = await seedCaseUsers(dataDir, { name: 'Served academy (fictitious)', country: 'BE' }, [
      { email: 'sam.trainer@served.example', name: 'Sam Trainer', roles: ['trainer'] },
    ]) as [CaseUser];
    server = spawnCli(['serve'], dataDir, { PORT: '0', HOST: '127.0.0.1', LIAISON_TRAINING_UPLOAD_MAX_MB: '1' });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitFor(() => {
      if (server.exitCode !== null) throw new Error(`liaison serve exited ${server.exitCode}: ${output}`);
      return readLock(dataDir)?.url ? true : undefined;
    }, SLOW, 'the server to listen');
  }, SLOW);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, SLOW);

  it('uploads over HTTP with progress; a file over the limit is refused (413, or a clear message if the server closes first), and the command checks the limit before sending', async () => {
    const file = path.join(dataDir, 'course.json');
    fs.writeFileSync(file, JSON.stringify({ ...ITEM, public: true }));
    const item = await runCliJson<TrainingItem>(['training', 'add', '--file', file], dataDir, { LIAISON_TOKEN: trainer.token });
    const { client, close } = await clientFor(dataDir, trainer);
    expect(client.transport.mode).toBe('server');
    try {
      const pdf = Buffer.concat([samplePdf('served'), Buffer.from(`%${'y'.repeat(900 * 1024)}\n`)]);
      const sent: number[] = [];
      const result: TrainingUploadResult = await client.upload(trainingUploadResultSchema, `/api/v1/training/${item.id}/files`, pdf, { 'x-file-name': 'served.pdf' }, (n) => sent.push(n));
      expect(result.file).toMatchObject({ sha256: sha256(pdf), size: pdf.length, contentType: 'application/pdf' });
      expect(sent.length).toBeGreaterThan(1);
      expect(sent.at(-1)).toBe(pdf.length);

      // Sent regardless of the limit, the server answers 413 at once and closes: either that
      // answer arrives, or the client says the connection was closed and why that may be.
      const big = Buffer.concat([samplePdf('too big'), Buffer.alloc(8 * 1024 * 1024, 0x20)]);
      const refused = await client.upload(trainingUploadResultSchema, `/api/v1/training/${item.id}/files`, big, { 'x-file-name': 'big.pdf' }).catch((e: unknown) => e);
      if (refused instanceof ApiError) expect(refused.status).toBe(413);
      else expect(String((refused as Error).message)).toMatch(/closed the connection while receiving the file .*larger than the server accepts/);
    } finally {
      await close();
    }
    // The command checks the server's limit first and sends nothing.
    const bigFile = path.join(dataDir, 'big.pdf');
    fs.writeFileSync(bigFile, Buffer.concat([samplePdf('too big'), Buffer.alloc(2 * 1024 * 1024, 0x20)]));
    const cli = await runCli(['training', 'upload', item.id, bigFile], dataDir, { LIAISON_TOKEN: trainer.token });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('is 2.0 MB, larger than the server accepts (1.0 MB, LIAISON_TRAINING_UPLOAD_MAX_MB)');
    // The public page's API lists it without any credentials.
    const url = readLock(dataDir)!.url!;
    const listed = (await (await fetch(`${url}/api/v1/public/training?q=darknet`)).json()) as TrainingPage;
    expect(listed.items.map((i) => i.id)).toEqual([item.id]);
  }, SLOW);
});
