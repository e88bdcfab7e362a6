/**
 * Requests: drafted from the route advisor's choice and prefilled from the case, its identifiers,
 * the directory and the parent request; autosaved; moved through the lifecycle
 * (domain/lifecycle.ts) by the people the law allows; deadlines from domain/deadlines.ts kept on
 * the row for the dashboard and the reminder job. Need-to-know follows the case
 * (cases.service.ts): outside it, 404 and an audited attempt. Every change and every read is
 * audited with the case id, so it shows on the case timeline.
 */
import type { z } from 'zod';
import { isValidTimeZone } from '../../../domain/time.ts';
import { computeDeadlines, type DeadlineInput, type DeadlineReport } from '../../../domain/deadlines.ts';
import {
  availableTransitions, checkTransition, followUpsOf, FOLLOW_UPS, isTerminal, mayFollow, parseTransitionPayload, TRANSITIONS,
  validationRequirement, type RequestActor, type RequestDataCategory, type RequestStatus, type TransitionContext, type TransitionId,
} from '../../../domain/lifecycle.ts';
import type {
  Counterpart, DashboardItem, incomingRequestSchema, NewRequest, requestQuerySchema, RequestSummary, RequestView, saveDraftSchema,
} from '../../../domain/requests/api.ts';
import type { RequestIdentifier } from '../../../domain/requests/definition.ts';
import { getRequestDefinition } from '../../../domain/requests/index.ts';
import type { Queryable } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { systemActor, type Actor, type UserActor } from '../auth/actor.ts';
import { auditCase, auditRead, requireCaseUser, visibleCase, type VisibleCase } from '../cases/cases.service.ts';
import * as cases from '../cases/cases.store.ts';
import { shippedCountryData } from '../countries/country-data.ts';
import * as directory from '../directory/directory.store.ts';
import { renderDocx } from '../documents/render-docx.ts';
import { renderPdf } from '../documents/render-pdf.ts';
import { getFile, putFile } from '../files/files.store.ts';
import { findOrganisation } from '../organisations/organisations.store.ts';
import { findUserById } from '../users/users.store.ts';
import * as store from './requests.store.ts';

export type RequestQuery = z.output<typeof requestQuerySchema>;
export type IncomingRequest = z.output<typeof incomingRequestSchema>;
export type SaveDraft = z.output<typeof saveDraftSchema>;

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** The states in which the body may still be edited (before validation or sending; while handling an incoming one). */
const EDITABLE: readonly RequestStatus[] = ['draft', 'received', 'assigned'];
/** States in which no deadline runs any more. */
const NO_DEADLINES: readonly RequestStatus[] = ['draft', 'awaiting_validation', 'validated', 'withdrawn', 'expired', 'refused', 'cannot_execute', 'closed'];

function requestActor(user: UserActor, judge = false): RequestActor {
  return { id: user.userId, roles: user.roles, judge };
}

/** Whether the user is a judge or court (users.judge): only they validate some orders. */
async function isJudge(q: Queryable, user: UserActor): Promise<boolean> {
  return (await findUserById(q, user.userId))?.judge ?? false;
}

/** Strictest first: the data category that decides who must validate (Reg. 2023/1543 Art. 4). */
const CATEGORY_WEIGHT: readonly RequestDataCategory[] = ['content', 'traffic', 'identification', 'subscriber', 'domain_registration'];

/**
 * The request's data category for validation: the strictest of the one set on the request and
 * those ticked in its body (`data.categories`), so ticking "content" in an EPOC draft cannot slip
 * past the judge.
 */
export function effectiveCategory(row: Pick<store.RequestRow, 'data_category' | 'body'>): RequestDataCategory | undefined {
  const ticked = (row.body as { data?: { categories?: unknown } }).data?.categories;
  const all = new Set<string>([...(Array.isArray(ticked) ? ticked.map(String) : []), ...(row.data_category ? [row.data_category] : [])]);
  return CATEGORY_WEIGHT.find((c) => all.has(c));
}

function transitionContext(user: UserActor, row: store.RequestRow, v: VisibleCase, judge: boolean): TransitionContext {
  const dataCategory = effectiveCategory(row);
  return {
    direction: row.direction,
    type: row.type,
    ...(dataCategory ? { dataCategory } : {}),
    status: row.status,
    actor: requestActor(user, judge),
    createdBy: row.created_by,
    editedBy: row.deadline_events.editors ?? [],
    actorInCaseTeam: v.access.teamRole !== null,
  };
}

// ------------------------------------------------------------------------------ deadlines

