/** `Mutation.recordJuryDecision`: administrators record an outside jury's decision. */
import { NotAJurySkill } from '../../app/admin/errors.ts';
import { recordJuryDecision } from '../../app/admin/record-jury-decision.ts';
import {
  InvalidProgressEvent,
  UnknownPerson,
  UnknownProgressSkill,
} from '../../app/engine-errors.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { builder } from '../builder.ts';
import { AwardType, type AwardView, awardView } from './award.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { SkillStateType } from './skill-state.ts';

builder.objectType(NotAJurySkill, {
  name: 'NotAJurySkill',
  description: "The skill's validation methods do not include a jury.",
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ skillId: t.exposeString('skillId') }),
});

/** A jury's decision. */
export const JuryOutcomeEnum = builder.enumType('JuryOutcome', {
  values: {
    RECU: { value: 'recu', description: 'Passed: the skill is validated.' },
    AJOURNE: { value: 'ajourne', description: 'Deferred: steps to redo.' },
    REFUSE: { value: 'refuse', description: 'Refused: standing badges it breaks are flagged.' },
  } as const,
});

const JuryDecisionSuccess = builder
  .objectRef<{ state: SkillState; issuedBadges: AwardView[] }>('JuryDecisionSuccess')
  .implement({
    fields: (t) => ({
      state: t.field({ type: SkillStateType, resolve: (result) => result.state }),
      issuedBadges: t.field({ type: [AwardType], resolve: (result) => result.issuedBadges }),
    }),
  });

builder.mutationFields((t) => ({
  recordJuryDecision: t.withAuth({ admin: true }).field({
    type: JuryDecisionSuccess,
    description:
      "Administrators: record a jury's decision on a skill the curriculum has a jury validate.",
    args: {
      learnerId: t.arg.id({ required: true }),
      skillId: t.arg.id({ required: true }),
      outcome: t.arg({ type: JuryOutcomeEnum, required: true }),
      comment: t.arg.string({ required: false }),
    },
    errors: {
      types: [NotAJurySkill, UnknownProgressSkill, UnknownPerson, InvalidProgressEvent],
      directResult: true,
      union: { name: 'RecordJuryDecisionResult' },
    },
    resolve: async (_root, args, context) => {
      const skillId = String(args.skillId);
      const result = await recordJuryDecision(context.deps, {
        learnerId: String(args.learnerId),
        skillId,
        outcome: args.outcome,
        actorId: context.viewer.personId,
        ...(args.comment == null ? {} : { comment: args.comment }),
      });
      const state = result.states.get(skillId);
      if (state === undefined) throw new Error(`no state for ${skillId} after recording`);
      const index = indexCatalog(context.deps.catalog);
      return { state, issuedBadges: result.issued.map((award) => awardView(index, award)) };
    },
  }),
}));
