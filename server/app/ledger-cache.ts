/**
 * Values worked out from one learner's ledger, kept in the process between requests: their
 * settled skill states (a learner's home, their curriculum pages and the same pages a moment
 * later all need the same fold: decoding the saved tracks, folding the events after them,
 * settling every skill of the catalog) and their columns of a trainer's grid (a grid refreshed
 * during a workshop reads the same rows again). An entry is used only while it is provably
 * what working it out again would give:
 *
 * - the learner's ledger still ends at the event it was worked out through (each request reads
 *   that end from the database, so another instance's writes are seen at once; events of one
 *   learner commit in `seq` order under the per-learner lock of `recordProgress`, which also
 *   writes their projection rows and saved tracks);
 * - the key names everything else it depends on (the catalog, the curriculum);
 * - `now` is still between the lapses of validations around the instant it was settled
 *   (`settledBetween`).
 *
 * Bounded: the least recently used keys go first (near enough: an entry used again moves back
 * to the end once it has drifted halfway to the front).
 */
import type { SkillState } from '../domain/progress/skill-states.ts';

/** Learners kept by default: a few busy workshops' worth, about 20 MB. */
export const DEFAULT_LEARNERS_KEPT = 1_000;

/** What a {@link LedgerCache} holds under one key. */
export interface LedgerCacheEntry<T> {
  /** The `seq` of the learner's last event the value was worked out from (0: none). */
  throughSeq: number;
  /** Epoch milliseconds between which the value holds (`settledBetween`). */
  from: number;
  until: number;
  value: T;
}

/**
 * Values worked out from one learner's ledger (their settled states; their columns of a
 * trainer's grid), each kept under a key that names everything else it depends on (the
 * learner, the catalog, the curriculum), used while the ledger still ends at the event it was
 * worked out through and `now` is between the lapses around the instant it was settled.
 * Bounded: the least recently used keys go first.
 */
export class LedgerCache<T> {
  readonly #capacity: number;
  /** Oldest first (Map keeps insertion order); `placed`: when each was last put at the end. */
  readonly #entries = new Map<string, { entry: LedgerCacheEntry<T>; placed: number }>();
  /** Counts placements, to tell how far from the end an entry has drifted. */
  #placements = 0;

  /** @param capacity keys kept at most (0 keeps none). */
  constructor(capacity = DEFAULT_LEARNERS_KEPT) {
    this.#capacity = capacity;
  }

  /**
   * @returns the value kept under `key` when it still holds for a ledger ending at `lastSeq`
   *   and for `now` (epoch milliseconds); else undefined.
   */
  find(key: string, at: { lastSeq: number; now: number }): T | undefined {
    const kept = this.#entries.get(key);
    if (kept === undefined) return undefined;
    const { entry } = kept;
    if (entry.throughSeq !== at.lastSeq || at.now < entry.from || at.now >= entry.until) {
      return undefined;
    }
    // Used again: put back at the end once it has drifted halfway to the front, rather than
    // on every use (moving an entry of a large Map costs more than the lookup).
    if (this.#placements - kept.placed > this.#capacity / 2) this.#place(key, entry);
    return entry.value;
  }

  /** Keeps a value, in place of what was kept under its key. */
  keep(key: string, entry: LedgerCacheEntry<T>): void {
    if (this.#capacity <= 0) return;
    this.#place(key, entry);
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  /** Keys kept now. */
  get size(): number {
    return this.#entries.size;
  }

  #place(key: string, entry: LedgerCacheEntry<T>): void {
    this.#entries.delete(key);
    this.#placements += 1;
    this.#entries.set(key, { entry, placed: this.#placements });
  }
}

/** Learners' settled states, under `learnerStatesKey`. */
export type LearnerStatesCache = LedgerCache<ReadonlyMap<string, SkillState>>;

/** @returns the key of a learner's states folded with a catalog. */
export function learnerStatesKey(learnerId: string, catalogKey: string): string {
  return `${catalogKey}|${learnerId}`;
}

const derived = new WeakMap<ReadonlyMap<string, SkillState>, Map<string, unknown>>();

/**
 * What a pure function of one learner's states (and of what `key` says) gives, worked out once
 * per states object: while the cache above hands out the same object, the learner's next
 * steps or curriculum summaries are not worked out again. Held weakly: the memo goes with the
 * states.
 *
 * @param states the learner's states (never changed once settled).
 * @param key everything else the result depends on.
 * @param compute the function.
 */
export function derivedFrom<T>(
  states: ReadonlyMap<string, SkillState>,
  key: string,
  compute: () => T,
): T {
  let memo = derived.get(states);
  if (memo === undefined) {
    memo = new Map();
    derived.set(states, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

/** A set's members in one string, whatever their order: part of a `derivedFrom` key. */
export function setKey(members: ReadonlySet<string>): string {
  return [...members].sort().join(',');
}
