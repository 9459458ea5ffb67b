/**
 * Writes that keep going while a suite does something else (a backup, a dump): learners hand
 * in evidence and the trainer validates the next skills one learner at a time, through the
 * GraphQL API, one after the other, until asked to stop. Each write's start and end times are
 * kept, so a suite can show that some ran while its backup did.
 */
import {
  SubmitEvidenceMutation,
  type TypedError,
} from '../../../client/src/pages/skill/skill-queries.ts';
import { ValidateSkillMutation } from '../../../client/src/pages/trainer/trainer-queries.ts';
import { postGraphql } from '../../support/graphql-client.ts';
import type { Workshop } from './seed-workshops.ts';

export interface BackgroundWrites {
  /** Stops after the write under way; resolves with every write's times. */
  stop(): Promise<{ startedAt: number; endedAt: number }[]>;
}

/**
 * @param base the server's URL.
 * @param workshop whose learners and trainer write.
 * @param skills the skills to validate and hand evidence in for, in order.
 * @returns a handle to stop the writes.
 * @throws (from `stop`) the first refused or failed write.
 */
export function writeInBackground(
  base: string,
  workshop: Workshop,
  skills: readonly string[],
): BackgroundWrites {
  const writes: { startedAt: number; endedAt: number }[] = [];
  let stopping = false;
  const loop = (async () => {
    for (let i = 0; !stopping; i++) {
      const learner = workshop.learners[i % workshop.learners.length];
      const skillId = skills[Math.floor(i / workshop.learners.length) % skills.length];
      if (learner === undefined || skillId === undefined) throw new Error('no one to write for');
      const startedAt = Date.now();
      const evidence = await postGraphql(
        base,
        SubmitEvidenceMutation.source,
        { skillId, text: `Preuve écrite pendant la sauvegarde (${i}).`, url: null, file: null },
        learner.token,
      );
      expectSuccess(evidence.data?.submitEvidence, 'SubmitEvidenceSuccess');
      const validation = await postGraphql(
        base,
        ValidateSkillMutation.source,
        {
          input: { learnerId: learner.personId, skillId, level: null, sessionId: null },
        },
        workshop.trainer.token,
      );
      expectSuccess(validation.data?.validateSkill, 'ValidateSkillSuccess');
      writes.push({ startedAt, endedAt: Date.now() });
    }
  })();
  // A failure surfaces in `stop`; until then it must not count as unhandled.
  loop.catch(() => undefined);
  return {
    stop: async () => {
      stopping = true;
      await loop;
      return writes;
    },
  };
}

function expectSuccess(answer: unknown, typename: string): void {
  const result = answer as { __typename?: string } | TypedError | undefined;
  if (result?.__typename !== typename) {
    throw new Error(`a background write was refused: ${JSON.stringify(answer)}`);
  }
}
