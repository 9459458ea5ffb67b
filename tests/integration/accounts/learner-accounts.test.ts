import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearnerAccount } from '../../../server/app/accounts/create-learner-account.ts';
import type { AccountsDeps } from '../../../server/app/accounts/deps.ts';
import {
  GuardianConsentRequired,
  InvalidInput,
  UnknownGroup,
} from '../../../server/app/accounts/errors.ts';
import { signInWithPin } from '../../../server/app/accounts/sign-in-with-pin.ts';
import { verifyAccessToken } from '../../../server/auth/access-tokens.ts';
import { Forbidden } from '../../../server/auth/errors.ts';
import { verifySecret } from '../../../server/auth/secret-hash.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import {
  accountsDeps,
  addGroup,
  addStaff,
  countAccountRows,
  JWT_SECRET,
  type StaffMember,
  TestClock,
} from './fixtures.ts';

describe.each(testDatabaseKinds())('learner accounts on %s', (kind) => {
  let test: TestDatabase;
  let deps: AccountsDeps;
  const time = new TestClock();
  let admin: StaffMember;
  let claire: StaffMember;
  let marc: StaffMember;
  let codeClub: string;
  let seniors: string;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    deps = accountsDeps(test.db, time);
    admin = await addStaff(deps, ['admin'], 'Admin');
    claire = await addStaff(deps, ['trainer'], 'Claire');
    marc = await addStaff(deps, ['trainer'], 'Marc');
    codeClub = await addGroup(deps, claire, 'Code club');
    seniors = await addGroup(deps, marc, 'Seniors');
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('give the trainer a code, a PIN and the QR payload once, and store only the PIN hash', async () => {
    const created = await createLearnerAccount(deps, claire, {
      groupId: codeClub,
      displayName: '  Josiane Martin ',
      isMinor: false,
    });
    expect(created.learnerCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/);
    expect(created.pin).toMatch(/^\d{6}$/);
    expect(created.qrPayload).toBe(`grange:learner:${created.learnerCode}`);
    expect(created.person).toMatchObject({
      displayName: 'Josiane Martin',
      email: null,
      learnerCode: created.learnerCode,
      isMinor: false,
      privateProfile: false,
      roles: ['learner'],
    });

    const person = await test.db('people').where({ id: created.person.id }).first();
    expect(person.learnerCode).toBe(created.learnerCode);
    const credential = await test
      .db('pin_credentials')
      .where({ personId: created.person.id })
      .first();
    expect(credential.hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(await verifySecret(created.pin, credential.hash)).toBe(true);
    // The PIN in clear is nowhere in the database.
    for (const row of [person, credential]) {
      expect(JSON.stringify(row)).not.toContain(created.pin);
    }
    expect(
      await test
        .db('group_members')
        .where({ personId: created.person.id })
        .select('groupId', 'role'),
    ).toEqual([{ groupId: codeClub, role: 'learner' }]);
    expect(await deps.people.rolesOf(created.person.id)).toEqual(['learner']);
  });

  it('let the learner sign in with the code as printed or typed and the PIN', async () => {
    const { learnerCode, pin, person } = await createLearnerAccount(deps, claire, {
      groupId: codeClub,
      displayName: 'Léo',
      isMinor: false,
    });
    const typed = `${learnerCode.slice(0, 3).toLowerCase()}-${learnerCode.slice(3)}`;
    const session = await signInWithPin(deps, { learnerCode: typed, pin });
    expect(verifyAccessToken(session.accessToken, { secret: JWT_SECRET, now: time.now })).toEqual({
      personId: person.id,
      roles: ['learner'],
    });
  });

  it("record a minor's guardian consent and make the profile private", async () => {
    const created = await createLearnerAccount(deps, claire, {
      groupId: codeClub,
      displayName: 'Inès',
      isMinor: true,
      guardian: { name: 'Samira B.', contact: '06 12 34 56 78', scope: 'suivi des compétences' },
    });
    expect(created.person).toMatchObject({ isMinor: true, privateProfile: true });
    const consents = await deps.people.guardianConsentsOf(created.person.id);
    expect(consents).toEqual([
      {
        id: expect.any(String),
        personId: created.person.id,
        guardianName: 'Samira B.',
        guardianContact: '06 12 34 56 78',
        scope: 'suivi des compétences',
        recordedBy: claire.personId,
        givenAt: time.now,
        withdrawnAt: null,
        // Public shares stay off unless the guardian's yes is recorded.
        allowsPublicShare: false,
      },
    ]);
    const row = await test.db('people').where({ id: created.person.id }).first();
    expect(Boolean(row.privateProfile)).toBe(true);
  });

  it('refuse a minor without guardian consent and write nothing', async () => {
    const before = await countAccountRows(test.db);
    await expect(
      createLearnerAccount(deps, claire, { groupId: codeClub, displayName: 'Tom', isMinor: true }),
    ).rejects.toBeInstanceOf(GuardianConsentRequired);
    expect(await countAccountRows(test.db)).toEqual(before);
  });

  it('let only trainers of the group, and admins, create learner accounts', async () => {
    const before = await countAccountRows(test.db);
    const input = { groupId: codeClub, displayName: 'Paul', isMinor: false };
    await expect(createLearnerAccount(deps, marc, input)).rejects.toBeInstanceOf(Forbidden);
    const learner = {
      personId: (await addStaff(deps, ['learner'], 'Learner')).personId,
      roles: ['learner' as const],
    };
    const afterLearner = await countAccountRows(test.db);
    await expect(createLearnerAccount(deps, learner, input)).rejects.toBeInstanceOf(Forbidden);
    // A token that still claims "trainer" does not help once the role is gone.
    await expect(
      createLearnerAccount(deps, { personId: learner.personId, roles: ['trainer'] }, input),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      createLearnerAccount(deps, claire, { displayName: 'Paul', isMinor: false }),
    ).rejects.toBeInstanceOf(InvalidInput);
    expect(await countAccountRows(test.db)).toEqual(afterLearner);
    expect(afterLearner.people).toBe((before.people ?? 0) + 1);

    const byAdmin = await createLearnerAccount(deps, admin, {
      displayName: 'Paul',
      isMinor: false,
    });
    expect(byAdmin.person.roles).toEqual(['learner']);
    const inGroup = await createLearnerAccount(deps, admin, { ...input, groupId: seniors });
    expect(await deps.groups.activeMembershipsOf([inGroup.person.id])).toEqual([
      { groupId: seniors, personId: inGroup.person.id, role: 'learner' },
    ]);
    await expect(
      createLearnerAccount(deps, admin, { ...input, groupId: 'no-such-group' }),
    ).rejects.toBeInstanceOf(UnknownGroup);
  });

  it('refuse malformed input with every problem listed', async () => {
    try {
      await createLearnerAccount(deps, claire, {
        groupId: codeClub,
        displayName: '   ',
        isMinor: true,
        guardian: { name: '', scope: '' },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).issues.map((i) => i.path).sort()).toEqual([
        'displayName',
        'guardian.name',
        'guardian.scope',
      ]);
      expect((error as InvalidInput).messages.fr).toMatch(/formulaire/);
    }
  });

  it('give every learner a different code', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const created = await createLearnerAccount(deps, admin, {
        displayName: `L${i}`,
        isMinor: false,
      });
      codes.add(created.learnerCode);
    }
    expect(codes.size).toBe(5);
  });

  it('enrol a learner created into a group in its curriculum, and nobody else in none', async () => {
    const cafe = `cafe-${randomUUID()}`;
    await deps.groups.create(
      { id: cafe, name: 'Café', curriculumId: 'seniors-numerique' },
      time.clock(),
    );
    await deps.groups.addMember(
      { groupId: cafe, personId: marc.personId, role: 'trainer' },
      time.clock(),
    );
    const enrolled = await createLearnerAccount(deps, marc, {
      groupId: cafe,
      displayName: 'Simone',
      isMinor: false,
    });
    expect(
      await test.db('enrolments').where({ personId: enrolled.person.id }).select('curriculumId'),
    ).toEqual([{ curriculumId: 'seniors-numerique' }]);
    // A group without a curriculum enrols in nothing.
    const plainGroup = await createLearnerAccount(deps, claire, {
      groupId: codeClub,
      displayName: 'Léon',
      isMinor: false,
    });
    expect(await test.db('enrolments').where({ personId: plainGroup.person.id })).toEqual([]);
  });
});
