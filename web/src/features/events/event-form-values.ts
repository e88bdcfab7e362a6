/**
 * The organiser's event form as plain values, and the conversions between those values and the
 * contract's payloads. Times are typed as wall-clock readings in the event's own zone (what an
 * organiser thinks in) and become UTC instants only in the payload; reminders are typed as an
 * amount and a unit and become ISO 8601 durations.
 */
import {
  DEFAULT_OFFER_WINDOW_HOURS,
  durationMs,
  type EventInput,
  type EventKind,
  type EventPatch,
  type EventView,
  type QuestionKind,
} from '../../../../domain/events.ts';
import { fromZoneInput, toZoneInput, visitorTimeZone } from './event-labels.ts';

/** One session of the programme, as typed. */
export interface SessionValues {
  /** A stable React key (rows can be removed from the middle). */
  key: string;
  title: string;
  /** One speaker per line. */
  speakers: string;
  startsAt: string;
  endsAt: string;
}

/** One custom question, as typed. */
export interface QuestionValues {
  key: string;
  /** Kept for questions that exist already (answers are stored under it); derived from the label for new ones. */
  id: string;
  label: string;
  kind: QuestionKind;
  required: boolean;
  /** One option per line (choice questions). */
  options: string;
  multiple: boolean;
}

/** The units a reminder offset is typed in. */
export const OFFSET_UNITS = ['days', 'hours', 'minutes'] as const;
/** One of {@link OFFSET_UNITS}. */
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

/** One reminder before the start, as typed. */
export interface ReminderValues {
  key: string;
  amount: string;
  unit: OffsetUnit;
}

/** One material link, as typed. */
export interface MaterialValues {
  key: string;
  label: string;
  url: string;
}

/** Everything the form holds. Numbers stay text until sent, so a half-typed value is not lost. */
export interface EventFormValues {
  kind: EventKind;
  title: string;
  description: string;
  timeZone: string;
  startsAt: string;
  durationMinutes: string;
  language: string;
  interpretationNote: string;
  capacity: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  requiresApproval: boolean;
  programme: SessionValues[];
  questions: QuestionValues[];
  connectionInstructions: string;
  rulesOfEngagement: string;
  reminders: ReminderValues[];
  offerWindowHours: string;
  materials: MaterialValues[];
  privacyNotice: string;
  contactEmail: string;
  slug: string;
}

let counter = 0;
/** A key for a new row. */
export const newKey = () => `row-${++counter}`;

/** A new session starting where the previous one ends (or at the event's start), 30 minutes long. */
export function newSession(values: EventFormValues): SessionValues {
  const previousEnd = values.programme.at(-1)?.endsAt ?? values.startsAt;
  const start = fromZoneInput(previousEnd, values.timeZone);
  const end = start && !Number.isNaN(Date.parse(start)) ? toZoneInput(new Date(Date.parse(start) + 30 * 60_000).toISOString(), values.timeZone) : '';
  return { key: newKey(), title: '', speakers: '', startsAt: previousEnd, endsAt: end };
}

/** A new, empty question. */
export function newQuestion(): QuestionValues {
  return { key: newKey(), id: '', label: '', kind: 'text', required: false, options: '', multiple: false };
}

/** `P1D` → 1 day, `PT2H` → 2 hours, `PT90M` → 90 minutes: the largest unit that divides it. */
export function reminderFromOffset(offset: string): ReminderValues {
  const ms = durationMs(offset) ?? 0;
  const minutes = Math.round(ms / 60_000);
  if (minutes > 0 && minutes % 1440 === 0) return { key: newKey(), amount: String(minutes / 1440), unit: 'days' };
  if (minutes > 0 && minutes % 60 === 0) return { key: newKey(), amount: String(minutes / 60), unit: 'hours' };
  return { key: newKey(), amount: String(minutes), unit: 'minutes' };
}

/** 1 day → `P1D`, 2 hours → `PT2H`, 90 minutes → `PT90M`; the text as typed when it is no number (the schema then says why). */
export function offsetFromReminder(reminder: ReminderValues): string {
  const amount = reminder.amount.trim();
  if (!/^\d{1,5}$/.test(amount)) return amount;
  switch (reminder.unit) {
    case 'days':
      return `P${Number(amount)}D`;
    case 'hours':
      return `PT${Number(amount)}H`;
    case 'minutes':
      return `PT${Number(amount)}M`;
  }
}

/** The form of a new event: a webinar in the organiser's own zone, one reminder the day before. */
export function emptyEventValues(): EventFormValues {
  return {
    kind: 'webinar',
    title: '',
    description: '',
    timeZone: visitorTimeZone(),
    startsAt: '',
    durationMinutes: '90',
    language: 'en',
    interpretationNote: '',
    capacity: '300',
    registrationOpensAt: '',
    registrationClosesAt: '',
    requiresApproval: false,
    programme: [],
    questions: [],
    connectionInstructions: '',
    rulesOfEngagement: '',
    reminders: [{ key: newKey(), amount: '1', unit: 'days' }],
    offerWindowHours: String(DEFAULT_OFFER_WINDOW_HOURS),
    materials: [],
    privacyNotice: '',
    contactEmail: '',
    slug: '',
  };
}

