/**
 * Prepared statements kept per SQLite connection (knex's own and the read-only one of
 * `select-rows.ts`).
 */

/** What this module uses of a better-sqlite3 connection. */
export interface SqliteConnection {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
}

/** Prepared statements kept per connection; the least recently used go first. */
const PREPARED_STATEMENTS = 1000;

/**
 * Knex prepares every statement again each time it runs it, which costs more than running a
 * short one (a sign-in check, a learner's saved tracks). The same SQL text gets the same
 * prepared statement instead: knex runs each to completion at once (`all` or `run`, never an
 * iterator), and SQLite prepares a statement again by itself when the schema changes.
 */
export function cachePreparedStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (statements.size >= PREPARED_STATEMENTS) {
        statements.delete(statements.keys().next().value as string);
      }
    } else {
      statements.delete(sql);
    }
    statements.set(sql, statement);
    return statement;
  };
}
