/**
 * Folds a learner's ledger into one state per skill.
 *
 * The rules, applied to each skill's events in ledger order:
 *
 * - Trainer and jury validations ("official") beat self-assessment. A later self-assessment
 *   is recorded in `selfAssessment` but never replaces or downgrades an official validation;
 *   a later official validation replaces the earlier one (re-validation at a new level). A
 *   jury "reçu" without a level keeps the level of the official validation it replaces: the
 *   jury confirms, it does not grade.
 * - `skill-started` → `in_progress`, unless the skill is validated, submitted or withdrawn.
 * - `evidence-submitted` → `submitted`, unless an official validation stands (the submission
 *   stays pending, e.g. for a higher level, and shows once that validation lapses).
 * - `skill-rejected` → `in_progress` with `lastRejection`; it ends a pending submission and a
 *   self-assessment, but not a standing official validation: a rejected attempt at a higher
 *   level does not take back the level already validated (that is what withdrawal is for).
 * - `validation-withdrawn` removes every validation (official and self) and any pending
 *   submission → `withdrawn`, until a new validation or submission.
 * - `jury-decided`: `recu` → validated (source jury); `ajourne` → `in_progress`, removing
 *   validations; `refuse` → `withdrawn`, like a withdrawal (the cursus is lost). Both of the
 *   latter leave the jury's comment in `lastRejection`.
 * - A validation of a skill with `validityMonths` lapses at `at + months`; it is expired when
 *   `now >= expiresAt`. The best validation is then chosen as: standing official, else pending
 *   submission (`submitted`), else standing self-assessment, else the lapsed one (`expired`).
 * - A skill without events is `available` when every prerequisite is `validated` (any source),
 *   else `locked`. A skill with events keeps its event-derived status even if prerequisites
 *   are missing: trainers know best.
 *
 * `validation` is present exactly when the status is `validated` or `expired`.
 */
import type { SkillGraph } from '../skills/skill-graph.ts';
import { addMonths, type Instant, toMillis } from '../time.ts';
import type { ProgressEvent } from './events.ts';

export type SkillStatus =
  | 'locked'
  | 'available'
  | 'in_progress'
  | 'submitted'
  | 'validated'
  | 'expired'
  | 'withdrawn';

export interface Validation {
  source: 'self' | 'trainer' | 'jury';
  level?: number;
  by: string;
  at: string;
  expiresAt?: string;
}

export interface SkillState {
  skillId: string;
  status: SkillStatus;
  /** The current (best) validation; present when validated or expired. */
  validation?: Validation;
  /** The learner's latest self-assessment still standing, even under an official validation. */
  selfAssessment?: Validation;
  lastRejection?: { by: string; at: string; comment: string };
  lastEventAt?: string;
  /** The skill's number of levels (0: none), so level rules can be judged from the state alone. */
  levelCount?: number;
}

export interface FoldOptions {
  now: Instant;
  /** Months a validation of this skill stays valid; undefined: forever. */
  validityMonths?: (skillId: string) => number | undefined;
}

/**
 * What the events of one skill have established so far (shared with `learner-progress.ts`,
 * which keeps the tracks to apply later events one at a time).
 */
export interface Track {
  official?: Validation;
  /** When `official` lapses (epoch milliseconds): settling never parses a date. */
  officialUntil?: number;
  self?: Validation;
  selfUntil?: number;
  pending: boolean;
  withdrawn: boolean;
  lastRejection?: { by: string; at: string; comment: string };
  lastEventAt?: string;
}

/**
 * Replays a learner's ledger into one state per skill of the graph.
 *
 * @param graph the skill graph; events for skills it lacks are ignored, not thrown.
 * @param events one learner's events, in ledger order.
 * @param options `now` to judge expiry, and each skill's validity in months.
 * @returns a state for every skill of the graph, in topological order.
 */
export function foldSkillStates(
  graph: SkillGraph,
  events: readonly ProgressEvent[],
  options: FoldOptions,
): ReadonlyMap<string, SkillState> {
  return settleAll(graph, foldTracks(graph, events, options.validityMonths), toMillis(options.now));
}

