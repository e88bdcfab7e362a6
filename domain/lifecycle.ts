/**
 * The life of a request, as a state machine: which states exist, which transitions move between
 * them, who may fire each one, what each must carry, and whether the law wants a prosecutor or a
 * judge to validate the request before it leaves. Pure: the server asks `checkTransition` before it
 * changes a request, and the UI asks `availableTransitions` to show only what the user may do.
 *
 * Sources: ../shared/DOMAIN.md ("Request types Liaison models"), Regulation (EU) 2023/1543
 * Arts. 4, 10, 11 and Annexes III, V, VI; Budapest Convention Arts. 25, 27, 29, 31; Second
 * Additional Protocol (CETS 224) Arts. 6–9.
 */
import { z } from 'zod';
import type { Role } from './roles.ts';
import type { RequestType } from './requests/types.ts';
import type { DataCategory } from './routes/types.ts';

// ---------------------------------------------------------------------------------------------
// States and directions

/**
 * Every state a request can be in. An outgoing request (we ask) runs draft → awaiting_validation →
 * validated → sent → acknowledged → outcome; an incoming one (a 24/7 point or central authority
 * receives it) runs received → assigned → forwarded → outcome. The outcomes are shared so that
 * statistics (Reg. 2023/1543 Art. 28: executions, refusals, response times) count both directions
 * alike; `closed` ends the file in both.
 */
export const REQUEST_STATES = [
  'draft',
  'awaiting_validation',
  'validated',
  'sent',
  'acknowledged',
  'received',
  'assigned',
  'forwarded',
  'partially_executed',
  'executed',
  'refused',
  'cannot_execute',
  'withdrawn',
  'expired',
  'closed',
] as const;
export const requestStatusSchema = z.enum(REQUEST_STATES);
export type RequestStatus = z.infer<typeof requestStatusSchema>;

/** Outgoing: we are the requesting authority. Incoming: we are the requested one. */
export const DIRECTIONS = ['outgoing', 'incoming'] as const;
export const directionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof directionSchema>;

/** The outcome states both directions share; `partially_executed` may still move on. */
const OUTCOMES = ['partially_executed', 'executed', 'refused', 'cannot_execute', 'withdrawn', 'expired'] as const;

/** The states a request of each direction can reach; a request never leaves its direction. */
export const STATES_BY_DIRECTION: Readonly<Record<Direction, readonly RequestStatus[]>> = {
  outgoing: ['draft', 'awaiting_validation', 'validated', 'sent', 'acknowledged', ...OUTCOMES, 'closed'],
  incoming: ['received', 'assigned', 'forwarded', ...OUTCOMES, 'closed'],
};

/**
 * Final outcomes: nothing happens to the request any more except closing the file. A changed
 * mind is a new request (a new preservation after an expiry, an MLA after a refusal), linked to
 * this one through FOLLOW_UPS, so the history of what was asked and answered is never rewritten.
 */
export const TERMINAL_STATES = ['executed', 'refused', 'cannot_execute', 'withdrawn', 'expired'] as const satisfies readonly RequestStatus[];

/** Whether a status is a final outcome (see TERMINAL_STATES); `closed` is past even that. */
export function isTerminal(status: RequestStatus): boolean {
  return (TERMINAL_STATES as readonly RequestStatus[]).includes(status);
}

// ---------------------------------------------------------------------------------------------
// Data categories and validation

/**
 * Data categories as Regulation (EU) 2023/1543 Art. 3(9)–(12) distinguishes them: the route
 * advisor's categories plus `identification` — "data requested for the sole purpose of identifying
 * the user" (Art. 3(10): typically an IP address with its timestamp), which the Regulation treats
 * like subscriber data although it is technically traffic data.
 */
export const REQUEST_DATA_CATEGORIES = ['subscriber', 'identification', 'traffic', 'content', 'domain_registration'] as const satisfies readonly (
  | DataCategory
  | 'identification'
)[];
export const requestDataCategorySchema = z.enum(REQUEST_DATA_CATEGORIES);
export type RequestDataCategory = z.infer<typeof requestDataCategorySchema>;

