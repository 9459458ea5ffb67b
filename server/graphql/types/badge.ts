/** `Badge`: a badge of a curriculum (its definition, not an award), with its image. */
import type { Badge, BadgeImage, Curriculum } from '../../../curricula/schema.ts';
import { qualify } from '../../app/curricula-to-domain.ts';
import { builder } from '../builder.ts';
import { LocalizedTextType } from './localized-text.ts';

/** A badge as authored, with the curriculum it belongs to. */
export interface CatalogBadge {
  curriculum: Curriculum;
  badge: Badge;
}

/** How the badge image is drawn. */
export const BadgeImageType = builder.objectRef<BadgeImage>('BadgeImage').implement({
  fields: (t) => ({
    color: t.exposeString('color', { description: 'Background colour, `#rrggbb`.' }),
    icon: t.exposeString('icon', { description: 'The icon drawn in the middle.' }),
  }),
});

/** A badge definition. */
export const BadgeType = builder.objectRef<CatalogBadge>('Badge').implement({
  fields: (t) => ({
    id: t.id({
      description: 'Global id: `<curriculum>/<badge>`.',
      resolve: ({ curriculum, badge }) => qualify(curriculum.id, badge.id),
    }),
    curriculumId: t.string({ resolve: ({ curriculum }) => curriculum.id }),
    title: t.field({ type: LocalizedTextType, resolve: ({ badge }) => badge.title }),
    description: t.field({ type: LocalizedTextType, resolve: ({ badge }) => badge.description }),
    criteriaNarrative: t.field({
      type: LocalizedTextType,
      description: 'What the learner did to earn it, in plain words.',
      resolve: ({ badge }) => badge.criteriaNarrative,
    }),
    image: t.field({ type: BadgeImageType, resolve: ({ badge }) => badge.image }),
  }),
});
