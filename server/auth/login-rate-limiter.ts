/**
 * A per-client limit on sign-in attempts (sliding window, in memory): a second line of defence
 * after the per-account lockout, against one address trying many accounts. Successful sign-ins
 * are forgiven (`forgive`), so the limit counts failures. In memory is enough for the
 * single-process server; counters reset on restart.
 */

/** The limiter's answer for one attempt. */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginRateLimiterOptions {
  /** Attempts allowed per window (default 20). */
  limit?: number;
  /** The window, in milliseconds (default 5 minutes). */
  windowMs?: number;
  /** The current time. */
  clock: () => Date;
}

/** Counts attempts per key (the client's IP address) over a sliding window. */
export class LoginRateLimiter {
  readonly #attempts = new Map<string, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #clock: () => Date;
  #callsSinceSweep = 0;

  constructor(options: LoginRateLimiterOptions) {
    this.#limit = options.limit ?? 20;
    this.#windowMs = options.windowMs ?? 5 * 60 * 1000;
    this.#clock = options.clock;
  }

  /**
   * Records an attempt by `key` unless it is over the limit.
   *
   * @param key who is attempting, e.g. the IP address.
   * @returns allowed, or refused with the seconds until the oldest attempt leaves the window.
   */
  attempt(key: string): RateLimitDecision {
    const now = this.#clock().getTime();
    this.#sweepNow(now);
    const recent = (this.#attempts.get(key) ?? []).filter((at) => at > now - this.#windowMs);
    if (recent.length >= this.#limit) {
      this.#attempts.set(key, recent);
      const oldest = recent[0] ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.#windowMs - now) / 1000)),
      };
    }
    recent.push(now);
    this.#attempts.set(key, recent);
    return { allowed: true };
  }

  /**
   * Takes back the latest attempt of `key`: a sign-in that succeeded. A class signing in on
   * the venue's Wi-Fi shares one address; only failures should use up its allowance. Counting
   * every attempt first and forgiving successes afterwards (rather than counting failures
   * once known) keeps a burst of parallel guesses from slipping past the limit.
   *
   * @param key the same key as the attempt's.
   */
  forgive(key: string): void {
    const times = this.#attempts.get(key);
    if (times === undefined || times.length === 0) return;
    times.pop();
    if (times.length === 0) this.#attempts.delete(key);
  }

  // Forgets keys with no attempt in the window now and then, so memory follows recent clients
  // rather than every client ever seen.
  #sweepNow(now: number): void {
    this.#callsSinceSweep += 1;
    if (this.#callsSinceSweep < 1000) return;
    this.#callsSinceSweep = 0;
    for (const [key, times] of this.#attempts) {
      const last = times[times.length - 1];
      if (last === undefined || last <= now - this.#windowMs) this.#attempts.delete(key);
    }
  }
}
