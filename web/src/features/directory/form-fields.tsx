/** Form helpers shared by the authority and provider forms. */
import type { FieldErrors } from '../../ui/errors.ts';

/**
 * The message for a field or anything inside it: the server reports `channels.1.value`, the
 * form may show it under the whole `channels` group when it has no input of that exact name.
 */
export function errorWithin(errors: FieldErrors, field: string): string | undefined {
  if (errors[field] !== undefined) return errors[field];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return nested === undefined ? undefined : errors[nested];
}

/** An optional text: empty means absent, so the entry does not store empty strings. */
export function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
