/** HTTP contract of the route advisor: the query names a provider by id; the server resolves it. */
import { z } from 'zod';
import { authoritySchema, providerSchema } from '../directory.ts';
import { dataCategorySchema, purposeSchema } from './types.ts';

const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' });

export const adviseBodySchema = z
  .object({
    from: countryCode,
    to: z.object({ country: countryCode.optional(), providerId: z.uuid().optional() }),
    data: dataCategorySchema,
    purpose: purposeSchema,
    emergency: z.object({ facts: z.string().trim().min(1, { error: 'describe the imminent risk to life or safety' }).max(4000) }).nullable().optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' }).optional().describe('defaults to today (UTC)'),
    otherCountries: z.array(countryCode).max(30).default([]),
  })
  .refine((b) => b.to.country || b.to.providerId, { error: 'name a country or a provider', path: ['to'] });
export type AdviseBody = z.input<typeof adviseBodySchema>;

const routeSchema = z.object({
  id: z.string(),
  title: z.string(),
  legalBasis: z.object({ instrument: z.string(), articles: z.array(z.string()), citation: z.string() }),
  channel: z.string(),
  addressee: z.object({ kind: z.string(), country: z.string(), providerId: z.string().optional() }),
  form: z.string(),
  timeLimit: z.object({ text: z.string(), days: z.number().optional(), hours: z.number().optional() }),
  prerequisites: z.array(z.string()),
  reasons: z.array(z.string()),
  rank: z.number(),
  /** Directory entries matching the addressee (24/7 point, central authority, desk…). */
  contacts: z.array(authoritySchema),
  provider: providerSchema.nullable(),
});

export const adviceSchema = z.object({
  date: z.string(),
  from: z.string(),
  heldIn: z.string(),
  routes: z.array(routeSchema),
  unavailable: z.array(z.object({ id: z.string(), title: z.string(), reasons: z.array(z.string()) })),
});
export type Advice = z.infer<typeof adviceSchema>;
