/**
 * Renders a DocumentOutline (domain/documents.ts) as an A4 PDF with pdfmake 0.3 on Node.
 *
 * Fonts: the Roboto TTFs shipped inside the pdfmake package, read once into pdfmake's virtual file
 * system on first use; nothing is fetched or read from disk afterwards, and URL and local-file
 * access are denied so an outline can never make the renderer load anything. Their OpenType layout
 * tables (GSUB, GPOS, GDEF) are hidden from fontkit: pdfkit re-parses each font for every document
 * and shapes every distinct word through them, which took about 6 ms per font and 50 µs per word;
 * without them a font opens in under 1 ms and a word lays out in about 5 µs, and a 40-item request
 * renders in half the time (≈ 100 → 50 ms). The price is Roboto’s kerning and its ligatures, hardly
 * visible at this size in a form; every character still maps to its glyph through the cmap, so
 * accents, ’, — and ≥ print as before.
 *
 * Parsed fonts are shared between documents (shareParsedFonts below): pdfmake would open each
 * font again, and lay out each word again, for every document (≈ 15 % more CPU).
 *
 * Determinism: pdfkit (under pdfmake) dates the file and derives its /ID from the information
 * dictionary. We set CreationDate and ModDate from outline.generatedAt and add the outline's SHA-256
 * to that dictionary, so the same outline always gives the same bytes and a different outline a
 * different /ID. Font subset tags are derived from font ids, not random.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Content, ContentColumns, CustomTableLayout, TDocumentDefinitions, TDocumentInformation, TableCell } from 'pdfmake/interfaces.js';
import type { DocumentOutline, OutlineItem, OutlineSection, OutlineTable } from '../../../domain/documents.ts';
import { EMPTY_VALUE, digestOutline, measureItem, prepareOutline, readGeneratedAt, readItemValue, fitColumns, wordsFor, type RendererWords } from './outline-layout.ts';

/** pdfmake's virtual file system: present on the Node build, absent from @types/pdfmake. */
interface PdfmakeVirtualFs {
  writeFileSync(name: string, content: Buffer): void;
  existsSync(name: string): boolean;
  readFileSync(name: string): Buffer;
}

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

/** A4 in points; margins leave room for the header and footer drawn in them. */
const PAGE_WIDTH = 595.28;
const MARGIN_X = 56;
const MARGIN_TOP = 66;
const MARGIN_BOTTOM = 58;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const NUMBER_WIDTH = 36;
const TABLE_FONT_SIZE = 8.5;

/** Items up to this many characters are kept on one page (label with value); longer ones flow. */
const KEEP_TOGETHER_CHARS = 700;

const GREY = '#555555';
const LIGHT_GREY = '#8a8a8a';
const RULE = '#b4b9bf';
const HEADING_FILL = '#e9edf1';

let fontsReady = false;

/** Loads the shipped Roboto TTFs once and closes the renderer to URLs and local files. */
function prepareFonts(): void {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  const dir = require.resolve('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf').replace(/Roboto-Regular\.ttf$/, '');
  const vfs = (pdfmake as unknown as { virtualfs: PdfmakeVirtualFs }).virtualfs;
  for (const file of Object.values(FONT_FILES)) vfs.writeFileSync(file, slimFont(fs.readFileSync(dir + file)));
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  shareParsedFonts(vfs);
  fontsReady = true;
}

/** What shareParsedFonts uses of pdfmake's PDFDocument (a pdfkit document) and pdfkit's EmbeddedFont. */
interface PdfkitEmbeddedFont {
  name?: string;
  font: object;
  layoutCache?: Record<string, unknown>;
}
interface PdfmakeDocument {
  fonts: Record<string, Partial<Record<string, unknown>>>;
  fontCache: Record<string, Record<string, PdfkitEmbeddedFont>>;
  _fontCount: number;
  _fontFamilies: Record<string, PdfkitEmbeddedFont>;
  getFontType(bold: boolean, italics: boolean): string;
  font(src: Buffer): { _font: PdfkitEmbeddedFont };
}
type ProvideFont = (this: PdfmakeDocument, family: string, bold: boolean, italics: boolean) => PdfkitEmbeddedFont;

