/**
 * Audit log cost: appending a hash-chained event (advisory lock, head read, SHA-256, insert) per
 * transaction, against the same-run baseline of a plain insert per transaction into a table of the
 * same shape; then verification throughput. Run: npm run bench
 */
import { FakeClock } from '../server/adapters/clock.ts';
import { memoryKeyStore } from '../server/adapters/keys.ts';
import { loadConfig } from '../server/config.ts';
import { openPglite, openPostgres, type Database } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Deps } from '../server/deps.ts';
import { appendAudit, verifyAudit } from '../server/modules/audit/audit.service.ts';

const N = Number(process.env.BENCH_N ?? 2000);
const actor = { kind: 'operator', label: 'bench', ip: '127.0.0.1', userAgent: 'bench' } as const;

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function benchAudit(db: Database, label: string): Promise<void> {
  await migrate(db);
  const deps: Deps = { db, clock: new FakeClock(), config: loadConfig({}), keys: memoryKeyStore() };
  await db.exec('CREATE TABLE IF NOT EXISTS bench_plain (LIKE audit_events INCLUDING DEFAULTS)');
  const baseline = await timed(async () => {
    for (let i = 1; i <= N; i++)
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO bench_plain (seq, occurred_at, actor_label, action, outcome, details, prev_hash, hash)
           VALUES ($1, now(), 'bench', 'bench.plain', 'success', '{}'::jsonb, '', '')`,
          [i],
        );
      });
  });
  const chained = await timed(async () => {
    for (let i = 1; i <= N; i++)
      await db.transaction((tx) => appendAudit(deps, tx, actor, { action: 'bench.event', targetType: 'bench', targetId: String(i), details: { i } }));
  });
  let checked = 0;
  const verify = await timed(async () => {
    const r = await verifyAudit(deps);
    if (!r.ok) throw new Error(`chain broken: ${JSON.stringify(r.firstBad)}`);
    checked = r.checked;
  });
  const rate = (ms: number, n: number) => Math.round((n / ms) * 1000);
  console.log(`${label}: plain insert ${rate(baseline, N)}/s (baseline) · chained audit append ${rate(chained, N)}/s (${(chained / baseline).toFixed(2)}× baseline time) · verify ${rate(verify, checked)} events/s over ${checked} events`);
  await db.exec('DROP TABLE bench_plain');
}

if (process.argv[1]?.endsWith('audit.bench.ts')) {
  const db = await openPglite();
  await benchAudit(db, 'PGlite');
  await db.close();
  if (process.env.BENCH_DATABASE_URL) {
    const pg = await openPostgres(process.env.BENCH_DATABASE_URL);
    await benchAudit(pg, 'PostgreSQL');
    await pg.close();
  }
}
