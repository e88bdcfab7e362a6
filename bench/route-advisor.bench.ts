/**
 * Route advisor throughput: `adviseRoutes` over the shipped treaty data (loaded once into
 * `TreatyFacts`), on a fixed mix of queries (country pairs from the data, every data category and
 * purpose, emergency on and off, with and without a provider, several dates), for at least
 * BENCH_SECONDS (default 2) on one core. Baseline in the same run: `routeQuerySchema.parse` alone
 * (the input validation every call starts with). Target (issue 3): ≥ 10,000 queries/s.
 * Run: npm run bench, or npx tsx bench/route-advisor.bench.ts
 */
import fs from 'node:fs';
import { providerInputSchema } from '../domain/directory.ts';
import { TreatyFacts, treatyDataSchema } from '../domain/countries/treaties.ts';
import { adviseRoutes } from '../domain/routes/advisor.ts';
import { DATA_CATEGORIES, routeQuerySchema, type ProviderFacts, type RouteQuery } from '../domain/routes/types.ts';

const TARGET = 10_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const MIX = 4096;

/** mulberry32: the query mix is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The shipped fictitious providers (data/directory/sample-providers.json) as the advisor sees them. */
function sampleProviders(): ProviderFacts[] {
  const rows = JSON.parse(fs.readFileSync(new URL('../data/directory/sample-providers.json', import.meta.url), 'utf8')) as unknown[];
  return rows.map((row, i) => {
    const p = providerInputSchema.parse(row);
    return {
      id: `sample-${i}`,
      name: p.name,
      country: p.country,
      euEstablishment: p.euEstablishmentCountry,
      acceptsDirectPreservation: p.acceptsDirectPreservation,
      disclosesNonContentVoluntarily: p.disclosesNonContentVoluntarily,
      hasEmergencyProcedure: !!(p.emergencyProcedure || p.emergencyContact),
      preservationDays: p.preservationDays,
    };
  });
}

/** A fixed, varied query mix: every State with a treaty row plus a few non-Parties. */
export function queryMix(facts: TreatyFacts, n = MIX, seed = 3): RouteQuery[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const countries = [...new Set(facts.data.memberships.filter((m) => m.instrument !== 'interpol').map((m) => m.country)), 'RU', 'CN', 'IN', 'VN', 'ZA', 'IE'];
  const providers = sampleProviders();
  const dates = ['2026-11-23', '2026-08-17', '2026-08-18', '2019-06-01', '2012-03-01', '2030-01-01'];
  const queries: RouteQuery[] = [];
  for (let i = 0; i < n; i++) {
    const from = pick(countries);
    const provider = rand() < 0.5 ? pick(providers) : undefined;
    const to = rand() < 0.08 ? from : pick(countries);
    queries.push({
      from,
      target: provider ? { country: provider.country, provider } : { country: to },
      data: DATA_CATEGORIES[i % DATA_CATEGORIES.length]!,
      purpose: (i >> 2) % 2 === 0 ? 'preserve' : 'obtain',
      emergency: rand() < 0.25 ? { facts: 'Child in imminent danger: abuse announced for tonight' } : null,
      date: pick(dates),
      otherCountries: rand() < 0.2 ? [pick(countries), ...(rand() < 0.5 ? [pick(countries)] : [])] : [],
    });
  }
  return queries;
}

/** Calls fn over the mix in a loop for `seconds`; returns calls per second and a sink value. */
function rate(queries: RouteQuery[], seconds: number, fn: (q: RouteQuery) => number): { perSecond: number; calls: number; ms: number; sink: number } {
  let calls = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let k = 0; k < 256; k++) sink += fn(queries[(calls + k) % queries.length]!);
    calls += 256;
    elapsed = process.hrtime.bigint() - start;
  }
  const ms = Number(elapsed) / 1e6;
  return { perSecond: (calls / ms) * 1000, calls, ms, sink };
}

/** Prints the figures; returns true when the target is met. */
export function benchRouteAdvisor(): boolean {
  const t0 = process.hrtime.bigint();
  const facts = new TreatyFacts(treatyDataSchema.parse(JSON.parse(fs.readFileSync(new URL('../data/countries/treaties.json', import.meta.url), 'utf8'))));
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const queries = queryMix(facts);
  let open = 0;
  for (const q of queries) open += adviseRoutes(q, facts).routes.length; // every query is valid, and warm-up
  rate(queries, Math.min(0.5, SECONDS / 4), (q) => adviseRoutes(q, facts).routes.length);

  const baseline = rate(queries, SECONDS, (q) => routeQuerySchema.parse(q).otherCountries.length);
  const advisor = rate(queries, SECONDS, (q) => adviseRoutes(q, facts).routes.length);
  const ok = advisor.perSecond >= TARGET;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `route advisor: ${fmt(advisor.perSecond)} queries/s (${fmt(advisor.calls)} queries in ${(advisor.ms / 1000).toFixed(1)} s, mix of ${queries.length}, ${(open / queries.length).toFixed(1)} open routes/query; treaty data loaded in ${loadMs.toFixed(0)} ms)` +
      ` · baseline routeQuerySchema.parse alone ${fmt(baseline.perSecond)}/s (advice = ${(baseline.perSecond / advisor.perSecond).toFixed(2)}× the validation time)` +
      ` · ${ok ? 'PASS' : 'FAIL'} (target ≥ ${fmt(TARGET)} queries/s)`,
  );
  return ok;
}

if (process.argv[1]?.endsWith('route-advisor.bench.ts')) {
  const ok = benchRouteAdvisor();
  if (!ok && process.env.BENCH_STRICT) process.exitCode = 1;
}
