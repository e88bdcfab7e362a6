/**
 * The event as an iCalendar object (RFC 5545), attached to confirmations: UTC times, one UID per
 * event (so a second confirmation or a changed time updates the same calendar entry), SEQUENCE
 * bumped when the times change. The connection instructions are not in it: calendars are often
 * shared with colleagues, the e-mail is personal.
 */
import { icsDocument, icsEscape, icsTime } from '../../../domain/icalendar.ts';
import type { EventRow } from './events.store.ts';

/** The calendar UID of an event on this instance. */
export function eventUid(eventId: string, publicUrl: string): string {
  return `event-${eventId}@${new URL(publicUrl).hostname}`;
}

export function eventIcs(event: EventRow, eventUrl: string, publicUrl: string, now: Date): string {
  const description = [event.description, '', eventUrl].join('\n').trim();
  return icsDocument([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Liaison//Events//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${eventUid(event.id, publicUrl)}`,
    `SEQUENCE:${event.ics_sequence}`,
    `DTSTAMP:${icsTime(now.toISOString())}`,
    `DTSTART:${icsTime(event.starts_at.toISOString())}`,
    `DTEND:${icsTime(event.ends_at.toISOString())}`,
    `SUMMARY:${icsEscape(event.title)}`,
    `DESCRIPTION:${icsEscape(description)}`,
    `URL:${eventUrl}`,
    ...(event.contact_email ? [`ORGANIZER;CN="${event.organiser.replace(/["\\]/g, '')}":mailto:${event.contact_email}`] : []),
    // The event's own zone, for readers (times are UTC above).
    `X-LIAISON-TIMEZONE:${icsEscape(event.time_zone)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ]);
}
