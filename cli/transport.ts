/**
 * How a command reaches the API (docs/adr/0003-cli-through-the-api.md). When a live
 * `liaison serve` holds the data directory, over HTTP to the URL its lock file records, with the
 * operator token it wrote beside it. Otherwise in-process: the CLI opens the database itself (taking
 * the lock, so a second process is refused clearly) and drives the same Fastify app with
 * `app.inject`. Either way the request meets the same validation, policy and audit.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../server/config.ts';
import { readLock, type LockInfo } from '../server/db/lock.ts';
import type { Actor } from '../server/modules/auth/actor.ts';
import type { Runtime } from '../server/runtime.ts';
import { CliError } from './errors.ts';
import { USER_AGENT } from './version.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiResponse {
  status: number;
  contentType: string;
  /** Response headers, names in lower case (a document's `x-content-sha256`). */
  headers: Record<string, string>;
  /** The raw body (backups are binary). */
  body: Buffer;
  /** The parsed body when it is JSON, otherwise undefined. */
  json: unknown;
}

interface TransportBase {
  request(method: HttpMethod, path: string, body?: unknown): Promise<ApiResponse>;
  /**
   * POSTs a file's bytes as application/octet-stream with extra headers (its name), calling
   * `onProgress` with the bytes handed over so far, for a progress bar.
   */
  upload(path: string, content: Buffer, headers: Record<string, string>, onProgress?: (sent: number) => void): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** Uploads go out in pieces of this size, so progress moves smoothly and memory stays flat. */
const UPLOAD_CHUNK = 256 * 1024;

/** The bytes of `content` in pieces, reporting each piece as it is taken. */
function* uploadChunks(content: Buffer, onProgress?: (sent: number) => void): Generator<Buffer> {
  for (let at = 0; at < content.length; at += UPLOAD_CHUNK) {
    const end = Math.min(content.length, at + UPLOAD_CHUNK);
    yield content.subarray(at, end);
    onProgress?.(end);
  }
}

/** One API call at a time, wherever the API is. */
export type Transport = ServerTransport | DirectTransport;

/** Talks to a running server. */
export interface ServerTransport extends TransportBase {
  readonly mode: 'server';
  readonly server: LockInfo & { url: string };
}

/** Works on the data directory in this process. */
export interface DirectTransport extends TransportBase {
  readonly mode: 'direct';
  readonly runtime: Runtime;
  /** The actor the in-process app sees for these requests (for the rare direct service call). */
  readonly actor: Actor;
}

/** How long to wait for a `liaison serve` that holds the lock but does not listen yet. */
const SERVER_START_WAIT_MS = 20_000;

function parseBody(contentType: string, body: Buffer): unknown {
  if (!contentType.includes('application/json') || body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The server may listen on a wildcard address; the operator token is only accepted from loopback. */
function loopbackUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === '0.0.0.0') parsed.hostname = '127.0.0.1';
  if (parsed.hostname === '[::]') parsed.hostname = '[::1]';
  return parsed.origin;
}

/**
 * A user's API token from LIAISON_TOKEN: commands then act as that user (case work is
 * need-to-know, so it needs a user; the operator administers the instance but sees no cases).
 */
export function userToken(): string | undefined {
  return process.env.LIAISON_TOKEN?.trim() || undefined;
}

function connectServer(config: Config, server: LockInfo & { url: string }): ServerTransport {
  const tokenFile = path.join(config.dataDir, 'operator.token');
  let token: string;
  try {
    token = userToken() ?? fs.readFileSync(tokenFile, 'utf8').trim();
  } catch (error) {
    throw new CliError(
      `the server (process ${server.pid}) holds ${config.dataDir}, but its operator token ` +
        `${tokenFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): run the CLI as the user the server runs as`,
    );
  }
  const base = loopbackUrl(server.url);
  return {
    mode: 'server',
    server,
    async request(method, apiPath, body) {
      let response: Response;
      try {
        response = await fetch(base + apiPath, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'user-agent': USER_AGENT,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(
          `cannot reach the server at ${base} (process ${server.pid}): ${cause?.code ?? cause?.message ?? String(error)}`,
        );
      }
      const contentType = response.headers.get('content-type') ?? '';
      const raw = Buffer.from(await response.arrayBuffer());
      const headers = Object.fromEntries(response.headers.entries());
      return { status: response.status, contentType, headers, body: raw, json: parseBody(contentType, raw) };
    },
    upload(apiPath, content, extra, onProgress) {
      // node:http rather than fetch: it says when each piece has been written, which is progress.
      const url = new URL(base + apiPath);
      return new Promise<ApiResponse>((resolve, reject) => {
        let answered = false;
        const request = (url.protocol === 'https:' ? https : http).request(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'user-agent': USER_AGENT,
            'content-type': 'application/octet-stream',
            'content-length': String(content.length),
            ...extra,
          },
        }, (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const raw = Buffer.concat(chunks);
            const contentType = String(response.headers['content-type'] ?? '');
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            resolve({ status: response.statusCode ?? 0, contentType, headers, body: raw, json: parseBody(contentType, raw) });
          });
        });
        // A server refusing early (413) may close while bytes are still going out: its answer counts.
        request.on('error', (error: NodeJS.ErrnoException) => {
          if (answered) return;
          if (sentAny && (error.code === 'EPIPE' || error.code === 'ECONNRESET'))
            reject(new CliError(`the server closed the connection while receiving the file (${error.code}): it may be larger than the server accepts`));
          else reject(new CliError(`cannot reach the server at ${base} (process ${server.pid}): ${error.code ?? error.message}`));
        });
        let sentAny = false;
        const pieces = uploadChunks(content, onProgress);
        const pump = () => {
          for (let next = pieces.next(); !next.done; next = pieces.next()) {
            if (answered) break;
            sentAny = true;
            if (!request.write(next.value)) return void request.once('drain', pump);
          }
          request.end();
        };
        pump();
      });
    },
    async close() {},
  };
}

