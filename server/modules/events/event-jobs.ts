/**
 * The minute-by-minute pass of the `event-mail` job (server/jobs/jobs.ts): expire waiting-list
 * offers (passing their seats on), queue the reminders and follow-ups that are due, then deliver
 * every queued e-mail that is due, including retries of earlier failures.
 */
import type { Deps } from '../../deps.ts';
import { systemActor } from '../auth/actor.ts';
import { deliverDueMessages } from './outbox.service.ts';
import { expireOffers, queueFollowUps, queueReminders } from './registrations.service.ts';

export interface EventMailResult {
  [key: string]: number;
  offersExpired: number;
  remindersQueued: number;
  followUpsQueued: number;
  sent: number;
  failed: number;
  /** Queued messages that no longer applied when due (registration or event changed): not sent. */
  dropped: number;
}

export async function runEventMail(deps: Deps): Promise<EventMailResult> {
  const offersExpired = await expireOffers(deps);
  const reminders = await queueReminders(deps, systemActor('events'), deps.clock.now());
  const followUps = await queueFollowUps(deps);
  const delivery = await deliverDueMessages(deps);
  return {
    offersExpired, remindersQueued: reminders.queued, followUpsQueued: followUps.queued,
    sent: reminders.sent + followUps.sent + delivery.sent, failed: delivery.failed, dropped: delivery.dropped,
  };
}
