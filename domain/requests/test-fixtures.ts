/**
 * Complete, valid bodies of every request type, with fictitious people, providers and identifiers
 * (documentation addresses 203.0.113.0/24, example.* domains). The tests start from them; typing
 * them with each type's body keeps them in step with the schemas.
 */
import type { RequestTypeDefinition, OutlineContext, PrefillContext, RequestIdentifier } from './definition.ts';
import type { EmergencyDisclosureBody } from './emergency-disclosure.ts';
import type { EpocPrBody } from './epoc-pr.ts';
import type { EpocBody } from './epoc.ts';
import type { MlaSubscriberBody } from './mla-subscriber.ts';
import type { DomainRegistrationBody } from './p2-domain-registration.ts';
import type { OrderGivenEffectBody } from './p2-order-given-effect.ts';
import type { SubscriberOrderBody } from './p2-subscriber-order.ts';
import type { Preservation247Body } from './preservation-247.ts';
import type { PreservationProviderBody } from './preservation-provider.ts';
import type { RequestType } from './types.ts';
import type { VoluntaryDisclosureBody } from './voluntary-disclosure.ts';

/** An IP address with time, zone and port, and an e-mail address without a time. */
export const IDENTIFIERS: RequestIdentifier[] = [
  { kind: 'ip', value: '203.0.113.45', observedAt: '2026-11-20T13:45:12Z', timeZone: 'Europe/Paris', port: 51234, platform: 'Examplemail' },
  { kind: 'email', value: 'lune.bleue@example.com', platform: 'Examplemail' },
];

const AUTHORITY = {
  organisation: 'Office mineurs — fictitious unit',
  person: 'Capt. Claire Martin',
  address: '1 rue de l’Exemple, 75000 Paris',
  phone: '+33 1 00 00 00 01',
  email: 'claire.martin@example.fr',
  timeZone: 'Europe/Paris',
};

const FACTS =
  'Between 1 and 20 November 2026 the account lune.bleue@example.com sent images of the sexual abuse of a child of about eight to several users of a chat service; the last upload came from 203.0.113.45.';
const RELATION =
  'The account distributed the material and the IP address was used for the last upload; the subscriber behind them is the suspected distributor.';

/** A complete, warning-free body. */
export const PRESERVATION_247_BODY: Preservation247Body = {
  date: '2026-11-21',
  reference: 'OFMIN-2026-0042',
  status: { kind: 'new' },
  requestedAuthority: { name: 'Ruritania 24/7 point of contact (fictitious)', country: 'NL', email: 'pc247@example.nl' },
  requestingAuthority: { ...AUTHORITY, officeHours: '24/7', preferredReplyChannel: 'E-mail or other expedited means' },
  confirmationContact: { name: 'Lt. Paul Durand', jobTitle: 'Duty officer', phone: '+33 1 00 00 00 02', email: 'paul.durand@example.fr' },
  offence: { categories: ['csam_distribution'], provisions: 'Code pénal art. 227-23 (fictitious quotation): five years’ imprisonment' },
  facts: FACTS,
  data: {
    categories: ['subscriber', 'traffic'],
    description: 'Subscriber records and connection logs of the account and of the IP address at the time given',
    period: { from: '2026-11-01', to: '2026-11-20' },
    relationToOffence: RELATION,
  },
  identifiers: IDENTIFIERS,
  custodian: { name: 'Polderhost B.V. (fictitious)', details: 'Hosting centre in Amsterdam' },
  necessity: 'The provider keeps connection logs for 30 days only; the data will be deleted before a request for mutual assistance can be executed.',
  mlaToFollow: true,
  confidentiality: true,
};

/** A complete, warning-free body. */
export const PRESERVATION_PROVIDER_BODY: PreservationProviderBody = {
  date: '2026-11-21',
  reference: 'OFMIN-2026-0042',
  status: { kind: 'new' },
  provider: { name: 'Examplemail Inc. (fictitious)', country: 'US', email: 'lert@example.com' },
  requestingAuthority: { ...AUTHORITY },
  legalBasis: { kind: 'us_2703f', text: 'Code de procédure pénale art. 60-2 (fictitious quotation)' },
  offence: { categories: ['csam_distribution'] },
  facts: FACTS,
  identifiers: IDENTIFIERS,
  data: { categories: ['subscriber', 'traffic', 'content'], period: { from: '2026-11-01', to: '2026-11-20' }, relationToOffence: RELATION },
  preservationDays: 90,
  followUp: { statement: true, process: 'Mutual legal assistance request to the United States' },
  nonDisclosure: true,
};

