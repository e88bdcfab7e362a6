/**
 * SQL for the training catalogue: entries and their files (the bytes are in `files`, through
 * files.store.ts). Parameterised only; the one dynamic part of a search is which of a fixed set
 * of conditions and orders it uses, never text from the request.
 */
import type { Queryable } from '../../db/database.ts';
import type {
  TrainingAudience, TrainingFormat, TrainingKind, TrainingLevel, TrainingLink, TrainingSort, TrainingTopic, TrainingValues, TrainingWhen,
} from '../../../domain/training.ts';

export interface TrainingRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  kind: TrainingKind;
  title: string;
  summary: string;
  description: string;
  provider: string;
  audiences: TrainingAudience[];
  topics: TrainingTopic[];
  languages: string[];
  format: TrainingFormat;
  level: TrainingLevel;
  /** `YYYY-MM-DD` (read as text: a `date` would come back as a Date at local midnight). */
  starts_on: string | null;
  ends_on: string | null;
  location: string | null;
  links: TrainingLink[];
  public: boolean;
  version: number;
  created_by_label: string;
  created_at: Date;
  updated_at: Date;
  file_count: number;
}

export interface TrainingFileRow {
  id: string;
  item_id: string;
  sha256: string;
  filename: string;
  content_type: string;
  size: number;
  uploaded_at: Date;
}

const ITEM_COLUMNS = `t.id, t.organisation_id, o.name AS organisation_name, t.kind, t.title, t.summary, t.description, t.provider,
  t.audiences, t.topics, t.languages, t.format, t.level, t.starts_on::text AS starts_on, t.ends_on::text AS ends_on, t.location,
  t.links, t.public, t.version, u.email AS created_by_label, t.created_at, t.updated_at,
  (SELECT count(*)::int FROM training_files f WHERE f.item_id = t.id) AS file_count`;
const ITEM_FROM = 'training_items t JOIN organisations o ON o.id = t.organisation_id JOIN users u ON u.id = t.created_by';

/** The values of an entry in column order, for INSERT and UPDATE. */
function valuesOf(v: TrainingValues): unknown[] {
  return [v.kind, v.title, v.summary, v.description, v.provider, v.audiences, v.topics, v.languages, v.format, v.level,
    v.startsOn, v.endsOn, v.location, JSON.stringify(v.links), v.public];
}

export async function insertItem(q: Queryable, organisationId: string, v: TrainingValues, createdBy: string, at: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO training_items (kind, title, summary, description, provider, audiences, topics, languages, format, level,
                                 starts_on, ends_on, location, links, public, organisation_id, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id`,
    [...valuesOf(v), organisationId, createdBy, at],
  );
  return rows[0]!.id;
}

/** Replaces an entry's fields and bumps its version. */
export async function updateItem(q: Queryable, id: string, v: TrainingValues, at: Date): Promise<void> {
  await q.query(
    `UPDATE training_items SET kind = $1, title = $2, summary = $3, description = $4, provider = $5, audiences = $6, topics = $7,
            languages = $8, format = $9, level = $10, starts_on = $11, ends_on = $12, location = $13, links = $14, public = $15,
            version = version + 1, updated_at = $17
      WHERE id = $16`,
    [...valuesOf(v), id, at],
  );
}

/** Marks a change to the entry's files (version and time), so editors and lists see it. */
export async function touchItem(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('UPDATE training_items SET version = version + 1, updated_at = $2 WHERE id = $1', [id, at]);
}

export async function deleteItem(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM training_items WHERE id = $1', [id]);
}

/** One entry; `publicOnly` for the page without sign-in; `lock` to change it in a transaction. */
export async function findItem(q: Queryable, id: string, options: { publicOnly?: boolean; lock?: boolean } = {}): Promise<TrainingRow | undefined> {
  const { rows } = await q.query<TrainingRow>(
    `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM}
      WHERE t.id = $1${options.publicOnly ? ' AND t.public' : ''}${options.lock ? ' FOR UPDATE OF t' : ''}`,
    [id],
  );
  return rows[0];
}

export interface TrainingSearch {
  /** A prefixQuery() result. */
  text: string | null;
  kind?: TrainingKind | undefined;
  audiences?: TrainingAudience[] | undefined;
  topics?: TrainingTopic[] | undefined;
  languages?: string[] | undefined;
  formats?: TrainingFormat[] | undefined;
  levels?: TrainingLevel[] | undefined;
  when?: TrainingWhen | undefined;
  /** `YYYY-MM-DD`: what "upcoming" and "past" are measured against. */
  today: string;
  publicOnly: boolean;
  sort?: TrainingSort | undefined;
  limit: number;
  offset: number;
}

/** The last day of an entry: its end, or its start for a one-day course. */
const LAST_DAY = 'coalesce(t.ends_on, t.starts_on)';

/**
 * Entries matching every given filter (within one filter, any of its values). Without an
 * explicit order: best match with a search, nearest date with a date filter, else newest change.
 */
export async function searchItems(q: Queryable, s: TrainingSearch): Promise<{ rows: TrainingRow[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  let textParam: string | null = null;
  if (s.text) {
    textParam = param(s.text);
    where.push(`t.search @@ to_tsquery('simple', ${textParam})`);
  }
  if (s.publicOnly) where.push('t.public');
  if (s.kind) where.push(`t.kind = ${param(s.kind)}`);
  if (s.audiences?.length) where.push(`t.audiences && ${param(s.audiences)}::text[]`);
  if (s.topics?.length) where.push(`t.topics && ${param(s.topics)}::text[]`);
  if (s.languages?.length) where.push(`t.languages && ${param(s.languages)}::text[]`);
  if (s.formats?.length) where.push(`t.format = ANY(${param(s.formats)}::text[])`);
  if (s.levels?.length) where.push(`t.level = ANY(${param(s.levels)}::text[])`);
  if (s.when === 'upcoming') where.push(`${LAST_DAY} >= ${param(s.today)}::date`);
  if (s.when === 'past') where.push(`${LAST_DAY} < ${param(s.today)}::date`);
  const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';

  const sort = s.sort === 'relevance' && !textParam ? undefined : s.sort;
  const chosen = sort ?? (textParam ? 'relevance' : s.when ? 'start' : 'updated');
  let order: string;
  switch (chosen) {
    case 'relevance':
      order = `ts_rank(t.search, to_tsquery('simple', ${textParam})) DESC, t.updated_at DESC, t.id`;
      break;
    case 'start':
      // Past entries: the most recent first; otherwise the soonest first. Undated ones last.
      order = s.when === 'past' ? `${LAST_DAY} DESC NULLS LAST, lower(t.title), t.id` : `t.starts_on ASC NULLS LAST, lower(t.title), t.id`;
      break;
    case 'title':
      order = 'lower(t.title), t.id';
      break;
    case 'updated':
      order = 't.updated_at DESC, t.id';
      break;
  }

  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM training_items t ${condition}`, params)).rows[0]!.n;
  const page = [...params, s.limit, s.offset];
  const { rows } = await q.query<TrainingRow>(
    `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} ${condition} ORDER BY ${order} LIMIT $${page.length - 1} OFFSET $${page.length}`,
    page,
  );
  return { rows, total };
}

