/**
 * SQL for the directory tables (authorities, providers). Writes go through jsonb_to_recordset, so
 * one statement inserts or updates one row or ten thousand (an import) with the same SQL; column
 * names come from the typed lists below only, values always travel as parameters.
 */
import type { Queryable } from '../../db/database.ts';
export { prefixQuery } from '../../db/search.ts';
import type { AuthorityKind, Channel } from '../../../domain/directory.ts';
import type { DataCategory } from '../../../domain/routes/types.ts';

export type DirectoryTable = 'authorities' | 'providers';

interface RowMeta {
  id: string;
  updated_at: Date;
  updated_by: string;
}

export interface AuthorityRow extends RowMeta {
  country: string;
  kind: AuthorityKind;
  name: string;
  unit: string | null;
  availability: '24/7' | 'office_hours';
  office_hours: string | null;
  time_zone: string;
  channels: Channel[];
  languages: string[];
  encryption_required: boolean;
  e_signature_required: boolean;
  requirements: string | null;
  notes: string | null;
  fictitious: boolean;
  source: string | null;
}

export interface ProviderRow extends RowMeta {
  name: string;
  aliases: string[];
  legal_entity: string;
  country: string;
  law_enforcement_portal: string | null;
  address: string | null;
  emergency_procedure: string | null;
  emergency_contact: string | null;
  data_held: { category: DataCategory; retention: string }[];
  preservation_days: number | null;
  accepts_direct_preservation: boolean;
  discloses_non_content_voluntarily: boolean;
  direct_requests_from: string | null;
  user_notification_policy: string | null;
  eu_establishment_country: string | null;
  eu_establishment_name: string | null;
  fictitious: boolean;
  source: string | null;
}

/** A row's values without the server-set columns: what a create or an update writes. */
export type AuthorityValues = Omit<AuthorityRow, keyof RowMeta>;
export type ProviderValues = Omit<ProviderRow, keyof RowMeta>;

type SqlType = 'text' | 'text[]' | 'jsonb' | 'boolean' | 'integer';

/** The writable columns of each table and their SQL types (the record definition of the writes). */
const AUTHORITY_COLUMNS: Record<keyof AuthorityValues, SqlType> = {
  country: 'text', kind: 'text', name: 'text', unit: 'text', availability: 'text', office_hours: 'text',
  time_zone: 'text', channels: 'jsonb', languages: 'text[]', encryption_required: 'boolean',
  e_signature_required: 'boolean', requirements: 'text', notes: 'text', fictitious: 'boolean', source: 'text',
};
const PROVIDER_COLUMNS: Record<keyof ProviderValues, SqlType> = {
  name: 'text', aliases: 'text[]', legal_entity: 'text', country: 'text', law_enforcement_portal: 'text',
  address: 'text', emergency_procedure: 'text', emergency_contact: 'text', data_held: 'jsonb',
  preservation_days: 'integer', accepts_direct_preservation: 'boolean', discloses_non_content_voluntarily: 'boolean',
  direct_requests_from: 'text', user_notification_policy: 'text', eu_establishment_country: 'text',
  eu_establishment_name: 'text', fictitious: 'boolean', source: 'text',
};
const COLUMNS: Record<DirectoryTable, Record<string, SqlType>> = { authorities: AUTHORITY_COLUMNS, providers: PROVIDER_COLUMNS };

/** Every column but the search vector (never sent to the application). */
const selectList = (table: DirectoryTable, alias = '') =>
  ['id', ...Object.keys(COLUMNS[table]), 'updated_at', 'updated_by'].map((c) => `${alias}${c}`).join(', ');
const recordType = (table: DirectoryTable) =>
  ['id uuid', ...Object.entries(COLUMNS[table]).map(([c, t]) => `${c} ${t}`)].join(', ');

interface RowOf {
  authorities: AuthorityRow;
  providers: ProviderRow;
}
interface ValuesOf {
  authorities: AuthorityValues;
  providers: ProviderValues;
}

export async function findEntry<T extends DirectoryTable>(q: Queryable, table: T, id: string): Promise<RowOf[T] | undefined> {
  return (await q.query<RowOf[T]>(`SELECT ${selectList(table)} FROM ${table} WHERE id = $1`, [id])).rows[0];
}

/** The rows among `ids` that exist, locked for the rest of the transaction (import, update). */
export async function lockEntries<T extends DirectoryTable>(q: Queryable, table: T, ids: string[]): Promise<RowOf[T][]> {
  if (ids.length === 0) return [];
  return (await q.query<RowOf[T]>(`SELECT ${selectList(table)} FROM ${table} WHERE id = ANY($1::uuid[]) FOR UPDATE`, [ids])).rows;
}

/** Inserts rows (an `id` of null gets a fresh one) with one statement for any number of rows. */
export async function insertEntries<T extends DirectoryTable>(
  q: Queryable,
  table: T,
  rows: (ValuesOf[T] & { id: string | null })[],
  meta: { at: Date; by: string },
): Promise<RowOf[T][]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(COLUMNS[table]).join(', ');
  const { rows: inserted } = await q.query<RowOf[T]>(
    `INSERT INTO ${table} (id, ${columns}, updated_at, updated_by)
     SELECT coalesce(r.id, gen_random_uuid()), ${columns}, $2, $3
     FROM jsonb_to_recordset($1::jsonb) AS r(${recordType(table)})
     RETURNING ${selectList(table)}`,
    [JSON.stringify(rows), meta.at, meta.by],
  );
  return inserted;
}

