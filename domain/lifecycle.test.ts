import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './roles.ts';
import { REQUEST_TYPES, type RequestType } from './requests/types.ts';
import {
  availableTransitions,
  checkTransition,
  effectiveValidationRequirement,
  FOLLOW_UPS,
  followUpsOf,
  isTerminal,
  mayFollow,
  parseTransitionPayload,
  REQUEST_STATES,
  requestStatusSchema,
  STATES_BY_DIRECTION,
  SYSTEM_ACTOR,
  TERMINAL_STATES,
  TRANSITION_IDS,
  TRANSITIONS,
  validationRequirement,
  type Direction,
  type RequestActor,
  type RequestDataCategory,
  type RequestStatus,
  type TransitionContext,
  type TransitionId,
  type ValidationRequirement,
} from './lifecycle.ts';

// ---------------------------------------------------------------------------------------------
// The expectation, written from the brief and the law — not from the TRANSITIONS table.

/** What the instruments require, restated by hand. */
function lawRequires(type: RequestType, category: RequestDataCategory | undefined): ValidationRequirement {
  if (type === 'epoc') {
    if (category === 'traffic' || category === 'content' || category === undefined) return 'judge';
    return 'judge_or_prosecutor';
  }
  if (type === 'epoc_pr') return 'judge_or_prosecutor';
  if (type === 'mla_subscriber' || type === 'p2_subscriber_order' || type === 'p2_order_given_effect') return 'prosecutor';
  return 'none';
}

function strictest(a: ValidationRequirement, b: ValidationRequirement | undefined): ValidationRequirement {
  if (b === undefined) return a;
  const weight = (r: ValidationRequirement) => (r === 'none' ? 0 : r === 'judge' ? 2 : 1);
  return weight(b) > weight(a) ? b : a;
}

type Who = Role | 'system';

interface Variant {
  type: RequestType;
  category?: RequestDataCategory;
  policy?: ValidationRequirement;
  creator: boolean;
  inTeam: boolean;
  judge: boolean;
}

const OUT_AFTER_SENDING: (RequestStatus | null)[] = ['sent', 'acknowledged', 'partially_executed'];
const IN_OPEN: (RequestStatus | null)[] = ['received', 'assigned', 'forwarded', 'partially_executed'];
const CLOSABLE: (RequestStatus | null)[] = ['partially_executed', 'executed', 'refused', 'cannot_execute', 'withdrawn', 'expired'];

/** Where a permitted transition leads, restated by hand. */
function expectedTarget(direction: Direction, id: TransitionId): RequestStatus | undefined {
  const common: Partial<Record<TransitionId, RequestStatus>> = { withdraw: 'withdrawn', expire: 'expired', close: 'closed' };
  const outgoing: Partial<Record<TransitionId, RequestStatus>> = {
    create_draft: 'draft',
    submit_for_validation: 'awaiting_validation',
    validate: 'validated',
    reject_validation: 'draft',
    reopen_draft: 'draft',
    send: 'sent',
    acknowledge: 'acknowledged',
    record_partial: 'partially_executed',
    record_executed: 'executed',
    record_refusal: 'refused',
    record_cannot_execute: 'cannot_execute',
  };
  const incoming: Partial<Record<TransitionId, RequestStatus>> = {
    register: 'received',
    assign: 'assigned',
    forward: 'forwarded',
    answer_partially: 'partially_executed',
    answer: 'executed',
    refuse: 'refused',
    report_cannot_execute: 'cannot_execute',
  };
  return common[id] ?? (direction === 'outgoing' ? outgoing[id] : incoming[id]);
}

