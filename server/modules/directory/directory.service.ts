/**
 * The directory: authorities and contact points, and service providers. Instance-wide reference
 * data: every role reads it, coordinators edit it (domain/roles.ts). Every change is audited in
 * the transaction that makes it; an import is all or nothing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  authorityInputSchema, providerInputSchema,
  type Authority, type authorityQuerySchema, type Provider, type providerQuerySchema,
} from '../../../domain/directory.ts';
import { INSTRUMENTS, instrumentIdSchema } from '../../../domain/countries/treaties.ts';
import type { Queryable } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../auth/actor.ts';
import { authorise } from '../auth/policy.ts';
import type { CountryData } from '../countries/country-data.ts';
import { readDirectoryFile, writeDirectoryCsv, writeDirectoryJson, type DirectoryFormat, type DirectoryKind } from './directory-format.ts';
import {
  authorityValues, presentAuthority, presentProvider, providerValues,
  type AuthorityFields, type ProviderFields,
} from './directory.presenter.ts';
import * as store from './directory.store.ts';

export type AuthorityQuery = z.output<typeof authorityQuerySchema>;
export type ProviderQuery = z.output<typeof providerQuerySchema>;

/** Today's date (UTC) by the injected clock: the date treaty facts are read for. */
export const todayOf = (deps: Pick<Deps, 'clock'>): string => deps.clock.now().toISOString().slice(0, 10);

const metaOf = (deps: Deps, actor: Actor) => ({ at: deps.clock.now(), by: auditActor(actor).actorLabel });

// ------------------------------------------------------------------------------ one kind, one description

/**
 * What differs between authorities and providers, so that CRUD, import and export are written once.
 * `Fields` is the validated input, `Record` what the API shows.
 */
interface KindSpec<Fields, Rec extends Authority | Provider> {
  kind: DirectoryKind;
  table: store.DirectoryTable;
  targetType: 'authority' | 'provider';
  noun: string;
  /** One row of an import file: the input schema and, to update an entry, its id. */
  rowSchema: z.ZodType<Fields & { id?: string | null }>;
  values(f: Fields): store.AuthorityValues | store.ProviderValues;
  present(row: store.AuthorityRow | store.ProviderRow): Rec;
  /** What the audit log says about an entry besides its id. */
  summary(r: Rec): Record<string, unknown>;
}

const idSchema = z.uuid({ error: 'must be a UUID (or empty for a new entry)' }).nullish();

const AUTHORITIES: KindSpec<AuthorityFields, Authority> = {
  kind: 'authorities',
  table: 'authorities',
  targetType: 'authority',
  noun: 'Authority',
  rowSchema: authorityInputSchema.extend({ id: idSchema }),
  values: (f) => authorityValues(f),
  present: (row) => presentAuthority(row as store.AuthorityRow),
  summary: (r) => ({ name: r.name, country: r.country, kind: r.kind }),
};

const PROVIDERS: KindSpec<ProviderFields, Provider> = {
  kind: 'providers',
  table: 'providers',
  targetType: 'provider',
  noun: 'Provider',
  rowSchema: providerInputSchema.extend({ id: idSchema }),
  values: (f) => providerValues(f),
  present: (row) => presentProvider(row as store.ProviderRow),
  summary: (r) => ({ name: r.name, country: r.country }),
};

const SPECS = { authorities: AUTHORITIES, providers: PROVIDERS } as const;

/** The fields whose values differ, with both values (the audit record of an update). */
function changesBetween(before: Authority | Provider, after: Authority | Provider): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'id' || key === 'updatedAt') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changes[key] = { from: a[key] ?? null, to: b[key] ?? null };
  }
  return changes;
}

async function getEntry<F, R extends Authority | Provider>(deps: Deps, actor: Actor, spec: KindSpec<F, R>, id: string): Promise<R> {
  authorise(actor, 'directory.read');
  const row = await store.findEntry(deps.db, spec.table, id);
  if (!row) throw notFound(spec.noun);
  return spec.present(row);
}

async function createEntry<F, R extends Authority | Provider>(deps: Deps, actor: Actor, spec: KindSpec<F, R>, input: F): Promise<R> {
  authorise(actor, 'directory.manage');
  return deps.db.transaction(async (tx) => {
    const [row] = await store.insertEntries(tx, spec.table, [{ id: null, ...spec.values(input) }] as never, metaOf(deps, actor));
    const created = spec.present(row!);
    await appendAudit(deps, tx, actor, { action: `directory.${spec.targetType}.create`, targetType: spec.targetType, targetId: created.id, details: spec.summary(created) });
    return created;
  });
}

