/**
 * Badge criteria: a small rule language over skills and other badges, and the checks that a
 * set of badges refers only to things that exist.
 *
 * Every id here is global (`<curriculum>/<skill>`, `<curriculum>/<badge>`); the mapping from
 * authored local ids happens before the domain sees them.
 */
import { findCycles, type SkillGraph } from '../skills/skill-graph.ts';

export type CriteriaRule =
  | { skill: string; minLevel?: number }
  | { badge: string }
  | { allOf: CriteriaRule[] }
  | { atLeast: number; of: CriteriaRule[] };

export interface BadgeDefinition {
  id: string;
  curriculumId: string;
  criteria: CriteriaRule;
  /** Whether a learner's self-assessment counts towards this badge. */
  acceptsSelfAssessment: boolean;
  /** Months after issue when an awarded badge lapses; absent: it never does. */
  validityMonths?: number;
}

/**
 * Where a part of a rule sits, in the same shape as the rule object, so a caller can point
 * at the YAML: `['allOf', 2, 'skill']`, `['of', 1, 'badge']`, `['atLeast']`.
 */
export type RulePath = (string | number)[];

export type BadgeProblem =
  | { kind: 'unknown-skill'; badgeId: string; skillId: string; path: RulePath }
  | { kind: 'unknown-badge'; badgeId: string; referencedBadgeId: string; path: RulePath }
  | {
      kind: 'level-out-of-range';
      badgeId: string;
      skillId: string;
      minLevel: number;
      levelCount: number;
      path: RulePath;
    }
  | { kind: 'badge-cycle'; cycle: string[] }
  | { kind: 'duplicate-badge'; badgeId: string; index: number };

/** A skill or badge leaf of a rule, with its path. */
export type RuleLeaf =
  | { kind: 'skill'; skillId: string; minLevel?: number; path: RulePath }
  | { kind: 'badge'; badgeId: string; path: RulePath };

/**
 * Lists the leaves of a rule in authoring order (depth first, left to right).
 *
 * @param rule the rule to walk.
 * @returns each skill and badge leaf with its path inside the rule.
 */
export function ruleLeaves(rule: CriteriaRule): RuleLeaf[] {
  const leaves: RuleLeaf[] = [];
  const walk = (node: CriteriaRule, path: RulePath): void => {
    if ('skill' in node) {
      leaves.push(
        node.minLevel === undefined
          ? { kind: 'skill', skillId: node.skill, path }
          : { kind: 'skill', skillId: node.skill, minLevel: node.minLevel, path },
      );
    } else if ('badge' in node) {
      leaves.push({ kind: 'badge', badgeId: node.badge, path });
    } else if ('allOf' in node) {
      node.allOf.forEach((child, i) => {
        walk(child, [...path, 'allOf', i]);
      });
    } else {
      node.of.forEach((child, i) => {
        walk(child, [...path, 'of', i]);
      });
    }
  };
  walk(rule, []);
  return leaves;
}

/**
 * Badges a rule names directly (not through other badges), each once, in authoring order.
 *
 * @param rule the rule to read.
 * @returns the referenced badge ids.
 */
export function referencedBadges(rule: CriteriaRule): string[] {
  const ids = new Set<string>();
  for (const leaf of ruleLeaves(rule)) if (leaf.kind === 'badge') ids.add(leaf.badgeId);
  return [...ids];
}

/**
 * Checks every badge against the skill graph and the other badges, and reports every problem
 * at once: duplicate ids, unknown skills or badges, minimum levels a skill does not have
 * (asking a level of a skill without levels is out of range too), and badges that require
 * each other in a loop.
 *
 * @param badges every badge of every curriculum; the first of two badges with the same id wins.
 * @param graph the skill graph the criteria refer to.
 * @returns the problems, in badge order; empty when all badges are sound.
 */
export function validateBadges(
  badges: readonly BadgeDefinition[],
  graph: SkillGraph,
): BadgeProblem[] {
  const problems: BadgeProblem[] = [];
  const kept = new Map<string, BadgeDefinition>();
  badges.forEach((badge, index) => {
    if (kept.has(badge.id)) problems.push({ kind: 'duplicate-badge', badgeId: badge.id, index });
    else kept.set(badge.id, badge);
  });

  for (const badge of kept.values()) {
    for (const leaf of ruleLeaves(badge.criteria)) {
      if (leaf.kind === 'badge') {
        if (!kept.has(leaf.badgeId)) {
          problems.push({
            kind: 'unknown-badge',
            badgeId: badge.id,
            referencedBadgeId: leaf.badgeId,
            path: [...leaf.path, 'badge'],
          });
        }
        continue;
      }
      if (!graph.has(leaf.skillId)) {
        problems.push({
          kind: 'unknown-skill',
          badgeId: badge.id,
          skillId: leaf.skillId,
          path: [...leaf.path, 'skill'],
        });
        continue;
      }
      const { levelCount } = graph.node(leaf.skillId);
      if (leaf.minLevel !== undefined && (leaf.minLevel < 1 || leaf.minLevel > levelCount)) {
        problems.push({
          kind: 'level-out-of-range',
          badgeId: badge.id,
          skillId: leaf.skillId,
          minLevel: leaf.minLevel,
          levelCount,
          path: [...leaf.path, 'minLevel'],
        });
      }
    }
  }

  const references = [...kept.values()].map((badge) => ({
    id: badge.id,
    prerequisites: referencedBadges(badge.criteria),
  }));
  for (const cycle of findCycles(references)) problems.push({ kind: 'badge-cycle', cycle });
  return problems;
}