/**
 * Who must validate a request before it is sent.
 * - `none`: the requesting police authority may send it; a prosecutor may still validate it.
 * - `prosecutor`: a judicial authority must issue or validate it — a prosecutor in most States.
 * - `judge_or_prosecutor`: the instrument names a judge, a court or a prosecutor.
 * - `judge`: only a judge, a court or an investigating judge.
 *
 * Liaison has no judge role. A judge who uses Liaison holds the `prosecutor` role (the judicial
 * authority role) and carries `judge: true` on the actor; `judge` validation needs both. So
 * `prosecutor` and `judge_or_prosecutor` admit the same people (every holder of the prosecutor
 * role, judges included) and differ only in the legal text shown.
 */
export const VALIDATION_REQUIREMENTS = ['none', 'prosecutor', 'judge_or_prosecutor', 'judge'] as const;
export const validationRequirementSchema = z.enum(VALIDATION_REQUIREMENTS);
export type ValidationRequirement = z.infer<typeof validationRequirementSchema>;

/** A validation requirement with the legal reason for it, as shown to the drafter. */
export interface ValidationRule {
  requirement: ValidationRequirement;
  reason: string;
}

/**
 * The validation the instrument itself requires for a request type and data category. National
 * law or an agency's policy may demand more (pass it as `validationRequired` in the transition
 * context), never less.
 */
export function validationRequirement(type: RequestType, dataCategory?: RequestDataCategory): ValidationRule {
  switch (type) {
    case 'preservation_247':
      return {
        requirement: 'none',
        reason:
          'A preservation request is a provisional measure that a 24/7 point of contact may send on the investigators’ behalf (Budapest Arts. 29 and 35); the disclosure that follows needs the judicial route.',
      };
    case 'preservation_provider':
      return {
        requirement: 'none',
        reason:
          'A preservation request to a provider only freezes data (e.g. 18 U.S.C. §2703(f) accepts it from a governmental entity); disclosure needs a later order or MLA.',
      };
    case 'emergency_disclosure':
      return {
        requirement: 'none',
        reason:
          'Emergency disclosure is decided by the provider or requested Party on the facts of an imminent risk to life or safety (Second Protocol Art. 9; 18 U.S.C. §2702(b)(8), (c)(4)); no judicial order is involved and waiting for one would defeat it.',
      };
    case 'voluntary_disclosure':
      return {
        requirement: 'none',
        reason: 'Voluntary disclosure of non-content data is the provider’s decision under its own law and policy (e.g. 18 U.S.C. §2702); it compels nothing.',
      };
    case 'p2_domain_registration':
      return {
        requirement: 'none',
        reason: 'A request for domain name registration data is a request, not an order; the Protocol lets any competent authority send it (Second Protocol Art. 6).',
      };
    case 'mla_subscriber':
      return {
        requirement: 'prosecutor',
        reason: 'A request for mutual legal assistance is issued by a judicial authority — a prosecutor in most States — and transmitted through the central authority (Budapest Arts. 27 and 31).',
      };
    case 'p2_subscriber_order':
      return {
        requirement: 'prosecutor',
        reason:
          'A Party may require that an order for subscriber information be issued by, or under the supervision of, a prosecutor or other judicial authority (Second Protocol Art. 7(2)(b)); Liaison always asks for it so the order is accepted everywhere.',
      };
    case 'p2_order_given_effect':
      return {
        requirement: 'prosecutor',
        reason: 'An order to be given effect by another Party compels production like an MLA request and is issued by a judicial authority in most States (Second Protocol Art. 8).',
      };
    case 'epoc_pr':
      return {
        requirement: 'judge_or_prosecutor',
        reason: 'A European Preservation Order is issued or validated by a judge, a court, an investigating judge or a prosecutor (Reg. 2023/1543 Art. 4(3)).',
      };
    case 'epoc':
      return epocValidation(dataCategory);
  }
}

function epocValidation(dataCategory: RequestDataCategory | undefined): ValidationRule {
  const subscriberLike: ValidationRule = {
    requirement: 'judge_or_prosecutor',
    reason:
      'A European Production Order for subscriber data or data requested only to identify the user is issued or validated by a judge, a court, an investigating judge or a prosecutor (Reg. 2023/1543 Art. 4(1)).',
  };
  const trafficOrContent: ValidationRule = {
    requirement: 'judge',
    reason:
      'A European Production Order for traffic data (other than data requested only to identify the user) or content data is issued or validated by a judge, a court or an investigating judge (Reg. 2023/1543 Art. 4(2)).',
  };
  switch (dataCategory) {
    case 'subscriber':
    case 'identification':
      return subscriberLike;
    // Registration data of a domain name identify its registrant: subscriber data under Art. 3(9). [check]
    case 'domain_registration':
      return subscriberLike;
    case 'traffic':
    case 'content':
      return trafficOrContent;
    case undefined:
      return { requirement: 'judge', reason: `The data category is not given, so the strictest rule applies. ${trafficOrContent.reason}` };
  }
}

