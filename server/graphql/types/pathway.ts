/**
 * The pathway record: `Pathway` (targets with gap analysis and next steps, milestones, the
 * feed of badges and validated skills, counsellor notes only in a following counsellor's
 * view), `Query.myPathway`, `Query.learnerPathway`, `Query.myFollowedLearners` and the
 * mutations `setTargetJobs`, `setMilestone`, `addCounsellorNote`.
 */
import { InvalidInput } from '../../app/accounts/errors.ts';
import {
  InvalidMilestoneDate,
  InvalidNote,
  InvalidTargetJobs,
  UnknownJobProfile,
  UnknownMilestone,
} from '../../app/pathway/errors.ts';
import {
  addCounsellorNote,
  assertFollows,
  setMilestone,
  setTargetJobs,
} from '../../app/pathway/manage-pathway.ts';
import {
  type PathwayStep,
  type PathwayTargetView,
  type PathwayView,
  readPathway,
} from '../../app/pathway/read-pathway.ts';
import { Forbidden } from '../../auth/errors.ts';
import { followsOfCounsellor } from '../../db/repositories/counsellor-follows-repository.ts';
import type {
  CounsellorNote,
  PathwayMilestone,
  UpcomingSession,
} from '../../db/repositories/pathway-repository.ts';
import type { GapAnalysis } from '../../domain/pathway/gap-analysis.ts';
import { MILESTONES } from '../../domain/pathway/milestones.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { ImportanceEnum, JobProfileType } from './job-profile.ts';
import { LocalizedTextType } from './localized-text.ts';
import { ActivityType } from './skill-activities.ts';

for (const [error, name, description] of [
  [UnknownJobProfile, 'UnknownJobProfile', 'No job profile has this id.'],
  [InvalidTargetJobs, 'InvalidTargetJobs', 'Too many target jobs, or one twice.'],
  [UnknownMilestone, 'UnknownMilestone', 'No milestone has this id.'],
  [InvalidMilestoneDate, 'InvalidMilestoneDate', 'Not a past calendar day (YYYY-MM-DD).'],
  [InvalidNote, 'InvalidNote', 'The note is empty or too long.'],
] as const) {
  builder.objectType(error, { name, description, interfaces: [LocalizedErrorInterface] });
}

const SessionType = builder.objectRef<UpcomingSession>('PathwaySession').implement({
  description: 'A workshop session to come that works on the skill.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    startsAt: t.exposeString('startsAt'),
    endsAt: t.exposeString('endsAt'),
  }),
});

const StepType = builder.objectRef<PathwayStep>('PathwayStep').implement({
  description: 'A skill to learn to close the gap, prerequisites first.',
  fields: (t) => ({
    skillId: t.exposeID('skillId'),
    activities: t.field({ type: [ActivityType], resolve: (step) => [...step.activities] }),
    sessions: t.field({ type: [SessionType], resolve: (step) => step.sessions }),
  }),
});

const SkillCoverageType = builder
  .objectRef<GapAnalysis['skills'][number]>('SkillCoverage')
  .implement({
    fields: (t) => ({
      skillId: t.exposeID('skillId'),
      importance: t.field({ type: ImportanceEnum, resolve: (s) => s.importance }),
      covered: t.exposeBoolean('covered'),
    }),
  });

const BadgeCoverageType = builder
  .objectRef<GapAnalysis['badges'][number]>('BadgeCoverage')
  .implement({
    fields: (t) => ({
      badgeId: t.exposeID('badgeId'),
      importance: t.field({ type: ImportanceEnum, resolve: (b) => b.importance }),
      covered: t.exposeBoolean('covered'),
      missingSkills: t.exposeIDList('missingSkills'),
    }),
  });

export const GapType = builder.objectRef<GapAnalysis>('GapAnalysis').implement({
  fields: (t) => ({
    skills: t.field({ type: [SkillCoverageType], resolve: (g) => g.skills }),
    badges: t.field({ type: [BadgeCoverageType], resolve: (g) => g.badges }),
    requiredCovered: t.exposeInt('requiredCovered'),
    requiredTotal: t.exposeInt('requiredTotal'),
    usefulCovered: t.exposeInt('usefulCovered'),
    usefulTotal: t.exposeInt('usefulTotal'),
    skillsToLearn: t.exposeIDList('skillsToLearn', {
      description: 'The fewest skills closing the required gap, prerequisites first.',
    }),
    exact: t.exposeBoolean('exact'),
    reachable: t.exposeBoolean('reachable'),
  }),
});

