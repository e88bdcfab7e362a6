/**
 * SQL for requests, their transitions and documents, and the content-addressed file store.
 * Visibility follows the case (cases.store.ts): a user sees the requests of the cases they are on
 * or supervise someone on.
 */
import type { Queryable } from '../../db/database.ts';
import { casesVisibleTo, teamCanSee } from '../cases/cases.store.ts';
import type { Direction, RequestDataCategory, RequestStatus } from '../../../domain/lifecycle.ts';
import type { Counterpart } from '../../../domain/requests/api.ts';
import type { RequestType } from '../../../domain/requests/types.ts';

export interface RequestRow {
  id: string;
  case_id: string;
  case_reference: string;
  case_title: string;
  organisation_id: string;
  reference: string;
  type: RequestType;
  direction: Direction;
  status: RequestStatus;
  parent_id: string | null;
  relation: 'extension' | 'follow_up' | null;
  route_id: string | null;
  data_category: RequestDataCategory | null;
  emergency: boolean;
  emergency_facts: string | null;
  counterpart: Partial<Counterpart> & { preservationDays?: number };
  counterpart_zone: string | null;
  body: Record<string, unknown>;
  body_version: number;
  assigned_to: string | null;
  created_by: string;
  created_by_label: string;
  created_at: Date;
  updated_at: Date;
  validated_by: string | null;
  validated_by_label: string | null;
  validated_at: Date | null;
  validation_decision: string | null;
  sent_at: Date | null;
  received_at: Date | null;
  acknowledged_at: Date | null;
  outcome_at: Date | null;
  closed_at: Date | null;
  deadline_events: DeadlineEvents;
  next_due_at: Date | null;
  next_due_kind: string | null;
  next_warn_at: Date | null;
}

/** Facts for the deadline engine that are not columns: extensions granted, follow-up received, … */
export interface DeadlineEvents {
  extensions?: string[];
  followUpReceivedAt?: string;
  servedAt?: string;
  respondedAt?: string;
  /** Everyone who edited the draft (nobody who did may validate it). */
  editors?: string[];
}

/** Need-to-know as cases.store.ts states it: a condition on `r` for the dashboard (dueRequests). */
const VISIBLE = (me: string) => teamCanSee(me, 'r.case_id');

/**
 * `WITH visible, matching`: the id and sort keys of the requests that pass `where` (conditions on
 * `r`) in the cases `cases` selects (the list within one case). Each case's requests are looked up
 * in requests_case_status_due_idx, which holds every column the list filters or sorts on, so
 * matching, counting and ordering read that index alone. Both CTEs are MATERIALIZED and the
 * per-case lookup is a LATERAL subquery with OFFSET 0 so that the planner keeps this shape instead
 * of walking the organisation's requests in due-date order (bench/README.md).
 */
const MATCHING = (cases: string, where: string[]) => `WITH visible AS MATERIALIZED (${cases}),
  matching AS MATERIALIZED (
    SELECT r.id, r.next_due_at, r.created_at
      FROM visible v CROSS JOIN LATERAL (
        SELECT r.id, r.next_due_at, r.created_at FROM requests r WHERE r.case_id = v.case_id AND ${where.join(' AND ')} OFFSET 0) r)`;

const COLUMNS = `r.*, c.reference AS case_reference, c.title AS case_title, cu.email AS created_by_label, vu.email AS validated_by_label`;
const FROM = `requests r JOIN cases c ON c.id = r.case_id JOIN users cu ON cu.id = r.created_by LEFT JOIN users vu ON vu.id = r.validated_by`;

/** The next request number of a case: 2026/00042-R1, -R2, … (row-locked on the case). */
export async function nextReference(q: Queryable, caseId: string): Promise<string> {
  const { rows } = await q.query<{ reference: string; n: number }>(
    'UPDATE cases SET last_request_no = last_request_no + 1 WHERE id = $1 RETURNING reference, last_request_no AS n',
    [caseId],
  );
  return `${rows[0]!.reference}-R${rows[0]!.n}`;
}

