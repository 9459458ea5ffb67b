/** `Mutation.selfAssess`: a learner says "I can do it", where the curriculum allows it. */
import {
  InvalidProgressEvent,
  LevelOutOfRange,
  UnknownPerson,
  UnknownProgressSkill,
} from '../../app/engine-errors.ts';
import { SelfAssessmentForbidden } from '../../app/learner/errors.ts';
import { selfAssess } from '../../app/learner/self-assess.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { SkillStateType } from './skill-state.ts';

builder.objectType(SelfAssessmentForbidden, {
  name: 'SelfAssessmentForbidden',
  description: 'The curriculum has a trainer or a jury validate this skill.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ skillId: t.exposeString('skillId') }),
});

const SelfAssessSuccess = builder.objectRef<{ state: SkillState }>('SelfAssessSuccess').implement({
  fields: (t) => ({
    state: t.field({ type: SkillStateType, resolve: (result) => result.state }),
  }),
});

builder.mutationFields((t) => ({
  selfAssess: t.withAuth({ learner: true }).field({
    type: SelfAssessSuccess,
    description:
      'The signed-in learner self-assesses a skill (refused where the curriculum forbids it).',
    args: {
      skillId: t.arg.id({ required: true }),
      level: t.arg.int({ required: false }),
    },
    errors: {
      types: [
        SelfAssessmentForbidden,
        UnknownProgressSkill,
        LevelOutOfRange,
        UnknownPerson,
        InvalidProgressEvent,
      ],
      directResult: true,
      union: { name: 'SelfAssessResult' },
    },
    resolve: async (_root, args, context) => {
      const skillId = String(args.skillId);
      const progress = await selfAssess(context.deps, {
        learnerId: context.viewer.personId,
        skillId,
        ...(args.level == null ? {} : { level: args.level }),
      });
      const state = progress.states.get(skillId);
      if (state === undefined) throw new Error(`no state for ${skillId} after recording`);
      return { state };
    },
  }),
}));
