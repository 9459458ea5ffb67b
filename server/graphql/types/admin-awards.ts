/**
 * Badge management for administrators: `Query.awards` (filtered, with the learner's name, the
 * flag with the event that raised it, and the revocation), `Mutation.revokeBadge`,
 * `Mutation.bulkRevoke` and `Mutation.resolveAwardFlag` (keep or revoke a flagged award).
 */
import { bulkRevoke } from '../../app/admin/bulk-revoke.ts';
import { AwardNotFlagged, TooManyAwards } from '../../app/admin/errors.ts';
import {
  type ResolveAwardFlagResult,
  resolveAwardFlag,
} from '../../app/admin/resolve-award-flag.ts';
import { ReasonRequired, UnknownAward } from '../../app/engine-errors.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import { revokeBadge } from '../../app/revoke-badge.ts';
import {
  type AdminAwardRow,
  type AwardFlagClearance,
  type AwardFlagOrigin,
  listAwardsForAdmin,
} from '../../db/repositories/admin-awards-repository.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { LocalizedTextType } from './localized-text.ts';
import { SkillType } from './skill.ts';

builder.objectType(UnknownAward, {
  name: 'UnknownAward',
  description: 'No award has this id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ awardId: t.exposeString('awardId') }),
});

builder.objectType(TooManyAwards, {
  name: 'TooManyAwards',
  description: 'A bulk revocation names more than 200 awards.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ limit: t.exposeInt('limit') }),
});

builder.objectType(ReasonRequired, {
  name: 'ReasonRequired',
  description: 'A revocation needs a reason the learner and verifiers can read.',
  interfaces: [LocalizedErrorInterface],
});

/** An award as an administrator sees it. */
export const AdminAwardType = builder.objectRef<AdminAwardRow>('AdminAward').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    badgeId: t.exposeID('badgeId'),
    title: t.field({
      type: LocalizedTextType,
      resolve: (award, _args, context) =>
        indexCatalog(context.deps.catalog).badge(award.badgeId)?.badge.title ?? {
          fr: award.badgeId,
          en: award.badgeId,
        },
    }),
    learnerId: t.exposeID('learnerId'),
    learnerDisplayName: t.exposeString('learnerDisplayName'),
    issuedAt: t.exposeString('issuedAt'),
    validUntil: t.string({ nullable: true, resolve: (a) => a.validUntil ?? null }),
    flagged: t.boolean({ resolve: (a) => a.flaggedAt !== undefined }),
    flaggedAt: t.string({ nullable: true, resolve: (a) => a.flaggedAt ?? null }),
    flagReason: t.string({ nullable: true, resolve: (a) => a.flagReason ?? null }),
    revoked: t.boolean({ resolve: (a) => a.revokedAt !== undefined }),
    revokedAt: t.string({ nullable: true, resolve: (a) => a.revokedAt ?? null }),
    revocationReason: t.string({ nullable: true, resolve: (a) => a.revocationReason ?? null }),
    verificationUrl: t.string({
      resolve: (award, _args, context) => `${context.deps.publicUrl}/badges/${award.id}`,
    }),
  }),
});

builder.objectType(AwardNotFlagged, {
  name: 'AwardNotFlagged',
  description: 'The award awaits no decision: not flagged, already kept, or revoked.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ awardId: t.exposeID('awardId') }),
});

/** What raised a flag. */
const AwardFlagCauseEnum = builder.enumType('AwardFlagCause', {
  values: {
    VALIDATION_WITHDRAWN: { value: 'validation-withdrawn' },
    JURY_REFUSED: { value: 'jury-decided', description: 'A jury refused the skill.' },
  } as const,
});

