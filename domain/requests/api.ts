/**
 * The HTTP contract of requests, deadlines, documents and calendar feeds: one zod schema per
 * payload, shared by the server, the web app and the CLI.
 */
import { z } from 'zod';
import { DEADLINE_ACTIONS, DEADLINE_KINDS, DEADLINE_STATES } from '../deadlines.ts';
import { directionSchema, requestDataCategorySchema, requestStatusSchema, TRANSITION_IDS, VALIDATION_REQUIREMENTS } from '../lifecycle.ts';
import { DOCUMENT_LANGUAGES } from '../documents.ts';
import { REQUEST_TYPES } from './types.ts';

const uuid = z.uuid();
const iso = z.string();
const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' });
const text = (max: number) => z.string().trim().max(max, { error: `must be at most ${max} characters` });

export const requestTypeSchema = z.enum(REQUEST_TYPES);
export const transitionIdSchema = z.enum(TRANSITION_IDS as [string, ...string[]]);

export const COUNTERPART_KINDS = ['contact_point_24_7', 'central_authority', 'judicial_authority', 'provider', 'registrar'] as const;

/** Who a request goes to (or came from). */
export const counterpartSchema = z.object({
  kind: z.enum(COUNTERPART_KINDS),
  name: text(300).min(1, { error: 'must not be empty' }),
  country: countryCode,
  /** The counterpart's time zone: deadlines run on its calendar and are shown in it. */
  timeZone: text(64).optional(),
  authorityId: uuid.optional(),
  providerId: uuid.optional(),
  email: text(320).optional(),
  address: text(2000).optional(),
});
export type Counterpart = z.infer<typeof counterpartSchema>;

/** Start a request: the server prefills the body from the case, its identifiers, the directory and the parent. */
export const newRequestSchema = z.object({
  caseId: uuid,
  type: requestTypeSchema,
  /** The advisor route the request follows (domain/routes/advisor.ts), if chosen there. */
  routeId: text(80).optional(),
  dataCategory: requestDataCategorySchema.optional(),
  emergency: z.object({ facts: text(20_000).min(1, { error: 'describe the imminent risk to life or safety' }) }).optional(),
  counterpart: counterpartSchema.optional(),
  /** The request this one extends or follows up. */
  parentId: uuid.optional(),
  relation: z.enum(['extension', 'follow_up']).optional(),
  /** Only these identifiers of the case (default: all of them). */
  identifierIds: z.array(uuid).max(500).optional(),
});
export type NewRequest = z.input<typeof newRequestSchema>;

/** Register a request received from abroad (a 24/7 point or central authority). */
export const incomingRequestSchema = z.object({
  caseId: uuid,
  type: requestTypeSchema,
  counterpart: counterpartSchema,
  dataCategory: requestDataCategorySchema.optional(),
  emergency: z.object({ facts: text(20_000).min(1) }).optional(),
  receivedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset' }),
  channel: text(200).min(1, { error: 'say how it arrived' }),
  requesterReference: text(200).optional(),
  body: z.record(z.string(), z.unknown()).default({}),
});

/** Autosave: the whole draft body, with the version it was based on (a stale version is refused, nothing is lost). */
export const saveDraftSchema = z.object({
  body: z.record(z.string(), z.unknown()),
  bodyVersion: z.number().int().positive(),
  counterpart: counterpartSchema.optional(),
  dataCategory: requestDataCategorySchema.nullable().optional(),
  emergencyFacts: text(20_000).nullable().optional(),
});

export const transitionBodySchema = z.object({
  transition: transitionIdSchema,
  payload: z.record(z.string(), z.unknown()).default({}),
});

export const deadlineSchema = z.object({
  kind: z.enum(DEADLINE_KINDS),
  dueAt: iso,
  warnAt: iso.optional(),
  startedAt: iso,
  rule: z.string(),
  source: z.string(),
  binding: z.boolean(),
  state: z.enum(DEADLINE_STATES),
  completedAt: iso.optional(),
  actions: z.array(z.enum(DEADLINE_ACTIONS)).optional(),
  notes: z.array(z.string()).optional(),
});
export type DeadlineView = z.infer<typeof deadlineSchema>;

export const deadlineReportSchema = z.object({
  deadlines: z.array(deadlineSchema),
  elapsed: z.object({ since: iso, until: iso, days: z.number() }).optional(),
  notes: z.array(z.string()),
});