/**
 * Folds events into the tracks of their skills. Tracks judge nothing about the current time
 * (settling does), so tracks saved after some events and folded on with the later ones give
 * the tracks of the whole ledger: that is what a saved learner snapshot relies on.
 *
 * @param graph the skill graph; events for skills it lacks are ignored.
 * @param events one learner's events, in ledger order (after those already in `into`).
 * @param validityMonths each skill's validity in months.
 * @param into the tracks of the events before these, changed in place; a new map by default.
 * @returns `into`, with these events folded in.
 */
export function foldTracks(
  graph: SkillGraph,
  events: readonly ProgressEvent[],
  validityMonths: FoldOptions['validityMonths'],
  into: Map<string, Track> = new Map(),
): Map<string, Track> {
  for (const event of events) {
    if (!graph.has(event.skillId)) continue;
    let track = into.get(event.skillId);
    if (track === undefined) {
      track = newTrack();
      into.set(event.skillId, track);
    }
    applyToTrack(track, event, validityMonths?.(event.skillId));
  }
  return into;
}

/**
 * The states of every skill from the tracks of the skills with events, in topological order.
 *
 * @param now epoch milliseconds, to judge expiry.
 */
export function settleAll(
  graph: SkillGraph,
  tracks: ReadonlyMap<string, Track>,
  now: number,
): Map<string, SkillState> {
  const states = new Map<string, SkillState>();
  for (const skillId of graph.topologicalOrder()) {
    const track = tracks.get(skillId);
    const levelCount = graph.node(skillId).levelCount;
    if (track !== undefined) {
      states.set(skillId, settle(skillId, track, now, levelCount));
      continue;
    }
    states.set(skillId, untouchedState(graph, skillId, states));
  }
  return states;
}

/**
 * The instants around `now` between which `settleAll` gives the same states for these tracks:
 * time only matters through validations lapsing, so settling at any `t` with
 * `from <= t < until` gives what settling at `now` gives. A caller may keep settled states for
 * that long (a lapse at `until` may change nothing; it is the next instant that could).
 *
 * @param tracks the tracks of the skills with events.
 * @param now epoch milliseconds.
 * @returns `from`: the latest lapse at or before `now` (-Infinity if none); `until`: the
 *   earliest lapse after it (Infinity if none).
 */
export function settledBetween(
  tracks: ReadonlyMap<string, Track>,
  now: number,
): { from: number; until: number } {
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  const consider = (lapse: number | undefined) => {
    if (lapse === undefined) return;
    if (lapse <= now) from = Math.max(from, lapse);
    else until = Math.min(until, lapse);
  };
  for (const track of tracks.values()) {
    consider(track.officialUntil);
    consider(track.selfUntil);
  }
  return { from, until };
}

/**
 * The state of a skill without events: `available` when every prerequisite is validated, else
 * `locked`. Only skills with events can be validated, so prerequisites without events never
 * unlock.
 */
export function untouchedState(
  graph: SkillGraph,
  skillId: string,
  states: ReadonlyMap<string, SkillState>,
): SkillState {
  const unlocked = graph
    .prerequisites(skillId)
    .every((prerequisite) => states.get(prerequisite)?.status === 'validated');
  return {
    skillId,
    status: unlocked ? 'available' : 'locked',
    levelCount: graph.node(skillId).levelCount,
  };
}

/**
 * Says whether a skill state meets a requirement.
 *
 * @param state the skill's state (undefined: never met).
 * @param requirement `acceptSelf`: whether self-assessment counts; `minLevel`: the level asked;
 *   `levelCount`: the skill's number of levels, when the state does not carry it. A validation
 *   without a level meets `minLevel` only when the skill is known to have no levels.
 * @returns true when the skill is validated by an accepted source at the level asked.
 */
export function isSatisfied(
  state: SkillState | undefined,
  requirement: { acceptSelf: boolean; minLevel?: number; levelCount?: number },
): boolean {
  return meets(state, requirement.acceptSelf, requirement.minLevel, requirement.levelCount);
}

/** `isSatisfied` with positional arguments, for loops that must not allocate. */
export function meets(
  state: SkillState | undefined,
  acceptSelf: boolean,
  minLevel: number | undefined,
  levelCount?: number,
): boolean {
  const validation = state?.validation;
  if (state?.status !== 'validated' || validation === undefined) return false;
  if (validation.source === 'self' && !acceptSelf) return false;
  if (minLevel === undefined) return true;
  if (validation.level !== undefined) return validation.level >= minLevel;
  return (levelCount ?? state.levelCount) === 0;
}