/** What the deadline engine needs, from the row. */
export function deadlineInputOf(row: store.RequestRow, now: Date): DeadlineInput {
  const e = row.deadline_events;
  const events: DeadlineInput['events'] = {};
  if (row.sent_at) events.sentAt = row.sent_at.toISOString();
  if (row.received_at) events.receivedAt = row.received_at.toISOString();
  if (row.acknowledged_at) events.acknowledgedAt = row.acknowledged_at.toISOString();
  if (e.extensions?.length) events.extensions = e.extensions;
  if (e.followUpReceivedAt) events.followUpReceivedAt = e.followUpReceivedAt;
  if (e.servedAt) events.servedAt = e.servedAt;
  if (e.respondedAt) events.respondedAt = e.respondedAt;
  if (row.counterpart.preservationDays) events.preservationDays = row.counterpart.preservationDays;
  if (row.data_category) events.dataCategory = row.data_category;
  const days = Number((row.body as { timeFrameDays?: unknown }).timeFrameDays);
  if (Number.isInteger(days) && days > 0) events.statedTimeFrameDays = days;
  return { type: row.type, direction: row.direction, emergency: row.emergency, events, addresseeTimeZone: row.counterpart_zone ?? 'UTC', now };
}

export function deadlinesOf(row: store.RequestRow, now: Date): DeadlineReport {
  if (row.status === 'draft' || row.status === 'awaiting_validation' || row.status === 'validated') return { deadlines: [], notes: [] };
  return computeDeadlines(deadlineInputOf(row, now));
}

/** The next open deadline, stored on the row for the dashboard, the list filter and the reminder job. */
function nextDueOf(row: store.RequestRow, now: Date): Pick<store.RequestUpdate, 'next_due_at' | 'next_due_kind' | 'next_warn_at'> {
  if (NO_DEADLINES.includes(row.status)) return { next_due_at: null, next_due_kind: null, next_warn_at: null };
  const open = deadlinesOf(row, now).deadlines
    .filter((d) => d.state === 'pending' || d.state === 'due_soon' || d.state === 'overdue')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const next = open[0];
  if (!next) return { next_due_at: null, next_due_kind: null, next_warn_at: null };
  return { next_due_at: new Date(next.dueAt), next_due_kind: next.kind, next_warn_at: next.warnAt ? new Date(next.warnAt) : new Date(next.dueAt) };
}

/** Recomputes and stores the next deadline of a request (after any change to its dates). */
export async function refreshDeadline(deps: Deps, tx: Queryable, id: string): Promise<void> {
  const row = await store.findRequestById(tx, id);
  if (row) await store.updateRequest(tx, id, nextDueOf(row, deps.clock.now()), row.updated_at);
}

// ------------------------------------------------------------------------------ presenting

function presentSummary(row: store.RequestSummaryRow): RequestSummary {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    reference: row.reference,
    type: row.type,
    direction: row.direction,
    status: row.status,
    counterpart: row.counterpart,
    emergency: row.emergency,
    nextDue: row.next_due_at ? { kind: row.next_due_kind ?? '', dueAt: row.next_due_at.toISOString(), warnAt: iso(row.next_warn_at) } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    sentAt: iso(row.sent_at),
  };
}

async function present(deps: Deps, user: UserActor, row: store.RequestRow, v: VisibleCase): Promise<RequestView> {
  const definition = getRequestDefinition(row.type);
  const [history, children, documents, parent] = await Promise.all([
    store.listTransitions(deps.db, row.id),
    store.listChildren(deps.db, row.id),
    store.listDocuments(deps.db, row.id),
    row.parent_id ? store.findLink(deps.db, row.parent_id) : Promise.resolve(undefined),
  ]);
  const ctx = transitionContext(user, row, v, await isJudge(deps.db, user));
  const rule = validationRequirement(row.type, effectiveCategory(row));
  const live = !isTerminal(row.status) && row.status !== 'closed' && row.status !== 'draft';
  return {
    ...presentSummary(row),
    body: row.body,
    bodyVersion: row.body_version,
    routeId: row.route_id,
    dataCategory: row.data_category,
    emergencyFacts: row.emergency_facts,
    relation: row.relation,
    parent: parent ?? null,
    children,
    createdBy: row.created_by_label,
    validatedBy: row.validated_by_label,
    validatedAt: iso(row.validated_at),
    validationDecision: row.validation_decision,
    validation: { requirement: rule.requirement, reason: rule.reason },
    check: definition.check(row.body),
    deadlines: deadlinesOf(row, deps.clock.now()),
    history: history.map((h) => ({ transition: h.transition, from: h.from_status, to: h.to_status, actor: h.actor_label, at: h.at.toISOString(), payload: h.payload })),
    documents: documents.map((d) => presentDocument(d, row.body_version, revisionsOf(documents))),
    allowed: {
      edit: v.access.teamRole !== null && EDITABLE.includes(row.status),
      transitions: availableTransitions(ctx).filter((t) => t.id !== 'expire').map((t) => ({ id: t.id, to: t.to, requires: [...t.requires] })),
      followUps: row.direction === 'outgoing' && v.access.teamRole !== null && (live || row.status === 'executed' || row.status === 'partially_executed')
        ? followUpsOf(row.type).map((f) => ({ type: f.child, relation: f.relation, explanation: f.explanation, legalBasis: f.legalBasis }))
        : [],
    },
  };
}

