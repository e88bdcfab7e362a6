/**
 * What every request type is made of, and the one engine that turns a type's declaration into its
 * schema, draft schema, item list, drafting steps, check and document outline.
 *
 * A request type (preservation-247.ts, mla-subscriber.ts, …) declares its body as a zod shape and
 * its form as numbered entries (the numbers of the T-CY templates, the letters of the Regulation's
 * annexes, the paragraphs of the Protocol). Each entry names the fields the law or the form
 * requires, with the article. Everything else is derived here, so the list of required items, the
 * schema, the guided steps and the printed document cannot drift apart.
 */
import { z } from 'zod';
import { HANDLING_CODES, type HandlingCode, type OffenceCategory } from '../cases.ts';
import type { DocumentLanguage, DocumentOutline, OutlineItem, OutlineSection, OutlineTable } from '../documents.ts';
import { identifierKindSchema, type IdentifierKind } from '../identifiers.ts';
import { isValidTimeZone, timeZoneSchema } from '../time.ts';
import type { RequestType } from './types.ts';

/** A text in both languages of the product (the UI and the documents are bilingual). */
export interface Localised {
  en: string;
  fr: string;
}

// ─── Identifiers ────────────────────────────────────────────────────────────────────────────────

/** How each kind is named in the identifiers table of a document. */
export const IDENTIFIER_KIND_LABELS: Readonly<Record<IdentifierKind, Localised>> = {
  ip: { en: 'IP address', fr: 'Adresse IP' },
  email: { en: 'E-mail address', fr: 'Adresse électronique' },
  phone: { en: 'Telephone number', fr: 'Numéro de téléphone' },
  url: { en: 'URL', fr: 'URL' },
  onion: { en: 'Onion service', fr: 'Service onion' },
  username: { en: 'User name', fr: 'Nom d’utilisateur' },
  crypto: { en: 'Cryptocurrency address', fr: 'Adresse de cryptomonnaie' },
  imei: { en: 'IMEI', fr: 'IMEI' },
  device_id: { en: 'Device identifier', fr: 'Identifiant d’appareil' },
};

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/** An ISO 8601 instant in UTC ("2026-11-20T13:45:12Z"): the form every stored time takes. */
export const utcInstantSchema = z
  .string()
  .regex(UTC_INSTANT, { error: 'must be an ISO 8601 UTC instant such as 2026-11-20T13:45:12Z' })
  .refine(
    (value) => {
      const parsed = new Date(value);
      // Date rolls 30 February over to March: compare the calendar fields to catch it.
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 16) === value.slice(0, 16);
    },
    { error: 'is not a real date and time' },
  );

/**
 * One identifier as a request carries it. The observation time is stored in UTC and the time zone
 * it was observed in is kept beside it, so the document can print both and the provider can match
 * its logs (an IP address without a time and a zone identifies nobody).
 */
export const requestIdentifierSchema = z.object({
  kind: identifierKindSchema,
  value: z.string().trim().min(1, { error: 'required' }),
  observedAt: utcInstantSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  port: z.number().int().min(0).max(65535).optional(),
  platform: z.string().trim().min(1).optional(),
  note: z.string().trim().min(1).optional(),
});
/** An identifier as a request body stores it. */
export type RequestIdentifier = z.infer<typeof requestIdentifierSchema>;

// ─── Contexts ───────────────────────────────────────────────────────────────────────────────────

/** Who a request is addressed to, as the directory and the route advisor know it. */
export type CounterpartKind = 'contact_point_24_7' | 'central_authority' | 'judicial_authority' | 'provider' | 'registrar';

/**
 * What the server knows when a user starts a request: the case, its identifiers, the user's
 * authority, the addressee chosen through the route advisor and, for a follow-up or an extension,
 * the earlier request. Prefill turns it into a draft so nobody retypes what Liaison already holds.
 */
