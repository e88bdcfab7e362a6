/**
 * Labels and times of events. Registration statuses, participant roles and organisation types
 * are bilingual in the contract (domain/events.ts) because e-mails and exports use them too; the
 * pages take them from there rather than repeating them in the translation files.
 */
import {
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  PARTICIPANT_ROLE_LABELS,
  PARTICIPANT_ROLES,
  REGISTRATION_STATUS_LABELS,
  type EventStatus,
  type OrganisationType,
  type ParticipantRole,
  type RegistrationStatus,
} from '../../../../domain/events.ts';
import { COUNTRY_CODES } from '../../../../domain/countries/codes.ts';
import { formatInZone, fromLocal, toLocal } from '../../../../domain/time.ts';
import { regionalLocale } from '../../ui/format.ts';
import { countryName } from '../../ui/names.ts';

const pick = (labels: { en: string; fr: string }, language: string) => (language === 'fr' ? labels.fr : labels.en);

/** "Confirmed" / "Confirmée". */
export function registrationStatusLabel(status: RegistrationStatus, language: string): string {
  return pick(REGISTRATION_STATUS_LABELS[status], language);
}

/** "Law enforcement" / "Services répressifs"; the key itself for a value the contract does not know (e.g. "unknown"). */
export function roleLabel(role: string, language: string): string {
  return role in PARTICIPANT_ROLE_LABELS ? pick(PARTICIPANT_ROLE_LABELS[role as ParticipantRole], language) : role;
}

/** "Prosecution service" / "Parquet / ministère public"; the key itself for a value the contract does not know. */
export function organisationTypeLabel(type: string, language: string): string {
  return type in ORGANISATION_TYPE_LABELS ? pick(ORGANISATION_TYPE_LABELS[type as OrganisationType], language) : type;
}

/** Options of the role select. */
export function roleOptions(language: string) {
  return PARTICIPANT_ROLES.map((value) => ({ value, label: roleLabel(value, language) }));
}

/** Options of the organisation type select. */
export function organisationTypeOptions(language: string) {
  return ORGANISATION_TYPES.map((value) => ({ value, label: organisationTypeLabel(value, language) }));
}

/** Every country a person may give, by name in the reader's language. */
export function countryOptions(language: string) {
  const collator = new Intl.Collator(language);
  return COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, language) })).sort((a, b) => collator.compare(a.label, b.label));
}

/** Badge colour of a registration status: green holds a seat, orange waits, grey is over. */
export function registrationStatusColor(status: RegistrationStatus): string {
  switch (status) {
    case 'confirmed':
    case 'attended':
      return 'green';
    case 'offered':
      return 'teal';
    case 'waiting':
      return 'orange';
    case 'pending_email':
    case 'pending_approval':
      return 'blue';
    case 'cancelled':
      return 'gray';
    case 'rejected':
      return 'red';
  }
}

/** Badge colour of an event status. */
export function eventStatusColor(status: EventStatus): string {
  switch (status) {
    case 'draft':
      return 'gray';
    case 'published':
      return 'green';
    case 'cancelled':
      return 'red';
  }
}

/** The reader's own IANA zone, from the browser. */
export function visitorTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** "20 Mar 2026, 14:00 CET (UTC+01:00)": an instant in `timeZone`, with the zone named. */
export function formatInstant(iso: string, timeZone: string, language: string): string {
  try {
    return formatInZone(iso, timeZone, regionalLocale(language));
  } catch {
    return iso;
  }
}

/**
 * "20 Mar 2026, 14:00 – 14:30 CET": a span in `timeZone`, the date written once when both ends
 * fall on the same day there (Intl's range format decides what to repeat).
 */
export function formatSpan(startIso: string, endIso: string, timeZone: string, language: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  try {
    const format = new Intl.DateTimeFormat(regionalLocale(language), { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    return format.formatRange(start, end);
  } catch {
    return `${formatInstant(startIso, timeZone, language)} – ${formatInstant(endIso, timeZone, language)}`;
  }
}

/** "1 h 30 min", "2 days 3 h": a duration in minutes for people. */
export function formatDuration(minutes: number, language: string): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(regionalLocale(language), { style: 'unit', unit: name, unitDisplay: name === 'day' ? 'long' : 'short' }).format(value);
  return [days ? unit(days, 'day') : '', hours ? unit(hours, 'hour') : '', rest ? unit(rest, 'minute') : ''].filter(Boolean).join(' ') || unit(0, 'minute');
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The value of a `datetime-local` input (`2026-12-01T14:00`) for an instant, as a wall clock in
 * the event's zone: organisers think in the time of the place where the event is held.
 */
export function toZoneInput(iso: string, timeZone: string): string {
  if (iso === '') return '';
  try {
    const local = toLocal(Date.parse(iso), timeZone);
    return `${local.year}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}`;
  } catch {
    return '';
  }
}

/** The instant a `datetime-local` value means in `timeZone`, as ISO UTC; '' when empty or not a date-time (the schema then names the field). */
export function fromZoneInput(value: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return value === '' ? '' : value;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  try {
    return new Date(fromLocal({ year, month, day, hour, minute, second: 0, millisecond: 0 }, timeZone)).toISOString();
  } catch {
    return value;
  }
}

/** Answers shown in a table cell: ticks as yes/no, several choices joined. */
export function formatAnswer(answer: string | string[] | boolean | undefined, yes: string, no: string): string {
  if (answer === undefined) return '';
  if (typeof answer === 'boolean') return answer ? yes : no;
  return Array.isArray(answer) ? answer.join(', ') : answer;
}