export interface NewRequestRow {
  caseId: string;
  organisationId: string;
  reference: string;
  type: RequestType;
  direction: Direction;
  status: RequestStatus;
  parentId: string | null;
  relation: 'extension' | 'follow_up' | null;
  routeId: string | null;
  dataCategory: RequestDataCategory | null;
  emergencyFacts: string | null;
  counterpart: Record<string, unknown>;
  body: Record<string, unknown>;
  createdBy: string;
  at: Date;
  receivedAt: Date | null;
}

export async function insertRequest(q: Queryable, r: NewRequestRow): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO requests (case_id, organisation_id, reference, type, direction, status, parent_id, relation, route_id, data_category,
                           emergency, emergency_facts, counterpart, counterpart_country, counterpart_zone, body, created_by, created_at, updated_at, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19) RETURNING id`,
    [r.caseId, r.organisationId, r.reference, r.type, r.direction, r.status, r.parentId, r.relation, r.routeId, r.dataCategory,
      r.emergencyFacts !== null, r.emergencyFacts, JSON.stringify(r.counterpart), (r.counterpart.country as string | undefined) ?? null,
      (r.counterpart.timeZone as string | undefined) ?? null, JSON.stringify(r.body), r.createdBy, r.at, r.receivedAt],
  );
  return rows[0]!.id;
}

/** A request of the organisation, whoever may see it (the service checks the case). */
export async function findRequest(q: Queryable, id: string, organisationId: string, lock = false): Promise<RequestRow | undefined> {
  const { rows } = await q.query<RequestRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1 AND r.organisation_id = $2${lock ? ' FOR UPDATE OF r' : ''}`,
    [id, organisationId],
  );
  return rows[0];
}

