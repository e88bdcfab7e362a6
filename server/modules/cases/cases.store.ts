/**
 * SQL for cases, their team, notes and identifiers. Need-to-know lives in one SQL fragment
 * (`VISIBLE`): a case is visible to its members and to the supervisors of its members, within the
 * case's organisation. Every query that returns case data for a user goes through it.
 */
import type { Queryable } from '../../db/database.ts';
import type { CaseStatus, HandlingCode, OffenceCategory, TeamRole } from '../../../domain/cases.ts';

export interface CaseRow {
  id: string;
  organisation_id: string;
  reference: string;
  title: string;
  summary: string;
  offence_categories: OffenceCategory[];
  status: CaseStatus;
  handling_code: HandlingCode;
  created_by: string;
  created_by_label: string;
  created_at: Date;
  updated_at: Date;
}

/** The actor's relation to a case: member (with team role), supervisor of a member, or none. */
export interface CaseAccess {
  teamRole: TeamRole | null;
  supervises: boolean;
}

/**
 * The need-to-know rule, in one place: the case `caseId` (an SQL expression) is visible to user
 * `me` when `me` is on its team or supervises someone who is. The requests store uses it too.
 */
export const teamCanSee = (me: string, caseId: string) => `EXISTS (
  SELECT 1 FROM case_members m JOIN users u ON u.id = m.user_id
   WHERE m.case_id = ${caseId} AND (m.user_id = ${me} OR u.supervisor_id = ${me}))`;

/**
 * The same rule as the set of case ids user `me` may see, as two index lookups (case_members by
 * user, users by supervisor): no index serves the OR of teamCanSee, so a query that starts from
 * the user's cases (the request list) uses this form.
 */
export const casesVisibleTo = (me: string) => `SELECT m.case_id FROM case_members m WHERE m.user_id = ${me}
  UNION
  SELECT m.case_id FROM users u JOIN case_members m ON m.user_id = u.id WHERE u.supervisor_id = ${me}`;

/** `c` is visible to $me, and pinned to organisation $org (a foreign case is never visible). */
const VISIBLE = (me: string, org: string) => `c.organisation_id = ${org} AND ${teamCanSee(me, 'c.id')}`;

const CASE_COLUMNS = `c.id, c.organisation_id, c.reference, c.title, c.summary, c.offence_categories, c.status,
  c.handling_code, c.created_by, cu.email AS created_by_label, c.created_at, c.updated_at`;

/** The next reference of the organisation for the year: 2026/00001, … (row-locked counter). */
export async function nextReference(q: Queryable, organisationId: string, year: number): Promise<string> {
  const { rows } = await q.query<{ last: number }>(
    `INSERT INTO case_counters (organisation_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (organisation_id, year) DO UPDATE SET last = case_counters.last + 1
     RETURNING last`,
    [organisationId, year],
  );
  return `${year}/${String(rows[0]!.last).padStart(5, '0')}`;
}

export async function insertCase(
  q: Queryable,
  c: { organisationId: string; reference: string; title: string; summary: string; offenceCategories: OffenceCategory[]; handlingCode: HandlingCode; createdBy: string; at: Date },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO cases (organisation_id, reference, title, summary, offence_categories, status, handling_code, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $8) RETURNING id`,
    [c.organisationId, c.reference, c.title, c.summary, c.offenceCategories, c.handlingCode, c.createdBy, c.at],
  );
  return rows[0]!.id;
}

/** The case if it exists in the organisation, whoever may see it (the service checks access). */
export async function findCase(q: Queryable, id: string, organisationId: string, lock = false): Promise<CaseRow | undefined> {
  const { rows } = await q.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c JOIN users cu ON cu.id = c.created_by
      WHERE c.id = $1 AND c.organisation_id = $2${lock ? ' FOR UPDATE OF c' : ''}`,
    [id, organisationId],
  );
  return rows[0];
}

export async function accessOf(q: Queryable, caseId: string, userId: string): Promise<CaseAccess> {
  const { rows } = await q.query<{ team_role: TeamRole | null; supervises: boolean }>(
    `SELECT (SELECT team_role FROM case_members WHERE case_id = $1 AND user_id = $2) AS team_role,
            EXISTS (SELECT 1 FROM case_members m JOIN users u ON u.id = m.user_id
                     WHERE m.case_id = $1 AND u.supervisor_id = $2) AS supervises`,
    [caseId, userId],
  );
  return { teamRole: rows[0]?.team_role ?? null, supervises: rows[0]?.supervises ?? false };
}

export type CaseUpdate = Partial<{ title: string; summary: string; offence_categories: OffenceCategory[]; handling_code: HandlingCode; status: CaseStatus }>;

