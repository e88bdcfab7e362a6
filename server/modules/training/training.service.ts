/**
 * The training catalogue's use cases. Every signed-in user reads every entry (one shared
 * catalogue per instance); the trainers of the organisation that owns an entry change it, its
 * files and whether it is public. A trainer of another organisation can read the entry, so a
 * refused change answers 403 (there is nothing to hide by a 404). Every change is audited in
 * its own transaction; public entries are read without an account.
 */
import {
  trainingInputSchema, trainingUpdateSchema, TRAINING_FILE_TYPES, TRAINING_MAX_FILES_PER_ITEM,
  type PublicTrainingItem, type TrainingFile, type TrainingInput, type TrainingItem, type TrainingQuery, type TrainingSummary,
  type TrainingUpdate, type TrainingUploadPolicy, type TrainingValues,
} from '../../../domain/training.ts';
import { prefixQuery } from '../../db/search.ts';
import type { Deps } from '../../deps.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor, UserActor } from '../auth/actor.ts';
import { authorise, can } from '../auth/policy.ts';
import { sha256Hex } from '../auth/crypto.ts';
import { getFile, putFile } from '../files/files.store.ts';
import { presentPublicTrainingItem, presentTrainingFile, presentTrainingItem, presentTrainingSummary } from './training.presenter.ts';
import { cleanFileName, nameForType, sniffFile } from './sniff.ts';
import * as store from './training.store.ts';

/** A downloadable file: its record and its bytes (checked against the SHA-256 on the way out). */
export interface TrainingDownload {
  file: TrainingFile;
  content: Buffer;
}

/**
 * Entries belong to an organisation, so only a signed-in trainer (or their API token) changes
 * them; the local operator administers the instance but owns no entry.
 */
function requireTrainer(actor: Actor): UserActor {
  authorise(actor, 'training.manage');
  if (actor.kind !== 'user')
    throw forbidden('Catalogue entries belong to an organisation: act as a trainer (set LIAISON_TOKEN to one of your API tokens)');
  return actor;
}

function mayEdit(actor: Actor, row: store.TrainingRow): boolean {
  return actor.kind === 'user' && can(actor, 'training.manage') && actor.organisationId === row.organisation_id;
}

function assertOwner(user: UserActor, row: store.TrainingRow): void {
  if (!mayEdit(user, row)) throw forbidden(`Only trainers of ${row.organisation_name} may change this entry`);
}

/** The date "upcoming" and "past" are measured against: today in UTC. */
function today(deps: Deps): string {
  return deps.clock.now().toISOString().slice(0, 10);
}

function searchOf(deps: Deps, query: TrainingQuery, publicOnly: boolean): store.TrainingSearch {
  return {
    text: prefixQuery(query.q),
    kind: query.kind,
    audiences: query.audience,
    topics: query.topic,
    languages: query.language,
    formats: query.format,
    levels: query.level,
    when: query.when,
    sort: query.sort,
    today: today(deps),
    publicOnly,
    limit: query.limit,
    offset: query.offset,
  };
}

async function presentItem(deps: Deps, actor: Actor, row: store.TrainingRow): Promise<TrainingItem> {
  return presentTrainingItem(row, await store.listFiles(deps.db, row.id), { edit: mayEdit(actor, row) });
}

// ------------------------------------------------------------------------------ reading

/** The catalogue for a signed-in user: search, filters, order and paging. */
export async function searchTraining(deps: Deps, actor: Actor, query: TrainingQuery): Promise<{ items: TrainingSummary[]; total: number }> {
  authorise(actor, 'training.read');
  const { rows, total } = await store.searchItems(deps.db, searchOf(deps, query, false));
  return { items: rows.map(presentTrainingSummary), total };
}

/** The public entries, for anyone: the same search, limited to what trainers published. */
export async function searchPublicTraining(deps: Deps, query: TrainingQuery): Promise<{ items: TrainingSummary[]; total: number }> {
  const { rows, total } = await store.searchItems(deps.db, searchOf(deps, query, true));
  return { items: rows.map(presentTrainingSummary), total };
}

export async function getTraining(deps: Deps, actor: Actor, id: string): Promise<TrainingItem> {
  authorise(actor, 'training.read');
  const row = await store.findItem(deps.db, id);
  if (!row) throw notFound('Training entry');
  return presentItem(deps, actor, row);
}

/** A public entry; a private or unknown one is 404 alike, so nothing about it is disclosed. */
export async function getPublicTraining(deps: Deps, id: string): Promise<PublicTrainingItem> {
  const row = await store.findItem(deps.db, id, { publicOnly: true });
  if (!row) throw notFound('Training entry');
  return presentPublicTrainingItem(row, await store.listFiles(deps.db, id));
}