const REQUIREMENT_RANK: Record<ValidationRequirement, number> = { none: 0, prosecutor: 1, judge_or_prosecutor: 1, judge: 2 };

/**
 * The requirement that applies: the instrument's, raised (never lowered) by what national law or
 * agency policy asks for. Between `prosecutor` and `judge_or_prosecutor`, which admit the same
 * validators, the instrument's wording is kept.
 */
export function effectiveValidationRequirement(type: RequestType, dataCategory?: RequestDataCategory, required?: ValidationRequirement): ValidationRequirement {
  const legal = validationRequirement(type, dataCategory).requirement;
  if (required === undefined) return legal;
  return REQUIREMENT_RANK[required] > REQUIREMENT_RANK[legal] ? required : legal;
}

// ---------------------------------------------------------------------------------------------
// Payloads

const text = (what: string) =>
  z
    .string({ error: `give ${what}` })
    .trim()
    .min(1, { error: `give ${what}` })
    .max(4000, { error: `${what} must be at most 4000 characters` });
const occurredAt = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone offset' }).optional();

/**
 * Grounds on which an addressee cannot execute a request, after Reg. 2023/1543 Annex III (EPOC and
 * EPOC-PR) and Budapest Art. 29(6) (preservation will not ensure the data's availability). [check
 * the list against Annex III]
 */
export const CANNOT_EXECUTE_GROUNDS = ['incomplete_or_manifest_error', 'data_not_stored', 'de_facto_impossibility', 'immunity_or_privilege', 'not_addressee', 'other'] as const;

/**
 * What each transition must carry. A refusal, a withdrawal, a rejected validation and a reopened
 * draft carry a reason, because the audit log and the counterpart must be able to say why; a
 * validation carries the validator's decision, which Annex I/II and the T-CY forms print.
 * `occurredAt` is when the event happened at the counterpart, if not now.
 */
export const TRANSITION_PAYLOAD_SCHEMAS = {
  create_draft: z.object({}),
  submit_for_validation: z.object({ note: text('a note').optional() }),
  validate: z.object({ decision: text('the validation decision'), decisionReference: text('the decision reference').optional() }),
  reject_validation: z.object({ reason: text('the reason for rejecting the validation') }),
  reopen_draft: z.object({ reason: text('the reason for reopening the draft') }),
  send: z.object({ channel: text('the channel used (e.g. e-mail, e-CODEX, 24/7 network)'), addresseeReference: text('the addressee’s reference').optional() }),
  acknowledge: z.object({ occurredAt, addresseeReference: text('the addressee’s reference').optional() }),
  record_partial: z.object({ occurredAt, summary: text('what was received') }),
  record_executed: z.object({ occurredAt, summary: text('what was received').optional() }),
  record_refusal: z.object({ occurredAt, reason: text('the reason given for the refusal') }),
  record_cannot_execute: z.object({ occurredAt, ground: z.enum(CANNOT_EXECUTE_GROUNDS), reason: text('the reason given') }),
  register: z.object({ occurredAt, channel: text('the channel it arrived by'), requesterReference: text('the requesting authority’s reference').optional() }),
  assign: z.object({ assigneeId: text('the person to assign') }),
  forward: z.object({ recipient: z.enum(['provider', 'domestic_authority']), recipientName: text('the provider or authority forwarded to'), channel: text('the channel used').optional() }),
  answer_partially: z.object({ summary: text('what was sent back') }),
  answer: z.object({ summary: text('what was sent back').optional() }),
  refuse: z.object({ reason: text('the ground for refusal') }),
  report_cannot_execute: z.object({ ground: z.enum(CANNOT_EXECUTE_GROUNDS), reason: text('the reason') }),
  withdraw: z.object({ reason: text('the reason for the withdrawal') }),
  expire: z.object({}),
  close: z.object({ note: text('a note').optional() }),
} as const;

/** Every transition, by id: the verbs the audit log records. */
export type TransitionId = keyof typeof TRANSITION_PAYLOAD_SCHEMAS;
/** Every transition id, for iterating (tests, the UI's action list, audit event names). */
export const TRANSITION_IDS = Object.keys(TRANSITION_PAYLOAD_SCHEMAS) as TransitionId[];

