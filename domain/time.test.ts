import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  endOfDayPeriod,
  endOfHourPeriod,
  endOfLocalDay,
  formatInZone,
  formatOffset,
  fromLocal,
  isValidTimeZone,
  localDateOf,
  offsetMs,
  parseInstant,
  startOfLocalDay,
  toIsoUtc,
  toLocal,
  type LocalDateTime,
} from './time.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => toIsoUtc(ms);
const local = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): LocalDateTime => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
  millisecond,
});

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Kiritimati', 'UTC', 'America/Santiago', 'Europe/London', 'Pacific/Apia'];

describe('offsets and wall clocks', () => {
  it('reads offsets in summer and winter, half-hour and +14 zones', () => {
    const hour = 3_600_000;
    expect(offsetMs(at('2026-01-15T12:00:00Z'), 'Europe/Paris')).toBe(hour);
    expect(offsetMs(at('2026-07-15T12:00:00Z'), 'Europe/Paris')).toBe(2 * hour);
    expect(offsetMs(at('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * hour);
    expect(offsetMs(at('2026-01-15T12:00:00Z'), 'Australia/Sydney')).toBe(11 * hour);
    expect(offsetMs(at('2026-07-15T12:00:00Z'), 'Australia/Sydney')).toBe(10 * hour);
    expect(offsetMs(at('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * hour);
    expect(offsetMs(at('2026-07-15T12:00:00Z'), 'Pacific/Kiritimati')).toBe(14 * hour);
  });

  it('shows the local date of an instant, which in +14 is often the next UTC day', () => {
    expect(toLocal(at('2026-03-20T10:00:00.123Z'), 'Pacific/Kiritimati')).toEqual(local(2026, 3, 21, 0, 0, 0, 123));
    expect(localDateOf(at('2026-03-20T09:59:59.999Z'), 'Pacific/Kiritimati')).toEqual({ year: 2026, month: 3, day: 20 });
    expect(toLocal(-1, 'UTC')).toEqual(local(1969, 12, 31, 23, 59, 59, 999));
    expect(toLocal(at('0050-06-01T00:00:00Z'), 'UTC').year).toBe(50);
  });
});

describe('fromLocal (DST-safe local → UTC)', () => {
  it('converts ordinary times', () => {
    expect(iso(fromLocal(local(2026, 3, 20, 15), 'Europe/Paris'))).toBe('2026-03-20T14:00:00.000Z');
    expect(iso(fromLocal(local(2026, 3, 31, 3, 29), 'Asia/Kolkata'))).toBe('2026-03-30T21:59:00.000Z');
    expect(iso(fromLocal(local(2026, 3, 21, 0), 'Pacific/Kiritimati'))).toBe('2026-03-20T10:00:00.000Z');
  });

  it('moves a time skipped by spring-forward past the gap (compatible), or before it (earlier), or rejects it', () => {
    // Paris, 29 March 2026: 02:00 CET → 03:00 CEST.
    expect(iso(fromLocal(local(2026, 3, 29, 2, 30), 'Europe/Paris'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(fromLocal(local(2026, 3, 29, 2, 30), 'Europe/Paris', 'later'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(fromLocal(local(2026, 3, 29, 2, 30), 'Europe/Paris', 'earlier'))).toBe('2026-03-29T00:30:00.000Z');
    expect(() => fromLocal(local(2026, 3, 29, 2, 30), 'Europe/Paris', 'reject')).toThrow(RangeError);
    // New York, 8 March 2026: 02:00 EST → 03:00 EDT.
    expect(iso(fromLocal(local(2026, 3, 8, 2, 30), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    // Sydney, 4 October 2026: 02:00 AEST → 03:00 AEDT.
    expect(iso(fromLocal(local(2026, 10, 4, 2, 30), 'Australia/Sydney'))).toBe('2026-10-03T16:30:00.000Z');
  });

  it('picks the first or second occurrence of a time repeated by fall-back', () => {
    // Paris, 25 October 2026: 03:00 CEST → 02:00 CET.
    expect(iso(fromLocal(local(2026, 10, 25, 2, 30), 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(fromLocal(local(2026, 10, 25, 2, 30), 'Europe/Paris', 'later'))).toBe('2026-10-25T01:30:00.000Z');
    expect(() => fromLocal(local(2026, 10, 25, 2, 30), 'Europe/Paris', 'reject')).toThrow(/occurs twice/);
    // New York, 1 November 2026: 02:00 EDT → 01:00 EST.
    expect(iso(fromLocal(local(2026, 11, 1, 1, 30), 'America/New_York', 'earlier'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(fromLocal(local(2026, 11, 1, 1, 30), 'America/New_York', 'later'))).toBe('2026-11-01T06:30:00.000Z');
    // Sydney, 5 April 2026: 03:00 AEDT → 02:00 AEST.
    expect(iso(fromLocal(local(2026, 4, 5, 2, 30), 'Australia/Sydney', 'earlier'))).toBe('2026-04-04T15:30:00.000Z');
    expect(iso(fromLocal(local(2026, 4, 5, 2, 30), 'Australia/Sydney', 'later'))).toBe('2026-04-04T16:30:00.000Z');
  });

  it('round-trips every instant through its wall-clock reading (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2045, 0, 1) }), fc.constantFrom(...ZONES), (t, zone) => {
        const reading = toLocal(t, zone);
        const earlier = fromLocal(reading, zone, 'earlier');
        const later = fromLocal(reading, zone, 'later');
        expect([earlier, later]).toContain(t);
        expect(toLocal(earlier, zone)).toEqual(reading);
        expect(toLocal(later, zone)).toEqual(reading);
      }),
      { numRuns: 500 },
    );
  });
});

describe('local days', () => {
  it('adds calendar days across months and leap years', () => {
    expect(addDays({ year: 2026, month: 3, day: 20 }, 10)).toEqual({ year: 2026, month: 3, day: 30 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });

  it('starts a day where midnight is skipped at the end of the gap (Santiago, 6 September 2026)', () => {
    expect(iso(startOfLocalDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    expect(iso(endOfLocalDay({ year: 2026, month: 9, day: 5 }, 'America/Santiago'))).toBe('2026-09-06T03:59:59.999Z');
  });

  it('handles the day Kiribati skipped when it moved across the date line (31 December 1994)', () => {
    expect(iso(endOfLocalDay({ year: 1994, month: 12, day: 30 }, 'Pacific/Kiritimati'))).toBe('1994-12-31T09:59:59.999Z');
    expect(iso(startOfLocalDay({ year: 1995, month: 1, day: 1 }, 'Pacific/Kiritimati'))).toBe('1994-12-31T10:00:00.000Z');
    // The skipped day has no instants: it ends where it would have begun.
    expect(endOfLocalDay({ year: 1994, month: 12, day: 31 }, 'Pacific/Kiritimati')).toBe(endOfLocalDay({ year: 1994, month: 12, day: 30 }, 'Pacific/Kiritimati'));
  });

  it('lasts 23 hours on spring-forward days and 25 on fall-back days', () => {
    const length = (y: number, m: number, d: number, zone: string) => endOfLocalDay({ year: y, month: m, day: d }, zone) + 1 - startOfLocalDay({ year: y, month: m, day: d }, zone);
    expect(length(2026, 3, 29, 'Europe/Paris')).toBe(23 * 3_600_000);
    expect(length(2026, 10, 25, 'Europe/Paris')).toBe(25 * 3_600_000);
    expect(length(2026, 3, 8, 'America/New_York')).toBe(23 * 3_600_000);
    expect(length(2026, 11, 1, 'America/New_York')).toBe(25 * 3_600_000);
    expect(length(2026, 4, 5, 'Australia/Sydney')).toBe(25 * 3_600_000);
  });
});

describe('periods (Reg. 1182/71 Art. 3)', () => {
  it('ends 10 days from a Paris receipt at the end of the 10th local day, after the DST change', () => {
    expect(iso(endOfDayPeriod(at('2026-03-20T14:00:00Z'), 10, 'Europe/Paris'))).toBe('2026-03-30T21:59:59.999Z');
  });

  it('does not count the day of the event, even one millisecond before midnight', () => {
    const zone = 'Europe/Paris';
    expect(iso(endOfDayPeriod(at('2026-03-19T22:59:59.999Z'), 1, zone))).toBe('2026-03-20T22:59:59.999Z');
    expect(iso(endOfDayPeriod(at('2026-03-19T23:00:00.000Z'), 1, zone))).toBe('2026-03-21T22:59:59.999Z');
  });

  it('always ends at the last millisecond of the local day N days after the event day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2045, 0, 1) }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom('Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Kiritimati'),
        (event, n, zone) => {
          const end = endOfDayPeriod(event, n, zone);
          expect(localDateOf(end, zone)).toEqual(addDays(localDateOf(event, zone), n));
          expect(toLocal(end + 1, zone)).toMatchObject({ hour: 0, minute: 0, second: 0, millisecond: 0 });
          expect(end).toBeGreaterThan(event);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('runs hours in elapsed time across a clock change', () => {
    expect(iso(endOfHourPeriod(at('2026-03-29T00:30:00Z'), 8))).toBe('2026-03-29T08:30:00.000Z');
  });
});

describe('parsing and display', () => {
  it('accepts only ISO instants with an offset and a real calendar date', () => {
    expect(parseInstant('2026-03-20T15:00:00+01:00')).toBe(at('2026-03-20T14:00:00Z'));
    expect(() => parseInstant('2026-03-20T15:00:00')).toThrow(RangeError);
    expect(() => parseInstant('2026-02-30T00:00:00Z')).toThrow(RangeError);
    expect(() => parseInstant('yesterday')).toThrow(RangeError);
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('formats offsets', () => {
    expect(formatOffset(5.5 * 3_600_000)).toBe('UTC+05:30');
    expect(formatOffset(-4 * 3_600_000)).toBe('UTC−04:00');
    expect(formatOffset(0)).toBe('UTC+00:00');
  });

  it('shows a deadline in the counterpart’s and the user’s zones with the zone named', () => {
    const due = '2026-03-30T21:59:59.999Z';
    expect(formatInZone(due, 'Europe/Paris', 'en-GB')).toBe('30 Mar 2026, 23:59 CEST (UTC+02:00)');
    expect(formatInZone(due, 'Asia/Kolkata', 'en-GB')).toBe('31 Mar 2026, 03:29 GMT+5:30');
    expect(formatInZone(due, 'Pacific/Kiritimati', 'en-GB')).toBe('31 Mar 2026, 11:59 GMT+14');
    expect(formatInZone(due, 'Europe/Paris', 'fr')).toBe('30 mars 2026, 23:59 UTC+2');
    expect(formatInZone(due, 'America/New_York', 'en-US')).toMatch(/^Mar 30, 2026, 5:59\s?PM EDT \(UTC−04:00\)$/);
  });
});
