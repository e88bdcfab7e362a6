/** `npm run bench`: every benchmark in bench/, one after the other, each printing its figures. */
import { openPglite, openPostgres } from '../server/db/database.ts';
import { benchAudit } from './audit.bench.ts';

const db = await openPglite();
await benchAudit(db, 'audit log on PGlite');
await db.close();
if (process.env.BENCH_DATABASE_URL) {
  const pg = await openPostgres(process.env.BENCH_DATABASE_URL);
  await benchAudit(pg, 'audit log on PostgreSQL');
  await pg.close();
}