/** The ledger event that raised a flag. */
const AwardFlagOriginType = builder.objectRef<AwardFlagOrigin>('AwardFlagOrigin').implement({
  description: 'Which validation was taken back, by whom, when and why.',
  fields: (t) => ({
    eventId: t.exposeID('eventId'),
    cause: t.field({ type: AwardFlagCauseEnum, resolve: (origin) => origin.type }),
    skillId: t.exposeID('skillId'),
    skill: t.field({
      type: SkillType,
      nullable: true,
      description: 'The skill today (null if it left the catalog).',
      resolve: (origin, _args, context) =>
        indexCatalog(context.deps.catalog).skill(origin.skillId) ?? null,
    }),
    byPersonId: t.exposeID('byPersonId'),
    byDisplayName: t.exposeString('byDisplayName'),
    occurredAt: t.exposeString('occurredAt'),
    recordedAt: t.exposeString('recordedAt'),
    comment: t.string({
      nullable: true,
      description: "The withdrawal's reason, or the jury's comment.",
      resolve: (origin) => origin.comment ?? null,
    }),
  }),
});

/** An administrator's decision to keep a flagged award. */
const AwardFlagClearanceType = builder
  .objectRef<AwardFlagClearance>('AwardFlagClearance')
  .implement({
    fields: (t) => ({
      at: t.exposeString('at'),
      byPersonId: t.exposeID('byPersonId'),
      byDisplayName: t.exposeString('byDisplayName'),
      comment: t.exposeString('comment'),
    }),
  });

// Both read through the request's award-review loader: every award of a list at once, in one
// query shared by the two fields, whatever the list's size.
builder.objectField(AdminAwardType, 'flagOrigin', (t) =>
  t.field({
    type: AwardFlagOriginType,
    nullable: true,
    description:
      'The event that raised the standing flag; null when not flagged, or flagged by hand.',
    resolve: async (award, _args, context) =>
      award.flaggedAt === undefined
        ? null
        : ((await context.loaders.awardReview(award.id))?.origin ?? null),
  }),
);

builder.objectField(AdminAwardType, 'lastFlagClearance', (t) =>
  t.field({
    type: AwardFlagClearanceType,
    nullable: true,
    description: 'The last time an administrator kept this award after a flag, and why.',
    resolve: async (award, _args, context) =>
      (await context.loaders.awardReview(award.id))?.lastClearance ?? null,
  }),
);

const AwardFilterInput = builder.inputType('AwardFilter', {
  fields: (t) => ({
    learnerId: t.id({ required: false }),
    badgeId: t.id({ required: false }),
    flaggedOnly: t.boolean({
      required: false,
      description: 'Only awards flagged for review and not revoked.',
    }),
    revoked: t.boolean({
      required: false,
      description: 'true: revoked only; false: standing only; absent: both.',
    }),
  }),
});

interface RevokeBadgeOutcome {
  awardId: string;
  alreadyRevoked: boolean;
  revokedAt: string;
}

const RevokeBadgeSuccess = builder.objectRef<RevokeBadgeOutcome>('RevokeBadgeSuccess').implement({
  fields: (t) => ({
    awardId: t.exposeID('awardId'),
    alreadyRevoked: t.exposeBoolean('alreadyRevoked', {
      description: 'It was revoked before: nothing changed.',
    }),
    revokedAt: t.exposeString('revokedAt'),
  }),
});

/** What an administrator decides on a flagged award. */
const AwardFlagDecisionEnum = builder.enumType('AwardFlagDecision', {
  values: {
    KEEP: { value: 'keep', description: 'The badge stands: the flag is cleared.' },
    REVOKE: { value: 'revoke', description: 'The badge is revoked, the comment as the reason.' },
  } as const,
});

const ResolveAwardFlagSuccess = builder
  .objectRef<ResolveAwardFlagResult>('ResolveAwardFlagSuccess')
  .implement({
    fields: (t) => ({
      awardId: t.exposeID('awardId'),
      decision: t.field({ type: AwardFlagDecisionEnum, resolve: (result) => result.decision }),
      decidedAt: t.exposeString('decidedAt'),
    }),
  });

interface BulkRevokeItemView {
  awardId: string;
  ok: boolean;
  alreadyRevoked: boolean;
  errorCode: string | null;
  errorMessage: { fr: string; en: string } | null;
}

