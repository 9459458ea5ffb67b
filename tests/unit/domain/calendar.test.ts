import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  atLocalTime,
  calendarDayBounds,
  calendarDayOf,
  canonicalTimeZone,
  DEFAULT_TIME_ZONE,
  formatLocalDate,
  formatLocalTime,
  startOfCalendarDay,
} from '../../../server/domain/calendar.ts';
import { InvalidDate } from '../../../server/domain/errors.ts';

const PARIS = DEFAULT_TIME_ZONE;
const at = (iso: string) => Date.parse(iso);
const isoBounds = (instant: string, zone = PARIS) => {
  const { start, end } = calendarDayBounds(at(instant), zone);
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
};

describe('calendar days in Europe/Paris', () => {
  it('puts a session at 23:30 Paris time on the 28th, not the 29th (UTC already says 22:30)', () => {
    // 2026-03-28 is the last Saturday in winter time (UTC+1).
    expect(calendarDayOf(at('2026-03-28T22:30:00Z'), PARIS)).toBe('2026-03-28');
    expect(isoBounds('2026-03-28T22:30:00Z')).toEqual({
      start: '2026-03-27T23:00:00.000Z',
      end: '2026-03-28T23:00:00.000Z',
    });
  });

  it('changes day at local midnight, not at UTC midnight', () => {
    expect(calendarDayOf(at('2026-03-28T22:59:59.999Z'), PARIS)).toBe('2026-03-28');
    expect(calendarDayOf(at('2026-03-28T23:00:00.000Z'), PARIS)).toBe('2026-03-29');
    // Summer time (UTC+2): 00:30 in Paris is still the evening before in UTC.
    expect(calendarDayOf(at('2026-07-14T21:59:59.999Z'), PARIS)).toBe('2026-07-14');
    expect(calendarDayOf(at('2026-07-14T22:30:00Z'), PARIS)).toBe('2026-07-15');
    expect(calendarDayOf(at('2026-07-15T00:30:00Z'), 'UTC')).toBe('2026-07-15');
  });

  it('makes the last Sunday of March 23 hours long (clocks go forward at 02:00)', () => {
    expect(isoBounds('2026-03-29T12:00:00Z')).toEqual({
      start: '2026-03-28T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
    expect(formatLocalTime(at('2026-03-29T00:59:59Z'), PARIS)).toBe('01:59');
    expect(formatLocalTime(at('2026-03-29T01:00:00Z'), PARIS)).toBe('03:00');
  });

  it('makes the last Sunday of October 25 hours long (clocks go back at 03:00)', () => {
    expect(isoBounds('2026-10-25T12:00:00Z')).toEqual({
      start: '2026-10-24T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
    });
    // The evening of the change: 23:30 local is 22:30 UTC, the same day.
    expect(calendarDayOf(at('2026-10-25T22:30:00Z'), PARIS)).toBe('2026-10-25');
    expect(startOfCalendarDay('2026-10-26', PARIS)).toBe(at('2026-10-25T23:00:00Z'));
  });

  it('starts the day at the first local time that exists where clocks jump over midnight', () => {
    // Chile goes from 00:00 to 01:00 on the first Sunday of September 2026.
    expect(isoBounds('2026-09-06T12:00:00Z', 'America/Santiago')).toEqual({
      start: '2026-09-06T04:00:00.000Z',
      end: '2026-09-07T03:00:00.000Z',
    });
    expect(formatLocalTime(at('2026-09-06T04:00:00Z'), 'America/Santiago')).toBe('01:00');
  });

  it('holds every instant inside its day, with the day starting and ending exactly there', () => {
    const zones = [PARIS, 'America/Santiago', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2035-12-31T00:00:00Z') }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const day = calendarDayOf(instant, zone);
          const { start, end } = calendarDayBounds(instant, zone);
          expect(start).toBeLessThanOrEqual(instant);
          expect(end).toBeGreaterThan(instant);
          expect(calendarDayOf(start, zone)).toBe(day);
          expect(calendarDayOf(start - 1, zone)).not.toBe(day);
          expect(calendarDayOf(end - 1, zone)).toBe(day);
          expect(calendarDayOf(end, zone)).not.toBe(day);
          expect(end - start).toBeGreaterThanOrEqual(22 * 3_600_000);
          expect(end - start).toBeLessThanOrEqual(26 * 3_600_000);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds the instant of a local time, on either side of a clock change', () => {
    expect(atLocalTime('2026-03-28', 14, 0, PARIS)).toBe(at('2026-03-28T13:00:00Z'));
    expect(atLocalTime('2026-03-29', 14, 0, PARIS)).toBe(at('2026-03-29T12:00:00Z'));
    expect(atLocalTime('2026-03-28', 23, 30, PARIS)).toBe(at('2026-03-28T22:30:00Z'));
    // 02:30 does not exist on 29 March (an hour later), and happens twice on 25 October.
    expect(atLocalTime('2026-03-29', 2, 30, PARIS)).toBe(at('2026-03-29T01:30:00Z'));
    expect(atLocalTime('2026-10-25', 2, 30, PARIS)).toBe(at('2026-10-25T01:30:00Z'));
  });

  it('counts calendar days across months and clock changes', () => {
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-10-20', 7)).toBe('2026-10-27');
  });

  it('refuses a day that is not a calendar day', () => {
    expect(() => startOfCalendarDay('2026-02-30', PARIS)).toThrow(InvalidDate);
    expect(() => startOfCalendarDay('28/03/2026', PARIS)).toThrow(InvalidDate);
  });
});

describe('time zone names and local formats', () => {
  it('knows IANA zones in any letter case and refuses the others', () => {
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Europe/Tours')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
  });

  it('writes the local date in French and English, and the time on a 24-hour clock', () => {
    const evening = at('2026-03-28T22:30:00Z');
    expect(formatLocalDate(evening, PARIS, 'fr')).toBe('samedi 28 mars 2026');
    expect(formatLocalDate(evening, PARIS, 'en')).toBe('Saturday, 28 March 2026');
    expect(formatLocalTime(evening, PARIS)).toBe('23:30');
    expect(formatLocalTime(at('2026-03-28T23:05:00Z'), PARIS)).toBe('00:05');
  });
});
