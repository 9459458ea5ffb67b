/**
 * Watching a counter column that triggers move (`people.facts_stamp`, `groups.grid_stamp`):
 * what it reads on every row, and which rows' counters a write moved.
 */
import type { Database } from '../../server/db/connection.ts';

/**
 * @param db the database (read afresh on each call: the test may make it later).
 * @param table the table holding the counter.
 * @param column the counter, as knex names it (camelCase).
 */
export function watchStamps(db: () => Database, table: string, column: string) {
  const stamps = async (): Promise<Record<string, number>> => {
    const rows = await db()(table).select('id', column);
    return Object.fromEntries(rows.map((row) => [row.id, Number(row[column])]));
  };
  /** @returns the ids of the rows whose counter moved while `write` ran, sorted. */
  const moved = async (write: () => Promise<unknown>): Promise<string[]> => {
    const before = await stamps();
    await write();
    const after = await stamps();
    return Object.keys(after)
      .filter((id) => after[id] !== before[id])
      .sort();
  };
  return { stamps, moved };
}
