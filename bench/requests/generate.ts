/**
 * Synthetic load for the request benchmark (bench/requests.bench.ts): organisations, ~200 users
 * with line supervisors, N cases with teams of 1–4, M requests over them, and one benchmark user
 * with an API token. Everything is fictitious (names "(fictitious)", `.example` addresses,
 * 203.0.113.0/24 documentation IPs). Rows are made by set-based SQL (INSERT … SELECT FROM
 * generate_series) so a million requests load in a minute or two on either engine; only the
 * organisations, the benchmark user's second factor, its API token and the complete bodies of a
 * few requests go through the store and service functions.
 *
 * Shape (defaults: 100,000 cases, 1,000,000 requests, 200 users):
 * - 4 organisations holding 40 / 30 / 20 / 10 % of users and cases; the benchmark user is in the
 *   largest one;
 * - users: position 0 of each organisation is the benchmark investigator (organisation 1) or an
 *   admin (the others); from position 1 on, groups of ten with the first as the others' supervisor;
 * - cases: spread over the three years before `now`, referenced YYYY/NNNNN per organisation and
 *   year; a team of 1–4 neighbouring users (the first one leads); the benchmark user is a member
 *   of every k-th case of organisation 1, `benchShare` (2 %) of all cases;
 * - requests: 1–19 per case (M / N on average, exactly M in all); status mix of a working unit
 *   (a quarter sent or acknowledged, a quarter executed, …); live requests (sent, acknowledged,
 *   partially executed, received, assigned, forwarded) have their next deadline spread evenly over
 *   `now` ± 120 days; bodies are small (≈ 300 bytes) but shaped like the real ones;
 * - one request of each type in the benchmark user's cases gets the complete body of
 *   domain/requests/test-fixtures.ts (store.updateRequest), for the document timings.
 *
 * The same seed gives the same rows (hashint8extended, not random()), apart from generated ids.
 * Run alone: npx tsx bench/requests/generate.ts [--cases N] [--requests M] [--users U]
 *   [--database-url postgres://…] [--dir /path/to/pglite]   (env BENCH_CASES, BENCH_REQUESTS)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RequestStatus } from '../../domain/lifecycle.ts';
import { COMPLETE_BODIES } from '../../domain/requests/test-fixtures.ts';
import type { RequestType } from '../../domain/requests/types.ts';
import { FakeClock } from '../../server/adapters/clock.ts';
import { memoryKeyStore } from '../../server/adapters/keys.ts';
import { loadConfig } from '../../server/config.ts';
import { openPglite, openPostgres, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { Deps } from '../../server/deps.ts';
import { systemActor } from '../../server/modules/auth/actor.ts';
import { createApiToken } from '../../server/modules/auth/auth.service.ts';
import { randomSecret } from '../../server/modules/auth/crypto.ts';
import { hashPassword } from '../../server/modules/auth/passwords.ts';
import { sealSecret } from '../../server/modules/auth/seal.ts';
import { generateTotpSecret } from '../../server/modules/auth/totp.ts';
import { insertOrganisation } from '../../server/modules/organisations/organisations.store.ts';
import { updateRequest } from '../../server/modules/requests/requests.store.ts';
import { updateUser } from '../../server/modules/users/users.store.ts';

/** The instant the data is generated around (the benchmark's FakeClock). */
export const BENCH_NOW = '2026-11-23T10:00:00.000Z';

export interface GenerateOptions {
  cases: number;
  requests: number;
  /** Users over all organisations (default 200). */
  users?: number;
  /** Share of all cases the benchmark user is on (default 0.02). */
  benchShare?: number;
  seed?: number;
  /** Called after each step with its name and duration. */
  onStep?: (step: string, ms: number) => void;
}

export interface Generated {
  organisations: number;
  users: number;
  cases: number;
  caseMembers: number;
  requests: number;
  benchUser: { id: string; organisationId: string; email: string; cases: number };
  /** The API token's secret (Authorization: Bearer …). */
  token: string;
  /** One request of each type in the benchmark user's cases, with a complete body. */
  completeRequests: Partial<Record<RequestType, string>>;
  loadMs: number;
  steps: { step: string; ms: number }[];
}

