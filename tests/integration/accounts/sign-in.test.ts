import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearnerAccount } from '../../../server/app/accounts/create-learner-account.ts';
import type { AccountsDeps } from '../../../server/app/accounts/deps.ts';
import { InvalidInput } from '../../../server/app/accounts/errors.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import { signInWithPin } from '../../../server/app/accounts/sign-in-with-pin.ts';
import { verifyAccessToken } from '../../../server/auth/access-tokens.ts';
import { AccountLocked, InvalidCredentials } from '../../../server/auth/errors.ts';
import { hashSecret } from '../../../server/auth/secret-hash.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { accountsDeps, addGroup, addStaff, JWT_SECRET, TestClock } from './fixtures.ts';

const MINUTE = 60_000;

async function failure(attempt: Promise<unknown>): Promise<Error> {
  try {
    await attempt;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the attempt should have failed');
}

describe.each(testDatabaseKinds())('sign-in on %s', (kind) => {
  let test: TestDatabase;
  let deps: AccountsDeps;
  const time = new TestClock();

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    deps = accountsDeps(test.db, time);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('sign in with email and password, any case, and store only the refresh token hash', async () => {
    const claire = await addStaff(deps, ['trainer', 'admin'], 'Claire');
    const session = await signInWithPassword(deps, {
      email: ` ${claire.email.toUpperCase()} `,
      password: claire.password,
    });
    expect(session.expiresIn).toBe(900);
    expect(verifyAccessToken(session.accessToken, { secret: JWT_SECRET, now: time.now })).toEqual({
      personId: claire.personId,
      roles: ['admin', 'trainer'],
    });
    const rows = await test.db('refresh_tokens').where({ personId: claire.personId });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(createHash('sha256').update(session.refreshToken).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(session.refreshToken);
    expect(new Date(rows[0].expiresAt).getTime()).toBe(time.now.getTime() + 30 * 24 * 60 * MINUTE);
  });

  it('give one answer for a wrong password, an unknown email and an account without password', async () => {
    const marc = await addStaff(deps, ['trainer'], 'Marc');
    await deps.people.create(
      {
        id: 'no-password',
        displayName: 'Nadia',
        email: 'nadia@grange.example',
        roles: ['counsellor'],
      },
      time.now,
    );
    const errors = [
      await failure(signInWithPassword(deps, { email: marc.email, password: 'wrong-password' })),
      await failure(signInWithPassword(deps, { email: 'nobody@grange.example', password: 'x' })),
      await failure(signInWithPassword(deps, { email: 'nadia@grange.example', password: 'x' })),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidCredentials);
      expect(error.message).toBe(errors[0]?.message);
    }
    await expect(
      signInWithPassword(deps, { email: 'not an email', password: 'x' }),
    ).rejects.toBeInstanceOf(InvalidInput);
  });

  it('lock the password for 15 minutes after 5 failures, then let the right one in', async () => {
    const lea = await addStaff(deps, ['trainer'], 'Léa');
    const wrong = () => signInWithPassword(deps, { email: lea.email, password: 'guess' });
    for (let i = 0; i < 4; i += 1) {
      expect(await failure(wrong())).toBeInstanceOf(InvalidCredentials);
      time.advance(MINUTE);
    }
    const locking = await failure(wrong());
    expect(locking).toBeInstanceOf(AccountLocked);
    const lockedUntil = (locking as AccountLocked).lockedUntil;
    expect(lockedUntil.getTime()).toBe(time.now.getTime() + 15 * MINUTE);
    expect((locking as AccountLocked).messages.fr).toContain('15 minutes');

    // Even the right password is refused while locked.
    time.advance(14 * MINUTE);
    const stillLocked = await failure(
      signInWithPassword(deps, { email: lea.email, password: lea.password }),
    );
    expect(stillLocked).toBeInstanceOf(AccountLocked);
    expect((stillLocked as AccountLocked).lockedUntil).toEqual(lockedUntil);
    expect((stillLocked as AccountLocked).messages.en).toContain('1 more minute');

    time.advance(MINUTE);
    const session = await signInWithPassword(deps, { email: lea.email, password: lea.password });
    expect(session.personId).toBe(lea.personId);
    const row = await test.db('password_credentials').where({ personId: lea.personId }).first();
    expect(row).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('start counting again after a success', async () => {
    const paul = await addStaff(deps, ['trainer'], 'Paul');
    const wrong = () => signInWithPassword(deps, { email: paul.email, password: 'guess' });
    for (let i = 0; i < 4; i += 1) await failure(wrong());
    await signInWithPassword(deps, { email: paul.email, password: paul.password });
    for (let i = 0; i < 4; i += 1)
      expect(await failure(wrong())).toBeInstanceOf(InvalidCredentials);
  });

  it('lock unknown emails the same way, so locking reveals nothing', async () => {
    const attempt = () =>
      signInWithPassword(deps, { email: 'ghost@grange.example', password: 'guess' });
    for (let i = 0; i < 4; i += 1)
      expect(await failure(attempt())).toBeInstanceOf(InvalidCredentials);
    expect(await failure(attempt())).toBeInstanceOf(AccountLocked);
    expect(await failure(attempt())).toBeInstanceOf(AccountLocked);
    time.advance(15 * MINUTE);
    expect(await failure(attempt())).toBeInstanceOf(InvalidCredentials);
  });

  it('sign in with a learner code and PIN; lock the PIN after 5 wrong ones', async () => {
    const trainer = await addStaff(deps, ['trainer'], 'Trainer');
    const groupId = await addGroup(deps, trainer);
    const { learnerCode, pin, person } = await createLearnerAccount(deps, trainer, {
      groupId,
      displayName: 'Josiane',
      isMinor: false,
    });
    const session = await signInWithPin(deps, { learnerCode, pin });
    expect(session.personId).toBe(person.id);
    expect(session.roles).toEqual(['learner']);

    const wrongPin = pin === '975310' ? '975311' : '975310';
    const wrong = () => signInWithPin(deps, { learnerCode, pin: wrongPin });
    for (let i = 0; i < 4; i += 1)
      expect(await failure(wrong())).toBeInstanceOf(InvalidCredentials);
    expect(await failure(wrong())).toBeInstanceOf(AccountLocked);
    expect(await failure(signInWithPin(deps, { learnerCode, pin }))).toBeInstanceOf(AccountLocked);
    const row = await test.db('pin_credentials').where({ personId: person.id }).first();
    expect(new Date(row.lockedUntil).getTime()).toBe(time.now.getTime() + 15 * MINUTE);

    const unknown = await failure(signInWithPin(deps, { learnerCode: 'ZZZZZZ', pin: '1234' }));
    expect(unknown).toBeInstanceOf(InvalidCredentials);
    expect(unknown.message).toBe(new InvalidCredentials().message);
    await expect(signInWithPin(deps, { learnerCode, pin: '12a4' })).rejects.toBeInstanceOf(
      InvalidInput,
    );

    time.advance(15 * MINUTE);
    expect((await signInWithPin(deps, { learnerCode, pin })).personId).toBe(person.id);
  });

  it('replace a hash made with lower costs at the next sign-in', async () => {
    const old = await addStaff(deps, ['counsellor'], 'Old');
    await deps.credentials.set(
      'password',
      old.personId,
      await hashSecret(old.password, { ln: 12, r: 8, p: 1 }),
      time.now,
    );
    await signInWithPassword(deps, { email: old.email, password: old.password });
    const row = await test.db('password_credentials').where({ personId: old.personId }).first();
    expect(row.hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    await signInWithPassword(deps, { email: old.email, password: old.password });
  });
});
