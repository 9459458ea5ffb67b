/**
 * Decides whether a learner's skill states meet badge criteria, and explains why not.
 *
 * A `{badge}` leaf is met when the learner already holds that badge or when its own criteria
 * are met now, so capstone badges stack without waiting for an award. Which badges are met
 * now is the least fixed point of the criteria: start from none and add every badge whose
 * criteria hold, until nothing changes. Rules are monotone, so this terminates, gives the
 * same answer in any order, and a loop of badges requiring each other never counts as met
 * through the loop itself.
 */
import { UnknownBadge } from '../errors.ts';
import { isSatisfied, type SkillState } from '../progress/skill-states.ts';
import { badgeDependencyOrder } from './badge-order.ts';
import type { BadgeDefinition, CriteriaRule } from './criteria-rule.ts';

export type SkillShortfall =
  | 'not-validated'
  | 'self-only'
  | 'level-too-low'
  | 'expired'
  | 'withdrawn';

export type Requirement =
  | { kind: 'skill'; skillId: string; minLevel?: number; reason?: SkillShortfall }
  | { kind: 'badge'; badgeId: string; reason?: 'not-earned' };

export interface CriteriaReport {
  badgeId: string;
  eligible: boolean;
  /**
   * 0..100, the share of required leaves met, rounded down; 100 exactly when eligible. For
   * "at least n of m", only the n children closest to being met count as required.
   */
  percent: number;
  /** Leaves met, in authoring order. */
  met: Requirement[];
  /** Leaves not met, in authoring order, each with its reason. */
  missing: Requirement[];
}

export interface EvaluateOptions {
  /** Badges the learner was already awarded: they meet `{badge}` leaves as they are. */
  heldBadges?: ReadonlySet<string>;
}

/**
 * Evaluates one badge's criteria.
 *
 * @param badgeId the badge to evaluate.
 * @param badges every known badge, by id (for `{badge}` leaves).
 * @param states the learner's skill states.
 * @param options badges already held.
 * @returns whether the learner is eligible, how far along, and each leaf met or missing.
 * @throws UnknownBadge when `badgeId` is not in `badges`.
 */
export function evaluateBadge(
  badgeId: string,
  badges: ReadonlyMap<string, BadgeDefinition>,
  states: ReadonlyMap<string, SkillState>,
  options: EvaluateOptions = {},
): CriteriaReport {
  const badge = badges.get(badgeId);
  if (badge === undefined) throw new UnknownBadge(badgeId);
  const context = contextFor(badges, states, options, [badgeId]);
  return report(badge, context);
}

/**
 * Evaluates every badge at once, sharing the work of deciding which badges are met.
 *
 * @param badges every known badge, by id.
 * @param states the learner's skill states.
 * @param options badges already held.
 * @returns one report per badge, each badge after the badges it needs.
 */
export function evaluateBadges(
  badges: ReadonlyMap<string, BadgeDefinition>,
  states: ReadonlyMap<string, SkillState>,
  options: EvaluateOptions = {},
): Map<string, CriteriaReport> {
  const context = contextFor(badges, states, options, badges.keys());
  const reports = new Map<string, CriteriaReport>();
  for (const id of context.order)
    reports.set(id, report(badges.get(id) as BadgeDefinition, context));
  return reports;
}

/**
 * Lists the badges whose criteria are met now.
 *
 * @param badges every known badge, by id.
 * @param states the learner's skill states.
 * @param options badges already held (they meet `{badge}` leaves; they are listed only if their
 *   own criteria are still met).
 * @returns the ids, each after the badges it needs, ties in the map's order.
 */
export function eligibleBadges(
  badges: ReadonlyMap<string, BadgeDefinition>,
  states: ReadonlyMap<string, SkillState>,
  options: EvaluateOptions = {},
): string[] {
  const context = contextFor(badges, states, options, badges.keys());
  return context.order.filter((id) => context.metNow.has(id));
}

/**
 * Whether a rule holds, given how to judge its leaves; shared by every caller that needs a
 * yes/no without the explanation.
 *
 * @param rule the rule.
 * @param skillMet judge of a skill leaf.
 * @param badgeMet judge of a badge leaf.
 * @returns true when the rule holds.
 */
export function ruleHolds(
  rule: CriteriaRule,
  skillMet: (skillId: string, minLevel: number | undefined) => boolean,
  badgeMet: (badgeId: string) => boolean,
): boolean {
  if ('skill' in rule) return skillMet(rule.skill, rule.minLevel);
  if ('badge' in rule) return badgeMet(rule.badge);
  if ('allOf' in rule) return rule.allOf.every((child) => ruleHolds(child, skillMet, badgeMet));
  let count = 0;
  for (const child of rule.of) {
    if (count >= rule.atLeast) break;
    if (ruleHolds(child, skillMet, badgeMet)) count += 1;
  }
  return count >= rule.atLeast;
}

