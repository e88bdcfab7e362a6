import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { DocumentOutline } from '../../../domain/documents.ts';
import { extractDocxText, unzipDocx } from '../../../test/support/docx-text.ts';
import { extractPdfPages, extractPdfText, readPdfInfo } from '../../../test/support/pdf-text.ts';
import { EMPTY_VALUE, fitColumns, prepareOutline, readItemValue } from './outline-layout.ts';
import { renderDocx } from './render-docx.ts';
import { renderPdf } from './render-pdf.ts';
import { buildSampleOutline } from './sample-outlines.ts';

/** Text with all whitespace removed: a value wrapped over lines or cells still matches. */
const squash = (text: string) => text.replace(/\s+/g, '');

/** Every string the reader must find: reference, title, headings, numbers, labels, sources, values, table cells. */
function expectedTexts(outline: DocumentOutline): string[] {
  const items = [...outline.sections.flatMap((s) => s.items), ...outline.signature.items];
  return [
    outline.reference,
    outline.title,
    outline.subtitle,
    outline.footer,
    ...outline.sections.map((s) => s.heading),
    outline.identifiers.heading,
    outline.signature.heading,
    ...items.flatMap((item) => [item.label, ...(item.source ? [item.source] : []), ...(Array.isArray(item.value) ? item.value : item.value.split('\n'))]),
    ...outline.identifiers.columns,
    ...outline.identifiers.rows.flat(),
  ].filter((text) => text.trim() !== '');
}

/** The French sample with the characters a French request is full of, and the edge cases of a value. */
function frenchOutline(): DocumentOutline {
  const outline = buildSampleOutline({ language: 'fr', identifiers: 30 });
  outline.sections[0]!.items.push(
    { number: '5 bis', label: 'Remarque — façon « ≥ 90 jours »', value: 'Reçu l’accord du procureur ; délai ≥ 90 jours — à confirmer.', source: 'Budapest art. 29(7)' },
    { number: '5 ter', label: 'Valeur vide', value: '   ' },
  );
  return outline;
}

/** pdfmake's own font loading, captured before renderPdf replaces it with the shared-font one. */
const pdfmakeDocument = (createRequire(import.meta.url)('pdfmake/js/PDFDocument.js') as { default: { prototype: { provideFont: unknown } } }).default.prototype;
const pdfmakeProvideFont = pdfmakeDocument.provideFont;

const english = buildSampleOutline({ language: 'en', identifiers: 30 });
const french = frenchOutline();
const short: DocumentOutline = {
  ...buildSampleOutline({ language: 'en', identifiers: 1 }),
  sections: [{ heading: 'Part A', items: [{ number: '1', label: 'Requesting State', value: 'Examplia' }] }],
};

describe('readItemValue', () => {
  it('splits paragraphs on blank lines, lines on newlines, and marks empty values', () => {
    expect(readItemValue('One\nline two\n\n  \nThree\r\n\r\nFour')).toEqual({ kind: 'paragraphs', paragraphs: [['One', 'line two'], ['Three'], ['Four']] });
    expect(readItemValue(['a', ' ', 'b '])).toEqual({ kind: 'list', entries: ['a', 'b'] });
    expect(readItemValue('')).toEqual({ kind: 'empty' });
    expect(readItemValue(' \n ')).toEqual({ kind: 'empty' });
    expect(readItemValue([])).toEqual({ kind: 'empty' });
    expect(readItemValue(['', '  '])).toEqual({ kind: 'empty' });
  });
});

describe('prepareOutline', () => {
  it('replaces tabs and control characters, keeps newlines, and refuses a row longer than the header', () => {
    const outline = structuredClone(short);
    outline.sections[0]!.items[0]!.value = 'Exam\u0000plia\tState\nline\u000b2';
    expect(prepareOutline(outline).sections[0]!.items[0]!.value).toBe('Exam plia State\nline 2');
    const long = structuredClone(short);
    long.identifiers.rows[0]!.push('one cell too many');
    expect(() => prepareOutline(long)).toThrow(/rows\[0\] has 7 cells for 6 columns/);
  });

  it('prints a row shorter than the header with empty cells', async () => {
    const outline = structuredClone(short);
    outline.identifiers.rows = [['URL', 'https://example.org/only-two-cells']];
    expect(await extractPdfText(await renderPdf(outline))).toContain('https://example.org/only-two-cells');
    expect(extractDocxText(await renderDocx(outline))).toContain('https://example.org/only-two-cells');
  });
});

