/**
 * Renders a DocumentOutline (domain/documents.ts) as an A4 Word document with docx 9, laid out like
 * the PDF (render-pdf.ts) so that a requested authority can edit or translate the request.
 *
 * Determinism: docx stamps docProps/core.xml with the current time and fflate stamps every zip
 * entry with it; nothing else varies (its numbering and relationship ids are counters). We replace
 * core.xml through Packer's documented `overrides` with one dated outline.generatedAt, and set the
 * zip entries' DOS date and time to the same instant, so the same outline always gives the same
 * bytes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeightRule,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  LevelFormat,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import type { DocumentOutline, OutlineItem, OutlineSection, OutlineTable } from '../../../domain/documents.ts';
import { EMPTY_VALUE, measureItem, prepareOutline, readGeneratedAt, readItemValue, fitColumns, wordsFor, type RendererWords } from './outline-layout.ts';

/** Twentieths of a point. A4 is 11906 × 16838. */
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN_X = 1134; // 20 mm
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const NUMBER_INDENT = 720; // the label and value start here; the number hangs in the margin before it

/** Arial is on every Windows and macOS machine (LibreOffice uses the metric-compatible Liberation Sans). */
const FONT = 'Arial';
const GREY = '555555';
const LIGHT_GREY = '8A8A8A';
const RULE = 'B4B9BF';
const HEADING_FILL = 'E9EDF1';
const ZEBRA_FILL = 'F7F8FA';

/** Items up to this many characters are kept on one page (label with value); longer ones flow. */
const KEEP_TOGETHER_CHARS = 700;

/** The value lists: a bullet under the label's first letter, the text just after it, as in the PDF. */
const BULLETS = 'value-list';

const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: RULE };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/** Renders the outline as a .docx; the same outline always gives the same bytes. */
export async function renderDocx(outline: DocumentOutline): Promise<Buffer> {
  const prepared = prepareOutline(outline);
  const generatedAt = readGeneratedAt(prepared);
  const zip = await Packer.toBuffer(buildDocxDocument(prepared), false, [{ path: 'docProps/core.xml', data: coreProperties(prepared, generatedAt) }]);
  return stampZipEntries(zip, generatedAt);
}

/** The docx Document for a prepared outline (prepareOutline). */
export function buildDocxDocument(outline: DocumentOutline): Document {
  const words = wordsFor(outline.language);
  const lang = outline.language === 'fr' ? 'fr-FR' : 'en-GB';
  return new Document({
    title: outline.title,
    subject: outline.subtitle,
    creator: 'Liaison',
    keywords: outline.reference,
    lastModifiedBy: 'Liaison',
    revision: outline.version,
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: NUMBER_INDENT + 260, hanging: 260 } } } }],
        },
      ],
    },
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 20, color: '1A1A1A', language: { value: lang } },
          paragraph: { spacing: { after: 0, line: 264 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT },
            margin: { top: 1300, bottom: 1150, left: MARGIN_X, right: MARGIN_X, header: 560, footer: 560 },
          },
        },
        headers: { default: buildHeader(outline, words) },
        footers: { default: buildFooter(outline, words) },
        children: [
          new Paragraph({ spacing: { after: 80, line: 300 }, keepNext: true, children: [new TextRun({ text: outline.title, bold: true, size: 32 })] }),
          new Paragraph({ spacing: { after: 120 }, keepNext: true, children: [new TextRun({ text: outline.subtitle, color: GREY })] }),
          ...outline.sections.flatMap(renderSection),
          ...renderIdentifiers(outline.identifiers),
          ...renderSignature(outline.signature, words),
        ],
      },
    ],
  });
}

function buildHeader(outline: DocumentOutline, words: RendererWords): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        border: { bottom: { ...THIN, space: 4 } },
        children: [new TextRun({ text: outline.reference, bold: true, size: 17 }), new TextRun({ children: [new Tab(), words.version(outline.version)], size: 17 })],
      }),
    ],
  });
}

