/**
 * Times of identifiers. They are evidence a provider matches against its logs to the second, so
 * they are shown exactly as stored (ISO digits, no locale formatting, no rounding): the instant in
 * UTC, and the time as the log showed it, in the log's own zone, with its offset.
 */

let zones: string[] | undefined;

/**
 * The IANA time zones the browser knows, UTC first. A log's zone is rarely the reader's, so
 * there is no default: the investigator picks the zone the log or screen was in.
 */
export function timeZoneNames(): string[] {
  if (zones === undefined) {
    let known: string[] = [];
    try {
      known = Intl.supportedValuesOf('timeZone');
    } catch {
      // A browser without the list still offers UTC; the server accepts any zone it knows.
    }
    zones = ['UTC', ...known.filter((zone) => zone !== 'UTC' && zone !== 'Etc/UTC')];
  }
  return zones;
}

/**
 * `2026-03-01T13:05:09.000Z` → `2026-03-01 13:05:09 UTC`, `…09.500Z` → `…09.5 UTC`. The server
 * always sends milliseconds; trailing zeros are dropped, as the parser drops them from the local
 * time, so both lines show the precision the log had.
 */
export function formatObservedUtc(observedAt: string): string {
  const trimmed = observedAt.replace(/Z$/, '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return `${trimmed.replace('T', ' ')} UTC`;
}

/** `2026-03-01T14:05:09+01:00` → `2026-03-01 14:05:09 +01:00`: the time the log showed, and its offset from UTC. */
export function formatObservedLocal(localTime: string): string {
  return localTime.replace('T', ' ').replace(/([+-]\d{2}:\d{2}(?::\d{2})?)$/, ' $1');
}
