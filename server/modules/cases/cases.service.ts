/**
 * Cases: the container of an investigation's identifiers, requests and notes. Need-to-know rules
 * here: a case is visible to its team and to the supervisors of its members, in its organisation;
 * anyone else gets 404 (never 403) and the attempt is audited. Every change is audited with the
 * case id in its details (the case timeline reads those events); every read of case content is
 * audited too, as `case.read` with the part read.
 */
import type { z } from 'zod';
import {
  type Case, type CaseIdentifier, type Colleague, type CaseInput, type CaseNote, type CasePatch, type CaseSummary, type TeamMember, type TeamRole,
  type TimelineEvent, caseInputSchema, type caseQuerySchema, type timelineQuerySchema,
} from '../../../domain/cases.ts';
import { identifierKey, identifierLinkKey, parseIdentifier, type IdentifierInput } from '../../../domain/identifiers.ts';
import type { Queryable } from '../../db/database.ts';
import { prefixQuery } from '../../db/search.ts';
import type { Deps } from '../../deps.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor, UserActor } from '../auth/actor.ts';
import { authorise } from '../auth/policy.ts';
import { findUserById, listColleagues as listColleagueRows } from '../users/users.store.ts';
import { CASE_ROLES } from '../../../domain/roles.ts';
import { presentCaseSummary, presentIdentifier, presentMember, presentNote, presentTimelineEvent } from './cases.presenter.ts';
import * as store from './cases.store.ts';

export type CaseQuery = z.output<typeof caseQuerySchema>;
export type TimelineQuery = z.output<typeof timelineQuerySchema>;

/** A case and the actor's relation to it, once need-to-know has been checked. */
export interface VisibleCase {
  row: store.CaseRow;
  access: store.CaseAccess;
}

/**
 * Case content is need-to-know, so only a signed-in user (or their API token) may reach it; the
 * local operator administers the instance but is nobody's case team.
 */
export function requireCaseUser(actor: Actor, permission: 'case.read' | 'case.write'): UserActor {
  authorise(actor, permission);
  if (actor.kind !== 'user')
    throw forbidden('Cases are need-to-know: act as a user (set LIAISON_TOKEN to one of your API tokens)');
  return actor;
}

/**
 * The case if the user may see it. Otherwise the attempt is audited (in its own transaction, so
 * the 404 that follows cannot roll it back) and the answer is 404, whether the case exists in
 * another organisation, exists outside the user's need-to-know, or does not exist.
 */
export async function visibleCase(deps: Deps, actor: UserActor, caseId: string): Promise<VisibleCase> {
  const row = await store.findCase(deps.db, caseId, actor.organisationId);
  const access = row ? await store.accessOf(deps.db, caseId, actor.userId) : null;
  if (!row || !access || (!access.teamRole && !access.supervises)) {
    await deps.db.transaction((tx) =>
      appendAudit(deps, tx, actor, { action: 'case.access_denied', outcome: 'denied', targetType: 'case', targetId: caseId }),
    );
    throw notFound('Case');
  }
  return { row, access };
}

/** Team members change the case; supervisors see it and may manage its team. */
export function assertMember(access: store.CaseAccess): void {
  if (!access.teamRole) throw forbidden('Only members of the case team may change the case');
}

function assertOpen(row: store.CaseRow): void {
  if (row.status === 'closed') throw conflict('The case is closed: reopen it first');
}

/** Audits a read of case content (the case, its identifiers, notes, timeline, a request, a document). */
export async function auditRead(deps: Deps, actor: UserActor, caseId: string, part: string, targetType = 'case', targetId = caseId): Promise<void> {
  await deps.db.transaction((tx) => appendAudit(deps, tx, actor, { action: 'case.read', targetType, targetId, details: { caseId, part } }));
}

/** Appends a change to the audit log with the case id, so it shows on the case timeline. */
export function auditCase(
  deps: Deps,
  tx: Queryable,
  actor: UserActor,
  caseId: string,
  action: string,
  details: Record<string, unknown> = {},
  target: { type: string; id: string } = { type: 'case', id: caseId },
) {
  return appendAudit(deps, tx, actor, { action, targetType: target.type, targetId: target.id, details: { caseId, ...details } });
}

// ------------------------------------------------------------------------------ cases

async function present(deps: Deps, q: Queryable, v: VisibleCase): Promise<Case> {
  const [team, counts] = await Promise.all([store.listMembers(q, v.row.id), store.countsOf(q, v.row.id)]);
  return {
    ...presentCaseSummary(v.row),
    summary: v.row.summary,
    createdBy: v.row.created_by_label,
    team: team.map(presentMember),
    counts,
    allowed: { edit: v.access.teamRole !== null, manageTeam: v.access.teamRole === 'lead' || v.access.supervises },
  };
}