/** A complete, warning-free body. */
export const MLA_SUBSCRIBER_BODY: MlaSubscriberBody = {
  date: '2026-12-01',
  reference: 'OFMIN-2026-0042',
  status: { kind: 'follow_up_preservation' },
  requestedAuthority: { name: 'Ruritania Ministry of Justice, central authority (fictitious)', country: 'NL' },
  requestingAuthority: { ...AUTHORITY, preferredReplyChannel: 'E-mail' },
  confirmationContact: { name: 'Lt. Paul Durand', email: 'paul.durand@example.fr' },
  prosecution: { office: 'Parquet de Paris (fictitious)', caseNumber: 'P-26-000042' },
  previousPreservation: { date: '2026-11-21', reference: 'PRES-7', requestingAuthority: AUTHORITY.organisation, respondingAuthority: 'Ruritania 24/7 point of contact (fictitious)', channel: '24/7 network (Budapest Art. 35)' },
  offence: { categories: ['csam_distribution'], provisions: 'Code pénal art. 227-23 (fictitious quotation): five years’ imprisonment' },
  facts: FACTS,
  data: { subscriberInfo: ['service', 'identity', 'address'], period: { from: '2026-11-01', to: '2026-11-20' }, relationToOffence: RELATION },
  identifiers: IDENTIFIERS,
  confidentiality: true,
  urgency: { level: 'expedited', reasons: 'Logs are kept for 90 days only.' },
  channel: 'central_authority',
};

const ISSUER = { ...AUTHORITY };

/** A complete, warning-free body. */
export const DOMAIN_REGISTRATION_BODY: DomainRegistrationBody = {
  date: '2027-03-01',
  reference: 'OFMIN-2026-0042',
  issuingAuthority: ISSUER,
  registrar: { name: 'Beispiel-Registrar GmbH (fictitious)', country: 'DE', email: 'abuse@example.de' },
  domainName: 'lune-bleue.example',
  dataElements: ['registrant_name', 'registrant_email'],
  protocolStatement: true,
  offence: { categories: ['csam_distribution'] },
  response: { timeFrame: 'Within 10 days', manner: 'Encrypted e-mail to the issuing authority' },
};

/** A complete, warning-free body. */
export const SUBSCRIBER_ORDER_BODY: SubscriberOrderBody = {
  date: '2027-03-01',
  reference: 'OFMIN-2026-0042',
  issuingAuthority: ISSUER,
  protocolStatement: true,
  provider: { name: 'Rei Messenger K.K. (fictitious)', address: '1-1 Example, Tokyo', country: 'JP' },
  offence: { categories: ['solicitation'], provisions: 'Code pénal art. 227-22-1 (fictitious quotation): two years’ imprisonment' },
  data: { subscriberInfo: ['identity', 'address', 'billing'], period: { from: '2027-01-01', to: '2027-02-28' } },
  identifiers: IDENTIFIERS,
  supplementary: {
    domesticLegalGrounds: 'Code de procédure pénale art. 60-1 (fictitious quotation)',
    returnContact: { name: AUTHORITY.organisation, email: AUTHORITY.email },
    timeFrame: '30 days',
    manner: 'Encrypted e-mail',
    notificationMade: true,
  },
};

/** A complete, warning-free body. */
export const ORDER_GIVEN_EFFECT_BODY: OrderGivenEffectBody = {
  date: '2027-04-15',
  reference: 'OFMIN-2026-0042',
  requestedAuthority: { name: 'Japan competent authority (fictitious)', country: 'JP' },
  issuingAuthority: ISSUER,
  protocolStatement: true,
  provider: { name: 'Rei Messenger K.K. (fictitious)', address: '1-1 Example, Tokyo', country: 'JP' },
  offence: { categories: ['solicitation'], provisions: 'Code pénal art. 227-22-1 (fictitious quotation): two years’ imprisonment' },
  data: { categories: ['subscriber'], description: 'Identity and address of the holder of the account', period: { from: '2027-01-01', to: '2027-02-28' }, relationToOffence: RELATION },
  identifiers: IDENTIFIERS,
  facts: FACTS,
  supporting: {
    domesticLegalGrounds: 'Code de procédure pénale art. 60-1 (fictitious quotation)',
    reasonProviderHasData: 'The account is a Rei Messenger account; the provider’s transparency report says it keeps subscriber data.',
    contact: { name: AUTHORITY.person, email: AUTHORITY.email },
    otherMeans: 'Order under Protocol Art. 7 of 2027-03-01, not complied with',
  },
};

/** A complete, warning-free body. */
export const EMERGENCY_DISCLOSURE_BODY: EmergencyDisclosureBody = {
  date: '2026-11-21',
  reference: 'OFMIN-2026-0043',
  basis: 'protocol_art9',
  requestedAuthority: { name: 'Ruritania 24/7 point of contact (fictitious)', country: 'NL' },
  issuingAuthority: ISSUER,
  protocolStatement: true,
  provider: { name: 'Polderhost B.V. (fictitious)', address: 'Keizersgracht 1, Amsterdam', country: 'NL' },
  offence: { categories: ['live_streamed_abuse'], provisions: 'Code pénal art. 222-23 (fictitious quotation)' },
  emergency: {
    facts: 'The user announced a live-streamed abuse of a child of about six for tonight 21:00 Paris time; earlier streams show the child is in his care now.',
    relation: 'The last connection IP address and the account details identify where the child is being held.',
  },
  data: { categories: ['subscriber', 'traffic'], description: 'Last login IP addresses and subscriber details of the account' },
  identifiers: IDENTIFIERS,
};