// ------------------------------------------------------------------------------ files

const FILE_COLUMNS = 'id, item_id, sha256, filename, content_type, size, uploaded_at';

export async function listFiles(q: Queryable, itemId: string): Promise<TrainingFileRow[]> {
  return (await q.query<TrainingFileRow>(`SELECT ${FILE_COLUMNS} FROM training_files WHERE item_id = $1 ORDER BY uploaded_at, filename, id`, [itemId])).rows;
}

export async function findFile(q: Queryable, itemId: string, fileId: string): Promise<TrainingFileRow | undefined> {
  return (await q.query<TrainingFileRow>(`SELECT ${FILE_COLUMNS} FROM training_files WHERE item_id = $1 AND id = $2`, [itemId, fileId])).rows[0];
}

export async function countFiles(q: Queryable, itemId: string): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM training_files WHERE item_id = $1', [itemId])).rows[0]!.n;
}

/**
 * Attaches stored bytes to an entry. The same bytes attached again answer the attachment that
 * exists (`duplicate`), whatever name they came with.
 */
export async function attachFile(
  q: Queryable,
  f: { itemId: string; sha256: string; filename: string; contentType: string; size: number; uploadedBy: string; at: Date },
): Promise<{ row: TrainingFileRow; duplicate: boolean }> {
  const inserted = await q.query<TrainingFileRow>(
    `INSERT INTO training_files (item_id, sha256, filename, content_type, size, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (item_id, sha256) DO NOTHING RETURNING ${FILE_COLUMNS}`,
    [f.itemId, f.sha256, f.filename, f.contentType, f.size, f.uploadedBy, f.at],
  );
  if (inserted.rows[0]) return { row: inserted.rows[0], duplicate: false };
  const existing = await q.query<TrainingFileRow>(`SELECT ${FILE_COLUMNS} FROM training_files WHERE item_id = $1 AND sha256 = $2`, [f.itemId, f.sha256]);
  return { row: existing.rows[0]!, duplicate: true };
}

export async function detachFile(q: Queryable, itemId: string, fileId: string): Promise<TrainingFileRow | undefined> {
  return (await q.query<TrainingFileRow>(`DELETE FROM training_files WHERE item_id = $1 AND id = $2 RETURNING ${FILE_COLUMNS}`, [itemId, fileId])).rows[0];
}

/**
 * Deletes stored bytes no training entry uses any more. Bytes another record still refers to
 * (a request document with the same content, say) are kept: the foreign key refuses the delete,
 * and the savepoint keeps that refusal from aborting the caller's transaction.
 */
export async function purgeUnusedFiles(q: Queryable, sha256s: string[]): Promise<number> {
  let purged = 0;
  for (const sha256 of new Set(sha256s)) {
    await q.query('SAVEPOINT training_purge');
    try {
      const result = await q.query(
        'DELETE FROM files WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM training_files WHERE sha256 = $1)',
        [sha256],
      );
      await q.query('RELEASE SAVEPOINT training_purge');
      purged += result.rowCount;
    } catch (error) {
      await q.query('ROLLBACK TO SAVEPOINT training_purge');
      // 23503: still referenced (foreign key). Anything else is a real failure.
      if ((error as { code?: string }).code !== '23503') throw error;
    }
  }
  return purged;
}