/** Documents after which the shared word layouts are dropped, so they never grow without bound. */
const LAYOUT_CACHE_DOCUMENTS = 200;

/**
 * Makes every document reuse the fontkit font that the first one parsed, and its cache of laid-out
 * words, instead of parsing the TTF and shaping each word again (pdfkit's EmbeddedFont keeps both
 * per document): about 15 % less CPU per request document, with byte-identical output (each
 * document still gets its own EmbeddedFont, hence its own glyph subset, from the shared font).
 * This replaces pdfmake's PDFDocument.provideFont and relies on pdfkit internals (the EmbeddedFont
 * constructor, _fontFamilies, _fontCount); if they are not as expected it falls back to pdfmake's
 * own method, so a pdfmake or pdfkit upgrade can only make rendering slower, not wrong.
 */
function shareParsedFonts(vfs: PdfmakeVirtualFs): void {
  const require = createRequire(import.meta.url);
  const documentClass = (require('pdfmake/js/PDFDocument.js') as { default?: { prototype: { provideFont?: ProvideFont } } }).default;
  const original = documentClass?.prototype.provideFont;
  if (!documentClass || typeof original !== 'function') return;
  const shared = new Map<string, { font: object; layoutCache: Record<string, unknown>; make: new (doc: PdfmakeDocument, font: object, id: string) => PdfkitEmbeddedFont; uses: number }>();
  let broken = false;
  documentClass.prototype.provideFont = function provideFont(this: PdfmakeDocument, family: string, bold: boolean, italics: boolean): PdfkitEmbeddedFont {
    const type = this.getFontType(bold, italics);
    const cached = this.fontCache?.[family]?.[type];
    const file = this.fonts?.[family]?.[type];
    if (broken || cached || typeof file !== 'string' || !vfs.existsSync(file) || typeof this._fontCount !== 'number' || typeof this._fontFamilies !== 'object') return original.call(this, family, bold, italics);
    const key = `${family}/${type}`;
    let entry = shared.get(key);
    let embedded: PdfkitEmbeddedFont;
    if (!entry) {
      embedded = this.font(vfs.readFileSync(file))._font;
      if (typeof embedded.constructor !== 'function' || typeof embedded.font !== 'object' || typeof embedded.layoutCache !== 'object') broken = true;
      else shared.set(key, { font: embedded.font, layoutCache: embedded.layoutCache, make: embedded.constructor as never, uses: 1 });
    } else {
      if (++entry.uses > LAYOUT_CACHE_DOCUMENTS) entry = Object.assign(entry, { layoutCache: Object.create(null) as Record<string, unknown>, uses: 1 });
      const id = `F${++this._fontCount}`;
      embedded = new entry.make(this, entry.font, id);
      embedded.layoutCache = entry.layoutCache;
      // Registered as pdfkit's font() registers it, so that the document embeds its subset at the end.
      this._fontFamilies[embedded.name && !this._fontFamilies[embedded.name] ? embedded.name : id] = embedded;
    }
    (this.fontCache[family] ??= {})[type] = embedded;
    return embedded;
  };
}

/**
 * A copy of a TrueType font that fontkit opens and lays out faster, changed only where fontkit
 * reads it and pdfkit's embedded subset (head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm)
 * never copies from:
 * - the GSUB, GPOS and GDEF entries of the table directory are renamed (lower-cased), so text is
 *   laid out from the cmap and advance widths alone (see above);
 * - the post table is marked version 3 (no glyph names): pdfkit reads only its header (italic
 *   angle, fixed pitch), but fontkit decoded the names of all 1,294 glyphs for every document,
 *   about 2 ms per font.
 */
function slimFont(ttf: Buffer): Buffer {
  const font = Buffer.from(ttf);
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const at = 12 + 16 * i;
    const tag = font.toString('latin1', at, at + 4);
    if (tag === 'GSUB' || tag === 'GPOS' || tag === 'GDEF') font.write(tag.toLowerCase(), at, 'latin1');
    if (tag === 'post') font.writeUInt32BE(0x00030000, font.readUInt32BE(at + 8));
  }
  return font;
}