export interface PrefillContext {
  /** Today, YYYY-MM-DD (from the injected clock). */
  date: string;
  case: {
    reference: string;
    title: string;
    summary: string;
    offenceCategories: OffenceCategory[];
    handlingCode: HandlingCode;
  };
  identifiers: RequestIdentifier[];
  requestingAuthority: {
    organisation: string;
    person: string;
    email?: string;
    phone?: string;
    address?: string;
    timeZone: string;
  };
  counterpart?: {
    kind: CounterpartKind;
    name: string;
    country: string;
    email?: string;
    address?: string;
    timeZone?: string;
  };
  /** The earlier request this one follows up or extends. */
  parent?: { type: RequestType; reference: string; sentAt?: string; body: unknown };
  /** The route chosen in the advisor (domain/routes/advisor.ts). */
  route?: { id: string; citation: string };
  emergency?: { facts: string };
}

/** What a document needs besides the body: language, version, the people who drafted and validated. */
export interface OutlineContext {
  language: DocumentLanguage;
  /** ISO 8601 UTC instant. */
  generatedAt: string;
  version: number;
  case: { reference: string; handlingCode: HandlingCode };
  request: {
    reference: string;
    type: RequestType;
    /** A complete body or a draft: a draft prints with its empty items left blank. */
    body: unknown;
    createdBy: { name: string; role: string };
    validatedBy?: { name: string; role: string; at: string; decision?: string };
    sentAt?: string;
  };
}

// ─── Items, steps, check ────────────────────────────────────────────────────────────────────────

/**
 * When an item that is not always required becomes required (e.g. the earlier reference when the
 * status is "extension"). `when` is shown to the user; `test` reads the (possibly partial) body.
 */
export interface ItemCondition {
  when: Localised;
  test: (body: Readonly<Record<string, unknown>>) => boolean;
}

/** One item of a request: what the UI shows next to a field and what check() reports. */
export interface RequiredItem {
  /** Dot path into the body, e.g. 'requestingAuthority.timeZone'. */
  path: string;
  /** The number of the form entry the item belongs to ("5", "12(c)", "Section B", "7(3)(f)"). */
  number: string;
  label: Localised;
  /** The provision that requires the item, e.g. 'Budapest Art. 29(2)(c)' or 'T-CY(2018)11 item 5'. */
  article: string;
  /** One sentence the UI shows next to the field. */
  why: Localised;
  /** Required in every request of this type. Conditionally required items say so in `condition`. */
  required: boolean;
  condition?: ItemCondition;
  /** For choice fields: the allowed values and how they read. */
  options?: Readonly<Record<string, Localised>>;
  /** For a statement the requester makes by ticking a box: the words the document prints. */
  statement?: Localised;
}

/** One guided drafting step; every item belongs to exactly one step. */
export interface RequestStep {
  id: string;
  title: Localised;
  paths: string[];
}

/** A required item that is absent or invalid. */
export interface MissingItem {
  path: string;
  label: Localised;
  article: string;
  /** Names the item and the article, e.g. "Item 12(f) '…' is required by Budapest Art. 29(2)(f)". */
  message: Localised;
}

/** A common defect that does not make the request unlawful but may make it fail in practice. */
export interface RequestWarning {
  code: string;
  path: string;
  message: Localised;
}

/** The result of check(): complete or not, what is missing, what looks wrong. */
export interface RequestCheck {
  ok: boolean;
  missing: MissingItem[];
  warnings: RequestWarning[];
}

/** A body as a draft holds it: every field optional, statements not yet ticked. */
export type DraftOf<T> = T extends readonly (infer U)[]
  ? DraftOf<U>[]
  : T extends boolean
    ? boolean
    : T extends object
      ? { [K in keyof T]?: DraftOf<T[K]> }
      : T;

