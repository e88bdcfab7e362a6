import { z } from 'zod';

/**
 * Offence categories of a case, after Directive 2011/93/EU Arts. 3–7 and the Lanzarote Convention
 * (CETS 201) Arts. 18–23. Each carries the articles so requests and documents can cite them.
 */
export const OFFENCE_CATEGORIES = {
  sexual_abuse: { label: { en: 'Sexual abuse', fr: 'Abus sexuels' }, articles: 'Directive 2011/93/EU Art. 3; Lanzarote Art. 18' },
  sexual_exploitation: { label: { en: 'Sexual exploitation', fr: 'Exploitation sexuelle' }, articles: 'Directive 2011/93/EU Art. 4; Lanzarote Art. 19' },
  csam_possession: { label: { en: 'Child sexual abuse material — possession', fr: 'Matériel pédopornographique — détention' }, articles: 'Directive 2011/93/EU Art. 5(2); Lanzarote Art. 20(1)(e)' },
  csam_access: { label: { en: 'Child sexual abuse material — access', fr: 'Matériel pédopornographique — accès' }, articles: 'Directive 2011/93/EU Art. 5(3); Lanzarote Art. 20(1)(f)' },
  csam_distribution: { label: { en: 'Child sexual abuse material — distribution', fr: 'Matériel pédopornographique — diffusion' }, articles: 'Directive 2011/93/EU Art. 5(4)–(5); Lanzarote Art. 20(1)(b)–(d)' },
  csam_production: { label: { en: 'Child sexual abuse material — production', fr: 'Matériel pédopornographique — production' }, articles: 'Directive 2011/93/EU Art. 5(6); Lanzarote Art. 20(1)(a)' },
  solicitation: { label: { en: 'Solicitation of children (grooming)', fr: 'Sollicitation d’enfants (pédopiégeage)' }, articles: 'Directive 2011/93/EU Art. 6; Lanzarote Art. 23' },
  live_streamed_abuse: { label: { en: 'Live-streamed abuse', fr: 'Abus diffusés en direct' }, articles: 'Directive 2011/93/EU Art. 4(2)–(4); Lanzarote Art. 21' },
  sextortion: { label: { en: 'Sextortion', fr: 'Sextorsion' }, articles: 'Directive 2011/93/EU Arts. 3(5), 4(3); Lanzarote Arts. 18(1)(b), 21(1)(b)' },
} as const;
export type OffenceCategory = keyof typeof OFFENCE_CATEGORIES;
export const offenceCategorySchema = z.enum(Object.keys(OFFENCE_CATEGORIES) as [OffenceCategory, ...OffenceCategory[]]);

/** Europol SIENA handling codes. */
export const HANDLING_CODES = {
  H0: { en: 'H0 — law-enforcement use only', fr: 'H0 — usage réservé aux services répressifs' },
  H1: { en: 'H1 — not for use in court without the permission of the provider', fr: 'H1 — pas d’usage judiciaire sans l’autorisation du fournisseur' },
  H2: { en: 'H2 — no onward sharing without permission', fr: 'H2 — pas de transmission sans autorisation' },
  H3: { en: 'H3 — other restrictions (see notes)', fr: 'H3 — autres restrictions (voir notes)' },
} as const;
export type HandlingCode = keyof typeof HANDLING_CODES;
export const handlingCodeSchema = z.enum(['H0', 'H1', 'H2', 'H3']);

// ------------------------------------------------------------------------------ HTTP contract

const uuid = z.uuid();
const text = (max: number) => z.string().trim().max(max, { error: `must be at most ${max} characters` });

export const CASE_STATUSES = ['open', 'suspended', 'closed'] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** A case team member's part: the lead runs the case and manages its team. */
export const teamRoleSchema = z.enum(['lead', 'member']);
export type TeamRole = z.infer<typeof teamRoleSchema>;

