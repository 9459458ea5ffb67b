/**
 * The grid stamp on each group's row (migration `20261127001500_add_groups_grid_stamp`): it
 * moves with every write that changes what the group's grid shows of its learners — a member's
 * ledger ending further, a member's name, the roster — on both databases, whoever writes
 * (plain statements here, as an administrator's script or another instance would send them),
 * and only for the groups concerned. Trainers' grids are kept while it stays still
 * (`app/workshops/group-progress.ts`): a write this test misses would show a stale grid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { watchStamps } from '../../support/stamps.ts';

const AT = new Date('2026-11-26T10:00:00.000Z');

describe.each(testDatabaseKinds())('the grid stamp on %s', (kind) => {
  let test: TestDatabase;

  const { stamps, moved } = watchStamps(() => test.db, 'groups', 'gridStamp');

  const person = (id: string) => test.db('people').where('id', id);
  const member = (groupId: string, personId: string, role = 'learner') => ({
    groupId,
    personId,
    role,
    joinedAt: AT,
  });

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await test.db('people').insert(
      ['ada', 'bea', 'cy', 'coach', 'loner'].map((id) => ({
        id,
        displayName: id,
        createdAt: AT,
        updatedAt: AT,
      })),
    );
    await test
      .db('groups')
      .insert(['mercredi', 'samedi', 'vide'].map((id) => ({ id, name: id, createdAt: AT })));
  });

  afterAll(async () => {
    await test?.dispose();
  });

  it('starts at 0, and moves with the roster of the group concerned alone', async () => {
    expect(await stamps()).toEqual({ mercredi: 0, samedi: 0, vide: 0 });
    expect(
      await moved(() =>
        test
          .db('group_members')
          .insert([
            member('mercredi', 'ada'),
            member('mercredi', 'bea'),
            member('mercredi', 'coach', 'trainer'),
          ]),
      ),
    ).toEqual(['mercredi']);
    expect(await moved(() => test.db('group_members').insert(member('samedi', 'ada')))).toEqual([
      'samedi',
    ]);
    // Moved to another group (a correction by hand): both grids change.
    expect(
      await moved(() =>
        test
          .db('group_members')
          .where({ groupId: 'mercredi', personId: 'bea' })
          .update({ groupId: 'vide' }),
      ),
    ).toEqual(['mercredi', 'vide']);
    expect(
      await moved(() => test.db('group_members').where({ groupId: 'vide', personId: 'bea' }).del()),
    ).toEqual(['vide']);
  });

  it('moves with a member’s ledger and name, in every group they belong to', async () => {
    // Where ada's ledger ends: what every progress event of hers writes.
    expect(await moved(() => person('ada').update({ ledgerEnd: 7 }))).toEqual([
      'mercredi',
      'samedi',
    ]);
    expect(await moved(() => person('ada').update({ displayName: 'Ada L.' }))).toEqual([
      'mercredi',
      'samedi',
    ]);
    // A trainer's name changes too: harmless, and one rule for every member.
    expect(await moved(() => person('coach').update({ displayName: 'Coach' }))).toEqual([
      'mercredi',
    ]);
    // Someone in no group, and columns no grid shows: nothing moves.
    expect(await moved(() => person('loner').update({ ledgerEnd: 3 }))).toEqual([]);
    expect(await moved(() => person('ada').update({ locale: 'en', factsStamp: 99 }))).toEqual([]);
  });

  it('moves when a member’s account is deleted, through the cascade to their memberships', async () => {
    await test.db('group_members').insert(member('vide', 'cy'));
    expect(await moved(() => person('cy').del())).toEqual(['vide']);
  });

  it('moves only once the writing transaction commits, and not at all when it rolls back', async () => {
    const before = await stamps();
    await test.db
      .transaction(async (trx) => {
        await trx('people').where('id', 'ada').update({ ledgerEnd: 8 });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await stamps()).toEqual(before);
    await test.db.transaction(async (trx) => {
      await trx('people').where('id', 'ada').update({ ledgerEnd: 9 });
      await trx('people').where('id', 'ada').update({ ledgerEnd: 10 });
    });
    const after = await stamps();
    expect(after.mercredi).toBeGreaterThan(before.mercredi ?? 0);
    expect(after.samedi).toBeGreaterThan(before.samedi ?? 0);
    expect(after.vide).toBe(before.vide);
  });
});
