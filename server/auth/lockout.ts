/**
 * Lockout after repeated failures: 5 wrong passwords lock the password for 15 minutes, 5 wrong
 * PINs lock the PIN for 15 minutes. Real accounts keep their counters in the database;
 * `PhantomLockouts` keeps the same counters in memory for emails and codes that match no
 * account, so that locking (and the 423 answer) does not reveal which ones exist.
 */

/** Failures that lock a credential. */
export const MAX_FAILED_ATTEMPTS = 5;

/** How long a lock lasts. */
export const LOCK_DURATION_MS = 15 * 60 * 1000;

/** The failure counter of one credential. */
export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

/**
 * @returns the lock end when `state` is locked at `now`, else null.
 */
export function lockedUntilAt(state: LockState, now: Date): Date | null {
  return state.lockedUntil && state.lockedUntil.getTime() > now.getTime()
    ? state.lockedUntil
    : null;
}

/**
 * @param state the counter before this failure.
 * @param now when the failure happened.
 * @returns the counter after it: the fifth failure locks until now + 15 minutes and restarts
 *   the count, so the next lock again takes five failures.
 */
export function afterFailure(state: LockState, now: Date): LockState {
  const failedAttempts = state.failedAttempts + 1;
  if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCK_DURATION_MS) };
  }
  return { failedAttempts, lockedUntil: state.lockedUntil };
}

/** In-memory lock counters for identifiers that match no account. */
export class PhantomLockouts {
  readonly #states = new Map<string, LockState>();
  readonly #maxEntries: number;

  /**
   * @param maxEntries how many identifiers to remember; the oldest are forgotten first, which
   *   bounds memory when someone tries thousands of made-up addresses.
   */
  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  /** @returns the counter for `key` (a fresh one if unknown). */
  get(key: string): LockState {
    return this.#states.get(key) ?? { failedAttempts: 0, lockedUntil: null };
  }

  /**
   * Counts a failure for `key`.
   *
   * @returns the counter after it.
   */
  fail(key: string, now: Date): LockState {
    const next = afterFailure(this.get(key), now);
    this.#states.delete(key);
    this.#states.set(key, next);
    if (this.#states.size > this.#maxEntries) {
      const oldest = this.#states.keys().next().value;
      if (oldest !== undefined) this.#states.delete(oldest);
    }
    return next;
  }
}
