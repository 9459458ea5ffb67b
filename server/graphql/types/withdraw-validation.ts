/**
 * `Mutation.withdrawValidation`: a trainer of the learner's group (or an administrator) takes a
 * validation back, e.g. "undo" right after a mistaken tap in a live workshop. The result is
 * the skill's new state, and the badges the withdrawal flagged for an administrator.
 */
import {
  InvalidProgressEvent,
  UnknownPerson,
  UnknownProgressSkill,
} from '../../app/engine-errors.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import type { FlaggedAward } from '../../app/record-progress.ts';
import { NothingToWithdraw } from '../../app/workshops/errors.ts';
import {
  type WithdrawValidationResult,
  withdrawValidation,
} from '../../app/workshops/withdraw-validation.ts';
import { Forbidden } from '../../auth/errors.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { LocalizedTextType } from './localized-text.ts';
import { SkillStateType } from './skill-state.ts';

builder.objectType(NothingToWithdraw, {
  name: 'NothingToWithdraw',
  description: 'The learner holds no validation of the skill: there is nothing to withdraw.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    learnerId: t.exposeID('learnerId'),
    skillId: t.exposeID('skillId'),
  }),
});

/** A standing award a withdrawal flagged for an administrator's review. */
const FlaggedAwardType = builder.objectRef<FlaggedAward>('FlaggedAward').implement({
  description: 'The badge still verifies; an administrator decides whether to keep or revoke it.',
  fields: (t) => ({
    awardId: t.exposeID('awardId'),
    badgeId: t.exposeID('badgeId'),
    title: t.field({
      type: LocalizedTextType,
      resolve: (flagged, _args, context) =>
        indexCatalog(context.deps.catalog).badge(flagged.badgeId)?.badge.title ?? {
          fr: flagged.badgeId,
          en: flagged.badgeId,
        },
    }),
    reason: t.exposeString('reason'),
  }),
});

const WithdrawValidationSuccess = builder
  .objectRef<WithdrawValidationResult>('WithdrawValidationSuccess')
  .implement({
    fields: (t) => ({
      state: t.field({
        type: SkillStateType,
        description: 'The skill after the withdrawal (status WITHDRAWN).',
        resolve: (result) => result.state,
      }),
      flaggedAwards: t.field({
        type: [FlaggedAwardType],
        description: 'Badges that relied on the validation, now flagged for an administrator.',
        resolve: (result) => result.flagged,
      }),
    }),
  });

const WithdrawValidationInput = builder.inputType('WithdrawValidationInput', {
  fields: (t) => ({
    learnerId: t.id({ required: true }),
    skillId: t.id({ required: true, description: 'Global id: `<curriculum>/<skill>`.' }),
    comment: t.string({
      required: true,
      description: 'Why it is withdrawn: the learner reads it, and administrators too.',
    }),
    sessionId: t.id({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  withdrawValidation: t.withAuth({ trainer: true, admin: true }).field({
    type: WithdrawValidationSuccess,
    description:
      'A trainer of one of the learner’s groups, or an administrator, withdraws a validation ' +
      '(never their own). Badges that relied on it are flagged for review, not revoked.',
    args: { input: t.arg({ type: WithdrawValidationInput, required: true }) },
    errors: {
      types: [
        Forbidden,
        NothingToWithdraw,
        InvalidProgressEvent,
        UnknownProgressSkill,
        UnknownPerson,
      ],
      directResult: true,
      union: { name: 'WithdrawValidationResult' },
    },
    resolve: (_root, { input }, context) =>
      withdrawValidation(context.deps, context.viewer, {
        learnerId: String(input.learnerId),
        skillId: String(input.skillId),
        reason: input.comment,
        ...(input.sessionId == null ? {} : { sessionId: String(input.sessionId) }),
      }),
  }),
}));
