/**
 * Upcoming events for practitioners: every signed-in role may discover the webinars and
 * conferences that any organisation has published and that have not started yet, and go to their
 * public registration page. A read of public information: not audited, like the training
 * catalogue's searches.
 */
import type { UpcomingEvent, UpcomingEventQuery } from '../../../domain/events.ts';
import type { Deps } from '../../deps.ts';
import { prefixQuery } from '../../db/search.ts';
import type { Actor } from '../auth/actor.ts';
import { authorise } from '../auth/policy.ts';
import { presentUpcomingEvent } from './events.presenter.ts';
import { eventUrlOf } from './outbox.service.ts';
import * as store from './events.store.ts';

/**
 * One page of published events, of every organisation, starting after now, soonest first.
 * `training.read` rather than `event.manage`: finding training is every role's business (issue 5),
 * running events is the trainers'.
 */
export async function listUpcomingEvents(deps: Deps, actor: Actor, query: UpcomingEventQuery): Promise<{ items: UpcomingEvent[]; total: number }> {
  authorise(actor, 'training.read');
  const now = deps.clock.now();
  const { rows, total } = await store.searchUpcomingEvents(deps.db, {
    after: now, text: prefixQuery(query.q), limit: query.limit, offset: query.offset,
    ...(query.language ? { language: query.language } : {}),
  });
  return { items: rows.map((r) => presentUpcomingEvent(r, eventUrlOf(deps, r.slug), now)), total };
}
