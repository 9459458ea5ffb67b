import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  LOCK_DURATION_MS,
  lockedUntilAt,
  MAX_FAILED_ATTEMPTS,
  PhantomLockouts,
} from '../../../server/auth/lockout.ts';

const now = new Date('2026-03-02T09:00:00Z');

describe('lockout', () => {
  it('lock on the fifth failure for 15 minutes and start counting again', () => {
    let state = { failedAttempts: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i += 1) {
      state = afterFailure(state, now);
      expect(state).toEqual({ failedAttempts: i, lockedUntil: null });
    }
    state = afterFailure(state, now);
    expect(state.failedAttempts).toBe(0);
    expect(state.lockedUntil?.getTime()).toBe(now.getTime() + 15 * 60 * 1000);
    expect(lockedUntilAt(state, now)).toEqual(state.lockedUntil);
    expect(lockedUntilAt(state, new Date(now.getTime() + LOCK_DURATION_MS - 1))).not.toBeNull();
    expect(lockedUntilAt(state, new Date(now.getTime() + LOCK_DURATION_MS))).toBeNull();
  });

  it('count phantom failures per identifier and forget the oldest beyond the bound', () => {
    const phantoms = new PhantomLockouts(2);
    for (let i = 0; i < 5; i += 1) phantoms.fail('a', now);
    expect(lockedUntilAt(phantoms.get('a'), now)).not.toBeNull();
    phantoms.fail('b', now);
    phantoms.fail('c', now);
    expect(phantoms.get('a')).toEqual({ failedAttempts: 0, lockedUntil: null });
    expect(phantoms.get('c').failedAttempts).toBe(1);
  });
});