const BulkRevokeItemType = builder.objectRef<BulkRevokeItemView>('BulkRevokeItem').implement({
  fields: (t) => ({
    awardId: t.exposeID('awardId'),
    ok: t.exposeBoolean('ok', { description: 'Revoked now or before.' }),
    alreadyRevoked: t.exposeBoolean('alreadyRevoked'),
    errorCode: t.exposeString('errorCode', { nullable: true }),
    errorMessage: t.field({
      type: LocalizedTextType,
      nullable: true,
      resolve: (item) => item.errorMessage,
    }),
  }),
});

const BulkRevokeSuccess = builder
  .objectRef<{ items: BulkRevokeItemView[] }>('BulkRevokeSuccess')
  .implement({
    fields: (t) => ({
      items: t.field({ type: [BulkRevokeItemType], resolve: (result) => result.items }),
    }),
  });

builder.queryFields((t) => ({
  awards: t.withAuth({ admin: true }).field({
    type: [AdminAwardType],
    description: 'Administrators: awards, newest first (at most 500), filtered.',
    args: { filter: t.arg({ type: AwardFilterInput, required: false }) },
    resolve: (_root, args, context) => {
      const filter = args.filter;
      return listAwardsForAdmin(context.deps.db, {
        ...(filter?.learnerId == null ? {} : { learnerId: String(filter.learnerId) }),
        ...(filter?.badgeId == null ? {} : { badgeId: String(filter.badgeId) }),
        ...(filter?.flaggedOnly == null ? {} : { flaggedOnly: filter.flaggedOnly }),
        ...(filter?.revoked == null ? {} : { revoked: filter.revoked }),
      });
    },
  }),
}));

builder.mutationFields((t) => ({
  revokeBadge: t.withAuth({ admin: true }).field({
    type: RevokeBadgeSuccess,
    description:
      'Administrators: revoke an award; verifiers then answer "revoked" and the learner is told.',
    args: {
      awardId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true }),
    },
    errors: {
      types: [UnknownAward, ReasonRequired],
      directResult: true,
      union: { name: 'RevokeBadgeResult' },
    },
    resolve: async (_root, args, context) => {
      const { award, alreadyRevoked } = await revokeBadge(context.deps, {
        awardId: String(args.awardId),
        reason: args.reason,
        actorId: context.viewer.personId,
      });
      return { awardId: award.id, alreadyRevoked, revokedAt: award.revokedAt ?? '' };
    },
  }),
  resolveAwardFlag: t.withAuth({ admin: true }).field({
    type: ResolveAwardFlagSuccess,
    description:
      'Administrators: decide on a flagged award. KEEP clears the flag (the comment is kept ' +
      'with the award); REVOKE revokes it with the comment as the reason.',
    args: {
      awardId: t.arg.id({ required: true }),
      decision: t.arg({ type: AwardFlagDecisionEnum, required: true }),
      comment: t.arg.string({ required: true }),
    },
    errors: {
      types: [UnknownAward, AwardNotFlagged, ReasonRequired],
      directResult: true,
      union: { name: 'ResolveAwardFlagResult' },
    },
    resolve: (_root, args, context) =>
      resolveAwardFlag(context.deps, {
        awardId: String(args.awardId),
        decision: args.decision,
        comment: args.comment,
        actorId: context.viewer.personId,
      }),
  }),
  bulkRevoke: t.withAuth({ admin: true }).field({
    type: BulkRevokeSuccess,
    description:
      'Administrators: revoke up to 200 awards with one reason; each award gets its own result.',
    args: {
      awardIds: t.arg.idList({ required: true }),
      reason: t.arg.string({ required: true }),
    },
    errors: {
      types: [ReasonRequired, TooManyAwards],
      directResult: true,
      union: { name: 'BulkRevokeResult' },
    },
    resolve: async (_root, args, context) => {
      const items = await bulkRevoke(context.deps, {
        awardIds: args.awardIds.map(String),
        reason: args.reason,
        actorId: context.viewer.personId,
      });
      return {
        items: items.map((item) => ({
          awardId: item.awardId,
          ok: item.ok,
          alreadyRevoked: item.alreadyRevoked,
          errorCode: item.error?.code ?? null,
          errorMessage: item.error?.messages ?? null,
        })),
      };
    },
  }),
}));
