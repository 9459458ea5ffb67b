import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsDeps } from '../../../server/app/accounts/deps.ts';
import { RefreshRefused, refreshSession } from '../../../server/app/accounts/refresh-session.ts';
import type { Session } from '../../../server/app/accounts/session.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import { signOut } from '../../../server/app/accounts/sign-out.ts';
import { signOutEverywhere } from '../../../server/app/accounts/sign-out-everywhere.ts';
import { hashRefreshToken } from '../../../server/auth/refresh-tokens.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { accountsDeps, addStaff, type StaffMember, TestClock } from './fixtures.ts';

async function refusal(attempt: Promise<unknown>): Promise<RefreshRefused['reason']> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof RefreshRefused) return error.reason;
    throw error;
  }
  throw new Error('the refresh should have been refused');
}

describe.each(testDatabaseKinds())('sessions on %s', (kind) => {
  let test: TestDatabase;
  let deps: AccountsDeps;
  const time = new TestClock();
  let person: StaffMember;
  const signIn = () => signInWithPassword(deps, { email: person.email, password: person.password });
  const row = (session: Session) =>
    test
      .db('refresh_tokens')
      .where({ tokenHash: hashRefreshToken(session.refreshToken) })
      .first();

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    deps = accountsDeps(test.db, time);
    person = await addStaff(deps, ['trainer'], 'Claire');
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('rotate refresh tokens: a new one each time, the old one spent, the family kept', async () => {
    const first = await signIn();
    time.advance(60_000);
    const second = await refreshSession(deps, first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.personId).toBe(person.personId);
    const [old, fresh] = [await row(first), await row(second)];
    expect(old.replacedBy).toBe(fresh.id);
    expect(old.revokedAt).not.toBeNull();
    expect(fresh.familyId).toBe(old.familyId);
    expect(fresh.revokedAt).toBeNull();
    const third = await refreshSession(deps, second.refreshToken);
    expect((await row(third)).familyId).toBe(old.familyId);
  });

  it('revoke the whole family when a spent token comes back', async () => {
    const other = await signIn(); // another device, another family
    const first = await signIn();
    const second = await refreshSession(deps, first.refreshToken);
    // Someone replays the first token: the thief and the owner are both signed out.
    expect(await refusal(refreshSession(deps, first.refreshToken))).toBe('reused');
    expect((await row(second)).revokedAt).not.toBeNull();
    expect(await refusal(refreshSession(deps, second.refreshToken))).toBe('revoked');
    // The other device is untouched.
    expect((await refreshSession(deps, other.refreshToken)).personId).toBe(person.personId);
  });

  it('let exactly one of two simultaneous refreshes win, and treat the other as reuse', async () => {
    // Several rounds: the first may not overlap while the connection pool warms up.
    for (let round = 0; round < 5; round += 1) {
      const session = await signIn();
      const results = await Promise.allSettled([
        refreshSession(deps, session.refreshToken),
        refreshSession(deps, session.refreshToken),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(RefreshRefused);
      expect((lost[0] as PromiseRejectedResult).reason.reason).toBe('reused');
      // The winner's token went with its family.
      const winner = (won[0] as PromiseFulfilledResult<Session>).value;
      expect(await refusal(refreshSession(deps, winner.refreshToken))).toBe('revoked');
    }
  });

  it('refuse unknown and expired tokens', async () => {
    expect(await refusal(refreshSession(deps, 'made-up'))).toBe('unknown');
    const session = await signIn();
    time.advance(30 * 24 * 3600 * 1000);
    expect(await refusal(refreshSession(deps, session.refreshToken))).toBe('expired');
  });

  it('sign out one device: its family is revoked, other devices stay signed in', async () => {
    const phone = await signIn();
    const laptop = await signIn();
    const phoneNext = await refreshSession(deps, phone.refreshToken);
    expect(await signOut(deps, phoneNext.refreshToken)).toBe(1);
    expect(await refusal(refreshSession(deps, phoneNext.refreshToken))).toBe('revoked');
    expect(await signOut(deps, phoneNext.refreshToken)).toBe(0);
    expect(await signOut(deps, 'made-up')).toBe(0);
    expect((await refreshSession(deps, laptop.refreshToken)).personId).toBe(person.personId);
  });

  it('sign out everywhere: every token of the person is revoked, others are not', async () => {
    const someoneElse = await addStaff(deps, ['trainer'], 'Marc');
    const theirs = await signInWithPassword(deps, {
      email: someoneElse.email,
      password: someoneElse.password,
    });
    const sessions = [await signIn(), await signIn(), await signIn()];
    expect(await signOutEverywhere(deps, person)).toBeGreaterThanOrEqual(3);
    for (const session of sessions) {
      expect(await refusal(refreshSession(deps, session.refreshToken))).toBe('revoked');
    }
    const live = await test
      .db('refresh_tokens')
      .where({ personId: person.personId })
      .whereNull('revokedAt');
    expect(live).toEqual([]);
    expect((await refreshSession(deps, theirs.refreshToken)).personId).toBe(someoneElse.personId);
  });
});
