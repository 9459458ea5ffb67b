/**
 * The skill-state projection is a cache of the ledger: after any sequence of events it equals
 * a fresh fold of the learner's ledger (property test with fast-check, on real curricula).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCatalog } from '../../../server/app/issuance/catalog-index.ts';
import type { RecordProgressCommand } from '../../../server/app/record-progress.ts';
import { learnerLedger } from '../../../server/db/repositories/progress-ledger-repository.ts';
import {
  listSkillStateRows,
  skillStateRow,
} from '../../../server/db/repositories/skill-states-repository.ts';
import { foldSkillStates } from '../../../server/domain/progress/skill-states.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createEngineFixture, type EngineFixture } from './engine-fixture.ts';

const S = 'seniors-numerique';
/** Skills of two badges, with and without levels, with and without self-assessment. */
const SKILLS = [
  'allumer-son-appareil',
  'utiliser-l-ecran-tactile',
  'se-connecter-au-wifi',
  'envoyer-un-mail',
  'reperer-un-site-officiel',
  'eviter-les-arnaques',
].map((id) => `${S}/${id}`);

type Step = Omit<RecordProgressCommand, 'learnerId' | 'actorId'> & { byLearner?: boolean };

describe.each(testDatabaseKinds())('skill-state projection on %s', (kind) => {
  let f: EngineFixture;
  let runs = 0;
  beforeAll(async () => {
    f = await createEngineFixture(kind);
    await f.addPerson('trainer-1', 'animateur@grange.example');
  });
  afterAll(async () => {
    await f?.dispose();
  });

  /** Steps valid for the skill (so none is refused), drawn at random. */
  const stepArbitrary = (): fc.Arbitrary<Step> => {
    const index = indexCatalog(f.catalog);
    return fc.constantFrom(...SKILLS).chain((skillId) => {
      const skill = index.skill(skillId)?.skill;
      const levels = skill?.levels?.length ?? 0;
      const level =
        levels === 0
          ? fc.constant(undefined)
          : fc.option(fc.integer({ min: 1, max: levels }), { nil: undefined });
      const options: fc.Arbitrary<Step>[] = [
        fc.constant({ skillId, type: 'skill-started' as const, byLearner: true }),
        fc.constant({
          skillId,
          type: 'evidence-submitted' as const,
          evidenceId: 'e-1',
          byLearner: true,
        }),
        level.map((l) => ({
          skillId,
          type: 'skill-validated' as const,
          ...(l === undefined ? {} : { level: l }),
        })),
        fc.constant({ skillId, type: 'skill-rejected' as const, comment: 'à refaire' }),
        fc.constant({ skillId, type: 'validation-withdrawn' as const, comment: 'erreur' }),
        fc.constantFrom('recu', 'ajourne', 'refuse').map((outcome) => ({
          skillId,
          type: 'jury-decided' as const,
          outcome: outcome as 'recu' | 'ajourne' | 'refuse',
        })),
      ];
      if (skill?.validation.selfAssessment) {
        options.push(
          level.map((l) => ({
            skillId,
            type: 'skill-self-assessed' as const,
            byLearner: true,
            ...(l === undefined ? {} : { level: l }),
          })),
        );
      }
      return fc.oneof(...options);
    });
  };

  it('equals a fresh fold of the ledger after any sequence of events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArbitrary(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 60 * 24 * 400 }), { minLength: 12, maxLength: 12 }),
        async (steps, gaps) => {
          const learnerId = `learner-${++runs}`;
          await f.addPerson(learnerId, `${learnerId}@example.org`);
          for (const [i, { byLearner, ...step }] of steps.entries()) {
            // Time moves on by minutes to months, so 24-month validities lapse sometimes.
            f.clock.tick(gaps[i] ?? 1);
            await f.record({ ...step, learnerId, actorId: byLearner ? learnerId : 'trainer-1' });
          }
          const ledger = await learnerLedger(f.db, learnerId);
          const fold = foldSkillStates(
            f.catalog.graph,
            ledger.map((e) => e.event),
            { now: f.clock(), validityMonths: indexCatalog(f.catalog).validityMonths },
          );
          const lastSeq = new Map(ledger.map((e) => [e.event.skillId, e.seq]));
          const expected = [...lastSeq]
            .map(([skillId, seq]) => skillStateRow(learnerId, fold.get(skillId) as never, seq))
            .sort((a, b) => a.skillId.localeCompare(b.skillId));
          const stored = [...(await listSkillStateRows(f.db, learnerId)).values()].sort((a, b) =>
            a.skillId.localeCompare(b.skillId),
          );
          expect(stored).toEqual(expected);
          // Never two standing awards of one badge.
          const awards = await f.db('badge_awards').where({ learnerId }).whereNull('revokedAt');
          expect(new Set(awards.map((a) => a.badgeId)).size).toBe(awards.length);
        },
      ),
      { numRuns: 12 },
    );
  });
});
