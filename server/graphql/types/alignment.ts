/**
 * `Alignment`: a public framework's competence a skill or badge matches (DigComp, Pix/CRCN,
 * ESCO, ROME, RNCP…), as the curriculum states it; and `Skill.alignments`, `Badge.alignments`,
 * `Badge.criteriaSkillIds` — what the admin's curricula overview shows. Kept apart as fields
 * added to the `Skill` and `Badge` types.
 */
import type { Alignment } from '../../../curricula/schema.ts';
import { ruleLeaves } from '../../domain/criteria/criteria-rule.ts';
import { builder } from '../builder.ts';
import { BadgeType } from './badge.ts';
import { SkillType } from './skill.ts';

/** One alignment. */
export const AlignmentType = builder.objectRef<Alignment>('Alignment').implement({
  fields: (t) => ({
    framework: t.exposeString('framework', {
      description: 'DigComp, Pix, CRCN, ESCO, ROME, RNCP or EntreComp.',
    }),
    frameworkVersion: t.exposeString('frameworkVersion'),
    code: t.string({
      nullable: true,
      description: 'The framework\'s own code ("2.6", "M1805"); null for ESCO, named by URI.',
      resolve: (alignment) => alignment.code ?? null,
    }),
    name: t.exposeString('name', {
      description: "The framework's own title of the competence, in its language.",
    }),
    url: t.exposeString('url', { description: 'Where the framework describes it.' }),
  }),
});

builder.objectField(SkillType, 'alignments', (t) =>
  t.field({ type: [AlignmentType], resolve: ({ skill }) => skill.alignments }),
);

builder.objectField(BadgeType, 'alignments', (t) =>
  t.field({ type: [AlignmentType], resolve: ({ badge }) => badge.alignments }),
);

builder.objectField(BadgeType, 'criteriaSkillIds', (t) =>
  t.idList({
    description:
      'Global ids of the skills its criteria name (directly; badges it requires are not expanded).',
    resolve: ({ curriculum, badge }, _args, context) => {
      const id = `${curriculum.id}/${badge.id}`;
      const definition = context.deps.catalog.badges.find((b) => b.id === id);
      if (definition === undefined) return [];
      return [
        ...new Set(
          ruleLeaves(definition.criteria).flatMap((leaf) =>
            leaf.kind === 'skill' ? [leaf.skillId] : [],
          ),
        ),
      ];
    },
  }),
);
