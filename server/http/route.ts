/**
 * The one way an HTTP route is declared: method, URL, zod schemas, who may call it, handler.
 * The same declarations validate requests (the single validation choke-point, naming each field),
 * authenticate, and generate the OpenAPI document, so the three cannot drift apart.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Permission } from '../../domain/roles.ts';
import { AppError, invalid, type FieldError } from './errors.ts';
import type { Actor } from '../modules/auth/actor.ts';

/**
 * - `public`: no session needed.
 * - `partial`: a session whose password is verified but whose MFA may not be (login steps).
 * - `user`: a fully authenticated user (password + MFA) or an API token.
 */
export type Access = 'public' | 'partial' | 'user';

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  /** Checked before the handler runs; finer checks (per record) happen in the service. */
  permission?: Permission;
  params?: P;
  query?: Q;
  body?: B;
  /** The 2xx body; `null` for non-JSON responses (files), which the handler sends itself. */
  response: R | null;
  status?: number;
  rateLimit?: { max: number; timeWindow: number };
  /** Bytes; overrides the app's 1 MiB body limit for routes that take files (directory import). */
  bodyLimit?: number;
  /**
   * The route takes a file's raw bytes (`application/octet-stream`, read into a Buffer the
   * handler finds in `request.body`) instead of JSON; documented as binary in OpenAPI.
   */
  rawBody?: { description: string; headers?: { name: string; description: string; required: boolean }[] };
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R> | void>;
}

export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Turns zod issues into field errors: `subscriber.email: must be a valid e-mail address`. */
export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { path, message: issue.message };
  });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Strings PostgreSQL cannot store as text or jsonb (U+0000, unpaired UTF-16 surrogates): named as
 * field errors here, instead of failing in SQL as a 500 (or being altered on the way in).
 */
function unstorableText(value: unknown, path: string[], out: FieldError[], depth = 0): FieldError[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000') || LONE_SURROGATE.test(value))
      out.push({ path: path.join('.'), message: 'contains a character that cannot be stored (NUL or an unpaired surrogate)' });
  } else if (value !== null && typeof value === 'object' && depth < 32) {
    for (const [k, v] of Object.entries(value)) unstorableText(v, [...path, k], out, depth + 1);
  }
  return out;
}

export function parseOrThrow<T extends z.ZodType>(schema: T | undefined, value: unknown, prefix: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(fieldErrors(result.error, prefix === 'body' ? undefined : prefix));
  const unstorable = unstorableText(result.data, prefix === 'body' ? [] : [prefix], []);
  if (unstorable.length) throw invalid(unstorable);
  return result.data;
}

/** Helper for modules: declare routes with full type inference. */
export function defineRoutes(
  build: (route: <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<P, Q, B, R>) => void) => void,
): AnyRouteSpec[] {
  const specs: AnyRouteSpec[] = [];
  build((spec) => specs.push(spec as unknown as AnyRouteSpec));
  return specs;
}

export type Authenticator = (request: FastifyRequest, access: Access) => Promise<Actor>;

/** Registers declared routes on Fastify: authenticate → authorise → validate → handle → present. */
export function mountRoutes(
  app: FastifyInstance,
  specs: AnyRouteSpec[],
  authenticate: Authenticator,
  authorise: (actor: Actor, permission: Permission) => void,
): void {
  for (const spec of specs) {
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.rateLimit ? { config: { rateLimit: spec.rateLimit } } : {}),
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (request, reply) => {
        const actor = await authenticate(request, spec.access);
        if (spec.permission) authorise(actor, spec.permission);
        if (spec.rawBody && !Buffer.isBuffer(request.body))
          throw new AppError('unsupported_media_type', 'Send the file’s bytes as the body, with content-type: application/octet-stream', [
            { path: 'body', message: 'must be the file’s bytes (application/octet-stream)' },
          ]);
        const params = parseOrThrow(spec.params, request.params, 'params');
        const query = parseOrThrow(spec.query, request.query, 'query');
        const body = parseOrThrow(spec.body, request.body ?? {}, 'body');
        const result = await spec.handler({ params, query, body, actor, request, reply });
        if (spec.response === null) return reply;
        // Presenters: only what the response schema declares leaves the server.
        const presented = spec.response.parse(result);
        return reply.status(spec.status ?? 200).send(presented);
      },
    });
  }
}
