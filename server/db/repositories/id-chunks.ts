/**
 * Batch reads bind one variable per id in `WHERE … IN (…)`. SQLite caps the variables of one
 * statement (999 in builds before 3.32), so a batch of ids is read in slices of at most
 * {@link MAX_IDS_PER_QUERY}: a constant number of queries per 500 items, never one per item.
 */

/** The most ids one statement binds. */
export const MAX_IDS_PER_QUERY = 500;

/**
 * @param ids the ids to read (repeats are dropped).
 * @returns them in slices of at most {@link MAX_IDS_PER_QUERY}, in their first order; none
 *   for no ids.
 */
export function idChunks(ids: Iterable<string>): string[][] {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += MAX_IDS_PER_QUERY) {
    chunks.push(unique.slice(start, start + MAX_IDS_PER_QUERY));
  }
  return chunks;
}

/**
 * @param ids the ids to read.
 * @param read one batch read of at most {@link MAX_IDS_PER_QUERY} ids.
 * @returns every slice's rows, slice after slice (one query per slice, one after the other).
 */
export async function readByIdChunks<T>(
  ids: Iterable<string>,
  read: (chunk: string[]) => Promise<readonly T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (const chunk of idChunks(ids)) rows.push(...(await read(chunk)));
  return rows;
}
