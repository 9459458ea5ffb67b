/**
 * The signed credential of a public award as JSON text, for verifiers and employers' tools
 * (`GET /badges/:id` asked as JSON, the public request made most often).
 *
 * - A credential never changes once issued, so its stored text is kept in memory as UTF-8
 *   bytes (the most recently asked ones, bounded) and sent as they are: no parsing, no
 *   serialising or encoding again, and the same bytes object each time (the route keeps its
 *   ETag beside it).
 * - Whether it may be shown now is never kept: it is read for every request, so an award
 *   whose learner makes their profile private, or that is erased, answers 404 at once, from
 *   every server process. Revocation changes nothing here: the credential stays the same and
 *   verifiers learn of it from the status list.
 * - Those reads are batched without ever answering from a read older than the request: a
 *   read starts once the requests that arrived in the same turn of the event loop are in (a
 *   `setImmediate`), and a request arriving while a read is running waits for the NEXT read,
 *   which starts as soon as the running one ends and covers every award asked for meanwhile,
 *   in one statement. Under load, many requests share one statement; alone, a request waits
 *   for no one.
 */
import type { Database } from '../db/connection.ts';
import { findPublicAwardStates } from '../db/repositories/public-award-repository.ts';

/** Award ids as the public routes accept them. */
const AWARD_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Credentials kept in memory at most (a few KB each). */
const DEFAULT_MAX_ENTRIES = 5_000;

interface Waiting {
  awardId: string;
  resolve(bytes: Buffer | undefined): void;
  reject(error: unknown): void;
}

/**
 * @param db the database.
 * @param options how many credential texts to keep.
 * @returns a function giving an award's credential JSON as UTF-8 bytes (the stored text,
 *   unchanged), or undefined when there is no such award or its learner's profile is private
 *   (the same answer, on purpose).
 */
export function createPublishedCredentialReader(
  db: Database,
  options: { maxEntries?: number } = {},
): (awardId: string) => Promise<Buffer | undefined> {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  // A Map keeps insertion order: re-inserting on use makes its first key the least recent.
  const kept = new Map<string, Buffer>();
  let waiting: Waiting[] = [];
  let reading = false;

  const remember = (awardId: string, bytes: Buffer): void => {
    kept.delete(awardId);
    kept.set(awardId, bytes);
    if (kept.size > maxEntries) {
      const oldest = kept.keys().next().value;
      if (oldest !== undefined) kept.delete(oldest);
    }
  };

  const readBatch = async (): Promise<void> => {
    reading = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const ids = new Set(batch.map((w) => w.awardId));
      try {
        const states = await findPublicAwardStates(db, ids, {
          withCredential: [...ids].some((id) => !kept.has(id)),
        });
        for (const { awardId, resolve } of batch) {
          const state = states.get(awardId);
          const text = state?.credentialJson;
          const bytes = kept.get(awardId) ?? (text === undefined ? undefined : Buffer.from(text));
          if (state === undefined || state.hidden || bytes === undefined) {
            resolve(undefined);
            continue;
          }
          remember(awardId, bytes);
          resolve(bytes);
        }
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    reading = false;
  };

  return (awardId) => {
    if (!AWARD_ID.test(awardId)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      waiting.push({ awardId, resolve, reject });
      if (reading) return;
      reading = true;
      setImmediate(() => void readBatch());
    });
  };
}