/** Everything Liaison knows about one request type. */
export interface RequestTypeDefinition<Body = unknown> {
  type: RequestType;
  title: Localised;
  /** The form the document follows, e.g. "T-CY(2018)11". */
  form: string;
  /** Printed under the title: form and legal basis. */
  subtitle: Localised;
  legalBasis: { instrument: string; articles: string[]; citation: string };
  /** The complete body: every legally required item present and valid. */
  schema: z.ZodType<Body>;
  /** The same shape, every field optional and without content rules: what autosave accepts. */
  draftSchema: z.ZodType<DraftOf<Body>>;
  items: RequiredItem[];
  steps: RequestStep[];
  check(body: unknown): RequestCheck;
  prefill(ctx: PrefillContext): DraftOf<Body>;
  outline(ctx: OutlineContext): DocumentOutline;
}

// ─── Declaring a type ───────────────────────────────────────────────────────────────────────────

/** One field of a form entry. `article` defaults to the entry's source, `label` to the entry's label. */
export interface FieldSpec {
  path: string;
  label?: Localised;
  article?: string;
  why: Localised;
  required: boolean;
  condition?: ItemCondition;
  options?: Readonly<Record<string, Localised>>;
  statement?: Localised;
}

/** A numbered entry of the form as the document prints it. */
export interface EntrySpec {
  number: string;
  label: Localised;
  /** The provision printed after the label. */
  source: string;
  fields: FieldSpec[];
  /** Overrides the default rendering of the entry's value. */
  render?: (body: Readonly<Record<string, unknown>>, language: DocumentLanguage) => string | string[];
}

/** A drafting step as a type declares it: the entries it groups. */
export interface StepSpec {
  id: string;
  title: Localised;
  /** Entry numbers, in order. */
  entries: string[];
}

/** The declaration of a request type from which defineRequestType derives the rest. */
export interface RequestTypeSpec<Shape extends z.ZodRawShape> {
  type: RequestType;
  title: Localised;
  form: string;
  subtitle: Localised;
  legalBasis: { instrument: string; articles: string[]; citation: string };
  shape: Shape;
  entries: EntrySpec[];
  steps: StepSpec[];
  /** Where the relation between data and offence is written (warned about when thin). */
  relationPath?: string;
  /** Where the period of the data is (warned about when missing). */
  periodPath?: string;
  /** Defects particular to the type. */
  warnings?: (body: Readonly<Record<string, unknown>>) => RequestWarning[];
  prefill: (ctx: PrefillContext) => DraftOf<z.output<z.ZodObject<Shape>>>;
}

// ─── Reading bodies ─────────────────────────────────────────────────────────────────────────────

/** The body as a record, whatever came in (a draft may be anything). */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value at a dot path, or undefined. */
export function getAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The value at a dot path if it is a non-blank string, else ''. */
export function textAt(value: unknown, path: string): string {
  const found = getAt(value, path);
  return typeof found === 'string' ? found.trim() : '';
}

/** The strings of an array at a dot path (other elements ignored). */
export function stringsAt(value: unknown, path: string): string[] {
  const found = getAt(value, path);
  return Array.isArray(found) ? found.filter((v): v is string => typeof v === 'string') : [];
}

function isAbsent(value: unknown, item: { statement?: Localised }): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'boolean') return item.statement !== undefined && value !== true;
  return false;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else return current;
  }
}

/**
 * Whether a dot path names a field of an object schema. The tests use it so that an item cannot
 * point at a field the schema does not have.
 */
export function resolveSchemaPath(schema: z.ZodType, path: string): boolean {
  let current: z.ZodType = unwrap(schema);
  for (const segment of path.split('.')) {
    if (!(current instanceof z.ZodObject)) return false;
    const next = (current.shape as Record<string, z.ZodType | undefined>)[segment];
    if (next === undefined) return false;
    current = unwrap(next);
  }
  return true;
}

/**
 * The lenient twin of a schema for autosave: objects with every key optional, strings without
 * length or format rules, statements as plain booleans. Types are still enforced (a number field
 * does not take a string), so a broken client cannot store garbage.
 */