// ------------------------------------------------------------------------------ loading

/**
 * A request the user may see: its case must be visible (else 404, audited by visibleCase). A
 * request id of another organisation, or none, is an audited 404 too.
 */
async function visibleRequest(deps: Deps, user: UserActor, id: string): Promise<{ row: store.RequestRow; v: VisibleCase }> {
  const row = await store.findRequest(deps.db, id, user.organisationId);
  if (!row) {
    await deps.db.transaction((tx) => auditCaseless(deps, tx, user, id));
    throw notFound('Request');
  }
  try {
    return { row, v: await visibleCase(deps, user, row.case_id) };
  } catch {
    throw notFound('Request');
  }
}

async function auditCaseless(deps: Deps, tx: Queryable, user: UserActor, id: string) {
  await appendAudit(deps, tx, user, { action: 'request.access_denied', outcome: 'denied', targetType: 'request', targetId: id });
}

// ------------------------------------------------------------------------------ creating

/** Where the national authorities of a State with several zones usually sit (the capital's zone). */
const SEAT_ZONES: Readonly<Record<string, string>> = {
  US: 'America/New_York', CA: 'America/Toronto', MX: 'America/Mexico_City', BR: 'America/Sao_Paulo', AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago', EC: 'America/Guayaquil', RU: 'Europe/Moscow', UA: 'Europe/Kyiv', KZ: 'Asia/Almaty', MN: 'Asia/Ulaanbaatar',
  ID: 'Asia/Jakarta', AU: 'Australia/Sydney', NZ: 'Pacific/Auckland', CD: 'Africa/Kinshasa', ES: 'Europe/Madrid', PT: 'Europe/Lisbon',
  DE: 'Europe/Berlin', NL: 'Europe/Amsterdam', FR: 'Europe/Paris', GB: 'Europe/London', CN: 'Asia/Shanghai', MY: 'Asia/Kuala_Lumpur',
};

/**
 * The time zone a counterpart in `country` is assumed to be in when the directory does not say:
 * the seat of its authorities where known, else of the country's zones the one whose day ends
 * first (largest UTC offset now), so a deadline counted on it is never later than the legal one.
 * The user can always set the counterpart's zone.
 */
export function defaultZone(country: string, at: Date): string | undefined {
  const zones = shippedCountryData().byCode.get(country)?.timeZones ?? [];
  const seat = SEAT_ZONES[country];
  if (seat && isValidTimeZone(seat)) return seat;
  const offset = (zone: string) => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  };
  return zones.map((zone) => ({ zone, offset: offset(zone) })).sort((a, b) => b.offset - a.offset || a.zone.localeCompare(b.zone))[0]?.zone;
}

/** The directory's facts about an addressee, so nobody retypes a name, a zone or a preservation period. */
async function resolveCounterpart(deps: Deps, c: Counterpart | undefined): Promise<(Counterpart & { preservationDays?: number }) | undefined> {
  if (!c) return undefined;
  if (c.providerId) {
    const p = await directory.findEntry(deps.db, 'providers', c.providerId);
    if (!p) throw invalid([{ path: 'counterpart.providerId', message: 'is not a provider in the directory' }]);
    const zone = c.timeZone ?? defaultZone(p.country, deps.clock.now());
    return {
      ...c, name: c.name || p.name, country: p.country,
      ...(zone ? { timeZone: zone } : {}),
      ...(p.address && !c.address ? { address: p.address } : {}),
      ...(p.preservation_days ? { preservationDays: p.preservation_days } : {}),
    };
  }
  if (c.authorityId) {
    const a = await directory.findEntry(deps.db, 'authorities', c.authorityId);
    if (!a) throw invalid([{ path: 'counterpart.authorityId', message: 'is not an authority in the directory' }]);
    const email = a.channels.find((ch) => ch.type === 'email')?.value;
    return { ...c, country: a.country, timeZone: c.timeZone ?? a.time_zone, ...(email && !c.email ? { email } : {}) };
  }
  const zone = c.timeZone ?? defaultZone(c.country, deps.clock.now());
  return { ...c, ...(zone ? { timeZone: zone } : {}) };
}

