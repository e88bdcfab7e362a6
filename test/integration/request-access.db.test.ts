/**
 * request_access (migration 20261123180000) is need-to-know materialised for the request list: it
 * must always equal the rule of cases.store.ts (teamCanSee: team members and their supervisors),
 * with each request's list columns. Random sequences of the changes that move it (team changes,
 * supervisor changes, new requests, status and deadline changes, deleted cases), checked after
 * every step; then the same changes from concurrent transactions (PostgreSQL: separate
 * connections, so the triggers' locks are what keeps it right).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Queryable } from '../../server/db/database.ts';
import { teamCanSee } from '../../server/modules/cases/cases.store.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../support/db.ts';

const STATUSES = ['draft', 'awaiting_validation', 'sent', 'acknowledged', 'executed', 'closed'];

/** A small deterministic PRNG (mulberry32): failures replay with the printed seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

/** What request_access holds, and what the rule says it must hold, as sorted lines. */
async function actualAndExpected(q: Queryable): Promise<{ actual: string[]; expected: string[] }> {
  const line = 'request_id::text || \' \' || user_id::text || \' \' || status || \' \' || coalesce(next_due_at::text, \'-\') || \' \' || organisation_id::text || \' \' || type || \' \' || direction';
  const actual = (await q.query<{ l: string }>(`SELECT ${line} AS l FROM request_access ORDER BY 1`)).rows.map((r) => r.l);
  const expected = (await q.query<{ l: string }>(
    `SELECT ${line} AS l FROM (
       SELECT r.id AS request_id, viewer.id AS user_id, r.status, r.next_due_at, r.organisation_id, r.type, r.direction
         FROM requests r CROSS JOIN users viewer WHERE ${teamCanSee('viewer.id', 'r.case_id')}) x ORDER BY 1`,
  )).rows.map((r) => r.l);
  return { actual, expected };
}

interface World {
  org: string;
  users: string[];
  cases: string[];
}

async function makeWorld(q: Queryable, nUsers: number, nCases: number): Promise<World> {
  const org = (await q.query<{ id: string }>("INSERT INTO organisations (name, country, created_at) VALUES ('Access test unit (fictitious)', 'NL', now()) RETURNING id")).rows[0]!.id;
  const users: string[] = [];
  for (let i = 0; i < nUsers; i++)
    users.push((await q.query<{ id: string }>(
      `INSERT INTO users (organisation_id, email, display_name, roles, password_hash, created_at)
       VALUES ($1, $2, $3, ARRAY['investigator'], 'x', now()) RETURNING id`,
      [org, `access${i}-${Math.random().toString(36).slice(2, 8)}@unit.example.org`, `Officer ${i}`],
    )).rows[0]!.id);
  const cases: string[] = [];
  for (let i = 0; i < nCases; i++) cases.push(await newCase(q, org, users[0]!, i));
  return { org, users, cases };
}

async function newCase(q: Queryable, org: string, by: string, i: number): Promise<string> {
  return (await q.query<{ id: string }>(
    `INSERT INTO cases (organisation_id, reference, title, status, handling_code, created_by, created_at, updated_at)
     VALUES ($1, $2, 'Access test case', 'open', 'H1', $3, now(), now()) RETURNING id`,
    [org, `T/${i}-${Math.random().toString(36).slice(2, 10)}`, by],
  )).rows[0]!.id;
}

