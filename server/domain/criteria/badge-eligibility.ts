/**
 * Which badges a learner's criteria meet, kept up to date as skill states change. The first
 * evaluation is `eligibleBadges`'s (the least fixed point over every badge); after that, when
 * some skills change, only the badges that name them, and the badges that name those, are
 * evaluated again: the others depend on nothing that changed, so their answer stands, and the
 * least fixed point of the rest, given theirs, is what a full evaluation would find. A property
 * test checks the answers equal `eligibleBadges` on the same states.
 */
import { meets, type SkillState } from '../progress/skill-states.ts';
import { badgeDependencyOrder } from './badge-order.ts';
import {
  type BadgeDefinition,
  type CriteriaRule,
  referencedBadges,
  ruleLeaves,
} from './criteria-rule.ts';

/** What never changes for a set of badges: worked out once per catalog. */
interface BadgeIndex {
  /** Every badge, each after the badges it needs (as `eligibleBadges` lists them). */
  order: readonly string[];
  position: ReadonlyMap<string, number>;
  /** Skill → the badges whose criteria name it. */
  bySkill: ReadonlyMap<string, readonly string[]>;
  /** Badge → the badges whose criteria name it. */
  dependents: ReadonlyMap<string, readonly string[]>;
}

const indexes = new WeakMap<ReadonlyMap<string, BadgeDefinition>, BadgeIndex>();

function indexOf(badges: ReadonlyMap<string, BadgeDefinition>): BadgeIndex {
  const cached = indexes.get(badges);
  if (cached !== undefined) return cached;
  const order = badgeDependencyOrder(badges, badges.keys());
  const bySkill = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  for (const [id, badge] of badges) {
    for (const leaf of ruleLeaves(badge.criteria)) {
      if (leaf.kind === 'skill') add(bySkill, leaf.skillId, id);
    }
    for (const referenced of referencedBadges(badge.criteria)) add(dependents, referenced, id);
  }
  const index: BadgeIndex = {
    order,
    position: new Map(order.map((id, i) => [id, i])),
    bySkill,
    dependents,
  };
  indexes.set(badges, index);
  return index;
}

export class BadgeEligibility {
  private readonly index: BadgeIndex;
  private readonly held: ReadonlySet<string>;
  private readonly metNow = new Set<string>();
  private listed: string[] | undefined;

  /**
   * @param badges every known badge, by id (the same map object each time for one catalog,
   *   so its index is built once).
   * @param states the learner's skill states; read again on `update` (a live map is fine).
   * @param heldBadges badges already awarded (they meet `{badge}` leaves); copied.
   */
  constructor(
    private readonly badges: ReadonlyMap<string, BadgeDefinition>,
    private readonly states: ReadonlyMap<string, SkillState>,
    heldBadges: ReadonlySet<string> = new Set(),
  ) {
    this.index = indexOf(badges);
    this.held = new Set(heldBadges);
    this.settle(this.index.order);
  }

  /** The badges whose criteria are met, as `eligibleBadges` lists them (do not change it). */
  eligible(): readonly string[] {
    this.listed ??= this.index.order.filter((id) => this.metNow.has(id));
    return this.listed;
  }

  /**
   * Takes changed skill states into account.
   *
   * @param changedSkills skills whose state changed since the last evaluation.
   */
  update(changedSkills: readonly string[]): void {
    // Most events touch a skill no badge names, or one badge nothing builds on: no allocation.
    let first: string | undefined;
    let several = false;
    for (const skillId of changedSkills) {
      for (const id of this.index.bySkill.get(skillId) ?? NONE) {
        if (first === undefined) first = id;
        else if (id !== first) several = true;
      }
    }
    if (first === undefined) return;
    if (!several && !this.index.dependents.has(first)) {
      const was = this.metNow.delete(first);
      if (this.holds(first)) this.metNow.add(first);
      if (was !== this.metNow.has(first)) this.listed = undefined;
      return;
    }
    const affected = new Set<string>();
    const queue: string[] = [];
    for (const skillId of changedSkills) {
      for (const id of this.index.bySkill.get(skillId) ?? NONE) queue.push(id);
    }
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      if (affected.has(id)) continue;
      affected.add(id);
      for (const dependent of this.index.dependents.get(id) ?? NONE) queue.push(dependent);
    }
    const position = this.index.position;
    const ordered = [...affected].sort(
      (a, b) => (position.get(a) as number) - (position.get(b) as number),
    );
    const metBefore = new Set(ordered.filter((id) => this.metNow.has(id)));
    for (const id of ordered) this.metNow.delete(id);
    this.settle(ordered);
    if (ordered.some((id) => metBefore.has(id) !== this.metNow.has(id))) this.listed = undefined;
  }

  /** Least fixed point over `ids` (in dependency order), the other badges as they stand. */
  private settle(ids: readonly string[]): void {
    // In dependency order one pass finds everything when there is no loop; the next confirms.
    for (let changed = true; changed; ) {
      changed = false;
      for (const id of ids) {
        if (this.metNow.has(id) || !this.holds(id)) continue;
        this.metNow.add(id);
        changed = true;
      }
    }
  }

  /** Whether a badge's criteria hold, given the skill states and the badges met so far. */
  private holds(id: string): boolean {
    const badge = this.badges.get(id) as BadgeDefinition;
    return this.ruleHolds(badge.criteria, badge.acceptsSelfAssessment);
  }

  /**
   * `ruleHolds` of evaluate-criteria.ts, written out with direct calls: this runs a few times
   * per learner recomputation, which takes microseconds.
   */
  private ruleHolds(rule: CriteriaRule, acceptSelf: boolean): boolean {
    if ('skill' in rule) return meets(this.states.get(rule.skill), acceptSelf, rule.minLevel);
    if ('badge' in rule) return this.held.has(rule.badge) || this.metNow.has(rule.badge);
    if ('allOf' in rule) {
      for (const child of rule.allOf) if (!this.ruleHolds(child, acceptSelf)) return false;
      return true;
    }
    let count = 0;
    for (const child of rule.of) {
      if (count >= rule.atLeast) break;
      if (this.ruleHolds(child, acceptSelf)) count += 1;
    }
    return count >= rule.atLeast;
  }
}

const NONE: readonly string[] = [];
