import type { User } from '../../../domain/api.ts';
import type { UserRow } from './users.store.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The only way a user row becomes JSON: no hashes or secrets leave the server. */
export function presentUser(u: UserRow): User {
  return {
    id: u.id,
    organisationId: u.organisation_id,
    email: u.email,
    displayName: u.display_name,
    roles: u.roles,
    mfaEnabled: u.totp_secret !== null,
    disabled: u.disabled_at !== null,
    locked: u.locked_at !== null,
    mustChangePassword: u.must_change_password,
    createdAt: new Date(u.created_at).toISOString(),
    lastLoginAt: iso(u.last_login_at),
    supervisorId: u.supervisor_id,
    judge: u.judge,
  };
}