/** One random change of the kinds that move request_access. */
async function randomChange(q: Queryable, w: World, rnd: ReturnType<typeof prng>, step: number, deleteCases = true): Promise<void> {
  const kase = rnd.pick(w.cases);
  const user = rnd.pick(w.users);
  switch (rnd.int(8)) {
    case 0:
    case 1:
      await q.query("INSERT INTO case_members (case_id, user_id, team_role, added_at) VALUES ($1, $2, 'member', now()) ON CONFLICT DO NOTHING", [kase, user]);
      return;
    case 2:
      await q.query('DELETE FROM case_members WHERE case_id = $1 AND user_id = $2', [kase, user]);
      return;
    case 3: {
      const supervisor = rnd.int(4) === 0 ? null : rnd.pick(w.users);
      await q.query('UPDATE users SET supervisor_id = $2 WHERE id = $1', [user, supervisor === user ? null : supervisor]);
      return;
    }
    case 4:
    case 5: {
      const n = (await q.query<{ n: number }>('UPDATE cases SET last_request_no = last_request_no + 1 WHERE id = $1 RETURNING last_request_no AS n', [kase])).rows[0];
      if (!n) return; // deleted meanwhile
      await q.query(
        `INSERT INTO requests (case_id, organisation_id, reference, type, direction, status, created_by, created_at, updated_at, next_due_at)
         VALUES ($1, $2, $3, $4, 'outgoing', $5, $6, now(), now(), $7)`,
        [kase, w.org, `R-${step}-${Math.random().toString(36).slice(2, 10)}`, rnd.pick(['preservation_247', 'mla_subscriber']), rnd.pick(STATUSES), user,
          rnd.int(3) === 0 ? null : new Date(Date.UTC(2027, 0, 1 + rnd.int(60)))],
      );
      return;
    }
    case 6: {
      // A transition: status and next deadline; and a body-only autosave, which must not matter.
      const id = (await q.query<{ id: string }>('SELECT id FROM requests WHERE case_id = $1 ORDER BY random() LIMIT 1', [kase])).rows[0]?.id;
      if (!id) return;
      await q.query('UPDATE requests SET status = $2, next_due_at = $3 WHERE id = $1', [id, rnd.pick(STATUSES), rnd.int(3) === 0 ? null : new Date(Date.UTC(2027, 2, 1 + rnd.int(60)))]);
      await q.query("UPDATE requests SET body = jsonb_build_object('step', $2::int), body_version = body_version + 1 WHERE id = $1", [id, step]);
      return;
    }
    case 7:
      if (deleteCases && rnd.int(5) === 0 && w.cases.length > 3) {
        await q.query('DELETE FROM cases WHERE id = $1', [kase]);
        w.cases.splice(w.cases.indexOf(kase), 1);
      }
      return;
  }
}

describe('request_access follows need-to-know', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('equals the teamCanSee rule after every step of random changes', async () => {
    const seed = 20261123;
    const rnd = prng(seed);
    const w = await makeWorld(database.db, 8, 6);
    for (let step = 0; step < 250; step++) {
      await randomChange(database.db, w, rnd, step);
      const { actual, expected } = await actualAndExpected(database.db);
      if (actual.join('\n') !== expected.join('\n')) expect({ seed, step, actual }).toEqual({ seed, step, actual: expected });
    }
    const { expected } = await actualAndExpected(database.db);
    expect(expected.length).toBeGreaterThan(20); // the walk reached a state with real content
  });

  it('is rebuilt to the same rows by request_access_rebuild()', async () => {
    const before = await actualAndExpected(database.db);
    await database.db.query('SELECT request_access_rebuild()');
    const after = await actualAndExpected(database.db);
    expect(after.actual).toEqual(before.expected);
  });

  it('stays equal under concurrent writers (PostgreSQL: separate connections; PGlite: interleaved calls)', async () => {
    const w = await makeWorld(database.db, 6, 4);
    const workers = 6;
    // On PostgreSQL each worker has its own connection, so the triggers' locks are what keeps the
    // table right; PGlite has one connection and runs the interleaved statements one at a time.
    const clients = testBackend() === 'postgres'
      ? await Promise.all(Array.from({ length: workers }, async () => {
        const c = new pg.Client({ connectionString: database.url });
        await c.connect();
        return c;
      }))
      : [];
    const queryables: Queryable[] = clients.length
      ? clients.map((client) => ({ query: (sql, params) => client.query(sql, params as unknown[]) as never }))
      : Array.from({ length: workers }, () => database.db);
    try {
      await Promise.all(queryables.map(async (q, k) => {
        const rnd = prng(1000 + k);
        // One change per transaction, as the services make them: no deadlock may come of it.
        for (let step = 0; step < 60; step++) await randomChange(q, w, rnd, k * 1000 + step, false);
      }));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const { actual, expected } = await actualAndExpected(database.db);
    expect(actual).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  }, 120_000);
});
