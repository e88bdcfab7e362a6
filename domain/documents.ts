/**
 * The language-neutral outline of a generated request document. Each request type
 * (domain/requests/<type>.ts) turns a request into an outline in English or French; the server's
 * renderers (server/modules/documents/render-pdf.ts, render-docx.ts) turn any outline into PDF or
 * DOCX. Keeping the two apart means one renderer serves every request type, and a template change
 * is a data change in the request type, not a layout change.
 */
export const DOCUMENT_LANGUAGES = ['en', 'fr'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** One numbered entry of a form, e.g. "5 Requesting authority" or "12(c) Data to be preserved". */
export interface OutlineItem {
  /** The number printed before the label, as in the T-CY templates ("1", "5", "12(c)"). */
  number: string;
  label: string;
  /** Paragraphs (a string) or a list (an array of strings). An empty value prints "—". */
  value: string | string[];
  /** The article that requires the item, printed small after the label (e.g. "Budapest Art. 29(2)(c)"). */
  source?: string;
}

export interface OutlineSection {
  heading: string;
  items: OutlineItem[];
}

/** The identifiers table: every row shows its time zone where the identifier has a time. */
export interface OutlineTable {
  heading: string;
  columns: string[];
  rows: string[][];
}

export interface DocumentOutline {
  language: DocumentLanguage;
  /** "Request for the expedited preservation of stored computer data". */
  title: string;
  /** The form it follows and the legal basis: "T-CY(2018)11 — Budapest Convention Arts. 29 and 30". */
  subtitle: string;
  /** Case and request references printed in the header of every page. */
  reference: string;
  /** Version of this document for the request (1, 2, …). */
  version: number;
  /** ISO 8601 UTC instant the document was generated. */
  generatedAt: string;
  /** Printed in the footer with the page number, e.g. the handling code. */
  footer: string;
  sections: OutlineSection[];
  identifiers: OutlineTable;
  /** Signature and validation block: who drafted, who validated (prosecutor/judge), when. */
  signature: OutlineSection;
}
