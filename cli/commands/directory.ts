/**
 * `liaison directory import|export`: the directory's CSV and JSON files (docs/directory-format.md),
 * through the same API, validation and audit as the web app's import screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { DIRECTORY_KINDS, importResultSchema } from '../../domain/directory.ts';
import { withQuery } from '../api.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { CliError } from '../errors.ts';
import { plural, print, printJson } from '../output.ts';

type Kind = (typeof DIRECTORY_KINDS)[number];
type Format = 'csv' | 'json';
const FORMATS = ['csv', 'json'] as const;

/** The format named by a file's extension (`contacts.CSV` → csv), if it names one. */
function formatOfFile(file: string): Format | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  return (FORMATS as readonly string[]).includes(ext) ? (ext as Format) : undefined;
}

const kindOption = () =>
  new Option('--kind <kind>', 'what the file holds').choices(DIRECTORY_KINDS).makeOptionMandatory();

export function registerDirectoryCommands(program: Command): void {
  const directory = program
    .command('directory')
    .description('import and export the directory of authorities, contact points and service providers');

  addJsonOption(
    addDataDirOption(
      directory
        .command('import')
        .description('import a CSV or JSON file: every row is checked first; one bad row imports nothing and every bad row is listed by line and field')
        .argument('<file>', 'the file to import (format from its extension: .csv or .json)')
        .addOption(kindOption())
        .addOption(new Option('--format <format>', 'the file format (default: from the extension)').choices(FORMATS))
        .addHelpText('after', '\nRows with the id of an existing entry replace it; other rows are created. See docs/directory-format.md.'),
    ),
    'the counts',
  ).action(async (file: string, options: { kind: Kind; format?: Format; json?: boolean }, command: Command) => {
    const format = options.format ?? formatOfFile(file);
    if (!format) throw new CliError(`cannot tell the format of ${file} from its extension: add --format csv or --format json`);
    let content: string;
    try {
      content = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const result = await withApi(command, (api) => api.post(importResultSchema, '/api/v1/directory/import', { kind: options.kind, format, content }));
    if (options.json) return printJson(result);
    print(`Imported ${file} (${options.kind}, ${format}): ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`);
  });

  addDataDirOption(
    directory
      .command('export')
      .description('export authorities or providers as CSV or JSON, in the format `directory import` reads')
      .addOption(kindOption())
      .addOption(new Option('--format <format>', 'the file format (default: from --output, else json)').choices(FORMATS))
      .option('-o, --output <file>', 'write to this file instead of standard output')
      .option('--force', 'overwrite the output file if it exists'),
  ).action(async (options: { kind: Kind; format?: Format; output?: string; force?: boolean }, command: Command) => {
    const format = options.format ?? (options.output ? formatOfFile(options.output) : undefined) ?? 'json';
    if (options.output && !options.force && fs.existsSync(options.output))
      throw new CliError(`${options.output} exists: choose another file or add --force`);
    const body = await withApi(command, (api) => api.download(withQuery('/api/v1/directory/export', { kind: options.kind, format })));
    if (!options.output) {
      process.stdout.write(body);
      return;
    }
    fs.writeFileSync(options.output, body);
    print(`Exported ${options.kind} as ${format} to ${options.output} (${plural(body.length, 'byte')})`);
  });
}
