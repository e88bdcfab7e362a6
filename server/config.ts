import path from 'node:path';
import { z } from 'zod';

const DEFAULT_BANNER =
  'This system is for authorised law-enforcement and judicial use only. All use is monitored and ' +
  'recorded in an audit log. Unauthorised access or misuse is an offence and will be reported.';

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LIAISON_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' })
    .optional(),
  LIAISON_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LIAISON_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  LIAISON_BANNER: z.string().min(1).default(DEFAULT_BANNER),
  LIAISON_TRUST_PROXY: z.string().trim().optional().describe('addresses (IPs or CIDR ranges, comma-separated) of reverse proxies whose X-Forwarded-For is believed; unset: none'),
  LIAISON_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LIAISON_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20).describe('login attempts per IP per minute'),
  LIAISON_SECURE_COOKIES: z.enum(['auto', 'always']).default('auto'),
  LIAISON_SMTP_URL: z.string().regex(/^smtps?:\/\//, { error: 'must be smtp://user:password@host:port or smtps://…' }).optional(),
  LIAISON_MAIL_FROM: z.string().min(3).default('Liaison <liaison@localhost>'),
  LIAISON_PUBLIC_URL: z.url({ error: 'must be the address users reach Liaison at, e.g. https://liaison.example.org' }).optional(),
  LIAISON_TRAINING_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(512).default(25).describe('largest training file accepted, in MiB'),
  LIAISON_EVENT_IP_RATE_LIMIT: z.coerce.number().int().min(1).default(10).describe('event registrations per IP per minute'),
  LIAISON_EVENT_LINK_RATE_LIMIT: z.coerce.number().int().min(1).default(60).describe('public event page and link calls per IP per minute'),
  LIAISON_EVENT_DOMAIN_LIMIT: z.coerce.number().int().min(1).default(100).describe('event registrations per e-mail domain per window'),
  LIAISON_EVENT_DOMAIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  LIAISON_EVENT_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12).describe('months after an event its registrants are anonymised'),
  LIAISON_MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8).describe('delivery attempts of a registrant e-mail before it is marked failed'),
});

/** Validated runtime configuration; one place for every default. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  banner: string;
  logLevel: z.infer<typeof envSchema>['LIAISON_LOG_LEVEL'];
  /**
   * Reverse proxies whose X-Forwarded-For gives the client's address (rate limits per address,
   * audit). Empty: the connection's address is the client's (no proxy believed).
   */
  trustProxy: string[];
  loginRateLimitPerMinute: number;
  /** `auto`: Secure cookies except when served on plain-HTTP loopback (development, demo). */
  secureCookies: 'auto' | 'always';
  /** SMTP server for reminders; without it no e-mail is sent (the dashboard and calendar still work). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address users reach Liaison at, for links in e-mails and calendar feeds. */
  publicUrl: string;
  /** Largest training file accepted, in bytes (the upload route's body limit; 413 above it). */
  trainingUploadMaxBytes: number;
  /** Abuse protection of the public event registration (issue 5): per IP (in memory) and per e-mail domain (in the database). */
  eventRateLimits: { registrationsPerIpPerMinute: number; linkCallsPerIpPerMinute: number; registrationsPerDomain: number; domainWindowMs: number };
  /** Registrants' personal data is anonymised this many months after the event ends. */
  eventRetentionMonths: number;
  /** Delivery attempts of an outbox e-mail (with backoff) before it is marked failed. */
  mailMaxAttempts: number;
}

/** Reads the environment; throws an error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.LIAISON_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    sessionIdleMs: e.LIAISON_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.LIAISON_SESSION_ABSOLUTE_HOURS * 3_600_000,
    banner: e.LIAISON_BANNER,
    logLevel: e.LIAISON_LOG_LEVEL,
    trustProxy: (e.LIAISON_TRUST_PROXY ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    loginRateLimitPerMinute: e.LIAISON_LOGIN_RATE_LIMIT,
    secureCookies: e.LIAISON_SECURE_COOKIES,
    smtpUrl: e.LIAISON_SMTP_URL,
    mailFrom: e.LIAISON_MAIL_FROM,
    trainingUploadMaxBytes: e.LIAISON_TRAINING_UPLOAD_MAX_MB * 1024 * 1024,
    publicUrl: (e.LIAISON_PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    eventRateLimits: {
      registrationsPerIpPerMinute: e.LIAISON_EVENT_IP_RATE_LIMIT,
      linkCallsPerIpPerMinute: e.LIAISON_EVENT_LINK_RATE_LIMIT,
      registrationsPerDomain: e.LIAISON_EVENT_DOMAIN_LIMIT,
      domainWindowMs: e.LIAISON_EVENT_DOMAIN_WINDOW_MINUTES * 60_000,
    },
    eventRetentionMonths: e.LIAISON_EVENT_RETENTION_MONTHS,
    mailMaxAttempts: e.LIAISON_MAIL_MAX_ATTEMPTS,
  };
}
