/**
 * Turning failures into text for people: the server's message when it sent one, otherwise a
 * translated message for the error code, otherwise a network message.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';
import { i18n } from '../i18n/index.ts';

/** Field name → message, for showing next to each form field. */
export type FieldErrors = Record<string, string>;

/**
 * The sentence to show for `error`. Field errors are shown next to their fields, so the summary
 * then only points at them; outside English the translated code wins over the server's English.
 */
export function describeError(error: unknown, t: TFunction, language: string = i18n.language): string {
  if (error instanceof ApiError) {
    if (error.body.error.fields.length > 0 || language !== 'en' || !error.body.error.message)
      return t(`errors.codes.${error.code}`);
    return error.body.error.message;
  }
  // fetch() rejects with a TypeError when the server cannot be reached at all.
  return t('errors.network');
}

/**
 * The messages to show next to fields: the client-side check wins, because it ran on the values
 * the user sees now, while the server's answer may be about a previous submission.
 */
export function mergeFieldErrors(clientErrors: FieldErrors, error: unknown): FieldErrors {
  const serverErrors = error instanceof ApiError ? error.fieldErrors : {};
  return { ...serverErrors, ...clientErrors };
}
