/**
 * The training catalogue: file uploads and downloads through the HTTP app (Fastify body limit,
 * content sniffing, SHA-256, bytea storage, audit, all in one request), and catalogue searches
 * over 10,000 synthetic entries through the service the route calls. Same-run baselines: the
 * upload of a 1 KiB text file (the fixed cost of a request), and a primary-key lookup.
 * Run alone: npx tsx bench/training.bench.ts (PGlite); with TEST_DATABASE_URL=postgres://… it
 * repeats on a fresh database on that server (LIAISON_TEST_DB=postgres, as the tests do).
 * Sizes: BENCH_TRAINING_ENTRIES (10000), BENCH_SEARCHES (300), BENCH_UPLOAD_MB (25).
 */
import { performance } from 'node:perf_hooks';
import { trainingQuerySchema, type TrainingValues } from '../domain/training.ts';
import { searchTraining } from '../server/modules/training/training.service.ts';
import { insertItem } from '../server/modules/training/training.store.ts';
import { as, createOrganisation, createTestContext, createUser, signIn, type TestContext } from '../test/support/context.ts';
import { samplePdf } from '../test/support/sample-files.ts';
import { prng } from '../scripts/generate-directory-sample.mjs';
import type { Actor } from '../server/modules/auth/actor.ts';
import { PERMISSIONS } from '../domain/roles.ts';
import type { LanguageCode } from '../domain/languages.ts';

const ENTRIES = Number(process.env.BENCH_TRAINING_ENTRIES ?? 10_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 300);
const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 25);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const PROVIDERS = ['INTERPOL', 'Europol', 'UNODC', 'Council of Europe', 'National police academy', 'CEPOL', 'Eurojust', 'ICMEC'];
const WORDS = ['darknet', 'evidence', 'victim identification', 'cryptocurrency', 'forensics', 'grooming', 'live streaming', 'OSINT', 'mutual legal assistance', 'preservation', 'undercover', 'wellbeing', 'hash matching', 'triage', 'interview'];
const TOPICS = ['e_evidence', 'darknet', 'ocsea', 'mla', 'victim_identification', 'osint', 'cryptocurrency', 'digital_forensics', 'undercover_online', 'wellbeing'] as const;
const AUDIENCES = ['law_enforcement', 'prosecutors', 'judges', 'contact_points_24_7', 'private_sector', 'ngos'] as const;
const LANGS: LanguageCode[] = ['en', 'fr', 'es', 'de', 'pt', 'ar', 'ru'];
const FORMATS = ['online', 'classroom', 'self_paced'] as const;
const LEVELS = ['introductory', 'intermediate', 'advanced'] as const;

function entry(rand: () => number, i: number): TrainingValues {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const format = pick(FORMATS);
  const start = new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 900) * 86_400_000).toISOString().slice(0, 10);
  return {
    kind: rand() < 0.7 ? 'course' : 'material',
    title: `${pick(WORDS)} ${pick(['for first responders', 'advanced workshop', 'foundations', 'in practice', 'for prosecutors'])} ${i}`,
    summary: `Synthetic benchmark entry on ${pick(WORDS)} and ${pick(WORDS)}.`,
    description: `Fictitious. Modules: ${pick(WORDS)}, ${pick(WORDS)}, ${pick(WORDS)}.`,
    provider: pick(PROVIDERS),
    audiences: [...new Set([pick(AUDIENCES), pick(AUDIENCES)])],
    topics: [...new Set([pick(TOPICS), pick(TOPICS)])],
    languages: [...new Set<LanguageCode>([pick(LANGS), 'en'])],
    format,
    level: pick(LEVELS),
    startsOn: format === 'self_paced' ? null : start,
    endsOn: null,
    location: format === 'classroom' ? 'Lyon' : null,
    links: [],
    public: rand() < 0.3,
  };
}

function searchMix(n: number): Record<string, string>[] {
  const rand = prng(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const mix: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    const q: Record<string, string> = { limit: '20', offset: String(pick([0, 0, 0, 20, 40])) };
    const r = rand();
    if (r < 0.5) q.q = pick([...WORDS.map((w) => w.split(' ')[0]!), 'europ', 'inter', 'dark', 'forens']);
    if (r > 0.3 || rand() < 0.3) q.topic = pick(TOPICS);
    if (rand() < 0.3) q.format = pick(FORMATS);
    if (rand() < 0.3) q.language = pick(LANGS);
    if (rand() < 0.2) q.audience = pick(AUDIENCES);
    if (rand() < 0.3) q.when = pick(['upcoming', 'past']);
    if (rand() < 0.2) q.sort = pick(['title', 'start']);
    mix.push(q);
  }
  return mix;
}