export function toDraftSchema(schema: z.ZodType): z.ZodType {
  const inner = unwrap(schema);
  let draft: z.ZodType;
  if (inner instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, value] of Object.entries(inner.shape as Record<string, z.ZodType>)) shape[key] = toDraftSchema(value);
    draft = z.object(shape);
  } else if (inner instanceof z.ZodArray) {
    draft = z.array(toDraftSchema(inner.element as z.ZodType));
  } else if (inner instanceof z.ZodString) {
    draft = z.string();
  } else if (inner instanceof z.ZodNumber) {
    draft = z.number();
  } else if (inner instanceof z.ZodBoolean) {
    draft = z.boolean();
  } else if (inner instanceof z.ZodLiteral) {
    const values = [...inner.values];
    draft = values.every((v) => typeof v === 'boolean') ? z.boolean() : inner;
  } else {
    draft = inner;
  }
  return draft.optional();
}

// ─── Words ──────────────────────────────────────────────────────────────────────────────────────

const ARTICLE_FR: [RegExp, string][] = [
  [/Budapest Arts?\./g, 'Convention de Budapest, art.'],
  [/Protocol Arts?\./g, 'Deuxième Protocole additionnel, art.'],
  [/Reg\. 2023\/1543 Annex /g, 'Règlement (UE) 2023/1543, annexe '],
  [/Reg\. 2023\/1543 Arts?\./g, 'Règlement (UE) 2023/1543, art.'],
  [/Reg\. 2023\/1543/g, 'Règlement (UE) 2023/1543'],
  [/Directive 2011\/93\/EU Arts?\./g, 'directive 2011/93/UE, art.'],
  [/Directive 2011\/93\/EU/g, 'directive 2011/93/UE'],
  [/ item /g, ', rubrique '],
  [/Section /g, 'section '],
  [/provider policy/g, 'conditions du fournisseur'],
  [/national law/g, 'droit national'],
  [/SHERLOC model form/g, 'formulaire type SHERLOC'],
  [/Lanzarote Arts?\./g, 'Convention de Lanzarote, art.'],
  [/Arts?\./g, 'art.'],
  [/ and /g, ' et '],
];

/** An article reference in the document's language ("Budapest Art. 29(2)(f)" → "Convention de Budapest, art. 29(2)(f)"). */
export function localiseArticle(article: string, language: DocumentLanguage): string {
  if (language === 'en') return article;
  return ARTICLE_FR.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), article);
}

const YES_NO: Record<'yes' | 'no', Localised> = { yes: { en: 'Yes', fr: 'Oui' }, no: { en: 'No', fr: 'Non' } };

/** How the roles of domain/roles.ts read in a signature block. */
const ROLE_LABELS: Readonly<Record<string, Localised>> = {
  admin: { en: 'Administrator', fr: 'Administrateur' },
  coordinator: { en: 'Coordinator', fr: 'Coordinateur' },
  investigator: { en: 'Investigator', fr: 'Enquêteur' },
  prosecutor: { en: 'Prosecutor', fr: 'Procureur' },
  contact_point: { en: '24/7 point of contact', fr: 'Point de contact 24/7' },
  central_authority: { en: 'Central authority', fr: 'Autorité centrale' },
  trainer: { en: 'Training coordinator', fr: 'Coordinateur de formation' },
  auditor: { en: 'Auditor', fr: 'Auditeur' },
  judge: { en: 'Judge', fr: 'Juge' },
};

/** Formats one field's value for a document. Empty values give '' (the renderer prints "—"). */
export function formatValue(value: unknown, field: { options?: Readonly<Record<string, Localised>>; statement?: Localised }, language: DocumentLanguage): string | string[] {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') {
    if (field.statement) return value ? field.statement[language] : '';
    return (value ? YES_NO.yes : YES_NO.no)[language];
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return field.options?.[value]?.[language] ?? value.trim();
  if (Array.isArray(value)) {
    return value.flatMap((element) => {
      const formatted = formatValue(element, field, language);
      return Array.isArray(formatted) ? formatted : formatted === '' ? [] : [formatted];
    });
  }
  return '';
}