const ORGANISATIONS = [
  { name: 'Online Child Protection Unit, Ruritania (fictitious)', country: 'FR', weight: 4 },
  { name: 'Cybercrime Centre, Freedonia (fictitious)', country: 'NL', weight: 3 },
  { name: 'Child Exploitation Desk, Grand Fenwick (fictitious)', country: 'DE', weight: 2 },
  { name: 'Digital Evidence Office, Elbonia (fictitious)', country: 'BE', weight: 1 },
];

/** Weighted lists as 100-slot arrays: slot = hash % 100. */
function slots<T extends string>(weights: [T, number][]): T[] {
  const out: T[] = [];
  for (const [value, w] of weights) for (let i = 0; i < w; i++) out.push(value);
  if (out.length !== 100) throw new Error(`weights sum to ${out.length}, not 100`);
  return out;
}

const STATUS_SLOTS = slots<RequestStatus>([
  ['draft', 7], ['awaiting_validation', 3], ['validated', 2], ['sent', 15], ['acknowledged', 12], ['partially_executed', 5],
  ['executed', 24], ['refused', 4], ['cannot_execute', 2], ['withdrawn', 2], ['expired', 3], ['closed', 12],
  ['received', 4], ['assigned', 4], ['forwarded', 1],
]);
const TYPE_SLOTS = slots<RequestType>([
  ['preservation_247', 20], ['preservation_provider', 18], ['mla_subscriber', 14], ['p2_domain_registration', 4],
  ['p2_subscriber_order', 5], ['p2_order_given_effect', 4], ['emergency_disclosure', 5], ['voluntary_disclosure', 12],
  ['epoc', 10], ['epoc_pr', 8],
]);
const COUNTERPARTS = [
  { kind: 'contact_point_24_7', name: 'Ruritania 24/7 point of contact (fictitious)', country: 'NL', timeZone: 'Europe/Amsterdam' },
  { kind: 'contact_point_24_7', name: 'Freedonia High-Tech Crime Unit, 24/7 desk (fictitious)', country: 'DE', timeZone: 'Europe/Berlin' },
  { kind: 'central_authority', name: 'Ministry of Justice of Elbonia, central authority (fictitious)', country: 'US', timeZone: 'America/New_York' },
  { kind: 'central_authority', name: 'Office of International Affairs, Latveria (fictitious)', country: 'IE', timeZone: 'Europe/Dublin' },
  { kind: 'judicial_authority', name: 'Public Prosecutor of Genovia (fictitious)', country: 'IT', timeZone: 'Europe/Rome' },
  { kind: 'provider', name: 'Examplemail Inc. (fictitious)', country: 'US', timeZone: 'America/Los_Angeles' },
  { kind: 'provider', name: 'Polderhost B.V. (fictitious)', country: 'NL', timeZone: 'Europe/Amsterdam' },
  { kind: 'provider', name: 'Rei Messenger K.K. (fictitious)', country: 'JP', timeZone: 'Asia/Tokyo' },
  { kind: 'provider', name: 'Nimbo Cloud Ltd (fictitious)', country: 'IE', timeZone: 'Europe/Dublin' },
  { kind: 'provider', name: 'Quillchat GmbH (fictitious)', country: 'DE', timeZone: 'Europe/Berlin' },
  { kind: 'registrar', name: 'Beispiel-Registrar GmbH (fictitious)', country: 'DE', timeZone: 'Europe/Berlin' },
  { kind: 'registrar', name: 'Lumo Domains SARL (fictitious)', country: 'FR', timeZone: 'Europe/Paris' },
];
const OFFENCES = ['sexual_abuse', 'sexual_exploitation', 'csam_possession', 'csam_access', 'csam_distribution', 'csam_production', 'solicitation', 'live_streamed_abuse', 'sextortion'];
const CODENAMES = ['Lune bleue', 'Orchid', 'Kestrel', 'Marram', 'Tidewater', 'Juniper', 'Basalt', 'Cinder', 'Halyard', 'Wicket', 'Saffron', 'Ptarmigan', 'Larch', 'Meridian', 'Quarry', 'Thistle'];
const FACTS = [
  'The account sent images of the sexual abuse of a child to several users of a chat service; the last upload came from the IP address below.',
  'An adult contacted a twelve-year-old through a game chat and asked for images; the conversation moved to a messaging service.',
  'A child was threatened with the publication of intimate images unless more were sent; payment was asked in vouchers.',
  'Material showing the abuse of a young child was offered for sale in a forum; the seller used the e-mail address below.',
  'A live stream of abuse was announced for a date and time in a closed group; the organiser connected from the IP address below.',
];