/** Whether `who` may fire `id` on a request in `status`, from the rules as the brief states them. */
function expectedAllowed(direction: Direction, status: RequestStatus | null, id: TransitionId, who: Who, v: Variant): boolean {
  // The scheduler expires preservations whose period has ended, and does nothing else.
  if (id === 'expire') {
    if (who !== 'system') return false;
    if (v.type !== 'preservation_247' && v.type !== 'preservation_provider' && v.type !== 'epoc_pr') return false;
    return direction === 'outgoing' ? OUT_AFTER_SENDING.includes(status) : IN_OPEN.includes(status);
  }
  if (who === 'system') return false;
  // Least privilege: these roles act on no request.
  if (who === 'admin' || who === 'coordinator' || who === 'auditor' || who === 'trainer') return false;

  const drafter = who === 'investigator' || who === 'prosecutor';
  const requirement = strictest(lawRequires(v.type, v.category), v.policy);

  if (direction === 'incoming') {
    if (who !== 'contact_point' && who !== 'central_authority') return false;
    switch (id) {
      case 'register':
        return status === null;
      case 'assign':
      case 'forward':
        return v.inTeam && (status === 'received' || status === 'assigned');
      case 'answer_partially':
      case 'answer':
      case 'refuse':
      case 'report_cannot_execute':
      case 'withdraw':
        return v.inTeam && IN_OPEN.includes(status);
      case 'close':
        return v.inTeam && CLOSABLE.includes(status);
      default:
        return false;
    }
  }

  if (!v.inTeam) return false;
  switch (id) {
    case 'create_draft':
      return drafter && status === null;
    case 'submit_for_validation':
      return drafter && status === 'draft';
    case 'validate':
    case 'reject_validation':
      return who === 'prosecutor' && status === 'awaiting_validation' && !v.creator && (requirement !== 'judge' || v.judge);
    case 'reopen_draft':
      return drafter && (status === 'awaiting_validation' || status === 'validated');
    case 'send':
      return status === 'validated' || (status === 'draft' && requirement === 'none');
    case 'acknowledge':
      return status === 'sent';
    case 'record_partial':
    case 'record_executed':
    case 'record_refusal':
    case 'record_cannot_execute':
      return OUT_AFTER_SENDING.includes(status);
    case 'withdraw':
      return status === 'draft' || status === 'awaiting_validation' || status === 'validated' || OUT_AFTER_SENDING.includes(status);
    case 'close':
      return CLOSABLE.includes(status);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------

const STATUSES: (RequestStatus | null)[] = [null, ...REQUEST_STATES];
const WHO: Who[] = [...ROLES, 'system'];
const DIRECTIONS: Direction[] = ['outgoing', 'incoming'];

/** Every type once, every EPOC category, and policies that tighten (or try to loosen) the law. */
const CASES: Pick<Variant, 'type' | 'category' | 'policy'>[] = [
  ...REQUEST_TYPES.map((type) => ({ type })),
  ...(['subscriber', 'identification', 'traffic', 'content', 'domain_registration'] as const).map((category) => ({ type: 'epoc' as const, category })),
  { type: 'preservation_247', policy: 'prosecutor' },
  { type: 'emergency_disclosure', policy: 'judge' },
  { type: 'mla_subscriber', policy: 'judge' },
  { type: 'epoc', category: 'content', policy: 'prosecutor' },
  { type: 'epoc', category: 'subscriber', policy: 'none' },
];

function actorFor(who: Who, v: Variant): RequestActor {
  if (who === 'system') return SYSTEM_ACTOR;
  return { id: v.creator ? 'u-author' : 'u-other', roles: [who], judge: v.judge };
}

function contextFor(direction: Direction, status: RequestStatus | null, who: Who, v: Variant): TransitionContext {
  return {
    direction,
    type: v.type,
    ...(v.category !== undefined ? { dataCategory: v.category } : {}),
    status,
    actor: actorFor(who, v),
    createdBy: 'u-author',
    actorInCaseTeam: v.inTeam,
    ...(v.policy !== undefined ? { validationRequired: v.policy } : {}),
  };
}

describe('transition matrix', () => {
  it('allows exactly what the rules allow, for every direction × state × transition × role × type × actor situation', () => {
    const mismatches: string[] = [];
    let checked = 0;
    let allowed = 0;
    for (const base of CASES) {
      for (const creator of [true, false]) {
        for (const inTeam of [true, false]) {
          for (const judge of [true, false]) {
            const v: Variant = { ...base, creator, inTeam, judge };
            for (const direction of DIRECTIONS) {
              for (const status of STATUSES) {
                for (const who of WHO) {
                  const ctx = contextFor(direction, status, who, v);
                  for (const id of TRANSITION_IDS) {
                    const want = expectedAllowed(direction, status, id, who, v);
                    const got = checkTransition(ctx, id);
                    checked += 1;
                    if (got.ok) allowed += 1;
                    const target = expectedTarget(direction, id);
                    if (got.ok !== want || (got.ok && got.to !== target)) {
                      if (mismatches.length < 20) mismatches.push(`${JSON.stringify(v)} ${direction} ${status} ${who} ${id}: expected ${want}, got ${JSON.stringify(got)}`);
                    }
                    if (!got.ok && got.reason.trim() === '') mismatches.push(`empty reason for ${direction} ${status} ${who} ${id}`);
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(CASES.length * 8 * DIRECTIONS.length * STATUSES.length * WHO.length * TRANSITION_IDS.length);
    expect(allowed).toBeGreaterThan(1000);
  });

  it('offers in availableTransitions exactly the transitions checkTransition allows', () => {
    for (const direction of DIRECTIONS) {
      for (const status of STATUSES) {
        for (const who of WHO) {
          const ctx = contextFor(direction, status, who, { type: 'mla_subscriber', creator: false, inTeam: true, judge: false });
          const offered = availableTransitions(ctx).map((t) => t.id);
          const permitted = TRANSITION_IDS.filter((id) => checkTransition(ctx, id).ok);
          expect(new Set(offered)).toEqual(new Set(permitted));
        }
      }
    }
  });

  it('lets an actor with several roles do what any of them may, and an administrator who is also an investigator act as the investigator', () => {
    const ctx: TransitionContext = {
      direction: 'outgoing',
      type: 'preservation_247',
      status: 'draft',
      actor: { id: 'u1', roles: ['admin', 'investigator'] },
      createdBy: 'u1',
      actorInCaseTeam: true,
    };
    expect(checkTransition(ctx, 'send')).toEqual({ ok: true, to: 'sent' });
    expect(checkTransition({ ...ctx, actor: { id: 'u1', roles: ['admin', 'coordinator', 'auditor', 'trainer'] } }, 'send').ok).toBe(false);
  });
});

describe('validation', () => {
  const awaiting = (overrides: Partial<TransitionContext> = {}): TransitionContext => ({
    direction: 'outgoing',
    type: 'mla_subscriber',
    status: 'awaiting_validation',
    actor: { id: 'u-prosecutor', roles: ['prosecutor'] },
    createdBy: 'u-investigator',
    actorInCaseTeam: true,
    ...overrides,
  });

  it('lets another prosecutor validate an MLA request', () => {
    expect(checkTransition(awaiting(), 'validate')).toEqual({ ok: true, to: 'validated' });
  });

  it('never lets investigators validate, not even a request someone else drafted', () => {
    expect(checkTransition(awaiting({ actor: { id: 'u-colleague', roles: ['investigator'] } }), 'validate')).toEqual({
      ok: false,
      reason: 'only a prosecutor or judge may validate an MLA request',
    });
  });

  it('refuses self-validation by the drafter, even one who holds the prosecutor role', () => {
    expect(checkTransition(awaiting({ actor: { id: 'u-investigator', roles: ['investigator'] } }), 'validate').ok).toBe(false);
    expect(checkTransition(awaiting({ actor: { id: 'u-both', roles: ['investigator', 'prosecutor'] }, createdBy: 'u-both' }), 'validate')).toEqual({
      ok: false,
      reason: 'you drafted this request: another prosecutor must validate it',
    });
    expect(checkTransition(awaiting({ createdBy: 'u-prosecutor' }), 'reject_validation').ok).toBe(false);
  });

  it('refuses validation by someone who edited the draft', () => {
    expect(checkTransition(awaiting({ editedBy: ['u-prosecutor'] }), 'validate')).toEqual({
      ok: false,
      reason: 'you edited this request: another prosecutor must validate it',
    });
  });

  it('keeps EPOCs for traffic or content data for judges (prosecutor role + judge flag)', () => {
    const epoc = awaiting({ type: 'epoc', dataCategory: 'content' });
    const refused = checkTransition(epoc, 'validate');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/^only a judge may validate a European Production Order for traffic or content data: .*Art\. 4\(2\)/);
    expect(checkTransition({ ...epoc, actor: { id: 'u-judge', roles: ['prosecutor'], judge: true } }, 'validate')).toEqual({ ok: true, to: 'validated' });
    expect(checkTransition({ ...epoc, actor: { id: 'u-judge', roles: ['investigator'], judge: true } }, 'validate')).toEqual({
      ok: false,
      reason: 'only a judge may validate a European Production Order for traffic or content data',
    });
    expect(checkTransition(awaiting({ type: 'epoc', dataCategory: 'identification' }), 'validate').ok).toBe(true);
  });

  it('requires validation before sending where the law does, and allows draft → sent where it does not', () => {
    const draft = (type: RequestType, dataCategory?: RequestDataCategory): TransitionContext => ({
      direction: 'outgoing',
      type,
      ...(dataCategory ? { dataCategory } : {}),
      status: 'draft',
      actor: { id: 'u-investigator', roles: ['investigator'] },
      createdBy: 'u-investigator',
      actorInCaseTeam: true,
    });
    expect(checkTransition(draft('mla_subscriber'), 'send')).toEqual({
      ok: false,
      reason: 'An MLA request must be validated by a prosecutor or judge before it is sent: submit it for validation',
    });
    expect(checkTransition(draft('epoc', 'traffic'), 'send')).toEqual({
      ok: false,
      reason: 'A European Production Order for traffic or content data must be validated by a judge before it is sent: submit it for validation',
    });
    for (const type of ['preservation_247', 'preservation_provider', 'emergency_disclosure', 'voluntary_disclosure', 'p2_domain_registration'] as const) {
      expect(checkTransition(draft(type), 'send')).toEqual({ ok: true, to: 'sent' });
      // Optional validation stays possible.
      expect(checkTransition(draft(type), 'submit_for_validation')).toEqual({ ok: true, to: 'awaiting_validation' });
    }
    expect(checkTransition({ ...draft('preservation_247'), validationRequired: 'prosecutor' }, 'send').ok).toBe(false);
  });

  it('states the requirement and its legal reason per type and data category', () => {
    const table: [RequestType, RequestDataCategory | undefined, ValidationRequirement, RegExp][] = [
      ['preservation_247', undefined, 'none', /Budapest Arts\. 29 and 35/],
      ['preservation_provider', undefined, 'none', /2703\(f\)/],
      ['emergency_disclosure', undefined, 'none', /Art\. 9/],
      ['voluntary_disclosure', undefined, 'none', /2702/],
      ['p2_domain_registration', undefined, 'none', /Art\. 6/],
      ['mla_subscriber', undefined, 'prosecutor', /judicial authority/],
      ['mla_subscriber', 'content', 'prosecutor', /Budapest Arts\. 27 and 31/],
      ['p2_subscriber_order', undefined, 'prosecutor', /Art\. 7\(2\)\(b\)/],
      ['p2_order_given_effect', undefined, 'prosecutor', /Art\. 8/],
      ['epoc_pr', 'content', 'judge_or_prosecutor', /Art\. 4\(3\)/],
      ['epoc', 'subscriber', 'judge_or_prosecutor', /Art\. 4\(1\)/],
      ['epoc', 'identification', 'judge_or_prosecutor', /Art\. 4\(1\)/],
      ['epoc', 'domain_registration', 'judge_or_prosecutor', /Art\. 4\(1\)/],
      ['epoc', 'traffic', 'judge', /Art\. 4\(2\)/],
      ['epoc', 'content', 'judge', /Art\. 4\(2\)/],
      ['epoc', undefined, 'judge', /strictest rule/],
    ];
    for (const [type, category, requirement, reason] of table) {
      const rule = validationRequirement(type, category);
      expect(rule.requirement, `${type} ${category}`).toBe(requirement);
      expect(rule.reason).toMatch(reason);
      expect(rule.requirement).toBe(lawRequires(type, category));
    }
  });

  it('lets national law or policy raise the requirement but never lower it', () => {
    expect(effectiveValidationRequirement('preservation_247', undefined, 'prosecutor')).toBe('prosecutor');
    expect(effectiveValidationRequirement('mla_subscriber', undefined, 'none')).toBe('prosecutor');
    expect(effectiveValidationRequirement('epoc', 'content', 'prosecutor')).toBe('judge');
    expect(effectiveValidationRequirement('mla_subscriber', undefined, 'judge')).toBe('judge');
    expect(effectiveValidationRequirement('epoc', 'subscriber', 'prosecutor')).toBe('judge_or_prosecutor');
  });
});

describe('terminal states', () => {
  it('allow nothing but close, and closed allows nothing, for anyone', () => {
    for (const direction of DIRECTIONS) {
      for (const who of WHO) {
        for (const type of REQUEST_TYPES) {
          const v: Variant = { type, creator: false, inTeam: true, judge: true };
          for (const status of TERMINAL_STATES) {
            const ids = availableTransitions(contextFor(direction, status, who, v)).map((t) => t.id);
            expect(ids.every((id) => id === 'close'), `${direction} ${status} ${who}`).toBe(true);
          }
          expect(availableTransitions(contextFor(direction, 'closed', who, v))).toEqual([]);
        }
      }
      const closer = direction === 'outgoing' ? 'investigator' : 'contact_point';
      for (const status of TERMINAL_STATES) {
        expect(availableTransitions(contextFor(direction, status, closer, { type: 'epoc', creator: false, inTeam: true, judge: false })).map((t) => t.id)).toEqual(['close']);
      }
    }
    expect(TERMINAL_STATES.every(isTerminal)).toBe(true);
    expect(isTerminal('partially_executed')).toBe(false);
    expect(isTerminal('closed')).toBe(false);
  });
});

describe('reasons', () => {
  const base: TransitionContext = {
    direction: 'outgoing',
    type: 'preservation_247',
    status: 'validated',
    actor: { id: 'u1', roles: ['investigator'] },
    createdBy: 'u1',
    actorInCaseTeam: true,
  };

  it('explain role, team, state, direction and system refusals in plain sentences', () => {
    expect(checkTransition({ ...base, actor: { id: 'a', roles: ['admin'] } }, 'send')).toEqual({
      ok: false,
      reason: 'only an investigator, a prosecutor, a 24/7 contact point or a central authority may send this request',
    });
    expect(checkTransition({ ...base, actorInCaseTeam: false }, 'send')).toEqual({
      ok: false,
      reason: 'you cannot send this request: you are not on the team of this case',
    });
    expect(checkTransition({ ...base, status: 'sent', actor: { id: 'p', roles: ['prosecutor'] } }, 'validate')).toEqual({
      ok: false,
      reason: 'you cannot validate this request: it is sent',
    });
    expect(checkTransition(base, 'register')).toEqual({ ok: false, reason: 'you cannot register an incoming request: that applies to incoming requests only' });
    expect(checkTransition({ ...base, status: 'sent' }, 'expire')).toEqual({
      ok: false,
      reason: 'only Liaison itself expires a request, when its preservation period ends',
    });
    expect(checkTransition({ ...base, actor: SYSTEM_ACTOR }, 'send')).toEqual({ ok: false, reason: 'the system cannot send this request: it only expires requests' });
    expect(checkTransition({ ...base, type: 'epoc', status: 'sent', actor: SYSTEM_ACTOR }, 'expire')).toEqual({
      ok: false,
      reason: 'A European Production Order does not expire: past its deadline it is overdue',
    });
    expect(checkTransition({ ...base, status: null }, 'send')).toEqual({ ok: false, reason: 'you cannot send this request: the request does not exist yet' });
    expect(checkTransition(base, 'create_draft')).toEqual({ ok: false, reason: 'you cannot draft a request: the request already exists' });
  });

  it('let the system expire a sent preservation', () => {
    expect(checkTransition({ ...base, status: 'acknowledged', actor: SYSTEM_ACTOR }, 'expire')).toEqual({ ok: true, to: 'expired' });
    expect(checkTransition({ ...base, direction: 'incoming', status: 'forwarded', type: 'epoc_pr', actor: SYSTEM_ACTOR }, 'expire')).toEqual({ ok: true, to: 'expired' });
  });
});

describe('table structure', () => {
  it('keeps each direction within its own states and has one row per transition and direction', () => {
    const seen = new Set<string>();
    for (const row of TRANSITIONS) {
      const key = `${row.direction}:${row.id}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      const states = STATES_BY_DIRECTION[row.direction];
      expect(states).toContain(row.to);
      for (const from of row.from) if (from !== null) expect(states, key).toContain(from);
      expect(requestStatusSchema.safeParse(row.to).success).toBe(true);
    }
    for (const id of TRANSITION_IDS) expect(TRANSITIONS.some((row) => row.id === id), id).toBe(true);
  });

  it('reaches every state of a direction from its creation, and nothing leaves closed', () => {
    for (const direction of DIRECTIONS) {
      const rows = TRANSITIONS.filter((row) => row.direction === direction);
      const reached = new Set<RequestStatus | null>([null]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const row of rows) {
          if (row.from.some((from) => reached.has(from)) && !reached.has(row.to)) {
            reached.add(row.to);
            grew = true;
          }
        }
      }
      for (const state of STATES_BY_DIRECTION[direction]) expect(reached.has(state), `${direction} ${state}`).toBe(true);
      expect(rows.some((row) => row.from.includes('closed'))).toBe(false);
    }
  });

  it('gives no row to administrators, coordinators, trainers or auditors', () => {
    for (const row of TRANSITIONS) {
      if (row.by === 'system') continue;
      for (const role of ['admin', 'coordinator', 'trainer', 'auditor'] as const) expect(row.by).not.toContain(role);
    }
  });
});

describe('payloads', () => {
  it('require a reason for refusals, withdrawals, rejected validations and reopened drafts', () => {
    for (const id of ['record_refusal', 'withdraw', 'reject_validation', 'reopen_draft', 'refuse'] as const) {
      const missing = parseTransitionPayload(id, {});
      expect(missing.ok, id).toBe(false);
      if (!missing.ok) expect(missing.reason).toMatch(/^reason: give the (reason|ground)/);
      expect(parseTransitionPayload(id, { reason: '   ' }).ok).toBe(false);
      expect(parseTransitionPayload(id, { reason: 'Dual criminality not met' }).ok).toBe(true);
    }
  });

  it('require the validator’s decision, the channel of sending and the Annex III ground', () => {
    expect(parseTransitionPayload('validate', {})).toEqual({ ok: false, reason: 'decision: give the validation decision' });
    const validated = parseTransitionPayload('validate', { decision: '  Necessary and proportionate (Art. 5(2)).  ' });
    expect(validated).toEqual({ ok: true, payload: { decision: 'Necessary and proportionate (Art. 5(2)).' } });
    expect(parseTransitionPayload('send', {}).ok).toBe(false);
    expect(parseTransitionPayload('send', { channel: 'e-CODEX' }).ok).toBe(true);
    expect(parseTransitionPayload('record_cannot_execute', { reason: 'Account deleted', ground: 'data_not_stored' }).ok).toBe(true);
    expect(parseTransitionPayload('record_cannot_execute', { reason: 'Account deleted', ground: 'bored' }).ok).toBe(false);
    expect(parseTransitionPayload('acknowledge', { occurredAt: '2026-03-20T15:00:00' }).ok).toBe(false);
    expect(parseTransitionPayload('close', undefined)).toEqual({ ok: true, payload: {} });
  });
});

describe('follow-ups', () => {
  it('link the requests the instruments chain', () => {
    expect(mayFollow('preservation_247', 'preservation_247')).toBe(true);
    expect(mayFollow('preservation_247', 'mla_subscriber')).toBe(true);
    expect(mayFollow('epoc_pr', 'epoc')).toBe(true);
    expect(mayFollow('p2_subscriber_order', 'p2_order_given_effect')).toBe(true);
    expect(mayFollow('p2_subscriber_order', 'mla_subscriber')).toBe(true);
    expect(mayFollow('epoc', 'epoc_pr')).toBe(false);
    expect(mayFollow('mla_subscriber', 'preservation_247')).toBe(false);
  });

  it('say which follow-up keeps the parent alive and when each becomes possible', () => {
    const rule = (parent: RequestType, child: RequestType) => FOLLOW_UPS.find((r) => r.parent === parent && r.child === child);
    expect(rule('preservation_247', 'preservation_247')?.relation).toBe('extension');
    expect(rule('preservation_247', 'mla_subscriber')).toMatchObject({ relation: 'follow_up', keepsParentAlive: true });
    expect(rule('preservation_247', 'mla_subscriber')?.legalBasis).toMatch(/29\(7\)/);
    expect(rule('epoc_pr', 'epoc')).toMatchObject({ keepsParentAlive: true });
    expect(rule('epoc_pr', 'epoc')?.legalBasis).toMatch(/Annex V/);
    expect(rule('p2_subscriber_order', 'p2_order_given_effect')).toMatchObject({ opens: 'after_parent_response_due', keepsParentAlive: false });
    expect(rule('preservation_provider', 'mla_subscriber')?.keepsParentAlive).toBe(false);
    expect(followUpsOf('preservation_247').map((r) => r.child)).toEqual(['preservation_247', 'mla_subscriber']);
    for (const r of FOLLOW_UPS) {
      expect(r.legalBasis.length).toBeGreaterThan(5);
      expect(r.relation === 'extension').toBe(r.parent === r.child);
    }
  });
});