function joinValue(value: string | string[]): string {
  return Array.isArray(value) ? value.join('; ') : value;
}

function formatUtc(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Local wall-clock time of a UTC instant in a zone, with its offset: "2026-11-20 14:45:12 (UTC+01:00)". */
export function formatLocalTime(instant: string, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime()) || !isValidTimeZone(timeZone)) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', 'UTC');
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} (${offset === 'UTC' ? 'UTC+00:00' : offset})`;
}

const TABLE_COLUMNS: Record<DocumentLanguage, string[]> = {
  en: ['Type', 'Identifier', 'Date and time (UTC)', 'Time zone', 'Local time', 'Notes'],
  fr: ['Type', 'Identifiant', 'Date et heure (UTC)', 'Fuseau horaire', 'Heure locale', 'Remarques'],
};

/** The identifiers table of a document: every row with a time shows its zone. */
export function buildIdentifiersTable(identifiers: unknown, language: DocumentLanguage): OutlineTable {
  const rows = (Array.isArray(identifiers) ? identifiers : []).map((raw) => {
    const id = asRecord(raw);
    const kind = typeof id.kind === 'string' && id.kind in IDENTIFIER_KIND_LABELS ? IDENTIFIER_KIND_LABELS[id.kind as IdentifierKind][language] : textAt(id, 'kind');
    const observedAt = textAt(id, 'observedAt');
    const zone = textAt(id, 'timeZone');
    const shownZone = observedAt ? zone || 'UTC' : zone;
    const notes: string[] = [];
    if (typeof id.port === 'number') notes.push(`Port ${id.port}`);
    const platform = textAt(id, 'platform');
    if (platform) notes.push(language === 'en' ? `Platform: ${platform}` : `Plateforme : ${platform}`);
    const note = textAt(id, 'note');
    if (note) notes.push(note);
    return [
      kind,
      textAt(id, 'value'),
      observedAt ? formatUtc(observedAt) : '',
      shownZone,
      observedAt ? formatLocalTime(observedAt, shownZone) : '',
      notes.join(language === 'en' ? '; ' : ' ; '),
    ];
  });
  return {
    heading: language === 'en' ? 'Identifiers' : 'Identifiants',
    columns: TABLE_COLUMNS[language],
    rows,
  };
}

// ─── Warnings shared by every type ──────────────────────────────────────────────────────────────

/** Below this many characters, a "relation to the offence" explains nothing. */
export const MIN_RELATION_CHARS = 40;
/** Below this many characters, emergency facts cannot show an imminent risk to a person. */
export const MIN_EMERGENCY_FACTS_CHARS = 60;

function identifierWarnings(identifiers: unknown): RequestWarning[] {
  if (!Array.isArray(identifiers)) return [];
  const warnings: RequestWarning[] = [];
  identifiers.forEach((raw, index) => {
    const id = asRecord(raw);
    const value = textAt(id, 'value') || `#${index + 1}`;
    const observedAt = textAt(id, 'observedAt');
    if (observedAt && !textAt(id, 'timeZone')) {
      warnings.push({
        code: 'identifier_time_without_zone',
        path: `identifiers.${index}.timeZone`,
        message: {
          en: `Identifier ${value} has a time but no time zone: say in which zone it was observed so the provider can match its logs.`,
          fr: `L’identifiant ${value} a une heure mais pas de fuseau horaire : indiquez le fuseau dans lequel il a été observé afin que le fournisseur puisse le rapprocher de ses journaux.`,
        },
      });
    }
    if (id.kind === 'ip' && !observedAt) {
      warnings.push({
        code: 'ip_without_time',
        path: `identifiers.${index}.observedAt`,
        message: {
          en: `IP address ${value} has no date and time: without them (and the time zone) it identifies nobody.`,
          fr: `L’adresse IP ${value} n’a ni date ni heure : sans elles (et sans fuseau horaire) elle n’identifie personne.`,
        },
      });
    }
  });
  return warnings;
}

