/**
 * The request list under load, and request documents. For each database — PGlite in a temporary
 * directory, and PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server (a fresh
 * database is created there and dropped afterwards) — bench/requests/generate.ts loads 1,000,000
 * requests over 100,000 cases; the app (server/app.ts, as `npm start` builds it) listens on
 * 127.0.0.1 and autocannon (in a worker thread, 50 connections, 20 s) drives over real HTTP:
 * - the baseline: GET /bench/trivial, a route added here that answers {ok:true} (same app, same
 *   hooks and headers, no authentication and no database); and, to show where the time goes,
 *   GET /bench/authenticated, which only authenticates the API token as every API route does;
 * - GET /api/v1/requests?status=sent&status=acknowledged&dueBefore=<now + 14 days>&limit=50&offset=…
 *   with the benchmark user's API token (need-to-know: 2 % of the cases), offsets 0–950 in turn.
 * Then the PDF and the DOCX of one generated request (a complete body), rendered as
 * POST /api/v1/requests/:id/documents renders them: median and p95 of BENCH_DOC_RUNS (100) after
 * 10 warm-ups; baseline: a one-item document (the fixed cost of any document).
 * Targets (issue): list ≥ 30 % of the trivial route's req/s with p99 ≤ 50 ms on PostgreSQL (PGlite
 * serves one query at a time: reported only); PDF median ≤ 50 ms.
 * Run: npm run bench, or npx tsx bench/requests.bench.ts. Env: BENCH_DURATION (20 s),
 * BENCH_CONNECTIONS (50), BENCH_CASES (100000), BENCH_REQUESTS (1000000), BENCH_DOC_RUNS (100),
 * BENCH_REQUESTS_DB (pglite,postgres: which engines to run).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { DocumentOutline } from '../domain/documents.ts';
import { getRequestDefinition } from '../domain/requests/index.ts';
import { buildApp } from '../server/app.ts';
import { openPglite, openPostgres, type Database } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Deps } from '../server/deps.ts';
import { authenticateApiToken } from '../server/modules/auth/auth.service.ts';
import { findCase } from '../server/modules/cases/cases.store.ts';
import { renderDocx } from '../server/modules/documents/render-docx.ts';
import { renderPdf } from '../server/modules/documents/render-pdf.ts';
import { findRequestById, searchRequests } from '../server/modules/requests/requests.store.ts';
import { benchDeps, benchSizes, generateRequestData, type Generated } from './requests/generate.ts';

const TARGET_RATIO = 0.3;
const TARGET_P99_MS = 50;
const TARGET_PDF_MEDIAN_MS = 50;
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DOC_RUNS = Number(process.env.BENCH_DOC_RUNS ?? 100);
const DOC_WARM_UPS = 10;
const PAGE = 50;
const PAGES = 20;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

interface Load {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

/** autocannon in a worker thread (its own event loop, so the load generator does not share the server's). */
async function load(url: string, options: { headers?: Record<string, string>; paths?: string[]; seconds: number }): Promise<Load> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.seconds,
    workers: 1,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.paths ? { requests: options.paths.map((p) => ({ method: 'GET' as const, path: p })) } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** Prints the list figures for one database; returns true when the targets are met (always on PGlite). */
