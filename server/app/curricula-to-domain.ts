/**
 * Maps parsed curricula (the authoring format) onto the domain's inputs. Local ids become
 * global ids (`<curriculum>/<id>`), the form every other layer uses.
 */
import {
  CriteriaRule as AuthoredCriteriaRule,
  type CriteriaRule as AuthoredRule,
  type Curriculum,
  Reference,
  Slug,
} from '../../curricula/schema.ts';
import type { BadgeDefinition, CriteriaRule } from '../domain/criteria/criteria-rule.ts';
import type { SkillNodeInput } from '../domain/skills/skill-graph.ts';

/** `mot-de-passe-solide` in `identite-numerique` → `identite-numerique/mot-de-passe-solide`. */
export function qualify(curriculumId: string, reference: string): string {
  return reference.includes('/') ? reference : `${curriculumId}/${reference}`;
}

/** The curriculum a global id belongs to. */
export function curriculumOf(globalId: string): string {
  return globalId.slice(0, globalId.indexOf('/'));
}

/**
 * @param curriculum a curriculum that passed the schema.
 * @returns one graph node per skill, in authoring order.
 */
export function toSkillNodes(curriculum: Curriculum): SkillNodeInput[] {
  const moduleOrder = new Map(curriculum.modules.map((module, index) => [module.id, index + 1]));
  return curriculum.skills.map((skill) => ({
    id: qualify(curriculum.id, skill.id),
    prerequisites: skill.prerequisites.map((ref) => qualify(curriculum.id, ref)),
    levelCount: skill.levels?.length ?? 0,
    curriculumId: curriculum.id,
    module: skill.module,
    order: skill.order,
    moduleOrder: moduleOrder.get(skill.module) ?? Number.MAX_SAFE_INTEGER,
  }));
}

/**
 * @param curriculum a curriculum that passed the schema.
 * @returns its badges with criteria over global ids, in authoring order.
 */
export function toBadgeDefinitions(curriculum: Curriculum): BadgeDefinition[] {
  return curriculum.badges.map((badge) => ({
    id: qualify(curriculum.id, badge.id),
    curriculumId: curriculum.id,
    criteria: qualifyRule(curriculum.id, badge.criteria),
    acceptsSelfAssessment: badge.acceptsSelfAssessment,
    ...(badge.validityMonths === undefined ? {} : { validityMonths: badge.validityMonths }),
  }));
}

function qualifyRule(curriculumId: string, rule: AuthoredRule): CriteriaRule {
  if ('skill' in rule) {
    return rule.minLevel === undefined
      ? { skill: qualify(curriculumId, rule.skill) }
      : { skill: qualify(curriculumId, rule.skill), minLevel: rule.minLevel };
  }
  if ('badge' in rule) return { badge: qualify(curriculumId, rule.badge) };
  if ('allOf' in rule) return { allOf: rule.allOf.map((r) => qualifyRule(curriculumId, r)) };
  return { atLeast: rule.atLeast, of: rule.of.map((r) => qualifyRule(curriculumId, r)) };
}

/** Graph inputs read leniently from a file that failed its own checks. */
export interface SalvagedCurriculum {
  id: string;
  /** Skill nodes, each with the index of its entry in the file and of each kept prerequisite. */
  skills: { node: SkillNodeInput; index: number; prerequisiteIndexes: number[] }[];
  badges: { badge: BadgeDefinition; index: number }[];
}

/**
 * Reads whatever is usable from a curriculum file that has problems of its own, so the checks
 * across files (prerequisites, cycles, criteria) still run on it and one run shows everything.
 * Entries that are too broken to use are skipped: their problems are already reported.
 *
 * @param data the plain data of the YAML file.
 * @param fallbackId the curriculum id to use when the file's own is unusable (its file name).
 */
export function salvageCurriculum(data: unknown, fallbackId: string): SalvagedCurriculum {
  const raw = isRecord(data) ? data : {};
  const id = typeof raw.id === 'string' && Slug.safeParse(raw.id).success ? raw.id : fallbackId;
  const modules = Array.isArray(raw.modules) ? raw.modules.filter(isRecord) : [];
  // Only string ids count (String() of an object whose toString is not a function throws).
  const moduleOrder = new Map(
    modules.flatMap((m, i) => (typeof m.id === 'string' ? [[m.id, i + 1] as const] : [])),
  );
  const seenSkills = new Set<string>();
  const skills: SalvagedCurriculum['skills'] = [];
  (Array.isArray(raw.skills) ? raw.skills : []).forEach((skill: unknown, index: number) => {
    if (!isRecord(skill) || typeof skill.id !== 'string' || !Slug.safeParse(skill.id).success)
      return;
    if (seenSkills.has(skill.id)) return;
    seenSkills.add(skill.id);
    const prerequisites: string[] = [];
    const prerequisiteIndexes: number[] = [];
    (Array.isArray(skill.prerequisites) ? skill.prerequisites : []).forEach(
      (ref: unknown, i: number) => {
        if (typeof ref !== 'string' || !Reference.safeParse(ref).success) return;
        prerequisites.push(qualify(id, ref));
        prerequisiteIndexes.push(i);
      },
    );
    skills.push({
      node: {
        id: qualify(id, skill.id),
        prerequisites,
        levelCount: Array.isArray(skill.levels) ? skill.levels.length : 0,
        curriculumId: id,
        module: stringOr(skill.module, ''),
        order: typeof skill.order === 'number' ? skill.order : Number.MAX_SAFE_INTEGER,
        moduleOrder: moduleOrder.get(stringOr(skill.module, '')) ?? Number.MAX_SAFE_INTEGER,
      },
      index,
      prerequisiteIndexes,
    });
  });
  const seenBadges = new Set<string>();
  const badges: SalvagedCurriculum['badges'] = [];
  (Array.isArray(raw.badges) ? raw.badges : []).forEach((badge: unknown, index: number) => {
    if (!isRecord(badge) || typeof badge.id !== 'string' || !Slug.safeParse(badge.id).success)
      return;
    if (seenBadges.has(badge.id)) return;
    seenBadges.add(badge.id);
    const criteria = AuthoredCriteriaRule.safeParse(badge.criteria);
    if (!criteria.success) return;
    badges.push({
      badge: {
        id: qualify(id, badge.id),
        curriculumId: id,
        criteria: qualifyRule(id, criteria.data),
        acceptsSelfAssessment: badge.acceptsSelfAssessment === true,
      },
      index,
    });
  });
  return { id, skills, badges };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