/** The form of an existing event. */
export function eventToValues(event: EventView): EventFormValues {
  const zone = event.timeZone;
  return {
    kind: event.kind,
    title: event.title,
    description: event.description,
    timeZone: zone,
    startsAt: toZoneInput(event.startsAt, zone),
    durationMinutes: String(event.durationMinutes),
    language: event.language,
    interpretationNote: event.interpretationNote,
    capacity: String(event.capacity),
    registrationOpensAt: toZoneInput(event.registrationOpensAt, zone),
    registrationClosesAt: toZoneInput(event.registrationClosesAt, zone),
    requiresApproval: event.requiresApproval,
    programme: event.programme.map((session) => ({
      key: newKey(),
      title: session.title,
      speakers: session.speakers.join('\n'),
      startsAt: toZoneInput(session.startsAt, zone),
      endsAt: toZoneInput(session.endsAt, zone),
    })),
    questions: event.questions.map((question) => ({ key: newKey(), ...question, options: question.options.join('\n') })),
    connectionInstructions: event.connectionInstructions,
    rulesOfEngagement: event.rulesOfEngagement,
    reminders: event.reminderOffsets.map(reminderFromOffset),
    offerWindowHours: String(event.offerWindowHours),
    materials: event.materials.map((material) => ({ key: newKey(), ...material })),
    privacyNotice: event.privacyNotice,
    contactEmail: event.contactEmail ?? '',
    slug: event.slug,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A number typed in a text input; NaN (refused by the schema as "not a number") when it is not one. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * A question id from its label: `Dietary needs?` → `dietary_needs`. Ids only name answers in the
 * data, so people never type them; existing ones are kept so stored answers stay attached.
 */
export function questionIdFrom(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 32)
      .replace(/_+$/g, '') || 'question';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

/**
 * The create payload for the form's values (before the schema checks it: the schema names what
 * is wrong, field by field). Empty slug and contact e-mail mean "none given".
 */
export function valuesToInput(values: EventFormValues): EventInput {
  const zone = values.timeZone;
  const taken = new Set(values.questions.map((question) => question.id).filter((id) => id !== ''));
  return {
    kind: values.kind,
    title: values.title,
    description: values.description,
    programme: values.programme.map((session) => ({
      title: session.title,
      speakers: lines(session.speakers),
      startsAt: fromZoneInput(session.startsAt, zone),
      endsAt: fromZoneInput(session.endsAt, zone),
    })),
    timeZone: zone,
    startsAt: fromZoneInput(values.startsAt, zone),
    durationMinutes: numberOf(values.durationMinutes),
    language: values.language,
    interpretationNote: values.interpretationNote,
    capacity: numberOf(values.capacity),
    registrationOpensAt: fromZoneInput(values.registrationOpensAt, zone),
    registrationClosesAt: fromZoneInput(values.registrationClosesAt, zone),
    questions: values.questions.map((question) => {
      let id = question.id;
      if (id === '') {
        id = questionIdFrom(question.label, taken);
        taken.add(id);
      }
      return {
        id,
        label: question.label,
        kind: question.kind,
        required: question.required,
        options: question.kind === 'choice' ? lines(question.options) : [],
        multiple: question.kind === 'choice' && question.multiple,
      };
    }),
    requiresApproval: values.requiresApproval,
    connectionInstructions: values.connectionInstructions,
    rulesOfEngagement: values.rulesOfEngagement,
    reminderOffsets: values.reminders.map(offsetFromReminder),
    offerWindowHours: numberOf(values.offerWindowHours),
    materials: values.materials.map((material) => ({ label: material.label, url: material.url })),
    privacyNotice: values.privacyNotice,
    contactEmail: values.contactEmail.trim() === '' ? null : values.contactEmail,
    ...(values.slug.trim() === '' ? {} : { slug: values.slug }),
  };
}

/** A value as compared for a patch: instants as instants (`…14:00:00Z` = `…14:00:00.000Z`), objects by key. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  // Keys sorted: the same object from the server and from the form may list its fields in another order.
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, normalise(v)]));
  return value;
}

const PATCHABLE = [
  'kind', 'title', 'description', 'programme', 'timeZone', 'startsAt', 'durationMinutes', 'language', 'interpretationNote', 'capacity',
  'registrationOpensAt', 'registrationClosesAt', 'questions', 'requiresApproval', 'connectionInstructions', 'rulesOfEngagement',
  'reminderOffsets', 'offerWindowHours', 'materials', 'privacyNotice', 'contactEmail', 'slug',
] as const satisfies readonly (keyof EventView & keyof EventPatch)[];

/**
 * Only the fields that differ from the event as loaded: a patch never rewrites what the organiser
 * left alone (another organiser may have changed it meanwhile), and an unchanged start keeps the
 * calendar entries' sequence.
 */
export function changedFields(existing: EventView, parsed: Record<string, unknown>): EventPatch {
  const patch: Record<string, unknown> = {};
  for (const field of PATCHABLE) {
    if (!(field in parsed)) continue;
    if (JSON.stringify(normalise(parsed[field])) !== JSON.stringify(normalise(existing[field]))) patch[field] = parsed[field];
  }
  return patch as EventPatch;
}
