/** SQL for audit_events and audit_checkpoints. Nothing else writes these tables. */
import type { Queryable } from '../../db/database.ts';
import type { AuditQuery } from '../../../domain/api.ts';
import type { StoredEvent } from './audit.chain.ts';

const LOCK_KEY = 7_042_002; // serialises appends so the chain has one head

interface EventRow {
  seq: number;
  occurred_at: Date;
  /** The stored time to the microsecond: the hash covers milliseconds, so any finer part is tampering. */
  occurred_at_us?: string;
  actor_id: string | null;
  actor_label: string;
  organisation_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  justification: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function toEvent(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at_us && !r.occurred_at_us.endsWith('000Z') ? r.occurred_at_us : new Date(r.occurred_at).toISOString(),
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    organisationId: r.organisation_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    outcome: r.outcome,
    ip: r.ip,
    userAgent: r.user_agent,
    justification: r.justification,
    details: r.details ?? {},
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Takes the append lock for this transaction and returns the chain head. */
export async function lockHead(tx: Queryable): Promise<{ seq: number; hash: string } | null> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
  const { rows } = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  return rows[0] ?? null;
}

export async function insertEvent(tx: Queryable, e: StoredEvent): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (seq, occurred_at, actor_id, actor_label, organisation_id, action, target_type,
       target_id, outcome, ip, user_agent, justification, details, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [e.seq, e.occurredAt, e.actorId, e.actorLabel, e.organisationId, e.action, e.targetType, e.targetId,
     e.outcome, e.ip, e.userAgent, e.justification, JSON.stringify(e.details), e.prevHash, e.hash],
  );
}

/** Events in seq order from `afterSeq`, a page at a time (verification). */
export async function eventsAfter(q: Queryable, afterSeq: number, limit: number): Promise<StoredEvent[]> {
  const { rows } = await q.query<EventRow>(`SELECT *, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_us
     FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
  return rows.map(toEvent);
}

/** Filtered events, newest first; `organisationId` null means every organisation (operator). */
export async function findEvents(
  q: Queryable,
  filter: Omit<AuditQuery, 'limit' | 'before'> & { organisationId: string | null; before?: number | undefined },
  limit: number,
): Promise<StoredEvent[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.organisationId) add('organisation_id = ?', filter.organisationId);
  if (filter.action) add('action = ?', filter.action);
  if (filter.actorId) add('actor_id = ?', filter.actorId);
  if (filter.targetType) add('target_type = ?', filter.targetType);
  if (filter.targetId) add('target_id = ?', filter.targetId);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.from) add('occurred_at >= ?', filter.from);
  if (filter.to) add('occurred_at < ?', filter.to);
  if (filter.before) add('seq < ?', filter.before);
  params.push(limit);
  const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`;
  const { rows } = await q.query<EventRow>(sql, params);
  return rows.map(toEvent);
}

export interface Checkpoint {
  seq: number;
  hash: string;
  createdAt: string;
  signature: string;
}

export async function insertCheckpoint(q: Queryable, c: Checkpoint): Promise<void> {
  await q.query('INSERT INTO audit_checkpoints (seq, hash, created_at, signature) VALUES ($1,$2,$3,$4)', [c.seq, c.hash, c.createdAt, c.signature]);
}

export async function listCheckpoints(q: Queryable): Promise<Checkpoint[]> {
  const { rows } = await q.query<{ seq: number; hash: string; created_at: Date; signature: string }>(
    'SELECT seq, hash, created_at, signature FROM audit_checkpoints ORDER BY seq',
  );
  return rows.map((r) => ({ seq: r.seq, hash: r.hash, createdAt: new Date(r.created_at).toISOString(), signature: r.signature }));
}

export async function headEvent(q: Queryable): Promise<{ seq: number; hash: string } | null> {
  const { rows } = await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  return rows[0] ?? null;
}

export async function eventAt(q: Queryable, seq: number): Promise<{ seq: number; hash: string } | null> {
  const { rows } = await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events WHERE seq = $1', [seq]);
  return rows[0] ?? null;
}