/** Word fills the page fields when it opens or prints the document. */
function buildFooter(outline: DocumentOutline, words: RendererWords): Footer {
  const [before, between, after] = splitPageTemplate(words);
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        border: { top: { ...THIN, space: 4 } },
        children: [
          new TextRun({ text: outline.footer, size: 16, color: GREY }),
          new TextRun({ children: [new Tab(), before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after], size: 16, color: GREY }),
        ],
      }),
    ],
  });
}

/** "page X of Y" around its two numbers, from the same words as the PDF. */
function splitPageTemplate(words: RendererWords): [string, string, string] {
  const sample = words.page(1111, 2222);
  const first = sample.indexOf('1111');
  const second = sample.indexOf('2222');
  return [sample.slice(0, first), sample.slice(first + 4, second), sample.slice(second + 4)];
}

/** A shaded band; borders in the shading's colour give the text room inside the band. */
function renderHeading(heading: string): Paragraph {
  const pad = (space: number): IBorderOptions => ({ style: BorderStyle.SINGLE, size: 4, color: HEADING_FILL, space });
  return new Paragraph({
    keepNext: true,
    keepLines: true,
    spacing: { before: 300, after: 100 },
    shading: { type: ShadingType.CLEAR, fill: HEADING_FILL, color: 'auto' },
    border: { top: pad(3), bottom: pad(2), left: pad(5), right: pad(5) },
    indent: { left: 110, right: 110 },
    children: [new TextRun({ text: heading, bold: true, size: 23 })],
  });
}

function renderSection(section: OutlineSection): Paragraph[] {
  if (section.items.length === 0) return [renderHeading(section.heading), new Paragraph({ indent: { left: NUMBER_INDENT }, children: [new TextRun({ text: EMPTY_VALUE, color: GREY })] })];
  return [renderHeading(section.heading), ...section.items.flatMap((item) => renderItem(item))];
}

/**
 * "number ⇥ label  source", the number hanging before the indent, then the value's paragraphs or
 * list under the label. The label keeps with the value; a short item keeps all its lines together;
 * `keepWithNext` also keeps the item with whatever follows it.
 */
function renderItem(item: OutlineItem, keepWithNext = false): Paragraph[] {
  const short = measureItem(item) <= KEEP_TOGETHER_CHARS;
  const label = new Paragraph({
    keepNext: true,
    keepLines: true,
    spacing: { before: 120, after: 40 },
    indent: { left: NUMBER_INDENT, hanging: NUMBER_INDENT },
    tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
    children: [
      new TextRun({ text: item.number, bold: true }),
      new TextRun({ children: [new Tab(), item.label], bold: true }),
      ...(item.source ? [new TextRun({ text: `   ${item.source}`, size: 15, color: LIGHT_GREY })] : []),
    ],
  });
  return [label, ...renderValue(item.value, short, keepWithNext)];
}

function renderValue(value: OutlineItem['value'], keepTogether: boolean, keepWithNext: boolean): Paragraph[] {
  const read = readItemValue(value);
  switch (read.kind) {
    case 'empty':
      return [new Paragraph({ indent: { left: NUMBER_INDENT }, keepNext: keepWithNext, children: [new TextRun({ text: EMPTY_VALUE, color: GREY })] })];
    case 'list':
      return read.entries.map(
        (entry, i) =>
          new Paragraph({
            numbering: { reference: BULLETS, level: 0 },
            keepLines: true,
            keepNext: keepWithNext || (keepTogether && i < read.entries.length - 1),
            spacing: { after: 20 },
            children: [new TextRun(entry)],
          }),
      );
    case 'paragraphs':
      return read.paragraphs.map(
        (lines, i) =>
          new Paragraph({
            indent: { left: NUMBER_INDENT },
            keepLines: keepTogether,
            keepNext: keepWithNext || (keepTogether && i < read.paragraphs.length - 1),
            spacing: { before: i === 0 ? 0 : 80 },
            children: lines.map((line, l): ParagraphChild => new TextRun({ text: line, break: l === 0 ? 0 : 1 })),
          }),
      );
  }
}

