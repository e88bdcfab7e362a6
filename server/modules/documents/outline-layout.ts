/**
 * What the PDF and DOCX renderers share: the few words they print themselves (in the outline's
 * language), how an item's value becomes paragraphs or a list, how the identifiers table shares the
 * page width between its columns, and the outline's digest. Keeping these here means both formats
 * say the same thing in the same way; only the drawing differs.
 */
import { createHash } from 'node:crypto';
import type { DocumentLanguage, DocumentOutline, OutlineItem } from '../../../domain/documents.ts';

/** Printed for an empty value, so a reader sees the item was left blank on purpose. */
export const EMPTY_VALUE = '—';

/** The words the renderers add to an outline, per language. */
export interface RendererWords {
  version: (n: number) => string;
  page: (current: number, total: number) => string;
  signature: string;
  stamp: string;
}

const WORDS: Record<DocumentLanguage, RendererWords> = {
  en: {
    version: (n) => `Version ${n}`,
    page: (current, total) => `page ${current} of ${total}`,
    signature: 'Signature',
    stamp: 'Official stamp',
  },
  fr: {
    version: (n) => `Version ${n}`,
    page: (current, total) => `page ${current} sur ${total}`,
    signature: 'Signature',
    stamp: 'Cachet officiel',
  },
};

/** The renderer's own words in the outline's language. */
export function wordsFor(language: DocumentLanguage): RendererWords {
  return WORDS[language];
}

/**
 * An item's value as the renderers draw it: paragraphs (each a list of lines kept together), a
 * bulleted list, or the empty mark. A blank line separates paragraphs; a single newline is a line
 * break inside one (an address, a list of times typed one per line).
 */
export type ItemValue = { kind: 'paragraphs'; paragraphs: string[][] } | { kind: 'list'; entries: string[] } | { kind: 'empty' };

/** Normalises an item's value (trims, drops blank entries, splits paragraphs and lines). */
export function readItemValue(value: OutlineItem['value']): ItemValue {
  if (Array.isArray(value)) {
    const entries = value.map((entry) => entry.trim()).filter((entry) => entry !== '');
    return entries.length > 0 ? { kind: 'list', entries } : { kind: 'empty' };
  }
  const paragraphs = value
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
  return paragraphs.length > 0 ? { kind: 'paragraphs', paragraphs } : { kind: 'empty' };
}

/** Number of characters of the value, to decide whether an item is short enough to keep on one page. */
export function measureItem(item: OutlineItem): number {
  const value = Array.isArray(item.value) ? item.value.join('\n') : item.value;
  return item.label.length + value.length + (Array.isArray(item.value) ? item.value.length * 40 : 0);
}

/**
 * Widths of the identifiers table's columns, as fractions of the table's width, for a table about
 * `capacity` characters wide: the widths that make the table shortest. Every column starts at its
 * longest word (at most 12 characters: a longer word, such as an onion address, is broken inside
 * its cell anyway); then width goes, 1 to 16 characters at a time, to the column where it saves the
 * most lines per character over the whole table (header included), estimated by wrapping each
 * cell's words. Computed from text lengths only, so the PDF and the DOCX share it; well under a
 * millisecond for 30 rows.
 */
