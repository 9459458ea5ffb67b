/**
 * The facts stamp on each person's row (migration `20261126001400_add_people_facts_stamp`): it
 * moves with every write that changes what a learner's pages read beside their progress, on
 * both databases, whoever writes (plain statements here, as an administrator's script or
 * another instance would send them), and only for the people concerned. The GraphQL context
 * keeps those facts while it stays still (`app/learner/learner-facts.ts`): a write this test
 * misses would show a learner a stale home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { watchStamps } from '../../support/stamps.ts';

const AT = new Date('2026-11-26T10:00:00.000Z');
const LATER = new Date('2026-11-27T10:00:00.000Z');

describe.each(testDatabaseKinds())('the facts stamp on %s', (kind) => {
  let test: TestDatabase;

  const { stamps, moved } = watchStamps(() => test.db, 'people', 'factsStamp');

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await test.db('people').insert(
      ['ada', 'bea', 'cy', 'coach'].map((id) => ({
        id,
        displayName: id,
        createdAt: AT,
        updatedAt: AT,
      })),
    );
  });

  afterAll(async () => {
    await test?.dispose();
  });

  it('starts at 0, and moves with each change to a learner’s awards, for them alone', async () => {
    expect(await stamps()).toEqual({ ada: 0, bea: 0, cy: 0, coach: 0 });
    const award = {
      id: 'award-1',
      learnerId: 'ada',
      badgeId: 'seniors-numerique/premiers-pas',
      curriculumHash: 'hash',
      definitionSnapshot: '{}',
      recipientSalt: 'salt',
      issuedAt: AT,
      credential: '{}',
    };
    expect(await moved(() => test.db('badge_awards').insert(award))).toEqual(['ada']);
    const awards = () => test.db('badge_awards').where('id', 'award-1');
    expect(await moved(() => awards().update({ revokedAt: LATER }))).toEqual(['ada']);
    expect(await moved(() => awards().update({ validUntil: LATER }))).toEqual(['ada']);
    // Given to someone else (a correction by hand): both learners' pages change.
    expect(await moved(() => awards().update({ learnerId: 'bea' }))).toEqual(['ada', 'bea']);
    // Columns no learner's page reads beside their progress: nothing moves.
    expect(await moved(() => awards().update({ ob2Assertion: '{}' }))).toEqual([]);
    expect(await moved(() => awards().delete())).toEqual(['bea']);
  });

  it('moves with enrolments, memberships and the groups they show', async () => {
    expect(
      await moved(() =>
        test.db('enrolments').insert({
          personId: 'ada',
          curriculumId: 'seniors-numerique',
          enrolledAt: AT,
        }),
      ),
    ).toEqual(['ada']);
    expect(
      await moved(() =>
        test.db('enrolments').where('personId', 'ada').update({ enrolledAt: LATER }),
      ),
    ).toEqual(['ada']);
    // A group on its own shows on nobody's page.
    expect(
      await moved(() =>
        test.db('groups').insert({
          id: 'mardi',
          name: 'Mardi',
          curriculumId: 'seniors-numerique',
          createdAt: AT,
        }),
      ),
    ).toEqual([]);
    expect(
      await moved(() =>
        test.db('groupMembers').insert([
          { groupId: 'mardi', personId: 'ada', role: 'learner', joinedAt: AT },
          { groupId: 'mardi', personId: 'bea', role: 'learner', joinedAt: AT },
          { groupId: 'mardi', personId: 'coach', role: 'trainer', joinedAt: AT },
        ]),
      ),
    ).toEqual(['ada', 'bea', 'coach']);
    const mardi = () => test.db('groups').where('id', 'mardi');
    // Renamed, moved to another curriculum, archived: every member's pages change.
    expect(await moved(() => mardi().update({ name: 'Mardi matin' }))).toEqual([
      'ada',
      'bea',
      'coach',
    ]);
    expect(await moved(() => mardi().update({ curriculumId: 'identite-numerique' }))).toEqual([
      'ada',
      'bea',
      'coach',
    ]);
    expect(await moved(() => mardi().update({ archivedAt: LATER }))).toEqual([
      'ada',
      'bea',
      'coach',
    ]);
    expect(
      await moved(() =>
        test.db('groupMembers').where({ groupId: 'mardi', personId: 'bea' }).delete(),
      ),
    ).toEqual(['bea']);
    // Deleted: its memberships go with it (cascade), and so do its members' stamps.
    expect(await moved(() => mardi().delete())).toEqual(['ada', 'coach']);
    expect(await moved(() => test.db('enrolments').where('personId', 'ada').delete())).toEqual([
      'ada',
    ]);
  });

  it('moves with notifications received and read, not with e-mails sent about them', async () => {
    const notification = (id: string, personId: string) => ({
      id,
      personId,
      kind: 'badge-earned',
      payload: '{}',
      createdAt: AT,
    });
    expect(
      await moved(() =>
        test.db('notifications').insert([notification('n-1', 'cy'), notification('n-2', 'cy')]),
      ),
    ).toEqual(['cy']);
    const first = () => test.db('notifications').where('id', 'n-1');
    expect(await moved(() => first().update({ emailedAt: LATER }))).toEqual([]);
    expect(await moved(() => first().update({ readAt: LATER }))).toEqual(['cy']);
    expect(await moved(() => test.db('notifications').where('personId', 'cy').delete())).toEqual([
      'cy',
    ]);
  });

  it('only ever grows', async () => {
    const before = (await stamps()).ada ?? 0;
    await test.db('enrolments').insert({
      personId: 'ada',
      curriculumId: 'coding-kids',
      enrolledAt: AT,
    });
    await test.db('enrolments').where('personId', 'ada').delete();
    expect((await stamps()).ada).toBe(before + 2);
  });
});