describe('fitColumns', () => {
  const { columns, rows } = buildSampleOutline({ language: 'en', identifiers: 30 }).identifiers;

  it('gives every column at least its longest word (up to 12 characters) and the identifiers the most room', () => {
    const capacity = 92;
    const widths = fitColumns(columns, rows, capacity).map((share) => share * capacity);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(capacity, 6);
    columns.forEach((column, c) => {
      const longestWord = Math.max(...[column, ...rows.map((row) => row[c]!)].flatMap((text) => text.split(/\s+|(?<=\/)/).map((w) => w.length)));
      expect(widths[c], column).toBeGreaterThanOrEqual(Math.min(12, longestWord));
    });
    expect(Math.max(...widths)).toBe(widths[columns.indexOf('Identifier')]);
  });

  it('lets every cell fit on one line when the page is wide enough', () => {
    const natural = columns.map((column, c) => Math.max(column.length, ...rows.map((row) => row[c]!.length)));
    const capacity = natural.reduce((a, b) => a + b, 0) + 10;
    const widths = fitColumns(columns, rows, capacity).map((share) => share * capacity);
    widths.forEach((width, c) => expect(width, columns[c]).toBeGreaterThanOrEqual(natural[c]!));
  });
});

describe('renderPdf', () => {
  it('prints every label, value, identifier and the reference, over several A4 pages with a header and footer on each', async () => {
    const pages = await extractPdfPages(await renderPdf(english));
    expect(pages.length).toBeGreaterThan(1);
    const text = squash(pages.map((p) => p.text).join('\n'));
    for (const expected of expectedTexts(english)) expect(text, expected).toContain(squash(expected));
    pages.forEach((page, i) => {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
      expect(page.text).toContain(english.reference);
      expect(page.text).toContain('Version 2');
      expect(page.text).toContain(english.footer);
      expect(page.text).toContain(`page ${i + 1} of ${pages.length}`);
    });
    // The identifiers table spans pages; its header row is repeated on each.
    const tablePages = pages.filter((p) => english.identifiers.rows.some((row) => squash(p.text).includes(squash(row[1]!))));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const page of tablePages) expect(squash(page.text)).toContain(squash('Date and time (UTC)'));
  });

  it('keeps every line inside the page margins: long onion, IPv6 and URL values wrap instead of being cut off', async () => {
    const pages = await extractPdfPages(await renderPdf(english));
    for (const page of pages) {
      for (const run of page.runs) {
        expect(run.x, run.text).toBeGreaterThanOrEqual(55);
        expect(run.x + run.width, run.text).toBeLessThanOrEqual(page.width - 55);
      }
    }
    const onion = english.identifiers.rows.find((row) => row[1]!.endsWith('.onion'))![1]!;
    expect(onion).toHaveLength(62);
    expect(squash(pages.map((p) => p.text).join(''))).toContain(onion);
  });

  it('renders a French outline with its accents, typographic apostrophes, dashes and ≥ intact', async () => {
    const pages = await extractPdfPages(await renderPdf(french));
    const all = pages.map((p) => p.text).join('\n');
    for (const expected of expectedTexts(french)) expect(squash(all), expected).toContain(squash(expected));
    for (const word of ['Françoise Lefèvre', 'République d’Exemplie', 'Partie B — Enquête', '≥ 1 an', 'Reçu l’accord', '« d’ici quelques jours »', 'Cachet officiel']) expect(all).toContain(word);
    expect(all).toContain(`page 1 sur ${pages.length}`);
    expect(all).toContain(`5 ter Valeur vide\n${EMPTY_VALUE}`);
  });

  it('prints a one-page document with its metadata, dated outline.generatedAt', async () => {
    const buf = await renderPdf(short);
    const pages = await extractPdfPages(buf);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.text).toContain('page 1 of 1');
    const info = await readPdfInfo(buf);
    expect(info).toMatchObject({ Title: short.title, Subject: short.subtitle, Creator: 'Liaison', Keywords: short.reference, CreationDate: 'D:20260320094107Z' });
  });

  it('is deterministic: the same outline gives the same bytes, another outline another file identifier', async () => {
    const first = await renderPdf(english);
    expect((await renderPdf(structuredClone(english))).equals(first)).toBe(true);
    const id = (buf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(buf.toString('latin1'))?.[1];
    const changed = await renderPdf({ ...english, sections: english.sections.slice(1) });
    expect(id(first)).toBeDefined();
    expect(id(changed)).not.toBe(id(first));
  });

  it('gives the same bytes with fonts shared between documents as with pdfmake loading them for each', async () => {
    const shared = await renderPdf(french);
    expect(pdfmakeDocument.provideFont).not.toBe(pdfmakeProvideFont);
    const sharing = pdfmakeDocument.provideFont;
    pdfmakeDocument.provideFont = pdfmakeProvideFont;
    try {
      expect((await renderPdf(french)).equals(shared)).toBe(true);
    } finally {
      pdfmakeDocument.provideFont = sharing;
    }
  });

  it('refuses an outline whose generatedAt is not an instant', async () => {
    await expect(renderPdf({ ...short, generatedAt: 'yesterday' })).rejects.toThrow(/generatedAt/);
  });
});

