/**
 * Typed application errors, mapped to HTTP statuses in one table. Services throw these; the
 * error handler turns them (and anything unexpected) into the one error shape of the API.
 */
import type { ErrorBody, ErrorCode } from '../../domain/api.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** HTTP status per error code: the only place this mapping lives. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  mfa_required: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  registration_not_open: 409,
  registration_closed: 409,
  event_full: 409,
  event_cancelled: 409,
  offer_expired: 409,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, fields: this.fields } };
  }
}

export const notFound = (what = 'Record') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('forbidden', message);
export const conflict = (message: string, fields: FieldError[] = []) => new AppError('conflict', message, fields);
export const invalid = (fields: FieldError[]) =>
  new AppError(
    'validation_failed',
    fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; '),
    fields,
  );