const localised = z.object({ en: z.string(), fr: z.string() });
export const requestCheckSchema = z.object({
  ok: z.boolean(),
  missing: z.array(z.object({ path: z.string(), label: localised, article: z.string(), message: localised })),
  warnings: z.array(z.object({ code: z.string(), path: z.string(), message: localised })),
});

export const nextDueSchema = z.object({ kind: z.string(), dueAt: iso, warnAt: iso.nullable() }).nullable();

export const requestSummarySchema = z.object({
  id: uuid,
  caseId: uuid,
  caseReference: z.string(),
  reference: z.string(),
  type: requestTypeSchema,
  direction: directionSchema,
  status: requestStatusSchema,
  counterpart: counterpartSchema.partial(),
  emergency: z.boolean(),
  nextDue: nextDueSchema,
  createdAt: iso,
  updatedAt: iso,
  sentAt: iso.nullable(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const requestDocumentSchema = z.object({
  id: uuid,
  version: z.number().int(),
  format: z.enum(['pdf', 'docx']),
  language: z.enum(DOCUMENT_LANGUAGES),
  sha256: z.string(),
  size: z.number().int(),
  generatedAt: iso,
  generatedBy: z.string(),
  /** False when the request has been edited since: a newer version can be generated. */
  current: z.boolean(),
});
export type RequestDocument = z.infer<typeof requestDocumentSchema>;

export const transitionRecordSchema = z.object({
  transition: z.string(),
  from: z.string(),
  to: z.string(),
  actor: z.string(),
  at: iso,
  payload: z.record(z.string(), z.unknown()),
});

export const requestLinkSchema = z.object({ id: uuid, reference: z.string(), type: requestTypeSchema, status: requestStatusSchema, relation: z.string().nullable() });

export const requestSchema = requestSummarySchema.extend({
  body: z.record(z.string(), z.unknown()),
  bodyVersion: z.number().int(),
  routeId: z.string().nullable(),
  dataCategory: requestDataCategorySchema.nullable(),
  emergencyFacts: z.string().nullable(),
  relation: z.string().nullable(),
  parent: requestLinkSchema.nullable(),
  children: z.array(requestLinkSchema),
  createdBy: z.string(),
  validatedBy: z.string().nullable(),
  validatedAt: iso.nullable(),
  validationDecision: z.string().nullable(),
  validation: z.object({ requirement: z.enum(VALIDATION_REQUIREMENTS), reason: z.string() }),
  check: requestCheckSchema,
  deadlines: deadlineReportSchema,
  history: z.array(transitionRecordSchema),
  documents: z.array(requestDocumentSchema),
  allowed: z.object({
    edit: z.boolean(),
    transitions: z.array(z.object({ id: z.string(), to: requestStatusSchema, requires: z.array(z.string()) })),
    followUps: z.array(z.object({ type: requestTypeSchema, relation: z.enum(['extension', 'follow_up']), explanation: z.string(), legalBasis: z.string() })),
  }),
});
export type RequestView = z.infer<typeof requestSchema>;

export const requestQuerySchema = z.object({
  caseId: uuid.optional(),
  status: z.union([requestStatusSchema, z.array(requestStatusSchema)]).optional()
    .transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s])),
  type: requestTypeSchema.optional(),
  direction: directionSchema.optional(),
  /** Only requests with a deadline at or before this instant. */
  dueBefore: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const requestPageSchema = z.object({ items: z.array(requestSummarySchema), total: z.number().int() });

/** The due and overdue dashboard. */
export const dashboardQuerySchema = z.object({
  /** Horizon in days from now. */
  days: z.coerce.number().int().min(1).max(366).default(14),
  /** `mine`: cases I am on; `organisation`: every case of the organisation I may see. */
  scope: z.enum(['mine', 'visible']).default('mine'),
});
export const dashboardItemSchema = requestSummarySchema.extend({ deadline: deadlineSchema, caseTitle: z.string() });
export const dashboardSchema = z.object({ overdue: z.array(dashboardItemSchema), dueSoon: z.array(dashboardItemSchema), upcoming: z.array(dashboardItemSchema) });
export type DashboardItem = z.infer<typeof dashboardItemSchema>;

export const renderBodySchema = z.object({ format: z.enum(['pdf', 'docx']), language: z.enum(DOCUMENT_LANGUAGES).default('en') });

export const calendarFeedSchema = z.object({ url: z.string(), createdAt: iso });
export const calendarStatusSchema = z.object({ active: z.boolean(), createdAt: iso.nullable() });