/** The relation between data and offence is thin or absent. */
export function relationWarning(body: Readonly<Record<string, unknown>>, path: string): RequestWarning[] {
  if (textAt(body, path).length >= MIN_RELATION_CHARS) return [];
  return [
    {
      code: 'relation_too_short',
      path,
      message: {
        en: `Explain how the data relate to the offence (at least ${MIN_RELATION_CHARS} characters): without that link the request is likely to be refused.`,
        fr: `Expliquez le lien entre les données et l’infraction (au moins ${MIN_RELATION_CHARS} caractères) : sans ce lien, la demande risque d’être refusée.`,
      },
    },
  ];
}

/** Emergency facts are missing or too thin to show an imminent risk to a person. */
export function emergencyFactsWarning(body: Readonly<Record<string, unknown>>, path: string, article: string): RequestWarning[] {
  if (textAt(body, path).length >= MIN_EMERGENCY_FACTS_CHARS) return [];
  return [
    {
      code: 'emergency_without_facts',
      path,
      message: {
        en: `An emergency request must state the facts showing a significant and imminent risk to the life or safety of a person (${article}).`,
        fr: `Une demande urgente doit exposer les faits établissant un risque important et imminent pour la vie ou la sécurité d’une personne (${localiseArticle(article, 'fr')}).`,
      },
    },
  ];
}

function periodWarning(body: Readonly<Record<string, unknown>>, path: string): RequestWarning[] {
  if (textAt(body, `${path}.from`) || textAt(body, `${path}.to`)) return [];
  return [
    {
      code: 'data_period_missing',
      path,
      message: {
        en: 'No period is given for the data: providers answer faster, and disclose less beyond need, when the dates are stated.',
        fr: 'Aucune période n’est indiquée pour les données : les fournisseurs répondent plus vite, et ne divulguent pas au-delà du nécessaire, lorsque les dates sont précisées.',
      },
    },
  ];
}

// ─── The engine ─────────────────────────────────────────────────────────────────────────────────

function itemsOf(entries: EntrySpec[]): RequiredItem[] {
  return entries.flatMap((entry) =>
    entry.fields.map((field) => {
      const label: Localised =
        field.label === undefined
          ? entry.label
          : entry.fields.length === 1
            ? field.label
            : { en: `${entry.label.en} — ${field.label.en}`, fr: `${entry.label.fr} — ${field.label.fr}` };
      const item: RequiredItem = {
        path: field.path,
        number: entry.number,
        label,
        article: field.article ?? entry.source,
        why: field.why,
        required: field.required,
      };
      if (field.condition) item.condition = field.condition;
      if (field.options) item.options = field.options;
      if (field.statement) item.statement = field.statement;
      return item;
    }),
  );
}

function isActive(item: RequiredItem, body: Readonly<Record<string, unknown>>): boolean {
  return item.required || (item.condition?.test(body) ?? false);
}

function absentMessage(item: RequiredItem): Localised {
  const suffix = item.condition ? { en: ` (${item.condition.when.en})`, fr: ` (${item.condition.when.fr})` } : { en: '', fr: '' };
  return {
    en: `Item ${item.number} '${item.label.en}' is required by ${item.article}${suffix.en}`,
    fr: `La rubrique ${item.number} « ${item.label.fr} » est obligatoire (${localiseArticle(item.article, 'fr')})${suffix.fr}`,
  };
}

function invalidMessage(item: RequiredItem, detail: string, required: boolean): Localised {
  return required
    ? {
        en: `Item ${item.number} '${item.label.en}' is invalid (${detail}); it is required by ${item.article}`,
        fr: `La rubrique ${item.number} « ${item.label.fr} » n’est pas valable (${detail}) ; elle est obligatoire (${localiseArticle(item.article, 'fr')})`,
      }
    : {
        en: `Item ${item.number} '${item.label.en}' is invalid (${detail})`,
        fr: `La rubrique ${item.number} « ${item.label.fr} » n’est pas valable (${detail})`,
      };
}