async function download(deps: Deps, row: store.TrainingRow | undefined, fileId: string): Promise<TrainingDownload> {
  if (!row) throw notFound('Training entry');
  const file = await store.findFile(deps.db, row.id, fileId);
  if (!file) throw notFound('File');
  const stored = await getFile(deps.db, file.sha256);
  if (!stored) throw notFound('File');
  return { file: presentTrainingFile(file), content: stored.content };
}

export async function readTrainingFile(deps: Deps, actor: Actor, id: string, fileId: string): Promise<TrainingDownload> {
  authorise(actor, 'training.read');
  return download(deps, await store.findItem(deps.db, id), fileId);
}

/** A file of a public entry, for anyone; the files of other entries are 404 without a session. */
export async function readPublicTrainingFile(deps: Deps, id: string, fileId: string): Promise<TrainingDownload> {
  return download(deps, await store.findItem(deps.db, id, { publicOnly: true }), fileId);
}

/** The size limit and the accepted types of training files. */
export function uploadPolicy(deps: Deps, actor: Actor): TrainingUploadPolicy {
  authorise(actor, 'training.read');
  return {
    maxBytes: deps.config.trainingUploadMaxBytes,
    types: Object.entries(TRAINING_FILE_TYPES).map(([type, t]) => ({ type, label: t.label, contentType: t.contentType, extensions: [...t.extensions] })),
  };
}

// ------------------------------------------------------------------------------ changing

/** Field by field, what a replacement changes; long texts are recorded by length only. */
function changesOf(row: store.TrainingRow, next: TrainingValues): Record<string, { from: unknown; to: unknown }> {
  const before: Record<keyof TrainingValues, unknown> = {
    kind: row.kind, title: row.title, summary: row.summary, description: row.description, provider: row.provider,
    audiences: row.audiences, topics: row.topics, languages: row.languages, format: row.format, level: row.level,
    startsOn: row.starts_on, endsOn: row.ends_on, location: row.location, links: row.links, public: row.public,
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(before) as (keyof TrainingValues)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(next[key])) changes[key] = { from: before[key], to: next[key] };
  }
  if (changes.description) changes.description = { from: `${row.description.length} characters`, to: `${next.description.length} characters` };
  return changes;
}

/** Adds an entry to the catalogue, owned by the trainer's organisation. */
export async function createTraining(deps: Deps, actor: Actor, input: TrainingInput): Promise<TrainingItem> {
  const user = requireTrainer(actor);
  const values = trainingInputSchema.parse(input);
  const id = await deps.db.transaction(async (tx) => {
    const itemId = await store.insertItem(tx, user.organisationId, values, user.userId, deps.clock.now());
    await appendAudit(deps, tx, user, {
      action: 'training.create', targetType: 'training_item', targetId: itemId,
      details: { title: values.title, provider: values.provider, kind: values.kind, public: values.public },
    });
    return itemId;
  });
  return getTraining(deps, actor, id);
}

/**
 * Replaces an entry. With `version`, refuses (409) if someone changed it since it was read. A
 * replacement that changes nothing writes nothing and records nothing.
 */
export async function updateTraining(deps: Deps, actor: Actor, id: string, input: TrainingUpdate): Promise<TrainingItem> {
  const user = requireTrainer(actor);
  const { version, ...values } = trainingUpdateSchema.parse(input);
  await deps.db.transaction(async (tx) => {
    const row = await store.findItem(tx, id, { lock: true });
    if (!row) throw notFound('Training entry');
    assertOwner(user, row);
    if (version !== undefined && version !== row.version)
      throw conflict(`The entry was changed since you opened it (you edited version ${version}, it is now at version ${row.version}): reload it and make your change again`, [
        { path: 'version', message: `is ${version}, the entry is at version ${row.version}` },
      ]);
    const changes = changesOf(row, values);
    if (Object.keys(changes).length === 0) return;
    await store.updateItem(tx, id, values, deps.clock.now());
    await appendAudit(deps, tx, user, { action: 'training.update', targetType: 'training_item', targetId: id, details: { title: values.title, changes } });
  });
  return getTraining(deps, actor, id);
}

/** Removes an entry with its files; stored bytes nothing else uses are deleted with it. */
export async function deleteTraining(deps: Deps, actor: Actor, id: string): Promise<void> {
  const user = requireTrainer(actor);
  await deps.db.transaction(async (tx) => {
    const row = await store.findItem(tx, id, { lock: true });
    if (!row) throw notFound('Training entry');
    assertOwner(user, row);
    const files = await store.listFiles(tx, id);
    await store.deleteItem(tx, id);
    const purged = await store.purgeUnusedFiles(tx, files.map((f) => f.sha256));
    await appendAudit(deps, tx, user, {
      action: 'training.delete', targetType: 'training_item', targetId: id,
      details: { title: row.title, provider: row.provider, public: row.public, files: files.map((f) => ({ filename: f.filename, sha256: f.sha256 })), purged },
    });
  });
}