/** Renders the outline as a PDF; the same outline always gives the same bytes. */
export async function renderPdf(outline: DocumentOutline): Promise<Buffer> {
  prepareFonts();
  return pdfmake.createPdf(buildPdfDefinition(prepareOutline(outline), digestOutline(outline))).getBuffer();
}

/** The pdfmake document definition for a prepared outline (prepareOutline) and the original's digest. */
export function buildPdfDefinition(outline: DocumentOutline, digest: string): TDocumentDefinitions {
  const words = wordsFor(outline.language);
  const generatedAt = readGeneratedAt(outline);
  const info: TDocumentInformation & { LiaisonOutlineSha256: string } = {
    title: outline.title,
    subject: outline.subtitle,
    keywords: outline.reference,
    creator: 'Liaison',
    producer: 'Liaison',
    creationDate: generatedAt,
    modDate: generatedAt,
    LiaisonOutlineSha256: digest,
  };
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN_X, MARGIN_TOP, MARGIN_X, MARGIN_BOTTOM],
    language: outline.language,
    info,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1a1a1a' },
    header: () => ({
      margin: [MARGIN_X, 28, MARGIN_X, 0],
      stack: [
        {
          columns: [
            { text: outline.reference, bold: true, fontSize: 8.5, width: '*' },
            { text: words.version(outline.version), fontSize: 8.5, width: 'auto', alignment: 'right', margin: [12, 0, 0, 0] },
          ],
        },
        rule(4),
      ],
    }),
    footer: (currentPage, pageCount) => ({
      margin: [MARGIN_X, 18, MARGIN_X, 0],
      stack: [
        rule(0),
        {
          margin: [0, 4, 0, 0],
          columns: [
            { text: outline.footer, fontSize: 8, color: GREY, width: '*' },
            { text: words.page(currentPage, pageCount), fontSize: 8, color: GREY, width: 'auto', alignment: 'right', margin: [12, 0, 0, 0] },
          ],
        },
      ],
    }),
    content: [
      { text: outline.title, fontSize: 16, bold: true, lineHeight: 1.1, margin: [0, 0, 0, 4] },
      { text: outline.subtitle, fontSize: 10, color: GREY, margin: [0, 0, 0, 8] },
      ...outline.sections.map(renderSection),
      renderIdentifiers(outline.identifiers),
      renderSignature(outline.signature, words),
    ],
  };
}

function rule(marginTop: number): Content {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: RULE }], margin: [0, marginTop, 0, 0] };
}

function renderHeading(heading: string): Content {
  return {
    table: { widths: ['*'], body: [[{ text: heading, bold: true, fontSize: 11.5, fillColor: HEADING_FILL }]] },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 6, paddingRight: () => 6, paddingTop: () => 4, paddingBottom: () => 3 },
    margin: [0, 14, 0, 4],
  };
}

/** A section; its heading stays on the page of its first item when that item is short. */
function renderSection(section: OutlineSection): Content {
  const [first, ...rest] = section.items;
  const heading = renderHeading(section.heading);
  if (!first) return { stack: [heading, { text: EMPTY_VALUE, margin: [NUMBER_WIDTH, 4, 0, 0] }], unbreakable: true };
  const firstItem = renderItem(first);
  const opening: Content = measureItem(first) <= KEEP_TOGETHER_CHARS ? { stack: [heading, firstItem], unbreakable: true } : { stack: [heading, firstItem] };
  return { stack: [opening, ...rest.map(renderItem)] };
}