async function run(label: string): Promise<void> {
  const ctx: TestContext = await createTestContext({ LIAISON_TRAINING_UPLOAD_MAX_MB: String(Math.max(UPLOAD_MB, 1) + 1) });
  try {
    const org = await createOrganisation(ctx, 'Bench academy (fictitious)', 'FR');
    const trainer = await createUser(ctx, { organisationId: org.id, roles: ['trainer'] });
    const cookie = await signIn(ctx, trainer);
    const api = as(ctx, cookie);
    const created = await api({ method: 'POST', url: '/api/v1/training', payload: { title: 'Bench entry', provider: 'Bench', audiences: ['law_enforcement'], topics: ['osint'], languages: ['en'], format: 'self_paced', level: 'introductory' } });
    const itemId = (created.json() as { id: string }).id;

    // ---- uploads: distinct bytes each time, so every upload stores a new file
    const upload = async (bytes: Buffer, name: string) => {
      const started = performance.now();
      const res = await api({ method: 'POST', url: `/api/v1/training/${itemId}/files`, headers: { 'content-type': 'application/octet-stream', 'x-file-name': name }, payload: bytes });
      const elapsed = performance.now() - started;
      if (res.statusCode !== 201) throw new Error(`upload ${name}: ${res.statusCode} ${res.body}`);
      return { elapsed, id: (res.json() as { file: { id: string } }).file.id };
    };
    const small: number[] = [];
    for (let i = 0; i < 10; i++) small.push((await upload(Buffer.from(`bench note ${i} ${'x'.repeat(1000)}\n`), `note-${i}.txt`)).elapsed);
    const sizes = [5, UPLOAD_MB];
    const rows: string[] = [];
    for (const mb of sizes) {
      const times: number[] = [];
      const downloads: number[] = [];
      for (let i = 0; i < 3; i++) {
        const pdf = Buffer.concat([samplePdf(`bench ${mb} ${i}`), Buffer.alloc(mb * 1024 * 1024 - 700, 0x20 + i)]);
        const { elapsed, id } = await upload(pdf, `bench-${mb}-${i}.pdf`);
        times.push(elapsed);
        const started = performance.now();
        const got = await api({ method: 'GET', url: `/api/v1/training/${itemId}/files/${id}` });
        downloads.push(performance.now() - started);
        if (got.rawPayload.length !== pdf.length) throw new Error('download size differs');
      }
      const rss = process.memoryUsage().rss / 1024 / 1024;
      rows.push(`  ${String(mb).padStart(3)} MiB PDF: upload median ${ms(median(times))} (${(mb / (median(times) / 1000)).toFixed(0)} MiB/s), download median ${ms(median(downloads))}; process RSS afterwards ${rss.toFixed(0)} MiB`);
    }
    console.log(`${label}: file uploads through HTTP (sniff, SHA-256, bytea, audit)`);
    console.log(`  baseline: 1 KiB text upload median ${ms(median(small))}`);
    for (const row of rows) console.log(row);

    // ---- search over ENTRIES synthetic entries
    const rand = prng(5);
    const now = ctx.clock.now();
    for (let done = 0; done < ENTRIES; ) {
      const batch = Math.min(500, ENTRIES - done);
      await ctx.deps.db.transaction(async (tx) => {
        for (let i = 0; i < batch; i++) await insertItem(tx, org.id, entry(rand, done + i), trainer.id, now);
      });
      done += batch;
    }
    await ctx.deps.db.query('ANALYZE training_items');
    const reader: Actor = {
      kind: 'user', userId: trainer.id, organisationId: org.id, email: trainer.email, roles: ['investigator'],
      permissions: PERMISSIONS.filter((p) => p === 'training.read'), sessionId: null, tokenId: null,
      mfaVerified: true, mustChangePassword: false, mfaEnabled: true, ip: '127.0.0.1', userAgent: 'bench',
    };
    const mix = searchMix(SEARCHES).map((q) => trainingQuerySchema.parse(q));
    for (const q of mix.slice(0, 20)) await searchTraining(ctx.deps, reader, q); // warm-up
    const latencies: number[] = [];
    let hits = 0;
    for (const q of mix) {
      const started = performance.now();
      const page = await searchTraining(ctx.deps, reader, q);
      latencies.push(performance.now() - started);
      hits += page.items.length;
    }
    latencies.sort((a, b) => a - b);
    const pk: number[] = [];
    const ids = (await ctx.deps.db.query<{ id: string }>('SELECT id FROM training_items LIMIT 200')).rows.map((r) => r.id);
    for (const id of ids) {
      const started = performance.now();
      await ctx.deps.db.query('SELECT * FROM training_items WHERE id = $1', [id]);
      pk.push(performance.now() - started);
    }
    pk.sort((a, b) => a - b);
    console.log(`${label}: catalogue search over ${ENTRIES} entries, ${mix.length} searches (${(hits / mix.length).toFixed(1)} results each on average)`);
    console.log(`  search p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`);
    console.log(`  baseline: primary-key lookup p50 ${ms(percentile(pk, 50))}, p95 ${ms(percentile(pk, 95))}`);
  } finally {
    await ctx.close();
  }
}

/** Runs on PGlite, then on PostgreSQL when TEST_DATABASE_URL is set. */
export async function benchTraining(): Promise<void> {
  const saved = process.env.LIAISON_TEST_DB;
  process.env.LIAISON_TEST_DB = 'pglite';
  await run('training on PGlite');
  if (process.env.TEST_DATABASE_URL) {
    process.env.LIAISON_TEST_DB = 'postgres';
    await run('training on PostgreSQL');
  } else console.log('training on PostgreSQL: skipped (TEST_DATABASE_URL not set)');
  if (saved === undefined) delete process.env.LIAISON_TEST_DB;
  else process.env.LIAISON_TEST_DB = saved;
}

if (process.argv[1]?.endsWith('training.bench.ts')) await benchTraining();