/** The upload header's value: a percent-encoded UTF-8 file name. */
function decodeFileName(raw: string | undefined): string {
  const field = 'headers.x-file-name';
  if (!raw) throw invalid([{ path: field, message: 'is required: the file’s name, percent-encoded UTF-8' }]);
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw invalid([{ path: field, message: 'is not valid percent-encoded UTF-8' }]);
  }
  const name = cleanFileName(decoded);
  if (!name) throw invalid([{ path: field, message: 'does not contain a usable file name' }]);
  return name;
}

/**
 * Attaches a file to an entry. Checked before anything is written: the size against the
 * configured limit (413), the content by its first bytes against the accepted types and the
 * name's extension against the content (415). The bytes are stored once by SHA-256, however
 * many entries use them; the same bytes attached twice to one entry answer the existing file.
 */
export async function uploadTrainingFile(
  deps: Deps,
  actor: Actor,
  id: string,
  upload: { fileName: string | undefined; content: Buffer },
): Promise<{ file: TrainingFile; duplicate: boolean }> {
  const user = requireTrainer(actor);
  const limit = deps.config.trainingUploadMaxBytes;
  if (upload.content.length > limit)
    throw new AppError('payload_too_large', `The file is larger than the limit of ${limit / 1024 / 1024} MiB`);
  const requested = decodeFileName(upload.fileName);
  const sniffed = sniffFile(upload.content);
  if (!sniffed.ok) throw new AppError('unsupported_media_type', `This file is not accepted: ${sniffed.reason}`, [{ path: 'body', message: sniffed.reason }]);
  const named = nameForType(requested, sniffed.type);
  if (!named.ok) throw new AppError('unsupported_media_type', `This file is not accepted: ${named.reason}`, [{ path: 'headers.x-file-name', message: named.reason }]);
  const contentType = TRAINING_FILE_TYPES[sniffed.type].contentType;
  const sha256 = sha256Hex(upload.content);

  return deps.db.transaction(async (tx) => {
    const row = await store.findItem(tx, id, { lock: true });
    if (!row) throw notFound('Training entry');
    assertOwner(user, row);
    const now = deps.clock.now();
    const known = (await tx.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256])).rows.length > 0;
    const attached = (await tx.query('SELECT 1 FROM training_files WHERE item_id = $1 AND sha256 = $2', [id, sha256])).rows.length > 0;
    if (!attached && (await store.countFiles(tx, id)) >= TRAINING_MAX_FILES_PER_ITEM)
      throw conflict(`An entry holds at most ${TRAINING_MAX_FILES_PER_ITEM} files: remove one first`);
    if (!known) await putFile(tx, upload.content, contentType, now);
    const { row: file, duplicate } = await store.attachFile(tx, {
      itemId: id, sha256, filename: named.name, contentType, size: upload.content.length, uploadedBy: user.userId, at: now,
    });
    if (!duplicate) {
      await store.touchItem(tx, id, now);
      await appendAudit(deps, tx, user, {
        action: 'training.file.upload', targetType: 'training_file', targetId: file.id,
        // Not whether the bytes were already stored: the file store is shared across the instance, and
        // that would tell a trainer whether other records (another organisation's documents) hold them.
        details: { itemId: id, filename: file.filename, contentType, size: file.size, sha256 },
      });
    }
    return { file: presentTrainingFile(file), duplicate };
  });
}

/** Removes a file from an entry; its bytes go too unless something else still uses them. */
export async function deleteTrainingFile(deps: Deps, actor: Actor, id: string, fileId: string): Promise<void> {
  const user = requireTrainer(actor);
  await deps.db.transaction(async (tx) => {
    const row = await store.findItem(tx, id, { lock: true });
    if (!row) throw notFound('Training entry');
    assertOwner(user, row);
    const file = await store.detachFile(tx, id, fileId);
    if (!file) throw notFound('File');
    const now = deps.clock.now();
    await store.touchItem(tx, id, now);
    const purged = await store.purgeUnusedFiles(tx, [file.sha256]);
    await appendAudit(deps, tx, user, {
      action: 'training.file.delete', targetType: 'training_file', targetId: fileId,
      details: { itemId: id, filename: file.filename, sha256: file.sha256, purged: purged > 0 },
    });
  });
}
