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

/** What the events of one skill have established so far. */
interface Track {
  official?: Validation;
  self?: Validation;
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
  const now = toMillis(options.now);
  const tracks = new Map<string, Track>();
  for (const event of events) {
    if (!graph.has(event.skillId)) continue;
    let track = tracks.get(event.skillId);
    if (track === undefined) {
      track = { pending: false, withdrawn: false };
      tracks.set(event.skillId, track);
    }
    apply(track, event, options.validityMonths?.(event.skillId));
  }

  const states = new Map<string, SkillState>();
  for (const skillId of graph.topologicalOrder()) {
    const track = tracks.get(skillId);
    const levelCount = graph.node(skillId).levelCount;
    if (track !== undefined) {
      states.set(skillId, settle(skillId, track, now, levelCount));
      continue;
    }
    // Only skills with events can be validated, so prerequisites without events never unlock.
    const unlocked = graph
      .prerequisites(skillId)
      .every((prerequisite) => states.get(prerequisite)?.status === 'validated');
    states.set(skillId, { skillId, status: unlocked ? 'available' : 'locked', levelCount });
  }
  return states;
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
  const validation = state?.validation;
  if (state?.status !== 'validated' || validation === undefined) return false;
  if (validation.source === 'self' && !requirement.acceptSelf) return false;
  if (requirement.minLevel === undefined) return true;
  if (validation.level !== undefined) return validation.level >= requirement.minLevel;
  return (requirement.levelCount ?? state.levelCount) === 0;
}

function apply(track: Track, event: ProgressEvent, months: number | undefined): void {
  track.lastEventAt = event.at;
  switch (event.type) {
    case 'skill-started':
      return;
    case 'evidence-submitted':
      track.pending = true;
      track.withdrawn = false;
      return;
    case 'skill-self-assessed':
      track.self = validation('self', event.level, event, months);
      track.withdrawn = false;
      return;
    case 'skill-validated':
      track.official = validation('trainer', event.level, event, months);
      track.pending = false;
      track.withdrawn = false;
      return;
    case 'skill-rejected':
      track.self = undefined;
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
        track.official = validation('jury', track.official?.level, event, months);
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
  track.self = undefined;
  track.pending = false;
}

function validation(
  source: Validation['source'],
  level: number | undefined,
  event: ProgressEvent,
  months: number | undefined,
): Validation {
  const result: Validation = { source, by: event.by, at: event.at };
  if (level !== undefined) result.level = level;
  if (months !== undefined)
    result.expiresAt = new Date(addMonths(toMillis(event.at), months)).toISOString();
  return result;
}

function settle(skillId: string, track: Track, now: number, levelCount: number): SkillState {
  const state: SkillState = { skillId, status: 'in_progress', levelCount };
  if (track.self !== undefined) state.selfAssessment = track.self;
  if (track.lastRejection !== undefined) state.lastRejection = track.lastRejection;
  if (track.lastEventAt !== undefined) state.lastEventAt = track.lastEventAt;

  const lapsed = (v: Validation | undefined): boolean =>
    v?.expiresAt !== undefined && now >= Date.parse(v.expiresAt);
  if (track.official !== undefined && !lapsed(track.official)) {
    return { ...state, status: 'validated', validation: track.official };
  }
  if (track.pending) return { ...state, status: 'submitted' };
  if (track.self !== undefined && !lapsed(track.self)) {
    return { ...state, status: 'validated', validation: track.self };
  }
  const expired = track.official ?? track.self;
  if (expired !== undefined) return { ...state, status: 'expired', validation: expired };
  if (track.withdrawn) return { ...state, status: 'withdrawn' };
  return state;
}
