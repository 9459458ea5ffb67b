import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../../server/auth/login-rate-limiter.ts';

describe('LoginRateLimiter', () => {
  it('allow 20 attempts per 5 minutes per address, then say when to retry', () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const limiter = new LoginRateLimiter({ clock: () => new Date(now) });
    for (let i = 0; i < 20; i += 1) {
      expect(limiter.attempt('10.0.0.1')).toEqual({ allowed: true });
      now += 1000;
    }
    // The first attempt leaves the window 5 minutes after it was made: 280 s from now.
    expect(limiter.attempt('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 280 });
    expect(limiter.attempt('10.0.0.2')).toEqual({ allowed: true });
    now += 280_000;
    expect(limiter.attempt('10.0.0.1')).toEqual({ allowed: true });
    expect(limiter.attempt('10.0.0.1').allowed).toBe(false);
  });

  it('not count refused attempts against the window', () => {
    let now = 0;
    const limiter = new LoginRateLimiter({
      limit: 2,
      windowMs: 10_000,
      clock: () => new Date(now),
    });
    limiter.attempt('a');
    limiter.attempt('a');
    for (let i = 0; i < 50; i += 1) expect(limiter.attempt('a').allowed).toBe(false);
    now = 10_001;
    expect(limiter.attempt('a').allowed).toBe(true);
  });

  it('forget idle addresses and keep working across many of them', () => {
    let now = 0;
    const limiter = new LoginRateLimiter({ limit: 1, windowMs: 1000, clock: () => new Date(now) });
    for (let i = 0; i < 5000; i += 1) {
      expect(limiter.attempt(`ip-${i}`).allowed).toBe(true);
      now += 10;
    }
    expect(limiter.attempt('ip-4999').allowed).toBe(false);
    expect(limiter.attempt('ip-0').allowed).toBe(true);
  });
});
