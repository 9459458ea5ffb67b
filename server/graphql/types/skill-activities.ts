/**
 * `Skill.activities`: what the curriculum offers to learn a skill (workshops, exercises,
 * resources), for the learner's skill page. Kept apart from `skill.ts` as a field added to
 * the `Skill` type.
 */
import type { Activity } from '../../../curricula/schema.ts';
import { builder } from '../builder.ts';
import { LocalizedTextType } from './localized-text.ts';
import { SkillType } from './skill.ts';

/** The kinds of activities. */
export const ActivityKindEnum = builder.enumType('ActivityKind', {
  values: {
    WORKSHOP: { value: 'workshop', description: 'A session at the Grange with a trainer.' },
    EXERCISE: { value: 'exercise', description: 'Something to practise alone or in pairs.' },
    RESOURCE: { value: 'resource', description: 'A page or video to read or watch (`url`).' },
  } as const,
});

/** One activity that teaches a skill. */
export const ActivityType = builder.objectRef<Activity>('Activity').implement({
  fields: (t) => ({
    kind: t.field({ type: ActivityKindEnum, resolve: (activity) => activity.kind }),
    title: t.field({ type: LocalizedTextType, resolve: (activity) => activity.title }),
    description: t.field({
      type: LocalizedTextType,
      nullable: true,
      resolve: (activity) => activity.description ?? null,
    }),
    durationMinutes: t.exposeInt('durationMinutes', { description: 'Expected duration.' }),
    unplugged: t.boolean({
      description: 'Needs no screen ("débranché").',
      resolve: (activity) => activity.unplugged ?? false,
    }),
    url: t.string({ nullable: true, resolve: (activity) => activity.url ?? null }),
  }),
});

builder.objectField(SkillType, 'activities', (t) =>
  t.field({
    type: [ActivityType],
    description: 'What the curriculum offers to learn it, in authoring order.',
    resolve: ({ skill }) => skill.activities,
  }),
);
