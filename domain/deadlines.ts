/**
 * The deadline engine: from a request's type and the dates of what happened to it, every time
 * limit that runs — preservation expiries, response, service and production limits — with the rule
 * and article that sets it, when to warn, and where it stands at `now`. Pure and clock-free: `now`
 * is an argument, so a job, a screen and a test computing the same request agree to the
 * millisecond.
 *
 * How periods are counted (domain/time.ts):
 * - A period in days follows Regulation (EEC, Euratom) No 1182/71 Art. 3: the day of the event
 *   is not counted and the period ends with the expiry of the last hour of its last day. Days are
 *   days of the calendar of the addressee's zone — the party that must act — and the end is then
 *   expressed in UTC. 10 days from receipt at 2026-03-20 15:00 Europe/Paris end at
 *   2026-03-30 23:59:59.999 Paris time = 2026-03-30T21:59:59.999Z (summer time began on the 29th).
 *   Reg. 1182/71 binds EU acts only; the same count is used for the Budapest Convention, its
 *   Protocol and provider policies so that every deadline in Liaison reads the same way. Its
 *   Art. 3(4) (a last day on a weekend or holiday moves to the next working day) is not applied:
 *   without a holiday calendar per State, the date shown is never later than the legal one.
 * - A period in hours runs from the exact instant of the event, in elapsed time. Art. 3(1) and
 *   3(2)(a) of Reg. 1182/71 would start it at the beginning of the next full hour, up to 59 minutes
 *   later; the exact instant is the safe reading for an 8-hour emergency limit.
 * - `dueAt` is the last instant inside the period: at `dueAt` the deadline is still running, one
 *   millisecond later it is overdue (for a preservation: the data may be gone).
 * - Periods run from receipt by the addressee (`receivedAt`); when receipt is not recorded, from
 *   sending (`sentAt`), which is never later, so the deadline shown is never later than the real one.
 */
import { z } from 'zod';
import { directionSchema, requestDataCategorySchema } from './lifecycle.ts';
import { REQUEST_TYPES } from './requests/types.ts';
import { endOfDayPeriod, endOfHourPeriod, isoInstantSchema, MS_PER_DAY, parseInstant, timeZoneSchema, toIsoUtc } from './time.ts';

export { formatInZone } from './time.ts';

/**
 * What a deadline is about.
 * - `preservation_expiry`: when the addressee may let preserved data go, unless extended or kept
 *   alive by a follow-up.
 * - `response_due`: when the addressee should have answered a request or an order it is not
 *   compelled to meet within the period (Art. 6, Art. 7, emergency disclosure targets).
 * - `service_due`: when the requested Party should have served an order on the provider (Art. 8).
 * - `production_due`: when a provider compelled by an order must have produced the data (EPOC,
 *   Art. 8 after service).
 */