/**
 * Turns a declaration into a full definition. Conditional items are enforced in the schema too
 * (a superRefine), so `schema` alone already rejects an extension without its earlier reference.
 */
export function defineRequestType<Shape extends z.ZodRawShape>(spec: RequestTypeSpec<Shape>): RequestTypeDefinition<z.output<z.ZodObject<Shape>>> {
  type Body = z.output<z.ZodObject<Shape>>;
  const items = itemsOf(spec.entries);
  const conditional = items.filter((item) => !item.required && item.condition);
  const base = z.object(spec.shape);
  const schema = base.superRefine((body, ctx) => {
    const record = asRecord(body);
    for (const item of conditional) {
      if (item.condition?.test(record) && isAbsent(getAt(record, item.path), item)) {
        ctx.addIssue({ code: 'custom', path: item.path.split('.'), message: `required ${item.condition.when.en}` });
      }
    }
  });
  const draftSchema = (toDraftSchema(base) as z.ZodOptional<z.ZodType>).unwrap() as unknown as z.ZodType<DraftOf<Body>>;

  const entryByNumber = new Map(spec.entries.map((entry) => [entry.number, entry]));
  const steps: RequestStep[] = spec.steps.map((step) => ({
    id: step.id,
    title: step.title,
    paths: step.entries.flatMap((number) => entryByNumber.get(number)?.fields.map((field) => field.path) ?? []),
  }));

  function check(body: unknown): RequestCheck {
    const record = asRecord(body);
    const found = new Map<string, MissingItem>();
    for (const item of items) {
      if (isActive(item, record) && isAbsent(getAt(record, item.path), item)) {
        found.set(item.path, { path: item.path, label: item.label, article: item.article, message: absentMessage(item) });
      }
    }
    // A field emptied in the form ('' or null) is absent, not invalid: required ones are reported
    // above as missing; optional ones must not make the check fail without saying why.
    const parsed = schema.safeParse(withoutEmptyValues(body));
    const extra: MissingItem[] = [];
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const issuePath = issue.path.map(String).join('.');
        const owner = items
          .filter((item) => issuePath === item.path || issuePath.startsWith(`${item.path}.`))
          .sort((a, b) => b.path.length - a.path.length)[0];
        if (owner) {
          if (found.has(owner.path)) continue;
          const value = getAt(record, owner.path);
          if (isAbsent(value, owner) && !isActive(owner, record)) continue;
          const relative = issuePath === owner.path ? '' : `${issuePath.slice(owner.path.length + 1)}: `;
          found.set(owner.path, {
            path: owner.path,
            label: owner.label,
            article: owner.article,
            message: invalidMessage(owner, `${relative}${issue.message}`, isActive(owner, record)),
          });
          continue;
        }
        // An issue above the items (a missing object, a body that is not an object) is already
        // reported through the items under it, if any of them is required.
        const covered = [...found.keys()].some((path) => issuePath === '' || path.startsWith(`${issuePath}.`));
        if (covered || extra.some((m) => m.path === issuePath)) continue;
        extra.push({
          path: issuePath,
          label: { en: issuePath, fr: issuePath },
          article: '',
          message: { en: `${issuePath || 'body'}: ${issue.message}`, fr: `${issuePath || 'corps'} : ${issue.message}` },
        });
      }
    }
    const order = new Map(items.map((item, index) => [item.path, index]));
    const missing = [...found.values()].sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0)).concat(extra);
    const warnings = [
      ...identifierWarnings(record.identifiers),
      ...(spec.relationPath ? relationWarning(record, spec.relationPath) : []),
      ...(spec.periodPath ? periodWarning(record, spec.periodPath) : []),
      ...(spec.warnings?.(record) ?? []),
    ];
    return { ok: parsed.success && missing.length === 0, missing, warnings };
  }

  function renderEntry(entry: EntrySpec, body: Readonly<Record<string, unknown>>, language: DocumentLanguage): string | string[] {
    if (entry.render) return entry.render(body, language);
    if (entry.fields.length === 1) {
      const field = entry.fields[0];
      return field ? formatValue(getAt(body, field.path), field, language) : '';
    }
    return entry.fields.flatMap((field) => {
      const value = joinValue(formatValue(getAt(body, field.path), field, language));
      if (value === '') return [];
      const label = (field.label ?? entry.label)[language];
      return [language === 'en' ? `${label}: ${value}` : `${label} : ${value}`];
    });
  }

  function outline(ctx: OutlineContext): DocumentOutline {
    const language = ctx.language;
    const body = asRecord(ctx.request.body);
    const sections: OutlineSection[] = spec.steps.map((step) => ({
      heading: step.title[language],
      items: step.entries.flatMap((number): OutlineItem[] => {
        const entry = entryByNumber.get(number);
        if (!entry) return [];
        return [{ number: entry.number, label: entry.label[language], value: renderEntry(entry, body, language), source: localiseArticle(entry.source, language) }];
      }),
    }));
    return {
      language,
      title: spec.title[language],
      subtitle: spec.subtitle[language],
      reference: `${ctx.case.reference} / ${ctx.request.reference}`,
      version: ctx.version,
      generatedAt: ctx.generatedAt,
      footer: HANDLING_CODES[ctx.case.handlingCode]?.[language] ?? ctx.case.handlingCode,
      sections,
      identifiers: buildIdentifiersTable(body.identifiers, language),
      signature: buildSignature(ctx, language),
    };
  }

  return {
    type: spec.type,
    title: spec.title,
    form: spec.form,
    subtitle: spec.subtitle,
    legalBasis: spec.legalBasis,
    schema: schema as unknown as z.ZodType<Body>,
    draftSchema,
    items,
    steps,
    check,
    prefill: spec.prefill,
    outline,
  };
}