export async function benchRequestList(db: Database, label: string, generated?: (g: Generated, deps: Deps) => Promise<void>): Promise<boolean> {
  await migrate(db);
  const deps = benchDeps(db);
  const sizes = benchSizes();
  const g = await generateRequestData(deps, sizes);
  console.log(
    `${label}: generated ${fmt(g.requests)} requests over ${fmt(g.cases)} cases (${fmt(g.caseMembers)} team memberships, ${g.users} users, ${g.organisations} organisations) in ${(g.loadMs / 1000).toFixed(1)} s ` +
      `(${g.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join(', ')}); benchmark user on ${fmt(g.benchUser.cases)} cases`,
  );

  const app = await buildApp(deps, { logger: false, webDir: '.tmp/no-web' });
  app.get('/bench/trivial', async () => ({ ok: true }));
  // What every API-token call pays before its handler: the app's own authentication (token by
  // hash, its user, last-used time written), without the request list.
  app.get('/bench/authenticated', async (request) => {
    await authenticateApiToken(deps, (request.headers.authorization ?? '').slice('Bearer '.length), { ip: request.ip, userAgent: null });
    return { ok: true };
  });
  // Ceilings, to read the list's figure against: the first page of the list as a fixed body (what
  // HTTP and the load generator cost for a response of that size, with no database and no JSON
  // work), and the same page as an object (plus Fastify's JSON serialisation).
  let pageText = '';
  let pageObject: unknown = null;
  app.get('/bench/page-text', async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(pageText));
  app.get('/bench/page-object', async () => pageObject);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const dueBefore = new Date(deps.clock.now().getTime() + 14 * 86_400_000).toISOString();
    const listPath = (offset: number) => `/api/v1/requests?status=sent&status=acknowledged&dueBefore=${encodeURIComponent(dueBefore)}&limit=${PAGE}&offset=${offset}`;
    const paths = Array.from({ length: PAGES }, (_, i) => listPath(i * PAGE));
    const headers = { authorization: `Bearer ${g.token}` };

    // One call first: the endpoint answers, and what a page holds.
    const probe = await fetch(base + paths[0], { headers });
    if (probe.status !== 200) throw new Error(`GET ${paths[0]} answered ${probe.status}: ${await probe.text()}`);
    pageText = await probe.text();
    pageObject = JSON.parse(pageText);
    const first = pageObject as { items: unknown[]; total: number };

    const warm = Math.min(3, Math.max(1, DURATION / 5));
    await load(base + '/bench/trivial', { seconds: warm });
    await load(base, { headers, paths, seconds: warm });
    const trivial = await load(base + '/bench/trivial', { seconds: DURATION });
    const authenticated = await load(base + '/bench/authenticated', { headers, seconds: DURATION });
    const list = await load(base, { headers, paths, seconds: DURATION });
    const text = await load(base + '/bench/page-text', { seconds: DURATION });
    const object = await load(base + '/bench/page-object', { seconds: DURATION });
    const query = await queryRate(deps, g, dueBefore, DURATION);

    const ratio = list.rps / trivial.rps;
    const strict = db.kind === 'postgres';
    const ok = !strict || (ratio >= TARGET_RATIO && list.p99 <= TARGET_P99_MS && list.failures === 0);
    const verdict = strict
      ? `${ok ? 'PASS' : 'FAIL'} (target ≥ ${TARGET_RATIO * 100} % of the trivial route with p99 ≤ ${TARGET_P99_MS} ms)`
      : 'reported only (PGlite runs one query at a time)';
    console.log(
      `${label}: request list ${fmt(list.rps)} req/s, p50 ${list.p50} ms, p99 ${list.p99} ms (${fmt(list.requests)} requests${list.failures ? `, ${list.failures} failed` : ''}; ` +
        `${first.total.toLocaleString('en-US')} matching requests, pages of ${PAGE} at offsets 0–${(PAGES - 1) * PAGE})` +
        ` · baseline trivial route ${fmt(trivial.rps)} req/s, p50 ${trivial.p50} ms, p99 ${trivial.p99} ms` +
        ` · authentication alone ${fmt(authenticated.rps)} req/s, p99 ${authenticated.p99} ms${authenticated.failures ? ` (${authenticated.failures} failed)` : ''}` +
        ` · list = ${(ratio * 100).toFixed(1)} % of the trivial route` +
        ` · ceilings: the first page as fixed text ${fmt(text.rps)} req/s (${((text.rps / trivial.rps) * 100).toFixed(0)} %), as an object ${fmt(object.rps)} req/s (${((object.rps / trivial.rps) * 100).toFixed(0)} %),` +
        ` the list's store call alone (no HTTP, ${QUERY_CONCURRENCY} at a time, same pages) ${fmt(query)} calls/s (${((query / trivial.rps) * 100).toFixed(1)} %)` +
        ` · ${CONNECTIONS} connections, ${DURATION} s each · ${verdict}`,
    );
    if (generated) await generated(g, deps);
    return ok;
  } finally {
    await app.close();
  }
}

const QUERY_CONCURRENCY = 10;

/** Calls per second of the list's store function alone (what the route awaits), over the same pages. */
async function queryRate(deps: Deps, g: Generated, dueBefore: string, seconds: number): Promise<number> {
  const search = (i: number) => searchRequests(deps.db, {
    userId: g.benchUser.id, organisationId: g.benchUser.organisationId, statuses: ['sent', 'acknowledged'], dueBefore: new Date(dueBefore), limit: PAGE, offset: (i % PAGES) * PAGE,
  });
  let calls = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: QUERY_CONCURRENCY }, async (_, worker) => {
    for (let i = worker; Date.now() < end; i += QUERY_CONCURRENCY) {
      await search(i);
      calls++;
    }
  }));
  return calls / seconds;
}

interface Timing {
  median: number;
  p95: number;
  bytes: number;
}

