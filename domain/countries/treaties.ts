/**
 * Treaty facts as data: which State is bound by which instrument from which date, each fact with
 * its source and the date it was checked. The route advisor reads only this, so a ratification or
 * an entry into force is a data change (data/countries/treaties.json), never a code change.
 */
import { z } from 'zod';

export const INSTRUMENTS = ['budapest', 'budapest-p2', 'lanzarote', 'eu', 'eio', 'e-evidence', 'eurojust', 'interpol'] as const;
export const instrumentIdSchema = z.enum(INSTRUMENTS);
export type InstrumentId = z.infer<typeof instrumentIdSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });
const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' });

export const instrumentSchema = z.object({
  id: instrumentIdSchema,
  name: z.string(),
  reference: z.string(),
  /** When the instrument itself entered into force or applies; null while it is not in force. */
  entryIntoForce: isoDate.nullable(),
  source: z.string(),
  checkedAt: z.string(),
  notes: z.string().optional(),
});
export type Instrument = z.infer<typeof instrumentSchema>;

export const MEMBERSHIP_STATUSES = ['party', 'signatory', 'member', 'participates', 'not_participating', 'agreement', 'liaison_prosecutor'] as const;

export const membershipSchema = z.object({
  country: countryCode,
  instrument: instrumentIdSchema,
  status: z.enum(MEMBERSHIP_STATUSES),
  signed: isoDate.nullable().optional(),
  ratified: isoDate.nullable().optional(),
  /** When the instrument binds this State (entry into force for it, accession, application). */
  inForce: isoDate.nullable().optional(),
  inForceDerived: z.boolean().optional(),
  notes: z.string().optional(),
  source: z.string(),
  checkedAt: z.string(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const treatyDataSchema = z.object({
  version: z.string(),
  instruments: z.array(instrumentSchema),
  memberships: z.array(membershipSchema),
});
export type TreatyData = z.infer<typeof treatyDataSchema>;

/** Names short enough for a sentence ("FR is not bound by the Second Additional Protocol"). */
export const SHORT_NAMES: Record<InstrumentId, string> = {
  budapest: 'the Budapest Convention',
  'budapest-p2': 'the Second Additional Protocol',
  lanzarote: 'the Lanzarote Convention',
  eu: 'the European Union',
  eio: 'the European Investigation Order Directive',
  'e-evidence': 'the e-Evidence Regulation (EU) 2023/1543',
  eurojust: 'Eurojust',
  interpol: 'Interpol',
};

/** Whether a State is bound on a date, and the reason in words a prosecutor can check. */
export interface Binding {
  bound: boolean;
  reason: string;
  membership?: Membership;
}

const BINDING_STATUSES: Record<InstrumentId, readonly Membership['status'][]> = {
  budapest: ['party'],
  'budapest-p2': ['party'],
  lanzarote: ['party'],
  eu: ['member'],
  eio: ['participates'],
  'e-evidence': ['participates'],
  eurojust: ['member', 'agreement', 'liaison_prosecutor'],
  interpol: ['member'],
};

/** Indexed treaty facts; build once at start-up, query many times (pure, fast). */
export class TreatyFacts {
  private readonly byKey = new Map<string, Membership>();
  private readonly instruments = new Map<InstrumentId, Instrument>();

  constructor(readonly data: TreatyData) {
    for (const i of data.instruments) this.instruments.set(i.id, i);
    for (const m of data.memberships) this.byKey.set(`${m.country}:${m.instrument}`, m);
  }

  instrument(id: InstrumentId): Instrument {
    const found = this.instruments.get(id);
    if (!found) throw new Error(`instrument ${id} missing from the treaty data`);
    return found;
  }

  membership(country: string, instrument: InstrumentId): Membership | undefined {
    return this.byKey.get(`${country}:${instrument}`);
  }

  memberships(country: string): Membership[] {
    return this.data.memberships.filter((m) => m.country === country);
  }

  /** Is the instrument itself in force on `date` (ISO YYYY-MM-DD)? */
  instrumentInForce(id: InstrumentId, date: string): Binding {
    const i = this.instrument(id);
    const name = SHORT_NAMES[id];
    if (!i.entryIntoForce) return { bound: false, reason: `${name} is not in force (status as of ${i.checkedAt})` };
    if (i.entryIntoForce > date) return { bound: false, reason: `${name} applies only from ${i.entryIntoForce}` };
    return { bound: true, reason: `${name} in force since ${i.entryIntoForce}` };
  }

  /** Is `country` bound by `instrument` on `date`? Checks the instrument and the State's own date. */
  bound(country: string, id: InstrumentId, date: string): Binding {
    const general = this.instrumentInForce(id, date);
    const i = this.instrument(id);
    const name = SHORT_NAMES[id];
    const m = this.membership(country, id);
    if (!general.bound) return { ...general, ...(m ? { membership: m } : {}) };
    if (!m || !BINDING_STATUSES[id].includes(m.status)) {
      const what = m?.status === 'signatory' ? `has signed but not ratified ${name}` : m?.status === 'not_participating' ? `does not take part in ${name}` : `is not bound by ${name}`;
      return { bound: false, reason: `${country} ${what}`, ...(m ? { membership: m } : {}) };
    }
    if (m.inForce && m.inForce > date) return { bound: false, reason: `${name} binds ${country} only from ${m.inForce} (not yet on ${date})`, membership: m };
    const since = m.inForce && m.inForce > (i.entryIntoForce ?? '') ? m.inForce : i.entryIntoForce;
    const when = m.inForce ? ` since ${since}` : ' (date of effect not recorded; status as of ' + m.checkedAt + ')';
    return { bound: true, reason: `${country} bound by ${name}${when}`, membership: m };
  }
}
