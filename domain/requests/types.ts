/**
 * The request types Liaison drafts and tracks (../shared/DOMAIN.md, "Request types Liaison models").
 * One definition file per type lives beside this one.
 */
export const REQUEST_TYPES = [
  'preservation_247',
  'preservation_provider',
  'mla_subscriber',
  'p2_domain_registration',
  'p2_subscriber_order',
  'p2_order_given_effect',
  'emergency_disclosure',
  'voluntary_disclosure',
  'epoc',
  'epoc_pr',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Which request type a route of the advisor (domain/routes/advisor.ts) is drafted with. */
export const REQUEST_TYPE_BY_ROUTE: Readonly<Record<string, RequestType>> = {
  'budapest-29-preservation': 'preservation_247',
  'budapest-30-partial-disclosure': 'preservation_247',
  'provider-preservation': 'preservation_provider',
  'budapest-31-mla': 'mla_subscriber',
  'budapest-25-3-expedited': 'mla_subscriber',
  'budapest-27-9-direct-judicial': 'mla_subscriber',
  'bilateral-mla': 'mla_subscriber',
  'p2-art10-emergency-mla': 'mla_subscriber',
  'p2-art6-domain': 'p2_domain_registration',
  'p2-art7-direct-subscriber': 'p2_subscriber_order',
  'p2-art8-giving-effect': 'p2_order_given_effect',
  'p2-art9-emergency-disclosure': 'emergency_disclosure',
  'provider-emergency-disclosure': 'emergency_disclosure',
  'provider-voluntary-disclosure': 'voluntary_disclosure',
  'eu-epoc': 'epoc',
  'eu-epoc-pr': 'epoc_pr',
};
