/**
 * The training catalogue (issue 5, point 1): courses and materials offered by INTERPOL, Europol,
 * UNODC, the Council of Europe, national academies and others, searchable by every signed-in
 * user, edited by the trainers of the organisation that owns the entry, and published to a page
 * without sign-in when marked public. Vocabularies carry their English and French labels so the
 * server, the web app and the CLI name them the same way.
 */
import { z } from 'zod';
import { languageCodeSchema } from './languages.ts';

/** Bilingual label of a vocabulary entry. */
export interface Label {
  en: string;
  fr: string;
}

/** Whether the entry is a course (taught, possibly with dates) or material (a handbook, a video, slides). */
export const TRAINING_KINDS = {
  course: { en: 'Course', fr: 'Cours' },
  material: { en: 'Material', fr: 'Support' },
} as const satisfies Record<string, Label>;
export type TrainingKind = keyof typeof TRAINING_KINDS;

/** Who the training is for: the practitioners of cross-border OCSEA cases. */
export const TRAINING_AUDIENCES = {
  law_enforcement: { en: 'Law enforcement', fr: 'Services répressifs' },
  prosecutors: { en: 'Prosecutors', fr: 'Procureurs' },
  judges: { en: 'Judges', fr: 'Juges' },
  contact_points_24_7: { en: '24/7 points of contact', fr: 'Points de contact 24/7' },
  private_sector: { en: 'Private sector', fr: 'Secteur privé' },
  ngos: { en: 'NGOs', fr: 'ONG' },
} as const satisfies Record<string, Label>;
export type TrainingAudience = keyof typeof TRAINING_AUDIENCES;

/**
 * Topics, a fixed list so filters find every course on a subject whatever words its provider
 * used. Extend here (and only here) when programmes cover a new subject.
 */
export const TRAINING_TOPICS = {
  e_evidence: { en: 'E-evidence', fr: 'Preuve électronique' },
  darknet: { en: 'Darknet investigations', fr: 'Enquêtes sur le darknet' },
  ocsea: { en: 'Online child sexual exploitation and abuse (OCSEA)', fr: 'Exploitation et abus sexuels d’enfants en ligne' },
  mla: { en: 'Mutual legal assistance (MLA)', fr: 'Entraide judiciaire' },
  victim_identification: { en: 'Victim identification', fr: 'Identification des victimes' },
  osint: { en: 'Open-source intelligence (OSINT)', fr: 'Renseignement en sources ouvertes (OSINT)' },
  cryptocurrency: { en: 'Cryptocurrency tracing', fr: 'Traçage des cryptomonnaies' },
  digital_forensics: { en: 'Digital forensics', fr: 'Criminalistique numérique' },
  undercover_online: { en: 'Online undercover operations', fr: 'Infiltration en ligne' },
  live_streaming: { en: 'Live-streamed abuse', fr: 'Abus diffusés en direct' },
  financial_investigation: { en: 'Financial investigation', fr: 'Enquête financière' },
  international_cooperation: { en: 'International police cooperation', fr: 'Coopération policière internationale' },
  data_protection: { en: 'Data protection', fr: 'Protection des données' },
  legal_framework: { en: 'Legal framework (Budapest, Lanzarote, EU law)', fr: 'Cadre juridique (Budapest, Lanzarote, droit de l’UE)' },
  wellbeing: { en: 'Investigator wellbeing', fr: 'Bien-être des enquêteurs' },
} as const satisfies Record<string, Label>;
export type TrainingTopic = keyof typeof TRAINING_TOPICS;

export const TRAINING_FORMATS = {
  online: { en: 'Online', fr: 'En ligne' },
  classroom: { en: 'Classroom', fr: 'En présentiel' },
  self_paced: { en: 'Self-paced', fr: 'En autonomie' },
} as const satisfies Record<string, Label>;
export type TrainingFormat = keyof typeof TRAINING_FORMATS;

export const TRAINING_LEVELS = {
  introductory: { en: 'Introductory', fr: 'Initiation' },
  intermediate: { en: 'Intermediate', fr: 'Intermédiaire' },
  advanced: { en: 'Advanced', fr: 'Avancé' },
} as const satisfies Record<string, Label>;
export type TrainingLevel = keyof typeof TRAINING_LEVELS;

/** `upcoming`: dated and not yet ended; `past`: ended. Undated (self-paced) entries match neither. */
export const TRAINING_WHEN = ['upcoming', 'past'] as const;
export type TrainingWhen = (typeof TRAINING_WHEN)[number];

/**
 * Orders of a list: best match (with a search), nearest start date first (latest first among
 * past entries), title, or most recently changed.
 */