export async function updateCase(q: Queryable, id: string, changes: CaseUpdate, at: Date): Promise<void> {
  const keys = Object.keys(changes) as (keyof CaseUpdate)[];
  const sets = keys.map((k, i) => `${k} = $${i + 3}`);
  await q.query(`UPDATE cases SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, [id, at, ...keys.map((k) => changes[k])]);
}

export async function touchCase(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('UPDATE cases SET updated_at = $2 WHERE id = $1', [id, at]);
}

export interface CaseSearch {
  userId: string;
  organisationId: string;
  /** A prefixQuery() result. */
  text: string | null;
  status?: CaseStatus;
  limit: number;
  offset: number;
}

/** The cases the user may see, best match first when searching, else most recently changed. */
export async function searchCases(q: Queryable, s: CaseSearch): Promise<{ rows: CaseRow[]; total: number }> {
  const params: unknown[] = [s.userId, s.organisationId];
  const where = [VISIBLE('$1', '$2')];
  let rank = '';
  if (s.text) {
    params.push(s.text);
    where.push(`c.search @@ to_tsquery('simple', $${params.length})`);
    rank = `ts_rank(c.search, to_tsquery('simple', $${params.length})) DESC, `;
  }
  if (s.status) {
    params.push(s.status);
    where.push(`c.status = $${params.length}`);
  }
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${where.join(' AND ')}`, params)).rows[0]!.n;
  params.push(s.limit, s.offset);
  const { rows } = await q.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c JOIN users cu ON cu.id = c.created_by
      WHERE ${where.join(' AND ')}
      ORDER BY ${rank}c.updated_at DESC, c.id
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total };
}

// ------------------------------------------------------------------------------ team

export interface MemberRow {
  user_id: string;
  display_name: string;
  email: string;
  roles: string[];
  team_role: TeamRole;
  added_at: Date;
}

export async function listMembers(q: Queryable, caseId: string): Promise<MemberRow[]> {
  return (
    await q.query<MemberRow>(
      `SELECT m.user_id, u.display_name, u.email, u.roles, m.team_role, m.added_at
         FROM case_members m JOIN users u ON u.id = m.user_id
        WHERE m.case_id = $1 ORDER BY m.team_role, u.display_name`,
      [caseId],
    )
  ).rows;
}

export async function upsertMember(q: Queryable, caseId: string, userId: string, teamRole: TeamRole, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO case_members (case_id, user_id, team_role, added_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id, user_id) DO UPDATE SET team_role = EXCLUDED.team_role`,
    [caseId, userId, teamRole, at],
  );
}

export async function deleteMember(q: Queryable, caseId: string, userId: string): Promise<boolean> {
  return ((await q.query('DELETE FROM case_members WHERE case_id = $1 AND user_id = $2', [caseId, userId])).rowCount ?? 0) > 0;
}

export async function countLeads(q: Queryable, caseId: string): Promise<number> {
  return (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_members WHERE case_id = $1 AND team_role = 'lead'`, [caseId])).rows[0]!.n;
}

// ------------------------------------------------------------------------------ notes

export interface NoteRow {
  id: string;
  body: string;
  author: string;
  created_at: Date;
}

export async function insertNote(q: Queryable, caseId: string, authorId: string, body: string, at: Date): Promise<NoteRow> {
  const { rows } = await q.query<NoteRow>(
    `WITH n AS (INSERT INTO case_notes (case_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING *)
     SELECT n.id, n.body, u.email AS author, n.created_at FROM n JOIN users u ON u.id = n.author_id`,
    [caseId, authorId, body, at],
  );
  return rows[0]!;
}

export async function listNotes(q: Queryable, caseId: string): Promise<NoteRow[]> {
  return (
    await q.query<NoteRow>(
      `SELECT n.id, n.body, u.email AS author, n.created_at FROM case_notes n JOIN users u ON u.id = n.author_id
        WHERE n.case_id = $1 ORDER BY n.created_at DESC, n.id`,
      [caseId],
    )
  ).rows;
}

export async function countsOf(q: Queryable, caseId: string): Promise<{ identifiers: number; requests: number; notes: number }> {
  const { rows } = await q.query<{ identifiers: number; requests: number; notes: number }>(
    `SELECT (SELECT count(*)::int FROM case_identifiers WHERE case_id = $1) AS identifiers,
            (SELECT count(*)::int FROM case_notes WHERE case_id = $1) AS notes,
            (SELECT count(*)::int FROM requests WHERE case_id = $1) AS requests`,
    [caseId],
  );
  return rows[0]!;
}

// ------------------------------------------------------------------------------ identifiers

