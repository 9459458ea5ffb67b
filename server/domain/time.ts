/**
 * Time arithmetic for the core. The core never reads the clock: callers pass `now`, which
 * keeps every rule reproducible in tests and in replays of the ledger.
 */
import { InvalidDate } from './errors.ts';

/** An instant as callers give it: ISO 8601 text or a Date. */
export type Instant = string | Date;

/**
 * @param instant ISO 8601 text or a Date.
 * @returns milliseconds since the epoch.
 * @throws InvalidDate when the instant does not parse.
 */
export function toMillis(instant: Instant): number {
  const millis = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(millis)) throw new InvalidDate(String(instant));
  return millis;
}

/**
 * Adds calendar months in UTC, keeping the time of day. A day that the target month lacks is
 * clamped to its last day (31 January + 1 month = 28 or 29 February), the way people count
 * "valid for N months".
 *
 * @param millis the start, in milliseconds since the epoch.
 * @param months how many months to add.
 * @returns the end, in milliseconds since the epoch.
 */
export function addMonths(millis: number, months: number): number {
  const start = new Date(millis);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(start.getUTCDate(), lastDay),
    start.getUTCHours(),
    start.getUTCMinutes(),
    start.getUTCSeconds(),
    start.getUTCMilliseconds(),
  );
}
