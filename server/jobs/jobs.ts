/**
 * Background jobs in the database itself (pg-boss), on PGlite and PostgreSQL alike. Each job is a
 * definition (name, schedule) plus a handler that calls a service; see docs/ARCHITECTURE.md.
 */
import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.ts';
import { expireIdleSessions } from '../modules/auth/auth.service.ts';
import { checkpointAudit } from '../modules/audit/audit.service.ts';
import { sendDueReminders } from '../modules/requests/reminders.service.ts';
import { runEventMail } from '../modules/events/event-jobs.ts';
import { applyEventRetention } from '../modules/events/retention.service.ts';

export interface JobDefinition {
  name: string;
  /** cron expression in UTC (pg-boss resolution: one minute). */
  cron: string;
  run(deps: Deps): Promise<Record<string, unknown>>;
}

export const JOBS: JobDefinition[] = [
  {
    name: 'expire-sessions',
    cron: '* * * * *',
    run: async (deps) => ({ ended: await expireIdleSessions(deps) }),
  },
  {
    name: 'audit-checkpoint',
    cron: '*/15 * * * *',
    run: async (deps) => ({ checkpoint: await checkpointAudit(deps) }),
  },
  {
    // Reminders go out within 5 minutes of a warning window opening or a deadline passing.
    name: 'deadline-reminders',
    cron: '*/5 * * * *',
    run: async (deps) => sendDueReminders(deps),
  },
  {
    // Event e-mail: retries of the outbox, expired waiting-list offers, reminders, follow-ups.
    name: 'event-mail',
    cron: '* * * * *',
    run: async (deps) => runEventMail(deps),
  },
  {
    // Registrants' personal data, months after their event (config.eventRetentionMonths).
    name: 'event-retention',
    cron: '17 3 * * *',
    run: async (deps) => ({ ...(await applyEventRetention(deps)) }),
  },
];

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(deps: Deps, log: FastifyBaseLogger): Promise<Jobs> {
  const boss = new PgBoss({ db: { executeSql: (text: string, values?: unknown[]) => deps.db.executeSql(text, values) }, schema: 'pgboss' } as never);
  boss.on('error', (error: unknown) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const job of JOBS) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    await boss.work(job.name, async () => {
      const result = await job.run(deps);
      log.debug({ job: job.name, result }, 'job done');
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