function roleLabel(role: string, language: DocumentLanguage): string {
  return ROLE_LABELS[role]?.[language] ?? role;
}

/** The body without empty strings, nulls and objects left empty by them (see check()). */
export function withoutEmptyValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyValues);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const cleaned = withoutEmptyValues(v);
    if (cleaned === '' || cleaned === null || cleaned === undefined) continue;
    if (typeof cleaned === 'object' && !Array.isArray(cleaned) && Object.keys(cleaned).length === 0) continue;
    out[key] = cleaned;
  }
  return out;
}

function buildSignature(ctx: OutlineContext, language: DocumentLanguage): OutlineSection {
  const { createdBy, validatedBy, sentAt } = ctx.request;
  const person = (p: { name: string; role: string } | undefined) => (p ? `${p.name}, ${roleLabel(p.role, language)}` : '');
  const labels =
    language === 'en'
      ? { heading: 'Signature and validation', drafted: 'Drafted by', validated: 'Validated by', at: 'Validated on', decision: 'Decision', sent: 'Sent on' }
      : { heading: 'Signature et validation', drafted: 'Rédigé par', validated: 'Validé par', at: 'Validé le', decision: 'Décision', sent: 'Envoyé le' };
  return {
    heading: labels.heading,
    items: [
      { number: '', label: labels.drafted, value: person(createdBy) },
      { number: '', label: labels.validated, value: person(validatedBy) },
      { number: '', label: labels.at, value: validatedBy?.at ? formatLocalTime(validatedBy.at, 'UTC') : '' },
      { number: '', label: labels.decision, value: validatedBy?.decision ?? '' },
      { number: '', label: labels.sent, value: sentAt ? formatLocalTime(sentAt, 'UTC') : '' },
      // The renderers draw the signature and stamp boxes themselves.
    ],
  };
}
