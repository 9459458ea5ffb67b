/**
 * Share links of the pathway and counsellor follows: `Query.myShareLinks` (with the openings
 * log), `createShareLink` (the token is given once), `revokeShareLink`, and `followLearner` /
 * `unfollowLearner` (administrators, or the learner inviting or ending a counsellor).
 */

import { UnknownPerson } from '../../app/engine-errors.ts';
import {
  InvalidShareRequest,
  NotACounsellor,
  PublicShareNeedsConsent,
  UnknownShareLink,
} from '../../app/pathway/errors.ts';
import { followLearner, unfollowLearner } from '../../app/pathway/follows.ts';
import {
  createShareLink,
  myShareLinks,
  revokeShareLink,
  type ShareLinkWithOpenings,
} from '../../app/pathway/share-links.ts';
import { Forbidden } from '../../auth/errors.ts';
import type { CounsellorFollow } from '../../db/repositories/counsellor-follows-repository.ts';
import type { ShareLink, ShareLinkOpening } from '../../db/repositories/share-links-repository.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';

for (const [error, name, description] of [
  [UnknownShareLink, 'UnknownShareLink', 'No share link of yours has this id.'],
  [
    InvalidShareRequest,
    'InvalidShareRequest',
    'Nothing to share, a foreign badge, or a bad expiry.',
  ],
  [PublicShareNeedsConsent, 'PublicShareNeedsConsent', "A minor's link needs a guardian consent."],
  [NotACounsellor, 'NotACounsellor', 'The person does not hold the counsellor role.'],
] as const) {
  builder.objectType(error, { name, description, interfaces: [LocalizedErrorInterface] });
}

const OpeningType = builder.objectRef<ShareLinkOpening>('ShareLinkOpening').implement({
  fields: (t) => ({
    openedAt: t.exposeString('openedAt'),
    userAgent: t.exposeString('userAgent', { description: 'Browser family and device kind.' }),
  }),
});

const ShareLinkType = builder.objectRef<ShareLink>('ShareLink').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    createdAt: t.exposeString('createdAt'),
    expiresAt: t.exposeString('expiresAt'),
    revokedAt: t.exposeString('revokedAt', { nullable: true }),
    sharesTargets: t.boolean({ resolve: (link) => link.items.targets }),
    sharesMilestones: t.boolean({ resolve: (link) => link.items.milestones }),
    awardIds: t.idList({ resolve: (link) => link.items.awardIds }),
  }),
});

const ShareLinkWithOpeningsType = builder
  .objectRef<ShareLinkWithOpenings>('ShareLinkWithOpenings')
  .implement({
    fields: (t) => ({
      link: t.field({ type: ShareLinkType, resolve: (link) => link }),
      openings: t.field({ type: [OpeningType], resolve: (link) => link.openings }),
    }),
  });

const CreatedShareLink = builder
  .objectRef<{ link: ShareLink; url: string }>('CreateShareLinkSuccess')
  .implement({
    fields: (t) => ({
      link: t.field({ type: ShareLinkType, resolve: (r) => r.link }),
      url: t.exposeString('url', { description: 'The public address; shown once, not stored.' }),
    }),
  });

const ShareLinkInput = builder.inputType('ShareLinkInput', {
  fields: (t) => ({
    targets: t.boolean({ required: true, description: 'Target jobs with their gap summary.' }),
    milestones: t.boolean({ required: true }),
    awardIds: t.idList({ required: true, description: 'Badges (award ids) to show.' }),
    days: t.int({ required: false, description: '1 to 365; 30 by default.' }),
  }),
});

const FollowType = builder.objectRef<CounsellorFollow>('CounsellorFollow').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    counsellorId: t.exposeID('counsellorId'),
    learnerId: t.exposeID('learnerId'),
    startedBy: t.exposeID('startedBy'),
    startedAt: t.exposeString('startedAt'),
  }),
});

const Unfollowed = builder.objectRef<{ ended: boolean }>('UnfollowLearnerSuccess').implement({
  fields: (t) => ({ ended: t.exposeBoolean('ended') }),
});

builder.queryFields((t) => ({
  myShareLinks: t.withAuth({ learner: true }).field({
    type: [ShareLinkWithOpeningsType],
    description: "The learner's share links, newest first, with who opened them and when.",
    resolve: (_root, _args, context) => myShareLinks(context.deps, context.viewer),
  }),
}));

builder.mutationFields((t) => ({
  createShareLink: t.withAuth({ learner: true }).field({
    type: CreatedShareLink,
    description: 'A public read-only link to chosen parts of the pathway (never the notes).',
    args: { input: t.arg({ type: ShareLinkInput, required: true }) },
    errors: {
      types: [InvalidShareRequest, PublicShareNeedsConsent, UnknownPerson],
      directResult: true,
      union: { name: 'CreateShareLinkResult' },
    },
    resolve: async (_root, { input }, context) => {
      const { link, token } = await createShareLink(context.deps, context.viewer, {
        items: {
          targets: input.targets,
          milestones: input.milestones,
          awardIds: input.awardIds.map(String),
        },
        days: input.days ?? null,
      });
      return { link, url: `${context.deps.publicUrl.replace(/\/+$/, '')}/partage/${token}` };
    },
  }),
  revokeShareLink: t.withAuth({ learner: true }).field({
    type: ShareLinkType,
    args: { id: t.arg.id({ required: true }) },
    errors: {
      types: [UnknownShareLink],
      directResult: true,
      union: { name: 'RevokeShareLinkResult' },
    },
    resolve: (_root, args, context) =>
      revokeShareLink(context.deps, context.viewer, String(args.id)),
  }),
  followLearner: t.withAuth({ $any: { admin: true, learner: true } }).field({
    type: FollowType,
    description:
      'A counsellor starts following a learner: set by an administrator, or by the learner ' +
      'inviting them (learnerId = themselves).',
    args: { counsellorId: t.arg.id({ required: true }), learnerId: t.arg.id({ required: true }) },
    errors: {
      types: [Forbidden, UnknownPerson, NotACounsellor],
      directResult: true,
      union: { name: 'FollowLearnerResult' },
    },
    resolve: (_root, args, context) =>
      followLearner(context.deps, context.viewer, {
        counsellorId: String(args.counsellorId),
        learnerId: String(args.learnerId),
      }),
  }),
  unfollowLearner: t.withAuth({ signedIn: true }).field({
    type: Unfollowed,
    description: 'Ends a follow: the administrator, the learner or the counsellor.',
    args: { counsellorId: t.arg.id({ required: true }), learnerId: t.arg.id({ required: true }) },
    errors: { types: [Forbidden], directResult: true, union: { name: 'UnfollowLearnerResult' } },
    resolve: async (_root, args, context) => ({
      ended: await unfollowLearner(context.deps, context.viewer, {
        counsellorId: String(args.counsellorId),
        learnerId: String(args.learnerId),
      }),
    }),
  }),
}));
