/** The current time, and times of day in other time zones ("local time now" of a contact point). */
import { useEffect, useState } from 'react';
import { regionalLocale } from './format.ts';

/**
 * The current time, re-rendered at the start of every minute (the pages show hours and minutes,
 * so a finer tick would only cost renders).
 */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let interval: ReturnType<typeof setInterval> | undefined;
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    const timeout = setTimeout(() => {
      setNow(new Date());
      interval = setInterval(() => setNow(new Date()), 60_000);
    }, untilNextMinute);
    return () => {
      clearTimeout(timeout);
      if (interval !== undefined) clearInterval(interval);
    };
  }, []);
  return now;
}

/** "Tue 14:05 (GMT+1)": weekday, time and UTC offset of `now` in `timeZone`; `null` for an unknown zone. */
export function formatLocalTime(now: Date, timeZone: string, language: string): string | null {
  try {
    const locale = regionalLocale(language);
    const time = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(now);
    const offset = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(now)
      .find((part) => part.type === 'timeZoneName')?.value;
    return offset ? `${time} (${offset})` : time;
  } catch {
    return null;
  }
}

/** A calendar date (`2006-05-01`) in the reader's format, without any time-zone shift. */
export function formatCalendarDate(date: string | null, language: string, fallback = '—'): string {
  if (date === null || date === '') return fallback;
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(regionalLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed);
}

/** Today in the reader's time zone as `YYYY-MM-DD` (the value of a date input). */
export function todayIso(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
