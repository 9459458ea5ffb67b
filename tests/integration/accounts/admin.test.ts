import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../../server/app/accounts/create-person.ts';
import type { AccountsDeps } from '../../../server/app/accounts/deps.ts';
import {
  EmailAlreadyUsed,
  InvalidInput,
  LastAdmin,
  UnknownPerson,
} from '../../../server/app/accounts/errors.ts';
import { grantRole } from '../../../server/app/accounts/grant-role.ts';
import { revokeRole } from '../../../server/app/accounts/revoke-role.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import { Forbidden } from '../../../server/auth/errors.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import {
  accountsDeps,
  addStaff,
  countAccountRows,
  type StaffMember,
  TestClock,
} from './fixtures.ts';

describe.each(testDatabaseKinds())('account administration on %s', (kind) => {
  let test: TestDatabase;
  let deps: AccountsDeps;
  const time = new TestClock();
  let admin: StaffMember;
  let trainer: StaffMember;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    deps = accountsDeps(test.db, time);
    admin = await addStaff(deps, ['admin'], 'Admin');
    trainer = await addStaff(deps, ['trainer'], 'Trainer');
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('let an admin create a person with roles and a first password', async () => {
    const person = await createPerson(deps, admin, {
      displayName: 'Nadia Conseil',
      email: 'Nadia@Grange.example',
      roles: ['counsellor', 'trainer'],
      password: 'une phrase de passe',
    });
    expect(person).toMatchObject({
      email: 'nadia@grange.example',
      roles: ['counsellor', 'trainer'],
      learnerCode: null,
      isMinor: false,
    });
    const session = await signInWithPassword(deps, {
      email: 'nadia@grange.example',
      password: 'une phrase de passe',
    });
    expect(session.roles).toEqual(['counsellor', 'trainer']);
  });

  it('refuse non-admins, taken emails (any case) and bad input, writing nothing', async () => {
    const before = await countAccountRows(test.db);
    const input = { displayName: 'X', email: 'x@grange.example', roles: ['learner' as const] };
    await expect(createPerson(deps, trainer, input)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      createPerson(deps, admin, { ...input, email: 'NADIA@grange.example' }),
    ).rejects.toBeInstanceOf(EmailAlreadyUsed);
    await expect(createPerson(deps, admin, { ...input, roles: [] })).rejects.toBeInstanceOf(
      InvalidInput,
    );
    await expect(createPerson(deps, admin, { ...input, password: 'short' })).rejects.toBeInstanceOf(
      InvalidInput,
    );
    expect(await countAccountRows(test.db)).toEqual(before);
  });

  it('grant and revoke roles, for admins only', async () => {
    expect(
      await grantRole(deps, admin, { personId: trainer.personId, role: 'counsellor' }),
    ).toEqual(['counsellor', 'trainer']);
    expect(
      await grantRole(deps, admin, { personId: trainer.personId, role: 'counsellor' }),
    ).toEqual(['counsellor', 'trainer']);
    expect(
      await revokeRole(deps, admin, { personId: trainer.personId, role: 'counsellor' }),
    ).toEqual(['trainer']);
    await expect(
      grantRole(deps, trainer, { personId: trainer.personId, role: 'admin' }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      grantRole(deps, admin, { personId: 'nobody', role: 'trainer' }),
    ).rejects.toBeInstanceOf(UnknownPerson);
    await expect(
      grantRole(deps, admin, { personId: trainer.personId, role: 'superuser' as 'admin' }),
    ).rejects.toBeInstanceOf(InvalidInput);
  });

  it('keep the last admin from removing their own admin role', async () => {
    await expect(
      revokeRole(deps, admin, { personId: admin.personId, role: 'admin' }),
    ).rejects.toBeInstanceOf(LastAdmin);
    expect(await deps.people.rolesOf(admin.personId)).toEqual(['admin']);

    const second = await addStaff(deps, ['trainer'], 'Second');
    await grantRole(deps, admin, { personId: second.personId, role: 'admin' });
    expect(await revokeRole(deps, admin, { personId: admin.personId, role: 'admin' })).toEqual([]);
    // No longer an admin: the token's stale claim does not help.
    await expect(
      grantRole(deps, admin, { personId: admin.personId, role: 'admin' }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      revokeRole(
        deps,
        { personId: second.personId, roles: ['admin'] },
        { personId: second.personId, role: 'admin' },
      ),
    ).rejects.toBeInstanceOf(LastAdmin);
    await grantRole(
      deps,
      { personId: second.personId, roles: ['admin'] },
      { personId: admin.personId, role: 'admin' },
    );
  });

  it('never lose every admin when two admins remove each other at once', async () => {
    const admins = async () =>
      (await test.db('person_roles').where({ role: 'admin' }).orderBy('personId')).map((row) => ({
        personId: row.personId as string,
        roles: ['admin' as const],
      }));
    // Several rounds: the first may not overlap while the connection pool warms up.
    for (let round = 0; round < 8; round += 1) {
      const [a, b] = await admins();
      if (!a || !b) throw new Error('two admins expected');
      const results = await Promise.allSettled([
        revokeRole(deps, a, { personId: b.personId, role: 'admin' }),
        revokeRole(deps, b, { personId: a.personId, role: 'admin' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(Forbidden);
      const [left] = await admins();
      expect(await admins()).toHaveLength(1);
      if (!left) throw new Error('one admin expected');
      await grantRole(deps, left, {
        personId: left.personId === a.personId ? b.personId : a.personId,
        role: 'admin',
      });
    }
  });
});
