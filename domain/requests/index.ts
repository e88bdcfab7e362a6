/**
 * Every request type Liaison drafts, by type: the server, the web app and the CLI look a type up
 * here instead of importing the files one by one, so adding a type is one line.
 */
import type { RequestTypeDefinition } from './definition.ts';
import { emergencyDisclosure } from './emergency-disclosure.ts';
import { epocPr } from './epoc-pr.ts';
import { epoc } from './epoc.ts';
import { mlaSubscriber } from './mla-subscriber.ts';
import { p2DomainRegistration } from './p2-domain-registration.ts';
import { p2OrderGivenEffect } from './p2-order-given-effect.ts';
import { p2SubscriberOrder } from './p2-subscriber-order.ts';
import { preservation247 } from './preservation-247.ts';
import { preservationProvider } from './preservation-provider.ts';
import type { RequestType } from './types.ts';
import { voluntaryDisclosure } from './voluntary-disclosure.ts';

/** The definition of each request type (REQUEST_TYPES in types.ts). */
export const REQUEST_DEFINITIONS: Readonly<Record<RequestType, RequestTypeDefinition>> = {
  preservation_247: preservation247,
  preservation_provider: preservationProvider,
  mla_subscriber: mlaSubscriber,
  p2_domain_registration: p2DomainRegistration,
  p2_subscriber_order: p2SubscriberOrder,
  p2_order_given_effect: p2OrderGivenEffect,
  emergency_disclosure: emergencyDisclosure,
  voluntary_disclosure: voluntaryDisclosure,
  epoc,
  epoc_pr: epocPr,
};

/** The definition of one request type. */
export function getRequestDefinition(type: RequestType): RequestTypeDefinition {
  return REQUEST_DEFINITIONS[type];
}
