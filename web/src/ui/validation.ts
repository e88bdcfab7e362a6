/**
 * Client-side validation with the same zod schemas the server uses (domain/api.ts), with the
 * schema's English messages replaced by translated ones so a French user reads French.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FieldErrors } from './errors.ts';

/** The outcome of {@link validateWith}: the parsed value or one message per field. */
export type ValidationResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

function translateIssue(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.tooShort', { count: Number(issue.minimum) });
      }
      if (issue.origin === 'array') return t('validation.chooseAtLeast', { count: Number(issue.minimum) });
      return t('validation.atLeast', { minimum: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { count: Number(issue.maximum) });
      return t('validation.atMost', { maximum: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'invalid_type':
      return t('validation.required');
    default:
      return t('validation.invalid');
  }
}

/**
 * Validates `values` with `schema`. `messages` replaces the generic message of a field where a
 * specific one helps (e.g. "enter the 6-digit code" rather than "invalid format").
 */
export function validateWith<S extends z.ZodType>(
  schema: S,
  values: unknown,
  t: TFunction,
  messages: FieldErrors = {},
): ValidationResult<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.');
    errors[field] ??= messages[field] ?? translateIssue(issue, t);
  }
  return { ok: false, errors };
}
