/**
 * Events (webinars and conferences) and their registrations (issue 5, points 2–7): the vocabulary,
 * the pure rules (answers to custom questions, reminder offsets, time checks) and the whole HTTP
 * contract — route paths, params, query, bodies, responses, statuses, error codes and the web paths
 * that e-mails link to. One zod schema per payload, shared by the server, the web app and the CLI.
 *
 * Times are instants in UTC (ISO 8601 with `Z`); every event carries its IANA `timeZone` so each
 * visitor's browser can show the event's zone next to their own.
 *
 * Change this file only with a commit whose message starts "events contract:".
 */
import { z } from 'zod';
import { countryCodeSchema } from './countries/codes.ts';
import { languageCodeSchema } from './languages.ts';
import { timeZoneSchema } from './time.ts';

// ============================================================================ vocabulary

export const EVENT_KINDS = ['webinar', 'conference'] as const;
export const eventKindSchema = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof eventKindSchema>;

/** draft (invisible to the public) → published (registration page live) → cancelled (final). */
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export const eventStatusSchema = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof eventStatusSchema>;

/**
 * A registration's life:
 *
 *   pending_email ──verify──▶ pending_approval (event needs approval) ──approve──▶ confirmed | waiting
 *                  └────────▶ confirmed (a seat was free) | waiting (full)
 *   waiting ──a seat frees──▶ offered ──accept──▶ confirmed
 *                                     └─decline / window expires──▶ cancelled (the seat is offered to the next)
 *   pending_email | pending_approval | confirmed | waiting | offered ──cancel──▶ cancelled
 *   confirmed ──attendance import──▶ attended
 *   pending_approval | confirmed | waiting | offered ──organiser rejects──▶ rejected
 *
 * Seats are held by confirmed, offered and attended registrations, counted on the event row.
 */
export const REGISTRATION_STATUSES = ['pending_email', 'pending_approval', 'confirmed', 'waiting', 'offered', 'cancelled', 'attended', 'rejected'] as const;
export const registrationStatusSchema = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

/** Statuses that hold one of the event's seats. */
export const SEAT_HOLDING_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'offered', 'attended'];
/**
 * Statuses that keep an address from registering again for the event (everything but cancelled):
 * a new sign-up gets the e-mail of the existing registration's status instead — a rejected
 * person gets the rejection again, not a fresh registration.
 */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = ['pending_email', 'pending_approval', 'confirmed', 'waiting', 'offered', 'attended', 'rejected'];

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, { en: string; fr: string }> = {
  pending_email: { en: 'Pending e-mail verification', fr: 'En attente de vérification de l’adresse' },
  pending_approval: { en: 'Pending approval', fr: 'En attente d’approbation' },
  confirmed: { en: 'Confirmed', fr: 'Confirmée' },
  waiting: { en: 'Waiting list', fr: 'Liste d’attente' },
  offered: { en: 'Seat offered', fr: 'Place proposée' },
  cancelled: { en: 'Cancelled', fr: 'Annulée' },
  attended: { en: 'Attended', fr: 'Présent' },
  rejected: { en: 'Rejected', fr: 'Refusée' },
};

/** The participant's professional role (a fixed list: statistics are counted by it). */
export const PARTICIPANT_ROLES = ['law_enforcement', 'prosecutor', 'judge', 'contact_point', 'private_sector', 'ngo', 'other'] as const;
export const participantRoleSchema = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;
export const PARTICIPANT_ROLE_LABELS: Record<ParticipantRole, { en: string; fr: string }> = {
  law_enforcement: { en: 'Law enforcement', fr: 'Services répressifs' },
  prosecutor: { en: 'Prosecutor', fr: 'Procureur' },
  judge: { en: 'Judge', fr: 'Juge' },
  contact_point: { en: '24/7 point of contact', fr: 'Point de contact 24/7' },
  private_sector: { en: 'Private sector', fr: 'Secteur privé' },
  ngo: { en: 'NGO', fr: 'ONG' },
  other: { en: 'Other', fr: 'Autre' },
};

/** The kind of organisation the participant works for (optional on the form; counted in statistics). */
export const ORGANISATION_TYPES = ['police', 'prosecution', 'court', 'ministry', 'international_organisation', 'private_company', 'ngo', 'academia', 'other'] as const;
export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof organisationTypeSchema>;
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, { en: string; fr: string }> = {
  police: { en: 'Police / law-enforcement agency', fr: 'Police / service répressif' },
  prosecution: { en: 'Prosecution service', fr: 'Parquet / ministère public' },
  court: { en: 'Court', fr: 'Juridiction' },
  ministry: { en: 'Ministry / central authority', fr: 'Ministère / autorité centrale' },
  international_organisation: { en: 'International organisation', fr: 'Organisation internationale' },
  private_company: { en: 'Private company', fr: 'Entreprise privée' },
  ngo: { en: 'NGO', fr: 'ONG' },
  academia: { en: 'University / research', fr: 'Université / recherche' },
  other: { en: 'Other', fr: 'Autre' },
};

