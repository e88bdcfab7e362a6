/**
 * Query keys in one place, so a mutation invalidates exactly what it changed and signing out
 * can tell the session query from the rest.
 */
export const queryKeys = {
  me: ['me'] as const,
  banner: ['banner'] as const,
  totpSetup: ['totp-setup'] as const,
  sessions: ['account', 'sessions'] as const,
  tokens: ['account', 'tokens'] as const,
  users: ['users'] as const,
  audit: ['audit'] as const,
  /** The country list: shipped data, the same for the whole session. */
  countries: ['countries'] as const,
  /** Everything built from directory entries (lists, profiles), refreshed after any edit or import. */
  directory: ['directory'] as const,
  /** Everything read from a case (lists, one case, its identifiers, notes, timeline); any case change refreshes it. */
  cases: ['cases'] as const,
  /** Everything read from requests (lists, one request, the deadline dashboard); any request change refreshes it. */
  requests: ['requests'] as const,
  /** Whether the user's deadline calendar feed is on. */
  calendar: ['account', 'calendar'] as const,
  /** The colleagues who can join a case team. */
  colleagues: ['colleagues'] as const,
  /** Everything read from the training catalogue (lists, entries, the public page); any change refreshes it. */
  training: ['training'] as const,
  /** Everything an organiser reads about events (lists, one event, its registrations, messages, statistics). */
  events: ['events'] as const,
};
