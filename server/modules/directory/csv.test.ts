/** RFC 4180 parsing and writing, with the physical line each record starts on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsvField, parseCsv, serializeCsv } from './csv.ts';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain fields and records, CRLF or LF, with or without a final line break', () => {
    expect(fieldsOf('a,b,c\r\n1,2,3\r\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(fieldsOf('a,b,c\n1,2,3')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(fieldsOf('a\r1\r')).toEqual([['a'], ['1']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,c\n,,\nx,\n')).toEqual([['a', '', 'c'], ['', '', ''], ['x', '']]);
  });

  it('reads quoted fields with embedded commas, doubled quotes and line breaks', () => {
    const text = 'name,notes\r\n"Unit, North","He said ""now"""\r\n"multi\r\nline\nvalue",x\r\n';
    expect(fieldsOf(text)).toEqual([['name', 'notes'], ['Unit, North', 'He said "now"'], ['multi\r\nline\nvalue', 'x']]);
  });

  it('a quoted empty field is a value; a blank line is skipped', () => {
    expect(fieldsOf('a\n""\n\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('a\n\nb', { skipBlankLines: false }).map((r) => r.fields)).toEqual([['a'], [''], ['b']]);
  });

  it('numbers each record by the physical line it starts on, the header being line 1', () => {
    const text = 'h1,h2\n"two\nlines",x\n\nplain,y\r\n"a\r\nb\r\nc",z\nlast,w';
    expect(parseCsv(text).map((r) => [r.line, r.fields[1]])).toEqual([[1, 'h2'], [2, 'x'], [5, 'y'], [6, 'z'], [9, 'w']]);
  });

  it('ignores a byte-order mark', () => {
    expect(parseCsv('\ufeffid,name\n1,x\n')).toEqual([{ line: 1, fields: ['id', 'name'] }, { line: 2, fields: ['1', 'x'] }]);
  });

  it('keeps spaces and reads a stray quote inside an unquoted field literally', () => {
    expect(fieldsOf(' a , b \n5" disk,x')).toEqual([[' a ', ' b '], ['5" disk', 'x']]);
  });

  it('reads another delimiter when asked', () => {
    expect(parseCsv('a;b\n"x;y";2\n', { delimiter: ';' }).map((r) => r.fields)).toEqual([['a', 'b'], ['x;y', '2']]);
  });

  it('names the line of an unclosed quote and of text after a closing quote', () => {
    const unclosed = () => parseCsv('a,b\n1,2\n3,"never\nclosed\n');
    expect(unclosed).toThrow(CsvSyntaxError);
    expect(unclosed).toThrow('line 3: a quoted field is not closed');
    let error: unknown;
    try {
      parseCsv('a,b\n1,2\n\n"x"y,2\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(4);
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
  });
});

describe('serializeCsv', () => {
  it('quotes only what must be quoted and ends every record with CRLF', () => {
    expect(serializeCsv([['id', 'name'], ['1', 'Unit, North'], ['2', 'say "hi"'], ['3', 'two\nlines'], ['4', ' edge ']]))
      .toBe('id,name\r\n1,"Unit, North"\r\n2,"say ""hi"""\r\n3,"two\nlines"\r\n4," edge "\r\n');
    expect(formatCsvField('plain')).toBe('plain');
    expect(formatCsvField('a;b', ';')).toBe('"a;b"');
  });

  it('round-trips any table of strings through parseCsv', () => {
    // Rows of equal width; a row of one empty field would be a blank line, so rows have two fields.
    const table = fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' })), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, (rows) => {
        expect(parseCsv(serializeCsv(rows)).map((r) => r.fields)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips quotes, commas, CR, LF and CRLF inside values', () => {
    const rows = [['"', ',', '\r'], ['\n', '\r\n', '""'], ['a"b,c\r\nd', '', ' ']];
    expect(parseCsv(serializeCsv(rows)).map((r) => r.fields)).toEqual(rows);
  });
});
