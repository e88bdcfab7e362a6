/** Starting a follow-up or an extension of a request, then opening its draft. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { authorityPageSchema } from '../../../../domain/directory.ts';
import type { Counterpart, RequestView } from '../../../../domain/requests/api.ts';
import type { RequestType } from '../../../../domain/requests/types.ts';
import { apiGet, toQueryString } from '../../api/client.ts';
import { usualAddresseeKind } from './request-labels.ts';
import { useCreateRequest } from './requests-api.ts';

/** What a follow-up button needs: start one, which one is starting, and why it failed. */
export interface StartFollowUp {
  start: (type: RequestType, relation: 'extension' | 'follow_up') => void;
  /** `${type}-${relation}` of the follow-up being created, for its button's spinner. */
  pending: string | null;
  error: unknown;
}

/**
 * The addressee of a follow-up that goes to another kind of authority than its parent (the MLA
 * request after a preservation goes to the central authority, not the 24/7 point): the
 * directory's entry of that kind in the parent's country, if there is one. Otherwise the server
 * keeps the parent's addressee, which the drafter can change in the draft.
 */
async function followUpCounterpart(parent: RequestView, type: RequestType): Promise<Counterpart | undefined> {
  const kind = usualAddresseeKind(type);
  const country = parent.counterpart.country;
  if (kind !== 'central_authority' || parent.counterpart.kind === kind || !country) return undefined;
  try {
    const found = await apiGet(`/directory/authorities${toQueryString({ country, kind, limit: 1, offset: 0 })}`, authorityPageSchema);
    const authority = found.items[0];
    if (!authority) return undefined;
    const email = authority.channels.find((channel) => channel.type === 'email')?.value;
    return { kind, name: authority.name, country: authority.country, authorityId: authority.id, timeZone: authority.timeZone, ...(email ? { email } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Creates the follow-up (or extension) of `parent` in the same case; the server prefills it from
 * the parent (reference, facts, identifiers, authorities) and links the two. Its draft opens next.
 */
export function useStartFollowUp(parent: RequestView): StartFollowUp {
  const create = useCreateRequest();
  const navigate = useNavigate();
  const [pending, setPending] = useState<string | null>(null);
  return {
    pending,
    error: create.error,
    start: (type, relation) => {
      setPending(`${type}-${relation}`);
      void followUpCounterpart(parent, type).then((counterpart) =>
        create.mutate(
          { caseId: parent.caseId, type, parentId: parent.id, relation, ...(counterpart ? { counterpart } : {}) },
          {
            onSuccess: (created) => void navigate(`/requests/${created.id}`),
            onSettled: () => setPending(null),
          },
        ),
      );
    },
  };
}