/**
 * The identifiers table: header row repeated on every page (tableHeader), rows never split
 * (cantSplit), fixed column widths from the content so Word wraps a long onion or IPv6 address
 * inside its cell instead of widening the table past the margin.
 */
function renderIdentifiers(table: OutlineTable): (Paragraph | Table)[] {
  const heading = renderHeading(table.heading);
  const { columns } = table;
  if (columns.length === 0 || table.rows.length === 0) return [heading, new Paragraph({ indent: { left: NUMBER_INDENT }, children: [new TextRun({ text: EMPTY_VALUE, color: GREY })] })];
  // Each column: 160 twips of cell margins plus its share of the text width (capacity in characters of 8.5 pt text).
  const textWidth = CONTENT_WIDTH - columns.length * 160;
  const widths = fitColumns(columns, table.rows, textWidth / 20 / (8.5 * 0.55)).map((share) => 160 + Math.floor(textWidth * share));
  const cell = (text: string, width: number, options: { bold?: boolean; fill?: string }): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { top: 50, bottom: 40, left: 80, right: 80 },
      ...(options.fill ? { shading: { type: ShadingType.CLEAR, fill: options.fill, color: 'auto' } } : {}),
      children: [new Paragraph({ keepNext: options.bold === true, children: [new TextRun({ text, size: 17, bold: options.bold === true })] })],
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c, widths[i]!, { bold: true, fill: HEADING_FILL })) });
  const rows = table.rows.map(
    (row, r) => new TableRow({ cantSplit: true, children: columns.map((_, c) => cell(row[c] ?? '', widths[c]!, r % 2 === 1 ? { fill: ZEBRA_FILL } : {})) }),
  );
  return [
    heading,
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
      rows: [header, ...rows],
    }),
  ];
}

/** The signature block: its items, then two boxes for the signature and the official stamp, kept together. */
function renderSignature(signature: OutlineSection, words: RendererWords): (Paragraph | Table)[] {
  // Short signature items stay on the page of the boxes that follow them.
  const keep = signature.items.reduce((sum, item) => sum + measureItem(item), 0) <= 3 * KEEP_TOGETHER_CHARS;
  const items = signature.items.flatMap((item) => renderItem(item, keep));
  const half = Math.floor((CONTENT_WIDTH - 360) / 2);
  const box = (caption: string): TableCell =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
      margins: { top: 60, left: 100, right: 100 },
      children: [new Paragraph({ children: [new TextRun({ text: caption, size: 16, color: GREY })] })],
    });
  const gap = new TableCell({ width: { size: 360, type: WidthType.DXA }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children: [new Paragraph('')] });
  return [
    renderHeading(signature.heading),
    ...items,
    new Paragraph({ keepNext: true, spacing: { after: 200 }, children: [] }),
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: [half, 360, half],
      layout: TableLayoutType.FIXED,
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
      rows: [new TableRow({ cantSplit: true, height: { value: 1920, rule: HeightRule.ATLEAST }, children: [box(words.signature), gap, box(words.stamp)] })],
    }),
  ];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** docProps/core.xml dated outline.generatedAt (docx would date it now). */
function coreProperties(outline: DocumentOutline, generatedAt: Date): string {
  const when = generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(outline.title)}</dc:title>` +
    `<dc:subject>${escapeXml(outline.subtitle)}</dc:subject>` +
    '<dc:creator>Liaison</dc:creator>' +
    `<cp:keywords>${escapeXml(outline.reference)}</cp:keywords>` +
    `<dc:language>${outline.language}</dc:language>` +
    '<cp:lastModifiedBy>Liaison</cp:lastModifiedBy>' +
    `<cp:revision>${outline.version}</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Sets the DOS date and time of every entry of a zip file (local header and central directory) to
 * `date` in UTC. Only these header fields change; the data and CRCs stay as written.
 */
export function stampZipEntries(zip: Buffer, date: Date): Buffer {
  const out = Buffer.from(zip);
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  let end = out.length - 22;
  while (end >= 0 && out.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('not a zip file: bad central directory entry');
    out.writeUInt16LE(dosTime, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('not a zip file: bad local header');
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