export async function findRequestById(q: Queryable, id: string): Promise<RequestRow | undefined> {
  return (await q.query<RequestRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1`, [id])).rows[0];
}

/** Column names a caller may update; the SQL is built from this list only. */
export type RequestUpdate = Partial<{
  status: RequestStatus;
  body: Record<string, unknown>;
  body_version: number;
  counterpart: Record<string, unknown>;
  counterpart_country: string | null;
  counterpart_zone: string | null;
  data_category: RequestDataCategory | null;
  emergency: boolean;
  emergency_facts: string | null;
  assigned_to: string | null;
  validated_by: string | null;
  validated_at: Date | null;
  validation_decision: string | null;
  sent_at: Date | null;
  acknowledged_at: Date | null;
  outcome_at: Date | null;
  closed_at: Date | null;
  deadline_events: DeadlineEvents;
  next_due_at: Date | null;
  next_due_kind: string | null;
  next_warn_at: Date | null;
}>;

const JSON_COLUMNS = new Set(['body', 'counterpart', 'deadline_events']);

export async function updateRequest(q: Queryable, id: string, changes: RequestUpdate, at: Date): Promise<void> {
  const keys = Object.keys(changes) as (keyof RequestUpdate)[];
  const sets = keys.map((k, i) => `${k} = $${i + 3}`);
  await q.query(
    `UPDATE requests SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`,
    [id, at, ...keys.map((k) => (JSON_COLUMNS.has(k) ? JSON.stringify(changes[k]) : changes[k]))],
  );
}

export async function insertTransition(
  q: Queryable,
  t: { requestId: string; transition: string; from: RequestStatus | 'new'; to: RequestStatus; actorId: string | null; actorLabel: string; payload: Record<string, unknown>; at: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO request_transitions (request_id, transition, from_status, to_status, actor_id, actor_label, payload, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [t.requestId, t.transition, t.from, t.to, t.actorId, t.actorLabel, JSON.stringify(t.payload), t.at],
  );
}

export interface TransitionRow {
  transition: string;
  from_status: string;
  to_status: string;
  actor_label: string;
  payload: Record<string, unknown>;
  at: Date;
}

export async function listTransitions(q: Queryable, requestId: string): Promise<TransitionRow[]> {
  return (await q.query<TransitionRow>(
    'SELECT transition, from_status, to_status, actor_label, payload, at FROM request_transitions WHERE request_id = $1 ORDER BY id',
    [requestId],
  )).rows;
}

export interface LinkRow {
  id: string;
  reference: string;
  type: RequestType;
  status: RequestStatus;
  relation: string | null;
}

export async function listChildren(q: Queryable, parentId: string): Promise<LinkRow[]> {
  return (await q.query<LinkRow>('SELECT id, reference, type, status, relation FROM requests WHERE parent_id = $1 ORDER BY created_at', [parentId])).rows;
}

export async function findLink(q: Queryable, id: string): Promise<LinkRow | undefined> {
  return (await q.query<LinkRow>('SELECT id, reference, type, status, relation FROM requests WHERE id = $1', [id])).rows[0];
}

export interface RequestSearch {
  userId: string;
  organisationId: string;
  caseId?: string;
  statuses?: RequestStatus[];
  type?: RequestType;
  direction?: Direction;
  dueBefore?: Date;
  limit: number;
  offset: number;
}

/** The columns of a request list entry (presentSummary): no body, no deadline events. */
export type RequestSummaryRow = Pick<RequestRow, 'id' | 'case_id' | 'case_reference' | 'reference' | 'type' | 'direction' | 'status' | 'counterpart'
  | 'emergency' | 'next_due_at' | 'next_due_kind' | 'next_warn_at' | 'created_at' | 'updated_at' | 'sent_at'>;

const SUMMARY_COLUMNS = `r.id, r.case_id, c.reference AS case_reference, r.reference, r.type, r.direction, r.status, r.counterpart,
  r.emergency, r.next_due_at, r.next_due_kind, r.next_warn_at, r.created_at, r.updated_at, r.sent_at`;
const LIST_ORDER = 'next_due_at ASC NULLS LAST, created_at DESC, id';

/**
 * Requests the user may see, soonest deadline first, then newest; `total` counts every match.
 * Without a case, the matches are one range of the user's rows in request_access (need-to-know
 * materialised; migration 20261123180000), read in list order from its index, and counted from
 * it; only the page's rows are then read from requests and cases. Within one case, the case's
 * requests are read directly (MATCHING). A page past the end has no row to carry the count: it is
 * then counted on its own.
 */
export async function searchRequests(q: Queryable, s: RequestSearch): Promise<{ rows: RequestSummaryRow[]; total: number }> {
  if (s.caseId) return searchCaseRequests(q, s, s.caseId);
  const { params, where } = listFilters(s, 'a');
  where.unshift('a.user_id = $1');
  const count = `SELECT count(*)::int AS n FROM request_access a WHERE ${where.join(' AND ')}`;
  const { rows } = await q.query<RequestSummaryRow & { total: number }>(
    `SELECT ${SUMMARY_COLUMNS}, (${count}) AS total
       FROM (SELECT a.request_id AS id, a.next_due_at, a.created_at FROM request_access a WHERE ${where.join(' AND ')}
              ORDER BY a.next_due_at ASC NULLS LAST, a.created_at DESC, a.request_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}) p
       JOIN requests r ON r.id = p.id JOIN cases c ON c.id = r.case_id
      ORDER BY p.${LIST_ORDER.replaceAll(', ', ', p.')}`,
    [...params, s.limit, s.offset],
    { prepared: true },
  );
  return pageOf(rows, s, async () => (await q.query<{ n: number }>(count, params)).rows[0]!.n);
}

/** The requests of one case the user may see (searchRequests with a case). */
async function searchCaseRequests(q: Queryable, s: RequestSearch, caseId: string): Promise<{ rows: RequestSummaryRow[]; total: number }> {
  const { params, where } = listFilters(s, 'r');
  params.push(caseId);
  const cases = `SELECT case_id FROM (${casesVisibleTo('$1')}) v WHERE case_id = $${params.length}`;
  const matching = MATCHING(cases, where);
  const { rows } = await q.query<RequestSummaryRow & { total: number }>(
    `${matching}
     SELECT ${SUMMARY_COLUMNS}, (SELECT count(*)::int FROM matching) AS total
       FROM (SELECT * FROM matching ORDER BY ${LIST_ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}) p
       JOIN requests r ON r.id = p.id JOIN cases c ON c.id = r.case_id
      ORDER BY p.${LIST_ORDER.replaceAll(', ', ', p.')}`,
    [...params, s.limit, s.offset],
  );
  return pageOf(rows, s, async () => (await q.query<{ n: number }>(`${matching} SELECT count(*)::int AS n FROM matching`, params)).rows[0]!.n);
}

/**
 * The list's filters as conditions on `alias` (request_access `a` or requests `r`, which share the
 * column names), with $1 the user and $2 the organisation.
 */
function listFilters(s: RequestSearch, alias: 'a' | 'r'): { params: unknown[]; where: string[] } {
  const params: unknown[] = [s.userId, s.organisationId];
  const where = [`${alias}.organisation_id = $2`];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (s.statuses?.length) add((p) => `${alias}.status = ANY(${p}::text[])`, s.statuses);
  if (s.type) add((p) => `${alias}.type = ${p}`, s.type);
  if (s.direction) add((p) => `${alias}.direction = ${p}`, s.direction);
  if (s.dueBefore) add((p) => `${alias}.next_due_at <= ${p}`, s.dueBefore);
  return { params, where };
}

/** A page and its total, carried by each row; a page past the end has no row, so it counts on its own. */
async function pageOf(
  rows: (RequestSummaryRow & { total: number })[], s: RequestSearch, count: () => Promise<number>,
): Promise<{ rows: RequestSummaryRow[]; total: number }> {
  if (rows.length === 0) return { rows: [], total: s.offset === 0 ? 0 : await count() };
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]!.total };
}

/** Live requests with a deadline before `until` in the cases the user is on (mine) or may see (visible). */
export async function dueRequests(q: Queryable, userId: string, organisationId: string, scope: 'mine' | 'visible', until: Date): Promise<RequestRow[]> {
  const visibility = scope === 'mine'
    ? 'EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = r.case_id AND m.user_id = $1)'
    : VISIBLE('$1');
  return (await q.query<RequestRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE r.organisation_id = $2 AND r.next_due_at IS NOT NULL AND r.next_due_at <= $3 AND ${visibility}
      ORDER BY r.next_due_at, r.id LIMIT 500`,
    [userId, organisationId, until],
  )).rows;
}