export const TRAINING_SORTS = ['relevance', 'start', 'title', 'updated'] as const;
export type TrainingSort = (typeof TRAINING_SORTS)[number];

const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const trainingKindSchema = z.enum(keysOf(TRAINING_KINDS));
export const trainingAudienceSchema = z.enum(keysOf(TRAINING_AUDIENCES));
export const trainingTopicSchema = z.enum(keysOf(TRAINING_TOPICS));
export const trainingFormatSchema = z.enum(keysOf(TRAINING_FORMATS));
export const trainingLevelSchema = z.enum(keysOf(TRAINING_LEVELS));

/** Files: the limits the server applies, and the types it recognises by their first bytes. */
export const TRAINING_MAX_FILES_PER_ITEM = 50;
export const DEFAULT_TRAINING_UPLOAD_MAX_MB = 25;
/** The upload's file name travels in this header, percent-encoded UTF-8 (RFC 3986). */
export const FILE_NAME_HEADER = 'x-file-name';

export const TRAINING_FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word (DOCX)' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel (XLSX)' },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], label: 'PowerPoint (PPTX)' },
  mp4: { contentType: 'video/mp4', extensions: ['mp4', 'm4v'], label: 'MP4 video' },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG image' },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG image' },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['txt', 'md', 'csv', 'vtt', 'srt'], label: 'Plain text (UTF-8)' },
} as const;
export type TrainingFileType = keyof typeof TRAINING_FILE_TYPES;

/** `.pdf,.docx,…` for a file picker's `accept`. */
export const TRAINING_FILE_ACCEPT = Object.values(TRAINING_FILE_TYPES)
  .flatMap((t) => t.extensions.map((e) => `.${e}`))
  .join(',');

// ------------------------------------------------------------------------------ HTTP contract

const uuid = z.uuid({ error: 'must be a UUID' });
const text = (max: number) => z.string().trim().max(max, { error: `must be at most ${max} characters` });
/** A calendar date; training dates are local to the course, not instants, so no time or zone. */
const calendarDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });

/** A list without repeats, in the order given: a repeated choice is harmless, not an error. */
const distinct = <T extends z.ZodType>(item: T, min: number, max: number, what: string) =>
  z
    .array(item)
    .min(min, { error: `choose at least ${min} ${what}` })
    .max(max, { error: `at most ${max} ${what}` })
    .transform((list) => [...new Set(list)] as z.output<T>[]);

export const trainingLinkSchema = z.object({
  // http(s) only: a javascript: or data: address would run in the reader's page.
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2000, { error: 'must be at most 2000 characters' }),
  label: text(200).min(1, { error: 'must not be empty' }),
});
export type TrainingLink = z.infer<typeof trainingLinkSchema>;

const trainingFields = z.object({
  kind: trainingKindSchema.default('course'),
  title: text(200).min(3, { error: 'must be at least 3 characters' }),
  /** One or two sentences for the result list. */
  summary: text(1000).default(''),
  description: text(20_000).default(''),
  /** Who offers it, as people say it: "INTERPOL", "Council of Europe", a national academy. */
  provider: text(200).min(2, { error: 'must be at least 2 characters' }),
  audiences: distinct(trainingAudienceSchema, 1, 6, 'audience'),
  topics: distinct(trainingTopicSchema, 1, 15, 'topic'),
  languages: distinct(languageCodeSchema, 1, 10, 'language'),
  format: trainingFormatSchema,
  level: trainingLevelSchema,
  startsOn: calendarDate.nullable().default(null),
  endsOn: calendarDate.nullable().default(null),
  location: text(300).nullable().default(null).transform((v) => (v === '' ? null : v)),
  links: z.array(trainingLinkSchema).max(20, { error: 'at most 20 links' }).default([]),
  public: z.boolean().default(false),
});

/**
 * Rules across fields, each naming the field to correct: self-paced entries have no dates; an
 * end needs a start and comes after it; a classroom course says where; only it has a place.
 */
function checkCoherence(v: z.output<typeof trainingFields>, ctx: z.RefinementCtx): void {
  if (v.format === 'self_paced') {
    if (v.startsOn) ctx.addIssue({ code: 'custom', path: ['startsOn'], message: 'a self-paced entry has no dates' });
    if (v.endsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'a self-paced entry has no dates' });
  } else if (v.endsOn && !v.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['startsOn'], message: 'is required when an end date is given' });
  } else if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must be on or after the start date' });
  }
  if (v.format === 'classroom' && !v.location)
    ctx.addIssue({ code: 'custom', path: ['location'], message: 'is required for a classroom course (city, venue)' });
  if (v.format !== 'classroom' && v.location)
    ctx.addIssue({ code: 'custom', path: ['location'], message: 'only a classroom course has a location (put the platform in the description)' });
}

