/**
 * The audit log: every change (and every read of a sensitive record) is appended here in the
 * same transaction as the change itself, hash-chained, and verifiable end to end.
 */
import { createHmac } from 'node:crypto';
import type { AuditEvent, AuditQuery, AuditVerify } from '../../../domain/api.ts';
import type { Queryable } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { auditActor, type Actor } from '../auth/actor.ts';
import { safeEqual } from '../auth/crypto.ts';
import { authorise } from '../auth/policy.ts';
import { chainHash, GENESIS_HASH, verifyRun, type StoredEvent } from './audit.chain.ts';
import * as store from './audit.store.ts';

export interface AuditInput {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  justification?: string | null;
  details?: Record<string, unknown>;
  /** Overrides the actor's organisation (e.g. a failed login against a known account). */
  organisationId?: string | null;
}

/** Appends one event inside `tx`. Call it in the transaction that makes the change. */
export async function appendAudit(deps: Pick<Deps, 'clock'>, tx: Queryable, actor: Actor, input: AuditInput): Promise<StoredEvent> {
  const head = await store.lockHead(tx);
  const who = auditActor(actor);
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    occurredAt: deps.clock.now().toISOString(),
    ...who,
    organisationId: input.organisationId !== undefined ? input.organisationId : who.organisationId,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    outcome: input.outcome ?? 'success',
    justification: input.justification ?? null,
    details: input.details ?? {},
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const event: StoredEvent = { ...fields, prevHash, hash: chainHash(prevHash, fields) };
  await store.insertEvent(tx, event);
  return event;
}

function present(e: StoredEvent): AuditEvent {
  const { prevHash: _prev, ...rest } = e;
  return { ...rest, outcome: rest.outcome as AuditEvent['outcome'] };
}

/** Organisation scope: users see their own organisation's events; the operator sees all. */
function scopeOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.organisationId : null;
}

export async function listAudit(deps: Deps, actor: Actor, query: AuditQuery): Promise<{ events: AuditEvent[]; nextBefore: number | null }> {
  authorise(actor, 'audit.read');
  const rows = await store.findEvents(deps.db, { ...query, organisationId: scopeOf(actor) }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { events: page.map(present), nextBefore: rows.length > query.limit ? page[page.length - 1]!.seq : null };
}

const CSV_COLUMNS = ['seq', 'occurredAt', 'actorId', 'actorLabel', 'organisationId', 'action', 'targetType', 'targetId', 'outcome', 'ip', 'userAgent', 'justification', 'details', 'hash'] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Exports matching events, oldest first, as CSV or JSON; the export itself is audited. */
export async function exportAudit(
  deps: Deps,
  actor: Actor,
  filter: Omit<AuditQuery, 'limit' | 'before'>,
  format: 'csv' | 'json',
): Promise<string> {
  authorise(actor, 'audit.export');
  const events = (await store.findEvents(deps.db, { ...filter, organisationId: scopeOf(actor) }, 1_000_000)).reverse().map(present);
  await deps.db.transaction((tx) => appendAudit(deps, tx, actor, { action: 'audit.export', details: { format, count: events.length, filter } }));
  if (format === 'json') return JSON.stringify(events, null, 2);
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of events) lines.push(CSV_COLUMNS.map((c) => csvCell(e[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

function signCheckpoint(deps: Pick<Deps, 'keys'>, c: { seq: number; hash: string; createdAt: string }): string {
  return createHmac('sha256', deps.keys.secret('audit-hmac')).update(`${c.seq}|${c.hash}|${c.createdAt}`).digest('hex');
}

/** Records a signed checkpoint of the current head (run by a schedule and after verification). */
export async function checkpointAudit(deps: Deps): Promise<{ seq: number } | null> {
  const head = await store.headEvent(deps.db);
  if (!head) return null;
  const createdAt = deps.clock.now().toISOString();
  await store.insertCheckpoint(deps.db, { ...head, createdAt, signature: signCheckpoint(deps, { ...head, createdAt }) });
  return { seq: head.seq };
}

/**
 * Recomputes the whole chain and names the first bad event: altered content, a broken link, a
 * gap or reordering, or events missing below a signed checkpoint (truncation).
 */
export async function verifyAudit(deps: Deps, onProgress?: (checked: number) => void): Promise<AuditVerify> {
  let expected = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const batch = await store.eventsAfter(deps.db, expected.seq, 2000);
    if (batch.length === 0) break;
    const { last, broken } = verifyRun(batch, expected);
    checked += batch.length;
    if (broken) return { ok: false, checked, firstBad: broken };
    expected = last;
    onProgress?.(checked);
  }
  for (const c of await store.listCheckpoints(deps.db)) {
    if (!safeEqual(c.signature, signCheckpoint(deps, c)))
      return { ok: false, checked, firstBad: { seq: c.seq, reason: `checkpoint at sequence ${c.seq} has an invalid signature` } };
    const at = await store.eventAt(deps.db, c.seq);
    if (!at)
      return { ok: false, checked, firstBad: { seq: expected.seq + 1, reason: `events after sequence ${expected.seq} are missing: a signed checkpoint records sequence ${c.seq} (log truncated)` } };
    if (at.hash !== c.hash)
      return { ok: false, checked, firstBad: { seq: c.seq, reason: `event ${c.seq} differs from the signed checkpoint` } };
  }
  return { ok: true, checked, firstBad: null };
}

/**
 * Verification as an actor asks for it (the API route, and the CLI in direct mode so it can show
 * progress): authorise, verify, and record a signed checkpoint when the chain is intact.
 */
export async function verifyAuditAs(deps: Deps, actor: Actor, onProgress?: (checked: number) => void): Promise<AuditVerify> {
  authorise(actor, 'audit.read');
  const result = await verifyAudit(deps, onProgress);
  if (result.ok) await checkpointAudit(deps);
  return result;
}