/** The payload a transition carries, as its schema parses it. */
export type TransitionPayload<K extends TransitionId> = z.output<(typeof TRANSITION_PAYLOAD_SCHEMAS)[K]>;

/**
 * Parses a transition's payload; the error names the field ("reason: give the reason for the
 * withdrawal"). Kept apart from `checkTransition` so the UI can ask what the user may do before
 * anything is typed.
 */
export function parseTransitionPayload<K extends TransitionId>(id: K, input: unknown): { ok: true; payload: TransitionPayload<K> } | { ok: false; reason: string } {
  const result = TRANSITION_PAYLOAD_SCHEMAS[id].safeParse(input ?? {});
  if (result.success) return { ok: true, payload: result.data as TransitionPayload<K> };
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, reason: `${path}${issue?.message ?? 'invalid payload'}` };
}

// ---------------------------------------------------------------------------------------------
// The transition table

/**
 * Extra conditions a row declares; `checkTransition` implements each one.
 * - `judicial_authority`: the actor's authority matches the validation requirement (a judge flag
 *   where only a judge may validate).
 * - `independent_validator`: the actor neither created nor edited the draft (four eyes).
 * - `validation_done_or_not_required`: leaving a draft straight for `sent` needs requirement `none`.
 * - `has_preservation_period`: only requests with a preservation period can expire; other
 *   requests past their deadline are overdue, not expired.
 */
export type TransitionGuard = 'judicial_authority' | 'independent_validator' | 'validation_done_or_not_required' | 'has_preservation_period';

/** One transition: from which states, to which, in which direction, by whom, with what. */
export interface TransitionRule {
  id: TransitionId;
  direction: Direction;
  /** `null` in the list: the transition creates the request. */
  from: readonly (RequestStatus | null)[];
  to: RequestStatus;
  /** Roles that may fire it (any one suffices), or the system alone. */
  by: readonly Role[] | 'system';
  /** Whether the actor must be on the team of the case (creating an incoming request is not). */
  caseTeam: boolean;
  guards: readonly TransitionGuard[];
  /** Required payload fields, for documentation and the UI; TRANSITION_PAYLOAD_SCHEMAS is the contract. */
  requires: readonly string[];
  /** Lower-case phrase for messages: "you cannot {action}: …". */
  action: string;
}

// Who acts. Investigators and prosecutors draft (a prosecutor often drafts an MLA request);
// 24/7 points and central authorities transmit; only they handle incoming requests. Admin,
// coordinator, trainer and auditor are not case actors and appear in no row: least privilege.
const DRAFTERS = ['investigator', 'prosecutor'] as const satisfies readonly Role[];
const SENDERS = ['investigator', 'prosecutor', 'contact_point', 'central_authority'] as const satisfies readonly Role[];
const RECEIVERS = ['contact_point', 'central_authority'] as const satisfies readonly Role[];
const VALIDATORS = ['prosecutor'] as const satisfies readonly Role[];

const OUT_LIVE = ['sent', 'acknowledged', 'partially_executed'] as const satisfies readonly RequestStatus[];
const IN_LIVE = ['received', 'assigned', 'forwarded', 'partially_executed'] as const satisfies readonly RequestStatus[];