/** Languages of the registration page and of the e-mails a registrant receives. */
export const REGISTRATION_LANGUAGES = ['en', 'fr'] as const;
export const registrationLanguageSchema = z.enum(REGISTRATION_LANGUAGES);
export type RegistrationLanguage = z.infer<typeof registrationLanguageSchema>;

export const QUESTION_KINDS = ['text', 'choice', 'checkbox'] as const;
export const questionKindSchema = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof questionKindSchema>;

/** Every e-mail a registrant can receive; each is recorded in the outbox with its delivery status. */
export const MAIL_KINDS = [
  'verification', // follow the link to confirm your address (the registration counts only then)
  'approval_pending', // address verified; the organiser approves registrations
  'confirmation', // you have a seat (.ics attached; connection instructions, rules, cancel link)
  'waiting_list', // the event is full: you are on the waiting list (cancel link)
  'offer', // a seat is free: accept or decline before the offer expires
  'cancellation', // your registration is cancelled (by you, or the offer expired)
  'rejection', // the organiser did not accept your registration
  'reminder', // before the start, at each reminder offset: connection instructions, rules of engagement
  'follow_up', // after the event: material links
  'event_cancelled', // the organiser cancelled the event
] as const;
export const mailKindSchema = z.enum(MAIL_KINDS);
export type MailKind = z.infer<typeof mailKindSchema>;

/** queued: not yet delivered (retries pending when `attempts` > 0); sent; failed: gave up after the last attempt. */
export const MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export const mailStatusSchema = z.enum(MAIL_STATUSES);
export type MailStatus = z.infer<typeof mailStatusSchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** How long a verification link stays valid. Registering again re-sends a fresh one. */
export const VERIFY_LINK_HOURS = 72;
/** Default waiting-list offer window. */
export const DEFAULT_OFFER_WINDOW_HOURS = 48;
/** Default reminders: one day before the start. */
export const DEFAULT_REMINDER_OFFSETS = ['P1D'] as const;

// ============================================================================ field rules

/**
 * Characters refused everywhere: C0 controls, DEL, C1 controls, and the bidirectional overrides
 * and isolates that can make text display differently from what it is. Tags and quotes are NOT
 * refused: `<script>` is stored and returned as the plain text it is, and escaped wherever shown.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Multi-line text additionally allows tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** One line of text: trimmed, at most `max` characters, no control characters. */
export const lineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((v) => !CONTROL_IN_LINE.test(v), { error: 'must not contain control characters or line breaks' });

/** Free text over several lines: trimmed, at most `max` characters, no control characters but tab and line breaks. */
export const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((v) => !CONTROL_IN_TEXT.test(v), { error: 'must not contain control characters' });

const required = (schema: z.ZodType<string>) => schema.refine((v) => v.length > 0, { error: 'is required' });

/** An e-mail address, lower-cased: at most 254 characters, one @, a domain with a dot. */
export const registrantEmailSchema = z
  .string()
  .trim()
  .max(254, { error: 'must be at most 254 characters' })
  .pipe(z.email({ error: 'must be a valid e-mail address' }))
  .transform((v) => v.toLowerCase());

/** An instant: ISO 8601 with an offset or `Z` (returned by the server in UTC with `Z`). */
export const instantSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T14:00:00Z' });

const ISO_DURATION = /^P(?:(\d{1,3})W)?(?:(\d{1,3})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,5})M)?)?$/;

/** Milliseconds of an ISO 8601 duration with weeks, days, hours and minutes (`P1D`, `PT2H`, `P1DT12H`); null if not one. */
export function durationMs(iso: string): number | null {
  const m = ISO_DURATION.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const [, w, d, h, min] = m;
  return ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 * 60 + Number(h ?? 0) * 60 + Number(min ?? 0)) * 60_000;
}

/** A reminder offset before the start: an ISO 8601 duration between 5 minutes and 30 days. */
export const reminderOffsetSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => durationMs(v) !== null, { error: 'must be an ISO 8601 duration such as P1D (one day) or PT2H (two hours)' })
  .refine((v) => {
    const ms = durationMs(v) ?? 0;
    return ms >= 5 * 60_000 && ms <= 30 * 86_400_000;
  }, { error: 'must be between 5 minutes (PT5M) and 30 days (P30D)' });

/** A public slug: lower-case letters, digits and dashes, 3–80 characters, e.g. `ocsea-webinar-2026-12`. */
export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,78})[a-z0-9]$/, { error: 'must be 3–80 lower-case letters, digits or dashes, not starting or ending with a dash' });

/** Turns a title into a slug candidate (the server adds a suffix when it is taken). */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return base.length >= 3 ? base : `event-${base || 'x'}`.slice(0, 60);
}

const httpUrl = lineText(2000).refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), { error: 'must be an http(s) URL' });

// ============================================================================ events

