/**
 * `JobProfile`: a job of the employment pathway (ROME fiche, ESCO occupation, the skills and
 * badges that matter), and `Query.jobProfiles`, the public catalog for anyone signed in.
 */
import type { JobProfile } from '../../../curricula/schema.ts';
import { builder } from '../builder.ts';
import { LocalizedTextType } from './localized-text.ts';

export const ImportanceEnum = builder.enumType('JobImportance', {
  values: {
    REQUIRED: { value: 'required', description: 'Needed for the job.' },
    USEFUL: { value: 'useful', description: 'A plus, not a condition.' },
  } as const,
});

const JobSkillType = builder
  .objectRef<{ skill: string; importance: 'required' | 'useful' }>('JobSkill')
  .implement({
    fields: (t) => ({
      skillId: t.id({ resolve: (s) => s.skill }),
      importance: t.field({ type: ImportanceEnum, resolve: (s) => s.importance }),
    }),
  });

const JobBadgeType = builder
  .objectRef<{ badge: string; importance: 'required' | 'useful' }>('JobBadge')
  .implement({
    fields: (t) => ({
      badgeId: t.id({ resolve: (b) => b.badge }),
      importance: t.field({ type: ImportanceEnum, resolve: (b) => b.importance }),
    }),
  });

export const JobProfileType = builder.objectRef<JobProfile>('JobProfile').implement({
  description: 'A job the employment pathway aims at, from curricula/jobs/.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.field({ type: LocalizedTextType, resolve: (job) => job.title }),
    description: t.field({ type: LocalizedTextType, resolve: (job) => job.description }),
    romeCode: t.string({
      nullable: true,
      description: 'The ROME 4.0 fiche; null when no real fiche is known.',
      resolve: (job) => job.rome?.code ?? null,
    }),
    romeTitle: t.string({ nullable: true, resolve: (job) => job.rome?.title ?? null }),
    escoUri: t.string({ nullable: true, resolve: (job) => job.esco?.uri ?? null }),
    escoTitle: t.string({ nullable: true, resolve: (job) => job.esco?.title ?? null }),
    skills: t.field({ type: [JobSkillType], resolve: (job) => job.skills }),
    badges: t.field({ type: [JobBadgeType], resolve: (job) => job.badges }),
  }),
});

builder.queryFields((t) => ({
  jobProfiles: t.withAuth({ signedIn: true }).field({
    type: [JobProfileType],
    description: 'Every job profile of the catalog, in file order.',
    resolve: (_root, _args, context) => context.deps.catalog.jobProfiles,
  }),
}));