const DAY_S = 86_400;

/** A deterministic version-4-shaped UUID from a text (the API's schemas accept RFC 9562 UUIDs only). */
const uuidOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

/** Generates the rows into a migrated database with no cases yet. */
export async function generateRequestData(deps: Deps, options: GenerateOptions): Promise<Generated> {
  const { db } = deps;
  const N = options.cases;
  const M = options.requests;
  const U = options.users ?? 200;
  const share = options.benchShare ?? 0.02;
  const seed = options.seed ?? 1;
  if (N < 10 || M < N || U < 40) throw new Error('need at least 10 cases, as many requests as cases and 40 users');
  if ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n > 0) throw new Error('the database already holds cases: generate into an empty one');
  const now = deps.clock.now();
  const steps: { step: string; ms: number }[] = [];
  const t0 = process.hrtime.bigint();
  // Bulk loads as pg_restore does them: in one transaction per table, the table's plain indexes
  // and foreign keys are dropped, the rows inserted, then the indexes rebuilt (one sort each
  // instead of a million random insertions) and the keys re-validated (one anti-join each instead
  // of a trigger per row); the definitions come from the catalogue, so the schema ends as the
  // migrations left it. JIT is off: the planner's guess for generate_series makes PostgreSQL spend
  // longer compiling these statements than running them.
  const bulk = (table: string, statements: [string, unknown[]?][]) =>
    db.transaction(async (tx) => {
      await tx.query('SET LOCAL jit = off');
      await tx.query("SET LOCAL maintenance_work_mem = '256MB'");
      const { rows } = await tx.query<{ drop: string; create: string }>(
        `SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS create
           FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
         UNION ALL
         SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
                format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
           FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
        [table],
      );
      for (const r of rows) await tx.query(r.drop);
      // The request_access triggers too (a trigger call per row); that table is filled in one
      // statement at the end ('request access').
      await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      for (const [sql, params] of statements) await tx.query(sql, params ?? []);
      await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      for (const r of rows) await tx.query(r.create); // indexes first, then the keys
    });
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t = process.hrtime.bigint();
    await fn();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    steps.push({ step: name, ms });
    options.onStep?.(name, ms);
  };
  // A deterministic pseudo-random integer in [0, mod) from an integer key; salts keep draws apart.
  const rnd = (key: string, salt: number, mod: number | string) => `((hashint8extended((${key})::bigint, ${seed * 1000 + salt}) & 2147483647) % (${mod}))`;

  // Organisations, users and cases per organisation: 40/30/20/10 %, the remainder to the first.
  const totalWeight = ORGANISATIONS.reduce((n, o) => n + o.weight, 0);
  const split = (total: number) => {
    const parts = ORGANISATIONS.map((o) => Math.floor((total * o.weight) / totalWeight));
    parts[0]! += total - parts.reduce((a, b) => a + b, 0);
    return parts;
  };
  const usersPer = split(U);
  const casesPer = split(N);
  const caseEnd = casesPer.map((_, i) => casesPer.slice(0, i + 1).reduce((a, b) => a + b, 0)); // exclusive, 1-based case numbers start at 1
  const benchCases = Math.max(1, Math.min(casesPer[0]!, Math.round(N * share)));
  const benchStride = Math.max(1, Math.floor(casesPer[0]! / benchCases));

  const orgIds: string[] = [];
  await step('organisations', async () => {
    for (const o of ORGANISATIONS) orgIds.push((await insertOrganisation(db, { name: o.name, country: o.country, createdAt: new Date(now.getTime() - 4 * 365 * DAY_S * 1000) })).id);
  });

  // SQL for "the organisation of case c" and "the id of user p of organisation o".
  const orgOf = (c: string) => `(CASE ${caseEnd.map((end, i) => `WHEN ${c} <= ${end} THEN ${i}`).join(' ')} END)`;
  const usersOf = (o: string) => `(ARRAY[${usersPer.join(',')}])[${o} + 1]`;
  const userId = (o: string, p: string) => uuidOf(`'bench-user:${seed}:' || ${o} || ':' || ${p}`);
  const orgId = (o: string) => `($1::uuid[])[${o} + 1]`;

  const passwordHash = await hashPassword(randomSecret()); // nobody signs in with a password
  const benchEmail = 'bench.investigator@unit1.bench.example';
  await step('users', () => bulk('users', [[
    `INSERT INTO users (id, organisation_id, email, display_name, roles, password_hash, must_change_password, created_at, supervisor_id)
     SELECT ${userId('o', 'p')}, ${orgId('o')},
            CASE WHEN o = 0 AND p = 0 THEN $2 ELSE 'user' || p || '@unit' || (o + 1) || '.bench.example' END,
            CASE WHEN o = 0 AND p = 0 THEN 'Benchmark Investigator' ELSE 'Officer ' || (o + 1) || '-' || p END,
            CASE WHEN p = 0 AND o > 0 THEN ARRAY['admin']
                 WHEN p % 10 = 1 THEN ARRAY['investigator', 'prosecutor']
                 WHEN p % 10 = 7 THEN ARRAY['contact_point']
                 ELSE ARRAY['investigator'] END,
            $3, true, $4::timestamptz - interval '3 years',
            CASE WHEN p = 0 AND o > 0 THEN NULL WHEN p > 0 AND (p - 1) % 10 = 0 THEN NULL
                 ELSE ${userId('o', '(1 + 10 * ((greatest(p, 1) - 1) / 10))')} END
       FROM generate_series(0, ${ORGANISATIONS.length - 1}) o, generate_series(0, ${usersOf('o')} - 1) p`,
    [orgIds, benchEmail, passwordHash, now],
  ]]));

  // Cases, with the number of requests each will get (1–19, exactly M in all) kept in
  // last_request_no, as the request service keeps it. The lead is the team's first member.
  const spanS = 3 * 365 * DAY_S;
  const lead = `${userId('o', `(1 + ${rnd('c', 2, 1_000_003)} % (${usersOf('o')} - 1))`)}`;
  await step('cases', () => bulk('cases', [[
    `INSERT INTO cases (id, organisation_id, reference, title, summary, offence_categories, status, handling_code, created_by, created_at, updated_at, last_request_no)
     SELECT ${uuidOf(`'bench-case:${seed}:' || c`)}, ${orgId('o')},
            yr || '/' || CASE WHEN seq < 100000 THEN lpad(seq::text, 5, '0') ELSE seq::text END,
            'Operation ' || ($2::text[])[1 + ${rnd('c', 3, '$3')}] || ' ' || (c % 997 + 1) || ' (fictitious)',
            'Synthetic benchmark case: ' || ($4::text[])[1 + ${rnd('c', 4, '$5')}],
            ARRAY[($6::text[])[1 + ${rnd('c', 5, '$7')}]],
            CASE WHEN ${rnd('c', 6, 10)} < 7 THEN 'open' WHEN ${rnd('c', 6, 10)} < 8 THEN 'suspended' ELSE 'closed' END,
            'H' || (${rnd('c', 7, 10)} / 4),
            ${lead}, created_at, least($8::timestamptz, created_at + make_interval(hours => ${rnd('c', 8, 24 * 400)}::int)),
            (round(cum * $9::numeric / total) - round((cum - w) * $9::numeric / total))::int
       FROM (SELECT c, o, w, created_at, yr,
                    row_number() OVER (PARTITION BY o, yr ORDER BY c) AS seq,
                    sum(w) OVER (ORDER BY c) AS cum, sum(w) OVER () AS total
               FROM (SELECT c, o, w, created_at, extract(year FROM created_at AT TIME ZONE 'UTC')::int AS yr
                       FROM (SELECT c, ${orgOf('c')} AS o, 1 + ${rnd('c', 9, 19)} AS w FROM generate_series(1, ${N}) c) a,
                            LATERAL (SELECT $8::timestamptz - make_interval(secs => ${spanS} * (1 - ((c - (CASE ${caseEnd.map((end, i) => `WHEN o = ${i} THEN ${i === 0 ? 1 : caseEnd[i - 1]! + 1}`).join(' ')} END)) + 0.5)
                                                                          / (ARRAY[${casesPer.join(',')}])[o + 1])) AS created_at) t) b) d`,
    [orgIds, CODENAMES, CODENAMES.length, FACTS, FACTS.length, OFFENCES, OFFENCES.length, now, M],
  ]]));

  // Teams: 1–4 neighbouring users from position 1 on (position 0 is the benchmark user or an
  // admin); then the benchmark user on every k-th case of the first organisation.
  await step('case members', () => bulk('case_members', [
    [
      `INSERT INTO case_members (case_id, user_id, team_role, added_at)
       SELECT cs.id, ${userId('o', `(1 + (${rnd('c', 2, 1_000_003)} + j) % (${usersOf('o')} - 1))`)},
              CASE WHEN j = 0 THEN 'lead' ELSE 'member' END, cs.created_at + make_interval(hours => (j * 5)::int)
         FROM (SELECT c, ${orgOf('c')} AS o FROM generate_series(1, ${N}) c) a
         JOIN cases cs ON cs.id = ${uuidOf(`'bench-case:${seed}:' || c`)},
              generate_series(0, ${rnd('c', 10, 4)}) j`,
    ],
    [
      `INSERT INTO case_members (case_id, user_id, team_role, added_at)
       SELECT cs.id, ${userId('0', '0')}, 'member', cs.created_at + interval '1 day'
         FROM generate_series(0, ${benchCases - 1}) k JOIN cases cs ON cs.id = ${uuidOf(`'bench-case:${seed}:' || (1 + k * ${benchStride})`)}`,
    ],
  ]));

  // Requests: reference CASE-Rn; dates follow the status; live ones have a next deadline in now ± 120 days.
  // Each level derives from the one inside it; OFFSET 0 keeps the planner from inlining the levels
  // into each other, which would evaluate the inner expressions once per use instead of once per row.
  const key = `(hashtextextended(c.id::text, ${seed}) + n * 7919)`;
  const LIVE = `('sent', 'acknowledged', 'partially_executed', 'received', 'assigned', 'forwarded')`;
  await step('requests', () => bulk('requests', [[
    `INSERT INTO requests (case_id, organisation_id, reference, type, direction, status, data_category, emergency, emergency_facts,
                           counterpart, counterpart_country, counterpart_zone, body, body_version, assigned_to, created_by, created_at, updated_at,
                           validated_by, validated_at, validation_decision, sent_at, received_at, acknowledged_at, outcome_at, closed_at,
                           next_due_at, next_due_kind, next_warn_at)
     SELECT case_id, organisation_id, reference, ty, dir, st,
            CASE WHEN ty IN ('preservation_247', 'preservation_provider', 'epoc_pr') THEN 'traffic'
                 WHEN ty = 'p2_domain_registration' THEN 'domain_registration'
                 WHEN ty = 'epoc' THEN (ARRAY['subscriber', 'traffic', 'content'])[1 + ${rnd('k', 20, 3)}]
                 ELSE 'subscriber' END,
            ty = 'emergency_disclosure',
            CASE WHEN ty = 'emergency_disclosure' THEN 'A child is in imminent danger: abuse announced for tonight (synthetic).' END,
            cp, cp->>'country', cp->>'timeZone',
            jsonb_build_object(
              'date', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
              'reference', 'UNIT-' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad((${rnd('k', 21, 100000)})::text, 5, '0'),
              'offence', jsonb_build_object('categories', jsonb_build_array(($2::text[])[1 + ${rnd('k', 22, '$3')}])),
              'facts', ($4::text[])[1 + ${rnd('k', 23, '$5')}],
              'identifiers', jsonb_build_array(jsonb_build_object('kind', 'ip', 'value', '203.0.113.' || (1 + ${rnd('k', 24, 254)}),
                'observedAt', to_char((created_at - interval '9 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'timeZone', 'UTC'))),
            1 + ${rnd('k', 25, 4)},
            CASE WHEN st IN ('assigned', 'forwarded') THEN created_by END,
            created_by, created_at, least($1::timestamptz, greatest(created_at, coalesce(closed_at, outcome_at, acknowledged_at, sent_at, received_at, created_at)) + interval '2 hours'),
            CASE WHEN validated_at IS NOT NULL THEN validator END, validated_at, CASE WHEN validated_at IS NOT NULL THEN 'Approved' END,
            sent_at, received_at, acknowledged_at, outcome_at, closed_at,
            due, CASE WHEN due IS NULL THEN NULL WHEN dir = 'incoming' THEN 'response_due'
                      WHEN ty IN ('preservation_247', 'preservation_provider', 'epoc_pr') THEN 'preservation_expiry'
                      WHEN ty IN ('epoc', 'p2_subscriber_order', 'p2_domain_registration', 'p2_order_given_effect') THEN 'production_due'
                      ELSE 'response_due' END,
            due - interval '3 days'
       FROM (
         SELECT x.*, 
                CASE WHEN dir = 'outgoing' AND st NOT IN ('draft', 'awaiting_validation') AND (st = 'validated' OR ${rnd('k', 26, 10)} < 7)
                     THEN least($1::timestamptz, coalesce(sent_at, created_at + interval '20 hours') - interval '2 hours') END AS validated_at,
                CASE WHEN st IN ('acknowledged', 'partially_executed', 'executed', 'refused', 'cannot_execute', 'closed') AND dir = 'outgoing'
                     THEN least($1::timestamptz, sent_at + make_interval(hours => 2 + ${rnd('k', 27, 240)}::int)) END AS acknowledged_at,
                CASE WHEN st IN ('partially_executed', 'executed', 'refused', 'cannot_execute', 'closed')
                     THEN least($1::timestamptz, coalesce(sent_at, received_at) + make_interval(days => 5 + ${rnd('k', 28, 60)}::int)) END AS outcome_at,
                CASE WHEN st = 'closed' THEN coalesce(sent_at, received_at) + make_interval(days => 70 + ${rnd('k', 29, 30)}::int) END AS closed_at
           FROM (
             SELECT w.*,
                    CASE WHEN dir = 'outgoing' AND st NOT IN ('draft', 'awaiting_validation', 'validated') THEN start END AS sent_at,
                    CASE WHEN dir = 'incoming' THEN start END AS received_at,
                    start - make_interval(hours => 1 + ${rnd('k', 30, 72)}::int) AS created_at
               FROM (
                 SELECT v.*,
                        CASE WHEN st IN ${LIVE} THEN least(due - make_interval(days => 30 + ${rnd('k', 31, 60)}::int), $1::timestamptz - make_interval(hours => 1 + ${rnd('k', 39, 240)}::int))
                             WHEN st IN ('draft', 'awaiting_validation', 'validated') THEN $1::timestamptz - make_interval(hours => 1 + ${rnd('k', 32, 24 * 60)}::int)
                             ELSE $1::timestamptz - make_interval(days => 100 + ${rnd('k', 33, 600)}::int) END AS start
                   FROM (
                     SELECT c.id AS case_id, c.organisation_id, c.reference || '-R' || n AS reference, c.created_by,
                            coalesce(u.supervisor_id, c.created_by) AS validator, ${key} AS k,
                            st, ty,
                            CASE WHEN st IN ('received', 'assigned', 'forwarded') OR (st IN ('executed', 'refused', 'closed') AND ${rnd(key, 34, 10)} = 0)
                                 THEN 'incoming' ELSE 'outgoing' END AS dir,
                            (($6::text[])[1 + ${rnd(key, 35, '$7')}])::jsonb AS cp,
                            CASE WHEN st IN ${LIVE} THEN $1::timestamptz + make_interval(mins => ${rnd(key, 36, 240 * 24 * 60)}::int - 120 * 24 * 60) END AS due
                       FROM cases c JOIN users u ON u.id = c.created_by
                            CROSS JOIN LATERAL generate_series(1, c.last_request_no) n
                            CROSS JOIN LATERAL (SELECT ($8::text[])[1 + ${rnd(key, 37, 100)}] AS st, ($9::text[])[1 + ${rnd(key, 38, 100)}] AS ty) s
                     OFFSET 0
                   ) v
                 OFFSET 0
               ) w
             OFFSET 0
           ) x
         OFFSET 0
       ) y`,
    [now, OFFENCES, OFFENCES.length, FACTS, FACTS.length, COUNTERPARTS.map((c) => JSON.stringify(c)), COUNTERPARTS.length, STATUS_SLOTS, TYPE_SLOTS],
  ]]));

  // Need-to-know materialised for the request list (migration 20261123180000_request_access.sql).
  await step('request access', () => bulk('request_access', [['SELECT request_access_rebuild()']]));

  // The benchmark user: second factor enrolled, password set, and an API token made by the
  // service as the instance operator would (`liaison tokens create --user`), so it is audited.
  const benchId = (await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [benchEmail])).rows[0]!.id;
  let token = '';
  await step('benchmark user and token', async () => {
    await updateUser(db, benchId, { must_change_password: false, totp_secret: sealSecret(deps.keys, generateTotpSecret()) });
    token = (await createApiToken(deps, systemActor('bench'), { name: 'request list benchmark' }, benchId)).secret;
  });

  // One request of each type in the benchmark user's cases gets a complete body (documents).
  const completeRequests: Partial<Record<RequestType, string>> = {};
  await step('complete bodies', async () => {
    const { rows } = await db.query<{ id: string; type: RequestType }>(
      `SELECT DISTINCT ON (r.type) r.type, r.id FROM case_members m JOIN requests r ON r.case_id = m.case_id
        WHERE m.user_id = $1 AND r.status = 'sent' ORDER BY r.type, r.reference`,
      [benchId],
    );
    for (const row of rows) {
      await updateRequest(db, row.id, { body: COMPLETE_BODIES[row.type] as Record<string, unknown> }, now);
      completeRequests[row.type] = row.id;
    }
  });

  // As autovacuum would after a bulk load: statistics, and the visibility map for index-only scans.
  await step('vacuum analyze', async () => {
    for (const table of ['users', 'cases', 'case_members', 'requests', 'request_access']) await db.exec(`VACUUM ANALYZE ${table}`); // one by one: not in a transaction
  });

  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;
  return {
    organisations: ORGANISATIONS.length,
    users: await count('SELECT count(*)::int AS n FROM users'),
    cases: await count('SELECT count(*)::int AS n FROM cases'),
    caseMembers: await count('SELECT count(*)::int AS n FROM case_members'),
    requests: await count('SELECT count(*)::int AS n FROM requests'),
    benchUser: { id: benchId, organisationId: orgIds[0]!, email: benchEmail, cases: benchCases },
    token,
    completeRequests,
    loadMs: Number(process.hrtime.bigint() - t0) / 1e6,
    steps,
  };
}

/** Deps for generating and serving: a FakeClock at BENCH_NOW, silent logs, in-memory keys. */
export function benchDeps(db: Database): Deps {
  return { db, clock: new FakeClock(BENCH_NOW), config: loadConfig({ LIAISON_LOG_LEVEL: 'silent', LIAISON_DATA_DIR: '.tmp/unused' }), keys: memoryKeyStore() };
}

/** Sizes from flags or the environment (BENCH_CASES, BENCH_REQUESTS, BENCH_USERS). */
export function benchSizes(argv: string[] = []): { cases: number; requests: number; users: number } {
  const { values } = parseArgs({ args: argv, options: { cases: { type: 'string' }, requests: { type: 'string' }, users: { type: 'string' } }, strict: false });
  const num = (flag: unknown, env: string | undefined, fallback: number) => Number(typeof flag === 'string' ? flag : env ?? fallback);
  return {
    cases: num(values.cases, process.env.BENCH_CASES, 100_000),
    requests: num(values.requests, process.env.BENCH_REQUESTS, 1_000_000),
    users: num(values.users, process.env.BENCH_USERS, 200),
  };
}

if (process.argv[1]?.endsWith(path.join('requests', 'generate.ts'))) {
  const args = process.argv.slice(2);
  const { values } = parseArgs({ args, options: { 'database-url': { type: 'string' }, dir: { type: 'string' } }, strict: false });
  const sizes = benchSizes(args);
  const url = typeof values['database-url'] === 'string' ? values['database-url'] : undefined;
  const dir = url ? undefined : typeof values.dir === 'string' ? values.dir : fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  const db = url ? await openPostgres(url) : await openPglite(dir);
  await migrate(db);
  const deps = benchDeps(db);
  const g = await generateRequestData(deps, { ...sizes, onStep: (s, ms) => console.log(`  ${s}: ${(ms / 1000).toFixed(1)} s`) });
  console.log(
    `${url ? 'PostgreSQL' : `PGlite in ${dir}`}: ${g.requests.toLocaleString('en-US')} requests over ${g.cases.toLocaleString('en-US')} cases ` +
      `(${g.caseMembers.toLocaleString('en-US')} team memberships, ${g.users} users, ${g.organisations} organisations) loaded in ${(g.loadMs / 1000).toFixed(1)} s; ` +
      `benchmark user ${g.benchUser.email} on ${g.benchUser.cases.toLocaleString('en-US')} cases; API token ${g.token}`,
  );
  await db.close();
}
