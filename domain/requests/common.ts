/**
 * Building blocks the request types share: field schemas, the authority and contact entries of the
 * T-CY templates, the offence and data vocabularies, and what a follow-up carries over from the
 * request it follows. Kept in one place so that the same item reads the same in every form.
 */
import type { IdentifierKind } from '../identifiers.ts';
import { timeZoneSchema } from '../time.ts';
import { z } from 'zod';
import { OFFENCE_CATEGORIES, offenceCategorySchema, type OffenceCategory } from '../cases.ts';
import type { DocumentLanguage } from '../documents.ts';
import {
  asRecord,
  getAt,
  IDENTIFIER_KIND_LABELS,
  localiseArticle,
  requestIdentifierSchema,
  stringsAt,
  textAt,
  toDraftSchema,
  type DraftOf,
  type EntrySpec,
  type FieldSpec,
  type Localised,
  type PrefillContext,
} from './definition.ts';

// ─── Field schemas ──────────────────────────────────────────────────────────────────────────────

/** A text the requester must fill in. */
export const text = () => z.string().trim().min(1, { error: 'required' });
/** A text the requester may leave empty. */
export const optionalText = () => z.string().trim().optional();

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An e-mail address that must be given. */
export const email = () => z.string().trim().regex(EMAIL, { error: 'must be an e-mail address' });
/** An e-mail address that may be left empty. */
export const optionalEmail = () =>
  z
    .string()
    .trim()
    .refine((value) => value === '' || EMAIL.test(value), { error: 'must be an e-mail address' })
    .optional();

/** A calendar date, YYYY-MM-DD. */
export const date = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
      error: 'is not a real date',
    });

/** ISO 3166-1 alpha-2, as the directory stores countries. */
export const country = () => z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' });

/** A statement the requester makes by ticking it; a complete request needs it ticked. */
export const statement = () => z.literal(true, { error: 'must be confirmed' });

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z)?$/;
/** A date (YYYY-MM-DD) or a UTC instant: data periods are given either way. */
export const dateOrInstant = () => z.string().regex(DATE_OR_INSTANT, { error: 'must be a date YYYY-MM-DD or a UTC instant' });

/** The period of the data sought or to be preserved. */
export const periodSchema = () => z.object({ from: dateOrInstant().optional(), to: dateOrInstant().optional() });

/** Identifiers: at least one for a complete request. */
export const identifiersSchema = () => z.array(requestIdentifierSchema).min(1, { error: 'give at least one identifier' });

// ─── Vocabularies ───────────────────────────────────────────────────────────────────────────────

/** Offence categories as choice labels (domain/cases.ts). */
export const OFFENCE_OPTIONS: Readonly<Record<OffenceCategory, Localised>> = Object.fromEntries(
  Object.entries(OFFENCE_CATEGORIES).map(([key, value]) => [key, { en: value.label.en, fr: value.label.fr }]),
) as Record<OffenceCategory, Localised>;

/** At least one offence category: every request names the offence. */
export const offenceCategoriesSchema = () => z.array(offenceCategorySchema).min(1, { error: 'choose at least one offence' });

/**
 * Categories of data. "identification" is the Regulation's data requested for the sole purpose of
 * identifying the user (Reg. 2023/1543 Art. 3(10)); elsewhere it is treated as traffic data.
 */
export const DATA_CATEGORY_OPTIONS = {
  subscriber: { en: 'Subscriber information', fr: 'Informations relatives aux abonnés' },
  identification: { en: 'Data requested for the sole purpose of identifying the user', fr: 'Données demandées uniquement aux fins d’identifier l’utilisateur' },
  traffic: { en: 'Traffic data', fr: 'Données relatives au trafic' },
  content: { en: 'Content data', fr: 'Données relatives au contenu' },
} as const satisfies Record<string, Localised>;
/** A category of data a request may concern. */
export type RequestDataCategory = keyof typeof DATA_CATEGORY_OPTIONS;

