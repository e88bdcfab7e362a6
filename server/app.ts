/**
 * Builds the Fastify instance: security headers, cookies, rate limits, the declared API routes,
 * the OpenAPI document and docs, health and metrics, the web app, and the one error handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import client from 'prom-client';
import type { Deps } from './deps.ts';
import { AppError } from './http/errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { mountRoutes, type Access, type AnyRouteSpec } from './http/route.ts';
import { SESSION_COOKIE } from './http/session-cookie.ts';
import type { Actor, RequestMeta } from './modules/auth/actor.ts';
import { authenticateApiToken, authenticateSession, stageOf } from './modules/auth/auth.service.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { safeEqual } from './modules/auth/crypto.ts';
import { authorise } from './modules/auth/policy.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { shippedCountryData } from './modules/countries/country-data.ts';
import { countryRoutes } from './modules/countries/countries.routes.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { organisationRoutes } from './modules/organisations/organisations.routes.ts';
import { advisorRoutes } from './modules/routes/advisor.routes.ts';
import { caseRoutes } from './modules/cases/cases.routes.ts';
import { trainingRoutes } from './modules/training/training.routes.ts';
import { eventRoutes } from './modules/events/events.routes.ts';
import { requestRoutes } from './modules/requests/requests.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface AppOptions {
  /** Accepted from loopback only: the local CLI acting as the operator (see docs/adr). */
  operatorToken?: string;
  /** Where the built web app is; defaults to dist/web. */
  webDir?: string;
  logger?: boolean;
}

/**
 * Every API route, in one list: the app mounts it, OpenAPI documents it, tests enumerate it.
 * Building it loads the shipped country and treaty data (once per process): a bad data file
 * stops the start here, naming the file and the field.
 */
export function apiRoutes(deps: Deps): AnyRouteSpec[] {
  const countries = shippedCountryData();
  return [
    ...authRoutes(deps), ...userRoutes(deps), ...auditRoutes(deps), ...organisationRoutes(deps), ...systemRoutes(deps),
    ...countryRoutes(deps, countries), ...directoryRoutes(deps, countries), ...advisorRoutes(deps, countries),
    ...caseRoutes(deps), ...requestRoutes(deps),
    ...trainingRoutes(deps),
    ...eventRoutes(deps),
  ];
}

/**
 * What the log records of a request: method, path without its query, client address. Links from
 * e-mails carry tokens in the query (/e/<event>/verify?token=…), and searches what people typed.
 */
export function requestLogFields(request: Pick<FastifyRequest, 'method' | 'url' | 'ip'>): { method: string; url: string; remoteAddress: string } {
  return { method: request.method, url: request.url.split('?')[0] ?? '', remoteAddress: request.ip };
}

const LOOPBACK_IP = /^(127\.|::1$|::ffff:127\.)/;

function metaOf(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null };
}

export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: deps.config.logLevel,
      // Secrets never reach the logs.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      // Paths without their query: links from e-mails carry tokens there (/e/<event>/verify?token=…),
      // and searches carry what people typed.
      serializers: { req: requestLogFields },
    },
    bodyLimit: 1_048_576,
    // Only the configured reverse proxies are believed (LIAISON_TRUST_PROXY); none by default.
    trustProxy: deps.config.trustProxy.length ? deps.config.trustProxy : false,
    return503OnClosing: true,
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });

  // ---- metrics
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const httpDuration = new client.Histogram({
    name: 'liaison_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // ---- errors: one shape, no stack traces, 4xx for anything the client got wrong
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) return reply.status(error.status).send(error.toBody());
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429) return reply.status(429).send(new AppError('rate_limited', 'Too many requests').toBody());
    if (status === 413) return reply.status(413).send(new AppError('payload_too_large', 'The request body is too large').toBody());
    if (status === 415) return reply.status(415).send(new AppError('unsupported_media_type', 'Send JSON (content-type: application/json), or to a file upload route the file’s bytes as application/octet-stream').toBody());
    if (status && status >= 400 && status < 500)
      return reply.status(400).send(new AppError('validation_failed', 'The request is malformed (body is not valid JSON)', [{ path: 'body', message: 'is not valid JSON' }]).toBody());
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(new AppError('internal_error', 'An internal error occurred; it has been logged').toBody());
  });

  // ---- authentication for declared routes
  const authenticate = async (request: FastifyRequest, access: Access): Promise<Actor> => {
    const meta = metaOf(request);
    if (access === 'public') return { kind: 'anonymous', ...meta };
    const header = request.headers.authorization;
    let actor: Actor | undefined;
    if (header?.startsWith('Bearer ')) {
      const secret = header.slice(7).trim();
      if (options.operatorToken && safeEqual(secret, options.operatorToken) && LOOPBACK_IP.test(meta.ip ?? ''))
        actor = { kind: 'operator', label: 'cli', ...meta };
      else actor = await authenticateApiToken(deps, secret, meta);
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError('unauthenticated', 'Sign in first');
      actor = await authenticateSession(deps, token, meta);
    }
    if (access === 'user' && actor.kind === 'user' && stageOf(actor) !== 'done')
      throw new AppError('mfa_required', 'Complete sign-in first (password change and second factor)');
    return actor;
  };

  // Routes that take a file (rawBody in their spec) receive its bytes as a Buffer, within their
  // own bodyLimit; everything else stays JSON only.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const routes = apiRoutes(deps);
  mountRoutes(app, routes, authenticate, authorise);

  // ---- OpenAPI and interactive docs
  const document = buildOpenApi(routes, VERSION);
  app.get('/api/openapi.json', async () => document);
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: false, validatorUrl: null } });

  // ---- health and metrics
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await deps.db.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/metrics', async (_req, reply) => reply.header('content-type', registry.contentType).send(await registry.metrics()));

  // ---- the web app (single-page: unknown non-API paths get index.html)
  const webDir = options.webDir ?? path.join(ROOT, 'dist', 'web');
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb)
      return reply.status(404).send(new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`).toBody());
    return reply.sendFile('index.html');
  });

  return app;
}
