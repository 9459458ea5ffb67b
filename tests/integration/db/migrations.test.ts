import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationSource } from '../../../server/db/migrations/index.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';

describe.each(testDatabaseKinds())('migrations on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('create every table, with foreign keys enforced', async () => {
    const { db } = test;
    for (const table of [
      'people',
      'progress_events',
      'skill_states',
      'badge_awards',
      'issuer_keys',
    ]) {
      expect(await db.schema.hasTable(table)).toBe(true);
    }
    await expect(
      db('person_roles').insert({ personId: 'nobody', role: 'learner' }),
    ).rejects.toThrow(/foreign key/i);
  });

  it('refuse a second standing award of the same badge to the same learner', async () => {
    const { db } = test;
    const now = new Date().toISOString();
    await db('people').insert({ id: 'p1', displayName: 'Camille', createdAt: now, updatedAt: now });
    const award = (id: string) => ({
      id,
      learnerId: 'p1',
      badgeId: 'seniors-numerique/messagerie',
      curriculumHash: 'sha256:x',
      definitionSnapshot: '{}',
      recipientSalt: 's',
      issuedAt: now,
      credential: '{}',
    });
    await db('badge_awards').insert(award('a1'));
    await expect(db('badge_awards').insert(award('a2'))).rejects.toThrow(/unique/i);
    // Once revoked, the badge can be earned again.
    await db('badge_awards').where({ id: 'a1' }).update({ revokedAt: now });
    await db('badge_awards').insert(award('a3'));
    const standing = await db('badge_awards').whereNull('revokedAt').select('id');
    expect(standing).toEqual([{ id: 'a3' }]);
  });

  it('roll back to an empty schema', async () => {
    const { db } = test;
    await db.migrate.rollback({ migrationSource }, true);
    expect(await db.schema.hasTable('people')).toBe(false);
  });
});
