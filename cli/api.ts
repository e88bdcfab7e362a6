/**
 * A small typed client over a Transport: every response is parsed with the API's own schema from
 * domain/api.ts, and every error body becomes an ApiError naming its fields.
 */
import type { z } from 'zod';
import { errorBodySchema } from '../domain/api.ts';
import { ApiError, CliError } from './errors.ts';
import type { ApiResponse, HttpMethod, Transport } from './transport.ts';

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

  delete<S extends z.ZodType>(schema: S, path: string): Promise<z.output<S>> {
    return this.call(schema, 'DELETE', path);
  }

  /** GETs a file (a backup): the raw body. */
  async download(path: string): Promise<Buffer> {
    return (await this.send('GET', path)).body;
  }

  private async send(method: HttpMethod, path: string, body?: unknown): Promise<ApiResponse> {
    const response = await this.transport.request(method, path, body);
    if (response.status < 400) return response;
    const error = errorBodySchema.safeParse(response.json);
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