/** Replaces the values of existing rows, by id; one statement for any number of rows. */
export async function updateEntries<T extends DirectoryTable>(
  q: Queryable,
  table: T,
  rows: (ValuesOf[T] & { id: string })[],
  meta: { at: Date; by: string },
): Promise<RowOf[T][]> {
  if (rows.length === 0) return [];
  const sets = Object.keys(COLUMNS[table]).map((c) => `${c} = r.${c}`);
  const { rows: updated } = await q.query<RowOf[T]>(
    `UPDATE ${table} t SET ${sets.join(', ')}, updated_at = $2, updated_by = $3
     FROM jsonb_to_recordset($1::jsonb) AS r(${recordType(table)})
     WHERE t.id = r.id
     RETURNING ${selectList(table, 't.')}`,
    [JSON.stringify(rows), meta.at, meta.by],
  );
  return updated;
}

export async function deleteEntry<T extends DirectoryTable>(q: Queryable, table: T, id: string): Promise<RowOf[T] | undefined> {
  return (await q.query<RowOf[T]>(`DELETE FROM ${table} WHERE id = $1 RETURNING ${selectList(table)}`, [id])).rows[0];
}

/**
 * Refreshes the planner's statistics after a bulk change. PGlite runs no autovacuum, so without
 * this a table imported in one go keeps the statistics of an empty one (and poor plans).
 */
export async function analyzeTable(q: Queryable, table: DirectoryTable): Promise<void> {
  await q.query(`ANALYZE ${table}`);
}

/** Every row, in the export order (stable, so that export → import → export is byte-identical). */
export async function allEntries<T extends DirectoryTable>(q: Queryable, table: T): Promise<RowOf[T][]> {
  const order = table === 'authorities' ? 'country, kind, name, id' : 'name, country, id';
  return (await q.query<RowOf[T]>(`SELECT ${selectList(table)} FROM ${table} ORDER BY ${order}`)).rows;
}

export interface AuthorityFilter {
  /** A prefixQuery() result. */
  text?: string | null;
  country?: string;
  kind?: AuthorityKind;
  /** Only these countries (the States bound by a treaty). */
  countries?: string[];
  available247?: boolean;
  limit: number;
  offset: number;
}

/** Builds the WHERE clause and its parameters from fixed fragments; values are parameters only. */
class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];
  add(sql: (p: string) => string, value: unknown): void {
    this.params.push(value);
    this.clauses.push(sql(`$${this.params.length}`));
  }
  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

async function page<Row>(q: Queryable, table: DirectoryTable, where: Where, text: string | null | undefined, order: string, limit: number, offset: number) {
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} ${where.sql}`, where.params)).rows[0]!.n;
  const params = [...where.params];
  let orderBy = order;
  if (text) {
    params.push(text);
    orderBy = `ts_rank(search, to_tsquery('simple', $${params.length})) DESC, ${order}`;
  }
  params.push(limit, offset);
  const n = params.length;
  const rows = (await q.query<Row>(`SELECT ${selectList(table)} FROM ${table} ${where.sql} ORDER BY ${orderBy} LIMIT $${n - 1} OFFSET $${n}`, params)).rows;
  return { rows, total };
}

/** One page of authorities matching every filter given, and how many match in all. */
export async function searchAuthorities(q: Queryable, f: AuthorityFilter): Promise<{ rows: AuthorityRow[]; total: number }> {
  const where = new Where();
  if (f.text) where.add((p) => `search @@ to_tsquery('simple', ${p})`, f.text);
  if (f.country) where.add((p) => `country = ${p}`, f.country);
  if (f.kind) where.add((p) => `kind = ${p}`, f.kind);
  if (f.countries) where.add((p) => `country = ANY(${p}::text[])`, f.countries);
  if (f.available247 !== undefined) where.add((p) => `(availability = '24/7') = ${p}`, f.available247);
  return page<AuthorityRow>(q, 'authorities', where, f.text, 'country, name, id', f.limit, f.offset);
}

export interface ProviderFilter {
  text?: string | null;
  country?: string;
  limit: number;
  offset: number;
}

/** One page of providers matching every filter given, and how many match in all. */
export async function searchProviders(q: Queryable, f: ProviderFilter): Promise<{ rows: ProviderRow[]; total: number }> {
  const where = new Where();
  if (f.text) where.add((p) => `search @@ to_tsquery('simple', ${p})`, f.text);
  if (f.country) where.add((p) => `country = ${p}`, f.country);
  return page<ProviderRow>(q, 'providers', where, f.text, 'name, id', f.limit, f.offset);
}

/** Authorities of the given countries and kinds (the addressees of advised routes). */
export async function authoritiesOf(q: Queryable, countries: string[], kinds: AuthorityKind[]): Promise<AuthorityRow[]> {
  if (countries.length === 0 || kinds.length === 0) return [];
  return (
    await q.query<AuthorityRow>(
      `SELECT ${selectList('authorities')} FROM authorities WHERE country = ANY($1::text[]) AND kind = ANY($2::text[]) ORDER BY country, kind, name, id`,
      [countries, kinds],
    )
  ).rows;
}

/** Everything the directory holds for one country (its profile page). */
export async function entriesOfCountry(q: Queryable, country: string): Promise<{ authorities: AuthorityRow[]; providers: ProviderRow[] }> {
  const authorities = (await q.query<AuthorityRow>(`SELECT ${selectList('authorities')} FROM authorities WHERE country = $1 ORDER BY kind, name, id`, [country])).rows;
  const providers = (await q.query<ProviderRow>(`SELECT ${selectList('providers')} FROM providers WHERE country = $1 ORDER BY name, id`, [country])).rows;
  return { authorities, providers };
}
