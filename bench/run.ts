/**
 * `npm run bench`: every benchmark in bench/, one after the other, each printing its figures next
 * to a same-run baseline. BENCH_STRICT=1 makes a missed target (PASS/FAIL lines) exit with 1.
 */
import { openPglite, openPostgres } from '../server/db/database.ts';
import { benchAudit } from './audit.bench.ts';
import { benchDirectorySearch } from './directory-search.bench.ts';
import { benchDocuments } from './documents.bench.ts';
import { benchRequests } from './requests.bench.ts';
import { benchRouteAdvisor } from './route-advisor.bench.ts';
import { benchTraining } from './training.bench.ts';

let ok = benchRouteAdvisor();
ok = (await benchDocuments()) && ok;

const db = await openPglite();
await benchAudit(db, 'audit log on PGlite');
await db.close();
const directoryDb = await openPglite();
ok = (await benchDirectorySearch(directoryDb, 'directory search on PGlite')) && ok;
await directoryDb.close();

if (process.env.BENCH_DATABASE_URL) {
  const pg = await openPostgres(process.env.BENCH_DATABASE_URL);
  await benchAudit(pg, 'audit log on PostgreSQL');
  ok = (await benchDirectorySearch(pg, 'directory search on PostgreSQL')) && ok;
  await pg.close();
}
// Its own databases: a temporary PGlite, and a fresh database on the BENCH_DATABASE_URL (or
// TEST_DATABASE_URL) server, created and dropped.
ok = (await benchRequests()) && ok;
// Its own test contexts (PGlite; PostgreSQL with TEST_DATABASE_URL); figures only, no target.
await benchTraining();
if (!ok && process.env.BENCH_STRICT) process.exitCode = 1;
