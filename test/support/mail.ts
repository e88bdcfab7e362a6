/**
 * A real SMTP server on loopback for tests (smtp-server), keeping every message it receives
 * decoded: headers (RFC 2047 subjects), text parts (quoted-printable or base64) and attachments.
 * It can be told to refuse the next messages (a temporary 451), to test retries.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface TestSmtp {
  url: string;
  inbox: ReceivedMail[];
  /** Refuses the next `n` messages with a temporary failure. */
  refuseNext(n: number): void;
  /** The messages to `address`, oldest first. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

const param = (header: string | undefined, name: string) => new RegExp(`${name}="?([^";]+)"?`, 'i').exec(header ?? '')?.[1];

function parsePart(raw: string, out: Omit<ReceivedMail, 'to' | 'subject' | 'headers'>): void {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(split < 0 ? raw : raw.slice(0, split));
  const body = split < 0 ? '' : raw.slice(split + 4);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = param(type, 'boundary');
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      parsePart(part.replace(/^\r\n/, '').replace(/\r\n$/, ''), out);
    }
    return;
  }
  const content = decodeBody(body, headers['content-transfer-encoding']);
  const filename = param(headers['content-disposition'], 'filename') ?? param(type, 'name');
  if (filename) out.attachments.push({ filename, contentType: type, content });
  else if (type.toLowerCase().startsWith('text/plain')) out.text += content;
}

export function parseMail(to: string[], data: string): ReceivedMail {
  const split = data.indexOf('\r\n\r\n');
  const headers = parseHeaders(data.slice(0, split));
  const out = { text: '', attachments: [] as ReceivedMail['attachments'] };
  parsePart(data, out);
  return { to, subject: decodeWords(headers.subject ?? ''), headers, ...out };
}

export async function startSmtp(): Promise<TestSmtp> {
  const inbox: ReceivedMail[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--;
          const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
          error.responseCode = 451;
          return done(error);
        }
        inbox.push(parseMail(session.envelope.rcptTo.map((r) => r.address), data));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    refuseNext: (n) => {
      refuse = n;
    },
    to: (address) => inbox.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