export const DEADLINE_KINDS = ['preservation_expiry', 'response_due', 'service_due', 'production_due'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * - `pending`: running, not yet in its warning window.
 * - `due_soon`: inside the warning window (from `warnAt` to `dueAt`, both included).
 * - `overdue`: `now` is after `dueAt`; for a preservation, it has ended.
 * - `met`: the event that ends it happened (data produced, order served), on time or not.
 * - `suspended`: a preservation kept alive by a follow-up until that follow-up is decided: no
 *   expiry runs, `dueAt` shows when it would have ended.
 */
export const DEADLINE_STATES = ['pending', 'due_soon', 'overdue', 'met', 'suspended'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/**
 * Next steps the UI offers beside a deadline (only while it is open or overdue):
 * `extend` (ask for an extension), `follow_up_mla`, `follow_up_production` (the EPOC after an
 * EPOC-PR), `follow_up_order_given_effect` (Art. 8 after an Art. 7 order), `new_preservation` (the
 * old one has ended), `chase` (remind the addressee), `escalate` (an emergency target passed),
 * `notify_requester` (tell the requesting authority its preservation is about to end).
 */
export const DEADLINE_ACTIONS = [
  'extend',
  'follow_up_mla',
  'follow_up_production',
  'follow_up_order_given_effect',
  'new_preservation',
  'chase',
  'escalate',
  'notify_requester',
] as const;
export type DeadlineAction = (typeof DEADLINE_ACTIONS)[number];

/** One time limit, ready to show and to schedule a reminder from. */
export interface Deadline {
  kind: DeadlineKind;
  /** Last instant inside the period, ISO UTC. */
  dueAt: string;
  /** When the warning window opens, ISO UTC. */
  warnAt?: string;
  /** The event the period runs from (receipt, service, a previous expiry), ISO UTC. */
  startedAt: string;
  /** The rule as a sentence with its article, e.g. "Preservation lasts not less than 60 days … (Budapest Art. 29(7))". */
  rule: string;
  /** The article(s) alone, for citations and statistics. */
  source: string;
  /** True when the limit is set by law or the addressee; false for a target Liaison sets (no legal limit). */
  binding: boolean;
  state: DeadlineState;
  /** When the event that ends the deadline happened (state `met`). */
  completedAt?: string;
  actions?: DeadlineAction[];
  /** Remarks the user should read: ignored extensions, a follow-up that came too late, … */
  notes?: string[];
}

/** Time since the period started: the response time of Reg. 2023/1543 Art. 28 statistics. */
export interface Elapsed {
  since: string;
  /** `respondedAt` if the addressee has answered, else `now`. */
  until: string;
  /** Whole days of 24 hours. */
  days: number;
}

/** Everything the engine says about one request. */
export interface DeadlineReport {
  deadlines: Deadline[];
  /** Present once the request has been sent or received. */
  elapsed?: Elapsed;
  /** About the request as a whole: no fixed term, missing dates, … */
  notes: string[];
}

/**
 * The default target for an emergency disclosure, in hours. Not a legal limit — Second Protocol
 * Art. 9 and provider policies say "as rapidly as possible" — but the 8 hours the EU legislature
 * set for emergency production orders (Reg. 2023/1543 Art. 10(4)), a defensible point at which to
 * chase or escalate. Configurable per request with `emergencyTargetHours`.
 */
export const DEFAULT_EMERGENCY_TARGET_HOURS = 8;

/**
 * When warnings start. Preservations: 15 days before expiry, long enough to obtain an extension or
 * an MLA request through a central authority. Other periods in days: 3 days. Periods in hours: the
 * last quarter of the period. These are Liaison's choices, not law.
 */
export const WARNING_LEAD = { preservationDays: 15, otherDays: 3, hoursFraction: 0.25 } as const;

const instant = isoInstantSchema;
const days = z.number().int().positive().max(3650);

/** The input of `computeDeadlines`; the API and the job validate with it. */
export const deadlineInputSchema = z.object({
  type: z.enum(REQUEST_TYPES),
  direction: directionSchema,
  emergency: z.boolean(),
  events: z.object({
    sentAt: instant.optional(),
    /** Receipt by the addressee, if known; periods run from it (else from `sentAt`). */
    receivedAt: instant.optional(),
    acknowledgedAt: instant.optional(),
    /** Recorded for the file; periods run from receipt (earlier), see the module comment. */
    preservationConfirmedAt: instant.optional(),
    /** Instants at which extensions were granted, in any order. */
    extensions: z.array(instant).optional(),
    /** The follow-up MLA or production request (Annex V) was received by the addressee. */
    followUpReceivedAt: instant.optional(),
    /** Art. 8: when the order was served on the provider. */
    servedAt: instant.optional(),
    /** The addressee answered or produced the data: ends response and production deadlines. */
    respondedAt: instant.optional(),
    /** Art. 6 / Art. 7: the time frame the requester stated. */
    statedTimeFrameDays: days.optional(),
    /** What the requested Party or provider says it preserves for (e.g. 90). */
    preservationDays: days.optional(),
    dataCategory: requestDataCategorySchema.optional(),
  }),
  /** IANA zone of the addressee — the party that must act. */
  addresseeTimeZone: timeZoneSchema,
  now: z.union([z.date(), instant]),
  /** Emergency disclosure target in hours (default DEFAULT_EMERGENCY_TARGET_HOURS). */
  emergencyTargetHours: z.number().positive().max(24 * 7).optional(),
});
export type DeadlineInput = z.input<typeof deadlineInputSchema>;
type Parsed = z.output<typeof deadlineInputSchema>;

/** A deadline before its state is known. */
interface Spec {
  kind: DeadlineKind;
  startedAt: number;
  dueAt: number;
  warnAt: number;
  rule: string;
  source: string;
  binding: boolean;
  completedAt?: number;
  suspended?: boolean;
  openActions?: DeadlineAction[];
  overdueActions?: DeadlineAction[];
  notes?: string[];
}

interface Context {
  input: Parsed;
  tz: string;
  now: number;
  start: number;
  outgoing: boolean;
}

function stateOf(spec: Spec, now: number): DeadlineState {
  if (spec.completedAt !== undefined) return 'met';
  if (spec.suspended === true) return 'suspended';
  if (now > spec.dueAt) return 'overdue';
  if (now >= spec.warnAt) return 'due_soon';
  return 'pending';
}

function present(spec: Spec, now: number): Deadline {
  const state = stateOf(spec, now);
  const actions = state === 'overdue' ? spec.overdueActions : state === 'pending' || state === 'due_soon' ? spec.openActions : undefined;
  return {
    kind: spec.kind,
    dueAt: toIsoUtc(spec.dueAt),
    warnAt: toIsoUtc(spec.warnAt),
    startedAt: toIsoUtc(spec.startedAt),
    rule: spec.rule,
    source: spec.source,
    binding: spec.binding,
    state,
    ...(spec.completedAt !== undefined ? { completedAt: toIsoUtc(spec.completedAt) } : {}),
    ...(actions && actions.length > 0 ? { actions } : {}),
    ...(spec.notes && spec.notes.length > 0 ? { notes: spec.notes } : {}),
  };
}

/** A period of `n` days from `from`, warning `lead` days before its end (never before it starts). */
function dayPeriod(from: number, n: number, lead: number, tz: string): { dueAt: number; warnAt: number } {
  const dueAt = endOfDayPeriod(from, n, tz);
  return { dueAt, warnAt: Math.max(from, endOfDayPeriod(dueAt, -lead, tz)) };
}

/** A period of `n` hours from `from`, warning for its last quarter. */
function hourPeriod(from: number, n: number): { dueAt: number; warnAt: number } {
  const dueAt = endOfHourPeriod(from, n);
  return { dueAt, warnAt: dueAt - Math.round((dueAt - from) * WARNING_LEAD.hoursFraction) };
}

function optionalInstant(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : parseInstant(iso);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

interface PreservationRule {
  periodDays: number;
  extensionDays: number;
  /** null: any number of extensions. */
  maxExtensions: number | null;
  rule: string;
  source: string;
  extensionLimit?: string;
  followUpAction: DeadlineAction;
  /**
   * The rule's clause once a follow-up keeps the data preserved, given when it was received;
   * absent where receiving a follow-up does not prolong the preservation.
   */
  keptAlive?: (receivedAt: string) => string;
  /** The note when a follow-up does not prolong this kind of preservation. */
  followUpIgnored?: string;
  notes: string[];
}

/**
 * A preservation period with its extensions and follow-up. Extensions are applied in time order,
 * each adding a period from the previous expiry; one granted after the preservation had already
 * ended is not applied (the data may be gone: only a new request can cover them), nor one beyond
 * the limit. A follow-up received while the preservation runs suspends the expiry.
 */
function preservation(ctx: Context, p: PreservationRule): Spec {
  const { tz, start } = ctx;
  const events = ctx.input.events;
  const notes = [...p.notes];
  let expiry = endOfDayPeriod(start, p.periodDays, tz);
  let applied = 0;
  const extensions = (events.extensions ?? []).map(parseInstant).sort((a, b) => a - b);
  for (const granted of extensions) {
    if (p.maxExtensions !== null && applied >= p.maxExtensions) {
      notes.push(`The extension granted at ${toIsoUtc(granted)} was not counted: ${p.extensionLimit ?? 'no further extension is possible'}.`);
      continue;
    }
    if (granted > expiry) {
      notes.push(`The extension granted at ${toIsoUtc(granted)} came after the preservation ended at ${toIsoUtc(expiry)}: only a new preservation request can cover the data now.`);
      continue;
    }
    expiry = endOfDayPeriod(expiry, p.extensionDays, tz);
    applied += 1;
  }
  const followUp = optionalInstant(events.followUpReceivedAt);
  let suspended = false;
  if (followUp !== undefined) {
    if (p.keptAlive === undefined) notes.push(p.followUpIgnored ?? 'A follow-up request does not prolong this preservation.');
    else if (followUp <= expiry) suspended = true;
    else notes.push(`The follow-up request was received at ${toIsoUtc(followUp)}, after the preservation ended: it did not keep the data preserved.`);
  }
  if (ctx.outgoing && events.preservationConfirmedAt === undefined && !suspended) notes.push('The addressee has not confirmed the preservation yet.');

  const parts = [p.rule];
  if (applied > 0) parts.push(`extended ${times(applied)} by ${plural(p.extensionDays, 'day')} from each previous expiry`);
  if (suspended && followUp !== undefined && p.keptAlive) parts.push(p.keptAlive(toIsoUtc(followUp)));
  const canExtend = p.maxExtensions === null || applied < p.maxExtensions;
  return {
    kind: 'preservation_expiry',
    startedAt: start,
    dueAt: expiry,
    warnAt: Math.max(start, endOfDayPeriod(expiry, -WARNING_LEAD.preservationDays, tz)),
    rule: parts.join('; '),
    source: p.source,
    binding: true,
    suspended,
    openActions: ctx.outgoing ? [...(canExtend ? (['extend'] as const) : []), p.followUpAction] : ['notify_requester'],
    overdueActions: ctx.outgoing ? ['new_preservation'] : [],
    notes,
  };
}

function preservation247(ctx: Context): Spec {
  const stated = ctx.input.events.preservationDays;
  const period = stated ?? 60;
  const notes: string[] = [];
  if (stated !== undefined && stated < 60) notes.push(`${plural(stated, 'day')} is less than the 60 days Budapest Art. 29(7) requires: ask the requested Party to confirm.`);
  return preservation(ctx, {
    periodDays: period,
    extensionDays: period,
    maxExtensions: null,
    rule:
      stated === undefined
        ? 'Preservation lasts not less than 60 days from receipt (Budapest Art. 29(7))'
        : `The requested Party preserves for ${plural(stated, 'day')} from receipt (Budapest Art. 29(7): not less than 60 days; domestic preservation up to 90 days, renewable, Art. 16(2))`,
    source: stated === undefined ? 'Budapest Convention Art. 29(7)' : 'Budapest Convention Arts. 29(7), 16(2)',
    followUpAction: 'follow_up_mla',
    keptAlive: (at) => `the MLA request was received at ${at}: the data stay preserved until it is decided (Budapest Art. 29(7))`,
    notes,
  });
}

function preservationProvider(ctx: Context): Spec {
  const stated = ctx.input.events.preservationDays;
  const period = stated ?? 90;
  return preservation(ctx, {
    periodDays: period,
    extensionDays: period,
    // 18 U.S.C. §2703(f)(2): one renewal of 90 days. Applied to every provider: others publish
    // their own policies, and one renewal is the conservative assumption.
    maxExtensions: 1,
    rule:
      stated === undefined
        ? 'The provider preserves for 90 days, renewable once for 90 more on a renewed request (18 U.S.C. §2703(f)(2))'
        : `The provider preserves for ${plural(stated, 'day')}, as it states; one renewal is assumed, as under 18 U.S.C. §2703(f)(2)`,
    source: '18 U.S.C. §2703(f); provider policy',
    extensionLimit: 'a provider preservation is renewed once (18 U.S.C. §2703(f)(2))',
    followUpAction: 'follow_up_mla',
    followUpIgnored: 'A follow-up request does not prolong a preservation by a provider (18 U.S.C. §2703(f)): the period still runs.',
    notes: [],
  });
}

function preservationOrder(ctx: Context): Spec {
  return preservation(ctx, {
    periodDays: 60,
    extensionDays: 30,
    maxExtensions: 1,
    rule: 'The provider preserves for 60 days from receipt, extendable once by 30 days (Reg. 2023/1543 Art. 11(1), Annex VI)',
    source: 'Reg. (EU) 2023/1543 Art. 11(1), Annexes V and VI',
    extensionLimit: 'a European Preservation Order is extended once, by 30 days (Reg. 2023/1543 Art. 11(1))',
    followUpAction: 'follow_up_production',
    keptAlive: (at) => `the provider received the Annex V confirmation of a request for production at ${at}: the data stay preserved until produced (Reg. 2023/1543 Art. 11(1))`,
    notes: [],
  });
}

function productionOrder(ctx: Context): Spec {
  const responded = optionalInstant(ctx.input.events.respondedAt);
  const base = {
    kind: 'production_due' as const,
    startedAt: ctx.start,
    binding: true,
    ...(responded !== undefined ? { completedAt: responded } : {}),
    overdueActions: ctx.outgoing ? (['chase'] as DeadlineAction[]) : [],
  };
  if (ctx.input.emergency) {
    return {
      ...base,
      ...hourPeriod(ctx.start, 8),
      rule: 'In an emergency the provider must produce the data within 8 hours of receiving the EPOC (Reg. 2023/1543 Art. 10(4))',
      source: 'Reg. (EU) 2023/1543 Art. 10(4)',
    };
  }
  return {
    ...base,
    ...dayPeriod(ctx.start, 10, WARNING_LEAD.otherDays, ctx.tz),
    rule: 'The provider must produce the data within 10 days of receiving the EPOC (Reg. 2023/1543 Art. 10(2))',
    source: 'Reg. (EU) 2023/1543 Art. 10(2)',
  };
}

function subscriberOrder(ctx: Context): Spec {
  const stated = ctx.input.events.statedTimeFrameDays;
  const period = Math.max(30, stated ?? 0);
  const responded = optionalInstant(ctx.input.events.respondedAt);
  // Art. 7(7): 30 days or the stated time frame, whichever is longer, then Art. 8 or MLA. [check paragraph number]
  return {
    kind: 'response_due',
    startedAt: ctx.start,
    ...dayPeriod(ctx.start, period, WARNING_LEAD.otherDays, ctx.tz),
    rule:
      stated !== undefined && stated > 30
        ? `The provider should disclose within the ${plural(stated, 'day')} stated (longer than 30 days); after that the order can be enforced only through Art. 8 or mutual assistance (Second Protocol Art. 7(7))`
        : 'The provider should disclose within 30 days of receipt (or a longer time frame stated); after that the order can be enforced only through Art. 8 or mutual assistance (Second Protocol Art. 7(7))',
    source: 'Second Additional Protocol Art. 7(7)',
    binding: true,
    ...(responded !== undefined ? { completedAt: responded } : {}),
    overdueActions: ctx.outgoing ? ['follow_up_order_given_effect', 'follow_up_mla'] : [],
  };
}

function orderGivenEffect(ctx: Context): Spec[] {
  const events = ctx.input.events;
  const served = optionalInstant(events.servedAt);
  const responded = optionalInstant(events.respondedAt);
  // Art. 8(7): serve within 45 days of receipt of all the information; the provider returns
  // subscriber information within 20 days and traffic data within 45 days of service. [check paragraph number]
  const service: Spec = {
    kind: 'service_due',
    startedAt: ctx.start,
    ...dayPeriod(ctx.start, 45, WARNING_LEAD.otherDays, ctx.tz),
    rule: 'The requested Party should serve the order on the provider within 45 days of receiving the request (Second Protocol Art. 8(7))',
    source: 'Second Additional Protocol Art. 8(7)',
    binding: true,
    ...(served !== undefined ? { completedAt: served } : {}),
    overdueActions: ctx.outgoing ? ['chase'] : [],
  };
  if (served === undefined) return [service];
  const category = events.dataCategory;
  const traffic = category === 'traffic' || category === 'identification';
  const notes =
    category === 'content' || category === 'domain_registration'
      ? [`Art. 8 covers subscriber information and traffic data only; the 20-day limit for subscriber information is shown for ${category.replace('_', ' ')} data.`]
      : category === undefined
        ? ['The data category is not given: the shorter limit, for subscriber information, is shown.']
        : [];
  const production: Spec = {
    kind: 'production_due',
    startedAt: served,
    ...dayPeriod(served, traffic ? 45 : 20, WARNING_LEAD.otherDays, ctx.tz),
    rule: traffic
      ? 'The provider must return traffic data within 45 days of service of the order (Second Protocol Art. 8(7)(b))'
      : 'The provider must return subscriber information within 20 days of service of the order (Second Protocol Art. 8(7)(a))',
    source: traffic ? 'Second Additional Protocol Art. 8(7)(b)' : 'Second Additional Protocol Art. 8(7)(a)',
    binding: true,
    ...(responded !== undefined ? { completedAt: responded } : {}),
    overdueActions: ctx.outgoing ? ['chase'] : [],
    notes,
  };
  return [service, production];
}

function domainRegistration(ctx: Context, reportNotes: string[]): Spec[] {
  const stated = ctx.input.events.statedTimeFrameDays;
  if (stated === undefined) {
    reportNotes.push('Second Protocol Art. 6 sets no time limit: the request should state a time frame, and none was recorded.');
    return [];
  }
  const responded = optionalInstant(ctx.input.events.respondedAt);
  return [
    {
      kind: 'response_due',
      startedAt: ctx.start,
      ...dayPeriod(ctx.start, stated, WARNING_LEAD.otherDays, ctx.tz),
      rule: `The registrar is asked to disclose within the ${plural(stated, 'day')} stated in the request (Second Protocol Art. 6)`,
      source: 'Second Additional Protocol Art. 6',
      binding: true,
      ...(responded !== undefined ? { completedAt: responded } : {}),
      overdueActions: ctx.outgoing ? ['chase'] : [],
    },
  ];
}

function emergencyDisclosure(ctx: Context): Spec {
  const hours = ctx.input.emergencyTargetHours ?? DEFAULT_EMERGENCY_TARGET_HOURS;
  const responded = optionalInstant(ctx.input.events.respondedAt);
  return {
    kind: 'response_due',
    startedAt: ctx.start,
    ...hourPeriod(ctx.start, hours),
    rule: `Target: an answer within ${plural(hours, 'hour')} of receipt. Not a legal limit: emergency disclosure is due "as rapidly as possible" (Second Protocol Art. 9; provider emergency policies)`,
    source: 'Second Additional Protocol Art. 9; provider emergency policy',
    binding: false,
    ...(responded !== undefined ? { completedAt: responded } : {}),
    overdueActions: ctx.outgoing ? ['escalate'] : [],
  };
}

/**
 * Every deadline of a request at `now`. Throws a ZodError when the input is invalid (an unknown
 * zone, an instant without an offset). Request types without a legal time limit (MLA, voluntary
 * disclosure) get no deadline but an `elapsed` figure and a note saying so; so does every request
 * before it is sent (no deadline yet).
 */
export function computeDeadlines(raw: DeadlineInput): DeadlineReport {
  const input = deadlineInputSchema.parse(raw);
  const now = input.now instanceof Date ? input.now.getTime() : parseInstant(input.now);
  if (Number.isNaN(now)) throw new RangeError('now is not a valid date');
  const events = input.events;
  const notes: string[] = [];
  const startIso = events.receivedAt ?? events.sentAt;
  if (startIso === undefined) {
    notes.push('No deadline runs yet: periods start when the addressee receives the request.');
    return { deadlines: [], notes };
  }
  if (events.receivedAt === undefined) notes.push('Receipt by the addressee is not recorded: periods are counted from sending, which may be earlier than the legal start.');
  const ctx: Context = { input, tz: input.addresseeTimeZone, now, start: parseInstant(startIso), outgoing: input.direction === 'outgoing' };

  let specs: Spec[];
  switch (input.type) {
    case 'preservation_247':
      specs = [preservation247(ctx)];
      break;
    case 'preservation_provider':
      specs = [preservationProvider(ctx)];
      break;
    case 'epoc_pr':
      specs = [preservationOrder(ctx)];
      break;
    case 'epoc':
      specs = [productionOrder(ctx)];
      break;
    case 'p2_subscriber_order':
      specs = [subscriberOrder(ctx)];
      break;
    case 'p2_order_given_effect':
      specs = orderGivenEffect(ctx);
      break;
    case 'p2_domain_registration':
      specs = domainRegistration(ctx, notes);
      break;
    case 'emergency_disclosure':
      specs = [emergencyDisclosure(ctx)];
      break;
    case 'mla_subscriber':
      specs = [];
      notes.push(
        input.emergency
          ? 'An emergency MLA request is to be handled with the utmost urgency (Second Protocol Art. 10) but has no fixed term: the time elapsed is tracked.'
          : 'An MLA request has no fixed term; it is expedited where data risk being lost (Budapest Arts. 25(3), 31(3)): the time elapsed is tracked.',
      );
      break;
    case 'voluntary_disclosure':
      specs = [];
      notes.push('Voluntary disclosure follows the provider’s policy and has no legal time limit: the time elapsed is tracked.');
      break;
  }

  const responded = optionalInstant(events.respondedAt);
  const until = responded ?? now;
  return {
    deadlines: specs.map((spec) => present(spec, now)),
    elapsed: { since: toIsoUtc(ctx.start), until: toIsoUtc(until), days: Math.max(0, Math.floor((until - ctx.start) / MS_PER_DAY)) },
    notes,
  };
}

const OPEN_STATES: readonly DeadlineState[] = ['pending', 'due_soon', 'overdue'];

/**
 * The deadline that needs attention first: of those still open (pending, due soon or overdue), the
 * one with the earliest `dueAt` — so an overdue one comes before an upcoming one. Met and
 * suspended deadlines need nothing and are skipped.
 */
export function nextDeadline(deadlines: readonly Deadline[]): Deadline | undefined {
  let next: Deadline | undefined;
  for (const deadline of deadlines) {
    if (!OPEN_STATES.includes(deadline.state)) continue;
    if (next === undefined || Date.parse(deadline.dueAt) < Date.parse(next.dueAt)) next = deadline;
  }
  return next;
}
