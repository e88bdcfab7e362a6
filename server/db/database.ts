/**
 * One small interface over the two engines Liaison runs on: PGlite (embedded, PostgreSQL in WASM,
 * the default) and PostgreSQL through node-postgres. Stores write plain parameterised SQL against
 * it; see docs/adr/0002-plain-sql-over-one-interface.md for why there is no ORM.
 */
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import pg from 'pg';

/** Anything that runs a parameterised statement: the database itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<Row>>;
}

export interface QueryOptions {
  /**
   * On PostgreSQL, run as a named prepared statement (parsed and, once PostgreSQL settles on a
   * generic plan, planned once per connection). For the hot paths that run on every API call and
   * whose plan does not depend on the values (token lookup, the request list); PGlite ignores it.
   */
  prepared?: boolean;
}

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** pg-boss's executor: runs text as node-postgres would (several statements when no values). */
  executeSql(text: string, values?: unknown[]): Promise<unknown>;
  /** PGlite only: the whole data directory as a tarball (for `liaison backup`). */
  dumpDataDir?(): Promise<Blob>;
}

/** bigint columns (sequence numbers, counts) come back as JS numbers on both engines. */
const parseInt8 = (value: string): number => Number(value);

/** Opens an embedded PGlite database in `dir` (created when absent), or in memory without one. */
export async function openPglite(dir?: string, loadDataDir?: Blob): Promise<Database> {
  const db = await PGlite.create(dir ?? 'memory://', {
    parsers: { [pgliteTypes.INT8]: parseInt8 },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  // The whole database lives in memory: random reads cost what sequential ones do. With the
  // default (4) the planner scans whole tables instead of using the full-text indexes (bench/).
  await db.exec('SET random_page_cost = 1.1');
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<Row>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
    async executeSql(text, values) {
      if (values && values.length) return db.query(text, values);
      // Like node-postgres: one result for one statement, an array for several.
      const results = await db.exec(text);
      return results.length === 1 ? results[0] : results;
    },
    dumpDataDir: async () => (await db.dumpDataDir('gzip')) as Blob,
  };
}

const statementNames = new Map<string, string>();

/** A prepared statement's name: a digest of its text, so that one name never means two texts. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    if (statementNames.size < 1000) statementNames.set(sql, name);
  }
  return name;
}

/** Connects to a PostgreSQL server with a pool. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 20 ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
      const result = options?.prepared
        ? await q.query({ name: statementName(sql), text: sql, values: params as unknown[] })
        : await q.query(sql, params as unknown[]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
  });
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    executeSql: (text, values) => pool.query(text, values),
    close: () => pool.end(),
  };
}