/** A track before any event; every member present, so all tracks share one object shape. */
export function newTrack(): Track {
  return {
    official: undefined,
    officialUntil: undefined,
    self: undefined,
    selfUntil: undefined,
    pending: false,
    withdrawn: false,
    lastRejection: undefined,
    lastEventAt: undefined,
  };
}

/** Folds one event into its skill's track (`months`: the skill's validity, if it lapses). */
export function applyToTrack(track: Track, event: ProgressEvent, months: number | undefined): void {
  track.lastEventAt = event.at;
  switch (event.type) {
    case 'skill-started':
      return;
    case 'evidence-submitted':
      track.pending = true;
      track.withdrawn = false;
      return;
    case 'skill-self-assessed': {
      const until = lapseOf(event, months);
      track.self = validation('self', event.level, event, until);
      track.selfUntil = until;
      track.withdrawn = false;
      return;
    }
    case 'skill-validated': {
      const until = lapseOf(event, months);
      track.official = validation('trainer', event.level, event, until);
      track.officialUntil = until;
      track.pending = false;
      track.withdrawn = false;
      return;
    }
    case 'skill-rejected':
      track.self = undefined;
      track.selfUntil = undefined;
      track.pending = false;
      track.withdrawn = false;
      track.lastRejection = { by: event.by, at: event.at, comment: event.comment };
      return;
    case 'validation-withdrawn':
      clearValidations(track);
      track.withdrawn = true;
      return;
    case 'jury-decided':
      if (event.outcome === 'recu') {
        const until = lapseOf(event, months);
        track.official = validation('jury', track.official?.level, event, until);
        track.officialUntil = until;
        track.pending = false;
        track.withdrawn = false;
        return;
      }
      clearValidations(track);
      track.withdrawn = event.outcome === 'refuse';
      track.lastRejection = { by: event.by, at: event.at, comment: event.comment ?? '' };
      return;
  }
}

function clearValidations(track: Track): void {
  track.official = undefined;
  track.officialUntil = undefined;
  track.self = undefined;
  track.selfUntil = undefined;
  track.pending = false;
}

/** When a validation made by `event` lapses (epoch milliseconds), if the skill has a validity. */
function lapseOf(event: ProgressEvent, months: number | undefined): number | undefined {
  return months === undefined ? undefined : addMonths(toMillis(event.at), months);
}

function validation(
  source: Validation['source'],
  level: number | undefined,
  event: ProgressEvent,
  until: number | undefined,
): Validation {
  const result: Validation = { source, by: event.by, at: event.at };
  if (level !== undefined) result.level = level;
  if (until !== undefined) result.expiresAt = new Date(until).toISOString();
  return result;
}

/** The state a track gives its skill at `now` (epoch milliseconds). */
export function settle(skillId: string, track: Track, now: number, levelCount: number): SkillState {
  // Best first: standing official, pending submission, standing self-assessment, lapsed one.
  let status: SkillStatus = 'in_progress';
  let validation: Validation | undefined;
  if (track.official !== undefined && !lapsed(track.officialUntil, now)) {
    status = 'validated';
    validation = track.official;
  } else if (track.pending) {
    status = 'submitted';
  } else if (track.self !== undefined && !lapsed(track.selfUntil, now)) {
    status = 'validated';
    validation = track.self;
  } else if (track.official !== undefined || track.self !== undefined) {
    status = 'expired';
    validation = track.official ?? track.self;
  } else if (track.withdrawn) {
    status = 'withdrawn';
  }
  // One object, members always in this order (states are compared and serialized).
  const state: SkillState = { skillId, status, levelCount };
  if (track.self !== undefined) state.selfAssessment = track.self;
  if (track.lastRejection !== undefined) state.lastRejection = track.lastRejection;
  if (track.lastEventAt !== undefined) state.lastEventAt = track.lastEventAt;
  if (validation !== undefined) state.validation = validation;
  return state;
}

function lapsed(until: number | undefined, now: number): boolean {
  return until !== undefined && now >= until;
}