/** The categories a given form offers, with their labels. */
export function dataCategoryOptions<K extends RequestDataCategory>(keys: readonly K[]): Record<K, Localised> {
  return Object.fromEntries(keys.map((key) => [key, DATA_CATEGORY_OPTIONS[key]])) as unknown as Record<K, Localised>;
}

/**
 * Subscriber information as Budapest Art. 18(3) defines it (checked against the Convention text,
 * statengeneraal/laws-markdown verdrag/convention/on/cybercrime/BWBV0001839/README.md).
 */
export const SUBSCRIBER_INFO_OPTIONS = {
  service: {
    en: 'Type of communication service used, technical provisions and period of service (Art. 18(3)(a))',
    fr: 'Type de service de communication utilisé, dispositions techniques prises à cet égard et période de service (art. 18(3)(a))',
  },
  identity: { en: 'Identity of the subscriber (Art. 18(3)(b))', fr: 'Identité de l’abonné (art. 18(3)(b))' },
  address: { en: 'Postal or geographic address (Art. 18(3)(b))', fr: 'Adresse postale ou géographique (art. 18(3)(b))' },
  access_numbers: { en: 'Telephone and other access numbers (Art. 18(3)(b))', fr: 'Numéros de téléphone et autres numéros d’accès (art. 18(3)(b))' },
  billing: { en: 'Billing and payment information (Art. 18(3)(b))', fr: 'Données de facturation et de paiement (art. 18(3)(b))' },
  equipment_location: {
    en: 'Site of the installation of communication equipment (Art. 18(3)(c))',
    fr: 'Lieu d’installation des équipements de communication (art. 18(3)(c))',
  },
} as const satisfies Record<string, Localised>;
/** The elements of subscriber information sought, at least one. */
export const subscriberInfoSchema = () =>
  z.array(z.enum(Object.keys(SUBSCRIBER_INFO_OPTIONS) as [keyof typeof SUBSCRIBER_INFO_OPTIONS, ...(keyof typeof SUBSCRIBER_INFO_OPTIONS)[]])).min(1, {
    error: 'choose at least one element of subscriber information',
  });

// ─── Shapes shared by several forms ─────────────────────────────────────────────────────────────

/**
 * The requesting authority of the T-CY templates (item 5): organisation, person in charge,
 * address, telephones, e-mail, fax, office hours, time zone and preferred reply channel
 * (checked against T-CY(2018)10, https://rm.coe.int/template-article31-mla-subscriber/1680a273d9).
 */
export const requestingAuthorityShape = () => ({
  organisation: text(),
  person: text(),
  address: optionalText(),
  phone: optionalText(),
  mobile: optionalText(),
  email: optionalEmail(),
  fax: optionalText(),
  officeHours: optionalText(),
  timeZone: timeZoneSchema,
  preferredReplyChannel: text(),
});

/** T-CY item 6: who confirms the request if the requested authority needs it. */
export const confirmationContactShape = () => ({
  name: text(),
  jobTitle: optionalText(),
  phone: optionalText(),
  mobile: optionalText(),
  email: optionalEmail(),
});

/** T-CY item 7: the investigative or operational authority, if different from the requesting one. */
export const investigativeAuthorityShape = () => ({
  organisation: optionalText(),
  person: optionalText(),
  address: optionalText(),
  phone: optionalText(),
  email: optionalEmail(),
});

/** An authority issuing an order directly to a provider (Protocol Arts. 6, 7, 9; Reg. 2023/1543). */
export const issuingAuthorityShape = () => ({
  organisation: text(),
  person: text(),
  address: optionalText(),
  phone: optionalText(),
  email: email(),
  timeZone: timeZoneSchema,
});

/** An earlier request referred to by a follow-up (T-CY(2018)10 items 9 and 10). */
export const earlierRequestShape = () => ({
  date: date().optional(),
  reference: optionalText(),
  requestingAuthority: optionalText(),
  respondingAuthority: optionalText(),
  channel: optionalText(),
});

