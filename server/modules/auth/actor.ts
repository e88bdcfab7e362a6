import type { Permission, Role } from '../../../domain/roles.ts';

/** Where a call came from; recorded with every audit event. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Who is acting. Services take this as a plain argument, so routes, jobs and the CLI call them
 * the same way. `operator` is the local system operator (CLI with access to the data directory,
 * or a background job): it acts across organisations and is audited as such.
 */
export type Actor =
  | ({ kind: 'anonymous' } & RequestMeta)
  | ({
      kind: 'user';
      userId: string;
      organisationId: string;
      email: string;
      roles: Role[];
      permissions: Permission[];
      /** Set for browser sessions; API tokens have none. */
      sessionId: string | null;
      tokenId: string | null;
      mfaVerified: boolean;
      mustChangePassword: boolean;
      mfaEnabled: boolean;
    } & RequestMeta)
  | ({ kind: 'operator'; label: string } & RequestMeta);

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const systemActor = (label = 'system'): Actor => ({ kind: 'operator', label, ip: null, userAgent: null });

/** The actor's fields as the audit log records them. */
export function auditActor(actor: Actor): {
  actorId: string | null;
  actorLabel: string;
  organisationId: string | null;
  ip: string | null;
  userAgent: string | null;
} {
  switch (actor.kind) {
    case 'user':
      return { actorId: actor.userId, actorLabel: actor.email, organisationId: actor.organisationId, ip: actor.ip, userAgent: actor.userAgent };
    case 'operator':
      return { actorId: null, actorLabel: `operator:${actor.label}`, organisationId: null, ip: actor.ip, userAgent: actor.userAgent };
    case 'anonymous':
      return { actorId: null, actorLabel: 'anonymous', organisationId: null, ip: actor.ip, userAgent: actor.userAgent };
  }
}
