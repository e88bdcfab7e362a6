/**
 * CSV as RFC 4180 writes it: fields separated by a delimiter, records by CRLF (LF and CR alone
 * are read too), fields with a delimiter, quote, CR or LF enclosed in double quotes with inner
 * quotes doubled. Each record keeps the physical line it starts on, so an import can say
 * "line 4" even when an earlier field spans several lines. A byte-order mark is ignored.
 */

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
}

/** The text is not CSV; `line` is where the problem is. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvParseOptions {
  /** `,` by default; `;` for files saved by spreadsheets in locales with a decimal comma. */
  delimiter?: string;
  /** Skip records that are one empty, unquoted field (blank lines). Default true. */
  skipBlankLines?: boolean;
}

/** Parses CSV text into records; throws CsvSyntaxError on an unclosed or malformed quoted field. */
export function parseCsv(input: string, options: CsvParseOptions = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? ',';
  const skipBlank = options.skipBlankLines ?? true;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let quotedRecord = false; // any field of the record was quoted (a quoted "" is not a blank line)
  let i = 0;
  let atFieldStart = true;

  const endField = () => {
    fields.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    if (!(skipBlank && fields.length === 1 && fields[0] === '' && !quotedRecord)) records.push({ line: recordLine, fields });
    fields = [];
    quotedRecord = false;
  };

  while (i < text.length) {
    const c = text[i]!;
    if (atFieldStart && c === '"') {
      // A quoted field: runs to the next quote that is not doubled.
      const startLine = line;
      quotedRecord = true;
      atFieldStart = false;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(startLine, 'a quoted field is not closed (missing ")');
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\r' || q === '\n') {
          // Line breaks inside quotes belong to the value; count them for line numbers.
          if (q === '\r' && text[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
          } else {
            field += q;
            i++;
          }
          line++;
          continue;
        }
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n')
        throw new CsvSyntaxError(line, `unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")`);
      continue;
    }
    atFieldStart = false;
    if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      // Unquoted text, including a stray quote inside it (read literally, as most tools do).
      field += c;
      i++;
    }
  }
  // The last record, unless the text ended with a line break.
  if (fields.length > 0 || field !== '' || !atFieldStart || quotedRecord) endRecord();
  return records;
}

/** One field, quoted when it must be (delimiter, quote, CR, LF) or when it has edge spaces. */
export function formatCsvField(value: string, delimiter = ','): string {
  const needsQuotes = value.includes(delimiter) || value.includes('"') || value.includes('\r') || value.includes('\n') || /^\s|\s$/.test(value);
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records as CSV: CRLF after every record, including the last (RFC 4180). */
export function serializeCsv(records: readonly (readonly string[])[], delimiter = ','): string {
  return records.map((r) => r.map((f) => formatCsvField(f, delimiter)).join(delimiter) + '\r\n').join('');
}
