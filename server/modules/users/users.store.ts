/** SQL for users, login_failures and recovery_codes. */
import type { Queryable } from '../../db/database.ts';
import type { Role } from '../../../domain/roles.ts';

export interface UserRow {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  roles: Role[];
  password_hash: string;
  must_change_password: boolean;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  disabled_at: Date | null;
  locked_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  supervisor_id: string | null;
  judge: boolean;
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  return (await q.query<UserRow>('SELECT * FROM users WHERE email = $1', [email.toLowerCase()])).rows[0];
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  return (await q.query<UserRow>('SELECT * FROM users WHERE id = $1', [id])).rows[0];
}

/** Locks the row for the rest of the transaction (TOTP step, lockout counters). */
export async function lockUser(q: Queryable, id: string): Promise<UserRow | undefined> {
  return (await q.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id])).rows[0];
}

export async function listUsers(q: Queryable, organisationId: string | null): Promise<UserRow[]> {
  return organisationId
    ? (await q.query<UserRow>('SELECT * FROM users WHERE organisation_id = $1 ORDER BY email', [organisationId])).rows
    : (await q.query<UserRow>('SELECT * FROM users ORDER BY email')).rows;
}

/** Enabled users of an organisation holding any of `roles` (case colleagues), by name. */
export async function listColleagues(q: Queryable, organisationId: string, roles: readonly string[]): Promise<UserRow[]> {
  return (await q.query<UserRow>(
    'SELECT * FROM users WHERE organisation_id = $1 AND disabled_at IS NULL AND roles && $2::text[] ORDER BY display_name, email',
    [organisationId, roles],
  )).rows;
}

export async function countUsers(q: Queryable): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
}

export async function insertUser(
  q: Queryable,
  u: { organisationId: string; email: string; displayName: string; roles: Role[]; passwordHash: string; createdAt: Date },
): Promise<UserRow> {
  const { rows } = await q.query<UserRow>(
    `INSERT INTO users (organisation_id, email, display_name, roles, password_hash, must_change_password, created_at)
     VALUES ($1, $2, $3, $4, $5, true, $6) RETURNING *`,
    [u.organisationId, u.email.toLowerCase(), u.displayName, u.roles, u.passwordHash, u.createdAt],
  );
  return rows[0]!;
}

/** Column names a caller may update; the SQL is built only from this list. */
type Updatable = Partial<{
  display_name: string;
  roles: Role[];
  password_hash: string;
  must_change_password: boolean;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  disabled_at: Date | null;
  locked_at: Date | null;
  last_login_at: Date | null;
  supervisor_id: string | null;
  judge: boolean;
}>;

export async function updateUser(q: Queryable, id: string, changes: Updatable): Promise<UserRow> {
  const keys = Object.keys(changes) as (keyof Updatable)[];
  const sets = keys.map((k, i) => `${k} = $${i + 2}`);
  const { rows } = await q.query<UserRow>(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, [id, ...keys.map((k) => changes[k])]);
  return rows[0]!;
}

export async function recordLoginFailure(q: Queryable, userId: string, at: Date): Promise<void> {
  await q.query('INSERT INTO login_failures (user_id, failed_at) VALUES ($1, $2)', [userId, at]);
}

export async function countLoginFailuresSince(q: Queryable, userId: string, since: Date): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM login_failures WHERE user_id = $1 AND failed_at > $2', [userId, since])).rows[0]!.n;
}

export async function clearLoginFailures(q: Queryable, userId: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE user_id = $1', [userId]);
}

export async function replaceRecoveryCodes(q: Queryable, userId: string, hashes: string[]): Promise<void> {
  await q.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
  for (const h of hashes) await q.query('INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, h]);
}

/** Marks an unused recovery code used; returns whether one matched. */
export async function consumeRecoveryCode(q: Queryable, userId: string, hash: string, at: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    'UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
    [userId, hash, at],
  );
  return rowCount > 0;
}

export async function countUnusedRecoveryCodes(q: Queryable, userId: string): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId])).rows[0]!.n;
}