/** "number  label  source" in a hanging-indent row, then the value under the label. */
function renderItem(item: OutlineItem): Content {
  const label: Content = {
    text: [{ text: item.label, bold: true }, ...(item.source ? [{ text: `   ${item.source}`, fontSize: 7.5, color: LIGHT_GREY, bold: false }] : [])],
    margin: [0, 0, 0, 2],
  };
  const row: ContentColumns = {
    columns: [
      { text: item.number, bold: true, width: NUMBER_WIDTH },
      { width: '*', stack: [label, renderValue(item.value)] },
    ],
    columnGap: 0,
    margin: [0, 6, 0, 0],
  };
  return measureItem(item) <= KEEP_TOGETHER_CHARS ? { stack: [row], unbreakable: true } : row;
}

function renderValue(value: OutlineItem['value']): Content {
  const read = readItemValue(value);
  switch (read.kind) {
    case 'empty':
      return { text: EMPTY_VALUE, color: GREY };
    case 'list':
      return { ul: read.entries.map((entry) => ({ text: entry, margin: [0, 0, 0, 1] })), margin: [2, 0, 0, 0] };
    case 'paragraphs':
      return { stack: read.paragraphs.map((lines, i) => ({ text: lines.join('\n'), margin: [0, i === 0 ? 0 : 4, 0, 0] })) };
  }
}

const IDENTIFIERS_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  fillColor: (row) => (row <= 1 ? HEADING_FILL : row % 2 === 1 ? '#f7f8fa' : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 2,
};

/**
 * The identifiers table: its heading and header row repeated on every page it spans (the heading
 * is the first header row, so it never ends a page alone), rows never split across pages, column
 * widths from the content; pdfmake breaks a word wider than its column (an onion address, an IPv6
 * address) inside the cell instead of letting it overflow.
 */
function renderIdentifiers(table: OutlineTable): Content {
  const { columns } = table;
  if (columns.length === 0 || table.rows.length === 0) {
    return { stack: [renderHeading(table.heading), { text: EMPTY_VALUE, color: GREY, margin: [NUMBER_WIDTH, 4, 0, 0] }], unbreakable: true };
  }
  // Table width = column widths + 8 pt padding and 0.5 pt rule per column, + 0.5 pt closing rule.
  const available = CONTENT_WIDTH - columns.length * 8.5 - 0.5;
  const widths = fitColumns(columns, table.rows, available / (TABLE_FONT_SIZE * 0.55)).map((share) => Math.floor(available * share));
  const noBorder: [boolean, boolean, boolean, boolean] = [false, false, false, true];
  const heading: TableCell[] = columns.map((_, c): TableCell => (c === 0 ? { text: table.heading, colSpan: columns.length, bold: true, fontSize: 11.5, border: noBorder, margin: [2, 1, 0, 0] } : { text: '', border: noBorder }));
  const header: TableCell[] = columns.map((c): TableCell => ({ text: c, bold: true, fontSize: TABLE_FONT_SIZE }));
  const rows = table.rows.map((row) => columns.map((_, c): TableCell => ({ text: row[c] ?? '', fontSize: TABLE_FONT_SIZE })));
  return {
    table: { headerRows: 2, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [heading, header, ...rows] },
    layout: IDENTIFIERS_LAYOUT,
    margin: [0, 14, 0, 0],
  };
}

/** The signature block: its items, then two boxes for the signature and the official stamp. */
function renderSignature(signature: OutlineSection, words: RendererWords): Content {
  const box = (caption: string): Content => ({
    table: { widths: ['*'], heights: [96], body: [[{ text: caption, fontSize: 8, color: GREY }]] },
    layout: { hLineWidth: () => 0.75, vLineWidth: () => 0.75, hLineColor: () => RULE, vLineColor: () => RULE },
  });
  const boxes: Content = { columns: [box(words.signature), box(words.stamp)], columnGap: 24, margin: [0, 14, 0, 0] };
  const items = signature.items.map(renderItem);
  const short = signature.items.reduce((sum, item) => sum + measureItem(item), 0) <= 3 * KEEP_TOGETHER_CHARS;
  if (short) return { stack: [renderHeading(signature.heading), ...items, boxes], unbreakable: true, margin: [0, 8, 0, 0] };
  return { stack: [renderHeading(signature.heading), ...items, { stack: [boxes], unbreakable: true }], margin: [0, 8, 0, 0] };
}
