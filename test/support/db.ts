/**
 * Test databases: a fresh PGlite per test file (loaded from a migrated template made once per run),
 * or, when LIAISON_TEST_DB=postgres, a fresh database on the server at TEST_DATABASE_URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';

export const TEMPLATE_FILE = path.resolve('.tmp/pglite-template.tar.gz');

export const testBackend = (): 'pglite' | 'postgres' => (process.env.LIAISON_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

export interface TestDatabase {
  db: Database;
  /** The connection URL on PostgreSQL (for tests that open a second connection). */
  url?: string;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testBackend() === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('LIAISON_TEST_DB=postgres needs TEST_DATABASE_URL');
    const name = `liaison_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString(), { max: 5 });
    await migrate(db);
    return {
      db,
      url: url.toString(),
      async close() {
        await db.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const template = fs.existsSync(TEMPLATE_FILE) ? new Blob([fs.readFileSync(TEMPLATE_FILE)]) : undefined;
  const db = await openPglite(undefined, template);
  await migrate(db); // no-op with the template; applies anything newer otherwise
  return { db, close: () => db.close() };
}
