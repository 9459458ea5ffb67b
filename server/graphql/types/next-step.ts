/** `NextStep` and `Query.myNextSteps`: what the signed-in learner can work on next. */
import type { IndexedSkill } from '../../app/issuance/catalog-index.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import { derivedFrom, setKey } from '../../app/ledger-cache.ts';
import { type NextStep, nextSteps } from '../../domain/progress/next-steps.ts';
import { builder } from '../builder.ts';
import { BadgeType } from './badge.ts';
import { SkillType } from './skill.ts';

/** The largest `limit` accepted, so one query stays cheap. */
const MAX_NEXT_STEPS = 50;

export const NextStepStatusEnum = builder.enumType('NextStepStatus', {
  values: { IN_PROGRESS: { value: 'in_progress' }, AVAILABLE: { value: 'available' } } as const,
});

interface NextStepView extends NextStep {
  indexed: IndexedSkill;
}

/** One suggestion. */
export const NextStepType = builder.objectRef<NextStepView>('NextStep').implement({
  fields: (t) => ({
    skillId: t.exposeID('skillId'),
    skill: t.field({ type: SkillType, resolve: (step) => step.indexed }),
    status: t.field({ type: NextStepStatusEnum, resolve: (step) => step.status }),
    reasons: t.stringList({
      description:
        "Stable codes, most important first: 'continue', 'rejected-try-again', " +
        "'counts-for-badge:<badgeId>', 'unlocks:<n>'.",
      resolve: (step) => step.reasons,
    }),
    score: t.exposeInt('score'),
    countsFor: t.field({
      type: [BadgeType],
      description:
        "The unfinished badges this step counts for, closest first (the 'counts-for-badge' " +
        'reasons as badges, whatever curriculum they belong to).',
      resolve: (step, _args, context) => {
        const index = indexCatalog(context.deps.catalog);
        return step.reasons.flatMap((reason) => {
          if (!reason.startsWith(COUNTS_FOR_BADGE)) return [];
          const found = index.badge(reason.slice(COUNTS_FOR_BADGE.length));
          return found === undefined ? [] : [{ curriculum: found.curriculum, badge: found.badge }];
        });
      },
    }),
  }),
});

const COUNTS_FOR_BADGE = 'counts-for-badge:';

builder.queryFields((t) => ({
  myNextSteps: t.withAuth({ learner: true }).field({
    type: [NextStepType],
    description: 'What to work on next, best first.',
    args: {
      curriculumId: t.arg.id({ required: false }),
      limit: t.arg.int({ required: false, defaultValue: 5 }),
      followedOnly: t.arg.boolean({
        required: false,
        defaultValue: false,
        description:
          'Only skills of the curricula the learner is enrolled in and the skills of other ' +
          'curricula they need first (every skill when they are enrolled in none): what their ' +
          'home suggests.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { deps, viewer } = context;
      const [{ states, standing }, enrolments] = await Promise.all([
        context.loaders.learnerSnapshot(viewer.personId),
        args.followedOnly ? context.loaders.learnerEnrolments(viewer.personId) : [],
      ]);
      const followed = new Set(enrolments.map((enrolment) => enrolment.curriculumId));
      const limit = Math.min(Math.max(args.limit ?? 5, 0), MAX_NEXT_STEPS);
      const held = new Set(standing.map((award) => award.badgeId));
      const curriculumId = args.curriculumId == null ? undefined : String(args.curriculumId);
      // Worked out once while the learner's states and these inputs stay the same.
      const key = ['next-steps', curriculumId, setKey(followed), setKey(held), limit].join('|');
      const steps = derivedFrom(states, key, () =>
        nextSteps(deps.catalog.graph, states, deps.catalog.badges, {
          ...(curriculumId === undefined ? {} : { curriculumId }),
          ...(followed.size === 0 ? {} : { followedCurricula: followed }),
          limit,
          heldBadges: held,
        }),
      );
      const index = indexCatalog(deps.catalog);
      return steps.flatMap((step) => {
        const indexed = index.skill(step.skillId);
        return indexed === undefined ? [] : [{ ...step, indexed }];
      });
    },
  }),
}));
