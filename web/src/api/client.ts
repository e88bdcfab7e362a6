/**
 * Typed access to the Liaison HTTP API. Every response is parsed with the domain schema of its
 * payload, so a server that drifts from the contract fails loudly here rather than deep in a
 * component. Every failure becomes an {@link ApiError} carrying the contract's error body.
 */
import type { z } from 'zod';
import { errorBodySchema, type ErrorBody, type ErrorCode } from '../../../domain/api.ts';

/** Prefix of every API route. */
export const API_BASE = '/api/v1';

/** An API call that failed; `body` always has the contract's `{ error: { code, message, fields } }` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error.message || body.error.code);
    this.name = 'ApiError';
  }

  /** The contract's error code, e.g. `invalid_credentials`. */
  get code(): ErrorCode {
    return this.body.error.code;
  }

  /**
   * Per-field messages keyed by field name. A leading `body.`/`query.` segment is dropped so the
   * keys match form field names whichever way the server spells the path.
   */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { path, message } of this.body.error.fields) {
      byField[path.replace(/^(body|query|params)\./, '')] ??= message;
    }
    return byField;
  }
}

/** An error body built on the client, for failures that never produced one (proxy pages, bad JSON). */
function syntheticError(status: number, code: ErrorCode): ApiError {
  // An empty message tells the UI to show its own translated text for the code.
  return new ApiError(status, { error: { code, message: '', fields: [] } });
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  return 'internal_error';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(method: string, path: string, body?: unknown): Promise<unknown> {
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const response = await fetch(`${API_BASE}${path}`, {
    method,
    credentials: 'same-origin',
    headers: hasBody
      ? { accept: 'application/json', 'content-type': 'application/json' }
      : { accept: 'application/json' },
    // Bodiless POSTs still send `{}`: a JSON content type with an empty body is a 400 in Fastify.
    body: hasBody ? JSON.stringify(body ?? {}) : undefined,
  });
  const payload = await readJson(response);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(payload);
    throw parsed.success
      ? new ApiError(response.status, parsed.data)
      : syntheticError(response.status, codeForStatus(response.status));
  }
  return payload;
}

function parseWith<S extends z.ZodType>(schema: S, payload: unknown, route: string): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    // Developers need the details; users get a generic message through the synthetic error.
    console.error(`Response of ${route} does not match the contract`, parsed.error.issues);
    throw syntheticError(200, 'internal_error');
  }
  return parsed.data;
}

/** `GET` a resource and parse it with `schema`. */
export async function apiGet<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await send('GET', path), `GET ${path}`);
}

/** `POST` a JSON body (or `{}`) and parse the response with `schema`. */
export async function apiPost<S extends z.ZodType>(
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  return parseWith(schema, await send('POST', path, body), `POST ${path}`);
}

/** `PUT` a JSON body and parse the response with `schema`. */
export async function apiPut<S extends z.ZodType>(
  path: string,
  schema: S,
  body: unknown,
): Promise<z.output<S>> {
  return parseWith(schema, await send('PUT', path, body), `PUT ${path}`);
}

/** `PATCH` a resource with the fields to change and parse the response with `schema`. */
export async function apiPatch<S extends z.ZodType>(
  path: string,
  schema: S,
  body: unknown,
): Promise<z.output<S>> {
  return parseWith(schema, await send('PATCH', path, body), `PATCH ${path}`);
}

/** `DELETE` a resource; the contract defines no payload for deletions, so none is read. */
export async function apiDelete(path: string): Promise<void> {
  await send('DELETE', path);
}

/** Builds `?a=1&b=2` from the defined, non-empty values of `params` (empty string when none). */
export function toQueryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query === '' ? '' : `?${query}`;
}
