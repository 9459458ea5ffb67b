/**
 * Errors the pure core throws. Each has a stable `code` that adapters map to HTTP statuses or
 * GraphQL error types, and a message written for the person who can fix the problem (a
 * curriculum author, a trainer), not for a developer.
 */

/** Base class: every error thrown by `server/domain` is one of these. */
export class DomainError extends Error {
  /** Stable, kebab-case identifier; safe to switch on, never reworded. */
  readonly code: string;

  /**
   * @param code stable identifier of the error kind.
   * @param message sentence fit for users.
   */
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Skills require each other in a loop, so no order can unlock them. */
export class CycleInSkillGraph extends DomainError {
  readonly cycle: readonly string[];

  /** @param cycle a closed walk along prerequisites, first === last. */
  constructor(cycle: readonly string[]) {
    super(
      'cycle-in-skill-graph',
      `These skills require each other in a loop: ${cycle.join(' → ')}. Remove one of these prerequisites.`,
    );
    this.cycle = cycle;
  }
}

/** The skill graph has problems other than (or besides) cycles. */
export class InvalidSkillGraph extends DomainError {
  readonly problemCount: number;

  /** @param problemCount how many problems were found; the caller has the list. */
  constructor(problemCount: number) {
    super(
      'invalid-skill-graph',
      `The skill graph has ${problemCount} problem${problemCount === 1 ? '' : 's'}; run "grange curricula check" to see them.`,
    );
    this.problemCount = problemCount;
  }
}

/** A skill id that no curriculum defines. */
export class UnknownSkill extends DomainError {
  readonly skillId: string;

  /** @param skillId the global id that was looked up. */
  constructor(skillId: string) {
    super(
      'unknown-skill',
      `No curriculum has the skill "${skillId}". Check the id (it is written "<curriculum>/<skill>").`,
    );
    this.skillId = skillId;
  }
}

/** A badge id that no curriculum defines. */
export class UnknownBadge extends DomainError {
  readonly badgeId: string;

  /** @param badgeId the global id that was looked up. */
  constructor(badgeId: string) {
    super(
      'unknown-badge',
      `No curriculum has the badge "${badgeId}". Check the id (it is written "<curriculum>/<badge>").`,
    );
    this.badgeId = badgeId;
  }
}

/** A goal that no amount of validated skills can reach (a rule asking for missing skills). */
export class UnreachableTarget extends DomainError {
  /** @param what short description of the goal, e.g. `badge "bafa/animateur"`. */
  constructor(what: string) {
    super(
      'unreachable-target',
      `The goal ${what} cannot be reached: its criteria need skills or badges that do not exist.`,
    );
  }
}

/** A date or time that is not a valid ISO 8601 instant. */
export class InvalidDate extends DomainError {
  /** @param value the text that failed to parse. */
  constructor(value: string) {
    super('invalid-date', `"${value}" is not a valid date; write it as 2025-01-31T09:00:00Z.`);
  }
}

/** A value that has no single JSON form, so no stable content hash. */
export class NotCanonicalisable extends DomainError {
  /** @param what which part of the value is the problem and why. */
  constructor(what: string) {
    super('not-canonicalisable', `This content cannot be fingerprinted: ${what}.`);
  }
}
