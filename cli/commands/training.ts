/**
 * `liaison training …`: the training catalogue. Everyone reads it (list, show, download); adding,
 * changing and uploading act as a trainer through LIAISON_TOKEN, since entries belong to the
 * trainer's organisation.
 */
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { okSchema } from '../../domain/api.ts';
import {
  FILE_NAME_HEADER, TRAINING_AUDIENCES, TRAINING_FORMATS, TRAINING_KINDS, TRAINING_LEVELS, TRAINING_SORTS, TRAINING_TOPICS, TRAINING_WHEN,
  trainingItemSchema, trainingPageSchema, trainingUploadPolicySchema, trainingUploadResultSchema,
  type TrainingItem, type TrainingSummary,
} from '../../domain/training.ts';
import { withQuery } from '../api.ts';
import { addDataDirOption, addJsonOption, parsePositiveInt, withApi } from '../context.ts';
import { CliError } from '../errors.ts';
import { formatTable, print, printJson } from '../output.ts';
import { formatSize, writeVerifiedFile } from './request.ts';

/** Below this size an upload is over before a bar could be read: no progress bar. */
const PROGRESS_THRESHOLD = 512 * 1024;

const choice = (values: readonly string[], what: string) => (value: string) => {
  if (!values.includes(value)) throw new InvalidArgumentError(`Expected ${what}: ${values.join(', ')}.`);
  return value;
};
const collect = (parse: (v: string) => string) => (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => parse(v.trim()))];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function entryId(value: string): string {
  if (!UUID.test(value.trim())) throw new InvalidArgumentError('Expected the entry’s id (a UUID, as `liaison training list` prints it).');
  return value.trim();
}

/** `12–13 May 2026`-like, but plain: `2026-05-12 → 2026-05-13`, `2026-05-12`, or `-`. */
function formatDates(item: Pick<TrainingSummary, 'startsOn' | 'endsOn'>): string {
  if (!item.startsOn) return '-';
  return item.endsOn && item.endsOn !== item.startsOn ? `${item.startsOn} → ${item.endsOn}` : item.startsOn;
}