interface Context {
  states: ReadonlyMap<string, SkillState>;
  held: ReadonlySet<string>;
  /** Badges whose criteria hold now (least fixed point). */
  metNow: ReadonlySet<string>;
  /** The badges considered, each after the badges it needs. */
  order: readonly string[];
}

function contextFor(
  badges: ReadonlyMap<string, BadgeDefinition>,
  states: ReadonlyMap<string, SkillState>,
  options: EvaluateOptions,
  roots: Iterable<string>,
): Context {
  const held = options.heldBadges ?? new Set<string>();
  const order = badgeDependencyOrder(badges, roots);
  const metNow = new Set<string>();
  const badgeMet = (id: string): boolean => held.has(id) || metNow.has(id);
  // In dependency order one pass finds everything when there is no loop; the next confirms.
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of order) {
      if (metNow.has(id)) continue;
      const badge = badges.get(id) as BadgeDefinition;
      const skillMet = (skillId: string, minLevel: number | undefined): boolean =>
        isSatisfied(states.get(skillId), { acceptSelf: badge.acceptsSelfAssessment, minLevel });
      if (ruleHolds(badge.criteria, skillMet, badgeMet)) {
        metNow.add(id);
        changed = true;
      }
    }
  }
  return { states, held, metNow, order };
}

/** Met and required leaf counts of a rule (see `percent`), and whether it holds. */
interface Tally {
  met: number;
  required: number;
  holds: boolean;
}

function report(badge: BadgeDefinition, context: Context): CriteriaReport {
  const met: Requirement[] = [];
  const missing: Requirement[] = [];
  const tally = (rule: CriteriaRule): Tally => {
    if ('skill' in rule) {
      const reason = skillShortfall(
        context.states.get(rule.skill),
        badge.acceptsSelfAssessment,
        rule.minLevel,
      );
      const requirement: Requirement = { kind: 'skill', skillId: rule.skill };
      if (rule.minLevel !== undefined) requirement.minLevel = rule.minLevel;
      if (reason === undefined) met.push(requirement);
      else missing.push({ ...requirement, reason });
      return leafTally(reason === undefined);
    }
    if ('badge' in rule) {
      const earned = context.held.has(rule.badge) || context.metNow.has(rule.badge);
      if (earned) met.push({ kind: 'badge', badgeId: rule.badge });
      else missing.push({ kind: 'badge', badgeId: rule.badge, reason: 'not-earned' });
      return leafTally(earned);
    }
    if ('allOf' in rule) {
      return rule.allOf.map(tally).reduce(
        (sum, child) => ({
          met: sum.met + child.met,
          required: sum.required + child.required,
          holds: sum.holds && child.holds,
        }),
        { met: 0, required: 0, holds: true },
      );
    }
    return atLeastTally(rule.atLeast, rule.of.map(tally));
  };
  const total = tally(badge.criteria);
  const percent = total.holds
    ? 100
    : total.required === 0
      ? 0
      : Math.min(99, Math.floor((100 * total.met) / total.required));
  return { badgeId: badge.id, eligible: total.holds, percent, met, missing };
}

function leafTally(holds: boolean): Tally {
  return { met: holds ? 1 : 0, required: 1, holds };
}

/**
 * Counts the `n` children closest to being met: those that hold first, then by share met,
 * then the smaller ones. Asking more children than there are counts the absent ones as unmet,
 * so such a rule never reads as complete.
 */
function atLeastTally(n: number, children: Tally[]): Tally {
  if (n <= 0) return { met: 0, required: 0, holds: true };
  const best = [...children]
    .sort(
      (a, b) =>
        Number(b.holds) - Number(a.holds) ||
        b.met * a.required - a.met * b.required ||
        a.required - b.required,
    )
    .slice(0, n);
  const absent = Math.max(0, n - children.length);
  return {
    met: best.reduce((sum, child) => sum + child.met, 0),
    required: best.reduce((sum, child) => sum + child.required, 0) + absent,
    holds: absent === 0 && best.every((child) => child.holds),
  };
}

function skillShortfall(
  state: SkillState | undefined,
  acceptSelf: boolean,
  minLevel: number | undefined,
): SkillShortfall | undefined {
  if (isSatisfied(state, { acceptSelf, minLevel })) return undefined;
  switch (state?.status) {
    case 'expired':
      return 'expired';
    case 'withdrawn':
      return 'withdrawn';
    case 'validated':
      return state.validation?.source === 'self' && !acceptSelf ? 'self-only' : 'level-too-low';
    default:
      return 'not-validated';
  }
}