/**
 * The state machine, one row per (transition, direction). `withdraw`, `expire` and `close` exist in
 * both directions with different actors: withdrawing an outgoing request is our decision;
 * recording that the requesting State withdrew an incoming one is the receiving office's.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  // Outgoing: drafting and validation.
  { id: 'create_draft', direction: 'outgoing', from: [null], to: 'draft', by: DRAFTERS, caseTeam: true, guards: [], requires: [], action: 'draft a request' },
  { id: 'submit_for_validation', direction: 'outgoing', from: ['draft'], to: 'awaiting_validation', by: DRAFTERS, caseTeam: true, guards: [], requires: [], action: 'submit this request for validation' },
  { id: 'validate', direction: 'outgoing', from: ['awaiting_validation'], to: 'validated', by: VALIDATORS, caseTeam: true, guards: ['judicial_authority', 'independent_validator'], requires: ['decision'], action: 'validate this request' },
  { id: 'reject_validation', direction: 'outgoing', from: ['awaiting_validation'], to: 'draft', by: VALIDATORS, caseTeam: true, guards: ['judicial_authority', 'independent_validator'], requires: ['reason'], action: 'reject the validation of this request' },
  { id: 'reopen_draft', direction: 'outgoing', from: ['awaiting_validation', 'validated'], to: 'draft', by: DRAFTERS, caseTeam: true, guards: [], requires: ['reason'], action: 'reopen this request as a draft' },
  // Outgoing: sending and recording the addressee's answer.
  { id: 'send', direction: 'outgoing', from: ['draft', 'validated'], to: 'sent', by: SENDERS, caseTeam: true, guards: ['validation_done_or_not_required'], requires: ['channel'], action: 'send this request' },
  { id: 'acknowledge', direction: 'outgoing', from: ['sent'], to: 'acknowledged', by: SENDERS, caseTeam: true, guards: [], requires: [], action: 'record an acknowledgement of this request' },
  { id: 'record_partial', direction: 'outgoing', from: OUT_LIVE, to: 'partially_executed', by: SENDERS, caseTeam: true, guards: [], requires: ['summary'], action: 'record a partial execution of this request' },
  { id: 'record_executed', direction: 'outgoing', from: OUT_LIVE, to: 'executed', by: SENDERS, caseTeam: true, guards: [], requires: [], action: 'record the execution of this request' },
  { id: 'record_refusal', direction: 'outgoing', from: OUT_LIVE, to: 'refused', by: SENDERS, caseTeam: true, guards: [], requires: ['reason'], action: 'record a refusal of this request' },
  { id: 'record_cannot_execute', direction: 'outgoing', from: OUT_LIVE, to: 'cannot_execute', by: SENDERS, caseTeam: true, guards: [], requires: ['ground', 'reason'], action: 'record that this request cannot be executed' },
  { id: 'withdraw', direction: 'outgoing', from: ['draft', 'awaiting_validation', 'validated', ...OUT_LIVE], to: 'withdrawn', by: SENDERS, caseTeam: true, guards: [], requires: ['reason'], action: 'withdraw this request' },
  { id: 'expire', direction: 'outgoing', from: OUT_LIVE, to: 'expired', by: 'system', caseTeam: false, guards: ['has_preservation_period'], requires: [], action: 'expire this request' },
  { id: 'close', direction: 'outgoing', from: ['partially_executed', ...TERMINAL_STATES], to: 'closed', by: SENDERS, caseTeam: true, guards: [], requires: [], action: 'close this request' },
  // Incoming: registration, handling and the answer we give.
  { id: 'register', direction: 'incoming', from: [null], to: 'received', by: RECEIVERS, caseTeam: false, guards: [], requires: ['channel'], action: 'register an incoming request' },
  { id: 'assign', direction: 'incoming', from: ['received', 'assigned'], to: 'assigned', by: RECEIVERS, caseTeam: true, guards: [], requires: ['assigneeId'], action: 'assign this request' },
  { id: 'forward', direction: 'incoming', from: ['received', 'assigned'], to: 'forwarded', by: RECEIVERS, caseTeam: true, guards: [], requires: ['recipient', 'recipientName'], action: 'forward this request' },
  { id: 'answer_partially', direction: 'incoming', from: IN_LIVE, to: 'partially_executed', by: RECEIVERS, caseTeam: true, guards: [], requires: ['summary'], action: 'send a partial answer to this request' },
  { id: 'answer', direction: 'incoming', from: IN_LIVE, to: 'executed', by: RECEIVERS, caseTeam: true, guards: [], requires: [], action: 'answer this request' },
  { id: 'refuse', direction: 'incoming', from: IN_LIVE, to: 'refused', by: RECEIVERS, caseTeam: true, guards: [], requires: ['reason'], action: 'refuse this request' },
  { id: 'report_cannot_execute', direction: 'incoming', from: IN_LIVE, to: 'cannot_execute', by: RECEIVERS, caseTeam: true, guards: [], requires: ['ground', 'reason'], action: 'report that this request cannot be executed' },
  { id: 'withdraw', direction: 'incoming', from: IN_LIVE, to: 'withdrawn', by: RECEIVERS, caseTeam: true, guards: [], requires: ['reason'], action: 'record the withdrawal of this request' },
  { id: 'expire', direction: 'incoming', from: IN_LIVE, to: 'expired', by: 'system', caseTeam: false, guards: ['has_preservation_period'], requires: [], action: 'expire this request' },
  { id: 'close', direction: 'incoming', from: ['partially_executed', ...TERMINAL_STATES], to: 'closed', by: RECEIVERS, caseTeam: true, guards: [], requires: [], action: 'close this request' },
];

/** Request types whose addressee keeps data for a period that can run out (see deadlines.ts). */
export const PRESERVATION_TYPES = ['preservation_247', 'preservation_provider', 'epoc_pr'] as const satisfies readonly RequestType[];

