/**
 * Reads back the text of a PDF with pdfjs-dist, as a reader's viewer would extract it, so tests can
 * assert what a generated document says (and where it prints it) without comparing bytes.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One run of text on a page, in PDF points from the page's bottom-left corner. */
export interface PdfTextRun {
  text: string;
  x: number;
  y: number;
  width: number;
}

/** One page's text: lines joined with newlines, the runs it came from, and the page size. */
export interface PdfPageText {
  text: string;
  runs: PdfTextRun[];
  width: number;
  height: number;
}

/** The information dictionary (Title, Subject, Creator, CreationDate, …) as pdfjs reads it. */
export async function readPdfInfo(buf: Buffer | Uint8Array): Promise<Record<string, unknown>> {
  const task = getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  try {
    const { info } = await (await task.promise).getMetadata();
    return info as Record<string, unknown>;
  } finally {
    await task.destroy();
  }
}

/** Every page of the PDF, in order. */
export async function extractPdfPages(buf: Buffer | Uint8Array): Promise<PdfPageText[]> {
  const task = getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: PdfPageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      let text = '';
      const runs: PdfTextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
        if (item.str !== '') runs.push({ text: item.str, x: Number(item.transform[4]), y: Number(item.transform[5]), width: item.width });
      }
      pages.push({ text, runs, width: width ?? 0, height: height ?? 0 });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** The text of every page, pages separated by a form feed. */
export async function extractPdfText(buf: Buffer | Uint8Array): Promise<string> {
  return (await extractPdfPages(buf)).map((page) => page.text).join('\n\f\n');
}
