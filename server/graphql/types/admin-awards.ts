/**
 * Badge management for administrators: `Query.awards` (filtered, with the learner's name, the
 * flag and the revocation), `Mutation.revokeBadge` and `Mutation.bulkRevoke`.
 */
import { bulkRevoke } from '../../app/admin/bulk-revoke.ts';
import { TooManyAwards } from '../../app/admin/errors.ts';
import { ReasonRequired, UnknownAward } from '../../app/engine-errors.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import { revokeBadge } from '../../app/revoke-badge.ts';
import {
  type AdminAwardRow,
  listAwardsForAdmin,
} from '../../db/repositories/admin-awards-repository.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { LocalizedTextType } from './localized-text.ts';

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
