/**
 * What a learner can do next, and the shortest way to a goal.
 *
 * Both answers are computed from the skill graph, the learner's folded skill states and the
 * badge definitions; nothing here reads the ledger or the clock.
 */
import type { BadgeDefinition, CriteriaRule } from '../criteria/criteria-rule.ts';
import { eligibleBadges, evaluateBadges } from '../criteria/evaluate-criteria.ts';
import { UnknownBadge, UnknownSkill, UnreachableTarget } from '../errors.ts';
import type { SkillGraph } from '../skills/skill-graph.ts';
import { type NeedTree, smallestCover } from './cover-search.ts';
import { isSatisfied, type SkillState } from './skill-states.ts';

export interface NextStep {
  skillId: string;
  status: 'in_progress' | 'available';
  /**
   * Stable codes, most important first: 'continue' or 'rejected-try-again' (skills in
   * progress), 'counts-for-badge:<badgeId>' (closest badge first), 'unlocks:<n>'.
   */
  reasons: string[];
  /** Higher first; the list is sorted by score, then curriculum order. */
  score: number;
}

export interface NextStepsOptions {
  /** Only skills of this curriculum (badges of every curriculum still count). */
  curriculumId?: string;
  /**
   * Only skills of these curricula, and the skills of other curricula they need first (a
   * learner following one curriculum is shown the prerequisite that opens it). With
   * `curriculumId`, both must hold.
   */
  followedCurricula?: ReadonlySet<string>;
  /** At most this many steps. */
  limit?: number;
  /** Badges the learner holds, which meet `{badge}` leaves. */
  heldBadges?: ReadonlySet<string>;
}

/**
 * Suggests what to work on: skills in progress first (rejected ones flagged), then available
 * skills; within each group, skills that count for the badge closest to completion, then those
 * that unlock the most skills, then curriculum (topological) order.
 *
 * The score encodes that order: 102·(size+1) for a skill in progress, plus (percent of the
 * closest unfinished badge it counts for + 1)·(size+1), plus the number of descendants.
 *
 * @param graph the skill graph.
 * @param states the learner's skill states.
 * @param badges every badge definition.
 * @param options curriculum filter, limit and badges held.
 * @returns the steps, best first; deterministic for the same inputs.
 */
export function nextSteps(
  graph: SkillGraph,
  states: ReadonlyMap<string, SkillState>,
  badges: readonly BadgeDefinition[],
  options: NextStepsOptions = {},
): NextStep[] {
  const closest = closestBadges(badgesById(badges), states, options.heldBadges);
  const leadingTo =
    options.followedCurricula === undefined
      ? undefined
      : skillsLeadingTo(graph, options.followedCurricula);
  const scale = graph.size + 1;
  const steps: { step: NextStep; position: number }[] = [];
  graph.topologicalOrder().forEach((skillId, position) => {
    const state = states.get(skillId);
    if (state === undefined || (state.status !== 'in_progress' && state.status !== 'available'))
      return;
    const curriculumId = graph.node(skillId).curriculumId;
    if (options.curriculumId !== undefined && curriculumId !== options.curriculumId) return;
    if (leadingTo !== undefined && !leadingTo.has(skillId)) return;
    const reasons: string[] = [];
    if (state.status === 'in_progress') {
      reasons.push(state.lastRejection === undefined ? 'continue' : 'rejected-try-again');
    }
    const counted = closest.get(skillId) ?? [];
    for (const { badgeId } of counted) reasons.push(`counts-for-badge:${badgeId}`);
    const unlocks = graph.descendants(skillId).length;
    if (unlocks > 0) reasons.push(`unlocks:${unlocks}`);
    const badgeScore = counted[0] === undefined ? 0 : counted[0].percent + 1;
    const score = (state.status === 'in_progress' ? 102 * scale : 0) + badgeScore * scale + unlocks;
    steps.push({ step: { skillId, status: state.status, reasons, score }, position });
  });
  steps.sort((a, b) => b.step.score - a.step.score || a.position - b.position);
  const ranked = steps.map(({ step }) => step);
  return options.limit === undefined ? ranked : ranked.slice(0, Math.max(0, options.limit));
}

/** The skills of these curricula and every skill they need first, whatever its curriculum. */
function skillsLeadingTo(graph: SkillGraph, curricula: ReadonlySet<string>): Set<string> {
  const skills = new Set<string>();
  for (const skillId of graph.topologicalOrder()) {
    if (!curricula.has(graph.node(skillId).curriculumId)) continue;
    skills.add(skillId);
    for (const ancestor of graph.ancestors(skillId)) skills.add(ancestor);
  }
  return skills;
}

