/**
 * Base of the progress engine's models. SQLite and PostgreSQL hand back the same column in
 * different shapes (a timestamp as text or a Date, a boolean as 0/1 or true/false, a bigint as
 * a number or a string); each model lists its columns by kind and reads them back in one shape,
 * so repositories and tests see the same values on both databases.
 */
import { Model, type Pojo } from 'objection';

export abstract class EngineRowModel extends Model {
  /** Columns holding instants: read back as ISO 8601 text (UTC, milliseconds). */
  static instantColumns: readonly string[] = [];
  /** Columns holding booleans. */
  static booleanColumns: readonly string[] = [];
  /** Integer columns PostgreSQL may return as text (bigint). */
  static integerColumns: readonly string[] = [];

  override $parseDatabaseJson(json: Pojo): Pojo {
    const parsed = super.$parseDatabaseJson(json);
    const model = this.constructor as typeof EngineRowModel;
    for (const column of model.instantColumns) {
      const value = parsed[column];
      if (value !== null && value !== undefined) parsed[column] = toIsoInstant(value);
    }
    for (const column of model.booleanColumns) {
      const value = parsed[column];
      if (value !== null && value !== undefined) parsed[column] = Boolean(value);
    }
    for (const column of model.integerColumns) {
      const value = parsed[column];
      if (value !== null && value !== undefined) parsed[column] = Number(value);
    }
    return parsed;
  }
}

/**
 * @param value an instant as a database returns it: ISO text, a Date, or milliseconds.
 * @returns ISO 8601 text in UTC.
 */
export function toIsoInstant(value: unknown): string {
  // What Grange writes comes back as is from SQLite: no need to parse it again.
  if (typeof value === 'string' && CANONICAL_INSTANT.test(value)) return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const text = String(value);
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? text : new Date(millis).toISOString();
}

/** ISO 8601 in UTC with milliseconds, as `Date#toISOString` writes it. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