async function time(render: (outline: DocumentOutline) => Promise<Buffer>, outline: DocumentOutline): Promise<Timing> {
  let bytes = 0;
  for (let i = 0; i < DOC_WARM_UPS; i++) bytes = (await render(outline)).length;
  const ms: number[] = [];
  for (let i = 0; i < DOC_RUNS; i++) {
    const start = process.hrtime.bigint();
    await render(outline);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), bytes };
}

/**
 * The documents of one generated request (an MLA request with a complete body), built as
 * requests.service.ts generateDocument builds them: the row, its case's handling code, the type's
 * outline, then the renderer. Returns true when the PDF median meets the target.
 */
export async function benchRequestDocuments(g: Generated, deps: Deps): Promise<boolean> {
  const id = g.completeRequests.mla_subscriber ?? Object.values(g.completeRequests)[0];
  if (!id) throw new Error('no generated request with a complete body');
  const row = (await findRequestById(deps.db, id))!;
  const handlingCode = (await findCase(deps.db, row.case_id, row.organisation_id))!.handling_code;
  const outline = getRequestDefinition(row.type).outline({
    language: 'en',
    generatedAt: deps.clock.now().toISOString(),
    version: row.body_version,
    case: { reference: row.case_reference, handlingCode },
    request: {
      reference: row.reference,
      type: row.type,
      body: row.body,
      createdBy: { name: row.created_by_label, role: 'drafter' },
      ...(row.validated_by_label && row.validated_at
        ? { validatedBy: { name: row.validated_by_label, role: 'validator', at: row.validated_at.toISOString(), ...(row.validation_decision ? { decision: row.validation_decision } : {}) } }
        : {}),
      ...(row.sent_at ? { sentAt: row.sent_at.toISOString() } : {}),
    },
  });
  const items = outline.sections.reduce((n, s) => n + s.items.length, 0);
  const one: DocumentOutline = {
    ...outline,
    sections: [{ heading: outline.sections[0]!.heading, items: outline.sections[0]!.items.slice(0, 1) }],
    identifiers: { ...outline.identifiers, rows: outline.identifiers.rows.slice(0, 1) },
    signature: { ...outline.signature, items: [] },
  };
  const pdf = await time(renderPdf, outline);
  const docx = await time(renderDocx, outline);
  const pdfBase = await time(renderPdf, one);
  const docxBase = await time(renderDocx, one);
  const show = (t: Timing) => `median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, ${Math.round(t.bytes / 1024)} KiB`;
  const ok = pdf.median <= TARGET_PDF_MEDIAN_MS;
  console.log(
    `request documents (${row.reference}, ${row.type}, ${items} items, ${outline.identifiers.rows.length} identifiers; ${DOC_RUNS} renders each after ${DOC_WARM_UPS} warm-ups): ` +
      `PDF ${show(pdf)} · DOCX ${show(docx)} · baseline one-item document: PDF ${show(pdfBase)}, DOCX ${show(docxBase)}` +
      ` · ${ok ? 'PASS' : 'FAIL'} (target PDF median ≤ ${TARGET_PDF_MEDIAN_MS} ms)`,
  );
  return ok;
}

/** A fresh database on the server at `adminUrl`, dropped by the returned function. */
async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `liaison_bench_requests_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Both engines (PostgreSQL when a server is configured); returns true when every target is met. */
export async function benchRequests(): Promise<boolean> {
  const engines = (process.env.BENCH_REQUESTS_DB ?? 'pglite,postgres').split(',');
  let ok = true;
  let documents = false;
  const withDocuments = async (g: Generated, deps: Deps) => {
    if (documents) return;
    documents = true;
    ok = (await benchRequestDocuments(g, deps)) && ok;
  };

  if (engines.includes('pglite')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-requests-'));
    try {
      const db = await openPglite(dir);
      try {
        ok = (await benchRequestList(db, 'requests on PGlite', withDocuments)) && ok;
      } finally {
        await db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  if (engines.includes('postgres')) {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!adminUrl) {
      console.log('requests on PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a server where the role may CREATE DATABASE; a fresh database is created and dropped)');
    } else {
      const scratch = await scratchPostgres(adminUrl);
      try {
        const db = await openPostgres(scratch.url);
        try {
          ok = (await benchRequestList(db, 'requests on PostgreSQL', withDocuments)) && ok;
        } finally {
          await db.close();
        }
      } finally {
        await scratch.drop();
      }
    }
  }
  return ok;
}

if (process.argv[1]?.endsWith('requests.bench.ts')) {
  const ok = await benchRequests();
  if (!ok && process.env.BENCH_STRICT) process.exitCode = 1;
}
