/**
 * The one place that answers "may this actor do this (to this record)". Permissions per role are
 * declared in domain/roles.ts; organisation ownership is checked here. A record of another
 * organisation answers 404, never 403, so its existence is not disclosed.
 */
import type { Permission } from '../../../domain/roles.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from './actor.ts';

export function can(actor: Actor, permission: Permission): boolean {
  switch (actor.kind) {
    case 'operator':
      return true;
    case 'user':
      return actor.mfaVerified && actor.permissions.includes(permission);
    case 'anonymous':
      return false;
  }
}

/** Throws unless the actor holds `permission`. */
export function authorise(actor: Actor, permission: Permission): void {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
  if (!can(actor, permission)) throw forbidden(`Your roles do not allow ${permission}`);
}

/** Throws not_found when the record belongs to another organisation than the user's. */
export function assertVisible(actor: Actor, record: { organisationId: string } | null | undefined, what: string): asserts record {
  if (!record) throw notFound(what);
  if (actor.kind === 'user' && actor.organisationId !== record.organisationId) throw notFound(what);
  if (actor.kind === 'anonymous') throw notFound(what);
}
