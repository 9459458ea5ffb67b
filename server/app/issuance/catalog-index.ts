/**
 * Lookups over a loaded catalog by global id (`<curriculum>/<id>`): a skill with its authored
 * text, levels and validity; a badge with its authored text and its domain definition. Built
 * once per catalog and kept, since the catalog does not change while the server runs.
 */
import { createHash } from 'node:crypto';
import type { Badge, Curriculum, Skill } from '../../../curricula/schema.ts';
import type { BadgeDefinition } from '../../domain/criteria/criteria-rule.ts';
import type { SkillNodeInput } from '../../domain/skills/skill-graph.ts';
import type { Catalog } from '../check-curricula.ts';
import { curriculumOf, qualify, toSkillNodes } from '../curricula-to-domain.ts';

export interface IndexedSkill {
  curriculum: Curriculum;
  skill: Skill;
}

export interface IndexedBadge {
  curriculum: Curriculum;
  badge: Badge;
  definition: BadgeDefinition;
}

export interface CatalogIndex {
  catalog: Catalog;
  /** Every badge definition, by global id, in catalog order. */
  badges: ReadonlyMap<string, BadgeDefinition>;
  /** Every skill node, in authoring order (what badge snapshots copy from). */
  skillNodes: SkillNodeInput[];
  skill(id: string): IndexedSkill | undefined;
  badge(id: string): IndexedBadge | undefined;
  /** Months a validation of the skill stays valid; undefined: forever. */
  validityMonths(skillId: string): number | undefined;
  /** A curriculum's skills in prerequisite order (a trainer's grid columns); none: unknown id. */
  skillsInOrder(curriculumId: string): readonly string[];
  /** The content hash of a curriculum (its version). */
  curriculumHash(curriculumId: string): string | undefined;
  /**
   * Names this catalog's content (every curriculum's version): saved learner tracks folded
   * with another catalog (other skills, other validities) are not reused.
   */
  contentKey: string;
}

const cache = new WeakMap<Catalog, CatalogIndex>();

/**
 * @param catalog the loaded catalog.
 * @returns its index (the same object for the same catalog).
 */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  const cached = cache.get(catalog);
  if (cached) return cached;
  const skills = new Map<string, IndexedSkill>();
  const authoredBadges = new Map<string, { curriculum: Curriculum; badge: Badge }>();
  for (const curriculum of catalog.curricula) {
    for (const skill of curriculum.skills)
      skills.set(qualify(curriculum.id, skill.id), { curriculum, skill });
    for (const badge of curriculum.badges) {
      authoredBadges.set(qualify(curriculum.id, badge.id), { curriculum, badge });
    }
  }
  const badges = new Map(catalog.badges.map((badge) => [badge.id, badge]));
  const inOrder = new Map<string, string[]>();
  for (const id of catalog.graph.topologicalOrder()) {
    const curriculumId = curriculumOf(id);
    const ids = inOrder.get(curriculumId);
    if (ids === undefined) inOrder.set(curriculumId, [id]);
    else ids.push(id);
  }
  const index: CatalogIndex = {
    catalog,
    badges,
    skillNodes: catalog.curricula.flatMap(toSkillNodes),
    skill: (id) => skills.get(id),
    badge: (id) => {
      const authored = authoredBadges.get(id);
      const definition = badges.get(id);
      return authored && definition ? { ...authored, definition } : undefined;
    },
    validityMonths: (skillId) => skills.get(skillId)?.skill.validityMonths,
    skillsInOrder: (curriculumId) => inOrder.get(curriculumId) ?? [],
    curriculumHash: (curriculumId) => catalog.versions.get(curriculumId),
    contentKey: contentKeyOf(catalog),
  };
  cache.set(catalog, index);
  return index;
}

function contentKeyOf(catalog: Catalog): string {
  const versions = [...catalog.versions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `sha256:${createHash('sha256').update(JSON.stringify(versions)).digest('hex')}`;
}
