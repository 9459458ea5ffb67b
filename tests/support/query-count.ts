/**
 * Counting the SQL statements an operation costs, to show that a list is read in a fixed
 * number of queries whatever its length (no "N+1": one query per item).
 */
import type { Database } from '../../server/db/connection.ts';

/** What {@link countQueries} measured. */
export interface Counted<T> {
  /** SQL statements knex sent while `fn` ran (transactions' included; BEGIN/COMMIT too). */
  queries: number;
  /** Their SQL text, in the order sent: what to read when a count goes up. */
  statements: string[];
  result: T;
}

/**
 * Counts through knex's `query` event, which fires once per statement sent to the database,
 * on the instance itself and on every transaction made from it. Nothing else may use `db`
 * while `fn` runs (suites run their tests one after the other).
 *
 * @param db the database the server under test uses.
 * @param fn the work to measure, e.g. one GraphQL request over HTTP.
 * @returns how many statements it sent, and what it returned.
 */
export async function countQueries<T>(db: Database, fn: () => Promise<T>): Promise<Counted<T>> {
  const statements: string[] = [];
  const listener = (query: { sql: string }): void => {
    statements.push(query.sql);
  };
  db.on('query', listener);
  try {
    const result = await fn();
    return { queries: statements.length, statements, result };
  } finally {
    db.off('query', listener);
  }
}