// ─── Entries shared by several forms ────────────────────────────────────────────────────────────

const WHY = {
  date: { en: 'The date starts the time limits and tells the requested authority how fresh the request is.', fr: 'La date fait courir les délais et indique à l’autorité requise l’actualité de la demande.' },
  reference: { en: 'The reference lets both sides match replies, extensions and follow-ups to this request.', fr: 'La référence permet aux deux parties de rattacher réponses, prolongations et suites à cette demande.' },
  organisation: { en: 'The requested authority must know which authority asks, to judge whether it is competent.', fr: 'L’autorité requise doit savoir quelle autorité demande, pour apprécier sa compétence.' },
  person: { en: 'A named person in charge can be called back at any hour.', fr: 'Une personne responsable nommée peut être rappelée à toute heure.' },
  timeZone: { en: 'Times in the request and in the reply are only comparable with the time zone of the requesting authority.', fr: 'Les heures de la demande et de la réponse ne sont comparables qu’avec le fuseau horaire de l’autorité requérante.' },
  replyChannel: { en: 'Say how the reply should come (e-mail or other expedited means) so it is not lost in slow channels.', fr: 'Indiquez par quel moyen la réponse doit parvenir (courriel ou autre moyen rapide) pour qu’elle ne se perde pas dans des circuits lents.' },
  optionalContact: { en: 'Optional: makes the authority reachable.', fr: 'Facultatif : permet de joindre l’autorité.' },
  contactName: { en: 'The requested authority may need to confirm the request before acting on it.', fr: 'L’autorité requise peut devoir faire confirmer la demande avant d’agir.' },
  investigative: { en: 'Only if the investigating unit is not the requesting authority.', fr: 'Seulement si le service enquêteur n’est pas l’autorité requérante.' },
} as const;

/** Item "date" (T-CY item 1 and equivalents). */
export function dateEntry(number: string, source: string): EntrySpec {
  return { number, label: { en: 'Date', fr: 'Date' }, source, fields: [{ path: 'date', why: WHY.date, required: true }] };
}

/** Item "reference / case number" (T-CY item 2 and equivalents). */
export function referenceEntry(number: string, source: string): EntrySpec {
  return { number, label: { en: 'Reference / case number', fr: 'Référence / numéro de dossier' }, source, fields: [{ path: 'reference', why: WHY.reference, required: true }] };
}

const AUTHORITY_FIELD_LABELS = {
  organisation: { en: 'Organisation', fr: 'Organisme' },
  person: { en: 'Person in charge of the request', fr: 'Personne responsable de la demande' },
  address: { en: 'Address', fr: 'Adresse' },
  phone: { en: 'Telephone number', fr: 'Numéro de téléphone' },
  mobile: { en: 'Mobile telephone number', fr: 'Numéro de téléphone portable' },
  email: { en: 'E-mail address', fr: 'Adresse électronique' },
  fax: { en: 'Fax number', fr: 'Numéro de télécopie' },
  officeHours: { en: 'Office hours', fr: 'Heures de bureau' },
  timeZone: { en: 'Time zone', fr: 'Fuseau horaire' },
  preferredReplyChannel: { en: 'Reply preferred by means of', fr: 'Réponse souhaitée par' },
} as const satisfies Record<string, Localised>;

/**
 * Item 5 of the T-CY templates, "Requesting authority". `organisationArticle` is the treaty
 * provision the organisation answers (Budapest Art. 29(2)(a) for a preservation).
 */