/** A new catalogue entry, or the full replacement of one (PUT). */
export const trainingInputSchema = trainingFields.superRefine(checkCoherence);
export type TrainingInput = z.input<typeof trainingInputSchema>;
export type TrainingValues = z.output<typeof trainingInputSchema>;

/**
 * A replacement; `version`, when given, must be the version the editor read, so two trainers
 * editing the same entry cannot silently overwrite each other (409 instead).
 */
export const trainingUpdateSchema = trainingFields
  .extend({ version: z.number().int().positive().optional() })
  .superRefine(checkCoherence);
export type TrainingUpdate = z.input<typeof trainingUpdateSchema>;

/** One uploaded file of an entry, named by its SHA-256 so a reader can verify what they got. */
export const trainingFileSchema = z.object({
  id: uuid,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type TrainingFile = z.infer<typeof trainingFileSchema>;

export const trainingSummarySchema = z.object({
  id: uuid,
  kind: trainingKindSchema,
  title: z.string(),
  summary: z.string(),
  provider: z.string(),
  audiences: z.array(trainingAudienceSchema),
  topics: z.array(trainingTopicSchema),
  languages: z.array(z.string()),
  format: trainingFormatSchema,
  level: trainingLevelSchema,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  location: z.string().nullable(),
  public: z.boolean(),
  fileCount: z.number().int(),
  updatedAt: z.string(),
});
export type TrainingSummary = z.infer<typeof trainingSummarySchema>;

/** What the reader may do with the entry, so the UI hides what the server would refuse. */
export const trainingAllowedSchema = z.object({ edit: z.boolean() });

export const trainingItemSchema = trainingSummarySchema.extend({
  description: z.string(),
  links: z.array(trainingLinkSchema),
  files: z.array(trainingFileSchema),
  /** The organisation whose trainers maintain the entry. */
  organisation: z.object({ id: uuid, name: z.string() }),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
  allowed: trainingAllowedSchema,
});
export type TrainingItem = z.infer<typeof trainingItemSchema>;

/** A public entry as anyone sees it: no owner, no author, nothing about who maintains it. */
export const publicTrainingItemSchema = trainingSummarySchema.extend({
  description: z.string(),
  links: z.array(trainingLinkSchema),
  files: z.array(trainingFileSchema),
});
export type PublicTrainingItem = z.infer<typeof publicTrainingItemSchema>;

/** `?topic=a&topic=b` or `?topic=a,b`: any of them (filters of different kinds all apply). */
const anyOf = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(20, { error: 'at most 20 values' }))
    .optional();

export const trainingQuerySchema = z.object({
  q: z.string().max(200, { error: 'must be at most 200 characters' }).optional(),
  kind: trainingKindSchema.optional(),
  audience: anyOf(trainingAudienceSchema),
  topic: anyOf(trainingTopicSchema),
  language: anyOf(languageCodeSchema),
  format: anyOf(trainingFormatSchema),
  level: anyOf(trainingLevelSchema),
  when: z.enum(TRAINING_WHEN).optional(),
  sort: z.enum(TRAINING_SORTS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TrainingQueryInput = z.input<typeof trainingQuerySchema>;
export type TrainingQuery = z.output<typeof trainingQuerySchema>;

export const trainingPageSchema = z.object({ items: z.array(trainingSummarySchema), total: z.number().int() });
export type TrainingPage = z.infer<typeof trainingPageSchema>;

/** The answer to an upload: the file, and whether the entry already held the very same bytes. */
export const trainingUploadResultSchema = z.object({ file: trainingFileSchema, duplicate: z.boolean() });
export type TrainingUploadResult = z.infer<typeof trainingUploadResultSchema>;

/**
 * What the server accepts as a training file, so a client can refuse an oversized file before
 * sending it (a server refusing early cannot always be heard over a connection it closes).
 */
export const trainingUploadPolicySchema = z.object({
  maxBytes: z.number().int(),
  types: z.array(z.object({ type: z.string(), label: z.string(), contentType: z.string(), extensions: z.array(z.string()) })),
});
export type TrainingUploadPolicy = z.infer<typeof trainingUploadPolicySchema>;

/** `label(TRAINING_TOPICS, 'osint', 'fr')`, English when the language has no label. */
export function trainingLabel<T extends Record<string, Label>>(table: T, key: keyof T, language: string): string {
  const entry = table[key];
  return language === 'fr' ? entry!.fr : entry!.en;
}
