/**
 * A bulk validation through the use case, on a migrated SQLite file with the shipped curricula
 * (the integration tests' engine fixture): every learner already has two of the three skills
 * of « Premiers pas », and validating the third, one `recordProgress` per learner as
 * `bulkValidate` runs it, issues the badge to each of them.
 */
import { performance } from 'node:perf_hooks';
import { recordProgress } from '../../server/app/record-progress.ts';
import { createEngineFixture } from '../../tests/integration/engine/engine-fixture.ts';

const S = 'seniors-numerique';
const BADGE = `${S}/premiers-pas`;
const FIRST_SKILLS = [`${S}/allumer-son-appareil`, `${S}/utiliser-l-ecran-tactile`];
const LAST_SKILL = `${S}/se-connecter-au-wifi`;

export interface BulkValidationResult {
  learners: number;
  /** Badges issued by the timed validations (one per learner expected). */
  issued: number;
  ms: number;
  issuedPerSecond: number;
}

/**
 * @param learners how many learners are present at the workshop.
 * @returns how long validating the last skill for all of them took, and what it issued.
 * @throws Error when a learner did not get the badge (the measure would mean nothing).
 */
export async function bulkValidationOnSqlite(learners: number): Promise<BulkValidationResult> {
  const engine = await createEngineFixture('sqlite');
  try {
    const ids = Array.from({ length: learners }, (_, i) => `learner-${i}`);
    const at = engine.clock().toISOString();
    for (let start = 0; start < ids.length; start += 200) {
      await engine.db('people').insert(
        ids.slice(start, start + 200).map((id, k) => ({
          id,
          displayName: id,
          // Some learners have no email: their credential names their page instead.
          email: (start + k) % 5 === 0 ? null : `${id}@exemple.fr`,
          createdAt: at,
          updatedAt: at,
        })),
      );
    }
    await engine.addPerson('trainer', 'animatrice@grange.example');
    const validate = (learnerId: string, skillId: string) => {
      engine.clock.tick(1);
      return recordProgress(engine.deps, {
        learnerId,
        skillId,
        type: 'skill-validated',
        actorId: 'trainer',
      });
    };
    for (const id of ids) for (const skill of FIRST_SKILLS) await validate(id, skill);

    let issued = 0;
    const begin = performance.now();
    for (const id of ids) {
      const result = await validate(id, LAST_SKILL);
      issued += result.issued.filter((award) => award.badgeId === BADGE).length;
    }
    const ms = performance.now() - begin;
    if (issued !== learners) {
      throw new Error(`expected ${learners} badges from the bulk validation, got ${issued}`);
    }
    return { learners, issued, ms, issuedPerSecond: issued / (ms / 1000) };
  } finally {
    await engine.dispose();
  }
}