/** For each skill, the unfinished badges whose missing leaves name it, closest first. */
function closestBadges(
  badges: ReadonlyMap<string, BadgeDefinition>,
  states: ReadonlyMap<string, SkillState>,
  heldBadges: ReadonlySet<string> | undefined,
): Map<string, { badgeId: string; percent: number }[]> {
  const bySkill = new Map<string, { badgeId: string; percent: number }[]>();
  const reports = evaluateBadges(badges, states, heldBadges === undefined ? {} : { heldBadges });
  for (const report of reports.values()) {
    if (report.eligible || heldBadges?.has(report.badgeId)) continue;
    for (const requirement of report.missing) {
      if (requirement.kind !== 'skill') continue;
      const list = bySkill.get(requirement.skillId) ?? [];
      if (list.some((entry) => entry.badgeId === report.badgeId)) continue;
      list.push({ badgeId: report.badgeId, percent: report.percent });
      bySkill.set(requirement.skillId, list);
    }
  }
  for (const list of bySkill.values()) {
    list.sort((a, b) => b.percent - a.percent || compareText(a.badgeId, b.badgeId));
  }
  return bySkill;
}

export type SkillSetTarget =
  | { skills: readonly string[] }
  | { badge: string }
  | { rule: CriteriaRule };

export interface SkillSetOptions {
  /**
   * Whether self-assessed skills count as met. Default: false for `skills` and `rule`
   * targets, the badge's own setting for a `badge` target. Badges named inside a rule always
   * use their own setting.
   */
  acceptSelf?: boolean;
  /** Badges the learner holds: they count as met. */
  heldBadges?: ReadonlySet<string>;
}

/**
 * The fewest skills to validate so that a target holds: each chosen skill comes with every
 * prerequisite not yet validated (any source), walking up until validated skills stop the
 * walk. "All of" takes the union; "at least n of m" picks the n children whose union with the
 * rest is smallest, exactly (trying every combination) when there are at most 20,000
 * combinations, greedily otherwise. A skill validated below the level asked is needed again.
 *
 * @param target skills to reach, a badge to earn, or any criteria rule.
 * @param graph the skill graph.
 * @param states the learner's skill states.
 * @param badges every badge, by id (for `{badge}` targets and leaves).
 * @param options whether self-assessment counts, and badges held.
 * @returns the skills in topological order; `exact` is false when the answer is greedy.
 * @throws UnknownSkill for an unknown skill in a `skills` target; UnknownBadge for an unknown
 *   `badge` target; UnreachableTarget when no set of skills can meet the target.
 */
export function smallestSkillSet(
  target: SkillSetTarget,
  graph: SkillGraph,
  states: ReadonlyMap<string, SkillState>,
  badges: ReadonlyMap<string, BadgeDefinition>,
  options: SkillSetOptions = {},
): { skills: string[]; exact: boolean } {
  const held = options.heldBadges ?? new Set<string>();
  const planner = new NeedPlanner(graph, states, badges, held);
  let tree: NeedTree;
  let description: string;
  if ('skills' in target) {
    for (const skillId of target.skills) if (!graph.has(skillId)) throw new UnknownSkill(skillId);
    const rule: CriteriaRule = { allOf: target.skills.map((skill) => ({ skill })) };
    tree = planner.rule(rule, options.acceptSelf ?? false);
    description = `"${target.skills.join(', ')}"`;
  } else if ('badge' in target) {
    const badge = badges.get(target.badge);
    if (badge === undefined) throw new UnknownBadge(target.badge);
    tree = planner.badge(badge, options.acceptSelf ?? badge.acceptsSelfAssessment);
    description = `badge "${target.badge}"`;
  } else {
    tree = planner.rule(target.rule, options.acceptSelf ?? false);
    description = 'of these criteria';
  }
  const cover = smallestCover(tree, planner.universe);
  if (cover === undefined) throw new UnreachableTarget(description);
  const position = new Map(graph.topologicalOrder().map((id, i) => [id, i]));
  const skills = cover.items.map((item) => planner.skillAt(item));
  skills.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  return { skills, exact: cover.exact };
}

