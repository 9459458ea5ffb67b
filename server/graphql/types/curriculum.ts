/** `Curriculum` and `Query.curricula`: the loaded catalog, readable by anyone. */
import type { Curriculum, Module } from '../../../curricula/schema.ts';
import { builder } from '../builder.ts';
import { BadgeType } from './badge.ts';
import { LocalizedTextType } from './localized-text.ts';
import { SkillType } from './skill.ts';

/** A module of a curriculum. */
export const CurriculumModuleType = builder.objectRef<Module>('CurriculumModule').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.field({ type: LocalizedTextType, resolve: (module) => module.title }),
    description: t.field({
      type: LocalizedTextType,
      nullable: true,
      resolve: (module) => module.description ?? null,
    }),
  }),
});

/** A curriculum as authored. */
export const CurriculumType = builder.objectRef<Curriculum>('Curriculum').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.field({ type: LocalizedTextType, resolve: (curriculum) => curriculum.title }),
    description: t.field({
      type: LocalizedTextType,
      resolve: (curriculum) => curriculum.description,
    }),
    modules: t.field({ type: [CurriculumModuleType], resolve: (curriculum) => curriculum.modules }),
    skills: t.field({
      type: [SkillType],
      description: 'In authoring order.',
      resolve: (curriculum) => curriculum.skills.map((skill) => ({ curriculum, skill })),
    }),
    badges: t.field({
      type: [BadgeType],
      resolve: (curriculum) => curriculum.badges.map((badge) => ({ curriculum, badge })),
    }),
  }),
});

builder.queryFields((t) => ({
  curricula: t.field({
    type: [CurriculumType],
    description: 'Every curriculum of the platform.',
    resolve: (_root, _args, context) => context.deps.catalog.curricula,
  }),
}));