/** Requests whose warning time has come (the reminder job), any organisation. */
export async function requestsToRemind(q: Queryable, now: Date): Promise<RequestRow[]> {
  return (await q.query<RequestRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.next_warn_at IS NOT NULL AND r.next_warn_at <= $1 ORDER BY r.next_warn_at LIMIT 1000`,
    [now],
  )).rows;
}

export async function countForCase(q: Queryable, caseId: string): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM requests WHERE case_id = $1', [caseId])).rows[0]!.n;
}

// ------------------------------------------------------------------------------ documents and files

export interface DocumentRow {
  id: string;
  request_id: string;
  version: number;
  format: 'pdf' | 'docx';
  language: 'en' | 'fr';
  sha256: string;
  size: number;
  generated_by_label: string;
  generated_at: Date;
}

const DOCUMENT_COLUMNS = 'd.id, d.request_id, d.version, d.format, d.language, d.sha256, d.size, u.email AS generated_by_label, d.generated_at';

export async function listDocuments(q: Queryable, requestId: string): Promise<DocumentRow[]> {
  return (await q.query<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM request_documents d JOIN users u ON u.id = d.generated_by WHERE d.request_id = $1 ORDER BY d.version DESC, d.format, d.language`,
    [requestId],
  )).rows;
}

export async function findDocument(q: Queryable, requestId: string, id: string): Promise<DocumentRow | undefined> {
  return (await q.query<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM request_documents d JOIN users u ON u.id = d.generated_by WHERE d.request_id = $1 AND d.id = $2`,
    [requestId, id],
  )).rows[0];
}

export async function findDocumentVersion(q: Queryable, requestId: string, version: number, format: string, language: string): Promise<DocumentRow | undefined> {
  return (await q.query<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM request_documents d JOIN users u ON u.id = d.generated_by
      WHERE d.request_id = $1 AND d.version = $2 AND d.format = $3 AND d.language = $4`,
    [requestId, version, format, language],
  )).rows[0];
}