/** Replaces an entry's values. An update that changes nothing writes nothing (and is not audited). */
async function updateEntry<F, R extends Authority | Provider>(deps: Deps, actor: Actor, spec: KindSpec<F, R>, id: string, input: F): Promise<R> {
  authorise(actor, 'directory.manage');
  return deps.db.transaction(async (tx) => {
    const [existing] = await store.lockEntries(tx, spec.table, [id]);
    if (!existing) throw notFound(spec.noun);
    const before = spec.present(existing);
    const values = spec.values(input);
    const proposed = spec.present({ ...existing, ...values } as never);
    const changes = changesBetween(before, proposed);
    if (Object.keys(changes).length === 0) return before;
    const [row] = await store.updateEntries(tx, spec.table, [{ id, ...values }] as never, metaOf(deps, actor));
    const updated = spec.present(row!);
    await appendAudit(deps, tx, actor, { action: `directory.${spec.targetType}.update`, targetType: spec.targetType, targetId: id, details: { ...spec.summary(updated), changes } });
    return updated;
  });
}

async function deleteEntry<F, R extends Authority | Provider>(deps: Deps, actor: Actor, spec: KindSpec<F, R>, id: string): Promise<void> {
  authorise(actor, 'directory.manage');
  await deps.db.transaction(async (tx) => {
    const row = await store.deleteEntry(tx, spec.table, id);
    if (!row) throw notFound(spec.noun);
    await appendAudit(deps, tx, actor, { action: `directory.${spec.targetType}.delete`, targetType: spec.targetType, targetId: id, details: spec.summary(spec.present(row)) });
  });
}

// ------------------------------------------------------------------------------ authorities

/** The States bound today by `treaty`, or a validation error naming the query parameter. */
function statesBoundBy(data: CountryData, treaty: string, date: string): string[] {
  const instrument = instrumentIdSchema.safeParse(treaty);
  if (!instrument.success) throw invalid([{ path: 'query.treaty', message: `must be one of ${INSTRUMENTS.join(', ')}` }]);
  return data.countries.filter((c) => data.facts.bound(c.code, instrument.data, date).bound).map((c) => c.code);
}

/** Full-text and filtered search with paging; `treaty` keeps the States bound by it today. */
export async function searchAuthorities(deps: Deps, actor: Actor, data: CountryData, query: AuthorityQuery): Promise<{ items: Authority[]; total: number }> {
  authorise(actor, 'directory.read');
  const { rows, total } = await store.searchAuthorities(deps.db, {
    text: store.prefixQuery(query.q),
    ...(query.country ? { country: query.country } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.treaty ? { countries: statesBoundBy(data, query.treaty, todayOf(deps)) } : {}),
    ...(query.available247 !== undefined ? { available247: query.available247 } : {}),
    limit: query.limit,
    offset: query.offset,
  });
  return { items: rows.map(presentAuthority), total };
}

export const getAuthority = (deps: Deps, actor: Actor, id: string) => getEntry(deps, actor, AUTHORITIES, id);
export const createAuthority = (deps: Deps, actor: Actor, input: AuthorityFields) => createEntry(deps, actor, AUTHORITIES, input);
export const updateAuthority = (deps: Deps, actor: Actor, id: string, input: AuthorityFields) => updateEntry(deps, actor, AUTHORITIES, id, input);
export const deleteAuthority = (deps: Deps, actor: Actor, id: string) => deleteEntry(deps, actor, AUTHORITIES, id);

// ------------------------------------------------------------------------------ providers

export async function searchProviders(deps: Deps, actor: Actor, query: ProviderQuery): Promise<{ items: Provider[]; total: number }> {
  authorise(actor, 'directory.read');
  const { rows, total } = await store.searchProviders(deps.db, {
    text: store.prefixQuery(query.q),
    ...(query.country ? { country: query.country } : {}),
    limit: query.limit,
    offset: query.offset,
  });
  return { items: rows.map(presentProvider), total };
}

export const getProvider = (deps: Deps, actor: Actor, id: string) => getEntry(deps, actor, PROVIDERS, id);
export const createProvider = (deps: Deps, actor: Actor, input: ProviderFields) => createEntry(deps, actor, PROVIDERS, input);
export const updateProvider = (deps: Deps, actor: Actor, id: string, input: ProviderFields) => updateEntry(deps, actor, PROVIDERS, id, input);
export const deleteProvider = (deps: Deps, actor: Actor, id: string) => deleteEntry(deps, actor, PROVIDERS, id);

// ------------------------------------------------------------------------------ import and export

/** The most problems one answer lists; the message says how many there were in all. */
const MAX_REPORTED = 500;

interface ValidRow<F> {
  label: string;
  id: string | null;
  fields: F;
}