export function fitColumns(columns: string[], rows: string[][], capacity: number): number[] {
  const n = columns.length;
  const cells = [columns, ...rows].map((row) => columns.map((_, c) => splitWords(row[c] ?? '')));
  const widths = columns.map((_, c) => Math.max(4, Math.min(12, Math.max(...cells.map((row) => Math.max(0, ...row[c]!))))));
  const natural = columns.map((_, c) => Math.max(...cells.map((row) => row[c]!.reduce((sum, w) => sum + w + 1, -1))));
  // Lines of every cell of column c at width w, computed once per (c, w).
  const memo = new Map<number, number[]>();
  const linesAt = (c: number, w: number): number[] => {
    const key = c * 4096 + Math.round(w);
    let lines = memo.get(key);
    if (!lines) memo.set(key, (lines = cells.map((row) => countLines(row[c]!, w))));
    return lines;
  };
  let spare = capacity - widths.reduce((sum, w) => sum + w, 0);
  const rowCount = cells.length;
  while (spare >= 1) {
    const current = columns.map((_, c) => linesAt(c, widths[c]!));
    // Each row's height (its tallest cell) and the runner-up, to know a row's height without column c.
    const first = new Array<number>(rowCount).fill(1);
    const second = new Array<number>(rowCount).fill(1);
    for (let r = 0; r < rowCount; r++) {
      for (let c = 0; c < n; c++) {
        const lines = current[c]![r]!;
        if (lines > first[r]!) [first[r], second[r]] = [lines, first[r]!];
        else if (lines > second[r]!) second[r] = lines;
      }
    }
    let best = { perChar: 0, column: -1, step: 0 };
    for (let c = 0; c < n; c++) {
      const now = current[c]!;
      for (let step = 1; step <= 16 && step <= spare; step++) {
        const wider = linesAt(c, widths[c]! + step);
        let gain = 0;
        for (let r = 0; r < rowCount; r++) {
          if (now[r]! < first[r]!) continue;
          gain += first[r]! - Math.max(second[r]!, wider[r]!);
        }
        if (gain / step > best.perChar) best = { perChar: gain / step, column: c, step };
      }
    }
    if (best.column < 0) break;
    widths[best.column]! += best.step;
    spare -= best.step;
  }
  if (spare > 0) {
    // No width saves a line any more: share the rest with the columns whose text is still wrapped.
    const lacking = widths.map((w, c) => Math.max(0, natural[c]! - w));
    const lack = lacking.reduce((sum, l) => sum + l, 0);
    for (let c = 0; c < n; c++) widths[c]! += lack > 0 ? (spare * lacking[c]!) / lack : spare / n;
  }
  const total = widths.reduce((sum, w) => sum + w, 0);
  return widths.map((w) => w / total);
}

/** Lengths of a cell's words: split at spaces and after a slash, where the renderers may break a line. */
function splitWords(text: string): number[] {
  return text
    .split(/\s+|(?<=\/)/)
    .filter((word) => word !== '')
    .map((word) => word.length);
}

/** Lines a cell takes at `width` characters: words wrap, a word longer than a line is broken. */
function countLines(words: number[], width: number): number {
  let lines = 1;
  let used = 0;
  for (let word of words) {
    if (used > 0 && used + 1 + word <= width) {
      used += 1 + word;
      continue;
    }
    if (used > 0) lines++;
    while (word > width) {
      lines++;
      word -= width;
    }
    used = word;
  }
  return lines;
}

/**
 * SHA-256 of the outline's canonical JSON. Written into the PDF's information dictionary, it makes
 * the file identifier change with the content (pdfkit derives /ID from the information dictionary)
 * and lets a reader tie a printout to the outline Liaison stored.
 */
export function digestOutline(outline: DocumentOutline): string {
  return createHash('sha256').update(canonicalJson(outline)).digest('hex');
}

/** JSON with object keys sorted, so the digest does not depend on the order fields were set in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** outline.generatedAt as a Date; throws on a malformed instant rather than printing a wrong date. */
export function readGeneratedAt(outline: DocumentOutline): Date {
  const date = new Date(outline.generatedAt);
  if (Number.isNaN(date.getTime())) throw new Error(`DocumentOutline.generatedAt is not an ISO 8601 instant: ${outline.generatedAt}`);
  return date;
}

/** Control characters (but newline) and what XML 1.0 cannot hold: a .docx with them does not open. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0009\u000B-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The outline as the renderers print it: tabs and other control characters become spaces, and a
 * table row longer than the header is refused (printing it would silently drop an identifier).
 */
export function prepareOutline(outline: DocumentOutline): DocumentOutline {
  const { columns, rows } = outline.identifiers;
  rows.forEach((row, r) => {
    if (row.length > columns.length) throw new Error(`DocumentOutline.identifiers.rows[${r}] has ${row.length} cells for ${columns.length} columns`);
  });
  readGeneratedAt(outline);
  const clean = (text: string) => text.replace(UNPRINTABLE, ' ');
  const cleanItem = (item: OutlineItem): OutlineItem => ({
    ...item,
    number: clean(item.number),
    label: clean(item.label),
    value: Array.isArray(item.value) ? item.value.map(clean) : clean(item.value),
    ...(item.source === undefined ? {} : { source: clean(item.source) }),
  });
  return {
    ...outline,
    title: clean(outline.title),
    subtitle: clean(outline.subtitle),
    reference: clean(outline.reference),
    footer: clean(outline.footer),
    sections: outline.sections.map((section) => ({ heading: clean(section.heading), items: section.items.map(cleanItem) })),
    identifiers: { heading: clean(outline.identifiers.heading), columns: columns.map(clean), rows: rows.map((row) => row.map(clean)) },
    signature: { heading: clean(outline.signature.heading), items: outline.signature.items.map(cleanItem) },
  };
}