export const TargetType = builder.objectRef<PathwayTargetView>('PathwayTarget').implement({
  fields: (t) => ({
    job: t.field({ type: JobProfileType, resolve: (target) => target.job }),
    chosenAt: t.exposeString('chosenAt'),
    gap: t.field({ type: GapType, resolve: (target) => target.gap }),
    nextSteps: t.field({ type: [StepType], resolve: (target) => target.nextSteps }),
  }),
});

export const MilestoneType = builder.objectRef<PathwayMilestone>('PathwayMilestone').implement({
  fields: (t) => ({
    milestoneId: t.exposeID('milestoneId'),
    label: t.field({
      type: LocalizedTextType,
      resolve: (m) =>
        MILESTONES.find((d) => d.id === m.milestoneId)?.label ?? {
          fr: m.milestoneId,
          en: m.milestoneId,
        },
    }),
    reachedOn: t.exposeString('reachedOn'),
    setBy: t.exposeID('setBy'),
    setAt: t.exposeString('setAt'),
  }),
});

export const FeedBadgeType = builder
  .objectRef<PathwayView['badges'][number]>('PathwayBadge')
  .implement({
    fields: (t) => ({
      awardId: t.exposeID('awardId'),
      badgeId: t.exposeID('badgeId'),
      name: t.field({ type: LocalizedTextType, resolve: (b) => b.name }),
      issuedAt: t.exposeString('issuedAt'),
    }),
  });

const FeedSkillType = builder
  .objectRef<PathwayView['validatedSkills'][number]>('PathwaySkill')
  .implement({
    fields: (t) => ({
      skillId: t.exposeID('skillId'),
      validatedAt: t.exposeString('validatedAt'),
      source: t.exposeString('source'),
    }),
  });

const NoteType = builder.objectRef<CounsellorNote>('CounsellorNote').implement({
  description: "A counsellor's private note: never shown to the learner nor in a share.",
  fields: (t) => ({
    id: t.exposeID('id'),
    counsellorId: t.exposeID('counsellorId'),
    text: t.exposeString('text'),
    createdAt: t.exposeString('createdAt'),
  }),
});

const MilestoneDefinitionType = builder
  .objectRef<(typeof MILESTONES)[number]>('MilestoneDefinition')
  .implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      label: t.field({ type: LocalizedTextType, resolve: (m) => m.label }),
    }),
  });

const pathwayFields = builder.objectRef<PathwayView>('Pathway');
pathwayFields.implement({
  fields: (t) => ({
    learnerId: t.exposeID('learnerId'),
    targets: t.field({ type: [TargetType], resolve: (p) => p.targets }),
    milestones: t.field({ type: [MilestoneType], resolve: (p) => p.milestones }),
    allMilestones: t.field({
      type: [MilestoneDefinitionType],
      description: 'Every milestone of a pathway, in order.',
      resolve: () => [...MILESTONES],
    }),
    badges: t.field({ type: [FeedBadgeType], resolve: (p) => p.badges }),
    validatedSkills: t.field({ type: [FeedSkillType], resolve: (p) => p.validatedSkills }),
  }),
});

/** A following counsellor's view: the pathway and the private notes. */
const CounselledPathwayType = builder.objectRef<PathwayView>('CounselledPathway').implement({
  fields: (t) => ({
    pathway: t.field({ type: pathwayFields, resolve: (p) => p }),
    notes: t.field({ type: [NoteType], resolve: (p) => p.notes ?? [] }),
  }),
});

const FollowedLearnerType = builder
  .objectRef<{ learnerId: string; displayName: string; since: string }>('FollowedLearner')
  .implement({
    fields: (t) => ({
      learnerId: t.exposeID('learnerId'),
      displayName: t.exposeString('displayName'),
      since: t.exposeString('since'),
    }),
  });

const pathwayDeps = (context: { deps: Parameters<typeof readPathway>[0] }) => context.deps;

