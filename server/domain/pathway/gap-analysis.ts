/**
 * What a learner still lacks for a target job, and the shortest way to get it.
 *
 * Pure: the job's requirements, the skill graph, the learner's folded skill states, the badge
 * definitions and the badges held come in; nothing reads the ledger or the clock. A skill is
 * covered when a trainer or jury validated it (self-assessment guides, it does not qualify);
 * a badge is covered when it is held or its criteria are met now (issuance follows at once).
 * The skills to learn are the smallest set that meets every required skill and badge, each
 * with its unmet prerequisites, in topological order: prerequisites come first.
 */
import type { BadgeDefinition } from '../criteria/criteria-rule.ts';
import { eligibleBadges, evaluateBadge } from '../criteria/evaluate-criteria.ts';
import { UnreachableTarget } from '../errors.ts';
import { smallestSkillSet } from '../progress/next-steps.ts';
import { isSatisfied, type SkillState } from '../progress/skill-states.ts';
import type { SkillGraph } from '../skills/skill-graph.ts';

export type Importance = 'required' | 'useful';

/** A job's requirements, in global ids. */
export interface JobRequirements {
  jobId: string;
  skills: readonly { skillId: string; importance: Importance }[];
  badges: readonly { badgeId: string; importance: Importance }[];
}

export interface SkillCoverage {
  skillId: string;
  importance: Importance;
  covered: boolean;
}

export interface BadgeCoverage {
  badgeId: string;
  importance: Importance;
  covered: boolean;
  /** The badge's criteria skills not met yet (empty when covered). */
  missingSkills: string[];
}

export interface GapAnalysis {
  jobId: string;
  skills: SkillCoverage[];
  badges: BadgeCoverage[];
  /** Required skills and badges covered, out of `requiredTotal`. */
  requiredCovered: number;
  requiredTotal: number;
  usefulCovered: number;
  usefulTotal: number;
  /**
   * The fewest skills to validate so that every required item is covered, prerequisites
   * first; empty when nothing required is missing.
   */
  skillsToLearn: string[];
  /** false when the search was greedy (very large choices), so the set may not be minimal. */
  exact: boolean;
  /** false when no set of skills can cover the required items (an unknown skill or badge). */
  reachable: boolean;
}

/**
 * @param job the job's required and useful skills and badges.
 * @param graph the skill graph.
 * @param states the learner's skill states.
 * @param badges every badge definition, by id.
 * @param heldBadges the badges the learner holds (standing awards).
 * @returns what is covered, what is missing, and the skills to learn, in learning order.
 */
export function analyseGap(
  job: JobRequirements,
  graph: SkillGraph,
  states: ReadonlyMap<string, SkillState>,
  badges: ReadonlyMap<string, BadgeDefinition>,
  heldBadges: ReadonlySet<string>,
): GapAnalysis {
  const metNow = new Set(eligibleBadges(badges, states, { heldBadges }));
  const skills = job.skills.map(({ skillId, importance }) => ({
    skillId,
    importance,
    covered:
      graph.has(skillId) &&
      isSatisfied(states.get(skillId), {
        acceptSelf: false,
        levelCount: graph.node(skillId).levelCount,
      }),
  }));
  const badgeCoverage = job.badges.map(({ badgeId, importance }) => {
    const covered = heldBadges.has(badgeId) || metNow.has(badgeId);
    const missingSkills =
      covered || !badges.has(badgeId)
        ? []
        : evaluateBadge(badgeId, badges, states, { heldBadges })
            .missing.filter((leaf) => leaf.kind === 'skill')
            .map((leaf) => (leaf.kind === 'skill' ? leaf.skillId : ''));
    return { badgeId, importance, covered, missingSkills: [...new Set(missingSkills)] };
  });

  const items = [...skills, ...badgeCoverage];
  const count = (importance: Importance, covered?: boolean) =>
    items.filter(
      (item) =>
        item.importance === importance && (covered === undefined || item.covered === covered),
    ).length;

  const missingRequired = [
    ...skills
      .filter((s) => s.importance === 'required' && !s.covered)
      .map((s) => ({
        skill: s.skillId,
      })),
    ...badgeCoverage
      .filter((b) => b.importance === 'required' && !b.covered)
      .map((b) => ({ badge: b.badgeId })),
  ];
  let skillsToLearn: string[] = [];
  let exact = true;
  let reachable = true;
  if (missingRequired.length > 0) {
    try {
      const found = smallestSkillSet({ rule: { allOf: missingRequired } }, graph, states, badges, {
        heldBadges,
      });
      skillsToLearn = found.skills;
      exact = found.exact;
    } catch (error) {
      if (!(error instanceof UnreachableTarget)) throw error;
      reachable = false;
    }
  }

  return {
    jobId: job.jobId,
    skills,
    badges: badgeCoverage,
    requiredCovered: count('required', true),
    requiredTotal: count('required'),
    usefulCovered: count('useful', true),
    usefulTotal: count('useful'),
    skillsToLearn,
    exact,
    reachable,
  };
}