export function requestingAuthorityEntry(
  number: string,
  source: string,
  /** `replyChannel`: the preferred reply channel is required (T-CY item 5), not just offered. */
  options: { organisationArticle?: string; replyChannel: boolean; emailRequired?: boolean },
): EntrySpec {
  const path = (key: string) => `requestingAuthority.${key}`;
  const fields: FieldSpec[] = [
    { path: path('organisation'), label: AUTHORITY_FIELD_LABELS.organisation, why: WHY.organisation, required: true, ...(options.organisationArticle ? { article: options.organisationArticle } : {}) },
    { path: path('person'), label: AUTHORITY_FIELD_LABELS.person, why: WHY.person, required: true },
    { path: path('address'), label: AUTHORITY_FIELD_LABELS.address, why: WHY.optionalContact, required: false },
    { path: path('phone'), label: AUTHORITY_FIELD_LABELS.phone, why: WHY.optionalContact, required: false },
    { path: path('mobile'), label: AUTHORITY_FIELD_LABELS.mobile, why: WHY.optionalContact, required: false },
    options.emailRequired
      ? { path: path('email'), label: AUTHORITY_FIELD_LABELS.email, why: { en: 'The provider answers by e-mail.', fr: 'Le fournisseur répond par courriel.' }, required: true }
      : { path: path('email'), label: AUTHORITY_FIELD_LABELS.email, why: WHY.optionalContact, required: false },
    { path: path('fax'), label: AUTHORITY_FIELD_LABELS.fax, why: WHY.optionalContact, required: false },
    { path: path('officeHours'), label: AUTHORITY_FIELD_LABELS.officeHours, why: WHY.optionalContact, required: false },
    { path: path('timeZone'), label: AUTHORITY_FIELD_LABELS.timeZone, why: WHY.timeZone, required: true },
  ];
  fields.push({ path: path('preferredReplyChannel'), label: AUTHORITY_FIELD_LABELS.preferredReplyChannel, why: WHY.replyChannel, required: options.replyChannel });
  return { number, label: { en: 'Requesting authority', fr: 'Autorité requérante' }, source, fields };
}

/** Item 6 of the T-CY templates: who confirms the request. */
export function confirmationContactEntry(number: string, source: string): EntrySpec {
  const path = (key: string) => `confirmationContact.${key}`;
  return {
    number,
    label: { en: 'Should additional confirmation be needed, please contact', fr: 'Si une confirmation supplémentaire est nécessaire, contacter' },
    source,
    fields: [
      { path: path('name'), label: { en: 'Name', fr: 'Nom' }, why: WHY.contactName, required: true },
      { path: path('jobTitle'), label: { en: 'Job title', fr: 'Fonction' }, why: WHY.optionalContact, required: false },
      { path: path('phone'), label: AUTHORITY_FIELD_LABELS.phone, why: WHY.optionalContact, required: false },
      { path: path('mobile'), label: AUTHORITY_FIELD_LABELS.mobile, why: WHY.optionalContact, required: false },
      { path: path('email'), label: AUTHORITY_FIELD_LABELS.email, why: WHY.optionalContact, required: false },
    ],
  };
}

/** Item 7 of the T-CY templates: the investigative authority, if different. */
export function investigativeAuthorityEntry(number: string, source: string): EntrySpec {
  const path = (key: string) => `investigativeAuthority.${key}`;
  return {
    number,
    label: { en: 'Investigative/operational authority in charge of the case (if different)', fr: 'Autorité d’enquête ou opérationnelle chargée de l’affaire (si différente)' },
    source,
    fields: [
      { path: path('organisation'), label: AUTHORITY_FIELD_LABELS.organisation, why: WHY.investigative, required: false },
      { path: path('person'), label: { en: 'Person in charge of the case', fr: 'Personne chargée de l’affaire' }, why: WHY.investigative, required: false },
      { path: path('address'), label: AUTHORITY_FIELD_LABELS.address, why: WHY.investigative, required: false },
      { path: path('phone'), label: AUTHORITY_FIELD_LABELS.phone, why: WHY.investigative, required: false },
      { path: path('email'), label: AUTHORITY_FIELD_LABELS.email, why: WHY.investigative, required: false },
    ],
  };
}

