/**
 * The directory's file formats (docs/directory-format.md): CSV with a fixed column order and
 * JSON arrays of the API's records. Reading turns every row into a plain object for the input
 * schema plus the cell errors found on the way (a boolean that is not one, a channel without its
 * type); the import service validates the objects. Writing is the exact inverse of reading.
 */
import {
  AUTHORITY_CSV_COLUMNS, PROVIDER_CSV_COLUMNS, type Authority, type Provider,
} from '../../../domain/directory.ts';
import type { FieldError } from '../../http/errors.ts';
import { CsvSyntaxError, parseCsv, serializeCsv } from './csv.ts';

export type DirectoryKind = 'authorities' | 'providers';
export type DirectoryFormat = 'csv' | 'json';

/** How a column's cell maps to a field of the input schema. */
type Cell =
  | 'id' // empty: none (a new entry)
  | 'required' // text the schema requires: passed as is, so the schema names what is wrong
  | 'optional' // text; empty: absent
  | 'list' // items separated by ";"
  | 'channels' // type:value items
  | 'dataHeld' // category:retention items
  | 'boolean' // true/false (yes/no, 1/0); empty: the default
  | 'days' // a whole number; empty: null
  | 'country?' // a country code; empty: null
  | 'ignored'; // written by the export for the reader, not read back (updatedAt)

const AUTHORITY_CELLS: Record<(typeof AUTHORITY_CSV_COLUMNS)[number], Cell> = {
  id: 'id', country: 'required', kind: 'required', name: 'required', unit: 'optional', availability: 'required',
  officeHours: 'optional', timeZone: 'required', channels: 'channels', languages: 'list', encryptionRequired: 'boolean',
  eSignatureRequired: 'boolean', requirements: 'optional', notes: 'optional', fictitious: 'boolean', source: 'optional',
  updatedAt: 'ignored',
};
const PROVIDER_CELLS: Record<(typeof PROVIDER_CSV_COLUMNS)[number], Cell> = {
  id: 'id', name: 'required', aliases: 'list', legalEntity: 'required', country: 'required', lawEnforcementPortal: 'optional',
  address: 'optional', emergencyProcedure: 'optional', emergencyContact: 'optional', dataHeld: 'dataHeld',
  preservationDays: 'days', acceptsDirectPreservation: 'boolean', disclosesNonContentVoluntarily: 'boolean',
  directRequestsFrom: 'optional', userNotificationPolicy: 'optional', euEstablishmentCountry: 'country?',
  euEstablishmentName: 'optional', fictitious: 'boolean', source: 'optional', updatedAt: 'ignored',
};

/** Columns a file must have (every row needs a value there): a missing one is named once, on line 1. */
const AUTHORITY_REQUIRED = ['country', 'kind', 'name', 'availability', 'timeZone', 'channels', 'languages'];
const PROVIDER_REQUIRED = ['name', 'legalEntity', 'country'];

const FORMAT: Record<DirectoryKind, { columns: readonly string[]; cells: Record<string, Cell>; required: readonly string[] }> = {
  authorities: { columns: AUTHORITY_CSV_COLUMNS, cells: AUTHORITY_CELLS, required: AUTHORITY_REQUIRED },
  providers: { columns: PROVIDER_CSV_COLUMNS, cells: PROVIDER_CELLS, required: PROVIDER_REQUIRED },
};

// ------------------------------------------------------------------------------ cell encoding

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab, CR) as a formula. The export puts an
 * apostrophe before such a value, and before a value that starts with an apostrophe, so that the
 * import can take exactly one apostrophe off again: the round trip is exact.
 */
const FORMULA_START = /^[=+\-@\t\r']/;
const guard = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);
const unguard = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);

/** List items are joined with "; "; a ";" or "\" inside an item is escaped with "\". */
const escapeItem = (item: string) => item.replace(/\\/g, '\\\\').replace(/;/g, '\\;');
const joinList = (items: readonly string[]) => items.map(escapeItem).join('; ');

function splitList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && (cell[i + 1] === ';' || cell[i + 1] === '\\')) {
      current += cell[i + 1];
      i++;
    } else if (c === ';') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/** `email:unit@example.org` → ['email', 'unit@example.org']; the first colon separates. */
function splitPair(item: string): [string, string] | null {
  const at = item.indexOf(':');
  return at < 0 ? null : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
}

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

function encodeCell(cell: Cell, value: unknown): string {
  switch (cell) {
    case 'list':
      return joinList(value as string[]);
    case 'channels':
      return joinList((value as { type: string; value: string }[]).map((c) => `${c.type}:${c.value}`));
    case 'dataHeld':
      return joinList((value as { category: string; retention: string }[]).map((d) => `${d.category}:${d.retention}`));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'days':
    case 'country?':
    case 'id':
    case 'required':
    case 'optional':
    case 'ignored':
      return value === null || value === undefined ? '' : String(value);
  }
}

