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
 * Bounded: the least recently used values go first (near enough: a value used again moves
 * back to the end once half the capacity has been kept since it was last put there).
 *
 * `learner/learner-facts.ts` keeps a learner's badges, enrolments and unread count in one the
 * same way, under the person's facts stamp (which triggers move) rather than their ledger's end;
 * `workshops/group-progress.ts` keeps whole grids, by group, under the group's grid stamp.
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

/** One kept value, where it sits: in its scope's map, and in the order of keeping. */
interface Slot<T> {
  scope: string;
  ids: Map<string, Slot<T>>;
  id: string;
  entry: LedgerCacheEntry<T>;
  /** How many values had been kept when it was last put at the end. */
  placedAt: number;
}

/**
 * Values worked out from one learner's ledger (their settled states; their columns of a
 * trainer's grid), each kept under a scope that names everything else it depends on (the
 * catalog, the curriculum) and the learner's id, used while the ledger still ends at the event
 * it was worked out through and `now` is between the lapses around the instant it was settled.
 * Bounded: keys not used lately go first.
 *
 * Two levels (scope, then id) rather than one key made of both: a key string built for each
 * lookup costs V8 about a microsecond to hash, twenty times the lookup (a grid makes one per
 * learner); the ids come from database rows, the scope is made once per request.
 */
export class LedgerCache<T> {
  readonly #capacity: number;
  readonly #scopes = new Map<string, Map<string, Slot<T>>>();
  /** Oldest first (a Set keeps insertion order). */
  readonly #order = new Set<Slot<T>>();
  /** Values kept so far: how far a slot has drifted towards the front. */
  #kept = 0;

  /** @param capacity values kept at most (0 keeps none). */
  constructor(capacity = DEFAULT_LEARNERS_KEPT) {
    this.#capacity = capacity;
  }

  /**
   * @returns the value kept under `scope` and `id` when it still holds for a ledger ending at
   *   `lastSeq` and for `now` (epoch milliseconds); else undefined.
   */
  find(scope: string, id: string, at: { lastSeq: number; now: number }): T | undefined {
    return this.findEntry(scope, id, at)?.value;
  }

  /** As {@link find}, with the instants between which the value holds. */
  findEntry(
    scope: string,
    id: string,
    at: { lastSeq: number; now: number },
  ): LedgerCacheEntry<T> | undefined {
    const slot = this.#scopes.get(scope)?.get(id);
    if (slot === undefined) return undefined;
    const { entry } = slot;
    if (entry.throughSeq !== at.lastSeq || at.now < entry.from || at.now >= entry.until) {
      return undefined;
    }
    // Used again: put back at the end, once it has drifted halfway to the front (until then no
    // value kept since can push it out; moving it on every use would cost more than the lookup).
    if (this.#kept - slot.placedAt > this.#capacity / 2) {
      this.#order.delete(slot);
      this.#order.add(slot);
      slot.placedAt = this.#kept;
    }
    return entry;
  }

  /** Keeps a value, in place of what was kept under its scope and id. */
  keep(scope: string, id: string, entry: LedgerCacheEntry<T>): void {
    if (this.#capacity <= 0) return;
    let ids = this.#scopes.get(scope);
    if (ids === undefined) {
      ids = new Map();
      this.#scopes.set(scope, ids);
    }
    const previous = ids.get(id);
    if (previous !== undefined) this.#order.delete(previous);
    this.#kept += 1;
    const slot: Slot<T> = { scope, ids, id, entry, placedAt: this.#kept };
    ids.set(id, slot);
    this.#order.add(slot);
    while (this.#order.size > this.#capacity) {
      const oldest = this.#order.values().next().value as Slot<T>;
      this.#order.delete(oldest);
      oldest.ids.delete(oldest.id);
      if (oldest.ids.size === 0) this.#scopes.delete(oldest.scope);
    }
  }

  /** @returns whether a value is kept under `scope` and `id`, whatever it holds for. */
  has(scope: string, id: string): boolean {
    return this.#scopes.get(scope)?.has(id) === true;
  }

  /** Values kept now. */
  get size(): number {
    return this.#order.size;
  }
}

/** Learners' settled states, scoped by the content key of the catalog they were folded with. */
export type LearnerStatesCache = LedgerCache<ReadonlyMap<string, SkillState>>;

const derived = new WeakMap<object, Map<string, unknown>>();

/**
 * What a pure function of one kept value (a learner's states, their grid columns) and of what
 * `key` says gives, worked out once per value object: while the caches above hand out the same
 * object, the learner's next steps, curriculum summaries or grid codes are not worked out
 * again. Held weakly: the memo goes with the value.
 *
 * @param of the kept value, or a part of it (never changed once kept).
 * @param key everything else the result depends on.
 * @param compute the function.
 */
export function derivedFrom<T>(of: object, key: string, compute: () => T): T {
  let memo = derived.get(of);
  if (memo === undefined) {
    memo = new Map();
    derived.set(of, memo);
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
