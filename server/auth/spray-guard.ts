/**
 * Password spraying: one common password (or PIN) tried once on each of many accounts, from
 * many addresses, so that neither the per-account lockout (five failures) nor the per-address
 * limit ever triggers. This guard counts, for each secret tried, the distinct accounts it
 * failed on over a window; past the limit, that secret is refused for everyone until the
 * window moves on, before it is checked, so the spray cannot find the one account it opens.
 *
 * Secrets are kept only as an HMAC under a random key made at start and never stored, in
 * memory (enough for the single-process server; counters reset on restart). Identifiers are
 * kept the same way. Memory is bounded: the least recently failed secrets are forgotten first.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { RateLimitDecision } from './login-rate-limiter.ts';

export interface SprayGuardOptions {
  /** Distinct accounts one secret may fail on in a window (default 10). */
  maxAccounts?: number;
  /** The window, in milliseconds (default 15 minutes, as long as a lockout). */
  windowMs?: number;
  /** How many secrets to remember at most (default 10,000). */
  maxSecrets?: number;
  /** The current time. */
  clock: () => Date;
}

/** Counts failures per tried secret across accounts. */
export class SprayGuard {
  readonly #key = randomBytes(32);
  /** Per secret fingerprint: per account fingerprint, the time of its latest failure. */
  readonly #failures = new Map<string, Map<string, number>>();
  readonly #maxAccounts: number;
  readonly #windowMs: number;
  readonly #maxSecrets: number;
  readonly #clock: () => Date;

  constructor(options: SprayGuardOptions) {
    this.#maxAccounts = options.maxAccounts ?? 10;
    this.#windowMs = options.windowMs ?? 15 * 60 * 1000;
    this.#maxSecrets = options.maxSecrets ?? 10_000;
    this.#clock = options.clock;
  }

  /**
   * @param kind what the secret is (`password`, `pin`): the same digits as a PIN and as a
   *   password are different secrets.
   * @param secret the secret as typed.
   * @returns allowed, or refused with the seconds until the oldest failure leaves the window.
   */
  check(kind: string, secret: string): RateLimitDecision {
    const now = this.#clock().getTime();
    const accounts = this.#recent(this.#fingerprint(kind, secret), now);
    if (accounts.length < this.#maxAccounts) return { allowed: true };
    const oldest = accounts.reduce((min, at) => Math.min(min, at), now);
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.#windowMs - now) / 1000)),
    };
  }

  /**
   * Records that `secret` failed on `identifier` (an email or a learner code, known or not).
   */
  recordFailure(kind: string, secret: string, identifier: string): void {
    const now = this.#clock().getTime();
    const fingerprint = this.#fingerprint(kind, secret);
    const accounts = this.#failures.get(fingerprint) ?? new Map<string, number>();
    accounts.set(this.#fingerprint('identifier', identifier), now);
    // Re-inserted at the end: the map's order is the order of the latest failures.
    this.#failures.delete(fingerprint);
    this.#failures.set(fingerprint, accounts);
    if (this.#failures.size > this.#maxSecrets) {
      const stalest = this.#failures.keys().next().value;
      if (stalest !== undefined) this.#failures.delete(stalest);
    }
  }

  /** @returns the failure times of the accounts still in the window (and forgets the others). */
  #recent(fingerprint: string, now: number): number[] {
    const accounts = this.#failures.get(fingerprint);
    if (accounts === undefined) return [];
    for (const [account, at] of accounts) {
      if (at <= now - this.#windowMs) accounts.delete(account);
    }
    if (accounts.size === 0) this.#failures.delete(fingerprint);
    return [...accounts.values()];
  }

  #fingerprint(kind: string, value: string): string {
    return createHmac('sha256', this.#key).update(kind).update('\0').update(value).digest('hex');
  }
}