builder.queryFields((t) => ({
  myPathway: t.withAuth({ learner: true }).field({
    type: pathwayFields,
    description: "The learner's own pathway record (counsellor notes are never in it).",
    resolve: (_root, _args, context) => readPathway(pathwayDeps(context), context.viewer.personId),
  }),
  myFollowedLearners: t.withAuth({ counsellor: true }).field({
    type: [FollowedLearnerType],
    description: 'Counsellors: the learners they follow now.',
    resolve: async (_root, _args, context) => {
      const follows = await followsOfCounsellor(context.deps.db, context.viewer.personId);
      const people = await Promise.all(follows.map((f) => context.loaders.person(f.learnerId)));
      return follows.map((f, i) => ({
        learnerId: f.learnerId,
        displayName: people[i]?.displayName ?? '',
        since: f.startedAt,
      }));
    },
  }),
  learnerPathway: t.withAuth({ counsellor: true }).field({
    type: CounselledPathwayType,
    description: 'Counsellors: the pathway of a learner they follow, with the private notes.',
    args: { learnerId: t.arg.id({ required: true }) },
    errors: { types: [Forbidden], directResult: true, union: { name: 'LearnerPathwayResult' } },
    resolve: async (_root, args, context) => {
      const learnerId = String(args.learnerId);
      await assertFollows(context.deps, context.viewer, learnerId);
      return readPathway(context.deps, learnerId, { withNotes: true });
    },
  }),
}));

const MutationDone = builder.objectRef<{ pathway: PathwayView }>('PathwayChanged').implement({
  fields: (t) => ({ pathway: t.field({ type: pathwayFields, resolve: (r) => r.pathway }) }),
});

const NoteAdded = builder.objectRef<{ note: CounsellorNote }>('CounsellorNoteAdded').implement({
  fields: (t) => ({ note: t.field({ type: NoteType, resolve: (r) => r.note }) }),
});

builder.mutationFields((t) => ({
  setTargetJobs: t.withAuth({ learner: true }).field({
    type: MutationDone,
    description: 'The learner chooses their target jobs, most wanted first (at most 5).',
    args: { jobIds: t.arg.idList({ required: true }) },
    errors: {
      types: [UnknownJobProfile, InvalidTargetJobs],
      directResult: true,
      union: { name: 'SetTargetJobsResult' },
    },
    resolve: async (_root, args, context) => {
      await setTargetJobs(context.deps, context.viewer, args.jobIds.map(String));
      return { pathway: await readPathway(context.deps, context.viewer.personId) };
    },
  }),
  setMilestone: t.withAuth({ $any: { learner: true, counsellor: true } }).field({
    type: MutationDone,
    description:
      'Records the day a milestone was reached (null clears it): for oneself, or for a ' +
      'learner one follows as a counsellor (learnerId).',
    args: {
      milestoneId: t.arg.id({ required: true }),
      reachedOn: t.arg.string({ required: false, description: 'YYYY-MM-DD; null clears.' }),
      learnerId: t.arg.id({ required: false }),
    },
    errors: {
      types: [Forbidden, UnknownMilestone, InvalidMilestoneDate, InvalidInput],
      directResult: true,
      union: { name: 'SetMilestoneResult' },
    },
    resolve: async (_root, args, context) => {
      const learnerId = args.learnerId == null ? context.viewer.personId : String(args.learnerId);
      await setMilestone(context.deps, context.viewer, {
        learnerId,
        milestoneId: String(args.milestoneId),
        reachedOn: args.reachedOn ?? null,
      });
      return { pathway: await readPathway(context.deps, learnerId) };
    },
  }),
  addCounsellorNote: t.withAuth({ counsellor: true }).field({
    type: NoteAdded,
    description: 'Counsellors: a private note about a learner they follow.',
    args: { learnerId: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    errors: {
      types: [Forbidden, InvalidNote],
      directResult: true,
      union: { name: 'AddCounsellorNoteResult' },
    },
    resolve: async (_root, args, context) => ({
      note: await addCounsellorNote(context.deps, context.viewer, {
        learnerId: String(args.learnerId),
        text: args.text,
      }),
    }),
  }),
}));
