import { z } from 'zod';

export const DATA_CATEGORIES = ['subscriber', 'traffic', 'content', 'domain_registration'] as const;
export const dataCategorySchema = z.enum(DATA_CATEGORIES);
export type DataCategory = z.infer<typeof dataCategorySchema>;

export const purposeSchema = z.enum(['preserve', 'obtain']);
export type Purpose = z.infer<typeof purposeSchema>;

const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' });

/** What the advisor needs to know of a service provider (from the directory). */
export const providerFactsSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Country of the legal entity that holds the data. */
  country: countryCode,
  /** EU designated establishment or legal representative under Directive (EU) 2023/1544. */
  euEstablishment: countryCode.nullable().optional(),
  acceptsDirectPreservation: z.boolean().default(false),
  /** Discloses non-content data on a direct (voluntary) request from foreign authorities. */
  disclosesNonContentVoluntarily: z.boolean().default(false),
  hasEmergencyProcedure: z.boolean().default(false),
  /** Days the provider preserves on request, if it says (e.g. 90 under 18 U.S.C. §2703(f)). */
  preservationDays: z.number().int().positive().nullable().optional(),
});
export type ProviderFacts = z.infer<typeof providerFactsSchema>;

export const routeQuerySchema = z.object({
  from: countryCode,
  target: z.object({ country: countryCode, provider: providerFactsSchema.optional() }),
  data: dataCategorySchema,
  purpose: purposeSchema,
  emergency: z.object({ facts: z.string().min(1, { error: 'describe the imminent risk to life or safety' }) }).nullable().optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' }),
  /** Other States involved in the case (suggests Eurojust coordination or a JIT). */
  otherCountries: z.array(countryCode).default([]),
});
export type RouteQuery = z.input<typeof routeQuerySchema>;
export type ParsedRouteQuery = z.output<typeof routeQuerySchema>;

export type AddresseeKind = 'contact_point_24_7' | 'central_authority' | 'judicial_authority' | 'provider' | 'registrar' | 'eurojust_national_desk' | 'domestic_authority';

export interface RouteTimeLimit {
  text: string;
  days?: number;
  hours?: number;
}

export interface AvailableRoute {
  id: string;
  title: string;
  legalBasis: { instrument: string; articles: string[]; citation: string };
  channel: string;
  addressee: { kind: AddresseeKind; country: string; providerId?: string };
  form: string;
  timeLimit: RouteTimeLimit;
  prerequisites: string[];
  /** Why the route is open: the facts that make it available. */
  reasons: string[];
  /** Lower is better. */
  rank: number;
}

export interface UnavailableRoute {
  id: string;
  title: string;
  reasons: string[];
}

export interface RouteAdvice {
  query: ParsedRouteQuery;
  routes: AvailableRoute[];
  unavailable: UnavailableRoute[];
}
