/**
 * Document rendering latency: `renderPdf` and `renderDocx` (server/modules/documents) on a realistic
 * request outline (the English sample of server/modules/documents/sample-outlines.ts grown to 43
 * items with 10 identifiers: about 3 A4 pages), BENCH_DOC_RUNS (default 100) renders each after 10
 * warm-ups, one at a time, median and p95. Baseline in the same run: the same renderers on a
 * one-item outline with one identifier (the fixed cost of a document: fonts, header, footer, zip).
 * Target: PDF median ≤ 50 ms.
 * Run: npm run bench, or npx tsx bench/documents.bench.ts
 */
import type { DocumentOutline } from '../domain/documents.ts';
import { renderDocx } from '../server/modules/documents/render-docx.ts';
import { renderPdf } from '../server/modules/documents/render-pdf.ts';
import { buildSampleOutline } from '../server/modules/documents/sample-outlines.ts';

const TARGET_PDF_MEDIAN_MS = 50;
const RUNS = Number(process.env.BENCH_DOC_RUNS ?? 100);
const WARM_UPS = 10;

interface Timing {
  median: number;
  p95: number;
  /** Mean CPU time of this process per render: less sensitive than wall time to other work on a shared machine. */
  cpu: number;
  bytes: number;
}

/** Renders `runs` times after the warm-ups; returns median and p95 in ms and the output size. */
async function time(render: (outline: DocumentOutline) => Promise<Buffer>, outline: DocumentOutline, runs: number): Promise<Timing> {
  let bytes = 0;
  for (let i = 0; i < WARM_UPS; i++) bytes = (await render(outline)).length;
  const ms: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await render(outline);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const cpu = process.cpuUsage(cpuStart);
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), cpu: (cpu.user + cpu.system) / 1000 / runs, bytes };
}

/** Prints the figures; returns true when the PDF target is met. */
export async function benchDocuments(): Promise<boolean> {
  const outline = buildSampleOutline({ language: 'en', items: 40, identifiers: 10 });
  const items = outline.sections.reduce((n, s) => n + s.items.length, 0) + outline.signature.items.length;
  const one: DocumentOutline = { ...outline, sections: [{ heading: 'Part A', items: [outline.sections[0]!.items[0]!] }], identifiers: { ...outline.identifiers, rows: outline.identifiers.rows.slice(0, 1) }, signature: { ...outline.signature, items: [] } };

  const pdfBase = await time(renderPdf, one, RUNS);
  const pdf = await time(renderPdf, outline, RUNS);
  const docxBase = await time(renderDocx, one, RUNS);
  const docx = await time(renderDocx, outline, RUNS);

  const fmt = (t: Timing) => `median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (CPU ${t.cpu.toFixed(1)} ms), ${Math.round(t.bytes / 1024)} KiB`;
  const ok = pdf.median <= TARGET_PDF_MEDIAN_MS;
  console.log(
    `documents (${items} items, ${outline.identifiers.rows.length} identifiers, ${RUNS} renders each after ${WARM_UPS} warm-ups): ` +
      `PDF ${fmt(pdf)} · DOCX ${fmt(docx)}` +
      ` · baseline one-item document: PDF ${fmt(pdfBase)}, DOCX ${fmt(docxBase)}` +
      ` · ${ok ? 'PASS' : 'FAIL'} (target PDF median ≤ ${TARGET_PDF_MEDIAN_MS} ms)`,
  );
  return ok;
}

if (process.argv[1]?.endsWith('documents.bench.ts')) {
  const ok = await benchDocuments();
  if (!ok && process.env.BENCH_STRICT) process.exitCode = 1;
}