/** Fields of an authority issuing an order directly (Protocol, Regulation). */
export function issuingAuthorityFields(prefix: string, why: Localised): FieldSpec[] {
  const path = (key: string) => `${prefix}.${key}`;
  return [
    { path: path('organisation'), label: AUTHORITY_FIELD_LABELS.organisation, why, required: true },
    { path: path('person'), label: { en: 'Name and function of the issuing person', fr: 'Nom et fonction de la personne qui émet' }, why: WHY.person, required: true },
    { path: path('address'), label: AUTHORITY_FIELD_LABELS.address, why: WHY.optionalContact, required: false },
    { path: path('phone'), label: AUTHORITY_FIELD_LABELS.phone, why: WHY.optionalContact, required: false },
    { path: path('email'), label: AUTHORITY_FIELD_LABELS.email, why: { en: 'The provider answers and asks questions by e-mail.', fr: 'Le fournisseur répond et pose ses questions par courriel.' }, required: true },
    { path: path('timeZone'), label: AUTHORITY_FIELD_LABELS.timeZone, why: WHY.timeZone, required: true },
  ];
}

/** Fields of an earlier request (T-CY(2018)10 items 9 and 10). */
export function earlierRequestFields(prefix: string, referenceCondition: FieldSpec['condition'], article: string): FieldSpec[] {
  const path = (key: string) => `${prefix}.${key}`;
  const why = { en: 'Lets the requested authority link this request to the earlier one and keep preserved data.', fr: 'Permet à l’autorité requise de rattacher cette demande à la précédente et de garder les données conservées.' };
  return [
    { path: path('date'), label: { en: 'Date', fr: 'Date' }, why, required: false },
    {
      path: path('reference'),
      label: { en: 'Ticket/reference number', fr: 'Numéro de référence' },
      why,
      required: false,
      article,
      ...(referenceCondition ? { condition: referenceCondition } : {}),
    },
    { path: path('requestingAuthority'), label: { en: 'Authority that made the earlier request', fr: 'Autorité ayant présenté la demande antérieure' }, why, required: false },
    { path: path('respondingAuthority'), label: { en: 'Authority that answered or executed it', fr: 'Autorité y ayant répondu ou l’ayant exécutée' }, why, required: false },
    { path: path('channel'), label: { en: 'Channel of communication used', fr: 'Canal de communication utilisé' }, why, required: false },
  ];
}

// ─── Rendering helpers ──────────────────────────────────────────────────────────────────────────

/** Offence categories with the articles that define them. */
export function renderOffences(body: Readonly<Record<string, unknown>>, path: string, language: DocumentLanguage): string[] {
  return stringsAt(body, path).flatMap((key) => {
    const offence = OFFENCE_CATEGORIES[key as OffenceCategory];
    if (!offence) return [];
    return [`${offence.label[language]} (${localiseArticle(offence.articles, language)})`];
  });
}

/** A data period: "From 2026-11-01 to 2026-11-20". */
export function renderPeriod(body: Readonly<Record<string, unknown>>, path: string, language: DocumentLanguage): string {
  const from = textAt(body, `${path}.from`);
  const to = textAt(body, `${path}.to`);
  if (!from && !to) return '';
  if (language === 'en') return [from ? `From ${from}` : '', to ? `to ${to}` : ''].filter(Boolean).join(' ');
  return [from ? `Du ${from}` : '', to ? `au ${to}` : ''].filter(Boolean).join(' ');
}

