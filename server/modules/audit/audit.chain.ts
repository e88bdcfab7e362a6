/**
 * The audit hash chain: hash(n) = SHA-256(hash(n-1) || canonicalJson(event n)), starting from a
 * fixed genesis value. Pure functions, shared by the writer and the verifier.
 */
import { sha256Hex } from '../auth/crypto.ts';
import { canonicalJson } from './canonical.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers (everything but the hashes themselves). */
export interface ChainedFields {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  organisationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  justification: string | null;
  details: Record<string, unknown>;
}

export function chainHash(prevHash: string, event: ChainedFields): string {
  return sha256Hex(prevHash + canonicalJson(event));
}

export interface StoredEvent extends ChainedFields {
  prevHash: string;
  hash: string;
}

export type ChainBreak = { seq: number; reason: string };

/**
 * Checks a run of events that should follow `expected` (the previous seq and hash). Returns the
 * first break: a gap or reordering in seq, a prev_hash that does not link, or a hash that does
 * not match the content.
 */
export function verifyRun(
  events: StoredEvent[],
  expected: { seq: number; hash: string },
): { last: { seq: number; hash: string }; broken: ChainBreak | null } {
  let last = expected;
  for (const event of events) {
    if (event.seq !== last.seq + 1)
      return { last, broken: { seq: event.seq, reason: `expected sequence ${last.seq + 1}, found ${event.seq} (events deleted or reordered)` } };
    if (event.prevHash !== last.hash)
      return { last, broken: { seq: event.seq, reason: 'previous-hash link does not match the preceding event' } };
    const { prevHash: _p, hash, ...fields } = event;
    if (chainHash(last.hash, fields) !== hash)
      return { last, broken: { seq: event.seq, reason: 'content does not match its hash (event altered)' } };
    last = { seq: event.seq, hash };
  }
  return { last, broken: null };
}