function identifiersOf(rows: cases.IdentifierRow[], only?: string[]): RequestIdentifier[] {
  return rows
    .filter((r) => !only || only.includes(r.id))
    .map((r) => ({
      kind: r.kind as RequestIdentifier['kind'],
      value: r.display,
      ...(r.observed_at ? { observedAt: r.observed_at.toISOString().replace('.000Z', 'Z') } : {}),
      ...(r.time_zone ? { timeZone: r.time_zone } : {}),
      ...(r.port !== null ? { port: r.port } : {}),
      ...(r.platform ? { platform: r.platform } : {}),
      ...(r.note ? { note: r.note } : {}),
    }));
}

/** Opens a draft of `input.type` in the case, prefilled. */
export async function createRequest(deps: Deps, actor: Actor, input: NewRequest): Promise<RequestView> {
  const user = requireCaseUser(actor, 'case.write');
  const v = await visibleCase(deps, user, input.caseId);
  const check = checkTransition({
    direction: 'outgoing', type: input.type, ...(input.dataCategory ? { dataCategory: input.dataCategory } : {}), status: null,
    actor: requestActor(user), createdBy: user.userId, actorInCaseTeam: v.access.teamRole !== null,
  }, 'create_draft');
  if (!check.ok) throw forbidden(check.reason);
  if (v.row.status === 'closed') throw conflict('The case is closed: reopen it first');

  let parent: store.RequestRow | undefined;
  let relation: 'extension' | 'follow_up' | null = null;
  if (input.parentId) {
    parent = await store.findRequest(deps.db, input.parentId, user.organisationId);
    if (!parent || parent.case_id !== input.caseId) throw invalid([{ path: 'parentId', message: 'is not a request of this case' }]);
    if (!mayFollow(parent.type, input.type))
      throw invalid([{ path: 'type', message: `a ${input.type} request cannot follow a ${parent.type} request` }]);
    const rule = FOLLOW_UPS.find((f) => f.parent === parent!.type && f.child === input.type && (!input.relation || f.relation === input.relation))!;
    relation = rule.relation;
  }
  // An extension goes to the same addressee; a follow-up (an MLA after a preservation) usually goes
  // to another authority of the same State, which the user picks: keep only the country and zone.
  const counterpart = (await resolveCounterpart(deps, input.counterpart))
    ?? (parent && relation === 'extension' ? (parent.counterpart as Counterpart) : undefined);
  const inheritedPlace = !counterpart && parent?.counterpart.country
    ? { country: parent.counterpart.country, ...(parent.counterpart.timeZone ? { timeZone: parent.counterpart.timeZone } : {}) }
    : undefined;
  const organisation = (await findOrganisation(deps.db, user.organisationId))!;
  const person = (await findUserById(deps.db, user.userId))!;
  const identifiers = identifiersOf(await cases.listIdentifiers(deps.db, input.caseId), input.identifierIds);
  const definition = getRequestDefinition(input.type);
  const now = deps.clock.now();
  const body = definition.prefill({
    date: now.toISOString().slice(0, 10),
    case: { reference: v.row.reference, title: v.row.title, summary: v.row.summary, offenceCategories: v.row.offence_categories, handlingCode: v.row.handling_code },
    identifiers,
    requestingAuthority: {
      organisation: organisation.name,
      person: person.display_name,
      email: person.email,
      timeZone: defaultZone(organisation.country, now) ?? 'UTC',
    },
    ...(counterpart ? { counterpart: {
      kind: counterpart.kind, name: counterpart.name, country: counterpart.country,
      ...(counterpart.email ? { email: counterpart.email } : {}),
      ...(counterpart.address ? { address: counterpart.address } : {}),
      ...(counterpart.timeZone ? { timeZone: counterpart.timeZone } : {}),
    } } : {}),
    ...(parent ? { parent: { type: parent.type, reference: parent.reference, ...(parent.sent_at ? { sentAt: parent.sent_at.toISOString() } : {}), body: parent.body } } : {}),
    ...(input.routeId ? { route: { id: input.routeId, citation: definition.legalBasis.citation } } : {}),
    ...(input.emergency ? { emergency: input.emergency } : {}),
  }) as Record<string, unknown>;

  const id = await deps.db.transaction(async (tx) => {
    const reference = await store.nextReference(tx, input.caseId);
    const requestId = await store.insertRequest(tx, {
      caseId: input.caseId, organisationId: user.organisationId, reference, type: input.type, direction: 'outgoing', status: 'draft',
      parentId: parent?.id ?? null, relation, routeId: input.routeId ?? null, dataCategory: input.dataCategory ?? parent?.data_category ?? null,
      emergencyFacts: input.emergency?.facts ?? null, counterpart: counterpart ?? inheritedPlace ?? {}, body, createdBy: user.userId, at: now, receivedAt: null,
    });
    await store.insertTransition(tx, { requestId, transition: 'create_draft', from: 'new', to: 'draft', actorId: user.userId, actorLabel: user.email, payload: {}, at: now });
    await cases.touchCase(tx, input.caseId, now);
    await auditCase(deps, tx, user, input.caseId, 'request.create', { reference, type: input.type, parentId: parent?.id ?? null, relation }, { type: 'request', id: requestId });
    return requestId;
  });
  return getRequest(deps, actor, id, { audit: false });
}

