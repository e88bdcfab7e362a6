/** SQL for sessions and api_tokens. Only hashes of tokens are stored. */
import type { Queryable } from '../../db/database.ts';
import type { UserRow } from '../users/users.store.ts';

export interface SessionRow {
  id: string;
  token_hash: string;
  user_id: string;
  mfa_verified: boolean;
  created_at: Date;
  last_seen_at: Date;
  absolute_expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export async function insertSession(
  q: Queryable,
  s: { tokenHash: string; userId: string; createdAt: Date; absoluteExpiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<SessionRow> {
  const { rows } = await q.query<SessionRow>(
    `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, absolute_expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING *`,
    [s.tokenHash, s.userId, s.createdAt, s.absoluteExpiresAt, s.ip, s.userAgent],
  );
  return rows[0]!;
}

export async function findOpenSessionByTokenHash(q: Queryable, tokenHash: string): Promise<SessionRow | undefined> {
  return (await q.query<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1 AND ended_at IS NULL', [tokenHash])).rows[0];
}

export async function touchSession(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, at]);
}

/** Marks the session MFA-verified and gives it a new token (privilege change → rotation). */
export async function elevateSession(q: Queryable, id: string, tokenHash: string, at: Date): Promise<void> {
  await q.query('UPDATE sessions SET mfa_verified = true, token_hash = $2, last_seen_at = $3 WHERE id = $1', [id, tokenHash, at]);
}

export async function endSession(q: Queryable, id: string, reason: string, at: Date): Promise<boolean> {
  const { rowCount } = await q.query('UPDATE sessions SET ended_at = $3, end_reason = $2 WHERE id = $1 AND ended_at IS NULL', [id, reason, at]);
  return rowCount > 0;
}

/** Ends every open session of a user (logout everywhere, disable, password change); returns how many. */
export async function endUserSessions(q: Queryable, userId: string, reason: string, at: Date, exceptId?: string): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE sessions SET ended_at = $3, end_reason = $2 WHERE user_id = $1 AND ended_at IS NULL AND ($4::uuid IS NULL OR id <> $4::uuid)`,
    [userId, reason, at, exceptId ?? null],
  );
  return rowCount;
}

export async function listOpenSessions(q: Queryable, userId: string): Promise<SessionRow[]> {
  return (await q.query<SessionRow>('SELECT * FROM sessions WHERE user_id = $1 AND ended_at IS NULL ORDER BY created_at DESC', [userId])).rows;
}

/** Ends sessions idle since `idleBefore` or past their absolute expiry; returns their ids, users and organisations. */
export async function expireSessions(q: Queryable, now: Date, idleBefore: Date): Promise<{ id: string; user_id: string; organisation_id: string; end_reason: string }[]> {
  const { rows } = await q.query<{ id: string; user_id: string; organisation_id: string; end_reason: string }>(
    `UPDATE sessions SET ended_at = $1,
       end_reason = CASE WHEN absolute_expires_at <= $1 THEN 'absolute_timeout' ELSE 'idle_timeout' END
     WHERE ended_at IS NULL AND (absolute_expires_at <= $1 OR last_seen_at <= $2)
     RETURNING id, user_id, (SELECT organisation_id FROM users WHERE users.id = sessions.user_id) AS organisation_id, end_reason`,
    [now, idleBefore],
  );
  return rows;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export async function insertApiToken(
  q: Queryable,
  t: { userId: string; name: string; prefix: string; tokenHash: string; createdAt: Date; expiresAt: Date | null },
): Promise<ApiTokenRow> {
  const { rows } = await q.query<ApiTokenRow>(
    `INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
    [t.userId, t.name, t.prefix, t.tokenHash, t.createdAt, t.expiresAt],
  );
  return rows[0]!;
}

/** What authentication needs of a token. */
export type ApiTokenAuth = Pick<ApiTokenRow, 'id' | 'last_used_at' | 'expires_at' | 'revoked_at'>;

/** The token of a hash with its user, in one statement (every API call authenticates with it). */
export async function findApiTokenWithUser(q: Queryable, tokenHash: string): Promise<{ token: ApiTokenAuth; user: UserRow } | undefined> {
  const { rows } = await q.query<UserRow & { token_id: string; token_last_used_at: Date | null; token_expires_at: Date | null; token_revoked_at: Date | null }>(
    `SELECT u.*, t.id AS token_id, t.last_used_at AS token_last_used_at, t.expires_at AS token_expires_at, t.revoked_at AS token_revoked_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
    [tokenHash],
    { prepared: true },
  );
  const row = rows[0];
  if (!row) return undefined;
  const { token_id: id, token_last_used_at: last_used_at, token_expires_at: expires_at, token_revoked_at: revoked_at, ...user } = row;
  return { token: { id, last_used_at, expires_at, revoked_at }, user };
}

export async function touchApiToken(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [id, at]);
}

export async function listApiTokens(q: Queryable, userId: string): Promise<ApiTokenRow[]> {
  return (await q.query<ApiTokenRow>('SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC', [userId])).rows;
}

export async function revokeApiToken(q: Queryable, id: string, userId: string, at: Date): Promise<boolean> {
  const { rowCount } = await q.query('UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL', [id, userId, at]);
  return rowCount > 0;
}

export async function revokeUserApiTokens(q: Queryable, userId: string, at: Date): Promise<number> {
  const { rowCount } = await q.query('UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, at]);
  return rowCount;
}
