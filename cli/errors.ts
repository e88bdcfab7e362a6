/**
 * How the CLI fails: exit codes, and the errors commands throw so that `main` prints one clear
 * message on stderr and exits with the right code.
 */
import type { ErrorBody } from '../domain/api.ts';

/** 0 success, 1 the operation failed (API error, refused lock, broken audit chain), 2 usage error. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The operation could not be done; `message` is printed as `liaison: <message>`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The API refused the request: its message, and one detail line per field it names. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly body: ErrorBody['error'],
  ) {
    super(headlineOf(body), body.fields.map(formatField));
    this.name = 'ApiError';
  }

  get code(): ErrorBody['error']['code'] {
    return this.body.code;
  }
}

/** The command-line option that sets an API field, named after the field's error. */
const OPTION_OF_FIELD: Record<string, string> = {
  email: '--email',
  displayName: '--name',
  name: '--name',
  roles: '--role',
  organisationId: '--org',
  country: '--country',
  expiresInDays: '--expires-in-days',
  from: '--from',
  to: '--to',
  date: '--date',
  otherCountries: '--other',
  emergency: '--emergency',
};

/** `email: must be a valid e-mail address (--email)`. */
function formatField(field: { path: string; message: string }): string {
  if (!field.path) return field.message;
  const option = OPTION_OF_FIELD[field.path.split('.')[0]!];
  return `${field.path}: ${field.message}${option ? ` (${option})` : ''}`;
}

/**
 * A validation error's message is its field list joined on one line; the fields follow on their
 * own lines anyway, so the headline says what happened instead of repeating them.
 */
function headlineOf(body: ErrorBody['error']): string {
  const joined = body.fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
  return body.fields.length > 0 && body.message === joined ? 'invalid input' : body.message;
}

/** The lines `main` writes to stderr for an error (without the trailing newline). */
export function formatError(error: unknown): string[] {
  if (error instanceof CliError) return [`liaison: ${error.message}`, ...error.details.map((d) => `  ${d}`)];
  if (error instanceof Error) return [`liaison: ${error.message}`];
  return [`liaison: ${String(error)}`];
}
