/**
 * Exactly once: however many validations complete a badge's criteria at the same moment, one
 * badge is issued, and the loser transactions neither fail nor leave half an award behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBadge } from '../../../server/app/issue-badge.ts';
import { recordProgress } from '../../../server/app/record-progress.ts';
import { learnerLedger } from '../../../server/db/repositories/progress-ledger-repository.ts';
import { foldSkillStates } from '../../../server/domain/progress/skill-states.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createEngineFixture, type EngineFixture } from './engine-fixture.ts';

const S = 'seniors-numerique';
const PREMIERS_PAS = `${S}/premiers-pas`;

describe.each(testDatabaseKinds())('concurrent progress on %s', (kind) => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await createEngineFixture(kind);
    for (let i = 0; i < 20; i++) await f.addPerson(`trainer-${i}`, `t${i}@grange.example`);
  });
  afterAll(async () => {
    await f?.dispose();
  });

  it('issues one badge when 20 validations complete its criteria at once', async () => {
    await f.addPerson('paulette', 'paulette@example.org');
    for (const skill of ['allumer-son-appareil', 'utiliser-l-ecran-tactile']) {
      await f.record({
        learnerId: 'paulette',
        skillId: `${S}/${skill}`,
        type: 'skill-validated',
        actorId: 'trainer-0',
      });
    }
    f.clock.tick();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordProgress(f.deps, {
          learnerId: 'paulette',
          skillId: `${S}/se-connecter-au-wifi`,
          type: 'skill-validated',
          actorId: `trainer-${i}`,
        }),
      ),
    );
    expect(results.flatMap((r) => r.issued).map((a) => a.badgeId)).toEqual([PREMIERS_PAS]);
    expect(await f.count('badge_awards', { learnerId: 'paulette' })).toBe(1);
    expect(await f.count('progress_events', { learnerId: 'paulette' })).toBe(22);
    expect(await f.count('notifications', { personId: 'paulette', kind: 'badge-earned' })).toBe(1);
    const [award] = await f.db('badge_awards').where({ learnerId: 'paulette' });
    expect(await f.count('award_evidence', { awardId: award.id })).toBe(3);
    // The projection saw every event: its last seq is the ledger's last.
    const ledger = await learnerLedger(f.db, 'paulette');
    const row = await f
      .db('skill_states')
      .where({ learnerId: 'paulette', skillId: `${S}/se-connecter-au-wifi` })
      .first();
    expect(Number(row.lastSeq)).toBe(ledger.at(-1)?.seq);
    // So did where the ledger ends, on the learner's row (what kept values are judged by).
    const person = await f.db('people').where({ id: 'paulette' }).first();
    expect(Number(person.ledgerEnd)).toBe(ledger.at(-1)?.seq);
  });

  it('refuses a second standing award at the database without failing the transaction', async () => {
    await f.addPerson('gaston', 'gaston@example.org');
    for (const skill of [
      'allumer-son-appareil',
      'utiliser-l-ecran-tactile',
      'se-connecter-au-wifi',
    ]) {
      await f.record({
        learnerId: 'gaston',
        skillId: `${S}/${skill}`,
        type: 'skill-validated',
        actorId: 'trainer-0',
      });
    }
    expect(await f.count('badge_awards', { learnerId: 'gaston' })).toBe(1);
    const listBefore = await f.db('status_lists').select('state');
    const evidenceBefore = await f.count('award_evidence');
    const ledger = await learnerLedger(f.db, 'gaston');
    const states = foldSkillStates(
      f.catalog.graph,
      ledger.map((e) => e.event),
      { now: f.clock() },
    );
    const learner = { id: 'gaston', email: 'gaston@example.org' };
    // Straight to issuance, bypassing the learner lock, concurrently: only the index refuses.
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        f.db.transaction(async (trx) => {
          const outcome = await issueBadge(trx, f.deps, {
            learner,
            badgeId: PREMIERS_PAS,
            states,
            heldBadges: new Set(),
            ledger,
          });
          // The transaction is still usable after the refused insert.
          await trx('people').where({ id: 'gaston' }).first();
          return outcome;
        }),
      ),
    );
    expect(outcomes).toEqual(Array(5).fill({ issued: false, reason: 'already-issued' }));
    expect(await f.count('badge_awards', { learnerId: 'gaston' })).toBe(1);
    expect(await f.count('award_evidence')).toBe(evidenceBefore);
    expect(await f.db('status_lists').select('state')).toEqual(listBefore);
  });

  it('gives distinct status list indexes to badges issued at once to different learners', async () => {
    const learners = Array.from({ length: 8 }, (_, i) => `learner-${i}`);
    for (const id of learners) {
      await f.addPerson(id, `${id}@example.org`);
      for (const skill of ['allumer-son-appareil', 'utiliser-l-ecran-tactile']) {
        await f.record({
          learnerId: id,
          skillId: `${S}/${skill}`,
          type: 'skill-validated',
          actorId: 'trainer-0',
        });
      }
    }
    const results = await Promise.all(
      learners.map((learnerId) =>
        recordProgress(f.deps, {
          learnerId,
          skillId: `${S}/se-connecter-au-wifi`,
          type: 'skill-validated',
          actorId: 'trainer-1',
        }),
      ),
    );
    expect(results.map((r) => r.issued.length)).toEqual(Array(8).fill(1));
    const rows = await f.db('badge_awards').select('statusIndex');
    const indexes = rows.map((r) => Number(r.statusIndex));
    expect(new Set(indexes).size).toBe(indexes.length);
  });
});