/** Registers a request received from abroad in a case (24/7 points and central authorities). */
export async function registerIncoming(deps: Deps, actor: Actor, input: IncomingRequest): Promise<RequestView> {
  const user = requireCaseUser(actor, 'case.write');
  const v = await visibleCase(deps, user, input.caseId);
  const check = checkTransition({
    direction: 'incoming', type: input.type, ...(input.dataCategory ? { dataCategory: input.dataCategory } : {}), status: null,
    actor: requestActor(user), createdBy: user.userId, actorInCaseTeam: v.access.teamRole !== null,
  }, 'register');
  if (!check.ok) throw forbidden(check.reason);
  const draft = getRequestDefinition(input.type).draftSchema.safeParse(input.body);
  if (!draft.success) throw invalid(draft.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
  const counterpart = (await resolveCounterpart(deps, input.counterpart))!;
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const reference = await store.nextReference(tx, input.caseId);
    const requestId = await store.insertRequest(tx, {
      caseId: input.caseId, organisationId: user.organisationId, reference, type: input.type, direction: 'incoming', status: 'received',
      parentId: null, relation: null, routeId: null, dataCategory: input.dataCategory ?? null, emergencyFacts: input.emergency?.facts ?? null,
      counterpart, body: input.body, createdBy: user.userId, at: now, receivedAt: new Date(input.receivedAt),
    });
    const payload = { occurredAt: input.receivedAt, channel: input.channel, ...(input.requesterReference ? { requesterReference: input.requesterReference } : {}) };
    await store.insertTransition(tx, { requestId, transition: 'register', from: 'new', to: 'received', actorId: user.userId, actorLabel: user.email, payload, at: now });
    await refreshDeadline(deps, tx, requestId);
    await cases.touchCase(tx, input.caseId, now);
    await auditCase(deps, tx, user, input.caseId, 'request.register', { reference, type: input.type, from: counterpart.name }, { type: 'request', id: requestId });
    return requestId;
  });
  return getRequest(deps, actor, id, { audit: false });
}

// ------------------------------------------------------------------------------ reading

export async function getRequest(deps: Deps, actor: Actor, id: string, options: { audit?: boolean } = {}): Promise<RequestView> {
  const user = requireCaseUser(actor, 'case.read');
  const { row, v } = await visibleRequest(deps, user, id);
  if (options.audit !== false) await auditRead(deps, user, row.case_id, 'request', 'request', row.id);
  return present(deps, user, row, v);
}

export async function searchRequests(deps: Deps, actor: Actor, query: RequestQuery): Promise<{ items: RequestSummary[]; total: number }> {
  const user = requireCaseUser(actor, 'case.read');
  const { rows, total } = await store.searchRequests(deps.db, {
    userId: user.userId,
    organisationId: user.organisationId,
    ...(query.caseId ? { caseId: query.caseId } : {}),
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.direction ? { direction: query.direction } : {}),
    ...(query.dueBefore ? { dueBefore: new Date(query.dueBefore) } : {}),
    limit: query.limit,
    offset: query.offset,
  });
  return { items: rows.map(presentSummary), total };
}

