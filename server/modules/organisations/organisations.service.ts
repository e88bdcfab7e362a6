import type { Organisation } from '../../../domain/api.ts';
import type { Deps } from '../../deps.ts';
import { forbidden } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { authorise } from '../auth/policy.ts';
import * as store from './organisations.store.ts';

export async function listVisible(deps: Deps, actor: Actor): Promise<Organisation[]> {
  authorise(actor, 'organisation.read');
  if (actor.kind === 'user') {
    const own = await store.findOrganisation(deps.db, actor.organisationId);
    return own ? [own] : [];
  }
  return store.listOrganisations(deps.db);
}

/** Agencies are created by the operator of the instance, not by users. */
export async function createOrganisation(deps: Deps, actor: Actor, input: { name: string; country: string }): Promise<Organisation> {
  if (actor.kind !== 'operator') throw forbidden('Only the instance operator creates organisations');
  return deps.db.transaction(async (tx) => {
    const org = await store.insertOrganisation(tx, { ...input, createdAt: deps.clock.now() });
    await appendAudit(deps, tx, actor, { action: 'organisation.create', targetType: 'organisation', targetId: org.id, organisationId: org.id, details: input });
    return org;
  });
}