/** One session of the programme. */
export const programmeSessionSchema = z
  .object({
    title: required(lineText(300)),
    speakers: z.array(required(lineText(200))).max(20, { error: 'at most 20 speakers' }).default([]),
    startsAt: instantSchema,
    endsAt: instantSchema,
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { error: 'must end after it starts', path: ['endsAt'] });
export type ProgrammeSession = z.infer<typeof programmeSessionSchema>;

/**
 * A custom question on the registration form. `text`: free text (answer: string). `choice`: one of
 * `options` (answer: string), or several when `multiple` (answer: string[]). `checkbox`: a box to
 * tick (answer: boolean; a required checkbox must be ticked).
 */
export const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'must be 1–40 lower-case letters, digits or _, starting with a letter' }),
    label: required(lineText(300)),
    kind: questionKindSchema,
    required: z.boolean().default(false),
    options: z.array(required(lineText(200))).max(50, { error: 'at most 50 options' }).default([]),
    multiple: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'choice' && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice needs at least 2 options' });
    if (q.kind !== 'choice' && q.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${q.kind} question has no options` });
    if (new Set(q.options).size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be different' });
  });
export type Question = z.infer<typeof questionSchema>;

export const materialSchema = z.object({ label: required(lineText(200)), url: httpUrl });
export type Material = z.infer<typeof materialSchema>;

/** The organiser's fields of an event, without defaults (so a patch never resets what it omits). */
const eventFields = z.object({
  kind: eventKindSchema,
  title: lineText(200).refine((v) => v.length >= 3, { error: 'must be at least 3 characters' }),
  /** Public. Plain text (line breaks kept); never interpreted as HTML. */
  description: longText(20_000),
  programme: z.array(programmeSessionSchema).max(100, { error: 'at most 100 sessions' }),
  /** The event's own IANA zone; times are stored and returned in UTC. */
  timeZone: timeZoneSchema,
  startsAt: instantSchema,
  /** Expected duration in minutes (1 minute to 14 days); the end is startsAt + duration. */
  durationMinutes: z.number().int().min(1, { error: 'must be at least 1 minute' }).max(14 * 24 * 60, { error: 'must be at most 14 days' }),
  /** ISO 639-1 code of the language the event is held in. */
  language: z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 language code, e.g. en' }),
  /** E.g. "Simultaneous interpretation into French". */
  interpretationNote: lineText(500),
  capacity: z.number().int().min(1, { error: 'must be at least 1' }).max(10_000, { error: 'must be at most 10000' }),
  registrationOpensAt: instantSchema,
  registrationClosesAt: instantSchema,
  questions: z.array(questionSchema).max(30, { error: 'at most 30 questions' }),
  /** When true, a verified registration waits for the organiser's approval before it takes a seat. */
  requiresApproval: z.boolean(),
  /** PRIVATE: never returned by public routes; sent in the confirmation and reminder e-mails only. */
  connectionInstructions: longText(5000),
  /** PRIVATE, like connectionInstructions. */
  rulesOfEngagement: longText(10_000),
  /** Reminders before the start (ISO 8601 durations), sent to confirmed participants only. */
  reminderOffsets: z.array(reminderOffsetSchema).max(5, { error: 'at most 5 reminders' }).refine((a) => new Set(a).size === a.length, { error: 'must be different' }),
  /** How long a waiting-list offer holds its seat before it passes on (1 hour to 30 days). */
  offerWindowHours: z.number().int().min(1, { error: 'must be at least 1 hour' }).max(720, { error: 'must be at most 720 hours' }),
  /** Links sent in the follow-up after the event (slides, recordings). */
  materials: z.array(materialSchema).max(50, { error: 'at most 50 materials' }),
  /** The privacy notice registrants consent to; empty: the instance's standard notice. */
  privacyNotice: longText(10_000),
  /** Where registrants can write to the organiser (shown on the page and in e-mails). */
  contactEmail: registrantEmailSchema.nullable(),
  slug: slugSchema,
});

/** Cross-field rules of an event, used on create and on the merged result of a patch. */
export function eventTimeErrors(e: { startsAt: string; registrationOpensAt: string; registrationClosesAt: string; durationMinutes: number; programme: ProgrammeSession[] }): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const start = Date.parse(e.startsAt);
  const end = start + e.durationMinutes * 60_000;
  if (Date.parse(e.registrationClosesAt) <= Date.parse(e.registrationOpensAt))
    errors.push({ path: 'registrationClosesAt', message: 'must be after registrationOpensAt' });
  if (Date.parse(e.registrationClosesAt) > end) errors.push({ path: 'registrationClosesAt', message: 'must not be after the end of the event' });
  e.programme.forEach((s, i) => {
    if (Date.parse(s.startsAt) < start || Date.parse(s.endsAt) > end)
      errors.push({ path: `programme.${i}.startsAt`, message: 'the session must lie within the event (startsAt … startsAt + durationMinutes)' });
  });
  return errors;
}

function questionErrors(questions: Question[]): { path: string; message: string }[] {
  const seen = new Set<string>();
  const errors: { path: string; message: string }[] = [];
  questions.forEach((q, i) => {
    if (seen.has(q.id)) errors.push({ path: `questions.${i}.id`, message: 'must be unique within the event' });
    seen.add(q.id);
  });
  return errors;
}

/** Create an event (as a draft). Omitted fields take the defaults shown. */
export const eventInputSchema = eventFields
  .extend({
    description: eventFields.shape.description.default(''),
    programme: eventFields.shape.programme.default([]),
    interpretationNote: eventFields.shape.interpretationNote.default(''),
    questions: eventFields.shape.questions.default([]),
    requiresApproval: eventFields.shape.requiresApproval.default(false),
    connectionInstructions: eventFields.shape.connectionInstructions.default(''),
    rulesOfEngagement: eventFields.shape.rulesOfEngagement.default(''),
    reminderOffsets: eventFields.shape.reminderOffsets.default([...DEFAULT_REMINDER_OFFSETS]),
    offerWindowHours: eventFields.shape.offerWindowHours.default(DEFAULT_OFFER_WINDOW_HOURS),
    materials: eventFields.shape.materials.default([]),
    privacyNotice: eventFields.shape.privacyNotice.default(''),
    contactEmail: eventFields.shape.contactEmail.default(null),
    /** Derived from the title when omitted (made unique by the server). */
    slug: slugSchema.optional(),
  })
  .superRefine((e, ctx) => {
    for (const err of [...eventTimeErrors(e), ...questionErrors(e.questions)]) ctx.addIssue({ code: 'custom', path: err.path.split('.'), message: err.message });
  });
export type EventInput = z.input<typeof eventInputSchema>;

/**
 * Change an event: any subset of fields; the merged event must still pass the time rules. The
 * capacity cannot go below the seats taken (409 conflict); raising it offers the new seats to the
 * waiting list. Changing startsAt/durationMinutes of a published event bumps the .ics SEQUENCE.
 */
export const eventPatchSchema = eventFields.partial().refine((p) => Object.keys(p).length > 0, { error: 'give at least one field to change' });
export type EventPatch = z.infer<typeof eventPatchSchema>;

/** Registration window state, computed by the server at the time of the request. */
export const REGISTRATION_WINDOW_STATES = ['not_open', 'open', 'closed'] as const;
export type RegistrationWindowState = (typeof REGISTRATION_WINDOW_STATES)[number];

export const statusCountsSchema = z.object(Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, z.number().int()])) as Record<RegistrationStatus, z.ZodNumber>);
export type StatusCounts = z.infer<typeof statusCountsSchema>;

/** An event as its organisers see it (everything, including the private fields). */
export const eventSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  /** The organising organisation's name (shown on the public page too). */
  organiser: z.string(),
  status: eventStatusSchema,
  slug: z.string(),
  kind: eventKindSchema,
  title: z.string(),
  description: z.string(),
  programme: z.array(z.object({ title: z.string(), speakers: z.array(z.string()), startsAt: z.string(), endsAt: z.string() })),
  timeZone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  language: z.string(),
  interpretationNote: z.string(),
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  registrationState: z.enum(REGISTRATION_WINDOW_STATES),
  questions: z.array(z.object({ id: z.string(), label: z.string(), kind: questionKindSchema, required: z.boolean(), options: z.array(z.string()), multiple: z.boolean() })),
  requiresApproval: z.boolean(),
  connectionInstructions: z.string(),
  rulesOfEngagement: z.string(),
  reminderOffsets: z.array(z.string()),
  offerWindowHours: z.number().int(),
  materials: z.array(z.object({ label: z.string(), url: z.string() })),
  privacyNotice: z.string(),
  contactEmail: z.string().nullable(),
  counts: statusCountsSchema,
  /** Absolute URL of the public registration page (config.publicUrl + EVENT_WEB_PATHS.event). */
  publicUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** Set once the retention job has anonymised the registrants' personal data. */
  personalDataRemovedAt: z.string().nullable(),
});
export type EventView = z.infer<typeof eventSchema>;

export const eventSummarySchema = eventSchema.pick({
  id: true, organisationId: true, organiser: true, status: true, slug: true, kind: true, title: true, timeZone: true, startsAt: true, endsAt: true,
  language: true, capacity: true, seatsTaken: true, registrationOpensAt: true, registrationClosesAt: true, registrationState: true, counts: true,
  publicUrl: true, updatedAt: true,
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const eventQuerySchema = z.object({
  status: eventStatusSchema.optional(),
  /** Words in the title or description. */
  q: z.string().trim().max(200).optional(),
  /** Only events that end at or after this instant (e.g. now: upcoming and running). */
  endsAfter: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const eventPageSchema = z.object({ items: z.array(eventSummarySchema), total: z.number().int() });

/** Cancel an event: every live registrant is told by e-mail unless `notify` is false. */
export const cancelEventSchema = z.object({
  notify: z.boolean().default(true),
  /** Added to the cancellation e-mail. */
  message: longText(2000).default(''),
});

/**
 * A published (or cancelled) event as anyone sees it, by its slug: no private fields
 * (connection instructions, rules of engagement, materials, counts of people).
 */
export const publicEventSchema = eventSchema.pick({
  id: true, slug: true, status: true, kind: true, title: true, description: true, programme: true, timeZone: true, startsAt: true, endsAt: true,
  durationMinutes: true, language: true, interpretationNote: true, capacity: true, registrationOpensAt: true, registrationClosesAt: true,
  registrationState: true, questions: true, requiresApproval: true, privacyNotice: true, contactEmail: true, organiser: true,
}).extend({
  /** No seat is free now: a new registration joins the waiting list (`joinWaitingList: true` needed). */
  full: z.boolean(),
  seatsLeft: z.number().int(),
});
export type PublicEvent = z.infer<typeof publicEventSchema>;

// ============================================================================ upcoming events (signed-in practitioners)

/**
 * Upcoming events as a signed-in practitioner (any role: `training.read`) finds them on the
 * training page: published events of every organisation that have not started yet, soonest
 * first. The same public fields as the registration page, minus the long texts (description,
 * programme, questions, privacy notice: the page has them), so a list of many stays small; never
 * connection instructions, rules of engagement, materials or people. Signed-in only: organisers
 * never agreed to have their events listed to the world (their registration page is reachable by
 * its address only).
 */
export const upcomingEventSchema = publicEventSchema.pick({
  slug: true, kind: true, title: true, organiser: true, timeZone: true, startsAt: true, endsAt: true, durationMinutes: true, language: true,
  interpretationNote: true, capacity: true, seatsLeft: true, full: true, registrationOpensAt: true, registrationClosesAt: true,
  registrationState: true, requiresApproval: true,
}).extend({
  /** Absolute URL of the public registration page (config.publicUrl + EVENT_WEB_PATHS.event(slug)). */
  publicUrl: z.string(),
});
export type UpcomingEvent = z.infer<typeof upcomingEventSchema>;

/** `GET /api/v1/events/upcoming`: words of the title or description, the event's language, paging. */
export const upcomingEventQuerySchema = z.object({
  q: z.string().trim().max(200, { error: 'must be at most 200 characters' }).optional(),
  /** ISO 639-1 code of the language the event is held in. */
  language: languageCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type UpcomingEventQuery = z.output<typeof upcomingEventQuerySchema>;
export const upcomingEventPageSchema = z.object({ items: z.array(upcomingEventSchema), total: z.number().int() });

// ============================================================================ registrations

/** An answer: text or one choice (string), several choices (string[]), a checkbox (boolean). */
export const answerSchema = z.union([longText(2000), z.array(lineText(200)).max(50, { error: 'at most 50 choices' }), z.boolean()]);
export type Answer = z.infer<typeof answerSchema>;
export const answersSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'is not a question id' }), answerSchema)
  .refine((a) => Object.keys(a).length <= 30, { error: 'at most 30 answers' });
export type Answers = z.infer<typeof answersSchema>;

/**
 * Checks answers against the event's questions (pure: the form and the server run the same
 * rule). Paths are `answers.<questionId>`. Answers to unknown questions are errors too.
 * `requireAnswers: false` (an organiser adding someone by hand) skips the required check only.
 */
export function answerErrors(questions: readonly Question[], answers: Answers, options: { requireAnswers?: boolean } = {}): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) errors.push({ path: `answers.${id}`, message: 'is not a question of this event' });
  for (const q of questions) {
    const path = `answers.${q.id}`;
    const a = answers[q.id];
    const empty = a === undefined || a === '' || a === false || (Array.isArray(a) && a.length === 0);
    if (empty) {
      if (q.required && options.requireAnswers !== false) errors.push({ path, message: q.kind === 'checkbox' ? 'must be ticked' : 'is required' });
      continue;
    }
    switch (q.kind) {
      case 'text':
        if (typeof a !== 'string') errors.push({ path, message: 'must be text' });
        break;
      case 'checkbox':
        if (typeof a !== 'boolean') errors.push({ path, message: 'must be true or false' });
        break;
      case 'choice': {
        const picked = typeof a === 'string' ? [a] : Array.isArray(a) ? a : null;
        if (!picked) errors.push({ path, message: 'must be one of the options' });
        else if (Array.isArray(a) && !q.multiple) errors.push({ path, message: 'takes one option only' });
        else if (picked.some((p) => !q.options.includes(p))) errors.push({ path, message: `must be among: ${q.options.join(', ')}` });
        else if (new Set(picked).size !== picked.length) errors.push({ path, message: 'lists an option twice' });
        break;
      }
    }
  }
  return errors;
}

/** The fields every registration has (public form and organiser's manual add). */
const registrantFields = {
  name: required(lineText(200)),
  organisation: required(lineText(200)),
  organisationType: organisationTypeSchema.nullable().default(null),
  country: countryCodeSchema,
  role: participantRoleSchema,
  email: registrantEmailSchema,
  answers: answersSchema.default({}),
  /** The language of the e-mails the registrant receives. */
  language: registrationLanguageSchema.default('en'),
};

/**
 * The public registration form. Always answered 202 "check your mailbox" — for a new
 * registration, for an address already registered (the status e-mail is sent again, without
 * telling the caller), and for a filled honeypot (nothing stored, nothing sent).
 */
export const registrationInputSchema = z.object({
  ...registrantFields,
  /** Consent to the privacy notice; must be true. */
  consent: z.literal(true, { error: 'you must accept the privacy notice' }),
  /** Honeypot: a hidden input people never fill in. Must stay empty. */
  website: z.string().max(500, { error: 'must be at most 500 characters' }).default(''),
  /** Required (true) when the event is full: the registrant knowingly joins the waiting list. */
  joinWaitingList: z.boolean().default(false),
});
export type RegistrationInput = z.input<typeof registrationInputSchema>;

export const registrationAcceptedSchema = z.object({
  status: z.literal('check_mailbox'),
  /** The event was full when the form was sent: a verified registration joins the waiting list. */
  waitingList: z.boolean(),
});
export type RegistrationAccepted = z.infer<typeof registrationAcceptedSchema>;

/** A link token: 256 random bits, base64url (43 characters). */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'is not a valid link' });
export const tokenBodySchema = z.object({ token: linkTokenSchema });

/**
 * What the holder of a registration's link sees: the status and what they can do — no personal
 * data (a forwarded link shows nothing about the person).
 */
export const registrationLinkViewSchema = z.object({
  event: z.object({ slug: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string(), timeZone: z.string(), status: eventStatusSchema }),
  status: registrationStatusSchema,
  /** 1-based position on the waiting list, when waiting. */
  waitingPosition: z.number().int().nullable(),
  /** When an offered seat passes on, when offered. */
  offerExpiresAt: z.string().nullable(),
  allowed: z.object({ cancel: z.boolean(), acceptOffer: z.boolean(), declineOffer: z.boolean() }),
});
export type RegistrationLinkView = z.infer<typeof registrationLinkViewSchema>;

/** A registration as the organiser sees it. */
export const registrationSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  status: registrationStatusSchema,
  /** Empty strings and null e-mail once anonymised by the retention job. */
  name: z.string(),
  organisation: z.string(),
  organisationType: organisationTypeSchema.nullable(),
  country: z.string(),
  role: participantRoleSchema,
  email: z.string().nullable(),
  language: registrationLanguageSchema,
  answers: z.record(z.string(), answerSchema),
  /** `public`: the registration page; `organiser`: added by hand. */
  source: z.enum(['public', 'organiser']),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  waitingPosition: z.number().int().nullable(),
  offerExpiresAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  attendedAt: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  anonymisedAt: z.string().nullable(),
  allowed: z.object({ approve: z.boolean(), reject: z.boolean() }),
});
export type Registration = z.infer<typeof registrationSchema>;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).optional().transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]) as z.output<T>[] | undefined);

/** Filters of the registrations list and of the export (repeat a key for several values: `status=confirmed&status=attended`). */
export const registrationQuerySchema = z.object({
  status: oneOrMany(registrationStatusSchema),
  country: oneOrMany(countryCodeSchema),
  role: oneOrMany(participantRoleSchema),
  organisationType: oneOrMany(organisationTypeSchema),
  /** Words in name, organisation or e-mail. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RegistrationQuery = z.output<typeof registrationQuerySchema>;
export const registrationPageSchema = z.object({ items: z.array(registrationSchema), total: z.number().int() });

/** `GET …/export?format=csv|xlsx` plus the list filters (without paging). */
export const exportQuerySchema = registrationQuerySchema.omit({ limit: true, offset: true }).extend({ format: exportFormatSchema });

/**
 * The organiser adds a person by hand (they asked by phone, a colleague's e-mail): no e-mail
 * verification or approval. The registration is `confirmed` when a seat is free, else `waiting`
 * (at the end of the list) — the response's `status` says which.
 */
export const manualRegistrationSchema = z.object({
  ...registrantFields,
  /** Send the registrant the confirmation (or waiting-list) e-mail. */
  notify: z.boolean().default(true),
});
export type ManualRegistrationInput = z.input<typeof manualRegistrationSchema>;

export const rejectBodySchema = z.object({ reason: longText(2000).default(''), notify: z.boolean().default(true) });

/** Attendance list: CSV text with an e-mail column (a header named email / e-mail / mail / courriel, or the first column holding addresses). */
export const attendanceImportSchema = z.object({
  csv: z.string().min(1, { error: 'is empty' }).max(2_000_000, { error: 'must be at most 2 MB' }),
  /** `,` by default; `;` for files saved by spreadsheets in decimal-comma locales. */
  delimiter: z.enum([',', ';', '\t']).default(','),
});
export const attendanceResultSchema = z.object({
  /** Confirmed registrations now marked attended. */
  marked: z.number().int(),
  alreadyAttended: z.number().int(),
  /** Rows whose address matches no registration of the event. */
  unknown: z.array(z.object({ line: z.number().int(), email: z.string() })),
  /** Rows of registrations that were not confirmed (e.g. cancelled, waiting): not marked. */
  notConfirmed: z.array(z.object({ line: z.number().int(), email: z.string(), status: registrationStatusSchema })),
  /** Rows without a valid e-mail address. */
  invalid: z.array(z.object({ line: z.number().int(), value: z.string() })),
});
export type AttendanceResult = z.infer<typeof attendanceResultSchema>;

const countedSchema = z.array(z.object({ key: z.string(), count: z.number().int() }));

/** Statistics of an event; they survive the anonymisation of registrants (country, role, type and status are kept). */
export const statisticsQuerySchema = z.object({
  /** Which registrations the breakdowns count (default: confirmed and attended). */
  status: oneOrMany(registrationStatusSchema),
});
export const eventStatisticsSchema = z.object({
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  /** Every registration by status. */
  byStatus: statusCountsSchema,
  /** The statuses the breakdowns below count. */
  counted: z.array(registrationStatusSchema),
  total: z.number().int(),
  /** Largest first, then by key. */
  byCountry: countedSchema,
  byRole: countedSchema,
  /** `unknown` for registrations without an organisation type. */
  byOrganisationType: countedSchema,
});
export type EventStatistics = z.infer<typeof eventStatisticsSchema>;

/** Data of the printable participant list: confirmed and attended, by name. */
export const participantListSchema = z.object({
  event: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), endsAt: z.string(), timeZone: z.string(), language: z.string(), organiser: z.string() }),
  generatedAt: z.string(),
  participants: z.array(z.object({
    registrationId: z.uuid(), name: z.string(), organisation: z.string(), organisationType: organisationTypeSchema.nullable(), country: z.string(),
    role: participantRoleSchema, status: registrationStatusSchema,
  })),
});
export type ParticipantList = z.infer<typeof participantListSchema>;

// ============================================================================ e-mail log

/**
 * One recorded e-mail. The body is shown with its links replaced by `[link]`: the personal link
 * tokens are the registrant's, not the organiser's.
 */
export const mailMessageSchema = z.object({
  id: z.uuid(),
  registrationId: z.uuid().nullable(),
  kind: mailKindSchema,
  /** null once anonymised. */
  recipient: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  /** The .ics file name when the message carries the event as an attachment. */
  attachment: z.string().nullable(),
  status: mailStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type MailMessageView = z.infer<typeof mailMessageSchema>;
export const mailMessageListSchema = z.object({ items: z.array(mailMessageSchema) });
export const eventMessagesQuerySchema = z.object({
  status: oneOrMany(mailStatusSchema),
  kind: oneOrMany(mailKindSchema),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const mailMessagePageSchema = z.object({ items: z.array(mailMessageSchema), total: z.number().int() });

/**
 * Run the reminder pass of one event now. `asOf` runs it as if it were that instant (the pass
 * sends what would be due then); only the instance operator may give it (the local CLI,
 * `liaison event remind <id> --as-of …`): see docs/adr/0008-event-reminders-as-of.md.
 */
export const remindBodySchema = z.object({ asOf: instantSchema.optional() });
export const remindResultSchema = z.object({
  asOf: z.string(),
  /** Reminder e-mails queued by this pass (one per confirmed participant and due offset not yet sent). */
  queued: z.number().int(),
  /** Of those, delivered right away. */
  sent: z.number().int(),
});

// ============================================================================ errors

/**
 * Error codes specific to registration (all HTTP 409), in the API's one error shape
 * `{ error: { code, message, fields } }`. Besides these: 400 validation_failed (fields name
 * each problem, e.g. `email: must be a valid e-mail address`, `answers.diet: is required`),
 * 404 not_found (unknown or unpublished event, a link that is not valid, another organisation's
 * event), 429 rate_limited (per IP, or per e-mail domain).
 */
export const EVENT_ERROR_CODES = {
  registration_not_open: 'Registration has not opened yet',
  registration_closed: 'Registration is closed',
  event_full: 'The event is full: register with joinWaitingList: true to join the waiting list',
  event_cancelled: 'The event has been cancelled',
  offer_expired: 'The offered seat is no longer available (the offer expired or was answered)',
} as const;
export type EventErrorCode = keyof typeof EVENT_ERROR_CODES;

// ============================================================================ HTTP routes

/**
 * Every events route. Public routes need no account; `upcoming` needs any signed-in user
 * (`training.read`); organiser routes need `event.manage`, and answer 404 for another
 * organisation's event. Params are UUIDs except `slug`.
 */
export const EVENT_ROUTES = {
  // ---- public (no account; rate-limited per IP)
  /** → publicEventSchema. 404 unless published or cancelled. */
  publicEvent: { method: 'GET', path: '/api/v1/public/events/:slug' },
  /** registrationInputSchema → 202 registrationAcceptedSchema. */
  register: { method: 'POST', path: '/api/v1/public/events/:slug/registrations' },
  /** tokenBodySchema (the verification link's token) → registrationLinkViewSchema. Idempotent. */
  verify: { method: 'POST', path: '/api/v1/public/events/:slug/verify' },
  /** tokenBodySchema (the personal link's token) → registrationLinkViewSchema. */
  linkStatus: { method: 'POST', path: '/api/v1/public/events/:slug/registration' },
  /** tokenBodySchema → registrationLinkViewSchema (status cancelled). */
  cancel: { method: 'POST', path: '/api/v1/public/events/:slug/cancel' },
  /** tokenBodySchema → registrationLinkViewSchema (confirmed); 409 offer_expired. */
  acceptOffer: { method: 'POST', path: '/api/v1/public/events/:slug/offer/accept' },
  /** tokenBodySchema → registrationLinkViewSchema (cancelled); the seat goes to the next. */
  declineOffer: { method: 'POST', path: '/api/v1/public/events/:slug/offer/decline' },

  // ---- signed-in practitioners (training.read: every role)
  /** upcomingEventQuerySchema → upcomingEventPageSchema: published events of every organisation not started yet, soonest first. */
  upcoming: { method: 'GET', path: '/api/v1/events/upcoming' },

  // ---- organisers (event.manage)
  /** eventQuerySchema → eventPageSchema. */
  list: { method: 'GET', path: '/api/v1/events' },
  /** eventInputSchema → 201 eventSchema (draft). */
  create: { method: 'POST', path: '/api/v1/events' },
  /** → eventSchema. */
  get: { method: 'GET', path: '/api/v1/events/:id' },
  /** eventPatchSchema → eventSchema. */
  update: { method: 'PATCH', path: '/api/v1/events/:id' },
  /** → okSchema. Drafts only (409 otherwise: cancel a published event). */
  remove: { method: 'DELETE', path: '/api/v1/events/:id' },
  /** → eventSchema. Draft → published. */
  publish: { method: 'POST', path: '/api/v1/events/:id/publish' },
  /** cancelEventSchema → eventSchema. */
  cancelEvent: { method: 'POST', path: '/api/v1/events/:id/cancel' },
  /** registrationQuerySchema → registrationPageSchema (waiting list in FIFO order when filtered by status=waiting). */
  registrations: { method: 'GET', path: '/api/v1/events/:id/registrations' },
  /** manualRegistrationSchema → 201 registrationSchema (status confirmed or waiting). */
  addRegistration: { method: 'POST', path: '/api/v1/events/:id/registrations' },
  /** → registrationSchema. */
  registration: { method: 'GET', path: '/api/v1/events/:id/registrations/:registrationId' },
  /** → registrationSchema (confirmed, or waiting when full). From pending_approval only. */
  approve: { method: 'POST', path: '/api/v1/events/:id/registrations/:registrationId/approve' },
  /** rejectBodySchema → registrationSchema (rejected; a held seat goes to the waiting list). */
  reject: { method: 'POST', path: '/api/v1/events/:id/registrations/:registrationId/reject' },
  /** → mailMessageListSchema, oldest first. */
  registrationMessages: { method: 'GET', path: '/api/v1/events/:id/registrations/:registrationId/messages' },
  /** → 201 mailMessageSchema: the same kind of e-mail again, with fresh links. */
  resendMessage: { method: 'POST', path: '/api/v1/events/:id/registrations/:registrationId/messages/:messageId/resend' },
  /** eventMessagesQuerySchema → mailMessagePageSchema: every e-mail of the event, newest first. */
  messages: { method: 'GET', path: '/api/v1/events/:id/messages' },
  /** attendanceImportSchema → attendanceResultSchema. */
  attendance: { method: 'POST', path: '/api/v1/events/:id/attendance' },
  /** exportQuerySchema → the file (text/csv or .xlsx), as an attachment. Audited. */
  export: { method: 'GET', path: '/api/v1/events/:id/export' },
  /** statisticsQuerySchema → eventStatisticsSchema. */
  statistics: { method: 'GET', path: '/api/v1/events/:id/statistics' },
  /** → participantListSchema (the printable list). */
  participants: { method: 'GET', path: '/api/v1/events/:id/participants' },
  /** remindBodySchema → remindResultSchema. `asOf` for the operator only. */
  remind: { method: 'POST', path: '/api/v1/events/:id/remind' },
} as const;

/** Fills `:name` parameters of a route path. */
export function eventPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

// ============================================================================ web pages

/**
 * The web paths e-mails link to (prefixed with the instance's public URL). The web app implements
 * them as pages calling the public routes above. Links carry the token in the query; a page must
 * send it in a POST body (never a GET to the API, so tokens stay out of logs). The verification
 * page may submit on load; the cancel, accept and decline actions need a click, because mail
 * scanners open links.
 */
export const EVENT_WEB_PATHS = {
  /** The public event and registration page. */
  event: (slug: string) => `/e/${encodeURIComponent(slug)}`,
  /** Verification link (token from the verification e-mail) → POST verify. */
  verify: (slug: string, token: string) => `/e/${encodeURIComponent(slug)}/verify?token=${token}`,
  /**
   * The registrant's personal page (token from confirmation, waiting-list, offer and reminder
   * e-mails) → POST linkStatus; `action` preselects cancel | accept | decline.
   */
  manage: (slug: string, token: string, action?: 'cancel' | 'accept' | 'decline') =>
    `/e/${encodeURIComponent(slug)}/registration?token=${token}${action ? `&action=${action}` : ''}`,
} as const;
