/**
 * Column values that the two databases return differently: SQLite has no timestamp or boolean
 * type (timestamps come back as the ISO text written, booleans as 0/1), PostgreSQL returns
 * Date and boolean. Models call these in `$parseDatabaseJson` so repositories always see Date
 * and boolean, and in `$formatDatabaseJson` so both databases store timestamps as ISO 8601 (knex
 * would otherwise write a Date to SQLite as milliseconds).
 */
import type { Pojo } from 'objection';

/** @returns `json` with the named columns turned into Date (null stays null). */
export function parseTimestamps(json: Pojo, columns: readonly string[]): Pojo {
  for (const column of columns) {
    const value: unknown = json[column];
    if (value === null || value === undefined || value instanceof Date) continue;
    if (typeof value === 'string' || typeof value === 'number') json[column] = new Date(value);
  }
  return json;
}

/** @returns `json` with the named columns turned into booleans. */
export function parseBooleans(json: Pojo, columns: readonly string[]): Pojo {
  for (const column of columns) {
    const value: unknown = json[column];
    if (typeof value === 'number' || typeof value === 'bigint')
      json[column] = value !== 0 && value !== 0n;
  }
  return json;
}

/** @returns `json` with every Date written as ISO 8601 text. */
export function formatTimestamps(json: Pojo): Pojo {
  for (const [column, value] of Object.entries(json)) {
    if (value instanceof Date) json[column] = value.toISOString();
  }
  return json;
}
