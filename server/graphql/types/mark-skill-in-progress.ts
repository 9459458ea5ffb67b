/**
 * `Mutation.markSkillInProgress`: the trainer's "En cours" during a workshop, next to
 * `validateSkill` ("Acquis") and `rejectSkill` ("Pas encore"), with the same authorisation.
 */
import {
  InvalidProgressEvent,
  UnknownPerson,
  UnknownProgressSkill,
} from '../../app/engine-errors.ts';
import { markSkillInProgress } from '../../app/workshops/mark-skill-in-progress.ts';
import { Forbidden } from '../../auth/errors.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { builder } from '../builder.ts';
import { SkillStateType } from './skill-state.ts';

const MarkSkillInProgressSuccess = builder
  .objectRef<{ state: SkillState }>('MarkSkillInProgressSuccess')
  .implement({
    fields: (t) => ({
      state: t.field({
        type: SkillStateType,
        description:
          'The skill after the event: IN_PROGRESS, or unchanged when it was already validated, submitted or withdrawn.',
        resolve: (result) => result.state,
      }),
    }),
  });

builder.mutationFields((t) => ({
  markSkillInProgress: t.withAuth({ trainer: true }).field({
    type: MarkSkillInProgressSuccess,
    description:
      'A trainer notes that a learner of one of their groups has started a skill (never their own); nothing is validated and the learner gets no message.',
    args: {
      learnerId: t.arg.id({ required: true }),
      skillId: t.arg.id({ required: true, description: 'Global id: `<curriculum>/<skill>`.' }),
      sessionId: t.arg.id({ required: false }),
    },
    errors: {
      types: [Forbidden, UnknownProgressSkill, UnknownPerson, InvalidProgressEvent],
      directResult: true,
      union: { name: 'MarkSkillInProgressResult' },
    },
    resolve: (_root, args, context) =>
      markSkillInProgress(context.deps, context.viewer, {
        learnerId: String(args.learnerId),
        skillId: String(args.skillId),
        ...(args.sessionId == null ? {} : { sessionId: String(args.sessionId) }),
      }),
  }),
}));