export const caseInputSchema = z.object({
  title: text(200).min(3, { error: 'must be at least 3 characters' }),
  summary: text(20_000).default(''),
  offenceCategories: z.array(offenceCategorySchema).max(20).default([]),
  handlingCode: handlingCodeSchema.default('H0'),
});
export type CaseInput = z.input<typeof caseInputSchema>;

export const casePatchSchema = z
  .object({
    title: text(200).min(3, { error: 'must be at least 3 characters' }),
    summary: text(20_000),
    offenceCategories: z.array(offenceCategorySchema).max(20),
    handlingCode: handlingCodeSchema,
    status: caseStatusSchema,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { error: 'give at least one field to change' });
export type CasePatch = z.infer<typeof casePatchSchema>;

export const teamMemberSchema = z.object({
  userId: uuid,
  displayName: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  teamRole: teamRoleSchema,
  addedAt: z.string(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const caseSummarySchema = z.object({
  id: uuid,
  reference: z.string(),
  title: z.string(),
  status: caseStatusSchema,
  handlingCode: handlingCodeSchema,
  offenceCategories: z.array(offenceCategorySchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** What the actor may do with the case, so the UI hides what the server would refuse. */
export const caseAllowedSchema = z.object({ edit: z.boolean(), manageTeam: z.boolean() });

export const caseSchema = caseSummarySchema.extend({
  summary: z.string(),
  createdBy: z.string(),
  team: z.array(teamMemberSchema),
  counts: z.object({ identifiers: z.number().int(), requests: z.number().int(), notes: z.number().int() }),
  allowed: caseAllowedSchema,
});
export type Case = z.infer<typeof caseSchema>;

export const caseQuerySchema = z.object({
  q: z.string().max(200).optional(),
  status: caseStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const casePageSchema = z.object({ items: z.array(caseSummarySchema), total: z.number().int() });

export const teamMemberInputSchema = z.object({ teamRole: teamRoleSchema.default('member') });

export const noteInputSchema = z.object({ body: text(20_000).min(1, { error: 'must not be empty' }) });
export const caseNoteSchema = z.object({ id: uuid, body: z.string(), author: z.string(), createdAt: z.string() });
export type CaseNote = z.infer<typeof caseNoteSchema>;
export const caseNoteListSchema = z.object({ items: z.array(caseNoteSchema) });

/** One line of a case's timeline: the audit events about the case and everything under it. */
export const timelineEventSchema = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export const timelineSchema = z.object({ items: z.array(timelineEventSchema), nextBefore: z.number().int().nullable() });
export const timelineQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The same identifier in another case the actor may see. */
export const identifierLinkSchema = z.object({ caseId: uuid, reference: z.string(), title: z.string(), identifierId: uuid });

export const caseIdentifierSchema = z.object({
  id: uuid,
  kind: z.string(),
  value: z.string(),
  display: z.string(),
  observedAt: z.string().nullable(),
  timeZone: z.string().nullable(),
  localTime: z.string().nullable(),
  port: z.number().int().nullable(),
  platform: z.string().nullable(),
  network: z.string().nullable(),
  details: z.record(z.string(), z.string()),
  note: z.string().nullable(),
  /** How many times it was entered: duplicates within a case are merged into one record. */
  occurrences: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  links: z.array(identifierLinkSchema),
});
export type CaseIdentifier = z.infer<typeof caseIdentifierSchema>;
export const caseIdentifierListSchema = z.object({ items: z.array(caseIdentifierSchema) });
export const addedIdentifierSchema = z.object({ identifier: caseIdentifierSchema, merged: z.boolean() });

/** A colleague who can be put on a case team (same organisation, a case role). */
export const colleagueSchema = z.object({ id: uuid, displayName: z.string(), email: z.string(), roles: z.array(z.string()) });
export type Colleague = z.infer<typeof colleagueSchema>;
export const colleagueListSchema = z.object({ items: z.array(colleagueSchema) });