/** Validates every row; returns them all, or throws one validation error listing every bad row. */
function validateRows<F>(spec: KindSpec<F, Authority | Provider>, format: DirectoryFormat, content: string): ValidRow<F>[] {
  const { rows, errors } = readDirectoryFile(spec.kind, format, content);
  const valid: ValidRow<F>[] = [];
  const firstLabelOfId = new Map<string, string>();
  // Row by row, in file order: the cells that could not be read, then what the schema says.
  for (const row of rows) {
    errors.push(...row.errors);
    if (row.value === null) continue;
    const result = spec.rowSchema.safeParse(row.value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        if (row.badFields.has(String(issue.path[0] ?? ''))) continue;
        errors.push({ path: [row.label, ...issue.path.map(String)].join('.'), message: issue.message });
      }
      continue;
    }
    const { id, ...fields } = result.data;
    if (id) {
      const first = firstLabelOfId.get(id);
      if (first) {
        errors.push({ path: `${row.label}.id`, message: `repeats the id of ${first}` });
        continue;
      }
      firstLabelOfId.set(id, row.label);
    }
    if (row.errors.length === 0) valid.push({ label: row.label, id: id ?? null, fields: fields as unknown as F });
  }
  if (errors.length) {
    const labels = new Set(rows.map((r) => r.label));
    const bad = new Set(errors.map((e) => e.path.split('.')[0]!).filter((label) => labels.has(label))).size;
    const shown = errors.slice(0, MAX_REPORTED);
    const more = errors.length > shown.length ? ` (the first ${shown.length} of ${errors.length} problems are listed)` : '';
    const what = bad === 0 ? 'The file cannot be read' : bad === 1 ? 'A row is invalid' : `${bad} rows are invalid`;
    throw new AppError('validation_failed', `${what}; nothing was imported${more}`, shown);
  }
  return valid;
}

export interface ImportResult {
  kind: DirectoryKind;
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Imports a CSV or JSON file: every row is validated first and one bad row imports nothing. Rows
 * with the id of an existing entry replace its values; rows without (or with an unknown) id are
 * created. One audit event records the import (file hash and counts).
 */
export async function importDirectory(deps: Deps, actor: Actor, body: { kind: DirectoryKind; format: DirectoryFormat; content: string }): Promise<ImportResult> {
  authorise(actor, 'directory.manage');
  const spec = SPECS[body.kind] as unknown as KindSpec<unknown, Authority | Provider>;
  const rows = validateRows(spec, body.format, body.content);
  const meta = metaOf(deps, actor);
  const result = await deps.db.transaction(async (tx: Queryable) => {
    const existing = new Map((await store.lockEntries(tx, spec.table, rows.flatMap((r) => (r.id ? [r.id] : [])))).map((e) => [e.id, e]));
    const creates: unknown[] = [];
    const updates: unknown[] = [];
    for (const row of rows) {
      const values = spec.values(row.fields);
      const current = row.id ? existing.get(row.id) : undefined;
      if (!current) creates.push({ id: row.id, ...values });
      else if (Object.keys(changesBetween(spec.present(current), spec.present({ ...current, ...values } as never))).length > 0) updates.push({ id: row.id, ...values });
    }
    try {
      await store.insertEntries(tx, spec.table, creates as never, meta);
    } catch (error) {
      // Another import created one of these ids between our check and the insert.
      if ((error as { code?: string }).code === '23505') throw conflict('An entry with one of these ids was created meanwhile; import the file again');
      throw error;
    }
    await store.updateEntries(tx, spec.table, updates as never, meta);
    const result = { kind: body.kind, created: creates.length, updated: updates.length, unchanged: rows.length - creates.length - updates.length };
    await appendAudit(deps, tx, actor, {
      action: 'directory.import',
      targetType: spec.targetType,
      details: { ...result, format: body.format, rows: rows.length, sha256: createHash('sha256').update(body.content).digest('hex') },
    });
    return result;
  });
  if (result.created + result.updated >= ANALYZE_AFTER_ROWS) await store.analyzeTable(deps.db, spec.table);
  return result;
}

/** An import that writes this many rows refreshes the table's statistics (see analyzeTable). */
const ANALYZE_AFTER_ROWS = 200;

/** The whole directory of one kind as a file; the export is audited (real contact details are shared privately). */
export async function exportDirectory(deps: Deps, actor: Actor, kind: DirectoryKind, format: DirectoryFormat): Promise<string> {
  authorise(actor, 'directory.read');
  const spec = SPECS[kind] as unknown as KindSpec<unknown, Authority | Provider>;
  const records = (await store.allEntries(deps.db, spec.table)).map((r) => spec.present(r));
  await deps.db.transaction((tx) => appendAudit(deps, tx, actor, { action: 'directory.export', targetType: spec.targetType, details: { kind, format, count: records.length } }));
  return format === 'csv' ? writeDirectoryCsv(kind, records) : writeDirectoryJson(records);
}

