/**
 * Words for requests in the reader's language. The request types, their items, articles and
 * `why` sentences are bilingual in domain/requests (documents print them too), so the UI reads
 * them from there; statuses, transitions and deadlines are translated in the i18n files.
 */
import type { TFunction } from 'i18next';
import { DEADLINE_ACTIONS, DEADLINE_KINDS, DEADLINE_STATES, type DeadlineAction, type DeadlineKind, type DeadlineState } from '../../../../domain/deadlines.ts';
import { CANNOT_EXECUTE_GROUNDS, REQUEST_STATES, TRANSITION_IDS, type RequestStatus, type TransitionId } from '../../../../domain/lifecycle.ts';
import { COUNTERPART_KINDS, type Counterpart } from '../../../../domain/requests/api.ts';
import type { Localised } from '../../../../domain/requests/definition.ts';
import { REQUEST_DEFINITIONS } from '../../../../domain/requests/index.ts';
import { REQUEST_TYPES, type RequestType } from '../../../../domain/requests/types.ts';

/** The language of the domain's bilingual texts that matches the UI language (English otherwise). */
export function textLanguage(language: string): 'en' | 'fr' {
  return language.startsWith('fr') ? 'fr' : 'en';
}

/** A bilingual domain text in the reader's language. */
export function localise(text: Localised, language: string): string {
  return text[textLanguage(language)];
}

/** Whether a string names a request type. */
export function isRequestType(value: string): value is RequestType {
  return (REQUEST_TYPES as readonly string[]).includes(value);
}

/** Whether a string names a request status. */
export function isRequestStatus(value: string): value is RequestStatus {
  return (REQUEST_STATES as readonly string[]).includes(value);
}

/** Whether a string names a transition. */
export function isTransitionId(value: string): value is TransitionId {
  return (TRANSITION_IDS as readonly string[]).includes(value);
}

/** Whether a string is a kind of deadline this version knows. */
export function isDeadlineKind(value: string): value is DeadlineKind {
  return (DEADLINE_KINDS as readonly string[]).includes(value);
}

/** Whether a string is a deadline state. */
export function isDeadlineState(value: string): value is DeadlineState {
  return (DEADLINE_STATES as readonly string[]).includes(value);
}

/** Whether a string is a deadline action. */
export function isDeadlineAction(value: string): value is DeadlineAction {
  return (DEADLINE_ACTIONS as readonly string[]).includes(value);
}

/** The kinds a counterpart may be. */
export type CounterpartKind = Counterpart['kind'];

/** Whether a string names a counterpart kind. */
export function isCounterpartKind(value: string): value is CounterpartKind {
  return (COUNTERPART_KINDS as readonly string[]).includes(value);
}

/** Whether a string names an Annex III ground. */
export function isCannotExecuteGround(value: string): value is (typeof CANNOT_EXECUTE_GROUNDS)[number] {
  return (CANNOT_EXECUTE_GROUNDS as readonly string[]).includes(value);
}

/** "Request for the expedited preservation of stored computer data". */
export function requestTypeTitle(type: RequestType, language: string): string {
  return localise(REQUEST_DEFINITIONS[type].title, language);
}

/** Every request type as select options, in the order of the domain list. */
export function requestTypeOptions(language: string): { value: RequestType; label: string }[] {
  return REQUEST_TYPES.map((value) => ({ value, label: requestTypeTitle(value, language) }));
}

/** A status in words ("Awaiting validation"); an unknown one as stored. */
export function statusLabel(status: string, t: TFunction): string {
  return isRequestStatus(status) ? t(`requests.status.${status}`) : status;
}

/** A transition as a verb on a button ("Submit for validation"). */
export function transitionLabel(id: string, t: TFunction): string {
  return isTransitionId(id) ? t(`requests.transitions.${id}.label`) : id;
}

/** A counterpart kind in words ("24/7 point of contact"). */
export function counterpartKindLabel(kind: string | undefined, t: TFunction): string {
  if (kind === undefined) return '';
  return isCounterpartKind(kind) ? t(`routes.addressees.${kind}`) : kind;
}

/** A deadline kind in words ("Preservation ends"). */
export function deadlineKindLabel(kind: string, t: TFunction): string {
  return isDeadlineKind(kind) ? t(`requests.deadlines.kinds.${kind}`) : kind;
}

/** Badge colours of request statuses: work to do stands out, outcomes fade. */
export const STATUS_COLORS: Record<RequestStatus, string> = {
  draft: 'gray',
  awaiting_validation: 'yellow',
  validated: 'teal',
  sent: 'blue',
  acknowledged: 'blue',
  received: 'violet',
  assigned: 'violet',
  forwarded: 'indigo',
  partially_executed: 'cyan',
  executed: 'green',
  refused: 'red',
  cannot_execute: 'red',
  withdrawn: 'gray',
  expired: 'orange',
  closed: 'dark',
};

/** Badge colours of deadline states. */
export const DEADLINE_STATE_COLORS: Record<DeadlineState, string> = {
  pending: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  met: 'green',
  suspended: 'gray',
};

/** The reader's own time zone, as the browser knows it. */
export function userTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The payload fields of the transitions (TRANSITION_PAYLOAD_SCHEMAS), which the i18n files name. */
export const PAYLOAD_FIELDS = [
  'note',
  'decision',
  'decisionReference',
  'reason',
  'channel',
  'addresseeReference',
  'occurredAt',
  'summary',
  'ground',
  'requesterReference',
  'assigneeId',
  'recipient',
  'recipientName',
] as const;
/** One of {@link PAYLOAD_FIELDS}. */
export type PayloadField = (typeof PAYLOAD_FIELDS)[number];

/** Whether a key is a payload field the i18n files name. */
export function isPayloadField(key: string): key is PayloadField {
  return (PAYLOAD_FIELDS as readonly string[]).includes(key);
}

/** A payload field's name ("Decision"), or the key for one this version does not know. */
export function payloadFieldLabel(key: string, t: TFunction): string {
  return isPayloadField(key) ? t(`requests.payload.${key}.label`) : key;
}

/**
 * The legal reason a request must (or need not) be validated, in the reader's language. The
 * server states it in English (domain/lifecycle.ts, validationRequirement); the French texts are
 * in the i18n files, chosen by the same type and data category.
 */
export function validationReason(request: { type: RequestType; dataCategory: string | null; validation: { reason: string } }, t: TFunction, language: string): string {
  if (textLanguage(language) === 'en') return request.validation.reason;
  if (request.type !== 'epoc') return t(`requests.validationReasons.${request.type}`);
  switch (request.dataCategory) {
    case 'subscriber':
    case 'identification':
    case 'domain_registration':
      return t('requests.validationReasons.epocSubscriber');
    case 'traffic':
    case 'content':
      return t('requests.validationReasons.epocTraffic');
    default:
      return t('requests.validationReasons.epocUnknown');
  }
}

/** Which kind of addressee a request of each type usually goes to (the first guess of the forms). */
export function usualAddresseeKind(type: RequestType): CounterpartKind {
  switch (type) {
    case 'preservation_247':
      return 'contact_point_24_7';
    case 'mla_subscriber':
    case 'p2_order_given_effect':
      return 'central_authority';
    case 'p2_domain_registration':
      return 'registrar';
    case 'preservation_provider':
    case 'p2_subscriber_order':
    case 'emergency_disclosure':
    case 'voluntary_disclosure':
    case 'epoc':
    case 'epoc_pr':
      return 'provider';
  }
}
