/** `Award` (a badge issued to a learner) and `Query.myBadges`. */
import type { LocalizedText } from '../../../curricula/schema.ts';
import type { CatalogIndex } from '../../app/issuance/catalog-index.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import { listAwardsOfLearner } from '../../db/repositories/badge-awards-repository.ts';
import { builder } from '../builder.ts';
import { BadgeType } from './badge.ts';
import { LocalizedTextType } from './localized-text.ts';

/** What the API shows of an award, whichever use case produced it. */
export interface AwardView {
  id: string;
  badgeId: string;
  title: LocalizedText;
  issuedAt: string;
  validUntil: string | null;
  revokedAt: string | null;
}

/**
 * @param index the catalog index (for the badge's title).
 * @param award an award just issued or as stored.
 * @returns its view; a badge no longer in the catalog keeps its id as title.
 */
export function awardView(
  index: CatalogIndex,
  award: {
    badgeId: string;
    issuedAt: string;
    validUntil?: string;
    revokedAt?: string;
  } & ({ awardId: string } | { id: string }),
): AwardView {
  const title = index.badge(award.badgeId)?.badge.title ?? { fr: award.badgeId, en: award.badgeId };
  return {
    id: 'awardId' in award ? award.awardId : award.id,
    badgeId: award.badgeId,
    title,
    issuedAt: award.issuedAt,
    validUntil: award.validUntil ?? null,
    revokedAt: award.revokedAt ?? null,
  };
}

/** A badge issued to a learner. */
export const AwardType = builder.objectRef<AwardView>('Award').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    badgeId: t.exposeID('badgeId'),
    badge: t.field({
      type: BadgeType,
      nullable: true,
      description: 'The badge definition today (null if it left the catalog).',
      resolve: (award, _args, context) =>
        indexCatalog(context.deps.catalog).badge(award.badgeId) ?? null,
    }),
    title: t.field({ type: LocalizedTextType, resolve: (award) => award.title }),
    issuedAt: t.exposeString('issuedAt'),
    validUntil: t.exposeString('validUntil', { nullable: true }),
    revoked: t.boolean({ resolve: (award) => award.revokedAt !== null }),
    verificationUrl: t.string({
      description: 'The public page where anyone can check the badge.',
      resolve: (award, _args, context) => `${context.deps.publicUrl}/badges/${award.id}`,
    }),
  }),
});

builder.queryFields((t) => ({
  myBadges: t.withAuth({ learner: true }).field({
    type: [AwardType],
    description:
      "The signed-in learner's badges, revoked ones included (`revoked: true`), oldest first.",
    resolve: async (_root, _args, context) => {
      const index = indexCatalog(context.deps.catalog);
      const awards = await listAwardsOfLearner(context.deps.db, context.viewer.personId);
      return awards.map((award) => awardView(index, award));
    },
  }),
}));