describe('renderDocx', () => {
  it('writes every label, value, identifier in word/document.xml, the reference in the header and the footer text', async () => {
    const buf = await renderDocx(english);
    const body = extractDocxText(buf);
    for (const expected of expectedTexts(english).filter((t) => t !== english.reference && t !== english.footer)) expect(squash(body), expected).toContain(squash(expected));
    const parts = [...unzipDocx(buf).keys()];
    const header = parts.find((p) => /^word\/header\d+\.xml$/.test(p))!;
    const footer = parts.find((p) => /^word\/footer\d+\.xml$/.test(p))!;
    expect(extractDocxText(buf, header)).toBe(`${english.reference}\tVersion 2\n`);
    expect(extractDocxText(buf, footer)).toBe(`${english.footer}\tpage  of \n`);
    const footerXml = unzipDocx(buf).get(footer)!.toString('utf8');
    expect(footerXml).toMatch(/PAGE<\/w:instrText>[\s\S]*NUMPAGES<\/w:instrText>/);
    const documentXml = unzipDocx(buf).get('word/document.xml')!.toString('utf8');
    expect(documentXml).toContain('<w:tblHeader/>');
    // Fixed-layout tables no wider than the text width (A4 less 2 × 20 mm), so Word wraps long identifiers in their cells.
    expect(documentXml).toContain('<w:tblLayout w:type="fixed"/>');
    for (const grid of documentXml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)) {
      const widths = [...grid[1]!.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
      expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(11906 - 2 * 1134);
    }
    expect(documentXml).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });

  it('renders a French outline with accents intact and "page X sur Y" in the footer', async () => {
    const buf = await renderDocx(french);
    const body = extractDocxText(buf);
    for (const expected of expectedTexts(french).filter((t) => t !== french.reference && t !== french.footer)) expect(squash(body), expected).toContain(squash(expected));
    for (const word of ['Françoise Lefèvre', 'République d’Exemplie', 'Partie B — Enquête', '≥ 1 an', 'Reçu l’accord', '« d’ici quelques jours »', 'Cachet officiel']) expect(body).toContain(word);
    expect(body).toContain(`Valeur vide\n${EMPTY_VALUE}\n`);
    const footer = [...unzipDocx(buf).keys()].find((p) => /^word\/footer\d+\.xml$/.test(p))!;
    expect(extractDocxText(buf, footer)).toBe(`${french.footer}\tpage  sur \n`);
  });

  it('is deterministic and dated outline.generatedAt, with the outline as metadata', async () => {
    const first = await renderDocx(english);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // zip times have a 2-second resolution
    expect((await renderDocx(structuredClone(english))).equals(first)).toBe(true);
    const core = unzipDocx(first).get('docProps/core.xml')!.toString('utf8');
    expect(core).toContain(`<dc:title>${english.title}</dc:title>`);
    expect(core).toContain(`<dc:subject>${english.subtitle}</dc:subject>`);
    expect(core).toContain('<dc:creator>Liaison</dc:creator>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-20T09:41:07Z</dcterms:created>');
    // Every zip entry is dated 2026-03-20 09:41:06 (DOS time counts seconds in twos).
    expect(first.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (3 << 5) | 20);
    expect(first.readUInt16LE(10)).toBe((9 << 11) | (41 << 5) | 3);
  });
});
