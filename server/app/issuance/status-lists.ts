/**
 * Which revocation status list a new credential goes on. Lists are numbered and published at
 * `<public URL>/status/<n>`; each holds 131,072 entries, the smallest size the specification
 * allows. New credentials go on the highest-numbered list; when it has no free index left, the
 * next list is created in the same transaction and the credential goes there.
 *
 * Unique under concurrency: the list is read `FOR UPDATE` on PostgreSQL (SQLite runs one write
 * transaction at a time), so two transactions never give out the same index. Two transactions
 * that both find the last list full both try to create the next one: the second insert is
 * ignored (`ON CONFLICT DO NOTHING`, which waits for the first transaction), and both then
 * allocate on the same row, one after the other. Lists are always locked in ascending order,
 * so allocations never deadlock.
 */
import {
  createStatusList,
  type RandomInt,
  restoreStatusList,
  type StatusList,
  serializeStatusList,
} from '../../../badges/status/status-list.ts';
import type { Database } from '../../db/connection.ts';
import {
  findStatusList,
  insertStatusListIfAbsent,
  listStatusListIds,
} from '../../db/repositories/status-lists-repository.ts';

/** The highest list number served (far beyond any real need: 131,072 credentials each). */
export const MAX_STATUS_LIST_NUMBER = 1_000_000;

/**
 * @param publicUrl the platform's public base URL.
 * @param number which list, from 1.
 * @returns the URL of that revocation status list credential.
 */
export function statusListUrl(publicUrl: string, number = 1): string {
  return `${trimSlash(publicUrl)}/status/${number}`;
}

/**
 * @param publicUrl the platform's public base URL.
 * @param url a status list URL, or any text (a path segment from a request).
 * @returns its list number when it is one of this platform's lists' URLs, else undefined.
 */
export function statusListNumber(publicUrl: string, url: string): number | undefined {
  const prefix = `${trimSlash(publicUrl)}/status/`;
  if (!url.startsWith(prefix)) return undefined;
  return parseStatusListNumber(url.slice(prefix.length));
}

/**
 * @param text the `<n>` of `/status/<n>`.
 * @returns the number, or undefined unless it is written canonically (1, 2… no leading zero)
 *   and at most {@link MAX_STATUS_LIST_NUMBER}.
 */
export function parseStatusListNumber(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,6}$/.test(text)) return undefined;
  const number = Number(text);
  return number <= MAX_STATUS_LIST_NUMBER ? number : undefined;
}

/** An index given out, on the list that holds it; save the list in the same transaction. */
export interface StatusAllocation {
  list: StatusList;
  index: number;
}

/**
 * Gives a new credential its status list index, creating the next list when the current one
 * is full. The list comes back changed but not saved: the caller saves it (or, when it does
 * not issue after all, simply does not, and the index stays free).
 *
 * @param trx the issuing transaction.
 * @param publicUrl the platform's public base URL.
 * @param at when (a new list's creation time).
 * @param random the randomness for the index (default: node:crypto).
 * @returns the list and the index.
 * @throws Error when no list exists at all (`ensureIssuer` creates list 1 at start).
 */
export async function allocateStatusIndex(
  trx: Database,
  publicUrl: string,
  at: string,
  random?: RandomInt,
): Promise<StatusAllocation> {
  let number = await currentListNumber(trx, publicUrl);
  for (;;) {
    const id = statusListUrl(publicUrl, number);
    const stored = await findStatusList(trx, id, { lock: true });
    if (stored === undefined) {
      throw new Error(`the status list ${id} does not exist: run ensureIssuer at start`);
    }
    const list = restoreStatusList(stored.state);
    if (list.freeCount > 0) return { list, index: list.allocate(random) };
    number += 1;
    await insertStatusListIfAbsent(
      trx,
      serializeStatusList(createStatusList({ id: statusListUrl(publicUrl, number) })),
      at,
    );
  }
}

/** The highest list number stored for this public URL (1 when there is none yet). */
async function currentListNumber(trx: Database, publicUrl: string): Promise<number> {
  let highest = 1;
  for (const id of await listStatusListIds(trx)) {
    const number = statusListNumber(publicUrl, id);
    if (number !== undefined && number > highest) highest = number;
  }
  return highest;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