export async function createCase(deps: Deps, actor: Actor, input: CaseInput): Promise<Case> {
  const user = requireCaseUser(actor, 'case.write');
  const body = caseInputSchema.parse(input);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const reference = await store.nextReference(tx, user.organisationId, now.getUTCFullYear());
    const caseId = await store.insertCase(tx, { organisationId: user.organisationId, reference, ...body, createdBy: user.userId, at: now });
    await store.upsertMember(tx, caseId, user.userId, 'lead', now);
    await auditCase(deps, tx, user, caseId, 'case.create', { reference, title: body.title, handlingCode: body.handlingCode });
    return caseId;
  });
  return getCase(deps, actor, id, { audit: false });
}

export async function getCase(deps: Deps, actor: Actor, caseId: string, options: { audit?: boolean } = {}): Promise<Case> {
  const user = requireCaseUser(actor, 'case.read');
  const v = await visibleCase(deps, user, caseId);
  if (options.audit !== false) await auditRead(deps, user, caseId, 'case');
  return present(deps, deps.db, v);
}

export async function searchCases(deps: Deps, actor: Actor, query: CaseQuery): Promise<{ items: CaseSummary[]; total: number }> {
  const user = requireCaseUser(actor, 'case.read');
  const { rows, total } = await store.searchCases(deps.db, {
    userId: user.userId,
    organisationId: user.organisationId,
    text: prefixQuery(query.q),
    ...(query.status ? { status: query.status } : {}),
    limit: query.limit,
    offset: query.offset,
  });
  // Who searched the cases for what is itself worth keeping (oversight of case data use).
  if (query.q) await deps.db.transaction((tx) => appendAudit(deps, tx, user, { action: 'case.search', details: { q: query.q, total } }));
  return { items: rows.map(presentCaseSummary), total };
}

export async function updateCase(deps: Deps, actor: Actor, caseId: string, patch: CasePatch): Promise<Case> {
  const user = requireCaseUser(actor, 'case.write');
  const v = await visibleCase(deps, user, caseId);
  assertMember(v.access);
  await deps.db.transaction(async (tx) => {
    const row = (await store.findCase(tx, caseId, user.organisationId, true))!;
    const before: Record<string, unknown> = { title: row.title, summary: row.summary, offenceCategories: row.offence_categories, handlingCode: row.handling_code, status: row.status };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = { from: before[key], to: value };
    }
    if (Object.keys(changes).length === 0) return;
    await store.updateCase(tx, caseId, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
      ...(patch.offenceCategories !== undefined ? { offence_categories: patch.offenceCategories } : {}),
      ...(patch.handlingCode !== undefined ? { handling_code: patch.handlingCode } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
    }, deps.clock.now());
    // A summary can be long: the audit keeps that it changed, not both versions in full.
    if (changes.summary) changes.summary = { from: `${row.summary.length} characters`, to: `${patch.summary!.length} characters` };
    await auditCase(deps, tx, user, caseId, 'case.update', { changes });
  });
  return getCase(deps, actor, caseId, { audit: false });
}

// ------------------------------------------------------------------------------ team

/** The people a case team can be made of: enabled users of the organisation with a case role. */
export async function listColleagues(deps: Deps, actor: Actor): Promise<Colleague[]> {
  const user = requireCaseUser(actor, 'case.write');
  const rows = await listColleagueRows(deps.db, user.organisationId, CASE_ROLES);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, email: r.email, roles: r.roles }));
}

export async function setMember(deps: Deps, actor: Actor, caseId: string, userId: string, teamRole: TeamRole): Promise<TeamMember[]> {
  const user = requireCaseUser(actor, 'case.write');
  const v = await visibleCase(deps, user, caseId);
  if (v.access.teamRole !== 'lead' && !v.access.supervises) throw forbidden('Only the case lead or a supervisor may change the team');
  const member = await findUserById(deps.db, userId);
  if (!member || member.organisation_id !== user.organisationId) throw invalid([{ path: 'userId', message: 'is not a user of your organisation' }]);
  if (member.disabled_at) throw invalid([{ path: 'userId', message: 'is a disabled account' }]);
  return deps.db.transaction(async (tx) => {
    const current = (await store.listMembers(tx, caseId)).find((m) => m.user_id === userId);
    if (current?.team_role === 'lead' && teamRole !== 'lead' && (await store.countLeads(tx, caseId)) <= 1)
      throw conflict('A case needs a lead: make someone else lead first');
    if (current?.team_role !== teamRole) {
      await store.upsertMember(tx, caseId, userId, teamRole, deps.clock.now());
      await auditCase(deps, tx, user, caseId, current ? 'case.member.update' : 'case.member.add', { userId, email: member.email, teamRole });
    }
    return (await store.listMembers(tx, caseId)).map(presentMember);
  });
}

export async function removeMember(deps: Deps, actor: Actor, caseId: string, userId: string): Promise<TeamMember[]> {
  const user = requireCaseUser(actor, 'case.write');
  const v = await visibleCase(deps, user, caseId);
  if (v.access.teamRole !== 'lead' && !v.access.supervises && userId !== user.userId)
    throw forbidden('Only the case lead or a supervisor may change the team');
  return deps.db.transaction(async (tx) => {
    const current = (await store.listMembers(tx, caseId)).find((m) => m.user_id === userId);
    if (!current) throw notFound('Team member');
    if (current.team_role === 'lead' && (await store.countLeads(tx, caseId)) <= 1) throw conflict('A case needs a lead: make someone else lead first');
    await store.deleteMember(tx, caseId, userId);
    await auditCase(deps, tx, user, caseId, 'case.member.remove', { userId, email: current.email });
    return (await store.listMembers(tx, caseId)).map(presentMember);
  });
}