/** The identifiers as a list (the table after the sections gives the details). */
export function renderIdentifiers(body: Readonly<Record<string, unknown>>, language: DocumentLanguage): string[] {
  const identifiers = getAt(body, 'identifiers');
  if (!Array.isArray(identifiers)) return [];
  return identifiers.flatMap((raw) => {
    const id = asRecord(raw);
    const value = textAt(id, 'value');
    if (!value) return [];
    const kind = typeof id.kind === 'string' && id.kind in IDENTIFIER_KIND_LABELS ? IDENTIFIER_KIND_LABELS[id.kind as IdentifierKind][language] : '';
    const at = textAt(id, 'observedAt');
    const zone = textAt(id, 'timeZone') || 'UTC';
    const when = at ? ` — ${at.replace('T', ' ').replace(/(\.\d+)?Z$/, '')} UTC (${zone})` : '';
    return [`${kind ? `${kind} ` : ''}${value}${when}`];
  });
}

/** Several labelled values on separate lines; empty ones are left out. */
export function renderLines(lines: [Localised, string | string[]][], language: DocumentLanguage): string[] {
  return lines.flatMap(([label, value]) => {
    const text = Array.isArray(value) ? value.join('; ') : value;
    if (!text) return [];
    return [language === 'en' ? `${label.en}: ${text}` : `${label.fr} : ${text}`];
  });
}

// ─── Prefill ────────────────────────────────────────────────────────────────────────────────────

/** The requesting authority as the user's profile gives it. */
export function requestingAuthorityFromContext(ctx: PrefillContext) {
  const a = ctx.requestingAuthority;
  return {
    organisation: a.organisation,
    person: a.person,
    timeZone: a.timeZone,
    ...(a.address ? { address: a.address } : {}),
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.email ? { email: a.email } : {}),
  };
}

/** The person who drafts is the first person to call for confirmation. */
export function confirmationContactFromContext(ctx: PrefillContext) {
  const a = ctx.requestingAuthority;
  return { name: a.person, ...(a.phone ? { phone: a.phone } : {}), ...(a.email ? { email: a.email } : {}) };
}

const CARRIED_SHAPE = {
  requestingAuthority: z.object(requestingAuthorityShape()),
  confirmationContact: z.object(confirmationContactShape()),
  investigativeAuthority: z.object(investigativeAuthorityShape()),
  offence: z.object({ categories: z.array(offenceCategorySchema), provisions: optionalText() }),
  facts: optionalText(),
  identifiers: z.array(requestIdentifierSchema),
  data: z.object({ categories: z.array(z.string()), description: optionalText(), relationToOffence: optionalText(), period: periodSchema() }),
  requestedAuthority: z.object({ name: optionalText(), country: optionalText(), email: optionalText() }),
  custodian: z.object({ name: optionalText(), details: optionalText() }),
  provider: z.object({ name: optionalText(), country: optionalText(), address: optionalText(), email: optionalText() }),
  issuingAuthority: z.object(issuingAuthorityShape()),
  supplementary: z.object({ domesticLegalGrounds: optionalText(), preservation: optionalText() }),
  reference: optionalText(),
  date: optionalText(),
  channel: optionalText(),
};
type Carried = DraftOf<{ [K in keyof typeof CARRIED_SHAPE]: z.output<(typeof CARRIED_SHAPE)[K]> }>;

/**
 * What a follow-up or an extension takes from the earlier request. Each part is read on its own,
 * so one damaged field of an old draft does not lose the rest.
 */
export function readEarlierBody(body: unknown): Carried {
  const record = asRecord(body);
  const carried: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(CARRIED_SHAPE)) {
    const parsed = toDraftSchema(schema).safeParse(record[key]);
    if (parsed.success && parsed.data !== undefined) carried[key] = parsed.data;
  }
  return carried as Carried;
}

/** Identifiers from the case, or from the earlier request when the case has none. */
export function identifiersFor(ctx: PrefillContext, carried: Carried) {
  return ctx.identifiers.length > 0 ? ctx.identifiers : (carried.identifiers ?? []);
}

/** Only the categories a form offers. */
export function keepCategories<K extends string>(categories: readonly (string | undefined)[] | undefined, allowed: readonly K[]): K[] {
  return (categories ?? []).filter((c): c is K => c !== undefined && (allowed as readonly string[]).includes(c));
}
