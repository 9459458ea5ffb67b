/**
 * Bulk award from a CSV: the preview reports each row (with its line) and writes nothing; the
 * confirmation issues the badge to the ok rows only, with the administrator's narrative as
 * evidence; only an administrator may do either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmBulkAward, previewBulkAward } from '../../../server/app/admin/bulk-award.ts';
import {
  BadBulkAwardHeader,
  UnknownBulkAwardBadge,
} from '../../../server/app/admin/bulk-award-errors.ts';
import { Forbidden } from '../../../server/auth/errors.ts';
import type { Viewer } from '../../../server/auth/policies.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const S = 'seniors-numerique';
const PREMIERS_PAS = `${S}/premiers-pas`;
const ADMIN: Viewer = { personId: 'admin', roles: ['admin'] };

const CSV = [
  'email,evidence_narrative',
  'alice@example.org,"Atelier du 12 mars, très assidue"',
  'nobody@example.org,',
  'ALICE@example.org,encore',
  'holder@example.org,',
  'not-an-email,',
  'bob@example.org',
  '',
  'bob@example.org,Présent à toutes les séances',
].join('\n');

describe.each(testDatabaseKinds())('bulk award on %s', (kind) => {
  let f: EngineFixture;
  const tables = ['badge_awards', 'notifications', 'status_lists', 'award_evidence'];
  const counts = async () =>
    Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await f.count(t)])));

  async function addLearner(id: string, email: string | null): Promise<void> {
    await f.addPerson(id, email);
    await f.db('person_roles').insert({ personId: id, role: 'learner' });
  }

  beforeAll(async () => {
    f = await createEngineFixture(kind);
    await f.addPerson('admin', 'admin@grange.example');
    await f.db('people').where({ id: 'admin' }).update({ displayName: 'Odile Admin' });
    await f.db('person_roles').insert({ personId: 'admin', role: 'admin' });
    await f.addPerson('trainer', 'trainer@grange.example');
    await f.db('person_roles').insert({ personId: 'trainer', role: 'trainer' });
    await addLearner('alice', 'alice@example.org');
    await addLearner('bob', 'bob@example.org');
    await addLearner('holder', 'holder@example.org');
    for (const skill of [
      'allumer-son-appareil',
      'utiliser-l-ecran-tactile',
      'se-connecter-au-wifi',
    ]) {
      await f.record({
        learnerId: 'holder',
        skillId: `${S}/${skill}`,
        type: 'skill-validated',
        actorId: 'trainer',
      });
    }
  });
  afterAll(async () => {
    await f?.dispose();
  });

  it('previews per-row results with line numbers and writes nothing', async () => {
    const before = await counts();
    const report = await previewBulkAward(f.deps, ADMIN, { badgeId: PREMIERS_PAS, csv: CSV });
    expect(report.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'ok'],
      [3, 'unknown-learner'],
      [4, 'duplicate-row'],
      [5, 'already-holds'],
      [6, 'bad-row'],
      [7, 'bad-row'],
      [9, 'ok'],
    ]);
    expect(report.okCount).toBe(2);
    expect(report.rows[0]?.narrative).toBe('Atelier du 12 mars, très assidue');
    expect(report.rows[2]?.message?.fr).toContain('ligne 2');
    expect(report.rows[2]?.message?.en).toContain('line 2');
    expect(report.rows[5]?.message?.en).toContain('1 column(s) instead of 2');
    expect(await counts()).toEqual(before);
  });

  it('refuses a bad header or an unknown badge as a whole', async () => {
    await expect(
      previewBulkAward(f.deps, ADMIN, { badgeId: PREMIERS_PAS, csv: 'name\nalice' }),
    ).rejects.toBeInstanceOf(BadBulkAwardHeader);
    await expect(
      previewBulkAward(f.deps, ADMIN, { badgeId: `${S}/nope`, csv: CSV }),
    ).rejects.toBeInstanceOf(UnknownBulkAwardBadge);
  });

  it('refuses anyone but an administrator, even with a stale admin token', async () => {
    const before = await counts();
    const trainer: Viewer = { personId: 'trainer', roles: ['admin'] };
    await expect(
      previewBulkAward(f.deps, trainer, { badgeId: PREMIERS_PAS, csv: CSV }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      confirmBulkAward(
        f.deps,
        { personId: 'alice', roles: ['learner'] },
        {
          badgeId: PREMIERS_PAS,
          csv: CSV,
        },
      ),
    ).rejects.toBeInstanceOf(Forbidden);
    expect(await counts()).toEqual(before);
  });

  it('issues the badge to the ok rows only, with the narrative as evidence', async () => {
    const holderAwards = await f.count('badge_awards', { learnerId: 'holder' });
    const report = await confirmBulkAward(f.deps, ADMIN, { badgeId: PREMIERS_PAS, csv: CSV });
    expect(report.okCount).toBe(2);
    expect(report.rows.filter((r) => r.awardId !== undefined).map((r) => r.learnerId)).toEqual([
      'alice',
      'bob',
    ]);
    expect(await f.count('badge_awards', { learnerId: 'alice', badgeId: PREMIERS_PAS })).toBe(1);
    expect(await f.count('badge_awards', { learnerId: 'bob', badgeId: PREMIERS_PAS })).toBe(1);
    expect(await f.count('badge_awards', { learnerId: 'holder' })).toBe(holderAwards);
    expect(await f.count('notifications', { personId: 'alice', kind: 'badge-earned' })).toBe(1);

    const [award] = await f.db('badge_awards').where({ learnerId: 'alice' });
    const credential = JSON.parse(award.credential);
    const evidence = JSON.stringify(credential.evidence);
    expect(evidence).toContain(
      'Attribué directement par Odile Admin : Atelier du 12 mars, très assidue',
    );
    expect((await f.verify(credential, { email: 'alice@example.org' })).verdict).toBe('valid');

    // Confirming the same file again issues nothing more: everyone now holds the badge.
    const again = await confirmBulkAward(f.deps, ADMIN, { badgeId: PREMIERS_PAS, csv: CSV });
    expect(again.okCount).toBe(0);
    expect(again.rows[0]?.status).toBe('already-holds');
    expect(await f.count('badge_awards', { badgeId: PREMIERS_PAS })).toBe(3);
  });
});