/** A cell → the field's value for the schema, or an error message for the cell. */
function decodeCell(cell: Cell, raw: string): { value: unknown } | { error: string; at?: string } {
  switch (cell) {
    case 'required':
      return { value: raw };
    case 'id':
    case 'optional':
      return { value: raw === '' ? undefined : raw };
    case 'country?':
      return { value: raw === '' ? null : raw };
    case 'ignored':
      return { value: undefined };
    case 'list':
      return { value: splitList(raw) };
    case 'channels':
    case 'dataHeld': {
      const items = splitList(raw);
      const out: Record<string, string>[] = [];
      for (const [i, item] of items.entries()) {
        const pair = splitPair(item);
        if (!pair) return { error: cell === 'channels' ? 'write type:value (e.g. email:unit@example.org)' : 'write category:retention (e.g. subscriber:12 months)', at: String(i) };
        out.push(cell === 'channels' ? { type: pair[0], value: pair[1] } : { category: pair[0], retention: pair[1] });
      }
      return { value: out };
    }
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      if (v === '') return { value: undefined };
      if (TRUE.has(v)) return { value: true };
      if (FALSE.has(v)) return { value: false };
      return { error: 'must be true or false' };
    }
    case 'days': {
      const v = raw.trim();
      if (v === '') return { value: null };
      if (!/^-?\d+$/.test(v)) return { error: 'must be a whole number of days' };
      return { value: Number(v) };
    }
  }
}

// ------------------------------------------------------------------------------ reading

/** One row of a file, ready for the input schema. */
export interface FileRow {
  /** `line 4` (CSV: physical line, the header is line 1) or `item 3` (JSON: 1-based position). */
  label: string;
  /** The fields for the schema; null when the row could not be read at all (wrong width, not an object). */
  value: Record<string, unknown> | null;
  /** Cells found wrong while reading, named `line 4.field`; the schema's opinion on those fields is not asked. */
  errors: FieldError[];
  badFields: Set<string>;
}

export interface ReadResult {
  rows: FileRow[];
  /** Problems with the file as a whole (syntax, header, emptiness); row problems are on the rows. */
  errors: FieldError[];
}

/** The CSV delimiter is read from the header (the column names contain neither , nor ;). */
function delimiterOf(text: string): string {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  return !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
}

function readCsv(kind: DirectoryKind, text: string): ReadResult {
  const { columns, cells, required } = FORMAT[kind];
  let records;
  try {
    records = parseCsv(text, { delimiter: delimiterOf(text) });
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], errors: [{ path: `line ${error.line}`, message: error.reason }] };
    throw error;
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], errors: [{ path: 'content', message: 'the file is empty' }] };
  const errors: FieldError[] = [];
  // Column names are matched without regard to case or surrounding spaces.
  const known = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const names = header.fields.map((h) => known.get(h.trim().toLowerCase()));
  header.fields.forEach((h, i) => {
    if (!names[i]) errors.push({ path: `line ${header.line}.${h.trim() || `column ${i + 1}`}`, message: `unknown column (expected: ${columns.join(', ')})` });
    else if (names.indexOf(names[i]) !== i) errors.push({ path: `line ${header.line}.${names[i]}`, message: 'column appears twice' });
  });
  for (const column of required)
    if (!names.includes(column)) errors.push({ path: `line ${header.line}.${column}`, message: 'required column is missing' });
  if (errors.length) return { rows: [], errors };

  const rows: FileRow[] = [];
  for (const record of data) {
    const label = `line ${record.line}`;
    if (record.fields.length !== names.length) {
      rows.push({ label, value: null, errors: [{ path: label, message: `has ${record.fields.length} fields; the header has ${names.length}` }], badFields: new Set() });
      continue;
    }
    const row: FileRow = { label, value: {}, errors: [], badFields: new Set() };
    record.fields.forEach((raw, i) => {
      const name = names[i]!;
      const decoded = decodeCell(cells[name]!, unguard(raw));
      if ('error' in decoded) {
        row.errors.push({ path: [label, name, decoded.at].filter(Boolean).join('.'), message: decoded.error });
        row.badFields.add(name);
      } else if (decoded.value !== undefined) row.value![name] = decoded.value;
    });
    rows.push(row);
  }
  return { rows, errors };
}

function readJson(text: string): ReadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    return { rows: [], errors: [{ path: 'content', message: `is not valid JSON (${(error as Error).message})` }] };
  }
  if (!Array.isArray(parsed)) return { rows: [], errors: [{ path: 'content', message: 'must be a JSON array of entries' }] };
  const rows = parsed.map((item: unknown, i): FileRow => {
    const label = `item ${i + 1}`;
    return item === null || typeof item !== 'object' || Array.isArray(item)
      ? { label, value: null, errors: [{ path: label, message: 'must be an object' }], badFields: new Set() }
      : { label, value: { ...(item as Record<string, unknown>) }, errors: [], badFields: new Set() };
  });
  return { rows, errors: [] };
}

/** Reads an import file into rows for the input schema, with every problem found on the way. */
export function readDirectoryFile(kind: DirectoryKind, format: DirectoryFormat, content: string): ReadResult {
  return format === 'csv' ? readCsv(kind, content) : readJson(content);
}

// ------------------------------------------------------------------------------ writing

/** Records as the CSV format: header, then one row per record, in the order given. */
export function writeDirectoryCsv(kind: DirectoryKind, records: readonly (Authority | Provider)[]): string {
  const { columns, cells } = FORMAT[kind];
  const rows = records.map((r) => columns.map((c) => guard(encodeCell(cells[c]!, (r as unknown as Record<string, unknown>)[c]))));
  return serializeCsv([[...columns], ...rows]);
}

/** Records as the JSON format: an array of the API's records, indented, ending with a newline. */
export function writeDirectoryJson(records: readonly (Authority | Provider)[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}
