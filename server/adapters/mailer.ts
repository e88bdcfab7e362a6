/**
 * Outgoing e-mail (deadline reminders; later webinar mail) over SMTP with nodemailer. Injected
 * like the clock, so tests use a real SMTP server on loopback and services never build transports.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Where replies go (an event's organiser contact). */
  replyTo?: string;
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
}

export interface Mailer {
  /** False when no SMTP server is configured: callers skip sending and say so. */
  readonly enabled: boolean;
  send(message: MailMessage): Promise<void>;
}

const mailers = new Map<string, Mailer>();

/** The SMTP mailer of a configuration (one transport per SMTP URL, reused). */
export function mailerFor(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer {
  if (!config.smtpUrl) return { enabled: false, send: () => Promise.reject(new Error('no SMTP server configured (LIAISON_SMTP_URL)')) };
  const key = `${config.smtpUrl}|${config.mailFrom}`;
  let mailer = mailers.get(key);
  if (!mailer) {
    const url = new URL(config.smtpUrl);
    // A loopback relay (a local MTA, the test server) may have a self-signed certificate.
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    const transport = nodemailer.createTransport({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      ...(loopback ? { tls: { rejectUnauthorized: false } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
    });
    mailer = {
      enabled: true,
      async send(message) {
        await transport.sendMail({ from: config.mailFrom, ...message });
      },
    };
    mailers.set(key, mailer);
  }
  return mailer;
}