/** Reads a JSON file (or standard input for `-`); a usage mistake, not a server error, when it is not JSON. */
function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function printItem(item: TrainingItem): void {
  print(
    `${item.title}`,
    `Id:         ${item.id}`,
    `Kind:       ${TRAINING_KINDS[item.kind].en}    Format: ${TRAINING_FORMATS[item.format].en}    Level: ${TRAINING_LEVELS[item.level].en}`,
    `Provider:   ${item.provider}`,
    `Dates:      ${formatDates(item)}${item.location ? `    Location: ${item.location}` : ''}`,
    `Languages:  ${item.languages.join(', ')}`,
    `Audience:   ${item.audiences.map((a) => TRAINING_AUDIENCES[a].en).join('; ')}`,
    `Topics:     ${item.topics.map((t) => TRAINING_TOPICS[t].en).join('; ')}`,
    `Public:     ${item.public ? 'yes (listed on the public page)' : 'no (signed-in users only)'}`,
    `Maintained: by ${item.organisation.name}; version ${item.version}, changed ${item.updatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
  );
  if (item.summary) print(item.summary, '');
  if (item.description) print(...item.description.split('\n').map((l) => `  ${l}`), '');
  if (item.links.length) {
    print('Links:');
    for (const link of item.links) print(`  ${link.label}: ${link.url}`);
    print('');
  }
  if (item.files.length === 0) return print('No files.');
  print('Files:');
  process.stdout.write(formatTable(item.files, [
    { header: 'ID', value: (f) => f.id },
    { header: 'NAME', value: (f) => f.filename },
    { header: 'SIZE', value: (f) => formatSize(f.size) },
    { header: 'SHA-256', value: (f) => f.sha256 },
  ]));
}

interface ListOptions {
  q?: string;
  topic?: string[];
  audience?: string[];
  language?: string[];
  format?: string[];
  level?: string[];
  kind?: string;
  when?: string;
  sort?: string;
  limit: number;
  offset: number;
  json?: boolean;
}

export function registerTrainingCommands(program: Command): void {
  const group = program
    .command('training')
    .description('the training catalogue: courses and materials (add and upload act as the trainer of LIAISON_TOKEN)');

  addJsonOption(addDataDirOption(group.command('list').description('search the catalogue; filters of one kind match any of their values, all kinds apply together')))
    .option('-q, --q <text>', 'words of the title, provider, summary or description')
    .option('--topic <topic>', `topic, repeatable or comma-separated (${Object.keys(TRAINING_TOPICS).join(', ')})`, collect(choice(Object.keys(TRAINING_TOPICS), 'a topic')))
    .option('--audience <audience>', `audience, repeatable (${Object.keys(TRAINING_AUDIENCES).join(', ')})`, collect(choice(Object.keys(TRAINING_AUDIENCES), 'an audience')))
    .option('--language <code>', 'ISO 639-1 language code, repeatable (en, fr, …)', collect((v) => v.toLowerCase()))
    .option('--format <format>', `format, repeatable (${Object.keys(TRAINING_FORMATS).join(', ')})`, collect(choice(Object.keys(TRAINING_FORMATS), 'a format')))
    .option('--level <level>', `level, repeatable (${Object.keys(TRAINING_LEVELS).join(', ')})`, collect(choice(Object.keys(TRAINING_LEVELS), 'a level')))
    .addOption(new Option('--kind <kind>', 'courses or materials only').choices(Object.keys(TRAINING_KINDS)))
    .addOption(new Option('--when <when>', 'dated entries not yet ended, or ended').choices(TRAINING_WHEN))
    .addOption(new Option('--sort <order>', 'order (default: best match with -q, nearest date with --when, else last changed)').choices(TRAINING_SORTS))
    .option('--limit <n>', 'at most this many (1–100)', parsePositiveInt, 20)
    .option('--offset <n>', 'skip this many (paging)', (v) => (v === '0' ? 0 : parsePositiveInt(v)), 0)
    .action(async (opts: ListOptions, command: Command) => {
      const join = (values?: string[]) => (values?.length ? values.join(',') : undefined);
      const page = await withApi(command, (api) => api.get(trainingPageSchema, withQuery('/api/v1/training', {
        q: opts.q, topic: join(opts.topic), audience: join(opts.audience), language: join(opts.language), format: join(opts.format),
        level: join(opts.level), kind: opts.kind, when: opts.when, sort: opts.sort, limit: opts.limit, offset: opts.offset,
      })));
      if (opts.json) return printJson(page);
      if (page.items.length === 0) return print('No entries match.');
      process.stdout.write(formatTable<TrainingSummary>(page.items, [
        { header: 'ID', value: (i) => i.id },
        { header: 'DATES', value: formatDates },
        { header: 'FORMAT', value: (i) => TRAINING_FORMATS[i.format].en },
        { header: 'LEVEL', value: (i) => TRAINING_LEVELS[i.level].en },
        { header: 'LANG', value: (i) => i.languages.join(',') },
        { header: 'PROVIDER', value: (i) => i.provider },
        { header: 'TITLE', value: (i) => `${i.title}${i.public ? ' [public]' : ''}` },
      ]));
      if (page.total > opts.offset + page.items.length) print(`(${opts.offset + 1}–${opts.offset + page.items.length} of ${page.total}; use --offset or narrow the search)`);
    });

  addJsonOption(addDataDirOption(group.command('show').argument('<id>', 'the entry’s id', entryId).description('one entry with its links and files (SHA-256 and size)')))
    .action(async (id: string, opts: { json?: boolean }, command: Command) => {
      const item = await withApi(command, (api) => api.get(trainingItemSchema, `/api/v1/training/${id}`));
      if (opts.json) return printJson(item);
      printItem(item);
    });

  addJsonOption(addDataDirOption(group.command('add').description('add an entry from a JSON file (the fields of POST /api/v1/training); it belongs to your organisation')))
    .requiredOption('--file <file>', 'the entry as JSON (- for standard input)')
    .addHelpText('after', `
Example item.json:
  { "title": "Darknet investigations", "provider": "Europol", "kind": "course",
    "audiences": ["law_enforcement"], "topics": ["darknet", "osint"], "languages": ["en"],
    "format": "classroom", "level": "intermediate", "startsOn": "2026-05-12", "endsOn": "2026-05-13",
    "location": "The Hague", "links": [{ "url": "https://example.org/course", "label": "Course page" }],
    "public": false }`)
    .action(async (opts: { file: string; json?: boolean }, command: Command) => {
      const body = readJsonFile(opts.file);
      const created = await withApi(command, (api) => api.post(trainingItemSchema, '/api/v1/training', body));
      if (opts.json) return printJson(created);
      print(`Added “${created.title}” (${created.id})${created.public ? ', public' : ''}.`);
    });

  addJsonOption(addDataDirOption(group.command('update').argument('<id>', 'the entry’s id', entryId).description('replace an entry of your organisation with the fields of a JSON file')))
    .requiredOption('--file <file>', 'the entry as JSON (- for standard input); with "version", refused if someone changed it since')
    .action(async (id: string, opts: { file: string; json?: boolean }, command: Command) => {
      const body = readJsonFile(opts.file);
      const updated = await withApi(command, (api) => api.put(trainingItemSchema, `/api/v1/training/${id}`, body));
      if (opts.json) return printJson(updated);
      print(`Saved “${updated.title}” (version ${updated.version}).`);
    });

  addJsonOption(addDataDirOption(group.command('upload').argument('<id>', 'the entry’s id', entryId).argument('<file>', 'the file to attach').description('attach a file (PDF, DOCX, XLSX, PPTX, MP4, PNG, JPEG or UTF-8 text) to an entry of your organisation')))
    .option('--name <name>', 'the name readers see (default: the file’s own name)')
    .action(async (id: string, file: string, opts: { name?: string; json?: boolean }, command: Command) => {
      let content: Buffer;
      try {
        content = fs.readFileSync(file);
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const name = opts.name ?? path.basename(file);
      let bar: cliProgress.SingleBar | undefined;
      if (process.stderr.isTTY && content.length >= PROGRESS_THRESHOLD) {
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: `Uploading ${name} [{bar}] {percentage}% | {sent} of {size}`, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
      }
      const result = await withApi(command, async (api) => {
        // Refused here rather than half-way through: a server refusing early closes the connection.
        const policy = await api.get(trainingUploadPolicySchema, '/api/v1/training/upload-policy');
        if (content.length > policy.maxBytes)
          throw new CliError(`${file} is ${formatSize(content.length)}, larger than the server accepts (${formatSize(policy.maxBytes)}, LIAISON_TRAINING_UPLOAD_MAX_MB)`);
        bar?.start(content.length, 0, { sent: formatSize(0), size: formatSize(content.length) });
        try {
          return await api.upload(trainingUploadResultSchema, `/api/v1/training/${id}/files`, content, { [FILE_NAME_HEADER]: encodeURIComponent(name) },
            (sent) => bar?.update(sent, { sent: formatSize(sent) }));
        } finally {
          bar?.stop();
        }
      });
      if (opts.json) return printJson(result);
      print(
        result.duplicate ? `The entry already holds this file, as ${result.file.filename}.` : `Uploaded ${result.file.filename}`,
        `  ${result.file.contentType.split(';')[0]}, ${formatSize(result.file.size)} (${result.file.size} bytes)`,
        `  SHA-256 ${result.file.sha256}`,
      );
    });

  addJsonOption(addDataDirOption(group.command('download').argument('<id>', 'the entry’s id', entryId).argument('<fileId>', 'the file’s id (from `liaison training show`)', entryId).description('save a file of an entry, checked against its SHA-256')))
    .option('-o, --output <path>', 'where to write it (default: its name, in the current directory)')
    .action(async (id: string, fileId: string, opts: { output?: string; json?: boolean }, command: Command) => {
      const { item, download } = await withApi(command, async (api) => {
        const entry = await api.get(trainingItemSchema, `/api/v1/training/${id}`);
        return { item: entry, download: await api.downloadWithHeaders(`/api/v1/training/${id}/files/${fileId}`) };
      });
      const file = item.files.find((f) => f.id === fileId);
      if (!file) throw new CliError(`the entry has no file ${fileId}`);
      const target = opts.output ?? path.basename(file.filename);
      const announced = download.headers['x-content-sha256'];
      if (!announced) throw new CliError('the server sent the file without its SHA-256 (x-content-sha256); nothing was written');
      writeVerifiedFile(target, download.body, { 'the server announced': announced, 'the entry lists': file.sha256 });
      if (opts.json) return printJson({ ...file, path: target });
      print(`Wrote ${target}`, `  ${formatSize(file.size)} (${file.size} bytes), SHA-256 ${file.sha256} (verified)`);
    });

  addDataDirOption(group.command('remove-file').argument('<id>', 'the entry’s id', entryId).argument('<fileId>', 'the file’s id (from `liaison training show`)', entryId).description('remove a file from an entry of your organisation'))
    .action(async (id: string, fileId: string, _opts: unknown, command: Command) => {
      await withApi(command, (api) => api.delete(okSchema, `/api/v1/training/${id}/files/${fileId}`));
      print(`Removed file ${fileId} from entry ${id}.`);
    });

  addDataDirOption(group.command('delete').argument('<id>', 'the entry’s id', entryId).description('remove an entry of your organisation with its files'))
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withApi(command, (api) => api.delete(okSchema, `/api/v1/training/${id}`));
      print(`Removed entry ${id}.`);
    });
}
