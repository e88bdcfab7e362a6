/**
 * Names of the catalogue's vocabularies in the reader's language (the bilingual tables live in
 * domain/training.ts, shared with the server and the CLI), course dates and file sizes.
 */
import {
  TRAINING_AUDIENCES,
  TRAINING_FORMATS,
  TRAINING_KINDS,
  TRAINING_LEVELS,
  TRAINING_TOPICS,
  type Label,
} from '../../../../domain/training.ts';
import { ISO_639_1_CODES } from '../../../../domain/languages.ts';
import { regionalLocale } from '../../ui/format.ts';
import { languageName } from '../../ui/names.ts';

function pick(label: Label, language: string): string {
  return language.startsWith('fr') ? label.fr : label.en;
}

/** A label of one of the tables (topics, audiences, formats, levels, kinds). */
export function labelOf<T extends Record<string, Label>>(table: T, key: keyof T, language: string): string {
  return pick(table[key] as Label, language);
}

/** Every entry of a table as select options, in the table's order. */
export function optionsOf<T extends Record<string, Label>>(table: T, language: string): { value: keyof T & string; label: string }[] {
  return (Object.keys(table) as (keyof T & string)[]).map((value) => ({ value, label: pick(table[value] as Label, language) }));
}

export const topicLabel = (key: keyof typeof TRAINING_TOPICS, language: string) => labelOf(TRAINING_TOPICS, key, language);
export const audienceLabel = (key: keyof typeof TRAINING_AUDIENCES, language: string) => labelOf(TRAINING_AUDIENCES, key, language);
export const formatLabel = (key: keyof typeof TRAINING_FORMATS, language: string) => labelOf(TRAINING_FORMATS, key, language);
export const levelLabel = (key: keyof typeof TRAINING_LEVELS, language: string) => labelOf(TRAINING_LEVELS, key, language);
export const kindLabel = (key: keyof typeof TRAINING_KINDS, language: string) => labelOf(TRAINING_KINDS, key, language);

/** The languages most catalogue entries use first, then every other ISO 639-1 language by name. */
const COMMON_LANGUAGES = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'ar', 'ru'];

/** Language options: "French (fr)", the common ones first. */
export function languageOptions(language: string): { value: string; label: string }[] {
  const named = (code: string) => ({ value: code, label: `${languageName(code, language)} (${code})` });
  const rest = ISO_639_1_CODES.filter((code) => !COMMON_LANGUAGES.includes(code))
    .map(named)
    .sort((a, b) => a.label.localeCompare(b.label, language));
  return [...COMMON_LANGUAGES.map(named), ...rest];
}

/**
 * "12–13 May 2026", "12 May 2026", or null without dates. Course dates are calendar days where
 * the course is held, so they are formatted in UTC: no reader's time zone may move them a day.
 */
export function formatCourseDates(startsOn: string | null, endsOn: string | null, language: string): string | null {
  if (!startsOn) return null;
  const format = new Intl.DateTimeFormat(regionalLocale(language), { dateStyle: 'medium', timeZone: 'UTC' });
  const start = new Date(`${startsOn}T00:00:00Z`);
  if (!endsOn || endsOn === startsOn) return format.format(start);
  return format.formatRange(start, new Date(`${endsOn}T00:00:00Z`));
}

/** `41 KB`, `1.2 MB` (`1,2 Mo` in French). */
export function formatFileSize(bytes: number, language: string): string {
  const number = (value: number, digits: number) => new Intl.NumberFormat(regionalLocale(language), { maximumFractionDigits: digits }).format(value);
  // French counts octets: o, Ko, Mo.
  const [b, kb, mb] = language.startsWith('fr') ? ['o', 'Ko', 'Mo'] : ['B', 'KB', 'MB'];
  if (bytes < 1024) return `${number(bytes, 0)} ${b}`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} ${kb}`;
  return `${number(bytes / (1024 * 1024), 1)} ${mb}`;
}