/** Turns rules into need trees over small integers, one per skill met along the way. */
class NeedPlanner {
  readonly #graph: SkillGraph;
  readonly #states: ReadonlyMap<string, SkillState>;
  readonly #badges: ReadonlyMap<string, BadgeDefinition>;
  readonly #held: ReadonlySet<string>;
  readonly #earnedNow: ReadonlySet<string>;
  readonly #itemOf = new Map<string, number>();
  readonly #skills: string[] = [];
  readonly #closures = new Map<string, number[]>();
  /** Badges being expanded, to cut loops of badges requiring each other. */
  readonly #expanding = new Set<string>();
  readonly #expanded = new Map<string, NeedTree>();

  constructor(
    graph: SkillGraph,
    states: ReadonlyMap<string, SkillState>,
    badges: ReadonlyMap<string, BadgeDefinition>,
    held: ReadonlySet<string>,
  ) {
    this.#graph = graph;
    this.#states = states;
    this.#badges = badges;
    this.#held = held;
    this.#earnedNow = new Set(eligibleBadges(badges, states, { heldBadges: held }));
  }

  get universe(): number {
    return this.#skills.length;
  }

  skillAt(item: number): string {
    return this.#skills[item] as string;
  }

  badge(badge: BadgeDefinition, acceptSelf: boolean): NeedTree {
    if (this.#held.has(badge.id) || this.#earnedNow.has(badge.id))
      return { kind: 'need', items: [] };
    return this.rule(badge.criteria, acceptSelf);
  }

  rule(rule: CriteriaRule, acceptSelf: boolean): NeedTree {
    if ('skill' in rule) return this.#skill(rule.skill, rule.minLevel, acceptSelf);
    if ('badge' in rule) return this.#badgeLeaf(rule.badge);
    if ('allOf' in rule) {
      return { kind: 'all', children: rule.allOf.map((child) => this.rule(child, acceptSelf)) };
    }
    return {
      kind: 'atLeast',
      n: rule.atLeast,
      children: rule.of.map((child) => this.rule(child, acceptSelf)),
    };
  }

  #skill(skillId: string, minLevel: number | undefined, acceptSelf: boolean): NeedTree {
    if (!this.#graph.has(skillId)) return { kind: 'impossible' };
    const state = this.#states.get(skillId);
    const levelCount = this.#graph.node(skillId).levelCount;
    if (isSatisfied(state, { acceptSelf, minLevel, levelCount }))
      return { kind: 'need', items: [] };
    return { kind: 'need', items: this.#closure(skillId) };
  }

  #badgeLeaf(badgeId: string): NeedTree {
    const badge = this.#badges.get(badgeId);
    if (this.#held.has(badgeId) || this.#earnedNow.has(badgeId)) return { kind: 'need', items: [] };
    if (badge === undefined || this.#expanding.has(badgeId)) return { kind: 'impossible' };
    const known = this.#expanded.get(badgeId);
    if (known !== undefined) return known;
    this.#expanding.add(badgeId);
    const tree = this.rule(badge.criteria, badge.acceptsSelfAssessment);
    this.#expanding.delete(badgeId);
    this.#expanded.set(badgeId, tree);
    return tree;
  }

  /**
   * The skill and every prerequisite to validate before it: the walk stops at validated
   * skills, since their own prerequisites no longer block anything.
   */
  #closure(skillId: string): number[] {
    const known = this.#closures.get(skillId);
    if (known !== undefined) return known;
    const seen = new Set<string>([skillId]);
    const queue = [skillId];
    for (let head = 0; head < queue.length; head += 1) {
      for (const prerequisite of this.#graph.prerequisites(queue[head] as string)) {
        if (seen.has(prerequisite)) continue;
        seen.add(prerequisite);
        if (this.#states.get(prerequisite)?.status === 'validated') continue;
        queue.push(prerequisite);
      }
    }
    const items = queue.map((id) => this.#item(id));
    this.#closures.set(skillId, items);
    return items;
  }

  #item(skillId: string): number {
    let item = this.#itemOf.get(skillId);
    if (item === undefined) {
      item = this.#skills.length;
      this.#itemOf.set(skillId, item);
      this.#skills.push(skillId);
    }
    return item;
  }
}

function badgesById(badges: readonly BadgeDefinition[]): Map<string, BadgeDefinition> {
  const byId = new Map<string, BadgeDefinition>();
  for (const badge of badges) if (!byId.has(badge.id)) byId.set(badge.id, badge);
  return byId;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