/** Overdue, due soon (warning window open) and upcoming deadlines within `days`. */
export async function dashboard(deps: Deps, actor: Actor, days: number, scope: 'mine' | 'visible'): Promise<{ overdue: DashboardItem[]; dueSoon: DashboardItem[]; upcoming: DashboardItem[] }> {
  const user = requireCaseUser(actor, 'case.read');
  const now = deps.clock.now();
  const rows = await store.dueRequests(deps.db, user.userId, user.organisationId, scope, new Date(now.getTime() + days * 86_400_000));
  const out = { overdue: [] as DashboardItem[], dueSoon: [] as DashboardItem[], upcoming: [] as DashboardItem[] };
  for (const row of rows) {
    for (const d of deadlinesOf(row, now).deadlines) {
      if (d.state === 'met' || d.state === 'suspended') continue;
      if (new Date(d.dueAt).getTime() > now.getTime() + days * 86_400_000) continue;
      const item = { ...presentSummary(row), caseTitle: row.case_title, deadline: d };
      (d.state === 'overdue' ? out.overdue : d.state === 'due_soon' ? out.dueSoon : out.upcoming).push(item);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------ editing

/** Autosave of a draft: the whole body, refused (409) if someone saved a newer version meanwhile. */
export async function saveDraft(deps: Deps, actor: Actor, id: string, input: SaveDraft): Promise<RequestView> {
  const user = requireCaseUser(actor, 'case.write');
  const { row: seen, v } = await visibleRequest(deps, user, id);
  if (!v.access.teamRole) throw forbidden('Only members of the case team may edit its requests');
  const definition = getRequestDefinition(seen.type);
  const parsed = definition.draftSchema.safeParse(input.body);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
  await deps.db.transaction(async (tx) => {
    const row = (await store.findRequest(tx, id, user.organisationId, true))!;
    if (!EDITABLE.includes(row.status)) throw conflict(`The request is ${row.status.replace(/_/g, ' ')}: reopen it as a draft to change it`);
    if (row.body_version !== input.bodyVersion)
      throw conflict(`Someone saved this request after you opened it (version ${row.body_version}, yours ${input.bodyVersion}): reload to see their changes`, [{ path: 'bodyVersion', message: 'is out of date' }]);
    const counterpart = input.counterpart ? await resolveCounterpart(deps, input.counterpart) : undefined;
    const changed = Object.keys({ ...row.body, ...input.body }).filter((k) => JSON.stringify(row.body[k]) !== JSON.stringify(input.body[k]));
    const editors = [...new Set([...(row.deadline_events.editors ?? []), user.userId])];
    const at = deps.clock.now();
    await store.updateRequest(tx, id, {
      body: input.body,
      body_version: row.body_version + 1,
      deadline_events: { ...row.deadline_events, editors: row.created_by === user.userId ? (row.deadline_events.editors ?? []) : editors },
      ...(counterpart ? { counterpart, counterpart_country: counterpart.country, counterpart_zone: counterpart.timeZone ?? null } : {}),
      ...(input.dataCategory !== undefined ? { data_category: input.dataCategory } : {}),
      ...(input.emergencyFacts !== undefined ? { emergency_facts: input.emergencyFacts, emergency: Boolean(input.emergencyFacts) } : {}),
    }, at);
    await auditCase(deps, tx, user, row.case_id, 'request.update', { reference: row.reference, bodyVersion: row.body_version + 1, fields: changed }, { type: 'request', id });
  });
  return getRequest(deps, actor, id, { audit: false });
}

/** The transitions that need every legally required item present. */
const NEEDS_COMPLETE: readonly TransitionId[] = ['submit_for_validation', 'validate', 'send'];

/** Fires a lifecycle transition, with its payload; side effects on dates, the parent and deadlines. */
export async function transition(deps: Deps, actor: Actor, id: string, transitionId: TransitionId, rawPayload: Record<string, unknown>): Promise<RequestView> {
  const user = requireCaseUser(actor, 'case.write');
  const { v } = await visibleRequest(deps, user, id);
  await deps.db.transaction(async (tx) => {
    const row = (await store.findRequest(tx, id, user.organisationId, true))!;
    const check = checkTransition(transitionContext(user, row, v, await isJudge(tx, user)), transitionId);
    if (!check.ok) throw forbidden(check.reason);
    const parsed = parseTransitionPayload(transitionId, rawPayload);
    if (!parsed.ok) {
      const [path, ...rest] = parsed.reason.split(': ');
      throw invalid([{ path: rest.length ? `payload.${path}` : 'payload', message: rest.length ? rest.join(': ') : parsed.reason }]);
    }
    const payload = parsed.payload as Record<string, unknown>;
    if (NEEDS_COMPLETE.includes(transitionId)) {
      const result = getRequestDefinition(row.type).check(row.body);
      if (!result.ok)
        throw invalid(result.missing.map((m) => ({ path: `body.${m.path}`, message: m.message.en })));
    }
    const now = deps.clock.now();
    const occurred = typeof payload.occurredAt === 'string' ? new Date(payload.occurredAt) : now;
    const events = { ...row.deadline_events };
    const changes: store.RequestUpdate = { status: check.to };
    switch (transitionId) {
      case 'validate':
        Object.assign(changes, { validated_by: user.userId, validated_at: now, validation_decision: String(payload.decision) });
        break;
      case 'reject_validation':
      case 'reopen_draft':
        Object.assign(changes, { validated_by: null, validated_at: null, validation_decision: null });
        break;
      case 'send':
        changes.sent_at = now;
        break;
      case 'acknowledge':
        changes.acknowledged_at = occurred;
        break;
      case 'assign': {
        const assignee = await findUserById(tx, String(payload.assigneeId));
        if (!assignee || assignee.organisation_id !== user.organisationId) throw invalid([{ path: 'payload.assigneeId', message: 'is not a user of your organisation' }]);
        changes.assigned_to = assignee.id;
        break;
      }
      case 'forward':
        if (payload.recipient === 'provider') events.servedAt = now.toISOString();
        break;
      case 'record_partial':
      case 'record_executed':
      case 'record_refusal':
      case 'record_cannot_execute':
      case 'answer_partially':
      case 'answer':
      case 'refuse':
      case 'report_cannot_execute':
        changes.outcome_at = occurred;
        events.respondedAt = occurred.toISOString();
        break;
      case 'close':
        changes.closed_at = now;
        break;
      case 'create_draft':
      case 'submit_for_validation':
      case 'register':
      case 'withdraw':
      case 'expire':
        break;
    }
    changes.deadline_events = events;
    await store.updateRequest(tx, id, changes, now);
    await store.insertTransition(tx, { requestId: id, transition: transitionId, from: row.status, to: check.to, actorId: user.userId, actorLabel: user.email, payload, at: now });
    await refreshDeadline(deps, tx, id);
    await updateParent(deps, tx, row, check.to, occurred);
    await cases.touchCase(tx, row.case_id, now);
    await auditCase(deps, tx, user, row.case_id, `request.${transitionId}`, { reference: row.reference, from: row.status, to: check.to, ...payload }, { type: 'request', id });
  });
  return getRequest(deps, actor, id, { audit: false });
}

/**
 * What a follow-up's progress does to its parent: an extension granted runs the preservation on;
 * a follow-up MLA or production request received keeps the preservation alive (Budapest Art.
 * 29(7), Reg. 2023/1543 Art. 11).
 */
async function updateParent(deps: Deps, tx: Queryable, child: store.RequestRow, to: RequestStatus, at: Date): Promise<void> {
  if (!child.parent_id || !['acknowledged', 'partially_executed', 'executed'].includes(to)) return;
  const parent = await store.findRequestById(tx, child.parent_id);
  if (!parent) return;
  const rule = FOLLOW_UPS.find((f) => f.parent === parent.type && f.child === child.type && f.relation === child.relation);
  if (!rule) return;
  const events = { ...parent.deadline_events };
  if (rule.relation === 'extension') {
    if (events.extensions?.includes(at.toISOString())) return;
    events.extensions = [...(events.extensions ?? []), at.toISOString()];
  } else if (rule.keepsParentAlive && !events.followUpReceivedAt) {
    events.followUpReceivedAt = at.toISOString();
  } else return;
  await store.updateRequest(tx, parent.id, { deadline_events: events }, deps.clock.now());
  await refreshDeadline(deps, tx, parent.id);
}

/** The system expires preservations whose period ended (the reminder job calls this). */
export async function expireIfDue(deps: Deps, tx: Queryable, row: store.RequestRow): Promise<boolean> {
  const now = deps.clock.now();
  const expiry = deadlinesOf(row, now).deadlines.find((d) => d.kind === 'preservation_expiry');
  if (expiry?.state !== 'overdue') return false;
  const rule = TRANSITIONS.find((t) => t.id === 'expire' && t.direction === row.direction);
  if (!rule || !rule.from.includes(row.status)) return false;
  await store.updateRequest(tx, row.id, { status: 'expired' }, now);
  await store.insertTransition(tx, { requestId: row.id, transition: 'expire', from: row.status, to: 'expired', actorId: null, actorLabel: 'system', payload: { dueAt: expiry.dueAt }, at: now });
  await refreshDeadline(deps, tx, row.id);
  await appendAudit(deps, tx, systemActor('deadlines'), { action: 'request.expire', targetType: 'request', targetId: row.id, organisationId: row.organisation_id, details: { caseId: row.case_id, reference: row.reference, dueAt: expiry.dueAt } });
  return true;
}

// ------------------------------------------------------------------------------ documents

const CONTENT_TYPES = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

/**
 * Generates the request's document for its current version (or returns the one already generated
 * for that version, format and language), stores it with its SHA-256, and audits who generated it.
 */
export async function generateDocument(deps: Deps, actor: Actor, id: string, format: 'pdf' | 'docx', language: 'en' | 'fr'): Promise<RequestView['documents'][number]> {
  const user = requireCaseUser(actor, 'case.read');
  const { row } = await visibleRequest(deps, user, id);
  const existing = await store.findDocumentVersion(deps.db, id, row.body_version, format, language);
  const documents = await store.listDocuments(deps.db, id);
  if (existing) return presentDocument(existing, row.body_version, revisionsOf(documents));
  const now = deps.clock.now();
  // The document's version counts the states of the request that were printed, not the autosaves.
  const revision = revisionsOf(documents).get(row.body_version) ?? new Set(documents.map((d) => d.version)).size + 1;
  const [drafter, validator] = await Promise.all([findUserById(deps.db, row.created_by), row.validated_by ? findUserById(deps.db, row.validated_by) : undefined]);
  const outline = getRequestDefinition(row.type).outline({
    language,
    generatedAt: now.toISOString(),
    version: revision,
    case: { reference: row.case_reference, handlingCode: (await cases.findCase(deps.db, row.case_id, row.organisation_id))!.handling_code },
    request: {
      reference: row.reference,
      type: row.type,
      body: row.body,
      createdBy: { name: drafter?.display_name ?? row.created_by_label, role: drafterRole(drafter?.roles ?? []) },
      ...(validator && row.validated_at
        ? { validatedBy: { name: validator.display_name, role: validator.judge ? 'judge' : 'prosecutor', at: row.validated_at.toISOString(), ...(row.validation_decision ? { decision: row.validation_decision } : {}) } }
        : {}),
      ...(row.sent_at ? { sentAt: row.sent_at.toISOString() } : {}),
    },
  });
  const content = format === 'pdf' ? await renderPdf(outline) : await renderDocx(outline);
  const docId = await deps.db.transaction(async (tx) => {
    const sha256 = await putFile(tx, content, CONTENT_TYPES[format], now);
    const documentId = await store.insertDocument(tx, { requestId: id, version: row.body_version, format, language, sha256, size: content.length, generatedBy: user.userId, at: now });
    await auditCase(deps, tx, user, row.case_id, 'request.document.generate', { reference: row.reference, version: revision, bodyVersion: row.body_version, format, language, sha256 }, { type: 'request_document', id: documentId });
    return documentId;
  });
  return presentDocument((await store.findDocument(deps.db, id, docId))!, row.body_version, revisionsOf(await store.listDocuments(deps.db, id)));
}

/** Document version numbers: 1, 2, … for each successive state of the request that was printed. */
function revisionsOf(documents: store.DocumentRow[]): Map<number, number> {
  return new Map([...new Set(documents.map((d) => d.version))].sort((a, b) => a - b).map((bodyVersion, i) => [bodyVersion, i + 1]));
}

/** How the drafter signs: their case role (investigator before prosecutor before the transmitting roles). */
function drafterRole(roles: readonly string[]): string {
  return ['investigator', 'prosecutor', 'contact_point', 'central_authority'].find((r) => roles.includes(r)) ?? roles[0] ?? '';
}

function presentDocument(d: store.DocumentRow, currentBodyVersion: number, revisions: Map<number, number>): RequestView['documents'][number] {
  return {
    id: d.id, version: revisions.get(d.version) ?? 1, format: d.format, language: d.language, sha256: d.sha256, size: d.size,
    generatedAt: d.generated_at.toISOString(), generatedBy: d.generated_by_label, current: d.version === currentBodyVersion,
  };
}

/** A stored document's bytes; the download is audited (who took which version). */
export async function downloadDocument(deps: Deps, actor: Actor, id: string, documentId: string): Promise<{ content: Buffer; contentType: string; filename: string; sha256: string }> {
  const user = requireCaseUser(actor, 'case.read');
  const { row } = await visibleRequest(deps, user, id);
  const doc = await store.findDocument(deps.db, id, documentId);
  if (!doc) throw notFound('Document');
  const file = await getFile(deps.db, doc.sha256);
  if (!file) throw notFound('Document');
  const revision = revisionsOf(await store.listDocuments(deps.db, id)).get(doc.version) ?? 1;
  await deps.db.transaction((tx) =>
    auditCase(deps, tx, user, row.case_id, 'request.document.download', { reference: row.reference, version: revision, bodyVersion: doc.version, format: doc.format, language: doc.language, sha256: doc.sha256 }, { type: 'request_document', id: doc.id }),
  );
  const filename = `${row.reference.replace(/[^A-Za-z0-9-]+/g, '-')}-v${revision}-${doc.language}.${doc.format}`;
  return { content: file.content, contentType: file.contentType, filename, sha256: doc.sha256 };
}
