/** `Skill`: one skill of a curriculum, with its global id, levels and how it is validated. */
import type { ProficiencyLevel } from '../../../curricula/schema.ts';
import { qualify } from '../../app/curricula-to-domain.ts';
import type { IndexedSkill } from '../../app/issuance/catalog-index.ts';
import { builder } from '../builder.ts';
import { LocalizedTextType } from './localized-text.ts';

/** How a skill gets validated. */
export const ValidationMethodEnum = builder.enumType('ValidationMethod', {
  values: {
    TRAINER: { value: 'trainer', description: 'A trainer observes it live.' },
    EVIDENCE: { value: 'evidence', description: 'The learner submits proof a trainer reviews.' },
    JURY: { value: 'jury', description: 'An outside body decides.' },
  } as const,
});

/** One proficiency level of a skill. */
export const SkillLevelType = builder.objectRef<ProficiencyLevel>('SkillLevel').implement({
  fields: (t) => ({
    level: t.exposeInt('level'),
    title: t.field({ type: LocalizedTextType, resolve: (level) => level.title }),
    description: t.field({
      type: LocalizedTextType,
      nullable: true,
      resolve: (level) => level.description ?? null,
    }),
  }),
});

/** A skill, backed by the catalog's authored skill and its curriculum. */
export const SkillType = builder.objectRef<IndexedSkill>('Skill').implement({
  fields: (t) => ({
    id: t.id({
      description: 'Global id: `<curriculum>/<skill>`.',
      resolve: ({ curriculum, skill }) => qualify(curriculum.id, skill.id),
    }),
    curriculumId: t.string({ resolve: ({ curriculum }) => curriculum.id }),
    title: t.field({ type: LocalizedTextType, resolve: ({ skill }) => skill.title }),
    description: t.field({ type: LocalizedTextType, resolve: ({ skill }) => skill.description }),
    module: t.string({
      description: 'The id of its module.',
      resolve: ({ skill }) => skill.module,
    }),
    order: t.int({
      description: 'Position inside the module, from 1.',
      resolve: ({ skill }) => skill.order,
    }),
    levels: t.field({
      type: [SkillLevelType],
      description: 'Empty when the skill has no levels.',
      resolve: ({ skill }) => skill.levels ?? [],
    }),
    validationMethods: t.field({
      type: [ValidationMethodEnum],
      resolve: ({ skill }) => skill.validation.methods,
    }),
    selfAssessment: t.boolean({
      description: 'Whether the learner may assess the skill themselves.',
      resolve: ({ skill }) => skill.validation.selfAssessment,
    }),
    validityMonths: t.int({
      nullable: true,
      description: 'Months after which a validation lapses; null: it never lapses.',
      resolve: ({ skill }) => skill.validityMonths ?? null,
    }),
    prerequisiteIds: t.idList({
      description: 'Global ids of the skills to validate first.',
      resolve: ({ curriculum, skill }) => skill.prerequisites.map((p) => qualify(curriculum.id, p)),
    }),
  }),
});
