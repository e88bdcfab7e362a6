/** Assertions on HTTP answers shared by the integration suites. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { errorBodySchema, type ErrorBody, type ErrorCode } from '../../domain/api.ts';

/** Parses the body as the API's one error shape, or fails the test naming what came back. */
export function errorOf(res: LightMyRequestResponse): ErrorBody['error'] {
  let json: unknown;
  try {
    json = res.json();
  } catch {
    throw new Error(`expected a JSON error body, got ${res.statusCode} ${res.headers['content-type']}: ${res.body.slice(0, 200)}`);
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) throw new Error(`not the error shape (${res.statusCode}): ${res.body.slice(0, 300)}`);
  return parsed.data.error;
}

/** Asserts status and error code (and the error shape); returns the error for further checks. */
export function expectError(res: LightMyRequestResponse, status: number, code: ErrorCode): ErrorBody['error'] {
  const error = errorOf(res);
  expect({ status: res.statusCode, code: error.code }, res.body.slice(0, 300)).toEqual({ status, code });
  return error;
}

/** The field paths a validation or conflict error names. */
export const fieldPaths = (res: LightMyRequestResponse): string[] => errorOf(res).fields.map((f) => f.path);