export interface IdentifierRow {
  id: string;
  case_id: string;
  kind: string;
  value: string;
  display: string;
  dedupe_key: string;
  link_key: string;
  observed_at: Date | null;
  time_zone: string | null;
  local_time: string | null;
  port: number | null;
  platform: string | null;
  network: string | null;
  details: Record<string, string>;
  note: string | null;
  occurrences: number;
  created_by_label: string;
  created_at: Date;
}

export type IdentifierValues = Omit<IdentifierRow, 'id' | 'case_id' | 'occurrences' | 'created_by_label' | 'created_at'>;

const IDENTIFIER_COLUMNS = `i.id, i.case_id, i.kind, i.value, i.display, i.dedupe_key, i.link_key, i.observed_at, i.time_zone,
  i.local_time, i.port, i.platform, i.network, i.details, i.note, i.occurrences, u.email AS created_by_label, i.created_at`;

/**
 * Adds an identifier, or merges it into the same one already in the case (same dedupe key):
 * the occurrence count goes up and a new note is appended. Returns the row and whether it merged.
 */
export async function addIdentifier(
  q: Queryable,
  caseId: string,
  v: IdentifierValues,
  createdBy: string,
  at: Date,
): Promise<{ row: IdentifierRow; merged: boolean }> {
  const { rows } = await q.query<{ id: string; merged: boolean }>(
    `INSERT INTO case_identifiers (case_id, kind, value, display, dedupe_key, link_key, observed_at, time_zone, local_time,
                                   port, platform, network, details, note, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (case_id, dedupe_key) DO UPDATE SET
       occurrences = case_identifiers.occurrences + 1,
       note = CASE WHEN EXCLUDED.note IS NULL OR EXCLUDED.note = case_identifiers.note THEN case_identifiers.note
                   WHEN case_identifiers.note IS NULL THEN EXCLUDED.note
                   ELSE case_identifiers.note || E'\\n' || EXCLUDED.note END
     RETURNING id, (xmax <> 0) AS merged`,
    [caseId, v.kind, v.value, v.display, v.dedupe_key, v.link_key, v.observed_at, v.time_zone, v.local_time,
      v.port, v.platform, v.network, JSON.stringify(v.details), v.note, createdBy, at],
  );
  const row = (await listIdentifiers(q, caseId, rows[0]!.id))[0]!;
  return { row, merged: rows[0]!.merged };
}

/** The identifiers of a case (or one of them), newest first. */
export async function listIdentifiers(q: Queryable, caseId: string, id?: string): Promise<IdentifierRow[]> {
  return (
    await q.query<IdentifierRow>(
      `SELECT ${IDENTIFIER_COLUMNS} FROM case_identifiers i JOIN users u ON u.id = i.created_by
        WHERE i.case_id = $1${id ? ' AND i.id = $2' : ''} ORDER BY i.created_at DESC, i.id`,
      id ? [caseId, id] : [caseId],
    )
  ).rows;
}

export async function deleteIdentifier(q: Queryable, caseId: string, id: string): Promise<IdentifierRow | undefined> {
  const [row] = await listIdentifiers(q, caseId, id);
  if (row) await q.query('DELETE FROM case_identifiers WHERE id = $1', [id]);
  return row;
}

export interface LinkRow {
  link_key: string;
  case_id: string;
  reference: string;
  title: string;
  identifier_id: string;
}

/** The same identifiers (by link key) in other cases the user may see. */
export async function findLinks(q: Queryable, caseId: string, linkKeys: string[], userId: string, organisationId: string): Promise<LinkRow[]> {
  if (linkKeys.length === 0) return [];
  return (
    await q.query<LinkRow>(
      `SELECT i.link_key, c.id AS case_id, c.reference, c.title, i.id AS identifier_id
         FROM case_identifiers i JOIN cases c ON c.id = i.case_id
        WHERE i.link_key = ANY($1::text[]) AND i.case_id <> $2 AND ${VISIBLE('$3', '$4')}
        ORDER BY c.reference`,
      [linkKeys, caseId, userId, organisationId],
    )
  ).rows;
}

// ------------------------------------------------------------------------------ timeline

export interface TimelineRow {
  seq: string;
  occurred_at: Date;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
}

/** The audit events that name the case, newest first; reads and denied attempts are left out. */
export async function timeline(q: Queryable, caseId: string, before: number | undefined, limit: number): Promise<TimelineRow[]> {
  return (
    await q.query<TimelineRow>(
      `SELECT seq, occurred_at, actor_label, action, target_type, target_id, details FROM audit_events
        WHERE details ? 'caseId' AND details->>'caseId' = $1 AND outcome = 'success' AND action NOT LIKE '%.read'
          ${before ? 'AND seq < $3' : ''}
        ORDER BY seq DESC LIMIT $2`,
      before ? [caseId, limit, before] : [caseId, limit],
    )
  ).rows;
}