export async function insertDocument(
  q: Queryable,
  d: { requestId: string; version: number; format: string; language: string; sha256: string; size: number; generatedBy: string; at: Date },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO request_documents (request_id, version, format, language, sha256, size, generated_by, generated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [d.requestId, d.version, d.format, d.language, d.sha256, d.size, d.generatedBy, d.at],
  );
  return rows[0]!.id;
}

// ------------------------------------------------------------------------------ reminders and calendar feeds

export interface RecipientRow {
  user_id: string;
  email: string;
  display_name: string;
}

/** The enabled members of a case team: who a deadline reminder goes to. */
export async function reminderRecipients(q: Queryable, caseId: string): Promise<RecipientRow[]> {
  return (await q.query<RecipientRow>(
    `SELECT u.id AS user_id, u.email, u.display_name FROM case_members m JOIN users u ON u.id = m.user_id
      WHERE m.case_id = $1 AND u.disabled_at IS NULL ORDER BY u.email`,
    [caseId],
  )).rows;
}

/** Claims a reminder (request, deadline, state, recipient); false if it was already sent. */
export async function claimReminder(q: Queryable, requestId: string, kind: string, dueAt: Date, userId: string, at: Date): Promise<boolean> {
  const { rows } = await q.query(
    `INSERT INTO deadline_reminders (request_id, kind, due_at, user_id, sent_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING request_id`,
    [requestId, kind, dueAt, userId, at],
  );
  return rows.length === 1;
}

export async function releaseReminder(q: Queryable, requestId: string, kind: string, dueAt: Date, userId: string): Promise<void> {
  await q.query('DELETE FROM deadline_reminders WHERE request_id = $1 AND kind = $2 AND due_at = $3 AND user_id = $4', [requestId, kind, dueAt, userId]);
}

export async function setCalendarFeed(q: Queryable, userId: string, tokenHash: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`,
    [userId, tokenHash, at],
  );
}

export async function deleteCalendarFeed(q: Queryable, userId: string): Promise<boolean> {
  return ((await q.query('DELETE FROM calendar_feeds WHERE user_id = $1', [userId])).rowCount ?? 0) > 0;
}

export async function findCalendarFeed(q: Queryable, userId: string): Promise<{ created_at: Date } | undefined> {
  return (await q.query<{ created_at: Date }>('SELECT created_at FROM calendar_feeds WHERE user_id = $1', [userId])).rows[0];
}

/** The enabled user a feed token belongs to. */
export async function userOfFeed(q: Queryable, tokenHash: string): Promise<{ id: string; organisation_id: string; email: string; roles: string[] } | undefined> {
  return (await q.query<{ id: string; organisation_id: string; email: string; roles: string[] }>(
    `SELECT u.id, u.organisation_id, u.email, u.roles FROM calendar_feeds f JOIN users u ON u.id = f.user_id
      WHERE f.token_hash = $1 AND u.disabled_at IS NULL`,
    [tokenHash],
  )).rows[0];
}
