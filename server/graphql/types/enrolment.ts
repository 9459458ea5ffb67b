/**
 * `Enrolment` and `Query.myEnrolments` (the curricula the signed-in learner follows, their
 * groups and their progress in each), and `Curriculum.myProgress` (the same progress on any
 * curriculum, for the signed-in viewer).
 */
import type { Curriculum } from '../../../curricula/schema.ts';
import {
  type CurriculumProgress,
  type EnrolmentView,
  learnerProgress,
  listEnrolments,
} from '../../app/learner/list-enrolments.ts';
import type { EnrolmentGroup } from '../../db/repositories/learner-enrolments-repository.ts';
import { builder } from '../builder.ts';
import { CurriculumType } from './curriculum.ts';

/** Where a learner stands in one curriculum. */
export const CurriculumProgressType = builder
  .objectRef<CurriculumProgress>('CurriculumProgress')
  .implement({
    fields: (t) => ({
      curriculumId: t.exposeID('curriculumId'),
      skillsTotal: t.exposeInt('skillsTotal'),
      skillsAcquired: t.exposeInt('skillsAcquired', {
        description: 'Validated now (self-assessed ones included where the curriculum allows).',
      }),
      skillsInProgress: t.exposeInt('skillsInProgress', {
        description: 'Worked on but not validated now: in progress, submitted, expired, withdrawn.',
      }),
      skillsAvailable: t.exposeInt('skillsAvailable', {
        description: 'Not started yet, with every prerequisite validated.',
      }),
      badgesEarned: t.exposeInt('badgesEarned', {
        description: 'Badges of the curriculum held now (not revoked, not expired).',
      }),
      badgesTotal: t.exposeInt('badgesTotal', {
        description: 'Badges the curriculum offers.',
      }),
    }),
  });

/** A group in which the learner follows the curriculum. */
const EnrolmentGroupType = builder.objectRef<EnrolmentGroup>('EnrolmentGroup').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
});

/** A curriculum the learner is enrolled in. */
const EnrolmentType = builder.objectRef<EnrolmentView>('Enrolment').implement({
  fields: (t) => ({
    curriculum: t.field({ type: CurriculumType, resolve: (enrolment) => enrolment.curriculum }),
    enrolledAt: t.exposeString('enrolledAt'),
    groups: t.field({
      type: [EnrolmentGroupType],
      description: 'The active groups in which the learner works on this curriculum.',
      resolve: (enrolment) => enrolment.groups,
    }),
    progress: t.field({
      type: CurriculumProgressType,
      resolve: (enrolment) => enrolment.progress,
    }),
  }),
});

builder.queryFields((t) => ({
  myEnrolments: t.withAuth({ signedIn: true }).field({
    type: [EnrolmentType],
    description:
      'The curricula the signed-in person is enrolled in, oldest enrolment first, with their ' +
      'groups and progress (empty for someone enrolled nowhere).',
    resolve: (_root, _args, context) =>
      listEnrolments(
        context.deps,
        context.viewer.personId,
        context.loaders.learnerSnapshot(context.viewer.personId),
        context.loaders.learnerEnrolments(context.viewer.personId),
      ),
  }),
}));

// Every curriculum of a `curricula` query is summarised from one read of the viewer's ledger.
builder.objectField(CurriculumType, 'myProgress', (t) =>
  t.loadable({
    type: CurriculumProgressType,
    nullable: true,
    description: "The signed-in viewer's progress in this curriculum; null when anonymous.",
    load: async (curriculumIds: string[], context) => {
      const viewer = context.viewer;
      if (viewer === null) return curriculumIds.map(() => null);
      const progress = await learnerProgress(
        context.deps,
        viewer.personId,
        context.loaders.learnerSnapshot(viewer.personId),
      );
      const curricula = new Map<string, Curriculum>(
        context.deps.catalog.curricula.map((c) => [c.id, c]),
      );
      return curriculumIds.map((id) => {
        const curriculum = curricula.get(id);
        return curriculum === undefined ? null : progress(curriculum);
      });
    },
    resolve: (curriculum, _args, context) => (context.viewer === null ? null : curriculum.id),
  }),
);
