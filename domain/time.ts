/**
 * Time-zone arithmetic with nothing but `Intl`: wall-clock ⇄ UTC conversion that is safe across
 * daylight-saving changes, calendar-day periods in a given zone, and display in a given zone.
 *
 * Why not a library: the rules are few, the runtime ships the IANA database through ICU, and a
 * deadline engine that decides when evidence may be lost must be small enough to read and test in
 * full. Everything here is pure: instants are passed in, nothing reads the clock.
 *
 * Vocabulary: an *instant* is a point on the UTC time line (epoch milliseconds); a *local date* or
 * *local date-time* is what a wall clock and calendar in one zone show, without the zone.
 */
import { z } from 'zod';

/** A calendar date as shown in some zone (month 1–12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock date and time as shown in some zone (month 1–12, hour 0–23). */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * What to do with a wall-clock time that a zone skips (spring forward) or shows twice (fall back).
 * Same meaning as Temporal's option: `compatible` takes the earlier of two and, in a gap, moves
 * forward by the length of the gap; `earlier`/`later` pick explicitly; `reject` throws.
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

/** Elapsed-time units: hours-periods and elapsed-day figures are counted in these, never calendar days. */
export const MS_PER_HOUR = 3_600_000;
/** 24 elapsed hours; calendar days (which may last 23 or 25 hours) go through `addDays` instead. */
export const MS_PER_DAY = 86_400_000;

/** An ISO 8601 instant with seconds and an explicit offset or `Z`; calendar dates are checked. */
export const isoInstantSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone offset, e.g. 2026-03-20T15:00:00Z' });

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone: building an Intl.DateTimeFormat costs far more than using it. */
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA zone name; callers validate input with it. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** An IANA time-zone name the runtime knows, e.g. "Europe/Paris". */
export const timeZoneSchema = z.string().trim().min(1, { error: 'required' }).refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Paris' });

/**
 * Epoch milliseconds of a wall-clock reading taken as if it were UTC. `Date.UTC` maps years 0–99
 * to 1900–1999, so the year is set separately.
 */
export function wallClockMs(local: LocalDateTime): number {
  const date = new Date(0);
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour, local.minute, local.second, local.millisecond);
  return date.getTime();
}

