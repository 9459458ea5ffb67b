/**
 * `Query.validationQueue`: learners' submitted evidence awaiting a trainer's review, for the
 * groups the viewer trains.
 */
import { UnknownGroup } from '../../app/accounts/errors.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import { validationQueue } from '../../app/workshops/group-progress.ts';
import { Forbidden } from '../../auth/errors.ts';
import type { SubmittedSkill } from '../../db/repositories/group-progress-repository.ts';
import { builder } from '../builder.ts';
import { EvidenceType } from './evidence.ts';
import './group.ts';
import { SkillType } from './skill.ts';

const ValidationRequestType = builder.objectRef<SubmittedSkill>('ValidationRequest').implement({
  fields: (t) => ({
    learnerId: t.exposeID('learnerId'),
    learnerName: t.string({
      resolve: async (request, _args, context) =>
        (await context.loaders.person(request.learnerId))?.displayName ?? '',
    }),
    skillId: t.exposeID('skillId'),
    skill: t.field({
      type: SkillType,
      nullable: true,
      resolve: (request, _args, context) =>
        indexCatalog(context.deps.catalog).skill(request.skillId) ?? null,
    }),
    submittedAt: t.exposeString('submittedAt'),
    evidence: t.field({
      type: [EvidenceType],
      description: 'What the latest submission named.',
      resolve: (request) => request.evidence,
    }),
  }),
});

const ValidationQueueSuccess = builder
  .objectRef<{ requests: SubmittedSkill[] }>('ValidationQueue')
  .implement({
    fields: (t) => ({
      requests: t.field({
        type: [ValidationRequestType],
        description: 'Oldest first.',
        resolve: (queue) => queue.requests,
      }),
    }),
  });

builder.queryFields((t) => ({
  validationQueue: t.withAuth({ trainer: true, admin: true }).field({
    type: ValidationQueueSuccess,
    description: 'Evidence awaiting review, from one group or every group the viewer trains.',
    args: { groupId: t.arg.id({ required: false }) },
    errors: {
      types: [Forbidden, UnknownGroup],
      directResult: true,
      union: { name: 'ValidationQueueResult' },
    },
    resolve: async (_root, args, context) => ({
      requests: await validationQueue(
        context.deps.db,
        context.viewer,
        args.groupId == null ? undefined : String(args.groupId),
      ),
    }),
  }),
}));