/** A complete, warning-free body. */
export const VOLUNTARY_DISCLOSURE_BODY: VoluntaryDisclosureBody = {
  date: '2026-11-21',
  reference: 'OFMIN-2026-0042',
  provider: { name: 'Examplemail Inc. (fictitious)', country: 'US' },
  requestingAuthority: { ...AUTHORITY },
  legalBasis: { domestic: 'Code de procédure pénale art. 60-1 (fictitious quotation)', provider: 'us_2702c' },
  offence: { categories: ['csam_distribution'] },
  facts: FACTS,
  identifiers: IDENTIFIERS,
  data: { categories: ['subscriber', 'identification'], period: { from: '2026-11-01', to: '2026-11-20' }, relationToOffence: RELATION },
  nonDisclosure: true,
};

/** A complete, warning-free body. */
export const EPOC_BODY: EpocBody = {
  issuingState: 'FR',
  reference: 'OFMIN-2026-0042',
  date: '2026-11-21',
  issuingAuthority: { ...ISSUER, role: 'investigating_judge' },
  addressee: { name: 'Examplemail Ireland Ltd (fictitious)', kind: 'designated_establishment', country: 'IE' },
  identifiers: IDENTIFIERS,
  data: { categories: ['subscriber', 'traffic'], period: { from: '2026-11-01', to: '2026-11-20' } },
  offence: { categories: ['csam_distribution'], provisions: 'Code pénal art. 227-23 (fictitious quotation)', maxPenaltyYears: 5, byInformationSystem: true },
  emergency: { isEmergency: false },
  notification: { enforcingState: 'IE' },
  transfer: { authority: AUTHORITY.organisation, email: AUTHORITY.email },
};

/** A complete, warning-free body. */
export const EPOC_PR_BODY: EpocPrBody = {
  issuingState: 'FR',
  reference: 'OFMIN-2026-0042',
  date: '2026-11-21',
  issuingAuthority: { ...ISSUER, role: 'prosecutor' },
  addressee: { name: 'Examplemail Ireland Ltd (fictitious)', kind: 'designated_establishment', country: 'IE' },
  identifiers: IDENTIFIERS,
  data: { categories: ['subscriber', 'traffic', 'content'], period: { from: '2026-11-01', to: '2026-11-20' } },
  offence: { categories: ['csam_distribution'], provisions: 'Code pénal art. 227-23 (fictitious quotation)', maxPenaltyYears: 5, byInformationSystem: true },
  subsequentRequest: { kind: 'epoc' },
};

/** A complete body for each type. */
export const COMPLETE_BODIES: Record<RequestType, unknown> = {
  preservation_247: PRESERVATION_247_BODY,
  preservation_provider: PRESERVATION_PROVIDER_BODY,
  mla_subscriber: MLA_SUBSCRIBER_BODY,
  p2_domain_registration: DOMAIN_REGISTRATION_BODY,
  p2_subscriber_order: SUBSCRIBER_ORDER_BODY,
  p2_order_given_effect: ORDER_GIVEN_EFFECT_BODY,
  emergency_disclosure: EMERGENCY_DISCLOSURE_BODY,
  voluntary_disclosure: VOLUNTARY_DISCLOSURE_BODY,
  epoc: EPOC_BODY,
  epoc_pr: EPOC_PR_BODY,
};

/** A prefill context with everything filled in. */
export function buildPrefillContext(overrides: Partial<PrefillContext> = {}): PrefillContext {
  return {
    date: '2026-12-01',
    case: { reference: 'OFMIN-2026-0042', title: 'Lune bleue', summary: FACTS, offenceCategories: ['csam_distribution'], handlingCode: 'H0' },
    identifiers: IDENTIFIERS,
    requestingAuthority: { ...AUTHORITY },
    ...overrides,
  };
}

/** An outline context for a body. */
export function buildOutlineContext(definition: RequestTypeDefinition, body: unknown, language: 'en' | 'fr'): OutlineContext {
  return {
    language,
    generatedAt: '2026-11-21T10:00:00Z',
    version: 2,
    case: { reference: 'OFMIN-2026-0042', handlingCode: 'H2' },
    request: {
      reference: 'REQ-0007',
      type: definition.type,
      body,
      createdBy: { name: 'Claire Martin', role: 'investigator' },
      validatedBy: { name: 'Anne Leroy', role: 'prosecutor', at: '2026-11-21T09:30:00Z', decision: 'Approved' },
      sentAt: '2026-11-21T10:05:00Z',
    },
  };
}
