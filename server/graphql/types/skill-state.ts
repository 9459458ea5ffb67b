/**
 * `SkillState`, `Query.mySkillStates`, and the trainer's decisions on a skill
 * (`Mutation.validateSkill`, `Mutation.rejectSkill`).
 */

import { curriculumOf } from '../../app/curricula-to-domain.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import type { IssuedAward } from '../../app/issue-badge.ts';
import { type RecordProgressCommand, recordProgress } from '../../app/record-progress.ts';
import { Forbidden } from '../../auth/errors.ts';
import { canValidate } from '../../auth/policies.ts';
import { GroupsRepository } from '../../db/repositories/groups-repository.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { builder, type SignedInContext } from '../builder.ts';
import { AwardType, type AwardView, awardView } from './award.ts';
import { SKILL_DECISION_ERRORS } from './errors.ts';
import { SkillType } from './skill.ts';

/** Where a learner stands on a skill. */
export const SkillStatusEnum = builder.enumType('SkillStatus', {
  values: {
    LOCKED: { value: 'locked', description: 'A prerequisite is not validated yet.' },
    AVAILABLE: { value: 'available', description: 'Every prerequisite is validated.' },
    IN_PROGRESS: { value: 'in_progress' },
    SUBMITTED: { value: 'submitted', description: 'Evidence awaits review.' },
    VALIDATED: { value: 'validated' },
    EXPIRED: { value: 'expired', description: 'The validation has lapsed.' },
    WITHDRAWN: { value: 'withdrawn', description: 'The validation was withdrawn.' },
  } as const,
});

/** Who validated a skill. */
export const ValidationSourceEnum = builder.enumType('ValidationSource', {
  values: {
    SELF: { value: 'self' },
    TRAINER: { value: 'trainer' },
    JURY: { value: 'jury' },
  } as const,
});

/** A learner's state on one skill. */
export const SkillStateType = builder.objectRef<SkillState>('SkillState').implement({
  fields: (t) => ({
    skillId: t.exposeID('skillId'),
    skill: t.field({
      type: SkillType,
      resolve: (state, _args, context) => {
        const skill = indexCatalog(context.deps.catalog).skill(state.skillId);
        // States come from the catalog's own graph, so every skill id is in the index.
        if (skill === undefined) throw new Error(`skill ${state.skillId} is not in the catalog`);
        return skill;
      },
    }),
    status: t.field({ type: SkillStatusEnum, resolve: (state) => state.status }),
    level: t.int({ nullable: true, resolve: (state) => state.validation?.level ?? null }),
    source: t.field({
      type: ValidationSourceEnum,
      nullable: true,
      resolve: (state) => state.validation?.source ?? null,
    }),
    validatedAt: t.string({
      nullable: true,
      description: 'ISO 8601 instant of the validation standing (or lapsed).',
      resolve: (state) => state.validation?.at ?? null,
    }),
    expiresAt: t.string({
      nullable: true,
      resolve: (state) => state.validation?.expiresAt ?? null,
    }),
  }),
});

builder.queryFields((t) => ({
  mySkillStates: t.withAuth({ learner: true }).field({
    type: [SkillStateType],
    description:
      "The signed-in learner's state on every skill of the curriculum, in prerequisite order.",
    args: { curriculumId: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const states = await context.loaders.learnerStates(context.viewer.personId);
      const curriculumId = String(args.curriculumId);
      return [...states.values()].filter((s) => curriculumOf(s.skillId) === curriculumId);
    },
  }),
}));

/** What a successful decision returns. */
interface SkillDecision {
  state: SkillState;
  issuedBadges: AwardView[];
}

const ValidateSkillSuccess = builder.objectRef<SkillDecision>('ValidateSkillSuccess').implement({
  fields: (t) => ({
    state: t.field({ type: SkillStateType, resolve: (result) => result.state }),
    issuedBadges: t.field({
      type: [AwardType],
      description: 'Badges this validation completed, issued in the same transaction.',
      resolve: (result) => result.issuedBadges,
    }),
  }),
});

const RejectSkillSuccess = builder.objectRef<SkillDecision>('RejectSkillSuccess').implement({
  fields: (t) => ({
    state: t.field({ type: SkillStateType, resolve: (result) => result.state }),
  }),
});

const ValidateSkillInput = builder.inputType('ValidateSkillInput', {
  fields: (t) => ({
    learnerId: t.id({ required: true }),
    skillId: t.id({ required: true, description: 'Global id: `<curriculum>/<skill>`.' }),
    level: t.int({ required: false }),
    comment: t.string({ required: false }),
    sessionId: t.id({ required: false }),
  }),
});

const RejectSkillInput = builder.inputType('RejectSkillInput', {
  fields: (t) => ({
    learnerId: t.id({ required: true }),
    skillId: t.id({ required: true }),
    comment: t.string({ required: true, description: 'Why: the learner reads it.' }),
  }),
});

/**
 * Checks the trainer may decide on this learner (against group memberships read now), then
 * records the event through the progress engine.
 */
async function decide(
  context: SignedInContext,
  command: Omit<RecordProgressCommand, 'actorId'>,
): Promise<SkillDecision> {
  const { deps, viewer } = context;
  const memberships = await new GroupsRepository(deps.db).activeMembershipsOf([
    viewer.personId,
    command.learnerId,
  ]);
  if (!canValidate(viewer, command.learnerId, memberships)) throw new Forbidden();
  const result = await recordProgress(deps, { ...command, actorId: viewer.personId });
  const state = result.states.get(command.skillId);
  // recordProgress refuses skills outside the graph, so the fold has a state for this one.
  if (state === undefined) throw new Error(`no state for ${command.skillId} after recording`);
  const index = indexCatalog(deps.catalog);
  return {
    state,
    issuedBadges: result.issued.map((award: IssuedAward) => awardView(index, award)),
  };
}

builder.mutationFields((t) => ({
  validateSkill: t.withAuth({ trainer: true }).field({
    type: ValidateSkillSuccess,
    description:
      'A trainer validates a skill of a learner of one of their groups (never their own).',
    args: { input: t.arg({ type: ValidateSkillInput, required: true }) },
    errors: {
      types: [...SKILL_DECISION_ERRORS],
      directResult: true,
      union: { name: 'ValidateSkillResult' },
    },
    resolve: (_root, { input }, context) =>
      decide(context, {
        learnerId: String(input.learnerId),
        skillId: String(input.skillId),
        type: 'skill-validated',
        ...(input.level == null ? {} : { level: input.level }),
        ...(input.comment == null ? {} : { comment: input.comment }),
        ...(input.sessionId == null ? {} : { sessionId: String(input.sessionId) }),
      }),
  }),
  rejectSkill: t.withAuth({ trainer: true }).field({
    type: RejectSkillSuccess,
    description: 'A trainer records that a learner has not yet shown a skill, and says why.',
    args: { input: t.arg({ type: RejectSkillInput, required: true }) },
    errors: {
      types: [...SKILL_DECISION_ERRORS],
      directResult: true,
      union: { name: 'RejectSkillResult' },
    },
    resolve: (_root, { input }, context) =>
      decide(context, {
        learnerId: String(input.learnerId),
        skillId: String(input.skillId),
        type: 'skill-rejected',
        comment: input.comment,
      }),
  }),
}));