// ------------------------------------------------------------------------------ notes

export async function addNote(deps: Deps, actor: Actor, caseId: string, body: string): Promise<CaseNote> {
  const user = requireCaseUser(actor, 'case.write');
  const v = await visibleCase(deps, user, caseId);
  assertMember(v.access);
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const note = await store.insertNote(tx, caseId, user.userId, body, now);
    await store.touchCase(tx, caseId, now);
    await auditCase(deps, tx, user, caseId, 'case.note.add', { length: body.length }, { type: 'case_note', id: note.id });
    return presentNote(note);
  });
}

export async function listNotes(deps: Deps, actor: Actor, caseId: string): Promise<CaseNote[]> {
  const user = requireCaseUser(actor, 'case.read');
  await visibleCase(deps, user, caseId);
  await auditRead(deps, user, caseId, 'notes');
  return (await store.listNotes(deps.db, caseId)).map(presentNote);
}

export async function getTimeline(deps: Deps, actor: Actor, caseId: string, query: TimelineQuery): Promise<{ items: TimelineEvent[]; nextBefore: number | null }> {
  const user = requireCaseUser(actor, 'case.read');
  await visibleCase(deps, user, caseId);
  const rows = await store.timeline(deps.db, caseId, query.before, query.limit + 1);
  await auditRead(deps, user, caseId, 'timeline');
  const items = rows.slice(0, query.limit).map(presentTimelineEvent);
  return { items, nextBefore: rows.length > query.limit ? items.at(-1)!.seq : null };
}

// ------------------------------------------------------------------------------ identifiers

async function presentIdentifiers(deps: Deps, user: UserActor, caseId: string, rows: store.IdentifierRow[]): Promise<CaseIdentifier[]> {
  const links = await store.findLinks(deps.db, caseId, [...new Set(rows.map((r) => r.link_key))], user.userId, user.organisationId);
  return rows.map((r) => presentIdentifier(r, links));
}

/**
 * Parses and normalises an identifier (domain/identifiers.ts) and adds it to the case; the same
 * identifier entered twice is merged into one record whose occurrence count goes up.
 */
export async function addIdentifier(
  deps: Deps,
  actor: Actor,
  caseId: string,
  input: IdentifierInput & { note?: string | null | undefined },
): Promise<{ identifier: CaseIdentifier; merged: boolean }> {
  const user = requireCaseUser(actor, 'case.write');
  const v = await visibleCase(deps, user, caseId);
  assertMember(v.access);
  assertOpen(v.row);
  const { note, ...raw } = input;
  const parsed = parseIdentifier(raw);
  if (!parsed.ok) throw invalid(parsed.errors.map((e) => ({ path: e.field, message: e.message })));
  const id = parsed.identifier;
  const { row, merged } = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const result = await store.addIdentifier(tx, caseId, {
      kind: id.kind,
      value: id.value,
      display: id.display,
      dedupe_key: identifierKey(id),
      link_key: identifierLinkKey(id),
      observed_at: id.observedAt ? new Date(id.observedAt) : null,
      time_zone: id.timeZone ?? null,
      local_time: id.localTime ?? null,
      port: id.port ?? null,
      platform: id.platform ?? null,
      network: id.network ?? null,
      details: id.details ?? {},
      note: note?.trim() || null,
    }, user.userId, now);
    await store.touchCase(tx, caseId, now);
    await auditCase(deps, tx, user, caseId, result.merged ? 'case.identifier.merge' : 'case.identifier.add',
      { kind: id.kind, display: id.display }, { type: 'case_identifier', id: result.row.id });
    return result;
  });
  const [identifier] = await presentIdentifiers(deps, user, caseId, [row]);
  return { identifier: identifier!, merged };
}

export async function listIdentifiers(deps: Deps, actor: Actor, caseId: string): Promise<CaseIdentifier[]> {
  const user = requireCaseUser(actor, 'case.read');
  await visibleCase(deps, user, caseId);
  await auditRead(deps, user, caseId, 'identifiers');
  return presentIdentifiers(deps, user, caseId, await store.listIdentifiers(deps.db, caseId));
}

export async function removeIdentifier(deps: Deps, actor: Actor, caseId: string, identifierId: string): Promise<void> {
  const user = requireCaseUser(actor, 'case.write');
  const v = await visibleCase(deps, user, caseId);
  assertMember(v.access);
  assertOpen(v.row);
  await deps.db.transaction(async (tx) => {
    const row = await store.deleteIdentifier(tx, caseId, identifierId);
    if (!row) throw notFound('Identifier');
    await store.touchCase(tx, caseId, deps.clock.now());
    await auditCase(deps, tx, user, caseId, 'case.identifier.remove', { kind: row.kind, display: row.display }, { type: 'case_identifier', id: identifierId });
  });
}