async function openDirect(config: Config, command: string): Promise<DirectTransport> {
  // Loaded here, not at the top: a CLI talking to a running server needs neither PGlite nor Fastify.
  const [{ openRuntime }, { buildApp }] = await Promise.all([import('../server/runtime.ts'), import('../server/app.ts')]);
  const runtime = await openRuntime(command, config);
  const operatorToken = randomBytes(32).toString('base64url');
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp(runtime.deps, { operatorToken, logger: false });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return {
    mode: 'direct',
    runtime,
    actor: { kind: 'operator', label: 'cli', ip: '127.0.0.1', userAgent: USER_AGENT },
    async request(method, apiPath, body) {
      const response = await app.inject({
        method,
        url: apiPath,
        remoteAddress: '127.0.0.1',
        headers: { authorization: `Bearer ${userToken() ?? operatorToken}`, 'user-agent': USER_AGENT },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      const contentType = String(response.headers['content-type'] ?? '');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers))
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return { status: response.statusCode, contentType, headers, body: response.rawPayload, json: parseBody(contentType, response.rawPayload) };
    },
    async upload(apiPath, content, extra, onProgress) {
      const response = await app.inject({
        method: 'POST',
        url: apiPath,
        remoteAddress: '127.0.0.1',
        headers: {
          authorization: `Bearer ${userToken() ?? operatorToken}`,
          'user-agent': USER_AGENT,
          'content-type': 'application/octet-stream',
          'content-length': String(content.length),
          ...extra,
        },
        // A stream, so the app reads it piece by piece as over a socket (and progress shows it).
        payload: Readable.from(uploadChunks(content, onProgress)),
      });
      const contentType = String(response.headers['content-type'] ?? '');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers))
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return { status: response.statusCode, contentType, headers, body: response.rawPayload, json: parseBody(contentType, response.rawPayload) };
    },
    async close() {
      try {
        await app.close();
      } finally {
        await runtime.close();
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The live process holding the data directory, waiting a little for a `liaison serve` that has
 * taken the lock but is still starting (it records its URL once it listens).
 */
async function findHolder(dataDir: string): Promise<LockInfo | undefined> {
  let holder = readLock(dataDir);
  if (!holder || holder.url || holder.command !== 'liaison serve') return holder;
  process.stderr.write(`liaison: waiting for the server (process ${holder.pid}) to finish starting…\n`);
  const deadline = Date.now() + SERVER_START_WAIT_MS;
  while (holder && !holder.url && Date.now() < deadline) {
    await sleep(250);
    holder = readLock(dataDir);
  }
  return holder;
}

/**
 * Connects `command` (e.g. `liaison user list`, recorded in the lock file) to the API: through
 * the running server when there is one, in-process otherwise.
 */
export async function connect(config: Config, command: string): Promise<Transport> {
  const holder = await findHolder(config.dataDir);
  if (holder?.url) return connectServer(config, { ...holder, url: holder.url });
  // No server (or another CLI process, which openRuntime's lock then names in its refusal).
  return openDirect(config, command);
}
