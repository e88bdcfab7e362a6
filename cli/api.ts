/**
 * A small typed client over a Transport: every response is parsed with the API's own schema from
 * domain/api.ts, and every error body becomes an ApiError naming its fields.
 */
import type { z } from 'zod';
import { errorBodySchema } from '../domain/api.ts';
import { ApiError, CliError } from './errors.ts';
import { userToken, type ApiResponse, type HttpMethod, type Transport } from './transport.ts';

export class ApiClient {
  constructor(readonly transport: Transport) {}

  /** Calls the API and returns the response parsed with `schema`; throws ApiError when refused. */
  async call<S extends z.ZodType>(schema: S, method: HttpMethod, path: string, body?: unknown): Promise<z.output<S>> {
    const response = await this.send(method, path, body);
    const parsed = schema.safeParse(response.json);
    if (!parsed.success)
      throw new CliError(`unexpected response to ${method} ${path.split('?')[0]} (HTTP ${response.status}); is the server the same version as the CLI?`);
    return parsed.data;
  }

  get<S extends z.ZodType>(schema: S, path: string): Promise<z.output<S>> {
    return this.call(schema, 'GET', path);
  }

  post<S extends z.ZodType>(schema: S, path: string, body?: unknown): Promise<z.output<S>> {
    return this.call(schema, 'POST', path, body);
  }

  put<S extends z.ZodType>(schema: S, path: string, body?: unknown): Promise<z.output<S>> {
    return this.call(schema, 'PUT', path, body);
  }

  patch<S extends z.ZodType>(schema: S, path: string, body?: unknown): Promise<z.output<S>> {
    return this.call(schema, 'PATCH', path, body);
  }

  delete<S extends z.ZodType>(schema: S, path: string): Promise<z.output<S>> {
    return this.call(schema, 'DELETE', path);
  }

  /** GETs a file (a backup): the raw body. */
  async download(path: string): Promise<Buffer> {
    return (await this.send('GET', path)).body;
  }

  /** GETs a file with its headers (a document and its `x-content-sha256`). */
  async downloadWithHeaders(path: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
    const response = await this.send('GET', path);
    return { body: response.body, headers: response.headers };
  }

  /** POSTs a file's bytes (with its name in `headers`) and parses the answer with `schema`. */
  async upload<S extends z.ZodType>(schema: S, path: string, content: Buffer, headers: Record<string, string>, onProgress?: (sent: number) => void): Promise<z.output<S>> {
    const response = this.check('POST', path, await this.transport.upload(path, content, headers, onProgress));
    const parsed = schema.safeParse(response.json);
    if (!parsed.success) throw new CliError(`unexpected response to POST ${path.split('?')[0]} (HTTP ${response.status}); is the server the same version as the CLI?`);
    return parsed.data;
  }

  private async send(method: HttpMethod, path: string, body?: unknown): Promise<ApiResponse> {
    return this.check(method, path, await this.transport.request(method, path, body));
  }

  /** The response if it succeeded; otherwise the error it carries, as an ApiError or CliError. */
  private check(method: HttpMethod, path: string, response: ApiResponse): ApiResponse {
    if (response.status < 400) return response;
    const error = errorBodySchema.safeParse(response.json);
    // A token's owner who never finished the first sign-in cannot do that from the CLI: say where.
    if (error.success && error.data.error.code === 'mfa_required' && userToken())
      throw new CliError('the user of LIAISON_TOKEN has not finished their first sign-in: sign in to the web app once (new password, second factor), then try again');
    if (error.success) throw new ApiError(response.status, error.data.error);
    throw new CliError(`${method} ${path.split('?')[0]} failed with HTTP ${response.status}`);
  }
}

/** `/api/v1/users?email=a%40b` — query strings without surprises. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