/** The wall-clock reading of an instant in a zone. */
export function toLocal(instant: number, timeZone: string): LocalDateTime {
  const parts = partsFormatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new RangeError(`Intl did not return a ${type} for ${timeZone}`);
    return Number(part.value);
  };
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  return {
    year,
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (Paris in summer: +7 200 000). */
export function offsetMs(instant: number, timeZone: string): number {
  return wallClockMs(toLocal(instant, timeZone)) - instant;
}

/**
 * The instant a wall clock in `timeZone` shows `local`.
 *
 * How: a reading maps to `wall − offset` for an offset in force at that instant. The offsets in
 * force a day either side are the only candidates (zones change offset at most once within two
 * days); a candidate is kept when the zone really shows `local` at it. Two survivors mean a
 * fall-back overlap, none a spring-forward gap: `disambiguation` decides. In a gap, `compatible`
 * and `later` use the offset from before the change, which lands after the gap by its length
 * (02:30 on the Paris spring-forward night becomes 03:30 CEST), as Temporal does.
 */
export function fromLocal(local: LocalDateTime, timeZone: string, disambiguation: Disambiguation = 'compatible'): number {
  const wall = wallClockMs(local);
  const before = offsetMs(wall - MS_PER_DAY, timeZone);
  const after = offsetMs(wall + MS_PER_DAY, timeZone);
  const candidates = [...new Set([before, offsetMs(wall, timeZone), after])]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  const last = candidates[candidates.length - 1];
  if (first !== undefined && last !== undefined) {
    switch (disambiguation) {
      case 'compatible':
      case 'earlier':
        return first;
      case 'later':
        return last;
      case 'reject':
        if (first !== last) throw new RangeError(`${formatLocal(local)} occurs twice in ${timeZone}`);
        return first;
    }
  }
  switch (disambiguation) {
    case 'compatible':
    case 'later':
      return wall - before;
    case 'earlier':
      return wall - after;
    case 'reject':
      throw new RangeError(`${formatLocal(local)} does not exist in ${timeZone}`);
  }
}

/** Calendar arithmetic on a local date (no zone involved: a day is a calendar day). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(wallClockMs({ ...date, hour: 12, minute: 0, second: 0, millisecond: 0 }) + days * MS_PER_DAY);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(instant: number, timeZone: string): LocalDate {
  const { year, month, day } = toLocal(instant, timeZone);
  return { year, month, day };
}

/**
 * The first instant of a local day. Usually local midnight; where a zone skips midnight (a
 * spring-forward at 00:00) it is the end of the gap, and where midnight occurs twice, the first.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  return fromLocal({ ...date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone, 'compatible');
}

/**
 * The last millisecond of a local day: one millisecond before the next day starts. Computed that
 * way rather than as 23:59:59.999 so a day shortened, lengthened or skipped by a clock change (the
 * day Kiribati crossed the date line has no instants) still ends where its successor begins.
 */
export function endOfLocalDay(date: LocalDate, timeZone: string): number {
  return startOfLocalDay(addDays(date, 1), timeZone) - 1;
}

/**
 * The end of a period of `days` days that starts with an event at `eventInstant`, as Regulation
 * (EEC, Euratom) No 1182/71 Art. 3 counts it: the day of the event is not counted (Art. 3(1)), and
 * the period ends with the expiry of the last hour of its last day (Art. 3(2)(b)). Days are days of
 * the calendar in `timeZone` — the zone of the party that must act — so "10 days from receipt at
 * 2026-03-20 15:00 Europe/Paris" ends at 2026-03-30 23:59:59.999 Paris time, which is
 * 2026-03-30T21:59:59.999Z because Paris moved to summer time on 29 March.
 *
 * Art. 3(4) (a period ending on a Saturday, Sunday or public holiday runs to the end of the next
 * working day) is deliberately not applied: Liaison has no holiday calendar per State, and the
 * instant returned is then never later than the legal one.
 */
export function endOfDayPeriod(eventInstant: number, days: number, timeZone: string): number {
  return endOfLocalDay(addDays(localDateOf(eventInstant, timeZone), days), timeZone);
}

/**
 * The end of a period in hours. Runs from the exact instant of the event (8 hours from 10:17 end
 * at 18:17), in elapsed time, so a clock change in between neither adds nor removes an hour.
 */
export function endOfHourPeriod(eventInstant: number, hours: number): number {
  return eventInstant + hours * MS_PER_HOUR;
}

/** Epoch milliseconds of an ISO 8601 instant; throws RangeError for anything else. */
export function parseInstant(iso: string): number {
  if (!isoInstantSchema.safeParse(iso).success) throw new RangeError(`not an ISO 8601 instant with an offset: ${iso}`);
  return Date.parse(iso);
}

/** ISO 8601 in UTC with milliseconds: the one format instants leave the domain in. */
export function toIsoUtc(instant: number): string {
  return new Date(instant).toISOString();
}

/** "UTC+05:30", "UTC−04:00", "UTC+00:00": an offset readable in any language. */
export function formatOffset(offset: number): string {
  const sign = offset < 0 ? '−' : '+';
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

function formatLocal(local: LocalDateTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}`;
}

/**
 * An instant as a person in `timeZone` reads it, in `locale`, with the zone named: the UI shows a
 * deadline both in the user's zone and in the counterpart's, and a reader must never have to guess
 * which one a time is in. The abbreviation comes from Intl ("CEST", "EDT"); where the locale has
 * no abbreviation for the zone Intl already gives an offset ("GMT+5:30", "UTC+14"), otherwise the
 * numeric offset is added: "30 Mar 2026, 23:59 CEST (UTC+02:00)".
 */
export function formatInZone(isoUtc: string, timeZone: string, locale: string): string {
  const instant = parseInstant(isoUtc);
  const date = new Date(instant);
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(date);
  const zoneName =
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const hasOffset = /^(GMT|UTC)([+\-−]|$)/.test(zoneName);
  const offset = formatOffset(offsetMs(instant, timeZone));
  if (zoneName === '') return `${dateTime} ${offset}`;
  return hasOffset ? `${dateTime} ${zoneName}` : `${dateTime} ${zoneName} (${offset})`;
}