// ---------------------------------------------------------------------------------------------
// Checking a transition

/**
 * The person (or the scheduler) firing a transition. `judge` marks a holder of the prosecutor role
 * who is a judge, a court or an investigating judge in their system (see VALIDATION_REQUIREMENTS).
 * `system` is set only on SYSTEM_ACTOR, which the server's jobs use.
 */
export interface RequestActor {
  id: string;
  roles: readonly Role[];
  judge?: boolean;
  system?: boolean;
}

/** The scheduler's actor: it may expire a request whose period ended, and do nothing else. */
export const SYSTEM_ACTOR: RequestActor = Object.freeze({ id: 'system', roles: Object.freeze([]) as readonly Role[], system: true });

/** What a transition decision depends on. */
export interface TransitionContext {
  direction: Direction;
  type: RequestType;
  dataCategory?: RequestDataCategory;
  /** `null` when the request does not exist yet (drafting or registering it). */
  status: RequestStatus | null;
  actor: RequestActor;
  /** Who created the request; for a new request, the actor. */
  createdBy: string;
  /** Others who edited the draft: like its creator, none of them may validate it. */
  editedBy?: readonly string[];
  /** Whether the actor is on the team of the case the request belongs to (the server decides). */
  actorInCaseTeam: boolean;
  /** A stricter requirement from national law or policy; the instrument's applies anyway. */
  validationRequired?: ValidationRequirement;
}

/** The answer to "may this actor fire this transition now?": the target, or why not. */
export type TransitionCheck = { ok: true; to: RequestStatus } | { ok: false; reason: string };

const ROLE_NAMES: Record<Role, string> = {
  admin: 'an administrator',
  coordinator: 'a coordinator',
  investigator: 'an investigator',
  prosecutor: 'a prosecutor',
  contact_point: 'a 24/7 contact point',
  central_authority: 'a central authority',
  trainer: 'a training coordinator',
  auditor: 'an auditor',
};

const STATUS_PHRASES: Record<RequestStatus, string> = {
  draft: 'a draft',
  awaiting_validation: 'awaiting validation',
  validated: 'validated',
  sent: 'sent',
  acknowledged: 'acknowledged',
  received: 'received',
  assigned: 'assigned',
  forwarded: 'forwarded',
  partially_executed: 'partially executed',
  executed: 'executed',
  refused: 'refused',
  cannot_execute: 'reported as impossible to execute',
  withdrawn: 'withdrawn',
  expired: 'expired',
  closed: 'closed',
};

/** How messages name a request of each type: "only a prosecutor or judge may validate an MLA request". */
const TYPE_PHRASES: Record<RequestType, string> = {
  preservation_247: 'a preservation request',
  preservation_provider: 'a preservation request',
  mla_subscriber: 'an MLA request',
  p2_domain_registration: 'a domain registration data request',
  p2_subscriber_order: 'an order for subscriber information',
  p2_order_given_effect: 'an order to be given effect',
  emergency_disclosure: 'an emergency disclosure request',
  voluntary_disclosure: 'a voluntary disclosure request',
  epoc: 'a European Production Order',
  epoc_pr: 'a European Preservation Order',
};

function typePhrase(type: RequestType, dataCategory: RequestDataCategory | undefined): string {
  if (type === 'epoc' && (dataCategory === 'traffic' || dataCategory === 'content')) return 'a European Production Order for traffic or content data';
  return TYPE_PHRASES[type];
}

function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function validatorPhrase(requirement: ValidationRequirement): string {
  switch (requirement) {
    case 'judge':
      return 'a judge';
    case 'none':
    case 'prosecutor':
    case 'judge_or_prosecutor':
      return 'a prosecutor or judge';
  }
}

function rowFor(direction: Direction, id: TransitionId): TransitionRule | undefined {
  return TRANSITIONS.find((row) => row.id === id && row.direction === direction);
}

