/**
 * Calendar days and wall-clock times in a time zone. Workshops happen in one place (near Tours),
 * so "today" and "14:00" mean the local day and the local time there, with summer time, not UTC.
 * Built on `Intl.DateTimeFormat` (the zone database Node ships): no I/O, no clock read.
 */
import { InvalidDate } from './errors.ts';

/** Where the workshops happen, unless the configuration says otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** A calendar day as people write it: `YYYY-MM-DD`. */
export type CalendarDay = string;

/** The instants of one calendar day in a zone: `start` included, `end` excluded. */
export interface DayBounds {
  start: number;
  end: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Building a formatter is costly; a zone's is reused by every call.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * @param timeZone an IANA zone name, e.g. `Europe/Paris` (any letter case).
 * @returns its canonical spelling, or undefined when the zone is unknown.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * @param millis an instant, in milliseconds since the epoch.
 * @param timeZone an IANA zone name.
 * @returns the calendar day it falls on in that zone.
 */
export function calendarDayOf(millis: number, timeZone: string): CalendarDay {
  const { year, month, day } = wallClock(millis, timeZone);
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/**
 * The first instant of a calendar day in a zone: local midnight, or, where the clocks jump
 * over midnight (some zones change time at 00:00), the first local time that exists that day.
 *
 * @param day `YYYY-MM-DD`.
 * @param timeZone an IANA zone name.
 * @returns milliseconds since the epoch.
 * @throws InvalidDate when `day` is not a calendar day.
 */
export function startOfCalendarDay(day: CalendarDay, timeZone: string): number {
  const asUtc = utcMidnightOf(day);
  // The offset can change within a day of local midnight, never twice: try the offset in
  // force a day before and a day after, and keep the earliest candidate that falls on `day`.
  const candidates = [asUtc - DAY, asUtc + DAY]
    .map((probe) => asUtc - offsetAt(probe, timeZone))
    .filter((candidate) => calendarDayOf(candidate, timeZone) === day)
    .sort((a, b) => a - b);
  return candidates[0] ?? asUtc - offsetAt(asUtc, timeZone);
}

/**
 * @param millis an instant.
 * @param timeZone an IANA zone name.
 * @returns the bounds of the calendar day the instant falls on in that zone (23, 24 or 25
 *   hours long around summer-time changes).
 */
export function calendarDayBounds(millis: number, timeZone: string): DayBounds {
  const day = calendarDayOf(millis, timeZone);
  return {
    start: startOfCalendarDay(day, timeZone),
    end: startOfCalendarDay(addCalendarDays(day, 1), timeZone),
  };
}

/**
 * @param day `YYYY-MM-DD`.
 * @param days how many days to add (negative: back).
 * @returns the calendar day that many days later.
 * @throws InvalidDate when `day` is not a calendar day.
 */
export function addCalendarDays(day: CalendarDay, days: number): CalendarDay {
  return new Date(utcMidnightOf(day) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The instant a local clock shows a time on a day, e.g. 14:00 on 2026-03-29 in Paris. A time
 * the clocks skip (02:30 the night they go forward) comes out an hour off; one they show
 * twice (02:30 the night they go back) is the later of the two.
 *
 * @param day `YYYY-MM-DD`.
 * @param hour 0 to 23.
 * @param minute 0 to 59.
 * @param timeZone an IANA zone name.
 * @returns milliseconds since the epoch.
 * @throws InvalidDate when `day` is not a calendar day.
 */
export function atLocalTime(
  day: CalendarDay,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const asUtc = utcMidnightOf(day) + hour * HOUR + minute * 60_000;
  const guess = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(guess, timeZone);
}

/**
 * @param millis an instant.
 * @param timeZone an IANA zone name.
 * @param lang French or English.
 * @returns the local date written out, e.g. "samedi 28 mars 2026" / "Saturday 28 March 2026".
 */
export function formatLocalDate(millis: number, timeZone: string, lang: 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(millis);
}

/**
 * @param millis an instant.
 * @param timeZone an IANA zone name.
 * @returns the local time on a 24-hour clock, e.g. "23:30" (the same in French and English).
 */
export function formatLocalTime(millis: number, timeZone: string): string {
  const { hour, minute } = wallClock(millis, timeZone);
  return `${pad(hour)}:${pad(minute)}`;
}

/** The local date and time of an instant in a zone. */
function wallClock(
  millis: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = wallClockFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(millis)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** @returns how far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(millis: number, timeZone: string): number {
  const wholeSeconds = Math.floor(millis / 1000) * 1000;
  const local = wallClock(wholeSeconds, timeZone);
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  return asUtc - wholeSeconds;
}

function utcMidnightOf(day: CalendarDay): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const millis = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 10) !== day) {
    throw new InvalidDate(day);
  }
  return millis;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
