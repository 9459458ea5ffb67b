/**
 * A learner's skill states, kept up to date one event at a time. Recording progress folds the
 * ledger once for the state before the new event, then applies the new event here: only its
 * skill is settled again, and, when that skill became or stopped being validated, the skills
 * it unlocks. The result is the same map `foldSkillStates` gives for the whole ledger (a
 * property test checks it), for a small part of the work.
 */
import type { SkillGraph } from '../skills/skill-graph.ts';
import { toMillis } from '../time.ts';
import type { ProgressEvent } from './events.ts';
import {
  applyToTrack,
  type FoldOptions,
  newTrack,
  type SkillState,
  settle,
  settleAll,
  type Track,
  untouchedState,
} from './skill-states.ts';

export class LearnerProgress {
  private constructor(
    private readonly graph: SkillGraph,
    private readonly options: FoldOptions,
    private readonly now: number,
    private readonly trackMap: Map<string, Track>,
    private readonly current: Map<string, SkillState>,
  ) {}

  /**
   * Folds a ledger, as `foldSkillStates` does, keeping what later events need.
   *
   * @param graph the skill graph; events for skills it lacks are ignored.
   * @param events one learner's events, in ledger order.
   * @param options `now` to judge expiry (for these events and the ones applied later), and
   *   each skill's validity in months.
   */
  static fold(
    graph: SkillGraph,
    events: readonly ProgressEvent[],
    options: FoldOptions,
  ): LearnerProgress {
    const tracks = new Map<string, Track>();
    const progress = new LearnerProgress(graph, options, toMillis(options.now), tracks, new Map());
    for (const event of events) progress.track(event);
    for (const [skillId, state] of settleAll(graph, tracks, progress.now)) {
      progress.current.set(skillId, state);
    }
    return progress;
  }

  /**
   * Every skill's state, in topological order. The map is live: `apply` changes it, so read
   * what you need from the state before an event before applying the event.
   */
  get states(): ReadonlyMap<string, SkillState> {
    return this.current;
  }

  /** The tracks of the skills with events (what `track-snapshot.ts` writes down). */
  get tracks(): ReadonlyMap<string, Track> {
    return this.trackMap;
  }

  /**
   * Applies the next event of the ledger.
   *
   * @returns the skills whose state changed (the event's skill first), for `BadgeEligibility`.
   */
  apply(event: ProgressEvent): string[] {
    const track = this.track(event);
    if (track === undefined) return [];
    const skillId = event.skillId;
    const before = this.current.get(skillId);
    const after = settle(skillId, track, this.now, this.graph.node(skillId).levelCount);
    this.current.set(skillId, after);
    const changed = [skillId];
    // Only "validated" unlocks: the skills without events that follow this one are the only
    // others whose state can change, and their change goes no further (they are not validated).
    if ((before?.status === 'validated') !== (after.status === 'validated')) {
      for (const dependent of this.graph.dependents(skillId)) {
        if (this.trackMap.has(dependent)) continue;
        const unlocked = after.status === 'validated' && this.allValidated(dependent);
        if ((this.current.get(dependent)?.status === 'available') === unlocked) continue;
        this.current.set(dependent, untouchedState(this.graph, dependent, this.current));
        changed.push(dependent);
      }
    }
    return changed;
  }

  private allValidated(skillId: string): boolean {
    for (const prerequisite of this.graph.prerequisites(skillId)) {
      if (this.current.get(prerequisite)?.status !== 'validated') return false;
    }
    return true;
  }

  private track(event: ProgressEvent): Track | undefined {
    if (!this.graph.has(event.skillId)) return undefined;
    let track = this.trackMap.get(event.skillId);
    if (track === undefined) {
      track = newTrack();
      this.trackMap.set(event.skillId, track);
    }
    applyToTrack(track, event, this.options.validityMonths?.(event.skillId));
    return track;
  }
}
