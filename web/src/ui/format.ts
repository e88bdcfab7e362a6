/** Date and time formatting shared by the pages. */

/**
 * `2025-03-01 14:05:09.123 UTC`: audit times are compared across countries and against server
 * logs, so they are shown in UTC with milliseconds rather than in the reader's zone.
 */
export function formatUtcMillis(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** A date and time in the reader's language and time zone, or `fallback` when there is none. */
export function formatDateTime(iso: string | null, language: string, fallback = '—'): string {
  if (iso === null) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(regionalLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * The browser's own regional variant when it matches the UI language (en-GB writes 23 Nov 2026,
 * 24-hour clock), else the bare language: users across countries read dates their own way.
 */
export function regionalLocale(language: string): string {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  return preferred.find((l) => l.split('-')[0] === language) ?? language;
}

/**
 * The value of a `datetime-local` input, read as UTC (the audit filters say "UTC" on their
 * labels), as the ISO string the API expects; `undefined` when empty or invalid.
 */
export function utcInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(`${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
