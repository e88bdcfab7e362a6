/**
 * The directory: authorities and contact points per country, and service providers. Fields follow
 * the CoE PC-OC national-procedures form and the SIRIUS provider guidelines (see DOMAIN.md).
 * Real contact details are shared between Parties privately: Liaison ships fictitious samples
 * (`fictitious: true`) and imports the real directory.
 */
import { z } from 'zod';
import { dataCategorySchema } from './routes/types.ts';

const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code (e.g. FR)' });
const languageCode = z.string().regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 language code (e.g. fr)' });
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, { error: 'must be an IANA time zone (e.g. Europe/Paris)' });

export const AUTHORITY_KINDS = ['contact_point_24_7', 'central_authority', 'eurojust_national_desk', 'eurojust_contact_point', 'judicial_authority', 'competent_authority'] as const;
export const authorityKindSchema = z.enum(AUTHORITY_KINDS);
export type AuthorityKind = z.infer<typeof authorityKindSchema>;

export const CHANNEL_TYPES = ['email', 'phone', 'fax', 'portal', 'post', 'liaison'] as const;
export const channelSchema = z.object({
  type: z.enum(CHANNEL_TYPES),
  value: z.string().trim().min(1, { error: 'is required' }).max(500),
});
export type Channel = z.infer<typeof channelSchema>;

export const authorityInputSchema = z.object({
  country: countryCode,
  kind: authorityKindSchema,
  name: z.string().trim().min(1, { error: 'is required' }).max(300),
  unit: z.string().trim().max(300).optional(),
  availability: z.enum(['24/7', 'office_hours']),
  officeHours: z.string().max(200).optional().describe('e.g. Mon–Fri 08:00–18:00'),
  timeZone,
  channels: z.array(channelSchema).min(1, { error: 'at least one channel is required' }),
  languages: z.array(languageCode).min(1, { error: 'at least one language is required' }),
  encryptionRequired: z.boolean().default(false),
  eSignatureRequired: z.boolean().default(false),
  requirements: z.string().max(4000).optional(),
  notes: z.string().max(4000).optional(),
  fictitious: z.boolean().default(false),
  source: z.string().max(1000).optional(),
});
export type AuthorityInput = z.input<typeof authorityInputSchema>;
export const authoritySchema = authorityInputSchema.extend({ id: z.uuid(), updatedAt: z.string() });
export type Authority = z.infer<typeof authoritySchema>;

export const providerInputSchema = z.object({
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
  aliases: z.array(z.string().trim().min(1).max(200)).default([]),
  legalEntity: z.string().trim().min(1, { error: 'is required' }).max(300),
  country: countryCode,
  lawEnforcementPortal: z.string().max(500).optional(),
  address: z.string().max(1000).optional(),
  emergencyProcedure: z.string().max(2000).optional(),
  emergencyContact: z.string().max(500).optional(),
  dataHeld: z.array(z.object({ category: dataCategorySchema, retention: z.string().max(200) })).default([]),
  preservationDays: z.number().int().positive().max(3650).nullable().default(null),
  acceptsDirectPreservation: z.boolean().default(false),
  disclosesNonContentVoluntarily: z.boolean().default(false),
  directRequestsFrom: z.string().max(500).optional().describe('who may send direct requests (e.g. any law-enforcement authority)'),
  userNotificationPolicy: z.string().max(1000).optional(),
  euEstablishmentCountry: countryCode.nullable().default(null),
  euEstablishmentName: z.string().max(300).optional(),
  fictitious: z.boolean().default(false),
  source: z.string().max(1000).optional(),
});
export type ProviderInput = z.input<typeof providerInputSchema>;
export const providerSchema = providerInputSchema.extend({ id: z.uuid(), updatedAt: z.string() });
export type Provider = z.infer<typeof providerSchema>;

// ----------------------------------------------------------------------------- HTTP contract

export const DIRECTORY_KINDS = ['authorities', 'providers'] as const;
export const directoryKindSchema = z.enum(DIRECTORY_KINDS);
export const directoryFormatSchema = z.enum(['csv', 'json']);

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/** Search filters of the authorities list (full text over name, unit, country, notes). */
export const authorityQuerySchema = z.object({
  q: z.string().max(200).optional(),
  country: countryCode.optional(),
  kind: authorityKindSchema.optional(),
  /** Only authorities of States bound by this instrument today (e.g. budapest). */
  treaty: z.string().max(40).optional(),
  available247: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...page,
});
export const authorityPageSchema = z.object({ items: z.array(authoritySchema), total: z.number().int() });

export const providerQuerySchema = z.object({
  q: z.string().max(200).optional(),
  country: countryCode.optional(),
  ...page,
});
export const providerPageSchema = z.object({ items: z.array(providerSchema), total: z.number().int() });

/** Import: the file's text, validated row by row; one bad row imports nothing. */
export const importBodySchema = z.object({
  kind: directoryKindSchema,
  format: directoryFormatSchema,
  content: z.string().min(1, { error: 'the file is empty' }).max(20_000_000),
});
export const importResultSchema = z.object({
  kind: directoryKindSchema,
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows whose `id` exists with the same values: left as they are (not rewritten, not re-dated). */
  unchanged: z.number().int().default(0),
});

/**
 * The columns of the CSV format, in the order the export writes them (docs/directory-format.md).
 * An import reads columns by header name, in any order; `updatedAt` is informative and ignored.
 */
export const AUTHORITY_CSV_COLUMNS = [
  'id', 'country', 'kind', 'name', 'unit', 'availability', 'officeHours', 'timeZone', 'channels', 'languages',
  'encryptionRequired', 'eSignatureRequired', 'requirements', 'notes', 'fictitious', 'source', 'updatedAt',
] as const satisfies readonly (keyof Authority)[];
export const PROVIDER_CSV_COLUMNS = [
  'id', 'name', 'aliases', 'legalEntity', 'country', 'lawEnforcementPortal', 'address', 'emergencyProcedure',
  'emergencyContact', 'dataHeld', 'preservationDays', 'acceptsDirectPreservation', 'disclosesNonContentVoluntarily',
  'directRequestsFrom', 'userNotificationPolicy', 'euEstablishmentCountry', 'euEstablishmentName', 'fictitious',
  'source', 'updatedAt',
] as const satisfies readonly (keyof Provider)[];

export const exportQuerySchema = z.object({ kind: directoryKindSchema, format: directoryFormatSchema.default('json') });

export const countrySummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  timeZones: z.array(z.string()),
  languages: z.array(z.string()),
  /** Instruments binding the State today (ids from domain/countries/treaties.ts). */
  instruments: z.array(z.string()),
});
export const countryListSchema = z.object({ countries: z.array(countrySummarySchema) });
export const countryProfileSchema = z.object({
  country: countrySummarySchema,
  memberships: z.array(z.object({
    instrument: z.string(),
    instrumentName: z.string(),
    status: z.string(),
    signed: z.string().nullable(),
    ratified: z.string().nullable(),
    inForce: z.string().nullable(),
    boundToday: z.boolean(),
    notes: z.string().nullable(),
    source: z.string(),
    checkedAt: z.string(),
  })),
  authorities: z.array(authoritySchema),
  providers: z.array(providerSchema),
});
export type CountryProfile = z.infer<typeof countryProfileSchema>;