function checkGuard(guard: TransitionGuard, ctx: TransitionContext, requirement: ValidationRequirement): string | null {
  switch (guard) {
    case 'judicial_authority':
      if (requirement === 'judge' && ctx.actor.judge !== true) {
        return `only a judge may validate ${typePhrase(ctx.type, ctx.dataCategory)}: ${validationRequirement(ctx.type, ctx.dataCategory).reason}`;
      }
      return null;
    case 'independent_validator': {
      const drafters = [ctx.createdBy, ...(ctx.editedBy ?? [])];
      if (drafters.includes(ctx.actor.id)) {
        const did = ctx.actor.id === ctx.createdBy ? 'drafted' : 'edited';
        return `you ${did} this request: another ${requirement === 'judge' ? 'judge' : 'prosecutor'} must validate it`;
      }
      return null;
    }
    case 'validation_done_or_not_required':
      if (ctx.status === 'draft' && requirement !== 'none') {
        return `${capitalise(typePhrase(ctx.type, ctx.dataCategory))} must be validated by ${validatorPhrase(requirement)} before it is sent: submit it for validation`;
      }
      return null;
    case 'has_preservation_period':
      if (!(PRESERVATION_TYPES as readonly RequestType[]).includes(ctx.type)) {
        return `${capitalise(typePhrase(ctx.type, ctx.dataCategory))} does not expire: past its deadline it is overdue`;
      }
      return null;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Whether `ctx.actor` may fire `transitionId` now, and where it leads. The one place the rules are
 * applied: the server calls it before every change (then parses the payload with
 * `parseTransitionPayload`), the UI through `availableTransitions`. Checks run from the most
 * general to the most specific, so the reason given is the one the user can act on.
 */
export function checkTransition(ctx: TransitionContext, transitionId: TransitionId): TransitionCheck {
  const row = rowFor(ctx.direction, transitionId);
  if (!row) {
    const other = TRANSITIONS.find((r) => r.id === transitionId);
    return { ok: false, reason: `you cannot ${other?.action ?? transitionId}: that applies to ${other?.direction ?? 'other'} requests only` };
  }
  const requirement = effectiveValidationRequirement(ctx.type, ctx.dataCategory, ctx.validationRequired);

  const by = row.by;
  if (by === 'system') {
    if (ctx.actor.system !== true) return { ok: false, reason: 'only Liaison itself expires a request, when its preservation period ends' };
  } else if (ctx.actor.system === true) {
    return { ok: false, reason: `the system cannot ${row.action}: it only expires requests` };
  } else if (!ctx.actor.roles.some((role) => by.includes(role))) {
    if (row.guards.includes('judicial_authority')) {
      return { ok: false, reason: `only ${validatorPhrase(requirement)} may validate ${typePhrase(ctx.type, ctx.dataCategory)}` };
    }
    return { ok: false, reason: `only ${listOr(by.map((role) => ROLE_NAMES[role]))} may ${row.action}` };
  }

  if (row.caseTeam && !ctx.actorInCaseTeam) return { ok: false, reason: `you cannot ${row.action}: you are not on the team of this case` };

  if (!row.from.includes(ctx.status)) {
    const reason =
      ctx.status === null
        ? `you cannot ${row.action}: the request does not exist yet`
        : row.from.includes(null)
          ? `you cannot ${row.action}: the request already exists`
          : `you cannot ${row.action}: it is ${STATUS_PHRASES[ctx.status]}`;
    return { ok: false, reason };
  }

  for (const guard of row.guards) {
    const failure = checkGuard(guard, ctx, requirement);
    if (failure !== null) return { ok: false, reason: failure };
  }
  return { ok: true, to: row.to };
}

/** A transition the actor may fire now, for the UI to offer. */
export interface AvailableTransition {
  id: TransitionId;
  to: RequestStatus;
  /** Payload fields the user must fill in. */
  requires: readonly string[];
}

/** Every transition `ctx.actor` may fire now, in table order (the UI shows nothing else). */
export function availableTransitions(ctx: TransitionContext): AvailableTransition[] {
  return TRANSITIONS.filter((row) => row.direction === ctx.direction).flatMap((row) => {
    const check = checkTransition(ctx, row.id);
    return check.ok ? [{ id: row.id, to: check.to, requires: row.requires }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Follow-ups

/**
 * Which request may follow which, and what the link does. Every request links to its parent
 * (DOMAIN.md); the relation decides what the UI offers from the parent and what the deadline
 * engine does with the parent's dates.
 * - `extension`: a new request of the same type, status "extension" in the T-CY form, pointing to
 *   the parent; the parent's preservation period runs on from its previous expiry.
 * - `follow_up`: the next step of the procedure; `keepsParentAlive` when receiving it keeps the
 *   parent's preservation running until it is decided.
 * `opens`: when the follow-up becomes possible.
 */
export interface FollowUpRule {
  parent: RequestType;
  child: RequestType;
  relation: 'extension' | 'follow_up';
  opens: 'before_parent_expiry' | 'any_time' | 'after_parent_response_due';
  keepsParentAlive: boolean;
  legalBasis: string;
  explanation: string;
}

/** The follow-ups the instruments provide for (see FollowUpRule). */
export const FOLLOW_UPS: readonly FollowUpRule[] = [
  {
    parent: 'preservation_247',
    child: 'preservation_247',
    relation: 'extension',
    opens: 'before_parent_expiry',
    keepsParentAlive: true,
    legalBasis: 'Budapest Art. 29(7); T-CY(2018)11 item 3 (extension of an earlier request); domestic renewal, Art. 16(2)',
    explanation: 'Ask the requested Party to extend the preservation before it ends; each extension runs another period from the previous expiry.',
  },
  {
    parent: 'preservation_247',
    child: 'mla_subscriber',
    relation: 'follow_up',
    opens: 'before_parent_expiry',
    keepsParentAlive: true,
    legalBasis: 'Budapest Art. 29(2)(f) and 29(7); T-CY(2018)10 item 3 (follow-up to preservation) and item 10',
    explanation: 'The MLA request announced in the preservation request: once the requested Party receives it, the data stay preserved until the request is decided.',
  },
  {
    parent: 'preservation_provider',
    child: 'preservation_provider',
    relation: 'extension',
    opens: 'before_parent_expiry',
    keepsParentAlive: true,
    legalBasis: '18 U.S.C. §2703(f)(2)',
    explanation: 'A US provider extends a preservation once, for another 90 days, on a renewed request made before it ends.',
  },
  {
    parent: 'preservation_provider',
    child: 'mla_subscriber',
    relation: 'follow_up',
    opens: 'before_parent_expiry',
    keepsParentAlive: false,
    legalBasis: '18 U.S.C. §2703(f); Budapest Art. 31',
    explanation: 'The provider preserves pending legal process; the MLA request to its State must be decided before the preservation (and its one renewal) runs out.',
  },
  {
    parent: 'epoc_pr',
    child: 'epoc_pr',
    relation: 'extension',
    opens: 'before_parent_expiry',
    keepsParentAlive: true,
    legalBasis: 'Reg. 2023/1543 Art. 11(1), Annex VI',
    explanation: 'Extend the preservation once by 30 days, where needed to issue the request for production.',
  },
  {
    parent: 'epoc_pr',
    child: 'epoc',
    relation: 'follow_up',
    opens: 'before_parent_expiry',
    keepsParentAlive: true,
    legalBasis: 'Reg. 2023/1543 Art. 11(1), Annex V',
    explanation: 'The request for production; once the provider has the Annex V confirmation that it was issued, it preserves the data until they are produced.',
  },
  {
    parent: 'p2_subscriber_order',
    child: 'p2_order_given_effect',
    relation: 'follow_up',
    opens: 'after_parent_response_due',
    keepsParentAlive: false,
    legalBasis: 'Second Protocol Arts. 7(7) and 8',
    explanation: 'If the provider has not disclosed within 30 days or the time frame stated, whichever is longer, ask its Party to give effect to an order.',
  },
  {
    parent: 'p2_subscriber_order',
    child: 'mla_subscriber',
    relation: 'follow_up',
    opens: 'after_parent_response_due',
    keepsParentAlive: false,
    legalBasis: 'Second Protocol Art. 7(7); Budapest Art. 31',
    explanation: 'If the provider has not disclosed within 30 days or the time frame stated, whichever is longer, use mutual assistance instead.',
  },
];

/** The follow-ups a request of `type` may have, for the "next step" menu. */
export function followUpsOf(type: RequestType): FollowUpRule[] {
  return FOLLOW_UPS.filter((rule) => rule.parent === type);
}

/** Whether a request of type `child` may be linked to a parent of type `parent`. */
export function mayFollow(parent: RequestType, child: RequestType): boolean {
  return FOLLOW_UPS.some((rule) => rule.parent === parent && rule.child === child);
}
